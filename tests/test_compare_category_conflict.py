"""A different thing of one exclusive category in the same statement is a typed conflict of kind ``other`` (rule
``category``; claimcheck/stages/compare/exclusive.py ``category_conflict``, members from WordNet in
claimcheck/data/categories.tsv): the pathogen, the weapon, the vehicle, the relative. A broader or
narrower word ("bacteria" / "salmonella", "gun" / "pistol"), a synonym ("E. coli" / "Escherichia coli", "car" /
"automobile", "bike" / "bicycle": a word's other senses count), an animal (no category since session 12), a list
naming more, a capitalised name ("the Chargers") and a merely related sentence are none."""

from __future__ import annotations

import pytest

from claimcheck.config import CompareConfig
from claimcheck.stages.compare.exclusive import category_terms, same_value, thing_sides
from claimcheck.stages.compare.findings import pair_conflicts

from builders import extracted


def _pair(x: str, y: str, similarity: float = 0.8, *, rule: str | None = None) -> list[tuple[str, str, str]]:
    (a,), (b,) = extracted(x, "a"), extracted(y, "b")
    return [(c.kind, c.rule, c.detail) for c in pair_conflicts(a, b, similarity, config=CompareConfig())
            if rule in (None, c.rule)]


@pytest.mark.parametrize(("x", "y", "detail"), [
    ("Laboratory tests confirmed salmonella in samples from 19 patients.",
     "Laboratory tests confirmed E. coli in samples from 19 patients.", "salmonella vs E. coli (pathogen)"),
    ("The victim was attacked with a knife outside the station, police said.",
     "The victim was attacked with a gun outside the station, police said.", "knife vs gun (weapon)"),
    ("The bus left the road and overturned near the border crossing.",
     "The truck left the road and overturned near the border crossing.", "bus vs truck (vehicle)"),
    ("His wife told reporters that he had been threatened for months.",
     "His daughter told reporters that he had been threatened for months.", "wife vs daughter (relative)"),
])
def test_two_things_of_one_category_in_one_statement_conflict(x: str, y: str, detail: str) -> None:
    assert _pair(x, y) == [("other", "category", detail)]


@pytest.mark.parametrize(("x", "y"), [
    ("Laboratory tests confirmed bacteria in samples from 19 patients.",  # broader
     "Laboratory tests confirmed salmonella in samples from 19 patients."),
    ("The suspect was shot with a gun outside the station, police said.",  # narrower
     "The suspect was shot with a pistol outside the station, police said."),
    ("Laboratory tests confirmed E. coli in samples from 19 patients.",  # synonym
     "Laboratory tests confirmed Escherichia coli in samples from 19 patients."),
    ("The car left the road and overturned near the border crossing.",
     "The automobile left the road and overturned near the border crossing."),
    ("A man on a bicycle was hit by the car near the border crossing.",  # "bike" is first a motorcycle, also this
     "A man on a bike was hit by the car near the border crossing."),
    ("A cat was found alive in the rubble of the house on Monday.",  # animals: no category (SICK: neutral)
     "A dog was found alive in the rubble of the house on Monday."),
    ("The vehicle left the road and overturned near the border crossing.",  # broader, filed elsewhere by WordNet
     "The bus left the road and overturned near the border crossing."),
    ("Laboratory tests confirmed salmonella and E. coli in samples from 19 patients.",  # a list naming more
     "Laboratory tests confirmed salmonella in samples from 19 patients."),
])
def test_a_broader_narrower_or_same_thing_is_no_conflict(x: str, y: str) -> None:
    assert _pair(x, y, rule="category") == []


def test_a_thing_of_one_category_in_a_merely_related_sentence_is_no_conflict() -> None:
    assert _pair("The man was stabbed with a knife on Monday night.",
                 "Police later found a gun in the car of his neighbour.", 0.65) == []


def test_a_capitalised_name_inside_a_sentence_is_no_thing() -> None:
    assert [w for w, _ in category_terms("The Chargers beat the Ravens; a truck drove onto the field.")] == ["truck"]
    assert [w for w, _ in category_terms("Salmonella was found. E. coli was not.")] == ["Salmonella", "E. coli"]


def test_plurals_are_read_as_their_singular() -> None:
    assert [t.written for _, t in category_terms("Two trucks and three buses were damaged.")] == ["truck", "bus"]
    assert [t.written for _, t in category_terms("He carried two knives.")] == ["knife"]


def test_synonyms_stand_on_one_side() -> None:
    assert same_value("E. coli", "Escherichia coli")
    assert same_value("Salmonella", "salmonella")
    assert not same_value("E. coli", "salmonella")


def test_a_synonym_narrower_or_broader_thing_of_one_side_only_stands_on_that_side() -> None:
    def sides(text: str, values: list[str]) -> list[tuple[str, str]]:
        (c,) = extracted(text, "c")
        return [(v, w) for v, _, _, w in thing_sides(c, values)]

    assert sides("The gunman fired a pistol at the crowd.", ["handgun", "rifle"]) == [("handgun", "pistol")]
    assert sides("His spouse told police about the threats.", ["wife", "brother"]) == [("wife", "spouse")]
    assert sides("The suspect fled in a vehicle after the attack.", ["truck", "bus"]) == []  # both: neither
