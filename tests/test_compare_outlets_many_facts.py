"""Four outlets on one earthquake without publication dates (tests/fixtures/quake4), real model: ``local`` gives
another magnitude, port, date and toll in one sentence, another count of damaged buildings and a negated
statement; ``afp`` another ordinal. The outlet is not taken for a report of another event (it restates the
story's other facts), so each changed fact is its own conflict with the majority and the outlier, the negated
statement has every affirming outlet on its side, and ``check`` lists every conflict in one run."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck import api
from claimcheck.cli import app

from builders import finding_with

pytestmark = pytest.mark.slow

FIX = Path(__file__).resolve().parent / "fixtures" / "quake4"
OTHERS = ("afp", "ap", "reuters")


@pytest.fixture(scope="module")
def quake(real_embedder):
    return api.compare([str(FIX)], embedder=real_embedder)


def test_an_outlet_differing_in_four_facts_of_one_sentence_gets_four_conflicts(quake) -> None:
    finding = finding_with(quake, "local", "Keelung")
    assert finding.verdict == "diverge" and finding.sources == ("afp", "ap", "local", "reuters")
    got = {(c.kind, c.majority, c.outliers) for c in finding.conflicts if c.outliers}
    assert ("date", "XXXX-03-03", ("local",)) in got
    assert ("number", "magnitude 6.2", ("local",)) in got
    assert ("entity", "Hualien", ("local",)) in got
    # the toll, cut off as a clause by two outlets and inside the whole sentence of two others, is one conflict
    # with its majority (compare.findings._absorb_covered_fragments)
    (toll,) = [c for c in finding.conflicts if c.subject.startswith("number:count")]
    assert [(s.value, s.sources) for s in toll.sides] == [("12 people dead", OTHERS), ("15 people dead", ("local",))]
    for conflict in finding.conflicts:
        assert {src for s in conflict.sides for src in s.sources} >= {"local"}


def test_word_numbers_and_ordinals_are_conflicts_with_their_majority(quake) -> None:
    buildings = finding_with(quake, "local", "Eighty")
    (count,) = [c for c in buildings.conflicts if c.kind == "number"]
    assert [(s.value, s.sources) for s in count.sides] == [("70 buildings", OTHERS), ("80 buildings", ("local",))]
    ordinal = finding_with(quake, "afp", "third")
    (nth,) = ordinal.conflicts
    assert (nth.rule, nth.majority, nth.outliers) == ("ordinal", "second strong quake", ("afp",))


def test_a_negated_statement_has_every_affirming_outlet_on_the_other_side(quake) -> None:
    funds = finding_with(quake, "local", "did not say")
    (polarity,) = [c for c in funds.conflicts if c.kind == "negation"]
    assert [(s.value, s.sources) for s in polarity.sides] == [("affirmed", OTHERS), ("negated ('not')", ("local",))]


def test_a_time_restated_with_its_time_zone_agrees(quake) -> None:
    assert finding_with(quake, "ap", "2348 GMT").verdict == "agree"


def test_check_lists_every_conflict_of_the_outlet_in_one_run() -> None:
    local = FIX / "local.txt"
    result = CliRunner().invoke(app, ["check", str(local), "--against", *(str(FIX / f"{n}.txt") for n in OTHERS)])
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    for words in ("'Keelung' here vs 'Hualien' in afp, ap, reuters", "'magnitude 6.4' here vs 'magnitude 6.2'",
                  "'March 4' here vs 'March 3' in afp, ap, reuters", "'15 people' here vs '12 people' in afp, ap, reuters",
                  "'Eighty buildings' here vs '70 buildings'", "negated ('not') here vs affirmed in afp, ap, reuters"):
        assert any(words in line for line in lines), (words, lines)
