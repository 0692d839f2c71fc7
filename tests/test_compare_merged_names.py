"""A changed name the tagger ran into its unchanged neighbour (claimcheck/stages/compare/findings.py,
``_merged_name_clashes``): "North Korea – Beijing Singapore summit" tagged "Beijing Singapore" against "United
States" + "Singapore" is a place conflict "United States vs Beijing", not an agreement hidden by the shared
"Singapore"; the same names run together or tagged apart, or a short form of the neighbour, are no conflict."""

from __future__ import annotations

import pytest

from claimcheck.config import CompareConfig
from claimcheck.stages.compare.findings import pair_conflicts

from builders import claim, entity_in

CFG = CompareConfig()
SUMMIT = "The two leaders first met in June 2018 at the historic North Korea – {} summit."


def _summit(source: str, names: str, tagged: list[str], base: int = 0):
    text = SUMMIT.format(names)
    return claim(source, text, base, entities=tuple(entity_in(text, t, "GPE", base=base)
                                                   for t in ["North Korea", *tagged]))


def test_a_name_run_into_its_neighbour_is_compared_with_the_neighbour_apart() -> None:
    a = _summit("a", "United States Singapore", ["United States", "Singapore"])
    b = _summit("b", "Beijing Singapore", ["Beijing Singapore"], base=300)
    found = pair_conflicts(a, b, 0.9, config=CFG)
    assert [(c.kind, c.detail) for c in found] == [("entity", "United States vs Beijing (place)")]
    spans = {side.value: (side.spans[0].source, side.spans[0].start) for side in found[0].sides}
    assert spans == {"United States": ("a", a.text.index("United")),
                     "Beijing": ("b", 300 + b.text.index("Beijing"))}


def test_a_hyphenated_run_beside_another_change_is_its_own_conflict() -> None:
    text_a = "He showed great interest in the second DPRK-US summit, state media said."
    text_b = "He showed great interest in the third Essex-US summit, state media said."
    a = claim("a", text_a, entities=(entity_in(text_a, "DPRK", "GPE"), entity_in(text_a, "US", "GPE")))
    b = claim("b", text_b, 200, entities=(entity_in(text_b, "Essex-US", "GPE", base=200),))
    found = pair_conflicts(a, b, 0.9, config=CFG)
    assert ("entity", "DPRK vs Essex (place)") in [(c.kind, c.detail) for c in found]


@pytest.mark.parametrize(("names", "tagged"), [
    ("United States Singapore", ["United States Singapore"]),  # the same names, run together on one side only
    ("US Singapore", ["US Singapore"]),  # initials of the neighbour
    ("United States Singapore", ["Singapore"]),  # the neighbour left untagged: nothing to compare it with
])
def test_the_same_names_run_together_or_a_short_form_are_no_conflict(names: str, tagged: list[str]) -> None:
    a = _summit("a", "United States Singapore", ["United States", "Singapore"])
    b = _summit("b", names, tagged, base=300)
    assert pair_conflicts(a, b, 0.9, config=CFG) == []


def test_a_longer_form_of_one_name_is_no_merged_name() -> None:
    text_a = "Kim met the president in Hanoi on Wednesday."
    text_b = "Kim Jong-un met the president in Hanoi on Wednesday."
    a = claim("a", text_a, entities=(entity_in(text_a, "Kim", "PERSON"), entity_in(text_a, "Hanoi", "GPE")))
    b = claim("b", text_b, 100, entities=(entity_in(text_b, "Kim Jong-un", "PERSON", base=100),
                                           entity_in(text_b, "Hanoi", "GPE", base=100)))
    assert pair_conflicts(a, b, 0.9, config=CFG) == []
