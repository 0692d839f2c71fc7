"""Numbers and quantities in claim text, normalised: "28,500 troops" -> 28500 troops,
"an hour and a half" -> 90 minute (duration), "35-year-old" -> age 35, "45 per cent" -> 45 percent,
"$1.2bn" -> 1.2e9 usd, "three dozen" -> 36, "two leaders" -> 2 leaders, "second summit" -> ordinal 2,
"6.0-magnitude quake" / "magnitude 6" -> measure 6 magnitude, "a 10-mile radius" -> measure 10 mile.

Times of day ("7:48 a.m.", "2248 GMT", "noon") are no numbers (``dates.find_times``). Each number carries
what it counts (``noun``: "people" / "persons" / "person" -> "person") and the role of the counted things
(``role``: "dead", "injured", "missing", ...: "1 dead", "5 people were injured", "killing 2 people"), so that
``same_quantity`` says whether two numbers count or measure the same thing and ``numbers_equal`` whether
their values agree.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from typing import NamedTuple

from claimcheck.config import ExtractConfig
from claimcheck.models import NumberSlot
from claimcheck.stages.extract.dates import MONTHS, WEEKDAYS, find_times

_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
         "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000, "dozen": 12}
# a sum of money per span of time ("$22 million per season", "$5m a year", "annually"): a rate, not a total
_PER_PERIOD = re.compile(r"(?:\s*|-)(?:(?:per|a|an|each|every)[\s-]+(?:year|season|month|week|day|hour|annum)\b"
                         r"(?![-‐]|\s+(?:ago|earlier|later|before|after)\b)|"  # not "$1.5 billion a year earlier"
                         r"annually\b|yearly\b|/\s?(?:yr|year)\b)", re.I)
_SHORT_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "mm": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000,
                 "tn": 1_000_000_000_000, "trn": 1_000_000_000_000}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
             "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
             "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
             "twentieth": 20}
_CURRENCY = {"$": "usd", "us$": "usd", "£": "gbp", "€": "eur", "¥": "jpy", "dollars": "usd", "dollar": "usd",
             "pounds": "gbp", "pound": "gbp", "euros": "eur", "euro": "eur", "yen": "jpy"}
_MINUTES = {"second": 1 / 60, "minute": 1, "hour": 60}
_DAYS = {"day": 1, "week": 7}
_APPROX = re.compile(r"\b(?:about|around|nearly|almost|roughly|approximately|some|more than|less than|fewer than|"
                     r"over|under|at least|at most|up to|an estimated|estimated|close to|upwards of)\s+$", re.I)


def approximate_before(text: str, start: int) -> bool:
    """Whether the value at ``start`` of ``text`` is hedged as approximate by the words before it ("about 450",
    "around 6:40 a.m."): the one list of such words, for numbers and times of day."""
    return bool(_APPROX.search(text[max(0, start - 20):start]))


# Words after a number that are not its unit.
_NOT_UNIT = {"of", "to", "and", "or", "the", "a", "an", "in", "on", "at", "for", "with", "by", "from", "as", "than",
             "that", "who", "which", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would",
             "it", "its", "this", "these", "those", "they", "he", "she", "we", "i", "you", "per", "times", "after",
             "before", "into", "out", "over", "up", "down", "not", "no", "but", "so", "if", "when", "while", "where",
             "said", "says", "more", "other", "others", "new", "additional", "extra", "further", "most", "least",
             "then", "also", "all", "each", "both", "did", "do", "does", "can", "could", "may", "might", "must",
             "remain", "remains", "remained", "died", "die", "dies", "still", "reportedly", "now", "later", "left",
             "feared", "believed", "got", "get", "gets", "became", "become", "say", "told", "against",
             "between", "since", "about", "under", "among", "during", "through", "without", "within", "via"}
_SKIP_BEFORE_UNIT = {"more", "other", "additional", "extra", "further", "new", "u.s.", "us", "american", "british",
                     "uk", "foreign", "full", "separate", "different", "straight", "consecutive", "previous",
                     "last", "first", "next", "young", "old", "armed", "local", "active", "registered", "known",
                     "confirmed", "reported"}

_WORD_NUM = "|".join(sorted(list(_ONES) + list(_TENS), key=len, reverse=True))
_NUM_RE = re.compile(
    r"(?<![\w.,$£€-])(?P<cur>US\$|\$|£|€|¥)?\s?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d:/]|(?:st|nd|rd|th)\b)"
    r"(?:\s?(?P<short>bn|mn|(?<=\d)(?-i:MM)|trn|tn|[kmb])\b|(?:\s+|-)(?P<scale>hundred|thousand|million|billion|trillion)\b)?"
    r"(?P<age>-year-old|-years-old| years? old\b)?"
    r"(?P<pct>\s?%|\s+per ?cent\b|\s+percent\b)?", re.I)
_WORDS_RE = re.compile(
    rf"\b(?P<words>(?:(?:{_WORD_NUM})(?:-(?:{'|'.join(_ONES)}))?|a|an|half a|several|three|a few)"
    rf"(?:\s+(?:(?:{_WORD_NUM})(?:-(?:{'|'.join(_ONES)}))?|hundred|thousand|million|billion|trillion|dozen|and))*"
    rf"(?:(?:\s+|-)(?:hundred|thousand|million|billion|trillion|dozen))?)\b(?P<age>-year-old)?", re.I)
_HOUR_HALF = re.compile(r"\b(?P<n>an|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s+"
                        r"(?P<unit>hour|minute|day|week|month|year)s?\s+and\s+(?:a\s+)?half\b", re.I)
_HALF_UNIT = re.compile(r"\bhalf\s+(?:an?\s+)(?P<unit>hour|minute|day|week|month|year)\b", re.I)
_UNIT_AFTER = re.compile(r"\s+((?:[A-Za-z][\w.'’-]*\s+){0,2}?)([a-z][a-z-]*)\b")
_ORD_RE = re.compile(r"(?:\b(?:the|their|his|her|its|our|my|your|a|an|this|that|[’']s)\s+|^\s*|[.!?\"“]\s+)"
                     r"(?P<word>"
                     + "|".join(sorted(_ORDINALS, key=len, reverse=True))
                     + r"|(?P<n>\d+)(?:st|nd|rd|th))(?:-ever)?\b", re.IGNORECASE)
_ADJECTIVE = re.compile(r"(?:[^e]ed|ing|al|ous|ive|ic|ful|less|able|ible)$")
_DURATION_WORDS = {"second", "seconds"}
_DURATION_UNIT = re.compile(r"(hour|minute|second|day|week|month|year)s?$")


# an ordinal as a word or in digits ("first", "twentieth", "3rd", "21st"), one pattern for every rule that reads one
ORDINAL_PATTERN = "|".join(sorted(_ORDINALS, key=len, reverse=True)) + r"|\d+(?:st|nd|rd|th)"


def ordinal_value(word: str) -> int | None:
    """The value of an ordinal word or digits ("first" -> 1, "3rd" -> 3, "Twentieth" -> 20), None when ``word`` is
    none."""
    word = word.lower()
    if word in _ORDINALS:
        return _ORDINALS[word]
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", word)
    return int(m.group(1)) if m else None


def words_to_number(words: str) -> float | None:
    """The value of a number written in words ("twenty-five", "three dozen", "two million"), else None."""
    total, current, seen = 0.0, 0.0, False
    for w in re.split(r"[\s-]+", words.lower()):
        if w in ("and", ""):
            continue
        if w in ("a", "an"):
            current = current or 1
            continue
        if w in _ONES:
            current += _ONES[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w in _SCALES:
            scale = _SCALES[w]
            current = (current or 1) * scale
            if scale >= 1000:
                total, current = total + current, 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def _unit_after(text: str, pos: int) -> tuple[str | None, int]:
    """The unit noun right after a number (skipping "more", "U.S." ...), and where it ends."""
    i = pos
    for _ in range(3):
        m = re.match(r"\s+([A-Za-z][\w.'’-]*)", text[i:])
        if not m:
            return None, pos
        word = m.group(1).rstrip(".,;:'’")
        low = word.lower()
        if low in _SKIP_BEFORE_UNIT or (word[:1].isupper() and low not in _CURRENCY):
            i += m.end(1)
            continue
        if low in _NOT_UNIT or not re.fullmatch(r"[a-z][a-z-]*", low):
            return None, pos
        if (_ADJECTIVE.search(low) or (low in _ROLE_OF and low not in _ROLE_NOUNS)) and low not in _DURATION_WORDS:
            # "three alleged victims": the unit is the noun after the adjective, if there is one
            nxt = re.match(r"\s+([a-z][a-z-]*)\b", text[i + m.end(1):])
            if nxt and nxt.group(1) not in _NOT_UNIT and not _ADJECTIVE.search(nxt.group(1)):
                return nxt.group(1), i + m.end(1) + nxt.end(1)
            return None, pos
        return low, i + m.start(1) + len(word)
    return None, pos


def _classify(value: float, unit: str | None) -> tuple[float, str | None, str]:
    """Turn a (value, unit) into a normalised (value, unit, kind) for durations and money words."""
    if unit is None:
        return value, None, "count"
    if unit in _CURRENCY:
        return value, _CURRENCY[unit], "money"
    m = _DURATION_UNIT.fullmatch(unit)
    if m:
        base = m.group(1)
        if base in _MINUTES:
            return value * _MINUTES[base], "minute", "duration"
        if base in _DAYS:
            return value * _DAYS[base], "day", "duration"
        return value, base, "duration"
    return value, unit, "count"


# Roles: what happened to the things a number counts. Each canonical role with the words that say it.
_ROLE_WORDS = {
    "dead": ("dead", "killed", "kill", "kills", "killing", "died", "die", "dies", "dying", "death", "deaths",
             "fatalities", "fatality", "perished", "lives", "bodies", "fatally"),
    "injured": ("injured", "injuring", "injure", "injures", "injuries", "injury", "wounded", "wounding", "wounds",
                "hurt", "hurting", "hospitalised", "hospitalized", "hospitalising", "hospitalizing"),
    "missing": ("missing", "unaccounted"),
    "displaced": ("displaced", "displacing", "evacuated", "evacuating", "evacuate", "evacuees", "homeless", "fled",
                  "fleeing"),
    "arrested": ("arrested", "arresting", "arrests", "detained", "detaining", "detainees", "jailed", "apprehended"),
    "rescued": ("rescued", "rescuing", "rescue", "saved"),
    "casualties": ("casualties", "casualty"),  # dead and injured together: a quantity of its own
    "survived": ("survived", "survivors", "survivor"),
}
_ROLE_OF = {w: role for role, ws in _ROLE_WORDS.items() for w in ws}
_ROLE_ALT = "|".join(sorted(_ROLE_OF, key=len, reverse=True))
# Counted nouns that name the role themselves ("10 deaths", "3 casualties"): they count people.
_ROLE_NOUNS = {"death", "deaths", "fatalities", "fatality", "lives", "bodies", "injuries", "injury", "casualties",
               "casualty", "evacuees", "detainees", "survivors", "survivor", "arrests"}
# Nouns for people in general: "5 people", "1 person", "10 persons", "3 individuals" count the same thing.
_PERSON_NOUNS = {"people", "person", "persons", "individual", "individuals", "human", "humans", "others", "other"}
# Words between a number (with its noun) and the role word after it: "5 people were seriously injured",
# "12 of them were hospitalized",
# "2 remain missing", "3 others were reportedly killed", "1 person who died"; a negation keeps the quantity it
# negates ("5 people did not die", "2 do not remain missing": the same count of dead / missing, denied).
_ROLE_AFTER = re.compile(
    r"\s*(?:,\s*(?=who\b|that\b))?(?:(?:of|them|those|these|who|that|were|was|are|is|have|has|had|been|being|be|remain|remained|"
    r"did|do|does|didn['’]t|don['’]t|doesn['’]t|never|"
    r"remains|still|reportedly|reported|confirmed|believed|feared|thought|presumed|now|later|all|left|listed|as|"
    r"seriously|critically|badly|slightly|severely|fatally|mortally|lightly|gravely|either|both|also|officially|"
    r"not|others|other|suffered|sustained|received|suffering|sustaining|minor|serious|severe|critical|major|moderate|"
    r"life-threatening|non-life-threatening)\s+){0,4}(?P<role>"
    + "|".join(w for w in sorted(_ROLE_OF, key=len, reverse=True) if not w.endswith("ing") or w == "missing")
    + r")\b", re.IGNORECASE)
# A role verb or toll right before a number: "killing 1 person", "injured at least 20", "the death toll rose to 10".
_ROLE_BEFORE = re.compile(
    r"\b(?P<role>killing|killed|kills|kill|injuring|injured|injures|wounding|wounded|evacuated|evacuating|"
    r"displacing|displaced|arrested|arresting|detained|detaining|rescued|rescuing|"
    r"death toll|toll)"
    r"(?:\s+(?:has|had|have|was|is|now|rose|risen|rises|climbed|climbs|reached|reaches|jumped|stood|stands|"
    r"increased|grew|hit|of|at|to|stood at|to at least|at least|about|around|nearly|almost|some|more than|"
    r"over|up to|an estimated|another|a further|further|roughly|approximately|other))*\s+$", re.IGNORECASE)
_ROLE_BEFORE_CANON = {"killing": "dead", "killed": "dead", "kills": "dead", "kill": "dead", "death toll": "dead",
                      "toll": "dead", "injuring": "injured", "injured": "injured", "injures": "injured",
                      "wounding": "injured", "wounded": "injured", "evacuated": "displaced",
                      "evacuating": "displaced", "displacing": "displaced", "displaced": "displaced",
                      "arrested": "arrested", "arresting": "arrested", "detained": "arrested",
                      "detaining": "arrested", "rescued": "rescued", "rescuing": "rescued"}
# Units of measure (kind "measure"): a magnitude, a length, a weight, a speed, a temperature, an area.
_MEASURES = {"magnitude": "magnitude", "mile": "mile", "miles": "mile", "km": "km", "kilometre": "km",
             "kilometres": "km", "kilometer": "km", "kilometers": "km", "metre": "m", "metres": "m", "meter": "m",
             "meters": "m", "foot": "foot", "feet": "foot", "ft": "foot", "inch": "inch", "inches": "inch",
             "yard": "yard", "yards": "yard", "kg": "kg", "kilogram": "kg", "kilograms": "kg", "kilo": "kg",
             "kilos": "kg", "ton": "ton", "tons": "ton", "tonne": "ton", "tonnes": "ton", "degree": "degree",
             "degrees": "degree", "mph": "mph", "kph": "kph", "acre": "acre", "acres": "acre", "hectare": "hectare",
             "hectares": "hectare", "storey": "storey", "storeys": "storey", "story": "storey", "stories": "storey",
             "megawatt": "megawatt", "megawatts": "megawatt", "mw": "megawatt", "gallon": "gallon",
             "gallons": "gallon", "barrel": "barrel", "barrels": "barrel", "litre": "litre", "litres": "litre",
             "liter": "litre", "liters": "litre", "kms": "km", "kgs": "kg", "cm": "cm", "centimetre": "cm",
             "centimetres": "cm", "centimeter": "cm", "centimeters": "cm", "mm": "mm", "millimetre": "mm",
             "millimetres": "mm", "millimeter": "mm", "millimeters": "mm"}
_MAGNITUDE = re.compile(
    r"(?<![\w.,-])(?:magnitude(?:-|\s+of\s+|\s+)(?P<a>\d+(?:\.\d+)?)(?![\d.]*\d)"
    r"|(?P<b>\d+(?:\.\d+)?)(?:-|\s+)magnitude\b"
    r"|(?P<c>\d+(?:\.\d+)?)\s+on\s+the\s+(?:open-ended\s+)?Richter(?:\s+scale)?\b)", re.IGNORECASE)
# Rate changes in percentage points: "a quarter of a percentage point", "half a point", "25 basis points",
# "0.25 percentage points" are all one measure (unit "percentage point"; a basis point is 0.01 of one). A bare
# "points" after digits stays a count ("scored 30 points"); after a fraction it is a rate ("a quarter point").
_POINTS = re.compile(
    r"(?<![\w.,-])(?:(?P<num>\d+(?:\.\d+)?)|(?P<word>one|two|three|four|five|six|seven|eight|nine|ten)|"
    r"(?:an?\s+)?(?P<frac>three[\s-]quarters?|quarter|half)(?:\s+of)?(?:\s+an?)?)"
    r"[\s-]+(?P<unit>percentage[\s-]points?|basis[\s-]points?|bps|bp|points?)\b", re.IGNORECASE)
_FRACTIONS = {"quarter": 0.25, "half": 0.5}
# A result or vote tally "7-2" / "5–4" next to a word that says so ("voted 6-3", "a 7-2 vote", "won 3-1"):
# one value (kind "score", stored as higher * 1000 + lower: "7-2" and "2-7" are one result). Without such a
# word "6-8" is a range or an identifier and no number.
_TALLY = re.compile(r"(?<![\w.,/–-])(?P<a>\d{1,3})\s?[-–]\s?(?P<b>\d{1,3})(?![\w,/–-]|[.]\d)")
_TALLY_WORDS = re.compile(
    r"\b(?:vot(?:e|es|ed|ing)|ballot|rul(?:ing|ed)|decision|verdict|majority|margin|split|w[oi]n|wins|winning|"
    r"beat(?:s|en)?|defeat(?:s|ed)?|lost|los(?:e|es|ing)|victory|score[ds]?|dr[ae]w|drawn|tie[ds]?|result|"
    r"lead|led|leads|trail(?:s|ed|ing)?)\b", re.IGNORECASE)


# A tally during the game, not its result: "trailing 14-0 at the start of the second quarter", "led 2-0 at half-time".
# Its role ("interim") makes it another quantity than the final "won 20-13".
_INTERIM = re.compile(r"\b(?:lead|led|leads|leading|trail(?:s|ed|ing)?)\s+(?:by\s+)?$", re.IGNORECASE)


def score_label(value: float) -> str:
    """A tally's words from its stored value (7002.0 -> "7-2")."""
    hi, lo = divmod(int(value), 1000)
    return f"{hi}-{lo}"


