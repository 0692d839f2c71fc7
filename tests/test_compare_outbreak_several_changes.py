"""Four outlets on one salmonella outbreak (tests/fixtures/outbreak), real model: ``radio`` changes the restaurant's
name (Jade Garden against Golden Lantern), the victim's age and the day she died in one sentence (68 against 78,
Sunday against Saturday), the count hospitalized ("15 of them" against "12 of them": a partitive count takes the
role after it), denies the voluntary closing, and adds a fact of its own inside a shared sentence ("Li Wei, who
opened the restaurant in 2009 with his brother, said ..."). Each change is its own typed conflict with ``radio``
as outlier, the inserted fact is unique, and ``check`` of ``radio`` against the other three lists every conflict in
one run. The changed pathogen (E. coli against salmonella: a common noun in the same role, exclusive.category_conflict)
is a conflict of kind ``other`` in the two sentences that name it."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck import api

from builders import finding_with

pytestmark = pytest.mark.slow

FIX = Path(__file__).resolve().parent / "fixtures" / "outbreak"
OTHERS = [str(FIX / f) for f in ("daily.txt", "tv.txt", "wire.txt")]


@pytest.fixture(scope="module")
def outbreak(real_embedder):
    return api.compare([str(FIX)], embedder=real_embedder)


def test_the_age_and_the_day_of_one_sentence_are_two_conflicts(outbreak) -> None:
    finding = finding_with(outbreak, "radio", "68-year-old")
    got = sorted((c.kind, c.majority, c.outliers) for c in finding.conflicts)
    assert got == [("date", "saturday", ("radio",)), ("number", "78 year", ("radio",))]
    assert finding.conflicts[0].sides[0].sources == ("daily", "tv", "wire")


def test_a_partitive_count_and_a_name_in_one_role_conflict(outbreak) -> None:
    count = finding_with(outbreak, "radio", "15 of them")
    assert [(c.kind, sorted(s.value for s in c.sides)) for c in count.conflicts] == \
        [("number", ["12 injured", "15 injured"]), ("other", ["E. coli", "salmonella"])]  # the pathogen too
    name = finding_with(outbreak, "radio", "Jade Garden")
    assert [(c.kind, sorted(s.value for s in c.sides)) for c in name.conflicts] == \
        [("entity", ["Golden Lantern", "Jade Garden"])]


def test_the_denied_closing_has_the_majority_against_it(outbreak) -> None:
    finding = finding_with(outbreak, "radio", "was not closed")
    assert [(c.kind, c.majority, c.outliers) for c in finding.conflicts] == [("negation", "affirmed", ("radio",))]


def test_a_fact_inside_a_shared_sentence_stays_unique(outbreak) -> None:
    inner = [f for f in outbreak.findings if any(c.text.startswith("Li Wei, who opened") for c in f.claims)]
    assert [(f.verdict, [c.source for c in f.claims]) for f in inner] == [("unique", ["radio"])]
    # the rest of the sentence still agrees with the others' "The owner, Li Wei, said ..."
    rest = finding_with(outbreak, "radio", "said in a statement")
    assert rest.verdict == "agree" and "wire" in {c.source for c in rest.claims}


def test_check_of_the_changed_outlet_lists_every_conflict_in_one_run(real_embedder) -> None:
    result = api.check([str(FIX / "radio.txt")], against=OTHERS, embedder=real_embedder)
    excerpts = sorted(i.excerpt for i in result.issues if i.verdict == "diverge")
    assert excerpts == ["15", "68-year-old", "E. coli", "E. coli", "Jade Garden", "Sunday", "not"]


def test_the_changed_pathogen_is_a_conflict(real_embedder) -> None:
    result = api.check([str(FIX / "radio.txt")], against=OTHERS, embedder=real_embedder)
    assert any("coli" in i.excerpt for i in result.issues if i.verdict == "diverge")


def test_the_pathogen_has_the_majority_against_it(outbreak) -> None:
    finding = finding_with(outbreak, "radio", "confirmed E. coli")
    assert [(c.kind, c.rule, c.majority, c.outliers) for c in finding.conflicts] == \
        [("other", "category", "salmonella", ("radio",))]
