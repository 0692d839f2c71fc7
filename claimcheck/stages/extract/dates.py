"""Dates in claim text: absolute ("June 12, 2018", "June 2018", "2017") and relative ("last June",
"last week", "next month", "in February", "on Friday", "New Year's day", "three days ago"),
resolved against the publication date to an ISO value at its granularity.

Every resolved date also carries the interval it covers (``earliest``/``latest``) and a short
``resolution`` note saying how it was resolved, so a reader can audit "last June" -> 2018-06.
A bare month or weekday uses the tense of the verb governing it when the caller can tell it
("shared the letters in February" is the February before publication, "will meet in February"
the one after); otherwise the nearest one to the publication date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from claimcheck.models import DateSlot
from claimcheck.stages.extract.lexicon import REPORTING_WORDS

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH_ALT = "|".join(m.capitalize() for m in MONTHS) + "|" + "|".join(
    m[:3].capitalize() + r"\.?" for m in MONTHS if len(m) > 4) + r"|Sept\.?"
_WEEKDAY_ALT = "|".join(d.capitalize() for d in WEEKDAYS)
# Holidays with a fixed date: (pattern, month, day).
HOLIDAYS: tuple[tuple[str, int, int], ...] = (
    (r"New Year['’]s (?:[Dd]ay)", 1, 1),
    (r"New Year['’]s [Ee]ve", 12, 31),
    (r"Christmas (?:[Dd]ay)", 12, 25),
    (r"Christmas [Ee]ve", 12, 24),
    (r"Boxing [Dd]ay", 12, 26),
    (r"Valentine['’]s [Dd]ay", 2, 14),
    (r"Halloween", 10, 31),
    (r"Independence Day", 7, 4),
    (r"(?:the )?Fourth of July", 7, 4),
)
_WORD_N = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "several": None, "few": None}

Tense = Callable[[int, int], "str | None"]  # (start, end) within the text -> "past" | "future" | None

_ABS = re.compile(
    rf"\b(?:(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?P<month>{_MONTH_ALT})(?![\w])"
    rf"(?:\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\b)?(?:[,.]?\s+(?P<year>(?:19|20)\d{{2}})\b)?")
_REL_MONTH = re.compile(rf"\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Ee]arlier this|[Ll]ater this)\s+(?P<month>{_MONTH_ALT})"
                        rf"(?![\w])(?!\s+\d)")
_REL_UNIT = re.compile(r"\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Ee]arlier this|[Ll]ater this|[Ee]arlier in the|"
                       r"[Ll]ater in the|[Tt]he (?:past|previous|coming|following))\s+(?P<unit>week|month|year)\b")
_AGO = re.compile(r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
                  r"(?P<unit>day|week|month|year)s?\s+ago\b", re.I)
_DEICTIC = re.compile(r"\b(?P<word>[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight|[Ll]ast night)\b")
_WEEKDAY = re.compile(rf"\b(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Oo]n)\s+)?(?P<day>{_WEEKDAY_ALT})\b")
_ISO = re.compile(r"(?<![\d-])(?P<y>(?:19|20)\d{2})-(?P<m>0[1-9]|1[0-2])(?:-(?P<d>[0-3]\d))?(?![\d-])")
_YEAR = re.compile(r"(?<![\w$£€.,])(?P<y>(?:19|20)\d{2})(?![\w%]|,\d|\.\d)")
_YEAR_SPAN_END = re.compile(r"[-–‐](?P<yy>\d{2})(?![\w%]|,\d|\.\d)")  # the "99" of "1995-99"
_YEAR_NOT_BEFORE = re.compile(r"\s+(?:troops|people|soldiers|votes|workers|jobs|members|cases|deaths|dollars|"
                              r"pounds|euros|miles|km|kilometres|kilometers|metres|meters|feet|tonnes|tons)\b", re.I)
_HOLIDAY_RES = [(re.compile(rf"\b{p}\b"), m, d) for p, m, d in HOLIDAYS]
# a wire dateline opening a story: a place in capitals (its state or country after a comma in any case), the day
# the story was filed, the agency in parentheses and a dash ("HARLOW BAY, Nov 30 (Wire) - ", "PASADENA, Texas,
# March 3, 2019 (AP) — "). Its date is when the outlet filed, not when anything happened: outlets file on
# different days
_DATELINE = re.compile(
    rf"\s*[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+)*(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?,\s*"
    rf"(?:{_MONTH_ALT})\s+\d{{1,2}}(?:,?\s+(?:19|20)\d{{2}})?\s*(?:\([^()]{{1,40}}\)\s*)?[-–—]{{1,2}}\s")


def dateline_end(text: str) -> int:
    """The end of a dated wire dateline that opens ``text`` ("HARLOW BAY, Nov 30 (Wire) - ...", see ``_DATELINE``),
    0 when ``text`` opens with none: a date before it is the filing date, no date of the claim."""
    m = _DATELINE.match(text)
    return m.end() if m else 0


def dates_compatible(a: str, b: str) -> bool:
    """Two ISO values agree when one refines the other ("2019-02" and "2019-02-28"); XXXX is any year."""
    for x, y in zip(a.split("-"), b.split("-")):
        if x != y and "XXXX" not in (x, y):
            return False
    return True


def date_ranges_match(x: tuple[str, str | None, str | None], y: tuple[str, str | None, str | None]) -> bool:
    """(value, earliest, latest) of two dates: the same date at the coarser granularity (``dates_compatible``),
    or overlapping day ranges ("last week" vs a day in it)."""
    if dates_compatible(x[0], y[0]):
        return True
    return bool(x[1] and x[2] and y[1] and y[2] and x[1] <= y[2] and y[1] <= x[2])


def dates_match(x: DateSlot, y: DateSlot) -> bool:
    """Whether two date slots agree (``date_ranges_match``, or a bare weekday one week from a date that falls on it:
    ``_weekday_week_off``): the one date rule of compare, support and events."""
    return (date_ranges_match((x.value, x.earliest, x.latest), (y.value, y.earliest, y.latest))
            or _weekday_week_off(x, y) or _weekday_week_off(y, x))


def _weekday_week_off(x: DateSlot, y: DateSlot) -> bool:
    """``x`` is a date counted back from a publication date and ``y`` a day that is where that count may land:
    a bare weekday ("Tuesday") exactly a week from a day on that weekday (only the resolution is a week off: the
    publication date, often inferred, or a report published days later; ECB+ train: "was discovered Tuesday"
    resolved to 2004-07-20 against "July 27" in another outlet), or "eight days ago" one day from it (counted
    from a publication date that may be the next day's). A day without a year ("XXXX-07-27") takes ``x``'s."""
    if not (x.relative and x.granularity == "day" and y.granularity == "day" and len(x.value) == 10
            and len(y.value) == 10 and not x.value.startswith("X")) or y.text.strip().rstrip(".,").lower().endswith(
                ("ago", "earlier", "before", "yesterday", "today", "tonight")):
        return False  # "two days ago" / "three days ago" count back from one day: no slack between them
    try:
        a = dt.date.fromisoformat(x.value)
        b = dt.date.fromisoformat(x.value[:4] + y.value[4:] if y.value.startswith("XXXX") else y.value)
    except ValueError:
        return False
    text = x.text.strip().rstrip(".,").lower()
    if text in WEEKDAYS:
        return abs((a - b).days) == 7
    return text.endswith(("ago", "earlier", "before")) and abs((a - b).days) == 1


# verbs of reporting that are often the news itself ("the ministry announced on Monday that it would close the
# plant" / "announced the closure on Tuesday"): their dates stay event dates
_NEWS_VERBS = frozenset({"according", "announced", "confirmed"})
# a date right after a verb of reporting, with at most the audience or medium between ("ITAR-TASS reported September
# 26", "told People on Friday", "said on Twitter today (14 October 2011)"): the day a source spoke, not the day
# the event it reports happened
_REPORTED_ON = re.compile(r"\b(?:" + "|".join(sorted(REPORTING_WORDS - _NEWS_VERBS)) + r")"
                          r"(?:\s+(?:to|on|in|via|and)?\s*(?:the\s+)?(?:[A-Z][\w.'’-]*|reporters|journalists|"
                          r"police|officials)){0,4}"
                          r"(?:\s+(?:on|late|early|today|yesterday|this|last))?\s*[(,]?\s*$")


def reported_on(text_before: str) -> bool:
    """Whether a date whose claim text before it is ``text_before`` is the day a source spoke ("ITAR-TASS reported
    September 26"): compare holds such dates only against other such dates, never against the date of an event."""
    return bool(_REPORTED_ON.search(text_before[-80:]))


def same_precision(x: DateSlot, others: list[DateSlot]) -> list[DateSlot]:
    """The dates of ``others`` to hold ``x`` against: those given as precisely as ``x`` (a month against months,
    a day against days) when there are any, else all. "in May" and "in March" of two claims that both also say
    "between 2015 and 2019" differ: May is not matched by the year 2015 it could lie in while the other claim
    names a month of its own."""
    same = [y for y in others if y.value.count("-") == x.value.count("-")]
    return same or others


def month_number(name: str) -> int:
    """1-12 for a month name or its abbreviation ("Sept.", "Feb")."""
    return [m[:3] for m in MONTHS].index(name.lower().rstrip(".")[:3]) + 1


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _month_slot(year: int, month: int) -> tuple[str, str, str, str]:
    return f"{year:04d}-{month:02d}", "month", f"{year:04d}-{month:02d}-01", \
        f"{year:04d}-{month:02d}-{_last_day(year, month):02d}"


def _day_slot(day: dt.date) -> tuple[str, str, str, str]:
    iso = day.isoformat()
    return iso, "day", iso, iso


def _interval_slot(first: dt.date, last: dt.date) -> tuple[str, str, str, str]:
    """The finest ISO prefix (day, month, year) that contains the whole interval."""
    if first == last:
        return _day_slot(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.year:04d}-{first.month:02d}", "month", first.isoformat(), last.isoformat()
    if first.year == last.year:
        return f"{first.year:04d}", "year", first.isoformat(), last.isoformat()
    return f"{last.year:04d}", "year", first.isoformat(), last.isoformat()  # pragma: no cover - a week over new year


def year_for_month(month: int, *, pub: dt.date, rel: str | None, tense: str | None,
                   lower_bound: bool = False) -> tuple[int, str]:
    """The year of a month named without one, and a note on how it was chosen.

    ``last June``: the most recent June strictly before the publication month (on or before it when ``pub`` is
    only a lower bound, a date inferred from the text: an article naming "June 2018" and "last June" was
    published after June 2018, and its "last June" is that June). ``next June``: the
    first June strictly after it. ``this June``: the publication year. A bare month: the most recent
    one (publication month included) in a past-tense context, the next one in a future context,
    else the nearest to the publication month.
    """
    name = MONTHS[month - 1].capitalize()
    if rel == "last":
        if lower_bound:
            return (pub.year if month <= pub.month else pub.year - 1), \
                f"last {name}: the {name} on or before {pub:%Y-%m} (publication inferred)"
        return (pub.year if month < pub.month else pub.year - 1), f"last {name}: the {name} before {pub:%Y-%m}"
    if rel == "next":
        return (pub.year if month > pub.month else pub.year + 1), f"next {name}: the {name} after {pub:%Y-%m}"
    if rel == "this":
        return pub.year, f"this {name}: the {name} of {pub.year}"
    if tense == "past":
        year = pub.year if month <= pub.month else pub.year - 1
        return year, f"{name} in a past-tense context: on or before {pub:%Y-%m}"
    if tense == "future":
        year = pub.year if month >= pub.month else pub.year + 1
        return year, f"{name} in a future context: on or after {pub:%Y-%m}"
    diff = month - pub.month
    year = pub.year + (1 if diff < -6 else -1 if diff > 6 else 0)
    return year, f"{name}: the one nearest to {pub:%Y-%m}"


def _weekday(day: int, *, pub: dt.date, rel: str | None, tense: str | None) -> tuple[dt.date, str]:
    name = WEEKDAYS[day].capitalize()
    back = (pub.weekday() - day) % 7
    fwd = (day - pub.weekday()) % 7
    if rel == "next" or (rel != "last" and tense == "future"):
        delta = fwd or 7
        return pub + dt.timedelta(days=delta), f"{name} after {pub.isoformat()}"
    if rel == "this" and tense != "past":
        return pub + dt.timedelta(days=fwd), f"this {name}: the week of {pub.isoformat()}"
    delta = back or (7 if rel == "last" else 0)
    return pub - dt.timedelta(days=delta), f"{name} on or before {pub.isoformat()}"


# Times of day are times, not numbers and not years: "7:48 a.m.", "07:37", "8 : 00 am", "10 p.m.", "2248 GMT",
# "0300 GMT", "5 o'clock", "12 noon", "14:30 local time". The time zones are the common abbreviations; a bare
# "NNNN" is a time only with a zone ("2248 GMT") or "hrs"/"hours" after "at"/"by"/"until"/"from".
_TZ = (r"(?:GMT|UTC|UT|Z|Zulu|EST|EDT|CST|CDT|MST|MDT|PST|PDT|AKST|AKDT|HST|BST|CET|CEST|EET|EEST|WET|WEST|MSK|IST|"
       r"JST|KST|HKT|SGT|AEST|AEDT|ACST|AWST|NZST|NZDT|WIB|PKT|ICT|PHT|AST|ADT|NST|SAST|WAT|IRST|TRT)")
_AMPM = r"(?:[AaPp]\.\s?[Mm]\.?|[AaPp][Mm]\b)"
_ZONE = rf"(?:\s*(?:{_TZ}\b|[Ll]ocal\s+time\b|[Cc]oordinated\s+[Uu]niversal\s+[Tt]ime\b|\(\s*{_TZ}\s*\)))"
_TIME_RE = re.compile(
    r"(?<![\w.:,])(?:"
    rf"\d{{1,2}}\s?:\s?[0-5]\d(?:\s?:\s?[0-5]\d)?(?!\d)(?:\s*{_AMPM})?{_ZONE}?"  # 7:48 a.m., 14:30 local time
    rf"|\d{{1,2}}(?:\.[0-5]\d)?\s?{_AMPM}{_ZONE}?"  # 10 p.m., 7.30pm
    rf"|(?:[01]\d|2[0-3])[0-5]\d\s?(?:{_TZ}\b|[Hh]rs\b|[Hh]\b)"  # 2248 GMT, 0300 GMT, 1400 hrs
    rf"|\d{{1,2}}\s?{_TZ}\b"  # 8 GMT
    r"|\d{1,2}\s?o['’]clock\b"
    r"|(?:12\s)?(?:noon|midnight)\b"
    r")")
_TIME_HOURS = re.compile(r"\b(?:at|by|until|till|from|before|after|since)\s+((?:[01]\d|2[0-3])[0-5]\d\s?hours)\b",
                         re.IGNORECASE)
# "(2248 GMT Tuesday)": the weekday of a time-zone restatement is the same moment, not a second date
_RESTATED_DAY = re.compile(rf"\s*(?:on\s+)?(?:{'|'.join(d.capitalize() for d in WEEKDAYS)})\s*\)")


def find_times(text: str) -> list[tuple[int, int]]:
    """Char spans of the times of day in ``text`` ("7:48 a.m.", "2248 GMT", "noon"), with the weekday of a
    parenthesised time-zone restatement ("(2248 GMT Tuesday)"), so neither numbers nor dates are read there."""
    spans = [(m.start(), m.end()) for m in _TIME_RE.finditer(text)]
    spans += [(m.start(1), m.end(1)) for m in _TIME_HOURS.finditer(text)]
    out = []
    for s, e in sorted(spans):
        if text[:s].rstrip().endswith("("):
            day = _RESTATED_DAY.match(text, e)
            if day:
                e = day.end() - 1
        out.append((s, e))
    return out


@dataclass(frozen=True)
class TimeOfDay:
    """A time of day in a text: its span, minutes after midnight, whether it may be a.m. or p.m. ("7:48" with
    neither written; "07:48" and "19:48" are a 24-hour clock), and its time zone ("" when none or local time)."""

    start: int
    end: int
    minutes: int
    either_half: bool
    zone: str


_TIME_PARTS = re.compile(r"(?P<h>\d{1,2})(?:\s?[:.]\s?(?P<m>[0-5]\d))?")
_ZONE_IN = re.compile(rf"\b{_TZ}\b")
_PM, _AM = re.compile(r"[Pp]\.?\s?[Mm]\b|[Pp]\.\s?[Mm]\."), re.compile(r"[Aa]\.?\s?[Mm]\b|[Aa]\.\s?[Mm]\.")


def _time_value(span: str) -> tuple[int, bool] | None:
    """(minutes after midnight, may be either half of the day) of one ``find_times`` span, None if unreadable."""
    low = span.lower()
    if "noon" in low:
        return 12 * 60, False
    if "midnight" in low:
        return 0, False
    compact = re.match(r"([01]\d|2[0-3])([0-5]\d)\b", span)  # "2248 GMT", "1400 hrs": a 24-hour clock
    if compact:
        return int(compact.group(1)) * 60 + int(compact.group(2)), False
    m = _TIME_PARTS.match(span)
    if m is None:
        return None
    hour, minute = int(m.group("h")), int(m.group("m") or 0)
    if hour > 23:
        return None
    if _PM.search(span[m.end():]) and hour <= 12:
        return (hour % 12 + 12) * 60 + minute, False
    if _AM.search(span[m.end():]) and hour <= 12:
        return hour % 12 * 60 + minute, False
    twelve = 1 <= hour <= 12 and not m.group("h").startswith("0") and not _ZONE_IN.search(span)
    return hour * 60 + minute, twelve


@lru_cache(maxsize=1 << 16)
def times_of_day(text: str) -> tuple[TimeOfDay, ...]:
    """The times of day of ``find_times`` with their values: what the time rule compares
    (claimcheck/stages/compare/exclusive.py ``time_conflict``; cached: a claim is compared with many others)."""
    out = []
    for s, e in find_times(text):
        value = _time_value(text[s:e])
        if value is None:
            continue
        zone = _ZONE_IN.search(text[s:e])
        out.append(TimeOfDay(start=s, end=e, minutes=value[0], either_half=value[1],
                             zone=zone.group(0).upper() if zone else ""))
    return tuple(out)


def _overlaps(taken: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(s < te and ts < e for ts, te in taken)


def find_dates(text: str, offset: int, published: str | None, *, tense: Tense | None = None,
               inferred: bool = False, times: list[tuple[int, int]] | None = None) -> list[DateSlot]:
    """Dates in ``text`` as slots with absolute spans (``offset`` is the text's start in the article).

    Relative dates need ``published`` (YYYY-MM-DD); without it a relative month keeps ``XXXX`` as its
    year and other relative expressions are skipped. ``inferred``: ``published`` was inferred from the text (a
    lower bound of the real date, ``year_for_month``). ``times``: ``find_times(text)``, when the caller has it.
    """
    pub = dt.date.fromisoformat(published) if published else None
    get_tense = tense or (lambda s, e: None)
    out: list[DateSlot] = []
    # times of day are not dates ("2000 GMT" is no year)
    taken: list[tuple[int, int]] = find_times(text) if times is None else list(times)

    def add(s: int, e: int, value: str, gran: str, first: str | None, last: str | None, *, relative: bool,
            note: str | None) -> None:
        taken.append((s, e))
        out.append(DateSlot(text=text[s:e], start=offset + s, end=offset + e, value=value, granularity=gran,
                            relative=relative, anchor=published if relative and pub else None,
                            earliest=first, latest=last, resolution=note))

    _relative_months(text, pub, get_tense, add, lower_bound=inferred)
    _named_months(text, pub, get_tense, taken, add)
    _iso_dates(text, taken, add)
    if pub is not None:
        _relative_dates(text, pub, get_tense, taken, add)
    for m in _YEAR.finditer(text):
        if _overlaps(taken, m.start(), m.end()) or _YEAR_NOT_BEFORE.match(text, m.end()):
            continue
        y = m.group("y")
        add(m.start(), m.end(), y, "year", f"{y}-01-01", f"{y}-12-31", relative=False, note=None)
        short = _YEAR_SPAN_END.match(text, m.end())  # "1995-99": the span's last year is a year of the claim too
        if short and int(short.group("yy")) > int(y[2:]):
            last = y[:2] + short.group("yy")
            add(short.start("yy"), short.end(), last, "year", f"{last}-01-01", f"{last}-12-31", relative=False,
                note=None)
    return sorted(out, key=lambda d: (d.start, d.end))


def _relative_months(text: str, pub: dt.date | None, get_tense: Tense, add: Callable[..., None], *,
                     lower_bound: bool = False) -> None:
    """"last February", "next March": the month's year from the publication date (``XXXX`` without one)."""
    for m in _REL_MONTH.finditer(text):
        month = month_number(m.group("month"))
        rel = m.group("rel").lower().split()[-1]
        if pub is None:
            add(m.start(), m.end(), f"XXXX-{month:02d}", "month", None, None, relative=True, note=None)
            continue
        year, note = year_for_month(month, pub=pub, rel=rel, tense=get_tense(m.start(), m.end()),
                                    lower_bound=lower_bound)
        add(m.start(), m.end(), *_month_slot(year, month), relative=True, note=note)


def _named_months(text: str, pub: dt.date | None, get_tense: Tense, taken: list[tuple[int, int]],
                  add: Callable[..., None]) -> None:
    """"February 28, 2019", "28 February", "March": a day or month, its year given or picked by tense."""
    for m in _ABS.finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        month = month_number(m.group("month"))
        if m.group("month") == "May" and not (m.group("day1") or m.group("day2") or m.group("year")):
            if not re.search(r"\b(?:in|of|since|until|by|from|early|late|mid|last|next|this)\s+$", text[:m.start()]):
                continue  # the modal verb "May ..." at a sentence start
        day_s = m.group("day1") or m.group("day2")
        year = int(m.group("year")) if m.group("year") else None
        day = int(day_s) if day_s else None
        if day is not None and not 1 <= day <= 31:
            day = None
        s = m.start() if m.group("day1") else m.start("month")
        e = m.end()
        if year is not None:
            if day is not None and day <= _last_day(year, month):
                add(s, e, *_day_slot(dt.date(year, month, day)), relative=False, note=None)
            else:
                add(s, e, *_month_slot(year, month), relative=False, note=None)
            continue
        if pub is None:
            value = f"XXXX-{month:02d}" + (f"-{day:02d}" if day else "")
            add(s, e, value, "day" if day else "month", None, None, relative=True, note=None)
            continue
        year, note = year_for_month(month, pub=pub, rel=None, tense=get_tense(s, e))
        if day is not None and day <= _last_day(year, month):
            add(s, e, *_day_slot(dt.date(year, month, day)), relative=True, note=note)
        else:
            add(s, e, *_month_slot(year, month), relative=True, note=note)


def _iso_dates(text: str, taken: list[tuple[int, int]], add: Callable[..., None]) -> None:
    """"2019-02-28", "2019-02". A year and two digits later than its own ("2010-11", "2008-09") is a season or
    fiscal year, a span of years like "1995-99" (``find_dates``' year rule reads both years), not a month."""
    for m in _ISO.finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        y, mo = int(m.group("y")), int(m.group("m"))
        if not m.group("d") and mo > y % 100:
            continue
        if m.group("d") and 1 <= int(m.group("d")) <= _last_day(y, mo):
            add(m.start(), m.end(), *_day_slot(dt.date(y, mo, int(m.group("d")))), relative=False, note=None)
        else:
            add(m.start(), m.start("m") + 2, *_month_slot(y, mo), relative=False, note=None)


def _relative_dates(text: str, pub: dt.date, get_tense: Tense, taken: list[tuple[int, int]],
                    add: Callable[..., None]) -> None:
    """Dates relative to the publication date: holidays, "last week", "three days ago", "yesterday", weekdays."""
    for rx, month, day in _HOLIDAY_RES:
        for m in rx.finditer(text):
            if _overlaps(taken, m.start(), m.end()):
                continue
            year, note = year_for_month(month, pub=pub, rel=None, tense=get_tense(m.start(), m.end()))
            if (month, year) == (1, pub.year + 1) and get_tense(m.start(), m.end()) != "future":
                year = pub.year  # New Year's day just gone, not the coming one
            if dt.date(year, month, day) > pub and get_tense(m.start(), m.end()) == "past":
                year -= 1
            add(m.start(), m.end(), *_day_slot(dt.date(year, month, day)), relative=True,
                note=f"{m.group(0)}: " + note.split(": ", 1)[-1])
    _unit_dates(text, pub, taken, add)
    _ago_dates(text, pub, taken, add)
    for m in _DEICTIC.finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        word = m.group("word").lower()
        delta = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
        add(m.start(), m.end(), *_day_slot(pub + dt.timedelta(days=delta)), relative=True,
            note=f"{word} relative to {pub.isoformat()}")
    for m in _WEEKDAY.finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        rel = (m.group("rel") or "").lower() or None
        rel = None if rel == "on" else rel
        day, note = _weekday(WEEKDAYS.index(m.group("day").lower()), pub=pub, rel=rel,
                             tense=get_tense(m.start(), m.end()))
        s = m.start("rel") if rel else m.start("day")
        add(s, m.end(), *_day_slot(day), relative=True, note=note)


def _unit_dates(text: str, pub: dt.date, taken: list[tuple[int, int]], add: Callable[..., None]) -> None:
    """"last week", "this month", "next year": the whole week, month or year."""
    for m in _REL_UNIT.finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        rel_words = m.group("rel").lower()
        unit = m.group("unit")
        step = -1 if any(w in rel_words for w in ("last", "past", "previous")) else \
            1 if any(w in rel_words for w in ("next", "coming", "following")) else 0
        if unit == "week":
            monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=step)
            slot = _interval_slot(monday, monday + dt.timedelta(days=6))
        elif unit == "month":
            y, mo = divmod(pub.year * 12 + pub.month - 1 + step, 12)
            slot = _month_slot(y, mo + 1)
        else:
            y = pub.year + step
            slot = (f"{y:04d}", "year", f"{y:04d}-01-01", f"{y:04d}-12-31")
        add(m.start(), m.end(), *slot, relative=True, note=f"{m.group(0).lower()} relative to {pub.isoformat()}")


def _ago_dates(text: str, pub: dt.date, taken: list[tuple[int, int]], add: Callable[..., None]) -> None:
    """"three days ago", "two weeks ago": the day, week, month or year that far before publication."""
    for m in _AGO.finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        n = _WORD_N.get(m.group("n").lower()) if not m.group("n").isdigit() else int(m.group("n"))
        if not n:
            continue
        unit = m.group("unit").lower()
        if unit == "day":
            slot = _day_slot(pub - dt.timedelta(days=n))
        elif unit == "week":
            d = pub - dt.timedelta(weeks=n)
            monday = d - dt.timedelta(days=d.weekday())
            slot = _interval_slot(monday, monday + dt.timedelta(days=6))
        elif unit == "month":
            y, mo = divmod(pub.year * 12 + pub.month - 1 - n, 12)
            slot = _month_slot(y, mo + 1)
        else:
            y = pub.year - n
            slot = (f"{y:04d}", "year", f"{y:04d}-01-01", f"{y:04d}-12-31")
        add(m.start(), m.end(), *slot, relative=True, note=f"{m.group(0).lower()} before {pub.isoformat()}")


_FUTURE_HINT = re.compile(r"\b(?:will|shall|scheduled|expected|due to|plans? to|planned|upcoming|next|until|"
                          r"by the end of|deadline)\b|['’]ll\b", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”)]*\s+|\n\s*\n")


def infer_published(text: str) -> str | None:
    """The latest absolute date (a day, or a month with its year) in ``text`` as YYYY-MM-DD.

    A month counts as its first day: the earliest publication date consistent with the mention.
    Years alone, relative dates and dates in sentences about the future ("will", "scheduled",
    "until") are ignored. None when the text names no such date.
    """
    best: str | None = None
    future: list[tuple[int, int]] = []
    pos = 0
    for m in [*_SENTENCE_END.finditer(text), None]:
        end = m.start() if m else len(text)
        if _FUTURE_HINT.search(text, pos, end):
            future.append((pos, end))
        pos = m.end() if m else len(text)
    for d in find_dates(text, 0, None):
        if d.relative or d.granularity == "year" or "XXXX" in d.value:
            continue
        if any(s <= d.start < e for s, e in future):
            continue
        day = d.value if d.granularity == "day" else f"{d.value}-01"
        if best is None or day > best:
            best = day
    return best
