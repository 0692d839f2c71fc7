"""Four outlets on one train derailment (tests/fixtures/railcrash, written for issue 14 by someone who had not seen
the code's other fixtures' wording), real model. ``herald`` gives another toll, day, place and time of day; the
others restate one another in other words. What a fact-checker needs and the tool gets right: the toll is one
conflict with the majority and ``herald`` as outlier (its sentence, kept out of its statement by clustering,
joins it: ``compare.findings._join_outliers``); a time restated with its time zone, an operator's initials, a
partitive count ("Five of the train's eight carriages"), a background year and the killed / injured / missing
counts are no conflicts; paraphrases of "two missing" are one agreed statement."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck import api

from builders import finding_with

pytestmark = pytest.mark.slow

FIX = Path(__file__).resolve().parent / "fixtures" / "railcrash"


@pytest.fixture(scope="module")
def rail(real_embedder):
    return api.compare([str(FIX)], embedder=real_embedder)


def test_the_outlets_other_toll_is_one_conflict_with_the_majority(rail) -> None:
    toll = finding_with(rail, "herald", "Nine people were killed")
    assert toll.verdict == "diverge" and toll.sources == ("afp", "courier", "herald", "reuters")
    (dead,) = [c for c in toll.conflicts if c.kind == "number"]
    assert [(s.value, s.sources) for s in dead.sides] == [("6 people dead", ("afp", "courier", "reuters")),
                                                          ("9 people dead", ("herald",))]
    assert (dead.majority, dead.outliers) == ("6 people dead", ("herald",))


def test_killed_injured_and_missing_counts_are_not_set_against_each_other(rail) -> None:
    numbers = [c for f in rail.findings for c in f.conflicts if c.kind == "number"]
    assert [{s.value for s in c.sides} for c in numbers] == [{"6 people dead", "9 people dead"}]


def test_a_partitive_count_and_an_operators_initials_agree(rail) -> None:
    assert finding_with(rail, "reuters", "Five of the train's eight carriages").verdict == "agree"
    assert finding_with(rail, "afp", "The HVR train").verdict == "agree"


def test_a_time_restated_with_its_time_zone_is_no_conflict(rail) -> None:
    values = {s.value for f in rail.findings for c in f.conflicts for s in c.sides}
    assert not any("0548" in v or "7:48" in v for v in values)


def test_paraphrases_of_the_missing_agree_and_background_stays_unique(rail) -> None:
    missing = finding_with(rail, "afp", "Two remain missing")
    assert missing.verdict == "agree" and {"afp", "herald", "reuters"} <= set(missing.sources)
    assert finding_with(rail, "afp", "opened in 1998").verdict == "unique"
