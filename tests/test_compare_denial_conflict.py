"""A clause one side denies and the other states is a typed negation conflict (claimcheck/stages/compare/exclusive.py
``denial_conflict``, rule ``denial``); a denial and a "not" of the same clause agree; a denial of a thing ("denied
the charges") is no clause and no conflict; "denied" / "confirmed" stays the opposites rule's, once."""

from __future__ import annotations

import pytest

from claimcheck.config import CompareConfig
from claimcheck.stages.compare.findings import pair_conflicts

from builders import extracted


def _pair(x: str, y: str) -> list[tuple[str, str]]:
    (a,), (b,) = extracted(x, "a"), extracted(y, "b")
    return [(c.kind, c.rule) for c in pair_conflicts(a, b, 0.85, config=CompareConfig())]


@pytest.mark.parametrize(("x", "y", "expected"), [
    ("The minister denied that the army had fired on protesters.",
     "The minister said that the army had fired on protesters.", [("negation", "denial")]),
    ("The spokesman denied reports that the plant would close.",
     "The spokesman said the plant would close next year.", [("negation", "denial")]),
    ("The company denied that the engines had been serviced late.",
     "The company confirmed that the engines had been serviced late.", [("negation", "opposites")]),
    ("The club denied that it had sacked the coach.", "The club said it had not sacked the coach.", []),
    ("He denied the charges in court on Monday.", "He was charged in court on Monday.", []),
])
def test_a_denied_clause_against_the_clause_stated(x: str, y: str, expected: list) -> None:
    assert _pair(x, y) == expected
