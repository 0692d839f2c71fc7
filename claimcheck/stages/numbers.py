"""Numbers and quantities in claim text, normalised: "28,500 troops" -> 28500 troops,
"an hour and a half" -> 90 minute (duration), "35-year-old" -> age 35, "45 per cent" -> 45 percent,
"$1.2bn" -> 1.2e9 usd, "three dozen" -> 36, "two leaders" -> 2 leaders, "second summit" -> ordinal 2.
"""

from __future__ import annotations

import re

from claimcheck.models import NumberSlot

_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
         "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000, "dozen": 12}
_SHORT_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000,
                 "tn": 1_000_000_000_000, "trn": 1_000_000_000_000}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
             "ninth": 9, "tenth": 10}
_CURRENCY = {"$": "usd", "us$": "usd", "£": "gbp", "€": "eur", "¥": "jpy", "dollars": "usd", "dollar": "usd",
             "pounds": "gbp", "pound": "gbp", "euros": "eur", "euro": "eur", "yen": "jpy"}
_MINUTES = {"second": 1 / 60, "minute": 1, "hour": 60}
_DAYS = {"day": 1, "week": 7}
_APPROX = re.compile(r"\b(?:about|around|nearly|almost|roughly|approximately|some|more than|less than|fewer than|"
                     r"over|under|at least|at most|up to|an estimated|estimated|close to|upwards of)\s+$", re.I)
# Words after a number that are not its unit.
_NOT_UNIT = {"of", "to", "and", "or", "the", "a", "an", "in", "on", "at", "for", "with", "by", "from", "as", "than",
             "that", "who", "which", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would",
             "it", "its", "this", "these", "those", "they", "he", "she", "we", "i", "you", "per", "times", "after",
             "before", "into", "out", "over", "up", "down", "not", "no", "but", "so", "if", "when", "while", "where",
             "said", "says", "more", "other", "others", "new", "additional", "extra", "further", "most", "least",
             "then", "also", "all", "each", "both", "did", "do", "does", "can", "could", "may", "might", "must"}
_SKIP_BEFORE_UNIT = {"more", "other", "additional", "extra", "further", "new", "u.s.", "us", "american", "british",
                     "uk", "foreign", "full", "separate", "different", "straight", "consecutive", "previous",
                     "last", "first", "next", "young", "old", "armed", "local", "active", "registered", "known",
                     "confirmed", "reported"}

_WORD_NUM = "|".join(sorted(list(_ONES) + list(_TENS), key=len, reverse=True))
_NUM_RE = re.compile(
    r"(?<![\w.,$£€-])(?P<cur>US\$|\$|£|€|¥)?\s?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d:/])"
    r"(?:\s?(?P<short>bn|mn|trn|tn|[kmb])\b|\s+(?P<scale>hundred|thousand|million|billion|trillion)\b)?"
    r"(?P<age>-year-old|-years-old| years? old\b)?"
    r"(?P<pct>\s?%|\s+per ?cent\b|\s+percent\b)?", re.I)
_WORDS_RE = re.compile(
    rf"\b(?P<words>(?:(?:{_WORD_NUM})(?:-(?:{'|'.join(_ONES)}))?|a|an|half a|several|three|a few)"
    rf"(?:\s+(?:(?:{_WORD_NUM})(?:-(?:{'|'.join(_ONES)}))?|hundred|thousand|million|billion|trillion|dozen|and))*"
    rf"(?:\s+(?:hundred|thousand|million|billion|trillion|dozen))?)\b(?P<age>-year-old)?", re.I)
_HOUR_HALF = re.compile(r"\b(?P<n>an|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s+"
                        r"(?P<unit>hour|minute|day|week|month|year)s?\s+and\s+(?:a\s+)?half\b", re.I)
