"""Nationality words the tagger missed beside one it tagged (claimcheck/stages/extract/slots.py
``_missed_groups``): in "One Australian and one English climber" spaCy calls "English" a language, so the claim
named only "Australian" and read as a rival of "a British climber" (a false entity conflict); the coordinated word
that names a people of a country is a group (NORP) too, with its exact span. A capitalised word joined to a
nationality that names no country's people is left alone."""

from __future__ import annotations

from claimcheck.config import CompareConfig
from claimcheck.stages.compare.findings import pair_conflicts

from builders import extracted

CFG = CompareConfig()


def _groups(text: str) -> list[tuple[str, str]]:
    (c,) = [c for c in extracted(text) if "climber" in c.text]
    return [(e.text, c.text[e.start - c.start:e.end - c.start]) for e in c.slots.entities if e.label == "NORP"]


def test_a_coordinated_nationality_the_tagger_missed_is_a_group() -> None:
    assert _groups("One Australian and one English climber have fallen to their deaths in New Zealand.\n") == [
        ("Australian", "Australian"), ("English", "English")]
    assert ("English", "English") in _groups("Australian, English climbers killed in New Zealand mountains today.\n")


def test_a_coordinated_word_that_is_no_nationality_is_left_alone() -> None:
    groups = _groups("One Australian and one Olympic climber have fallen to their deaths in New Zealand.\n")
    assert [g for g, _ in groups] == ["Australian"]


def test_both_nationalities_stated_is_no_group_conflict_but_another_is() -> None:
    (both,) = extracted("One Australian and one English climber have fallen to their deaths in New Zealand.\n", "a")
    (british,) = extracted("A British climber has fallen to his death in New Zealand.\n", "b")
    (australian,) = extracted("An Australian climber has fallen to his death in New Zealand.\n", "c")
    # "English" is British: the first outlet states the British climber too
    assert [c for c in pair_conflicts(both, british, 0.87, config=CFG) if c.kind == "entity"] == []
    # one climber, Australian against British: still a conflict
    found = [c for c in pair_conflicts(australian, british, 0.9, config=CFG) if c.kind == "entity"]
    assert [sorted(s.value for s in c.sides) for c in found] == [["Australian", "British"]]
