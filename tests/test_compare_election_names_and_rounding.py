"""Names and rounded values across outlets on one election result (claimcheck/stages/compare/findings.py):

- a surname keyed to the full name its article gives ("Voss" -> "elena voss") is present in a claim that writes the
  surname alone, untagged (``_entity_in``): no name conflict with another name of that claim;
- one statement's partners naming two people between the same words ("Drummond conceded" / "Kessler conceded")
  conflict once the rest of their words match (``_same_place`` in ``_gate``), under the cosine a name needs
  elsewhere; names in different places of merely related sentences do not;
- an approximate value ("about 48%") that matches two sides within the tolerance stands on the nearest one
  (``_nearest``), so a rounded figure counts for the majority it rounds."""

from __future__ import annotations

from claimcheck.config import CompareConfig
from claimcheck.models import Claim
from claimcheck.stages.compare.findings import _clashes, assemble_conflicts

from builders import claim, entity_in, number_in

CFG = CompareConfig()
WIRE = "Kessler conceded defeat late on Sunday and congratulated Voss on her victory."
BULLETIN = "Drummond conceded defeat on Sunday night and congratulated Voss."


def _conceded(source: str, text: str, tagged: tuple[tuple[str, str | None], ...], base: int = 0) -> Claim:
    return claim(source, text, base, cid=source,
                 entities=tuple(entity_in(text, w, "PERSON", key, base=base) for w, key in tagged))


def test_a_surname_keyed_to_its_full_name_is_present_where_written_untagged() -> None:
    # the bulletin's tagger found "Voss" (keyed to the article's "Elena Voss"), the wire's only "Kessler"
    a = _conceded("bulletin", BULLETIN, (("Voss", "elena voss"),))
    b = _conceded("wire", WIRE, (("Kessler", "martin kessler"),), base=200)
    names = {(c.a.label, c.b.label) for c in _clashes(a, b, 0.9, config=CFG) if c.kind == "entity"}
    assert ("Voss", "Kessler") not in names
    assert names == {("Drummond", "Kessler")}


def test_partners_naming_two_people_between_the_same_words_conflict() -> None:
    a = _conceded("bulletin", BULLETIN, (("Voss", "elena voss"),))
    b = _conceded("wire", WIRE, (("Kessler", "martin kessler"),), base=200)
    # cosine 0.72 (the fixture pair): under entity_min_similarity, at least partner_min_similarity
    assert CFG.partner_min_similarity <= 0.72 < CFG.entity_min_similarity
    assert [(c.a.label, c.b.label) for c in _clashes(a, b, 0.72, config=CFG, partners=True)
            if c.kind == "entity"] == [("Drummond", "Kessler")]
    # not partners (another claim of the source is closer): the stricter gate holds
    assert not [c for c in _clashes(a, b, 0.72, config=CFG) if c.kind == "entity"]


def test_partners_naming_two_people_in_different_places_do_not_conflict() -> None:
    a = _conceded("bulletin", "Drummond conceded defeat on Sunday night and thanked his supporters.",
                  (("Drummond", None),))
    b = _conceded("wire", "On Sunday night supporters cheered as Kessler conceded defeat.", (("Kessler", None),),
                  base=200)
    assert not [c for c in _clashes(a, b, 0.72, config=CFG, partners=True) if c.kind == "entity"]


def _share(source: str, words: str, value: float, *, approximate: bool = False) -> Claim:
    text = f"The runner-up finished with {words} of the vote."
    return claim(source, text, cid=source,
                 numbers=(number_in(text, words, value, "percent", kind="percent", approximate=approximate),))


def test_a_rounded_value_stands_on_the_nearest_side() -> None:
    claims = [_share("wire", "47.8%", 47.8), _share("courier", "47.8%", 47.8), _share("bulletin", "45%", 45),
              _share("herald", "about 48%", 48, approximate=True)]
    clashes = [x for i, j in ((0, 2), (1, 2)) for x in _clashes(claims[i], claims[j], 0.9, config=CFG)]
    (conflict,), _ = assemble_conflicts(claims, clashes, config=CFG)
    assert [(s.value, s.sources) for s in conflict.sides] == [("47.8%", ("courier", "herald", "wire")),
                                                               ("45%", ("bulletin",))]
    assert (conflict.majority, conflict.outliers) == ("47.8%", ("bulletin",))


def test_a_rounded_value_halfway_between_two_sides_stands_on_neither() -> None:
    claims = [_share("wire", "46%", 46), _share("bulletin", "50%", 50),
              _share("herald", "about 48%", 48, approximate=True)]
    conflict = assemble_conflicts(claims, _clashes(claims[0], claims[1], 0.9, config=CFG), config=CFG)[0][0]
    assert [(s.value, s.sources) for s in conflict.sides] == [("46%", ("wire",)), ("50%", ("bulletin",))]
