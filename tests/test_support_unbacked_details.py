"""Unbacked details of a claim (claimcheck/stages/compare/support.py) and the negated-word rule of the comparison, on
hand-built claims (no model, no extraction)."""

from __future__ import annotations

from claimcheck.stages.compare.findings import inserted_negation, negation_conflict
from claimcheck.stages.compare.support import entity_substitutions, unsupported_slots

from builders import claim, date, entity, number


DOC = [
    claim("doc", "Activists in London poured paint in front of the Russian embassy on Thursday.",
          entities=(entity("London", "GPE"), entity("Russian", "NORP"))),
    claim("doc", "The union said 4,800 workers joined the strike in March 2021.",
          numbers=(number(4800, "workers", text="4,800"),), dates=(date("2021-03", "month"),)),
    claim("doc", "Mayor Jan Smit said the port would reopen.", entities=(entity("Jan Smit", "PERSON"),)),
]


def test_detail_named_in_another_claim_is_backed() -> None:
    c = claim("sum", "London activists protested at the Russian embassy.",
              entities=(entity("London", "GPE"), entity("Russian", "NORP", start=30)))
    assert unsupported_slots(c, DOC) == []


def test_entity_nowhere_in_the_others_is_unsupported_in_claim_order() -> None:
    moscow, poland = entity("Moscow", "GPE", start=40), entity("Poland", "GPE", start=5)
    c = claim("sum", "Poland activists poured paint at the Moscow embassy.", entities=(moscow, poland))
    assert unsupported_slots(c, DOC) == [poland, moscow]


def test_demonym_and_name_part_are_backed_by_their_stem_and_full_name() -> None:
    c = claim("sum", "Russia's embassy; Smit said so.",
              entities=(entity("Russia", "GPE"), entity("Smit", "PERSON", start=18)))
    assert unsupported_slots(c, DOC) == []


def test_a_name_sharing_only_a_prefix_with_another_is_not_backed_by_it() -> None:
    doc = [claim("doc", "Trade talks with Australia resumed.", entities=(entity("Australia", "GPE"),))]
    c = claim("sum", "Trade talks with Austria resumed.", entities=(entity("Austria", "GPE"),))
    assert unsupported_slots(c, doc) == list(c.slots.entities)
    assert unsupported_slots(claim("sum", "Australian trade talks resumed.",
                                   entities=(entity("Australian", "NORP"),)), doc) == []


def test_entity_backed_by_extra_text_only() -> None:
    c = claim("sum", "Ukraine was invaded.", entities=(entity("Ukraine", "GPE"),))
    assert unsupported_slots(c, DOC) == list(c.slots.entities)
    assert unsupported_slots(c, DOC, texts=["The war in Ukraine began a year ago."]) == []


def test_number_with_another_value_is_unsupported_and_approximate_one_within_tolerance_is_not() -> None:
    wrong = number(5200, "workers", text="5,200")
    assert unsupported_slots(claim("sum", "5,200 workers struck.", numbers=(wrong,)), DOC) == [wrong]
    about = number(4500, "workers", text="about 4,500", approximate=True)
    assert unsupported_slots(claim("sum", "About 4,500 workers struck.", numbers=(about,)), DOC) == []


def test_date_is_backed_by_a_compatible_date_only() -> None:
    same = claim("sum", "The strike began in 2021.", dates=(date("2021", "year"),))
    assert unsupported_slots(same, DOC) == []
    other = date("2021-04", "month")
    assert unsupported_slots(claim("sum", "It began in April 2021.", dates=(other,)), DOC) == [other]


def test_kinds_limits_the_checked_details() -> None:
    wrong = number(5200, "workers", text="5,200")
    c = claim("sum", "5,200 workers in Poland.", numbers=(wrong,), entities=(entity("Poland", "GPE", start=17),))
    assert unsupported_slots(c, DOC, kinds=("number",)) == [wrong]
    assert [s.text for s in unsupported_slots(c, DOC, kinds=("entity",))] == ["Poland"]


def test_no_other_claims_leaves_every_detail_unsupported() -> None:
    c = claim("sum", "Smit said 4,800.", entities=(entity("Smit", "PERSON"),),
              numbers=(number(4800, text="4,800", start=10),))
    assert len(unsupported_slots(c, [])) == 2


def test_unbacked_name_replacing_one_of_the_counterpart_is_a_substitution() -> None:
    moscow = entity("Moscow", "GPE", start=40)
    c = claim("sum", "Activists poured paint in front of the Moscow embassy.", entities=(moscow,))
    subs = entity_substitutions(c, DOC[0], unsupported_slots(c, DOC))
    assert [(a.text, b.text) for a, b in subs] == [("Moscow", "London")]


def test_unbacked_name_added_next_to_the_counterparts_names_is_not_a_substitution() -> None:
    c = claim("sum", "Activists in London poured paint in front of the Russian embassy, Poland said.",
              entities=(entity("London", "GPE"), entity("Russian", "NORP"), entity("Poland", "GPE", start=60)))
    unbacked = unsupported_slots(c, DOC)
    assert [s.text for s in unbacked] == ["Poland"]
    assert entity_substitutions(c, DOC[0], unbacked) == []


def test_negation_inside_a_relative_clause_is_a_negation_conflict() -> None:
    a = claim("a", "He fell from a clifftop that was not known as a meeting place.")
    b = claim("b", "He fell from a clifftop that was known as a meeting place.")
    r = negation_conflict(a, b)
    assert r is not None and r.kind == "negation"
    assert r.values == (("a", "not known"), ("b", "known"))


def test_negation_removed_is_found_in_either_order() -> None:
    assert inserted_negation("The founder was arrested.", "The founder was not arrested on Thursday.") == (
        "arrested", "not arrested")


def test_moved_negation_and_idioms_are_not_inserted_negations() -> None:
    assert inserted_negation("They did not offer a raise.", "They offered no raise.") is None
    assert inserted_negation("It is not only cheap but fast.", "It is cheap and fast.") is None
    assert inserted_negation("Talks have not yet resumed.", "Talks have not resumed.") is None
