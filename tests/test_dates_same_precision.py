"""dates.same_precision: a date is held against the other claim's dates of its own precision when it states
any (a month against months), so "in May ... between 2015 and 2019" and "in March ... between 2015 and 2019"
differ in the month."""

from __future__ import annotations

from claimcheck.models import DateSlot
from claimcheck.stages.extract.dates import dates_match, same_precision


def _d(value: str) -> DateSlot:
    return DateSlot(text=value, start=0, end=len(value), value=value, granularity="month")


def test_a_month_is_held_against_months_when_the_other_claim_names_one() -> None:
    may, march, year = _d("XXXX-05"), _d("XXXX-03"), _d("2015")
    pool = same_precision(may, [march, year])
    assert pool == [march] and not any(dates_match(may, d) for d in pool)


def test_without_a_month_on_the_other_side_every_date_counts() -> None:
    may, year = _d("2015-05"), _d("2015")
    assert same_precision(may, [year]) == [year] and dates_match(may, year)