_CALENDAR = frozenset(w.lower() for w in (*MONTHS, *WEEKDAYS))
# A person's age set off by commas after the name: "Daniel Whitmore, 58, was convicted" (the name is whose age).
_APPOSED_AGE = re.compile(r"\b((?:[A-Z][\w’'-]+\s+){0,3}[A-Z][\w’'-]+),\s*$")


def _apposed_name(text: str, start: int, end: int) -> str | None:
    """The name a number set off by commas right after it gives the age of ("Daniel Whitmore, 58, was"), folded;
    None when the words before are no name ("On Tuesday, 12, ...", "In 2019, 45, ...")."""
    m = _APPOSED_AGE.search(text, 0, start)
    if not m or not re.match(r"\s*,", text[end:]):
        return None
    words = m.group(1).split()
    while words and words[0].lower() in _NOT_UNIT:
        words.pop(0)  # a capitalised first word of the sentence: "In Paris, ..."
    if not words or any(w.lower().rstrip(".") in _CALENDAR for w in words):
        return None
    return " ".join(words).lower()


_HYPHEN_UNIT = re.compile(r"-(?P<unit>[a-z]+)\b(?!-)")
_COMPOUND_HEAD = re.compile(r"\s+([a-z][a-z]+)\b")  # the noun a hyphenated count sizes: "five-boat [pirate] attack"
_WORD_PCT = re.compile(r"\s+(?:per\s?cent|percent)\b", re.IGNORECASE)
# Words between an ordinal and the noun it counts: "the second DPRK-US summit", "her first official visit".
_ORD_SKIP = {"ever", "such", "official", "historic", "formal", "direct", "face-to-face", "major", "big", "full",
             "joint", "straight", "consecutive", "successive", "public", "state", "overseas", "foreign", "known",
             "recorded", "reported", "confirmed", "high-level", "high-profile", "one-on-one", "in-person", "solo",
             "annual", "ever-", "large", "deadly", "fatal", "powerful", "strong", "brief"}
