"""Values that exclude each other, for claims the slot rules leave alone: weekdays, seasons and parts of the
day a claim names without a resolvable date ("held on Monday" / "held on Tuesday"; "in the spring" / "in the
autumn"), and ordinals of the same thing ("the second summit" / "the third summit"). Months and numbers are
slots already (claimcheck/stages/dates.py, numbers.py)."""

from __future__ import annotations

import re

from claimcheck.models import Claim, Reason
from claimcheck.stages.dates import WEEKDAYS

_SCALES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("weekday", re.compile(r"\b(" + "|".join(WEEKDAYS) + r")s?\b", re.IGNORECASE)),
    # a season or part of the day only after a preposition or determiner: "spring" / "fall" are verbs too
    ("season", re.compile(r"\b(?:in|this|last|next|during|by|until|early|late|mid-?)\s+(?:the\s+)?"
                          r"(spring|summer|autumn|fall|winter)\b", re.IGNORECASE)),
    ("part of day", re.compile(r"\b(?:in|on|during|this|that|late|early|by|until)\s+(?:the\s+)?"
                               r"(morning|afternoon|evening|night)\b", re.IGNORECASE)),
)
_SAME = {"fall": "autumn"}


def _values(pattern: re.Pattern[str], text: str) -> set[str]:
    out = set()
    for m in pattern.finditer(text):
        word = m.group(1).lower()
        out.add(_SAME.get(word, word))
    return out


def scale_conflict(a: Claim, b: Claim) -> Reason | None:
    """A weekday, season or part of the day on each side that the other side lacks (reason kind ``date``).
    Weekdays count only when not both claims carry a day-precise date: resolved days are the date rule's."""
    both_days = (any(d.granularity == "day" for d in a.slots.dates)
                 and any(d.granularity == "day" for d in b.slots.dates))
    for name, pattern in _SCALES:
        if name == "weekday" and both_days:
            continue
        va, vb = _values(pattern, a.text), _values(pattern, b.text)
        if va and vb and va - vb and vb - va:
            x, y = sorted(va - vb)[0], sorted(vb - va)[0]
            return Reason(kind="date", detail=f"{x} vs {y} ({name})", values=((a.source, x), (b.source, y)))
    return None


def _ordinals(c: Claim) -> dict[str, dict[int, str]]:
    """unit -> {ordinal value: its words in the claim} ("summit" -> {2: "second summit"})."""
    out: dict[str, dict[int, str]] = {}
    for n in c.slots.numbers:
        if n.kind == "ordinal" and n.unit:
            out.setdefault(n.unit.lower(), {}).setdefault(int(n.value), n.text)
    return out


def ordinal_conflict(a: Claim, b: Claim) -> Reason | None:
    """A different ordinal of the same thing on each side ("second summit" / "third summit"; kind ``number``)."""
    oa, ob = _ordinals(a), _ordinals(b)
    for unit in sorted(set(oa) & set(ob)):
        xa, xb = set(oa[unit]) - set(ob[unit]), set(ob[unit]) - set(oa[unit])
        if xa and xb:
            va, vb = oa[unit][min(xa)], ob[unit][min(xb)]
            return Reason(kind="number", detail=f"{va} vs {vb}", values=((a.source, va), (b.source, vb)))
    return None
