"""A sentence's capitalised first word is no name in the place of another (claimcheck/stages/compare/findings.py
``_names_differ``): "The HVR train was travelling" / "The train was carrying" finds "The" where "HVR" stands, which
is no rival name; a capitalised name there still is."""

from __future__ import annotations

from claimcheck.config import CompareConfig
from claimcheck.stages.compare.findings import pair_conflicts

from builders import claim, entity_in, number_in

HVR = "The HVR train was travelling from Carrow to Dunmere with some 230 passengers on board."


def _train(source: str, text: str, names: tuple[tuple[str, str], ...]) -> object:
    return claim(source, text, cid=source, entities=tuple(entity_in(text, n, label) for n, label in names),
                 numbers=(number_in(text, "230 passengers", 230.0, "passengers", noun="passenger"),))


def test_a_function_word_in_a_names_place_is_no_rival_name() -> None:
    a = _train("a", HVR, (("HVR", "ORG"), ("Carrow", "GPE")))
    b = _train("b", "The train was carrying around 230 passengers from Carrow to Dunmere.", (("Carrow", "GPE"),))
    assert [c for c in pair_conflicts(a, b, 0.87, config=CompareConfig()) if c.kind == "entity"] == []


def test_a_capitalised_name_in_its_place_still_clashes() -> None:
    a = _train("a", HVR, (("HVR", "ORG"), ("Carrow", "GPE")))
    b = _train("b", "The Kestrel train was travelling from Carrow to Dunmere with some 230 passengers on board.",
               (("Carrow", "GPE"),))
    (clash,) = [c for c in pair_conflicts(a, b, 0.9, config=CompareConfig()) if c.kind == "entity"]
    assert {s.value for s in clash.sides} == {"HVR", "Kestrel"}