_ORD_ADJECTIVE = re.compile(r"(?:[^e]ed|ous|ful|less|ntial|ical|istic)$")
_IRREGULAR = {"children": "child", "men": "man", "women": "woman", "people": "people", "police": "police",
              "feet": "foot", "teeth": "tooth", "mice": "mouse", "geese": "goose", "lives": "life"}
# idioms, not a count of occurrences ("first lady", "first-hand", "first aid"); "the first time a president met" /
# "the second time" is one (ordinal_conflict gates it like any ordinal: the rest of the sentence must match)
_FOR_THE = re.compile(r"\bfor\s+(?:the\s+|a\s+)?$", re.IGNORECASE)
# an ordinal with a reference point after its noun ("the first election since independence", "the first
# parliamentary election held after the adoption of a new constitution") counts from then on, not in all: another
# quantity than a plain "fourth parliamentary election" (ECB+ train), the same as "the second election since"
_ORD_SINCE = re.compile(r"(?:\s+[a-z]+)?\s+(?:since|held\s+(?:since|after))\b")  # not "the fourth victim died after"
_ORD_NOT_NOUN = {"place", "lady", "hand", "rate", "class", "sight", "aid", "instance", "degree"}


def singular(word: str) -> str:
    """A plain English singular of a counted noun ("people" stays, "troops" -> "troop", "casualties" -> "casualty")."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and re.search(r"(?:ss|sh|ch|x)es$", w):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def counted_noun(unit: str | None, role: str | None = None) -> str | None:
    """What a number with this unit counts, normalised: "people" / "persons" / "others" -> "person",
    "troops" -> "troop", a role noun ("deaths", "casualties") -> "person"; a bare number with a role
    ("1 dead", "2 missing") counts persons too; None when it counts nothing said."""
    if unit is None:
        return "person" if role is not None else None
    low = unit.lower()
    if low in _PERSON_NOUNS or low in _ROLE_NOUNS:
        return "person"
    if low in _MEASURES:
        return _MEASURES[low]
    return _SAME_NOUN.get(low, singular(low))


# Counted nouns that name one group in other words: the people watching ("45,000 fans" / "54,000 supporters" /
# "a crowd of 45,000") and the people protesting. Only words that count the very same people go here.
_SAME_NOUN = {w: "spectator" for w in ("fan", "fans", "supporter", "supporters", "spectator", "spectators")}
_SAME_NOUN.update({w: "protester" for w in ("protester", "protesters", "protestor", "protestors", "demonstrator",
                                             "demonstrators", "marcher", "marchers")})
# "a crowd of 45,000" / "an attendance of 45,000": the number counts the spectators
_CROWD_OF = re.compile(r"\b(?:crowd|attendance|audience)\s+of\s+(?:(?:about|around|some|nearly|almost|more than|over|"
                       r"at least|an estimated)\s+)?$", re.IGNORECASE)


def role_of(text: str, start: int, end: int, *, window: int = ExtractConfig.role_window) -> str | None:
    """The role of the things a number at ``text[start:end]`` (with its noun) counts: "dead", "injured",
    "missing", "displaced", "arrested", "rescued", "casualties", "survived"; None when the text does not say.
    Read from the noun or its adjective ("10 deaths", "two missing people"), a role verb or toll right before
    ("killing 1 person", "the death toll rose to 10") or the words right after ("5 people were injured", "2 remain
    missing"; not across a comma: "killing 10 people, injuring dozens" gives the 10 no injured role). A role verb
    or toll is looked for in the ``window`` characters before the number."""
    for word in reversed(re.findall(r"[A-Za-z]+", text[start:end])):
        if word.lower() in _ROLE_OF:  # "10 deaths", "two missing people", "3 dead soldiers"
            return _ROLE_OF[word.lower()]
    before = _ROLE_BEFORE.search(text[max(0, start - window):start])
    if before:
        return _ROLE_BEFORE_CANON.get(re.sub(r"\s+", " ", before.group("role").lower()))
    after = _ROLE_AFTER.match(text, end)
    if after:
        return _ROLE_OF[after.group("role").lower()]
    return None


# Nouns for a person that a place or a name in front of them only describes: "a 61-year-old Vancouver man" is the
# man's age, not Vancouver's.
_PERSON_HEADS = {"man", "woman", "boy", "girl", "men", "women", "teenager", "teen", "youth", "resident", "native",
                 "mother", "father", "son", "daughter", "husband", "wife", "driver", "student", "worker", "climber",
                 "tourist", "national", "citizen", "soldier", "officer", "suspect", "victim", "player", "actor",
                 "actress", "singer", "businessman", "businesswoman", "pensioner", "grandmother", "grandfather"}


_LOWER_WORD = re.compile(r"([a-z]+)\b")


def _age_of(text: str, end: int) -> str | None:
    """Whose age a "N-year-old" gives: the noun or name right after it ("a 35-year-old man" -> "man", "61-year-old
    Sharron Smith" -> "sharron smith", "a 61-year-old Vancouver man" -> "man"), else None."""
    m = re.match(r"\s+((?:[A-Z][\w’'-]+\s*){1,4}|[a-z]+)", text[end:])
    if not m or m.group(1).strip().lower() in _NOT_UNIT:
        return None
    if m.group(1)[0].islower():
        return singular(m.group(1).strip())
    head = _LOWER_WORD.match(text, end + m.end())
    if head and head.group(1) in _PERSON_HEADS:
        return singular(head.group(1))
    return m.group(1).strip().lower()


def _ordinal_noun(text: str, pos: int) -> tuple[str | None, int]:
    """The noun an ordinal counts: the first plain lower-case noun within three words after ``pos``, past
    capitalised or hyphenated modifiers and adjectives ("second DPRK-US summit", "first official visit")."""
    i = pos
    for _ in range(4):
        m = re.match(r"\s+([A-Za-z][\w’'-]*)", text[i:])
        if not m:
            return None, pos
        word = m.group(1).rstrip("’'")
        low = word.lower()
        end = i + m.start(1) + len(word)
        if low in _NOT_UNIT:
            return None, pos
        if word[:1].isupper() or low in _ORD_SKIP or ("-" in low and not re.fullmatch(r"[a-z]+(?:-[a-z]+)?", low)):
            i = end
            continue
        if not re.fullmatch(r"[a-z][a-z-]*", low):
            return None, pos
        nxt = re.match(r"\s+([a-z][a-z-]*)\b", text[end:])
        if _ORD_ADJECTIVE.search(low) and nxt and nxt.group(1) not in _NOT_UNIT:
            i = end  # "her first official visit": the noun is after the adjective
            continue
        return low, end
    return None, pos


_AGO = re.compile(r"\s+ago\b", re.IGNORECASE)


class _Found:
    """The numbers found in one text so far, and the spans taken (by them, by dates and by times of day)."""

    def __init__(self, text: str, offset: int, taken: list[tuple[int, int]], *, role_window: int) -> None:
        self.text, self.offset, self.taken, self.role_window = text, offset, taken, role_window
        self.out: list[NumberSlot] = []

    def free(self, s: int, e: int) -> bool:
        """Whether [s, e) overlaps nothing taken."""
        return not any(s < te and ts < e for ts, te in self.taken)

    def add(self, s: int, e: int, value: float, unit: str | None, kind: str, *, compound: bool = False,
            noun: str | None = None, role: str | None = None) -> None:
        """A number at [s, e) of the text: its role, counted noun and whether it is approximate are read here.
        ``compound``: a hyphenated count in front of a noun ("a five-boat pirate attack"), which sizes that noun:
        its role is the noun's first word, so it is another quantity than "captured three boats" (a measure stays
        one quantity: "a 7-metre wave" / "a wave of 10 metres"). ``role``: a role the caller read (a count's is
        read here)."""
        text = self.text
        self.taken.append((s, e))
        approx = approximate_before(text, s)
        if unit is not None and unit.lower() in _ROLE_OF and unit.lower() not in _ROLE_NOUNS:
            unit = None  # "1 dead", "2 missing": the word is the role, not what is counted
        if kind == "count" and unit is not None and unit.lower() in _MEASURES:
            kind, unit = "measure", _MEASURES[unit.lower()]
        role = role_of(text, s, e, window=self.role_window) if kind == "count" else role
        if kind == "count" and compound:
            head = _COMPOUND_HEAD.match(text, e)
            role = head.group(1).lower() if head else role
        if noun is None:
            noun = _age_of(text, e) if kind == "age" else counted_noun(unit, role if kind == "count" else None)
        if noun is None and kind == "count" and _CROWD_OF.search(text, 0, s):
            noun = "spectator"
        if kind == "money" and role is None and _PER_PERIOD.match(text, e):
            role = "rate"  # "$22 million per season" is another quantity than the "$200 million" contract
        if kind == "duration" and role is None and _AGO.match(text, e):
            role = "ago"  # "killed eight days ago" is when, another quantity than "five days of rioting"
        self.out.append(NumberSlot(text=text[s:e], start=self.offset + s, end=self.offset + e, value=float(value),
                                   unit=unit, kind=kind, approximate=approx, role=role, noun=noun))


def find_numbers(text: str, offset: int, skip: list[tuple[int, int]], *,
                 role_window: int = ExtractConfig.role_window,
                 times: list[tuple[int, int]] | None = None) -> list[NumberSlot]:
    """Numbers and quantities in ``text`` that do not overlap the absolute spans in ``skip`` (dates), nor a
    time of day (``dates.find_times``; ``times``: its spans, when the caller has them); ``role_window``: see
    ``role_of``."""
    found = _Found(text, offset, [(s - offset, e - offset) for s, e in skip] +
                   (find_times(text) if times is None else list(times)),
                   role_window=role_window)
    free, add = found.free, found.add
    for m in _MAGNITUDE.finditer(text):
        if free(m.start(), m.end()):
            add(m.start(), m.end(), float(m.group("a") or m.group("b") or m.group("c")), "magnitude", "measure")
    for m in _HOUR_HALF.finditer(text):
        if not free(m.start(), m.end()):
            continue
        n = m.group("n").lower()
        value = float(n) if n.isdigit() else (words_to_number(n) or 1.0)
        add(m.start(), m.end(), *_classify(value + 0.5, m.group("unit").lower()))
    for m in _HALF_UNIT.finditer(text):
        if free(m.start(), m.end()):
            add(m.start(), m.end(), *_classify(0.5, m.group("unit").lower()))
    for m in _POINTS.finditer(text):
        unit = m.group("unit").lower()
        frac = (m.group("frac") or "").lower().replace("-", " ")
        if not free(m.start(), m.end()) or (unit.startswith("point") and not frac):
            continue
        if frac:
            value = 0.75 if frac.startswith("three") else _FRACTIONS[frac]
        else:
            value = float(m.group("num")) if m.group("num") else float(_ONES[m.group("word").lower()])
        if unit.startswith(("basis", "bp")):
            value /= 100
        start = m.start("frac") if frac else m.start()  # "a quarter point": the article is not the value
        add(start, m.end(), round(value, 6), "percentage point", "measure")
    for m in _TALLY.finditer(text):
        near = text[max(0, m.start() - 60):m.start()] + " " + text[m.end():m.end() + 40]
        if free(m.start(), m.end()) and _TALLY_WORDS.search(near):
            a, b = int(m.group("a")), int(m.group("b"))
            add(m.start(), m.end(), max(a, b) * 1000 + min(a, b), None, "score",
                role="interim" if _INTERIM.search(text, 0, m.start()) else None)
    _digit_numbers(found)
    _word_numbers(found)
    for m in _ORD_RE.finditer(text):
        if not free(m.start("word"), m.end()):
            continue
        unit, uend = _ordinal_noun(text, m.end())
        if unit is None or unit in _ORD_NOT_NOUN or (unit == "time" and _FOR_THE.search(text, 0, m.start("word"))):
            continue  # "for the first time (in years)": an idiom of novelty, not which occurrence
        value = int(m.group("n")) if m.group("n") else _ORDINALS[m.group("word").lower()]
        if _ORD_SINCE.match(text, uend):
            unit += " since"  # "the first election held after the new constitution": counted from then on
        add(m.start("word"), uend, value, unit, "ordinal")
    return _partitives(text, offset, sorted(found.out, key=lambda n: (n.start, n.end)))


# what joins the part of a partitive count to its whole: "Five of the eight carriages", "two of its 12 engines",
# "three of the train's eight carriages"
_PART_OF = re.compile(r"\s+of\s+(?:the|its|their|his|her|these|those)\s+(?:[\w-]+['’]s\s+)?")


def _partitives(text: str, offset: int, numbers: list[NumberSlot]) -> list[NumberSlot]:
    """The numbers with each partitive count read ("Five of the eight carriages left the tracks"): the part counts
    the whole's noun ("Five" is five carriages, as "Five carriages left the tracks" says) and the whole, unless a
    role word is part of it ("12 injured passengers"), takes the role "total" (how many there are in all, another
    quantity than how many left the tracks: no conflict of 8 carriages with another outlet's "Five carriages"); a
    role said after the whole is the part's ("Two of the 12 passengers were killed": two passengers dead)."""
    out = list(numbers)
    for k in range(len(out) - 1):
        part, whole = out[k], out[k + 1]
        if part.kind != "count" or whole.kind != "count" or whole.unit is None or part.unit is not None:
            continue
        m = _PART_OF.match(text, part.end - offset)
        if m is None or m.end() != whole.start - offset:
            continue
        role = part.role
        if not any(w.lower() in _ROLE_OF for w in re.findall(r"[A-Za-z]+", whole.text)):
            # a role said after the whole is the part's ("Two of the 12 passengers were killed": two dead)
            role = role or whole.role
            out[k + 1] = whole = dataclasses.replace(whole, role="total", noun=counted_noun(whole.unit))
        out[k] = dataclasses.replace(part, unit=whole.unit, role=role, noun=counted_noun(whole.unit, role))
    return out


_LENGTH_AFTER = {"high", "deep", "tall", "long", "wide", "above", "below"}
# currency words after a figure with a short scale ("600m euros", "3bn yuan"): the "m" is millions of that money
_MONEY_WORDS = frozenset(_CURRENCY) | {"usd", "eur", "gbp", "yuan", "renminbi", "rupees", "rupee", "francs", "franc",
                                       "roubles", "rubles", "rand", "pesos", "won", "krona", "kronor", "krone",
                                       "kroner", "lira", "riyals", "dirhams", "naira", "shillings", "reais", "real"}
# words of money in the clause before a bare figure with "m" ("It cost 5m", "a deal worth 600m"): millions of money
_MONEY_BEFORE = re.compile(
    r"\b(?:cost|costs|costing|worth|valued?|valuation|price[ds]?|paid|pay|pays|paying|raised?|raising|funding|funds?|"
    r"funded|budget|budgets|revenues?|sales|profits?|loss|losses|debts?|fined?|fines|salary|wages?|spent|spend|"
    r"spending|invest(?:ed|s|ing|ment)?|deal|bid|offer|compensation|damages|bill|turnover|earnings|earned|earns?|"
    r"income|tax(?:es)?|bonus|fee|fees|loan|loans|lent|lend|borrowed?|grant|grants|bailout|sold|sell|bought|"
    r"buy|award(?:ed)?|settlement|payout|donat(?:ed|ion|ions)|contract|market value|capital)\b[^.;,]{0,40}$",
    re.IGNORECASE)


def _metres_after(text: str, start: int, end: int) -> bool:
    """Whether a bare "m" after a number with no currency sign in front reads as metres, not millions ("The rock
    face fell about 600m", "a 600 m drop", "3m high"). It is millions when written "M", when a currency word follows
    ("600m euros"), when a plural noun it counts follows ("3m people", "2m barrels"), or when a word of money comes
    earlier in the clause ("It cost 5m", "a deal worth 600m")."""
    if text[end - 1] == "M":
        return False
    nxt = re.match(r"\s*([A-Za-z]+)?", text[end:])
    word = (nxt.group(1) or "").lower() if nxt else ""
    if word in _LENGTH_AFTER:
        return True
    if word in _MONEY_WORDS or word in _PERSON_NOUNS:
        return False
    if word and word not in _NOT_UNIT and len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return False  # "3m people", "1.5m barrels": a count of them
    return not _MONEY_BEFORE.search(text, 0, start)


# a unit of measure written onto a figure ("a 5km radius", "12mm of rain", "a 40kg bag")
_ATTACHED_UNIT = re.compile(r"(km|kms|cm|mm|kg|kgs|ft|mph|kph|mw)\b")


def _digit_numbers(found: _Found) -> None:
    """Numbers in digits ("4,000", "$5bn", "45%", "a 10-mile radius", "61-year-old") and their units."""
    text, free, add = found.text, found.free, found.add
    for m in _NUM_RE.finditer(text):
        s, e = m.start("cur") if m.group("cur") else m.start("num"), m.end()
        if not free(s, e):
            continue
        value = float(m.group("num").replace(",", ""))
        if m.group("short") in ("m", "M") and not m.group("cur") and _metres_after(text, s, e):
            add(s, e, value, "m", "measure")  # "the rock face fell about 600m": metres, not millions
            continue
        attached = None if any(m.group(g) for g in ("short", "scale", "age", "pct", "cur")) else \
            _ATTACHED_UNIT.match(text, e)
        if attached:
            unit = attached.group(1).lower()
            add(s, attached.end(), value, _MEASURES.get(unit, unit), "measure")  # "a 5km radius"
            continue
        if m.group("short"):
            value *= _SHORT_SCALES[m.group("short").lower()]
        elif m.group("scale"):
            value *= _SCALES[m.group("scale").lower()]
        end = e
        hyph = _HYPHEN_UNIT.match(text, end) if not (m.group("age") or m.group("pct")) else None
        if m.group("age"):
            add(s, end, value, "year", "age")
        elif m.group("pct"):
            add(s, end, value, "percent", "percent")
        elif m.group("cur"):
            add(s, end, value, _CURRENCY[m.group("cur").lower()], "money")
        elif hyph:
            add(s, hyph.end(), *_classify(value, hyph.group("unit").lower()), compound=True)  # "a 10-mile radius"
        else:
            unit, uend = _unit_after(text, end)
            whose = _apposed_name(text, s, end) if unit is None and 0 < value <= 120 and value.is_integer() else None
            if whose:
                found.add(s, end, value, "year", "age", noun=whose)  # "Whitmore, 58, was convicted"
            elif unit is None:
                add(s, end, value, None, "count")
            else:
                add(s, uend, *_classify(value, unit))


def _word_numbers(found: _Found) -> None:
    """Numbers in words ("three", "Seventy percent", "a three-day visit"; "a" / "one" only before a unit of time
    or money)."""
    text, free, add = found.text, found.free, found.add
    for m in _WORDS_RE.finditer(text):
        s, e = m.start(), m.end()
        words = m.group("words")
        low = words.lower().strip()
        if not free(s, e):
            continue
        if low.endswith(" and"):
            words = words[: len(words) - 4]
            e = s + len(words)
            low = words.lower()
        art = re.match(r"(?:an?|half a)\s+(?=\w+)", low)
        if art and low[art.end():].split()[0] not in _SCALES:
            s, low = s + art.end(), low[art.end():]  # "a three-day visit": the article is not "one"
        value = words_to_number(low)
        if value is None:
            continue
        if m.group("age"):
            add(s, m.end(), value, "year", "age")
            continue
        pct = _WORD_PCT.match(text, e)
        if pct and low not in ("a", "an"):
            add(s, pct.end(), value, "percent", "percent")  # "Seventy percent" like "70%"
            continue
        hyph = _HYPHEN_UNIT.match(text, e)
        if hyph and low not in ("a", "an", "one"):
            add(s, hyph.end(), *_classify(value, hyph.group("unit").lower()), compound=True)  # "a three-day visit"
            continue
        unit, uend = _unit_after(text, e)
        if low in ("a", "an", "one"):
            # A bare article or "one" is a number only before a unit of time or money, and "one" before a noun
            # whose role is said ("One firefighter was killed": a death toll of one)
            if unit is None or (_classify(1, unit)[2] == "count"
                                and not (low == "one" and role_of(text, s, uend, window=found.role_window))):
                continue
        if unit is None:
            if low in ("a", "an"):
                continue
            add(s, e, value, None, "count")
        else:
            add(s, uend, *_classify(value, unit))


def quantity_key(n: NumberSlot) -> str | None:
    """What a number counts or measures, as one key: its kind, counted noun (folded: "people" / "person" /
    "deaths" -> person, "miles" / "mile" -> mile) and role ("dead", "injured", "missing", ... or none); money, a
    percentage, a duration and a score by their unit and role; an age by whose it is (``age_key``). None for a
    number that counts nothing said and has no role ("48"). Compare's conflict subjects are these keys."""
    role = f":{n.role}" if n.role else ""
    if n.kind == "age":
        return f"age:{age_key(n)}"
    if n.kind in ("money", "percent", "duration", "score"):
        return f"{n.kind}:{n.unit or ''}{role}"
    noun = n.noun if n.noun is not None else counted_noun(n.unit, n.role)
    return None if noun is None else f"{n.kind}:{noun}{role}"


def same_quantity(x: NumberSlot, y: NumberSlot) -> bool:
    """Whether two numbers count or measure the same thing: one ``quantity_key``. "1 dead", "2 missing", "5 people
    injured", "magnitude 6" and "50 people" are five different quantities; a number that counts nothing said is
    the same as nothing. An age whose person is not said is any person's age ("aged 61" / "Whitmore, 58,")."""
    if x.kind == "age" and y.kind == "age":
        # ages of different people ("the 61-year-old suspect" / "an 18-year-old victim") are different quantities
        kx, ky = age_key(x), age_key(y)
        return not (kx and ky and kx != ky)
    key = quantity_key(x)
    return key is not None and key == quantity_key(y)


def age_key(n: NumberSlot) -> str:
    """Whose age a number gives, as one word: a name's last word ("Daniel Whitmore" and "Whitmore", "Alexis" and
    "Alexandros Grigoropoulos" are one person), a noun's last word ("gang member" -> member); "" when not said."""
    return n.noun.split()[-1] if n.noun else ""


def numbers_equal(x: NumberSlot, y: NumberSlot, *, tolerance: float) -> bool:
    """Whether two values of the same quantity agree: equal, or within ``tolerance`` (a fraction of the
    larger value) when either is approximate ("about 4,000" / "4,200"). Pass the CompareConfig's
    ``approx_tolerance``."""
    return values_close(x.value, y.value, approximate=x.approximate or y.approximate, tolerance=tolerance)


# float equality for exact values (not a tolerance that changes verdicts: 4,000 and 4,001 differ)
_EXACT = 1e-9


def values_close(x: float, y: float, *, approximate: bool, tolerance: float) -> bool:
    """The one number-agreement rule: equal (up to float rounding), or within ``tolerance`` (a fraction of the
    larger value) when ``approximate`` (either side says "about"). Compare, support and events call it."""
    tol = tolerance if approximate else _EXACT
    return abs(x - y) <= tol * max(1.0, abs(x), abs(y))


def number_text(value: float) -> str:
    """A value as a report writes it: thousands separated, no ".0" on a whole number ("1,200", "6.1", "0.25")."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def quantity_label(n: NumberSlot) -> str:
    """A number in words for a report: "1 dead", "5 people injured", "magnitude 6", "45%", "1,200,000 USD"."""
    value = number_text(n.value)
    if n.kind == "percent":
        return value + "%"
    if n.kind == "score":
        return score_label(n.value)
    if n.kind == "money" and n.unit:
        return f"{value} {n.unit.upper()}"
    if n.kind == "measure" and n.unit == "magnitude":
        return f"magnitude {value}"
    label = value + (f" {n.unit}" if n.unit else "")
    return label + (f" {n.role}" if n.role and (n.unit or "").lower() not in _ROLE_NOUNS else "")


class ZeroCount(NamedTuple):
    """A count of zero stated by negation ("no deaths", "no one was killed", "nobody was injured"): offsets into the
    text, its words, the role of what it counts ("dead", "injured", ...) and the noun (``counted_noun``: "person"
    when it counts anyone)."""

    start: int
    end: int
    text: str
    role: str
    noun: str


# the words between who is counted and the role word: "no one was seriously hurt", "nobody has been reported killed"
_ZERO_FILL = (r"(?:(?:was|were|is|are|has|have|had|been|being|be|reportedly|reported|confirmed|known|believed|"
              r"immediately|ever|yet|also|either)\s+){0,4}")  # not "seriously": "nobody was seriously hurt" is a part
_ROLE_VERBS = "|".join(w for w in sorted(_ROLE_OF, key=len, reverse=True)
                       if w not in _ROLE_NOUNS and _ROLE_OF[w] in ("dead", "injured", "missing"))
# "no one was killed", "nobody died", "none of the passengers were injured"
_ZERO_ANYONE = re.compile(
    r"\b(?:no[\s-]one|nobody|none(?:\s+of\s+(?:the\s+|them\b)(?P<of>[a-z]+\b)?)?)\s+" + _ZERO_FILL
    + rf"(?P<role>{_ROLE_VERBS})\b", re.IGNORECASE)
# "no deaths", "no fatalities or injuries", "there were no immediate reports of casualties"
_ZERO_NOUN = re.compile(
    r"\bno\s+(?:(?:immediate|confirmed|known|reported)\s+)?(?:(?:word|reports?|sign)\s+of\s+(?:any\s+)?)?"
    r"(?P<role>deaths|fatalities|injuries|casualties|dead|injured|wounded)\b", re.IGNORECASE)
# "no firefighters were hurt", "no people were killed" (not "no other people", "no new deaths": not all of them)
_ZERO_OF = re.compile(r"\bno\s+(?P<noun>[a-z]+)\s+" + _ZERO_FILL + rf"(?P<role>{_ROLE_VERBS})\b", re.IGNORECASE)
_NOT_ALL = frozenset({"other", "others", "more", "further", "new", "additional", "extra", "serious", "major",
                      "one", "longer", "immediate", "confirmed", "known", "reported"})


@lru_cache(maxsize=4096)
def zero_counts(text: str) -> tuple[ZeroCount, ...]:
    """The counts of zero a text states by negation, of the dead, the injured or the missing (and casualties):
    "No deaths have been reported", "no one was killed", "nobody was injured", "no injuries were reported", "none of
    the passengers were hurt", "no firefighters were hurt". Not a part of them ("no other deaths", "no serious
    injuries", "no new cases"): only a total is a zero. Cached per text (a tuple): the zero-count rule reads both
    texts of every compared pair, as ``dates.times_of_day`` is for the time rule."""
    out: list[ZeroCount] = []

    def add(m: re.Match[str], role_word: str, noun: str) -> None:
        if any(z.start < m.end() and m.start() < z.end for z in out):
            return
        out.append(ZeroCount(m.start(), m.end(), m.group(0), _ROLE_OF[role_word.lower()], noun))

    for m in _ZERO_NOUN.finditer(text):
        add(m, m.group("role"), "person")
    for m in _ZERO_ANYONE.finditer(text):
        add(m, m.group("role"), singular(m.group("of")) if m.group("of") else "person")
    for m in _ZERO_OF.finditer(text):
        noun = m.group("noun").lower()
        if noun in _NOT_ALL or noun in _ROLE_OF or noun in _NOT_UNIT:
            continue
        if noun in _PERSON_NOUNS or (noun.endswith("s") and not noun.endswith("ss")):
            add(m, m.group("role"), counted_noun(noun))
    return tuple(sorted(out))


def role_phrase_end(text: str, end: int) -> int:
    """Where the role word said right after a number ends ("One firefighter| was killed|"), else ``end``."""
    m = _ROLE_AFTER.match(text, end)
    return m.end() if m else end
