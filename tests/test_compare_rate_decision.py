"""Four outlets on one central-bank decision (tests/fixtures/rates), real model: the rate change is written
"a quarter of a percentage point", "25 basis points" and "0.25 percentage points" by three outlets and "half a
percentage point" by ``agency``, which also gives another vote tally ("6-3" against "7-2") and affirms what the
others negate. Each is a conflict with its majority and ``agency`` as the outlier; the three ways of writing one
quarter point agree, and WordNet's verbs "level" / "raise" are no conflict against "its highest level" (a noun)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck import api

from builders import finding_with

pytestmark = pytest.mark.slow

FIX = Path(__file__).resolve().parent / "fixtures" / "rates"
DATES = {name: "2023-05-11" for name in ("agency", "daily", "paper", "wire")}


@pytest.fixture(scope="module")
def rates(real_embedder):
    return api.compare([str(FIX)], embedder=real_embedder, published=DATES)


def test_a_rate_change_in_points_basis_points_and_fractions_is_one_quantity(rates) -> None:
    finding = finding_with(rates, "agency", "half a percentage point")
    assert finding.verdict == "diverge"
    assert [(c.kind, c.majority, c.outliers) for c in finding.conflicts] == [
        ("number", "0.25 percentage point", ("agency",))]
    (change,) = finding.conflicts
    assert [(s.value, s.sources) for s in change.sides] == [("0.25 percentage point", ("daily", "paper", "wire")),
                                                           ("0.5 percentage point", ("agency",))]


def test_a_different_vote_tally_is_a_conflict_with_its_majority(rates) -> None:
    finding = finding_with(rates, "agency", "voted 6-3")
    (tally,) = finding.conflicts
    assert [(s.value, s.sources) for s in tally.sides] == [("7-2", ("paper", "wire")), ("6-3", ("agency",))]
    assert tally.outliers == ("agency",)


def test_the_outlet_affirming_what_the_others_negate_is_the_outlier(rates) -> None:
    finding = finding_with(rates, "agency", "ruled out")
    (polarity,) = finding.conflicts
    assert (polarity.kind, polarity.outliers) == ("negation", ("agency",))


def test_a_shared_figure_agrees_and_no_opposite_is_read_into_a_noun(rates) -> None:
    assert finding_with(rates, "wire", "6.2 percent").verdict == "agree"
    assert not [c for f in rates.findings for c in f.conflicts if c.rule == "opposites"]
