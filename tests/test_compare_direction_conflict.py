"""The same amount changing the other way is a typed number conflict (claimcheck/stages/compare/exclusive.py
``direction_conflict``, rule ``direction``): "Shares fell 12 percent" / "rose 12 percent". Different amounts stay the
number rule's, and a claim that states the amount both ways is left alone."""

from __future__ import annotations

import pytest

from claimcheck.config import CompareConfig
from claimcheck.stages.compare.findings import pair_conflicts

from builders import extracted


def _pair(x: str, y: str) -> list[tuple[str, str, str]]:
    (a,), (b,) = extracted(x, "a"), extracted(y, "b")
    return [(c.kind, c.rule, c.detail) for c in pair_conflicts(a, b, 0.8, config=CompareConfig())]


@pytest.mark.parametrize(("x", "y", "detail"), [
    ("Shares in the company fell 12 percent on Monday.", "Shares in the company rose 12 percent on Monday.",
     "fell 12 percent vs rose 12 percent (direction)"),
    ("Profits dropped by about $3 million last year.", "Profits grew by $3 million last year.",
     "dropped by about $3 million vs grew by $3 million (direction)"),
])
def test_the_same_amount_the_other_way_is_a_direction_conflict(x: str, y: str, detail: str) -> None:
    assert _pair(x, y) == [("number", "direction", detail)]


def test_another_amount_is_the_number_rules_and_both_ways_is_none() -> None:
    assert [r for _, r, _ in _pair("Shares fell 12 percent on Monday.", "Shares fell 9 percent on Monday.")] == \
        ["number"]
    assert _pair("Sales rose 5% in March after falling 5% in February.", "Sales rose 5% in March.") == []
