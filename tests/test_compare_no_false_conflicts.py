"""What outlets on one story write differently without contradicting each other is no conflict: a city and its
country or state (places.places_compatible), a first name and its short form, two forms of one nationality word,
a negation of something the other side does not state, and a verb that is a synonym of its listed opposite.
Different places, people and polarity of the same words stay conflicts. Cases from real multi-outlet news
(ECB+ train)."""

from __future__ import annotations

import pytest

from claimcheck.models import EntitySlot
from claimcheck.stages.compare.exclusive import frame_conflict
from claimcheck.stages.compare.findings import entity_conflict, negation_conflict
from claimcheck.stages.compare.opposites import antonym_pair
from claimcheck.stages.extract.names import entities_match
from claimcheck.stages.extract.places import group_path, groups_compatible, place_path, places_compatible

from builders import claim, entity


@pytest.mark.parametrize(("a", "b"), [
    ("Athens", "Greece"),
    ("NY", "U. S."),
    ("New York City", "United States"),
    ("Bandar Abbas", "Iran"),
    ("Los Angeles", "California"),
    ("Italy", "Europe"),
    ("U.S.", "United States"),
])
def test_a_place_and_the_place_it_lies_in_are_compatible(a: str, b: str) -> None:
    assert places_compatible(a, b) and places_compatible(b, a)


@pytest.mark.parametrize(("a", "b"), [
    ("Paris", "Lyon"),
    ("Iran", "Iraq"),
    ("Athens", "Italy"),
    ("Texas", "California"),
    ("Paris", "Qeshm Island Street"),  # unknown to the gazetteer: left to the other name rules
])
def test_different_places_stay_apart(a: str, b: str) -> None:
    assert not places_compatible(a, b)


def test_an_ambiguous_city_takes_its_most_populous_reading() -> None:
    assert place_path("Athens")[1] == "GR"
    assert place_path("Paris")[1] == "FR"


def test_city_vs_its_country_is_no_entity_conflict_but_two_cities_are() -> None:
    a = claim("a", "Three people died in a blaze at a bank in Athens.", entities=(entity("Athens", "GPE"),))
    b = claim("b", "Three people died in a blaze at a bank in Greece.", entities=(entity("Greece", "GPE"),))
    c = claim("c", "Three people died in a blaze at a bank in Rome.", entities=(entity("Rome", "GPE"),))
    assert entity_conflict(a, b) is None
    assert entity_conflict(a, c) is not None and "Athens vs Rome" in entity_conflict(a, c).detail


def test_city_vs_its_country_in_the_same_frame_is_no_frame_conflict() -> None:
    def place(name: str) -> EntitySlot:
        return EntitySlot(text=name, start=22, end=22 + len(name), label="GPE", key=name.lower(), role="in")

    a = claim("a", "The fire broke out in Athens.", entities=(place("Athens"),))
    b = claim("b", "The fire broke out in Greece.", entities=(place("Greece"),))
    c = claim("c", "The fire broke out in Rome.", entities=(place("Rome"),))
    assert frame_conflict(a, b) is None
    assert frame_conflict(a, c) is not None


def test_a_first_name_and_its_short_form_are_one_person() -> None:
    katie = entity("Katie Jenkin", "PERSON")
    assert entities_match(katie, entity("Kathryn Jenkin", "PERSON"))
    assert entities_match(entity("Bill Clinton", "PERSON"), entity("William Clinton", "PERSON"))
    assert not entities_match(katie, entity("Karen Jenkin", "PERSON"))
    assert not entities_match(entity("Bill Clinton", "PERSON"), entity("Hillary Clinton", "PERSON"))


def test_two_forms_of_one_nationality_word_are_one_group() -> None:
    assert entities_match(entity("Somali", "NORP"), entity("Somalian", "NORP"))
    assert not entities_match(entity("Somali", "NORP"), entity("Sudanese", "NORP"))


def test_a_negation_of_a_word_the_other_side_does_not_state_is_no_conflict() -> None:
    negated = claim("a", "An arrest for drunk driving will not affect the playing status of the receiver.",
                    negated=True, negation_cue="not")
    plain = claim("b", "The receiver was arrested by the highway patrol early Tuesday.")
    assert negation_conflict(negated, plain) is None
    same = claim("c", "The arrest will affect the playing status of the receiver.")
    assert negation_conflict(negated, same) is not None


def test_defeats_as_a_verb_is_not_the_opposite_of_wins() -> None:
    assert antonym_pair("Klitschko defeats Thompson in the sixth round.",
                        "Klitschko wins in the sixth round against Thompson.") is None
    assert antonym_pair("Klitschko won the fight.", "Klitschko lost the fight.") is not None


def test_relation_nouns_are_not_opposites() -> None:
    assert antonym_pair("A former employee opened fire at the office party.",
                        "A man opened fire at his former employers' office party.") is None


def test_a_nationality_and_the_nation_it_belongs_to_are_one_group() -> None:
    assert group_path("Nigerian")[1] == "NG" and group_path("Somali")[1] == "SO"
    assert groups_compatible("English", "British")
    assert not groups_compatible("Australian", "British") and not groups_compatible("Iranian", "Iraqi")
    assert group_path("Sicilian") is None  # no country of that name: left to the other name rules
    assert entities_match(entity("English", "NORP"), entity("British", "NORP"))
    assert not entities_match(entity("Australian", "NORP"), entity("British", "NORP"))
