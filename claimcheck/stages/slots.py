"""Typed slots of a claim: dates (resolved against the publication date), numbers, entities,
negation, hedges and attribution. The comparison stage points at these to say *why* two
claims conflict."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from claimcheck.models import DateSlot, EntitySlot, NumberSlot, Slots

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
_MONTH_RE = "|".join(m.capitalize() for m in MONTHS) + "|" + "|".join(
    m[:3].capitalize() + r"\." for m in MONTHS if len(m) > 4)
_DATE_RE = re.compile(
    rf"\b(?:(?P<rel>last|next|this|in|since|until|by|from|of)\s+)?"
    rf"(?:(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<month>{_MONTH_RE})"
    rf"(?:\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\b)?(?:,?\s+(?P<year>(?:19|20)\d{{2}})\b)?"
)
_ISO_RE = re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})(?:-(?P<d>\d{2}))?\b")
_YEAR_RE = re.compile(r"\b(?:in|since|of|by|until)?\s*(?P<y>(?:19|20)\d{2})\b")
_NUM_RE = re.compile(
    r"(?<![\w.])(?P<cur>[$£€])?(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?P<scale>\s*(?:million|billion|bn|m)\b)?"
    r"(?P<suffix>-year-old|\s*(?:%|per ?cent|percent))?"
    r"(?:\s+(?P<unit>[A-Za-z][A-Za-z-]+))?"
)
_NEGATION = re.compile(r"\b(?:not|never|no|none|nobody|nothing|neither|nor|without|n't)\b|n't\b|\bno longer\b", re.I)
_HEDGE = re.compile(r"\b(?:could|might|may|likely|possibly|perhaps|reportedly|allegedly|expected|would|reported)\b",
                    re.I)
_ATTRIB = re.compile(
    r"\b(?P<who>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}|(?:the\s+)?[a-z]+(?:\s+[a-z]+)?\s+(?:media|agency|officials?))"
    r"\s+(?:has\s+|had\s+)?(?:said|says|told|added|reported|claimed|wrote|announced|stated)\b")
_ENTITY_LABELS = {"PERSON", "GPE", "ORG", "NORP", "LOC", "FAC", "EVENT"}
_ALIASES = {"us": "united states", "u.s": "united states", "usa": "united states", "u.s.a": "united states",
            "america": "united states", "uk": "united kingdom", "u.k": "united kingdom", "dprk": "north korea"}
_SKIP_YEAR_UNITS = {"troops", "people", "soldiers"}


def _iso(year: int | None, month: int, day: int | None) -> tuple[str, str]:
    y = f"{year:04d}" if year else "XXXX"
    if day:
        return f"{y}-{month:02d}-{day:02d}", "day"
    return f"{y}-{month:02d}", "month"


def resolve_month(month: int, *, rel: str | None, published: str | None) -> tuple[int | None, str | None]:
    """Give a year to a month named without one, against the publication date.

    ``last June`` is the most recent June strictly before the publication month; ``next June``
    the first one after; a bare month is the nearest one (within six months either side).
    """
    if not published:
        return None, None
    pub = dt.date.fromisoformat(published)
    if rel == "last":
        year = pub.year if month < pub.month else pub.year - 1
    elif rel == "next":
        year = pub.year if month > pub.month else pub.year + 1
    else:
        diff = month - pub.month
        year = pub.year + (1 if diff < -6 else -1 if diff > 6 else 0) if abs(diff) != 6 else pub.year
    return year, published


def find_dates(text: str, offset: int, published: str | None) -> list[DateSlot]:
    """Dates in ``text`` as slots with absolute spans (``offset`` is the text's start)."""
    out: list[DateSlot] = []
    taken: list[tuple[int, int]] = []
    for m in _DATE_RE.finditer(text):
        month = _month_number(m.group("month"))
        day_s = m.group("day1") or m.group("day2")
        day = int(day_s) if day_s and 1 <= int(day_s) <= 31 else None
        rel = (m.group("rel") or "").lower() or None
        year = int(m.group("year")) if m.group("year") else None
        anchor = None
        relative = year is None
        if year is None:
            year, anchor = resolve_month(month, rel=rel, published=published)
        value, gran = _iso(year, month, day)
        start = m.start("day1") if m.group("day1") else (m.start("rel") if rel in ("last", "next") else m.start("month"))
        end = m.end()
        out.append(DateSlot(text=text[start:end], start=offset + start, end=offset + end, value=value,
                            granularity=gran, relative=relative, anchor=anchor))
        taken.append((start, end))
    for m in _ISO_RE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        gran = "day" if m.group("d") else "month"
        out.append(DateSlot(text=m.group(0), start=offset + m.start(), end=offset + m.end(), value=m.group(0),
                            granularity=gran))
        taken.append((m.start(), m.end()))
    for m in _YEAR_RE.finditer(text):
        ys, ye = m.start("y"), m.end("y")
        if any(s <= ys < e for s, e in taken):
            continue
        after = text[ye:ye + 12].strip().split(" ")[0].lower() if ye < len(text) else ""
        if after in _SKIP_YEAR_UNITS:
            continue
        out.append(DateSlot(text=m.group("y"), start=offset + ys, end=offset + ye, value=m.group("y"),
                            granularity="year"))
    return sorted(out, key=lambda d: d.start)


def _month_number(name: str) -> int:
    key = name.lower().rstrip(".")[:3]
    return [m[:3] for m in MONTHS].index(key) + 1


def find_numbers(text: str, offset: int, date_spans: list[tuple[int, int]]) -> list[NumberSlot]:
    """Numbers and quantities (with unit, percent, money, age) that are not part of a date."""
    out: list[NumberSlot] = []
    for m in _NUM_RE.finditer(text):
        s, e = m.start(), m.end("num")
        if any(ds <= offset + s < de for ds, de in date_spans):
            continue
        value = float(m.group("num").replace(",", ""))
        scale = (m.group("scale") or "").strip().lower()
        value *= {"million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9}.get(scale, 1)
        suffix = (m.group("suffix") or "").strip().lower()
        unit = (m.group("unit") or "").lower() or None
        kind = "count"
        end = m.end("scale") if m.group("scale") else e
        if suffix == "-year-old":
            kind, unit, end = "age", "year", m.end("suffix")
        elif suffix:
            kind, unit, end = "percent", "percent", m.end("suffix")
        elif m.group("cur"):
            kind, unit = "money", {"$": "usd", "£": "gbp", "€": "eur"}[m.group("cur")]
        if unit and kind == "count":
            end = m.end("unit")
        out.append(NumberSlot(text=text[s:end], start=offset + s, end=offset + end, value=value, unit=unit, kind=kind))
    return out


def entity_key(text: str) -> str:
    """Fold simple aliases: case, dots, possessives and a short alias table ("U.S." -> united states)."""
    key = re.sub(r"['’]s$", "", text.strip()).lower().replace("’", "'")
    key = re.sub(r"^the\s+", "", key)
    key = _ALIASES.get(key.rstrip("."), key.rstrip("."))
    return re.sub(r"\s+", " ", key)


def find_entities(span: Any, offset_shift: int = 0) -> list[EntitySlot]:
    """Named entities of a spaCy span as slots (absolute char offsets)."""
    out = []
    for ent in span.ents:
        if ent.label_ not in _ENTITY_LABELS:
            continue
        out.append(EntitySlot(text=ent.text, start=ent.start_char + offset_shift, end=ent.end_char + offset_shift,
                              label=ent.label_, key=entity_key(ent.text)))
    return out


def extract_slots(text: str, *, start: int, published: str | None,
                  entities: list[EntitySlot] | None = None) -> Slots:
    """All slots of one claim; ``start`` is the claim's offset in the article text."""
    dates = find_dates(text, start, published)
    numbers = find_numbers(text, start, [(d.start, d.end) for d in dates])
    attrib = _ATTRIB.search(text)
    return Slots(
        dates=tuple(dates),
        numbers=tuple(numbers),
        entities=tuple(entities or ()),
        negated=bool(_NEGATION.search(text)),
        hedged=bool(_HEDGE.search(text)),
        attribution=attrib.group("who") if attrib else None,
        quoted=bool(re.search(r"[\"“”‘’']\s*\w[^\"“”]*[\"“”’']", text)),
    )
