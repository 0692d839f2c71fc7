"""Whether two mentions name the same person, place or organisation although they are spelt differently.

Generic rules, no list of names:

- folding: case, accents, dots ("U.S."), apostrophes, hyphens, a leading "the", a possessive, titles
  ("President", "Col.", "Mr") and company suffixes ("Inc.", "Corp.", "Ltd");
- transliteration and spelling variants of one word ("Gaddafi" / "Qaddafi" / "Gadhafi", "Muammar" /
  "Moammar", "Mohammed" / "Muhammad"): the same consonant skeleton (q, c, ck -> k; dh, th, kh -> d, t, k;
  ph -> f; z -> s; v -> w; h and inner vowels dropped; doubled letters collapsed) *and* a close spelling
  (``MIN_RATIO``), so that different names with one skeleton ("Mohammed" / "Mahmoud") stay apart;
- short forms: a one-word name is any whole first or last word of the other ("Gaddafi" / "Muammar
  Gaddafi", "Kim" / "Kim Jong Un"); a middle name or initial may be left out ("George W. Bush"); a first
  name may be an initial ("J. Smith", "E. coli" / "Escherichia coli"), also on its own ("E." / "Escherichia":
  the name run of "E. coli" ends at its lower-case second word); two full names must agree on both first and last word ("Bill
  Clinton" / "Hillary Clinton" differ);
- first names: a short form by the ``nicknames`` package's curated table ("Katie" / "Kathryn", "Bill" /
  "William");
- initials: an upper-case short form is the initials of the other's words, with or without "of", "and",
  "for" ("IBM" / "International Business Machines", "FBI" / "Federal Bureau of Investigation", "U.N." /
  "United Nations").
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any, NamedTuple

from claimcheck.stages.extract.places import LEADING_THE, POSSESSIVE_END, groups_compatible, places_compatible

# How close two spellings with one skeleton must be (difflib ratio). Chosen with scripts/calibrate_names.py on the
# ECB+ train entity chains: of 390 same-chain pairs of distinct capitalised mentions same_name joins 136 (the rest
# are descriptions such as "Rehab" / "Betty Ford Center", not spellings), of 5,199 different-chain pairs 11
# (0.2%; generic capitalised nouns such as "Police" / "Oregon State Police", and "Woman" / "Women"); on dev 65 of
# 149 and 0 of 1,558. No one-word different-chain pair with one skeleton lies below 0.80 there, so the limit is set
# by the spellings it must admit: "Qaddafi" / "Gadhafi" and "Gaddafi" / "Kadhafi" are 0.71, "Mohammed" /
# "Muhammad" 0.75, while "Mohammed" / "Mahmoud" (one skeleton, two names) is 0.40 and must stay apart.
MIN_RATIO = 0.7

_TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "president",
           "vice", "prime", "minister", "premier", "gen", "general", "col", "colonel", "lt", "lieutenant", "capt",
           "captain", "sgt", "sergeant", "cpl", "corporal", "pte", "private", "maj", "major", "adm", "admiral",
           "rev", "reverend", "fr", "father", "sheikh", "shaikh", "king", "queen", "prince", "princess", "pope",
           "senator", "sen", "rep", "representative", "gov", "governor", "mayor", "chief", "judge", "justice",
           "officer", "secretary", "chancellor", "ambassador", "sister", "brother", "saint", "st", "jr", "sr",
           "dj", "coach", "chairman", "chairwoman", "ceo", "detective", "det", "inspector", "insp", "supt",
           "superintendent", "commissioner", "deputy", "leader", "state", "foreign", "defence", "defense",
           "interior", "finance", "actor", "actress", "singer", "rapper", "star"}
_CORPORATE = {"inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "plc", "llc", "llp",
              "lp", "group", "holdings", "holding", "sa", "ag", "gmbh", "nv", "bv", "spa", "se"}
# the head words of one kind of place that outlets use for one another: "Betty Ford Center" / "Betty Ford Clinic"
# (ECB+ train); "Boston College" / "Boston University" are two institutions and stay apart
_FACILITY = {"center", "centre", "clinic"}
_LINKS = {"of", "and", "for", "the", "on", "in", "de", "du", "des", "la", "le", "del", "von", "van", "der", "den",
          "di", "da", "y", "&"}
_PARTICLE = re.compile(r"\b(?:al|el|ul|ad|as|ash|an|ar|az)[-‐‑]", re.IGNORECASE)  # "al-Gaddafi" -> "Gaddafi"
_INITIAL = re.compile(r"[A-Z]\.")  # one capital with its period: a first word shortened ("E. coli", "J. Smith")
_ACRONYM = re.compile(r"(?:[A-Z]\.){2,8}|[A-Z][A-Z&]{1,7}|[A-Z](?:[a-z]?[A-Z]){1,6}")  # "IBM", "U.N.", "BoE"
# the fixed patterns of the helpers below, compiled once: ``re``'s cache lookup per call was a large part of their cost
_NOT_LETTER = re.compile(r"[^A-Za-z&]")
_NOT_WORD = re.compile(r"[^a-z0-9 ]+")


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _words(name: str) -> list[str]:
    """The folded words of a name: case, accents, dots, apostrophes, a possessive, "the", particles."""
    text = _ascii(name.replace("’", "'")).strip()
    text = re.sub(r"'s$", "", text)
    text = _PARTICLE.sub("", text)
    text = text.replace(".", " ").replace("'", "")
    return [w for w in re.split(r"[^A-Za-z0-9&]+", text.lower()) if w]


def _content(words: list[str]) -> list[str]:
    """The words that name: without titles, company suffixes and a leading "the"."""
    out = [w for w in words if w not in _TITLES and w != "the"]
    while len(out) > 1 and out[-1] in _CORPORATE:
        out.pop()
    return out or words


@lru_cache(maxsize=1 << 16)
def skeleton(word: str) -> str:
    """A spelling-tolerant key of one word: "gaddafi", "qaddafi", "gadhafi", "kadhafi" -> "kdf"."""
    w = _ascii(word).lower()
    for a, b in (("ph", "f"), ("ck", "k"), ("q", "k"), ("c", "k"), ("g", "k"), ("x", "ks"), ("z", "s"), ("v", "w"),
                 ("j", "y"), ("dh", "d"), ("th", "t"), ("kh", "k"), ("sh", "s"), ("h", "")):
        w = w.replace(a, b)
    if not w:
        return ""
    head = "a" if w[0] in "aeiouy" else w[0]
    rest = re.sub(r"[aeiouy]", "", w[1:])
    return re.sub(r"(.)\1+", r"\1", head + rest)


def same_word(a: str, b: str) -> bool:
    """Two words of names that are one word spelt differently ("Muammar" / "Moammar", "Qaddafi" / "Gadhafi")."""
    if a == b:
        return True
    if len(a) < 3 or len(b) < 3 or a.isdigit() or b.isdigit():
        return False
    return skeleton(a) == skeleton(b) and SequenceMatcher(None, a, b).ratio() >= MIN_RATIO


@lru_cache(maxsize=1)
def _nicknames() -> Any:
    from nicknames import NickNamer

    return NickNamer()


def _nickname(a: str, b: str) -> bool:
    """One first name is a short form of the other ("Katie" / "Kathryn", "Bill" / "William"), by the curated
    English name table of the ``nicknames`` package."""
    if len(a) < 2 or len(b) < 2:
        return False
    table = _nicknames()
    return b in table.nicknames_of(a) or a in table.nicknames_of(b)


def _first_name_match(a: str, b: str) -> bool:
    """First names: the same word, one is the other's initial ("J" / "John") or its short form ("Kate" /
    "Kathryn")."""
    return (same_word(a, b) or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))
            or _nickname(a, b))


def _initials_match(short: str, words: list[str]) -> bool:
    """``short`` (letters of an acronym) is the initials of ``words``, with or without the link words."""
    if len(words) < 2:
        return False
    content = [w for w in words if w not in _LINKS]
    forms = {"".join(w[0] for w in words), "".join(w[0] for w in content)}
    trimmed = _content(words)
    forms |= {"".join(w[0] for w in trimmed), "".join(w[0] for w in trimmed if w not in _LINKS)}
    return short in forms


def _acronym(name: str) -> str | None:
    """The letters of an upper-case short form ("IBM", "U.N.", "BoE"), else None."""
    text = LEADING_THE.sub("", _ascii(name).strip())
    text = POSSESSIVE_END.sub("", text)
    if not _ACRONYM.fullmatch(text):
        return None
    return _NOT_LETTER.sub("", text).lower().replace("&", "")


class _Form(NamedTuple):
    """What ``same_name`` reads of one name, computed once per name rather than once per pair."""

    words: tuple[str, ...]  # _words(name)
    content: tuple[str, ...]  # _content of those words
    acronym: str | None  # _acronym(name)
    initial: str  # the lower-cased letter of a name that is one capital with its period ("E."), else ""
    skeletons: frozenset[str]  # the ``skeleton`` of each content word: two words ``same_word`` calls one share it
    loose: bool  # an acronym or an initial: it may match a name it shares no skeleton with


@lru_cache(maxsize=1 << 16)  # a story's distinct names; a pair of them is the costly part without it
def _form(name: str) -> _Form:
    words = _words(name)
    stripped = name.strip()
    content = _content(words)
    acronym = _acronym(name)
    initial = stripped[0].lower() if _INITIAL.fullmatch(stripped) else ""
    return _Form(tuple(words), tuple(content), acronym, initial, frozenset(map(skeleton, content)),
                 bool(acronym or initial))


def _may_match(fa: _Form, fb: _Form) -> bool:
    """Whether ``same_name`` can hold for two names at all: unless one is an acronym or an initial, the names must
    share a word's ``skeleton`` (equal names, one facility's two head words and ``same_word`` all need one)."""
    return fa.loose or fb.loose or not fa.skeletons.isdisjoint(fb.skeletons)


@lru_cache(maxsize=1 << 15)  # most calls come through the entities_match cache below
def same_name(a: str, b: str, *, person: bool = False) -> bool:
    """Whether two name mentions name the same thing although they are spelt or shortened differently:
    transliteration variants ("Muammar Gaddafi" / "Moammar Qaddafi"), a surname alone ("Gaddafi"), the
    name without its first names ("Diane Crawford Smith" / "Sharron Diane Crawford Smith"), initials ("IBM" /
    "International Business Machines"). With ``person`` a one-word name may also be the first word ("Kim" /
    "Kim Jong Un"); without, "Boston" is not "Boston Herald". Pass the texts as written: initials are
    recognised by their capitals."""
    fa, fb = _form(a), _form(b)
    wa, wb = fa.content, fb.content
    if not wa or not wb:
        return False
    for short, full in ((fa, fb), (fb, fa)):
        if short.initial and len(full.words) == 1 and full.words[0][:1] == short.initial:
            return True  # "E." (of "E. coli") / "Escherichia": a one-word name shortened to its initial
    if wa == wb or (len(wa) == len(wb) > 1 and wa[:-1] == wb[:-1] and {wa[-1], wb[-1]} <= _FACILITY):
        return True  # "Betty Ford Center" / "Betty Ford Clinic"
    for short, full in ((fa, fb), (fb, fa)):
        if short.acronym and _initials_match(short.acronym, [w for w in full.words if w not in _TITLES]):
            return True
    if fa.skeletons.isdisjoint(fb.skeletons):
        return False  # no word of one is a word of the other (``same_word`` needs one skeleton): most pairs asked
    ta = [w for w in wa if w not in _LINKS] or wa
    tb = [w for w in wb if w not in _LINKS] or wb
    short_w, long_w = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short_w) == 1:
        return same_word(short_w[0], long_w[-1]) or (person and same_word(short_w[0], long_w[0]))
    if not same_word(short_w[-1], long_w[-1]):
        return False
    tail = long_w[len(long_w) - len(short_w):]
    if len(tail) == len(short_w) and all(same_word(x, y) for x, y in zip(short_w, tail)):
        return True  # "Diane Crawford Smith" / "Sharron Diane Crawford Smith": first names left out
    if not _first_name_match(short_w[0], long_w[0]):
        return False
    # the middle words of the shorter name appear, in order, among the longer one's (an initial matches a word)
    rest = iter(long_w[1:-1])
    return all(any(_first_name_match(w, x) for x in rest) for w in short_w[1:-1])


# the group of each entity label whose names can be compared: a place, a person, an organisation, a group
# (NORP); the one list every rule that compares names of the same kind reads
LABEL_GROUP = {"GPE": "place", "LOC": "place", "FAC": "place", "PERSON": "person", "ORG": "org", "NORP": "group"}


# the groups whose names may still match (an ORG may be a place or a person the tagger mislabelled)
_CROSS_GROUPS = frozenset({("org", "place"), ("place", "org"), ("org", "person"), ("person", "org")})


def same_entity(x: Any, y: Any) -> bool:
    """Whether two EntitySlots name the same thing: equal keys, or ``same_name`` on their texts; places,
    people and organisations never match across groups (an ORG may be a place the tagger mislabelled)."""
    return _same_entity(x.text, x.label, x.key, y.text, y.label, y.key)


def _same_entity(x_text: str, x_label: str, x_key: str, y_text: str, y_label: str, y_key: str) -> bool:
    """``same_entity`` of two slots' (text, label, key)."""
    if x_key == y_key:
        return True
    gx, gy = LABEL_GROUP.get(x_label), LABEL_GROUP.get(y_label)
    if gx and gy and gx != gy and (gx, gy) not in _CROSS_GROUPS:
        return False
    # ``same_name`` only where it can hold (``_may_match``): most pairs asked share no word, and two cache misses of
    # ``same_name`` per pair were ~2 s (sampled) of a 1,000-article comparison's ~61 s
    fxt, fyt, fxk, fyk = _form(x_text), _form(y_text), _form(x_key), _form(y_key)
    person = "PERSON" in (x_label, y_label)
    return (_may_match(fxt, fyt) and same_name(x_text, y_text, person=person)) or \
        (_may_match(fxk, fyk) and same_name(x_key, y_key, person=person))


