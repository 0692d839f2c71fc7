"""Spelling and transliteration variants and short forms of one name are one name (names.same_name /
same_entity); different names, including ones that share a consonant skeleton, stay apart."""

from __future__ import annotations

import pytest

from claimcheck.models import EntitySlot
from claimcheck.stages.extract.names import same_entity, same_name, skeleton

from builders import extracted


@pytest.mark.parametrize(("a", "b"), [
    ("Muammar Gaddafi", "Moammar Qaddafi"),
    ("Moammar Gadhafi", "Muammar Gaddafi"),
    ("Muammar al-Qaddafi", "Colonel Gaddafi"),
    ("Gaddafi", "Moammar Gadhafi"),
    ("Mohammed", "Muhammad"),
    ("Osama bin Laden", "Usama bin Ladin"),
    ("IBM", "International Business Machines"),
    ("IBM", "International Business Machines Corp."),
    ("the FBI", "Federal Bureau of Investigation"),
    ("U.N.", "United Nations"),
    ("Clinton", "Bill Clinton"),
    ("George W. Bush", "George Bush"),
    ("J. Smith", "John Smith"),
    ("Diane Crawford Smith", "Sharron Diane Crawford Smith"),
    ("Kim Jong-un", "Kim Jong Un"),
    ("Apple Inc.", "Apple"),
    ("President Trump", "Donald J. Trump"),
    ("E. coli", "Escherichia coli"),
    ("E.", "Escherichia"),  # the name run of "E. coli" ends at its lower-case word
])
def test_variants_and_short_forms_are_one_name(a: str, b: str) -> None:
    assert same_name(a, b) and same_name(b, a)


@pytest.mark.parametrize(("a", "b"), [
    ("Bill Clinton", "Hillary Clinton"),
    ("Mohammed", "Mahmoud"),
    ("Jackson", "Johnson"),
    ("Iran", "Iraq"),
    ("Austria", "Australia"),
    ("Hodeidah", "Aden"),
    ("Boston", "Boston Herald"),
    ("Kim", "Korea International Motors"),
    ("E.", "Salmonella"),
    ("E", "Escherichia"),  # a capital without its period is no initial ("Plan E", "Group E")
    ("E.", "Escherichia Smith"),  # an initial alone stands for a one-word name only
])
def test_different_names_stay_apart(a: str, b: str) -> None:
    assert not same_name(a, b) and not same_name(b, a)


def test_transliterations_share_a_consonant_skeleton() -> None:
    assert len({skeleton(w) for w in ("Gaddafi", "Qaddafi", "Gadhafi", "Kadhafi")}) == 1


def test_a_first_word_alone_names_a_person_only() -> None:
    kim = EntitySlot(text="Kim", start=0, end=3, label="PERSON", key="kim")
    full = EntitySlot(text="Kim Jong Un", start=0, end=11, label="PERSON", key="kim jong un")
    assert same_entity(kim, full)
    assert not same_name("Kim", "Kim Jong Un")


def _entities(text: str, source: str) -> list[EntitySlot]:
    return [e for c in extracted(text, source, published="2011-08-22") for e in c.slots.entities]


def test_extracted_transliterations_are_the_same_entity() -> None:
    a = _entities("Muammar Gaddafi met the envoy in Tripoli on Sunday.", "a")
    b = _entities("Moammar Qaddafi met the envoy in Tripoli on Sunday.", "b")
    (pa,) = [e for e in a if e.label == "PERSON"]
    (pb,) = [e for e in b if e.label == "PERSON"]
    assert pa.key != pb.key and same_entity(pa, pb)


def test_a_genus_shortened_to_its_initial_is_no_entity_conflict() -> None:
    # the tagger tags "Escherichia" alone and not "E."; the swapped-name rule found "E." in its place
    from claimcheck.config import CompareConfig
    from claimcheck.stages.compare.findings import pair_conflicts

    for x, y in (("Laboratory tests confirmed E. coli in samples from 19 patients.",
                  "Laboratory tests confirmed Escherichia coli in samples from 19 patients."),
                 ("At least 43 people fell ill with E. coli after eating at a Dayton restaurant.",
                  "At least 43 people fell ill with Escherichia coli after eating at a Dayton restaurant.")):
        (a,), (b,) = extracted(x, "a"), extracted(y, "b")
        assert [c.detail for c in pair_conflicts(a, b, 0.8, config=CompareConfig())] == []
    (a,), (b,) = (extracted("At least 43 people fell ill with E. coli after eating at a Dayton restaurant.", "a"),
                  extracted("At least 43 people fell ill with Listeria after eating at a Dayton restaurant.", "b"))
    # another pathogen still conflicts (the tagger calls "Listeria" a person, so it is a name conflict)
    assert [c.detail for c in pair_conflicts(a, b, 0.8, config=CompareConfig())] == ["E. coli vs Listeria (person)"]
