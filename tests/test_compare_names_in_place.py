"""Names of one wording are compared place by place (claimcheck/stages/compare/findings.py
``_out_of_place_dropped``): when the tagger labels the names of a sentence and of its edited copy differently, the
slot rule's pairing by label ("Saxon" PERSON with "Rotterdam" PERSON) gives way to the names in the same places;
the same names labelled differently are no conflict."""

from __future__ import annotations

from claimcheck.config import CompareConfig
from claimcheck.stages.compare.findings import pair_conflicts

from builders import claim, entity_in

CFG = CompareConfig()
RIVER = "The river climbed to a record level in the {} capital {} on Sunday."


def _river(source: str, first: tuple[str, str], second: tuple[str, str], base: int = 0):
    text = RIVER.format(first[0], second[0])
    return claim(source, text, base, entities=(entity_in(text, first[0], first[1], base=base),
                                               entity_in(text, second[0], second[1], base=base)))


def test_names_labelled_differently_are_compared_in_their_places() -> None:
    a = _river("a", ("Saxon", "PERSON"), ("Dresden", "GPE"))
    b = _river("b", ("Westland", "NORP"), ("Rotterdam", "PERSON"), base=300)
    found = pair_conflicts(a, b, 0.8, config=CFG)
    assert sorted(tuple(sorted(side.value for side in c.sides)) for c in found if c.kind == "entity") == [
        ("Dresden", "Rotterdam"), ("Saxon", "Westland")]


def test_the_same_names_labelled_differently_are_no_conflict() -> None:
    a = _river("a", ("Saxon", "PERSON"), ("Dresden", "GPE"))
    b = _river("b", ("Saxon", "NORP"), ("Dresden", "PERSON"), base=300)
    assert pair_conflicts(a, b, 0.8, config=CFG) == []