@lru_cache(maxsize=1 << 16)
def fold_words(text: str) -> str:
    """Lower-case words and digits of a text, possessives and punctuation dropped ("Kim's" -> "kim"); cached: the
    comparison folds the same claim texts and names pair after pair."""
    return _NOT_WORD.sub(" ", text.lower().replace("’", "'").replace("'s", "")).strip()


def entities_match(x: Any, y: Any) -> bool:
    """The one entity-agreement rule of the comparison: the same key, one name a part of the other ("Kim" /
    "Kim Jong-un"), or a spelling variant, short form or initials of it (``same_entity``: "Gaddafi" / "Qaddafi",
    "IBM" / "International Business ..."), or for two places one place or one inside the other
    (``places.places_compatible``: "Athens" / "Greece"). Reads only the two slots' texts, keys and labels, so it
    is cached on them: a large finding compares the same few names of a story pair after pair."""
    if x.key == y.key:
        return True  # the same key (``_entities_match`` says so, whatever the key)
    # cached on plain (text, label, key) tuples: the call is made ~800k times on a 1,000-article run, and a plain
    # tuple is built in one step where a ``_Named`` costs a Python call (the two hash and compare alike)
    return _entities_match((x.text, x.label, x.key), (y.text, y.label, y.key))


class _Named(NamedTuple):
    """What ``entities_match`` reads of an EntitySlot (hashable, so the answer can be cached)."""

    text: str
    label: str
    key: str


