"""Four outlets on one mayoral runoff (tests/fixtures/election, invented, real model, no publication dates).
``bulletin`` gives another winner's share (55 vs 52 percent) and another runner-up (Paul Drummond, 45 vs 47.8
percent) in one sentence and a neighbouring one, another turnout (58 vs 61 percent) in the next, and names
Drummond where the others name Kessler conceding; ``herald`` gives Voss's "third term" (the others: second) and
``courier`` says Kessler "has not conceded". What a fact-checker needs: each planted conflict with both values,
the majority and the outlier; the paraphrases (``52%`` / "fifty-two per cent", "about 48%" / "47.8%", "$1.2
million" / "1.2m dollars" / "1.2 million dollars, or about 1.1 million euros", "GCA" / "Green Civic Alliance",
"Voss" / "Elena Voss") and each outlet's dateline ("HARLOW BAY, Nov 30 (Wire) -" against "the November 29 runoff")
no conflict; the 2015 race, which only ``wire`` mentions, unique and compared with nothing.

Still wrong (not asserted): ``wire``'s "Kessler conceded" is in another finding than the negation's (so not on its
affirmed side), ``wire``'s "second term" (inside its lead sentence) is not on the ordinal's majority side while
its "Voss first ran for mayor in 2015" joins that finding, and unique details inside shared sentences ("the highest
for a municipal vote in the city since 1998", "the largest budget in the race") are reported with the agreed or
diverging statement."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck import api

from builders import finding_with

pytestmark = pytest.mark.slow

FIX = Path(__file__).resolve().parent / "fixtures" / "election"
MAJORITY = ("courier", "herald", "wire")


@pytest.fixture(scope="module")
def election(real_embedder):
    return api.compare([str(FIX)], embedder=real_embedder)


def _sides(conflict) -> list[tuple[str, tuple[str, ...]]]:
    return [(s.value, s.sources) for s in conflict.sides]


def test_another_winner_share_is_the_outliers_only_conflict_in_the_lead(election) -> None:
    lead = finding_with(election, "bulletin", "55 percent")
    assert lead.verdict == "diverge" and lead.sources == ("bulletin", *MAJORITY)
    (share,) = lead.conflicts  # the datelines' filing days are no date conflict
    assert (share.kind, share.majority, share.outliers) == ("number", "52%", ("bulletin",))
    assert _sides(share) == [("52%", MAJORITY), ("55%", ("bulletin",))]


def test_another_runner_up_and_share_are_two_conflicts_with_the_rounded_share_in_the_majority(election) -> None:
    runner_up = finding_with(election, "bulletin", "took 45 percent")
    got = {c.kind: c for c in runner_up.conflicts}
    assert set(got) == {"number", "entity"}
    assert _sides(got["number"]) == [("47.8%", MAJORITY), ("45%", ("bulletin",))]  # herald: "about 48%"
    assert _sides(got["entity"]) == [("Kessler", MAJORITY), ("Drummond", ("bulletin",))]
    assert got["entity"].outliers == ("bulletin",)


def test_another_turnout_is_a_conflict_with_every_other_outlet_on_the_majority(election) -> None:
    (turnout,) = finding_with(election, "bulletin", "Turnout was 58").conflicts
    assert (turnout.majority, turnout.outliers) == ("61%", ("bulletin",))
    assert _sides(turnout) == [("61%", MAJORITY), ("58%", ("bulletin",))]  # herald: "Some 61%"


def test_another_person_conceding_is_a_name_conflict(election) -> None:
    conceded = finding_with(election, "bulletin", "Drummond conceded")
    assert [(c.kind, *_sides(c)) for c in conceded.conflicts] == [
        ("entity", ("Drummond", ("bulletin",)), ("Kessler", ("wire",)))]


def test_an_ordinal_and_a_negation_are_conflicts_with_their_outlier(election) -> None:
    (term,) = finding_with(election, "herald", "third term").conflicts
    assert (term.rule, term.majority, term.outliers) == ("ordinal", "second term", ("herald",))
    (polarity,) = finding_with(election, "courier", "has not conceded").conflicts
    assert _sides(polarity) == [("affirmed", ("herald",)), ("negated ('not')", ("courier",))]


def test_paraphrased_values_currencies_and_short_names_agree(election) -> None:
    spending = finding_with(election, "bulletin", "1.1 million euros")
    assert spending.verdict == "agree" and spending.sources == ("bulletin", *MAJORITY)
    assert finding_with(election, "herald", "Dec. 15").verdict == "agree"
    assert not [c for f in election.findings for c in f.conflicts if c.kind == "date"]
    named = {s.value for f in election.findings for c in f.conflicts if c.kind == "entity" for s in c.sides}
    assert named == {"Drummond", "Kessler"}  # never "GCA", "Green Civic Alliance", "Voss" or "Elena Voss"


def test_the_earlier_race_is_unique_and_compared_with_nothing(election) -> None:
    earlier = finding_with(election, "wire", "lost the race")
    assert earlier.verdict == "unique" and not earlier.conflicts
    assert not [c for f in election.findings for c in f.conflicts for s in c.sides if s.value == "44%"]
