"""Numbers conflict only when they count or measure the same thing: each NumberSlot carries its counted noun and
the role of what it counts (dead / injured / missing / displaced ...), and ``same_quantity`` compares kind, noun and
role; "1 dead", "2 missing", "5 people injured", "magnitude 6", "50 people" are different quantities."""

from __future__ import annotations

import itertools

import pytest

from claimcheck.config import ExtractConfig
from claimcheck.models import Article, NumberSlot
from claimcheck.stages.extract.claims import extract_claims
from claimcheck.stages.extract.numbers import find_numbers, numbers_equal, quantity_label, same_quantity


def _one(text: str) -> NumberSlot:
    (n,) = find_numbers(text, 0, [])
    return n


@pytest.mark.parametrize(("text", "noun", "role"), [
    ("The quake left 1 dead.", "person", "dead"),
    ("Officials said 2 remain missing.", "person", "missing"),
    ("At least 5 people were injured.", "person", "injured"),
    ("Some 50 people were evacuated.", "person", "displaced"),
    ("The blast killed 12 people.", "person", "dead"),
    ("The death toll rose to 12.", "person", "dead"),
    ("There were 10 deaths.", "person", "dead"),
    ("The fire claimed 12 lives.", "person", "dead"),
    ("Eight people did not die in the fire.", "person", "dead"),  # a negation denies the same quantity
    ("Two do not remain missing.", "person", "missing"),
    ("Five people didn’t die in the fire.", "person", "dead"),  # a curly apostrophe too
    ("3 soldiers were killed.", "soldier", "dead"),
    ("Police arrested three children.", "child", "arrested"),
    ("The house sheltered 50 people.", "person", None),
    ("the 28,500 U.S. troops in South Korea", "troop", None),
])
def test_numbers_carry_their_counted_noun_and_role(text: str, noun: str, role: str | None) -> None:
    n = _one(text)
    assert (n.noun, n.role) == (noun, role)


@pytest.mark.parametrize(("text", "value"), [
    ("A 6.0-magnitude quake hit the island.", 6.0),
    ("A magnitude 6 earthquake hit the island.", 6.0),
    ("The quake measured 6.1 on the Richter scale.", 6.1),
    ("A magnitude-4.2 aftershock followed.", 4.2),
])
def test_magnitudes_are_measures_not_counts_of_earthquakes(text: str, value: float) -> None:
    n = _one(text)
    assert (n.kind, n.unit, n.value) == ("measure", "magnitude", value)
    assert quantity_label(n).startswith("magnitude ")


def test_a_hyphenated_unit_is_the_quantity_measured() -> None:
    mile, days = find_numbers("a 10-mile radius and a three-day visit", 0, [])
    assert (mile.kind, mile.unit, mile.value) == ("measure", "mile", 10.0)
    assert (days.kind, days.unit, days.value) == ("duration", "day", 3.0)
    assert same_quantity(mile, _one("the town lies 12 miles away"))


def test_earthquake_report_quantities_are_all_different_after_extraction() -> None:
    # the kind of sentences a many-outlet earthquake report holds: none of these numbers is the same quantity
    text = ("One person was killed and 2 remain missing after the magnitude 6 earthquake, officials said. "
            "The quake struck at 07:37 a.m. on Tuesday. "
            "At least 5 people were injured. "
            "Rescuers evacuated 50 people from the town.")
    article = Article(id="quake", path="quake.txt", text=text, published="2019-01-22")
    numbers = [n for c in extract_claims(article, config=ExtractConfig()) for n in c.slots.numbers]
    labels = sorted(quantity_label(n) for n in numbers)
    assert labels == ["1 person dead", "2 missing", "5 people injured", "50 people displaced", "magnitude 6"]
    assert not any(same_quantity(x, y) for x, y in itertools.combinations(numbers, 2))


def test_same_role_and_noun_is_the_same_quantity_across_wordings() -> None:
    killed = _one("The blast killed 12 people.")
    dead = _one("The quake left 10 dead.")
    deaths = _one("There were 10 deaths.")
    injured = _one("12 people were injured.")
    soldiers = _one("3 soldiers were killed.")
    assert same_quantity(killed, dead) and same_quantity(dead, deaths)
    assert not same_quantity(killed, injured)
    assert not same_quantity(soldiers, dead)


def test_a_bare_number_counts_nothing_known() -> None:
    bare = _one("The vote passed with 48 in favour.")
    assert bare.noun is None and bare.role is None
    assert not same_quantity(bare, _one("Officials counted 2248 of them."))


def test_numbers_equal_tolerates_approximate_values_only() -> None:
    about, exact, other = _one("about 4,000 workers"), _one("4,200 workers"), _one("4,800 workers")
    assert same_quantity(about, exact)
    assert numbers_equal(about, exact, tolerance=0.1)
    assert not numbers_equal(exact, other, tolerance=0.1)
    assert numbers_equal(exact, _one("4,200 workers"), tolerance=0.0)