_HALF_UNIT = re.compile(r"\bhalf\s+(?:an?\s+)(?P<unit>hour|minute|day|week|month|year)\b", re.I)
_UNIT_AFTER = re.compile(r"\s+((?:[A-Za-z][\w.'’-]*\s+){0,2}?)([a-z][a-z-]*)\b")
_ORD_RE = re.compile(r"\b(?:the|their|his|her|its|our|my|your|a|this|that|[’']s)\s+(?P<word>"
                     + "|".join(_ORDINALS) + r"|(?P<n>\d+)(?:st|nd|rd|th))\s+(?P<unit>[a-z][a-z-]+)\b")
_ADJECTIVE = re.compile(r"(?:[^e]ed|ing|al|ous|ive|ic|ful|less|able|ible)$")
_DURATION_WORDS = {"second", "seconds"}
_DURATION_UNIT = re.compile(r"(hour|minute|second|day|week|month|year)s?$")


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
        if _ADJECTIVE.search(low) and low not in _DURATION_WORDS:
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


def find_numbers(text: str, offset: int, skip: list[tuple[int, int]]) -> list[NumberSlot]:
    """Numbers and quantities in ``text`` that do not overlap the absolute spans in ``skip`` (dates)."""
    out: list[NumberSlot] = []
    taken = [(s - offset, e - offset) for s, e in skip]

    def free(s: int, e: int) -> bool:
        return not any(s < te and ts < e for ts, te in taken)

    def add(s: int, e: int, value: float, unit: str | None, kind: str) -> None:
        taken.append((s, e))
        approx = bool(_APPROX.search(text[max(0, s - 20):s]))
        out.append(NumberSlot(text=text[s:e], start=offset + s, end=offset + e, value=float(value), unit=unit,
                              kind=kind, approximate=approx))

    for m in _HOUR_HALF.finditer(text):
        n = m.group("n").lower()
        value = float(n) if n.isdigit() else (words_to_number(n) or 1.0)
        add(m.start(), m.end(), *_classify(value + 0.5, m.group("unit").lower()))
    for m in _HALF_UNIT.finditer(text):
        if free(m.start(), m.end()):
            add(m.start(), m.end(), *_classify(0.5, m.group("unit").lower()))
    for m in _NUM_RE.finditer(text):
        s, e = m.start("cur") if m.group("cur") else m.start("num"), m.end()
        if not free(s, e):
            continue
        value = float(m.group("num").replace(",", ""))
        if m.group("short"):
            value *= _SHORT_SCALES[m.group("short").lower()]
        elif m.group("scale"):
            value *= _SCALES[m.group("scale").lower()]
        end = e
        if m.group("age"):
            add(s, end, value, "year", "age")
        elif m.group("pct"):
            add(s, end, value, "percent", "percent")
        elif m.group("cur"):
            add(s, end, value, _CURRENCY[m.group("cur").lower()], "money")
        else:
            unit, uend = _unit_after(text, end)
            if unit is None:
                add(s, end, value, None, "count")
            else:
                add(s, uend, *_classify(value, unit))
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
        value = words_to_number(low)
        if value is None:
            continue
        if m.group("age"):
            add(s, m.end(), value, "year", "age")
            continue
        unit, uend = _unit_after(text, e)
        if low in ("a", "an", "one"):
            # A bare article or "one" is a number only before a unit of time or money.
            if unit is None or _classify(1, unit)[2] == "count":
                continue
        if unit is None:
            if low in ("a", "an"):
                continue
            add(s, e, value, None, "count")
        else:
            add(s, uend, *_classify(value, unit))
    for m in _ORD_RE.finditer(text):
        if not free(m.start("word"), m.end()):
            continue
        unit = m.group("unit").lower()
        if unit in _NOT_UNIT or unit in ("time", "place", "half", "quarter", "lady", "hand"):
            continue
        value = int(m.group("n")) if m.group("n") else _ORDINALS[m.group("word").lower()]
        add(m.start("word"), m.end(), value, unit, "ordinal")
    return sorted(out, key=lambda n: (n.start, n.end))
