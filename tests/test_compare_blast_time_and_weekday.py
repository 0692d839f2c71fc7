"""Four outlets on one plant explosion (tests/fixtures/blast), real model: ``local`` gives another time of day
(7:15 a.m. against 6:40 a.m.), another weekday (Wednesday against Tuesday) in the sentence that also gives another
death toll (four against three), and another head count (600 against 450). Each is its own conflict naming the
outlier and the majority; the weekday is not hidden behind the toll of the same sentence, and ``check`` of the
edited outlet against the other three reports all of them in one run."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck import api

from builders import finding_with

pytestmark = pytest.mark.slow

FIX = Path(__file__).resolve().parent / "fixtures" / "blast"


@pytest.fixture(scope="module")
def blast(real_embedder):
    return api.compare([str(FIX)], embedder=real_embedder)


def test_a_different_time_of_day_is_a_conflict_with_its_outlier(blast) -> None:
    finding = finding_with(blast, "local", "7:15 a.m.")
    assert finding.verdict == "diverge"
    assert [(c.kind, c.majority, c.outliers) for c in finding.conflicts] == [("date", "6:40 a.m.", ("local",))]
    assert finding.conflicts[0].sides[0].sources == ("ap", "chron", "reuters")


def test_the_weekday_and_the_toll_of_one_sentence_are_two_conflicts(blast) -> None:
    finding = finding_with(blast, "local", "killed four workers")
    got = sorted((c.kind, c.majority, c.outliers) for c in finding.conflicts)
    assert got == [("date", "tuesday", ("local",)), ("number", "3 workers dead", ("local",))]


def test_check_of_the_edited_outlet_lists_every_conflict_in_one_run(real_embedder) -> None:
    others = [str(FIX / f) for f in ("ap.txt", "chron.txt", "reuters.txt")]
    result = api.check([str(FIX / "local.txt")], against=others, embedder=real_embedder)
    excerpts = sorted(i.excerpt for i in result.issues if i.verdict == "diverge")
    assert excerpts == ["600 people", "7:15 a.m.", "Wednesday", "first explosion", "four workers"]
