"""A place both sides name is present on the other side whatever else lies in its country: the same dateline
sentence ("PASADENA, Texas (AP) — ... near Houston") in two sources is no name conflict, although Houston lies in
Texas too (the "Paris" / "Lyon, France" test is for a place the other side names only by its country). A dateline
city changed in the same sentence stays a conflict."""

from __future__ import annotations

from claimcheck.config import CompareConfig
from claimcheck.stages.compare.findings import pair_conflicts

from builders import extracted

TEXT = ("{city}, Texas (AP) — Three workers were killed and 14 were injured Tuesday when an explosion ripped "
        "through a chemical plant near Houston, authorities said.")


def _entity_values(a: str, b: str) -> list[set[str]]:
    found = pair_conflicts(extracted(a, "a")[0], extracted(b, "b")[0], 1.0, config=CompareConfig())
    return [{s.value for s in c.sides} for c in found if c.kind == "entity"]


def test_the_same_place_beside_another_of_its_country_is_no_conflict() -> None:
    assert _entity_values(TEXT.format(city="PASADENA"), TEXT.format(city="PASADENA")) == []


def test_a_changed_city_beside_the_same_places_stays_a_conflict() -> None:
    assert {"PASADENA", "DALLAS"} in _entity_values(TEXT.format(city="PASADENA"), TEXT.format(city="DALLAS"))