@lru_cache(maxsize=1 << 16)  # bounded (~25 MB full): a run meets one story's names at a time
def _entities_match(x_slot: tuple[str, str, str], y_slot: tuple[str, str, str]) -> bool:
    """``entities_match`` of two (text, label, key) tuples (a ``_Named`` is one)."""
    x_text, x_label, x_key = x_slot
    y_text, y_label, y_key = y_slot
    kx, ky = _key_words(x_key), _key_words(y_key)
    if (kx and ky and (kx <= ky or ky <= kx)) or _same_entity(x_text, x_label, x_key, y_text, y_label, y_key):
        return True
    group = LABEL_GROUP.get(x_label)
    if group != LABEL_GROUP.get(y_label):
        return False
    if group == "group":
        return _same_group(x_text, y_text) or groups_compatible(x_text, y_text)
    return group == "place" and places_compatible(x_text, y_text)


@lru_cache(maxsize=1 << 16)  # one per distinct key; read by every pair of names ``_entities_match`` meets
def _key_words(key: str) -> frozenset[str]:
    """The folded words of a name's key."""
    return frozenset(fold_words(key).split())


def _same_group(a: str, b: str) -> bool:
    """Two forms of one nationality or group word: one word is the other with a demonym ending of at most
    three letters ("Somali" / "Somalian", "Kurd" / "Kurdish")."""
    wa, wb = fold_words(a).split(), fold_words(b).split()
    if len(wa) != 1 or len(wb) != 1:
        return False
    short, long = sorted((wa[0], wb[0]), key=len)
    return len(short) >= 4 and long.startswith(short) and len(long) - len(short) <= 3


# "a letter from President Donald Trump" / "letters to US president Donald Trump": the preposition right before a
# name's noun phrase (only titles, capitalised words and "the" between) that makes the named one the sender or the
# receiver. "to" followed by a verb ("wants to meet Trump") is an infinitive, not a receiver: the words between
# must be titles or capitalised.
_DIRECTION_WORDS = frozenset({"from", "to"})
_DIRECTION_WORD = re.compile(r"[A-Za-z][\w.'’-]*")


def direction_before(text: str, start: int) -> str | None:
    """"from" or "to" when the name at ``text[start:]`` is the object of that preposition ("a letter from
    President Donald Trump", "letters to US president Donald Trump"), with at most three titles, capitalised words
    or "the" between; else None."""
    words = _DIRECTION_WORD.findall(text[max(0, start - 80):start])
    for k, w in enumerate(reversed(words)):
        low = w.lower()
        if low in _DIRECTION_WORDS:
            return low
        if k >= 3 or not (w[0].isupper() or low in _TITLES or low == "the"):
            return None
    return None


__all__ = ["LABEL_GROUP", "MIN_RATIO", "direction_before", "entities_match", "fold_words", "same_entity",
           "same_name", "same_word", "skeleton"]
