"""A figure with "m" is metres unless money or a count of things says millions (claimcheck/stages/extract/numbers.py):
"The rock face fell about 600m" is 600 metres, "$600m", "£3m", "600m euros", "It cost 5m" and "3m people" are
millions; "km", "kg", "mm" written onto a figure are measures, "mn" and "bn" stay millions and billions."""

from __future__ import annotations

import pytest

from claimcheck.stages.extract.numbers import find_numbers, same_quantity


@pytest.mark.parametrize(("text", "expected"), [
    ("The rock face fell about 600m onto the road below.", (600.0, "m", "measure")),
    ("The cliff dropped 600 m in seconds.", (600.0, "m", "measure")),
    ("Rescuers lowered a stretcher down a 600m drop.", (600.0, "m", "measure")),
    ("The runner won the 400m in record time.", (400.0, "m", "measure")),
    ("The deal is worth $600m.", (600_000_000.0, "usd", "money")),
    ("The council fined the firm £3m on Monday.", (3_000_000.0, "gbp", "money")),
    ("The club paid 600m euros for the stadium.", (600_000_000.0, "eur", "money")),
    ("It cost 5m.", (5_000_000.0, None, "count")),
    ("The contract is worth 600M over ten years.", (600_000_000.0, None, "count")),
    ("About 1.5m people were displaced.", (1_500_000.0, "people", "count")),
    ("The fund raised 5mn units of stock.", (5_000_000.0, "units", "count")),
    ("The bank lent 3bn to the state.", (3_000_000_000.0, None, "count")),
])
def test_a_bare_m_is_metres_unless_money_or_a_count_says_millions(text: str, expected: tuple) -> None:
    (n,) = [n for n in find_numbers(text, 0, []) if n.kind != "ordinal" and n.kind != "duration"]
    assert (n.value, n.unit, n.kind) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Residents within a 5km radius were told to leave.", (5.0, "km")),
    ("Forecasters expect 12mm of rain overnight.", (12.0, "mm")),
    ("He carried a 40kg bag up the hill.", (40.0, "kg")),
])
def test_a_unit_written_onto_a_figure_is_a_measure(text: str, expected: tuple) -> None:
    (n,) = find_numbers(text, 0, [])
    assert (n.value, n.unit, n.kind) == (*expected, "measure")


def test_metres_on_the_figure_and_written_out_are_one_quantity() -> None:
    (short,) = find_numbers("The rock face fell about 600m.", 0, [])
    (long,) = find_numbers("The rock face fell about 450 metres.", 0, [])
    assert same_quantity(short, long) and short.value != long.value
