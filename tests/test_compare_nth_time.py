"""Which time a thing happens (claimcheck/stages/compare/exclusive.py ``nth_time_conflict``): "for the first time
since 1998" / "for the second time since 1998" in one sentence is an ordinal conflict (kind ``number``), though
extraction keeps the idiom out of the ordinal slots; the same "first time", or another sentence around a different
one, is no conflict."""

from __future__ import annotations

from claimcheck.config import CompareConfig
from claimcheck.stages.compare.findings import pair_conflicts

from builders import claim

CFG = CompareConfig()
FINAL = "Harbour Town beat Port Vale on Sunday to reach the county cup final for the {} time since 1998."


def test_a_different_nth_time_in_one_sentence_is_an_ordinal_conflict() -> None:
    a = claim("a", FINAL.format("first"))
    b = claim("b", FINAL.format("second"), 300)
    found = pair_conflicts(a, b, 0.9, config=CFG)
    assert [(c.kind, c.detail) for c in found] == [("number", "first time vs second time (time)")]
    second = next(s for s in found[0].sides if s.value == "second time").spans[0]
    assert second.text == "second time" and second.start == 300 + b.text.index("second")


def test_the_same_nth_time_or_another_sentence_is_no_conflict() -> None:
    a = claim("a", FINAL.format("first"))
    assert pair_conflicts(a, claim("b", FINAL.format("first"), 300), 0.9, config=CFG) == []
    other = claim("b", "Port Vale lost a league match at home for the second time this season.", 300)
    assert pair_conflicts(a, other, 0.7, config=CFG) == []


def test_an_ordinal_in_digits_is_the_same_nth_time_as_its_word() -> None:
    # compared by value (the ordinals of claimcheck/stages/extract/numbers.py), not by word
    a = claim("a", FINAL.format("first"))
    assert pair_conflicts(a, claim("b", FINAL.format("1st"), 300), 0.9, config=CFG) == []
    found = pair_conflicts(a, claim("b", FINAL.format("2nd"), 300), 0.9, config=CFG)
    assert [(c.kind, c.detail) for c in found] == [("number", "first time vs 2nd time (time)")]
    # past "tenth": the one ordinal table reaches "twentieth"
    far = pair_conflicts(claim("a", FINAL.format("eleventh")), claim("b", FINAL.format("twelfth"), 300), 0.9,
                         config=CFG)
    assert [c.detail for c in far] == ["eleventh time vs twelfth time (time)"]