def test_hand_built_slots_without_noun_fall_back_to_the_unit() -> None:
    a = NumberSlot(text="3 people", start=0, end=8, value=3.0, unit="people")
    b = NumberSlot(text="4 persons", start=0, end=9, value=4.0, unit="persons")
    c = NumberSlot(text="4 troops", start=0, end=8, value=4.0, unit="troops")
    assert same_quantity(a, b) and not same_quantity(a, c)


def test_ages_of_different_people_are_different_quantities() -> None:
    suspect = _one("61-year-old Sharron Diane Crawford Smith was arrested.")
    same_person = _one("Police said 60-year-old Smith was arrested.")
    victim = _one("An 18-year-old victim died.")
    assert suspect.noun == "sharron diane crawford smith" and victim.noun == "victim"
    assert same_quantity(suspect, same_person)
    assert not same_quantity(suspect, victim)


def test_a_place_in_front_of_a_person_noun_only_describes_whose_age_it_is() -> None:
    vancouver, essex = _one("A 61-year-old Vancouver man was charged."), _one("An 85-year-old Essex man was charged.")
    assert vancouver.noun == essex.noun == "man"
    assert same_quantity(vancouver, essex) and not numbers_equal(vancouver, essex, tolerance=0.1)


def test_paraphrases_of_one_toll_are_one_quantity_after_extraction() -> None:
    texts = ("Two people are still missing after the landslide, officials said.",
             "Two remain missing after the landslide, officials said.",
             "Rescuers continued the search for two missing people after the landslide.")
    numbers = []
    for i, text in enumerate(texts):
        article = Article(id=f"s{i}", path=f"s{i}.txt", text=text, published="2019-01-22")
        (n,) = [n for c in extract_claims(article, config=ExtractConfig()) for n in c.slots.numbers]
        numbers.append(n)
    assert {(n.value, n.noun, n.role) for n in numbers} == {(2.0, "person", "missing")}
    assert all(same_quantity(x, y) and numbers_equal(x, y, tolerance=0.0)
               for x, y in itertools.combinations(numbers, 2))


def test_a_role_adjective_before_the_noun_gives_noun_and_role() -> None:
    n = _one("The raid left 3 dead soldiers.")
    assert (n.unit, n.noun, n.role) == ("soldiers", "soldier", "dead")


def test_a_hyphenated_scale_word_scales_the_number() -> None:
    found = find_numbers("making off with a two-million-euro ($2.6-million) booty", 0, [])
    assert [(n.value, n.unit, n.kind) for n in found] == [(2_000_000.0, "eur", "money"),
                                                           (2_600_000.0, "usd", "money")]


def test_the_nth_time_something_happened_is_an_ordinal_but_for_the_first_time_is_an_idiom() -> None:
    (nth,) = find_numbers("the first time a serving US president had met with a North Korean leader", 0, [])
    assert (nth.value, nth.unit, nth.kind) == (1.0, "time", "ordinal")
    assert find_numbers("the two leaders met for the first time in years", 0, []) == \
        [n for n in find_numbers("the two leaders met for the first time in years", 0, []) if n.kind != "ordinal"]


def test_a_hyphenated_count_in_front_of_a_noun_sizes_that_noun() -> None:
    (attack,) = find_numbers("the warship foiled a five-boat pirate attack", 0, [])
    (captured,) = find_numbers("the warship captured three boats", 0, [])
    assert (attack.value, attack.unit, attack.role) == (5.0, "boat", "pirate")
    assert not same_quantity(attack, captured)  # the attack's size is not the number of boats captured
    (other,) = find_numbers("the warship foiled a three-boat pirate attack", 0, [])
    assert same_quantity(attack, other) and not numbers_equal(attack, other, tolerance=0.1)


def test_a_hyphenated_measure_is_the_same_quantity_as_the_measure_written_out() -> None:
    (hyphen,) = find_numbers("A 7-metre wave struck the coast of the island on Friday.", 0, [])
    (written,) = find_numbers("A wave of 10 metres struck the coast of the island on Friday.", 0, [])
    assert hyphen.kind == written.kind == "measure" and hyphen.role is None
    assert same_quantity(hyphen, written) and not numbers_equal(hyphen, written, tolerance=0.1)


@pytest.mark.parametrize(("text", "expected"), [
    ("The river Elbe climbed to 7.2m in the Saxon capital", (7.2, "m", "measure")),
    ("The wave was 3m high.", (3.0, "m", "measure")),
    ("It cost 5m.", (5_000_000.0, None, "count")),
    ("Some 7.2m people live there", (7_200_000.0, "people", "count")),
    ("$7.2m in sales", (7_200_000.0, "usd", "money")),
])
def test_a_bare_m_is_metres_after_a_word_of_height_and_millions_otherwise(text: str, expected: tuple) -> None:
    (n,) = find_numbers(text, 0, [])
    assert (n.value, n.unit, n.kind) == expected
