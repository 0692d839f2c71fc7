"""A replaced name the tagger tags only in part ("Helix" of "The Helix Pharma city council", NORP) is one wording with
the original once the run found in its place stands for the whole name: three edits in one sentence (the name, a
negation, the month) are each a conflict, not a pair left uncompared at cosine 0.55. The same sentence with
nothing changed stays without conflict."""

from __future__ import annotations

from claimcheck.config import CompareConfig
from claimcheck.stages.compare.findings import pair_conflicts

from builders import extracted

ORIGINAL = "The Riverton city council approved the new harbour bridge on March 5, 2021, after a two-hour debate."
EDITED = "The Helix Pharma city council did not approve the new harbour bridge on May 5, 2021, after a two-hour debate."


def test_three_edits_beside_a_partly_tagged_name_are_each_a_conflict() -> None:
    found = pair_conflicts(extracted(ORIGINAL, "a")[0], extracted(EDITED, "b")[0], 0.549, config=CompareConfig())
    assert sorted(c.kind for c in found) == ["date", "entity", "negation"]


def test_the_unchanged_sentence_has_no_conflict() -> None:
    assert pair_conflicts(extracted(ORIGINAL, "a")[0], extracted(ORIGINAL, "b")[0], 1.0, config=CompareConfig()) == []
