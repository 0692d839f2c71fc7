"""A word and its opposite that each stand right before another date of their clause tell of two moments of one
thing, not a contradiction (claimcheck/stages/compare/exclusive.py ``opposites_at_other_times``): "Opened in 1961,
the bridge had been off-limits since March" / "built in 1961 and had been closed to heavy vehicles since March".
The same opposite at one date, or with no date, is still an ``opposites`` conflict."""

from __future__ import annotations

from claimcheck.config import CompareConfig
from claimcheck.stages.compare.findings import pair_conflicts

from builders import extracted


def _rules(x: str, y: str) -> list[str]:
    (a,), (b,) = extracted(x, "a"), extracted(y, "b")
    return [c.rule for c in pair_conflicts(a, b, 0.8, config=CompareConfig())]


def test_opposites_at_two_dates_are_two_moments() -> None:
    assert _rules("Opened in 1961, the bridge had been off-limits to heavy vehicles since March for repairs.",
                  "Built in 1961, the bridge had been closed to heavy vehicles since March for repairs.") == []


def test_opposites_at_one_date_still_conflict() -> None:
    assert _rules("The museum opened in March after the repairs, the city said.",
                  "The museum closed in March after the repairs, the city said.") == ["opposites"]
