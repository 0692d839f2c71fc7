"""Four outlets on one sentencing without publication dates (tests/fixtures/court), real model: ``tribune``
gives another prison term, another age ("Whitmore, 61,") and negates the appeal; ``post`` another month of the
conviction. Every changed fact is a conflict with its majority and outlier; an age set off by commas after the
name is the same quantity as "the 58-year-old"; a month is held against the other outlet's month, not against
a year it could lie in; and a source's second claim that only leans on its conviction sentence ("was also
ordered to pay a fine of $500,000") is a statement of its own, not a money conflict with the kickbacks."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck import api

from builders import finding_with

pytestmark = pytest.mark.slow

FIX = Path(__file__).resolve().parent / "fixtures" / "court"


@pytest.fixture(scope="module")
def court(real_embedder):
    return api.compare([str(FIX)], embedder=real_embedder)


def test_the_conviction_sentence_has_an_age_and_a_month_conflict_each_with_its_outlier(court) -> None:
    finding = finding_with(court, "tribune", "61")
    assert finding.sources == ("courier", "herald", "post", "tribune")
    got = {(c.kind, c.majority, c.outliers) for c in finding.conflicts}
    assert got == {("number", "58 year", ("tribune",)), ("date", "XXXX-03", ("post",))}


def test_a_second_claim_leaning_on_a_taken_partner_is_its_own_statement(court) -> None:
    fine = finding_with(court, "herald", "fine of $500,000")
    assert fine.verdict == "unique" and fine.sources == ("herald",)


def test_the_prison_term_and_the_appeal_name_their_outliers(court) -> None:
    term = finding_with(court, "tribune", "12 years")
    assert [(c.kind, c.majority, c.outliers) for c in term.conflicts] == [("number", "15 year", ("tribune",))]
    appeal = finding_with(court, "tribune", "not appeal")
    assert [(c.kind, c.outliers) for c in appeal.conflicts] == [("negation", ("tribune",))]
