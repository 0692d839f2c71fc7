"""One wording once a name the tagger missed is found in its place (claimcheck/stages/compare/findings.py
``_renamed_one_wording``): a sentence with its name, its score and its polarity changed and the new name left
untagged is still one statement with its original, so every edit is a conflict whatever the cosine the edits leave
the pair; a different sentence around the same swap, or the same name untagged, is no conflict."""

from __future__ import annotations

from claimcheck.config import CompareConfig
from claimcheck.stages.compare.findings import pair_conflicts

from builders import claim, entity_in, number_in

CFG = CompareConfig()
TAIL = " 2-0 against Port Vale on Sunday to book a place in the county cup final."


def _match(source: str, text: str, *, tagged: str | None, score: str, value: float, base: int = 0, **slots):
    ents = [entity_in(text, "Port Vale", "ORG", base=base)] + ([entity_in(text, tagged, "ORG", base=base)]
                                                               if tagged else [])
    return claim(source, text, base, entities=tuple(sorted(ents, key=lambda e: e.start)),
                 numbers=(number_in(text, score, value, base=base, kind="score"),), **slots)


def test_three_edits_with_the_new_name_untagged_are_each_a_conflict_at_a_low_cosine() -> None:
    a = _match("a", "Harbour Town won" + TAIL, tagged="Harbour Town", score="2-0", value=2000)
    text_b = "Millbrook did not win" + TAIL.replace("2-0", "5-0")
    b = _match("b", text_b, tagged=None, score="5-0", value=5000, base=300, negated=True, negation_cue="not")
    found = pair_conflicts(a, b, 0.45, config=CFG)
    assert sorted((c.kind, c.detail) for c in found) == [
        ("entity", "Harbour Town vs Millbrook (org)"), ("negation", "affirmed vs negated ('not')"),
        ("number", "2-0 vs 5-0")]


def test_another_wording_around_the_same_swap_is_no_conflict_at_a_low_cosine() -> None:
    a = _match("a", "Harbour Town won" + TAIL, tagged="Harbour Town", score="2-0", value=2000)
    text_b = "Millbrook lost 2-0 against Port Vale in a friendly on Sunday before the county cup final."
    b = _match("b", text_b, tagged=None, score="2-0", value=2000, base=300)
    assert pair_conflicts(a, b, 0.45, config=CFG) == []


def test_the_same_name_untagged_on_one_side_is_no_conflict() -> None:
    a = _match("a", "Harbour Town won" + TAIL, tagged="Harbour Town", score="2-0", value=2000)
    b = _match("b", "Harbour Town won" + TAIL, tagged=None, score="2-0", value=2000, base=300)
    assert pair_conflicts(a, b, 0.45, config=CFG) == []
    assert pair_conflicts(a, b, 0.95, config=CFG) == []


def test_the_swapped_name_is_searched_once_per_pair(monkeypatch) -> None:
    # the low-cosine gate and the clash list asked _swapped_name_clash the same question twice; the answer found with
    # no name taken stands when neither of its names is taken by another clash since
    import claimcheck.stages.compare.findings as findings

    calls = []
    real = findings._swapped_name_clash

    def counted(*args, **kwargs):
        calls.append(kwargs.get("taken"))
        return real(*args, **kwargs)

    monkeypatch.setattr(findings, "_swapped_name_clash", counted)
    a = _match("a", "Harbour Town won" + TAIL, tagged="Harbour Town", score="2-0", value=2000)
    text_b = "Millbrook did not win" + TAIL.replace("2-0", "5-0")
    b = _match("b", text_b, tagged=None, score="5-0", value=5000, base=300, negated=True, negation_cue="not")
    found = pair_conflicts(a, b, 0.45, config=CFG)
    assert ("entity", "Harbour Town vs Millbrook (org)") in [(c.kind, c.detail) for c in found]
    assert len(calls) == 1
