"""Values over time: a conflict's sides in publication order, and whether it is a likely update.

News moves: a toll of 14 in the first day's articles and 17 in the next day's is usually an update, not two
outlets at war. When the sources carry publication dates (``Article.published``), every conflict lists its
sides in publication order (``Conflict.timeline``); when its two values change once over time, every source of
the old value published strictly before every source of the new one, the conflict is a likely update
(``Conflict.changed``). It stays a ``diverge``: nothing is hidden, the mark only says how the values are ordered
in time. A publication is a day (YYYY-MM-DD) or, when the metadata gives a time of day
(``Article.published_at``), a UTC minute (YYYY-MM-DDTHH:MM): two publications of different days are ordered
by day, two of one day only when both have a time. Dates inferred from the body text order nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from claimcheck.models import Article, Change, Conflict, Finding, TimePoint


def publication_dates(articles: list[Article] | tuple[Article, ...]) -> dict[str, str]:
    """Source id -> publication date of every article whose date was declared (front matter, HTML metadata,
    ``--published``); a date inferred from the body text (``published_origin: inferred``) is a guess from the
    dates it names, not when it was published, and orders nothing."""
    return {a.id: a.published_at or a.published for a in articles
            if a.published and a.published_origin != "inferred"}


def published_before(a: str, b: str) -> bool:
    """Whether publication ``a`` (YYYY-MM-DD or YYYY-MM-DDTHH:MM) was strictly before ``b``: an earlier day, or
    an earlier time of the same day when both have a time (a bare day is never before or after its own times)."""
    if a[:10] != b[:10]:
        return a[:10] < b[:10]
    return len(a) > 10 and len(b) > 10 and a < b


def conflict_timeline(conflict: Conflict, published: Mapping[str, str]) -> tuple[TimePoint, ...]:
    """The conflict's sides as (date or date and time, value, sources) steps, dated steps by date and time
    (a bare day before that day's times) then value and undated sources last; empty when none is dated."""
    steps: dict[tuple[str | None, str], set[str]] = {}
    for side in conflict.sides:
        for src in side.sources:
            steps.setdefault((published.get(src) or None, side.value), set()).add(src)
    if all(date is None for date, _ in steps):
        return ()
    order = sorted(steps, key=lambda k: (k[0] is None, k[0] or "", k[1]))
    return tuple(TimePoint(published=date, value=value, sources=tuple(sorted(steps[(date, value)])))
                 for date, value in order)


def likely_update(conflict: Conflict, published: Mapping[str, str]) -> Change | None:
    """The change of value when the conflict is a likely update, else None.

    The rule: the conflict has exactly two values, no source states both, every source on both sides is dated,
    and every source of one value was published strictly before every source of the other; the earlier value is
    ``from_value``, the later ``to_value``. Values that alternate, share a day, or have an undated source are no
    update. Publications of one day are ordered by their times when both have one (``published_before``)."""
    if len(conflict.sides) != 2:
        return None
    a, b = conflict.sides
    if set(a.sources) & set(b.sources):
        return None
    dates_a = [published.get(s) for s in a.sources]
    dates_b = [published.get(s) for s in b.sources]
    if not all(dates_a) or not all(dates_b):
        return None
    for old, new, d_old, d_new in ((a, b, dates_a, dates_b), (b, a, dates_b, dates_a)):
        if all(published_before(o, n) for o in d_old for n in d_new):  # type: ignore[arg-type]
            return Change(from_value=old.value, to_value=new.value, until=max(d_old),  # type: ignore[type-var]
                          since=min(d_new))  # type: ignore[type-var]
    return None


def date_conflicts(findings: list[Finding], published: Mapping[str, str]) -> list[Finding]:
    """Every finding's conflicts with their ``timeline`` and, for a likely update, ``changed`` set
    (``published``: source id -> YYYY-MM-DD or YYYY-MM-DDTHH:MM; findings without conflicts, or no date, are
    returned unchanged)."""
    if not published:
        return findings
    out = []
    for f in findings:
        if not f.conflicts:
            out.append(f)
            continue
        conflicts = tuple(dataclasses.replace(c, timeline=conflict_timeline(c, published),
                                              changed=likely_update(c, published)) for c in f.conflicts)
        out.append(dataclasses.replace(f, conflicts=conflicts))
    return out
