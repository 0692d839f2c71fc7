"""A place that lies in a country its own claim names beside it (claimcheck/stages/compare/findings.py
``_entity_in`` with ``own``): "the Ohio-US border talks" / "the Mexico-US border talks" is a place conflict
"Mexico vs Ohio", though Ohio lies in the US the other side names: the US is named on both sides and explains
nothing; a place inside the country the other side names alone ("in Ohio, US" / "in the US") is no conflict."""

from __future__ import annotations

from claimcheck.config import CompareConfig
from claimcheck.stages.compare.findings import pair_conflicts

from builders import claim, entity_in

CFG = CompareConfig()
TALKS = "Officials met on Friday for the {}-US border talks in a hotel by the river."


def _talks(source: str, place: str, base: int = 0):
    text = TALKS.format(place)
    return claim(source, text, base, entities=(entity_in(text, place, "GPE", base=base),
                                               entity_in(text, "US", "GPE", base=base)))


def test_a_place_inside_a_country_both_sides_name_is_compared_with_the_other_place() -> None:
    found = pair_conflicts(_talks("a", "Mexico"), _talks("b", "Ohio", 300), 0.9, config=CFG)
    assert [(c.kind, c.detail) for c in found] == [("entity", "Mexico vs Ohio (place)")]


def test_a_place_inside_the_country_the_other_side_names_alone_is_no_conflict() -> None:
    text_a, text_b = "The talks in the US ended on Friday.", "The talks in Ohio, US ended on Friday."
    a = claim("a", text_a, entities=(entity_in(text_a, "US", "GPE"),))
    b = claim("b", text_b, 300, entities=(entity_in(text_b, "Ohio", "GPE", base=300),
                                           entity_in(text_b, "US", "GPE", base=300)))
    assert pair_conflicts(a, b, 0.9, config=CFG) == []
