"""A zero stated by negation against a count above zero of the same outcome is a typed number conflict
(claimcheck/stages/compare/exclusive.py ``zero_count_conflict``, rule ``zero-count``): "One firefighter was
killed" / "No deaths have been reported". Killed and injured are different outcomes: "no deaths" / "two firefighters
were injured" is no conflict, and "Nobody was killed" is no negation conflict with "Three people were injured"."""

from __future__ import annotations

import pytest

from claimcheck.config import CompareConfig
from claimcheck.stages.compare.findings import pair_conflicts

from builders import extracted


def _pair(x: str, y: str) -> list[tuple[str, str, str]]:
    (a,), (b,) = extracted(x, "a"), extracted(y, "b")
    return [(c.kind, c.rule, c.detail) for c in pair_conflicts(a, b, 0.65, config=CompareConfig())]


@pytest.mark.parametrize(("x", "y", "detail"), [
    ("One firefighter was killed in the blaze.", "No deaths have been reported in the blaze.",
     "One firefighter was killed vs No deaths (dead)"),
    ("There were no deaths in the fire on Sunday.", "One firefighter died in the fire on Sunday.",
     "no deaths vs One firefighter died (dead)"),
    ("No one was injured in the blast at the plant.", "Three workers were injured in the blast at the plant.",
     "No one was injured vs Three workers were injured (injured)"),
    ("There were no casualties in the crash.", "Two passengers were killed in the crash.",
     "no casualties vs Two passengers were killed (casualties)"),
])
def test_a_zero_by_negation_against_a_positive_count_is_one_number_conflict(x: str, y: str, detail: str) -> None:
    assert _pair(x, y) == [("number", "zero-count", detail)]


@pytest.mark.parametrize(("x", "y"), [
    ("No deaths have been reported after the fire.", "Two firefighters suffered minor injuries after the fire."),
    ("Nobody was killed in the crash on Monday.", "Three people were injured in the crash on Monday."),
    ("No firefighters were hurt in the fire.", "Three residents were injured in the fire."),
    ("No other deaths were reported in the fire.", "One firefighter was killed in the fire."),
])
def test_another_outcome_or_a_part_is_no_conflict(x: str, y: str) -> None:
    assert _pair(x, y) == []
