"""Four outlets on one emergency landing (tests/fixtures/landing), real model: ``express`` changes six facts of
different kinds, two in one sentence and the others in neighbouring sentences: the airport (Frankfurt against
Munich) and the time of day (4:15 p.m. against 2:40 p.m.) of one sentence, the passengers in words against digits
("Seventy" against "80"), the injured (two against "No one was injured" / "Nobody was hurt" / "No injuries"), the
captain's age (47 against 52) and an ordinal (the airline's third emergency landing against its second). Each is its
own conflict naming both values, the outlier and the majority; no unchanged statement diverges; ``check`` of the
edited outlet against the other three lists every conflict in one run."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck import api

pytestmark = pytest.mark.slow

FIX = Path(__file__).resolve().parent / "fixtures" / "landing"


@pytest.fixture(scope="module")
def landing(real_embedder):
    return api.compare([str(FIX)], embedder=real_embedder)


def _conflicts(result) -> list[tuple[str, str, str | None, tuple[str, ...]]]:
    return sorted((c.kind, c.rule, c.majority, c.outliers) for f in result.findings for c in f.conflicts)


def _values(result, majority: str) -> set[str]:
    (conflict,) = [c for f in result.findings for c in f.conflicts if c.majority == majority]
    return {s.value for s in conflict.sides}


def test_every_changed_fact_is_its_own_conflict_with_the_edited_outlet_as_outlier(landing) -> None:
    assert _conflicts(landing) == [
        ("date", "exclusive", "2:40 p.m.", ("express",)),
        ("entity", "entity", "Munich Airport", ("express",)),
        ("number", "number", "52 year", ("express",)),
        ("number", "number", "80 passengers", ("express",)),
        ("number", "ordinal", "second emergency", ("express",)),
        ("number", "zero-count", "No injuries", ("express",)),  # three wordings of the zero: one side
    ]
    assert _values(landing, "Munich Airport") == {"Munich Airport", "Frankfurt Airport"}
    assert _values(landing, "80 passengers") == {"80 passengers", "70 passengers"}  # "Seventy" read as 70
    assert _values(landing, "2:40 p.m.") == {"2:40 p.m.", "4:15 p.m."}


def test_the_airport_and_the_time_of_one_sentence_are_two_conflicts_of_one_finding(landing) -> None:
    (finding,) = [f for f in landing.findings if any("Frankfurt Airport" in c.text for c in f.claims)]
    assert sorted(c.kind for c in finding.conflicts) == ["date", "entity"]
    assert all(c.sides[0].sources == ("courier", "radio", "wire") for c in finding.conflicts if c.kind == "entity")


def test_no_unchanged_statement_diverges(landing) -> None:
    changed = ("Frankfurt", "Seventy", "47", "third", "Two passengers")
    for f in landing.findings:
        if f.verdict == "diverge":
            assert any(w in c.text for c in f.claims if c.source == "express" for w in changed)
    assert {c.source for f in landing.findings if f.verdict == "agree" for c in f.claims} >= {"express", "wire"}


def test_the_injured_against_a_zero_by_negation_is_a_conflict(landing) -> None:
    conflicts = [c for f in landing.findings for c in f.conflicts if c.rule == "zero-count"]
    assert [(c.kind, c.outliers) for c in conflicts] == [("number", ("express",))]


def test_check_of_the_edited_outlet_lists_every_conflict_in_one_run(real_embedder) -> None:
    others = [str(FIX / f) for f in ("courier.txt", "radio.txt", "wire.txt")]
    result = api.check([str(FIX / "express.txt")], against=others, embedder=real_embedder)
    excerpts = sorted(i.excerpt for i in result.issues if i.verdict == "diverge")
    assert excerpts == ["47", "4:15 p.m.", "Frankfurt Airport", "Seventy passengers", "Two passengers were injured",
                        "third emergency"]
