"""A partitive count ("Five of the train's eight carriages left the tracks"): the part counts the whole's noun and
takes the role said after the whole, the whole is how many there are in all (role "total"), so another outlet's
"Five carriages left the tracks" agrees with the part and does not conflict with the whole
(claimcheck/stages/extract/numbers.py ``_partitives``)."""

from __future__ import annotations

from claimcheck.config import CompareConfig
from claimcheck.stages.compare.findings import pair_conflicts
from claimcheck.stages.extract.numbers import find_numbers, quantity_key

from builders import extracted


def _numbers(text: str) -> list[tuple[str, float, str | None, str | None]]:
    return [(n.text, n.value, quantity_key(n), n.role) for n in find_numbers(text, 0, [])]


def test_the_part_counts_the_wholes_noun_and_the_whole_is_a_total() -> None:
    assert _numbers("Five of the train's eight carriages left the tracks.") == [
        ("Five", 5.0, "count:carriage", None), ("eight carriages", 8.0, "count:carriage:total", "total")]
    assert _numbers("Three of its five engines failed.") == [
        ("Three", 3.0, "count:engine", None), ("five engines", 5.0, "count:engine:total", "total")]


def test_a_role_said_after_the_whole_is_the_parts() -> None:
    assert _numbers("Two of the 12 passengers were killed.") == [
        ("Two", 2.0, "count:passenger:dead", "dead"), ("12 passengers", 12.0, "count:passenger:total", "total")]
    # a role word inside the whole is its own: "12 injured passengers" stay the injured
    assert _numbers("Two of the 12 injured passengers died.")[1][2:] == ("count:passenger:injured", "injured")


def test_counts_that_are_no_partitive_are_unchanged() -> None:
    assert _numbers("Five carriages and eight wagons left the tracks.") == [
        ("Five carriages", 5.0, "count:carriage", None), ("eight wagons", 8.0, "count:wagon", None)]


def test_a_whole_does_not_conflict_with_another_outlets_count_of_the_part() -> None:
    (whole,) = extracted("Five of the train's eight carriages left the tracks, police said.\n", "a")
    (part,) = extracted("Five carriages left the tracks, police said.\n", "b")
    (other,) = extracted("Six carriages left the tracks, police said.\n", "c")
    assert [c for c in pair_conflicts(whole, part, 0.84, config=CompareConfig()) if c.kind == "number"] == []
    (clash,) = [c for c in pair_conflicts(whole, other, 0.84, config=CompareConfig()) if c.kind == "number"]
    assert {s.value for s in clash.sides} == {"5 carriages", "6 carriages"}
