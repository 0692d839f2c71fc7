"""A duration followed by "ago" says when, not how long (claimcheck/stages/extract/numbers.py ``_Found.add``, role
"ago"): "killed eight days ago" and "sparked five days of rioting" are two quantities, no conflict; two outlets'
"eight days ago" / "five days ago" still are one."""

from __future__ import annotations

from claimcheck.models import NumberSlot
from claimcheck.stages.extract.numbers import find_numbers, quantity_key, same_quantity


def _one(text: str) -> NumberSlot:
    (n,) = find_numbers(text, 0, [])
    return n


def test_a_duration_before_ago_is_another_quantity_than_a_duration() -> None:
    ago = _one("The teenager was killed by police eight days ago.")
    riots = _one("His killing sparked five days of rioting.")
    assert (quantity_key(ago), quantity_key(riots)) == ("duration:day:ago", "duration:day")
    assert not same_quantity(ago, riots)


def test_two_times_ago_are_one_quantity() -> None:
    assert same_quantity(_one("He was killed eight days ago."), _one("He was killed five days ago."))
