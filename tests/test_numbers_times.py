"""Times of day are times, not numbers and not years: "7:48 a.m.", "2248 GMT", "noon", "14:30 local time" yield
no NumberSlot, and a time-zone restatement ("(2248 GMT Tuesday)") yields no second date."""

from __future__ import annotations

import pytest

from claimcheck.models import NumberSlot
from claimcheck.stages.extract.dates import find_dates, find_times
from claimcheck.stages.extract.numbers import find_numbers, same_quantity

from builders import extracted


@pytest.mark.parametrize("text", [
    "The quake struck at 7:48 a.m. local time.",
    "The quake struck at 07:37 a.m. on Tuesday.",
    "It struck at 7:48 am (2248 GMT Tuesday).",
    "The tremor came at 2248 GMT.",
    "Voters began to cast their ballots at 8 : 00 am local time ( 0300 GMT ) on Sunday.",
    "The shop was raided at noon.",
    "The meeting started at 14:30 local time.",
    "He was arrested around 10 p.m. on Friday.",
    "The cables were cut between 07:28 and 08:06 Coordinated Universal Time.",
])
def test_times_of_day_yield_no_numbers(text: str) -> None:
    assert find_numbers(text, 0, []) == []


def test_time_next_to_a_count_leaves_the_count() -> None:
    (n,) = find_numbers("At 5:30 p.m., four armed robbers entered the store.", 0, [])
    assert (n.text, n.value, n.unit) == ("four armed robbers", 4.0, "robbers")


def test_a_time_in_gmt_is_no_year() -> None:
    assert find_dates("The blast came at 2000 GMT on the border.", 0, "2019-01-21") == []
    assert [d.value for d in find_dates("It was founded in 2000.", 0, None)] == ["2000"]


def test_the_weekday_of_a_time_zone_restatement_is_no_second_date() -> None:
    text = "The quake struck at 7:48 a.m. Wednesday (2248 GMT Tuesday)."
    assert [d.text for d in find_dates(text, 0, "2019-01-24")] == ["Wednesday"]
    assert [text[s:e] for s, e in find_times(text)] == ["7:48 a.m.", "2248 GMT Tuesday"]


def _claim_numbers(text: str, source: str) -> list[NumberSlot]:
    return [n for c in extracted(text, source) for n in c.slots.numbers]


def test_local_time_and_its_gmt_restatement_are_no_number_conflict_after_extraction() -> None:
    a = _claim_numbers("The earthquake struck at 7:48 a.m. on Tuesday, the geological survey said.", "a")
    b = _claim_numbers("The earthquake struck at 7:48 am (2248 GMT Tuesday), the geological survey said.", "b")
    c = _claim_numbers("The earthquake struck at 07:37 a.m. on Tuesday, the geological survey said.", "c")
    assert a == [] and b == [] and c == []
    assert not any(same_quantity(x, y) for x in a + b + c for y in a + b + c if x is not y)
