"""The exclusive-value rules read what a claim states (``Claim.stated``), not the words of a clause cut out of its
middle (``Claim.gaps``, a claim of its own): a weekday, season, time of day, change up or down, denial, count of
zero or event noun inside the cut clause can neither make a conflict nor hide one
(claimcheck/stages/compare/exclusive.py; issue 14)."""

from __future__ import annotations

import dataclasses

from claimcheck.config import CompareConfig
from claimcheck.models import Claim
from claimcheck.stages.compare.exclusive import (category_conflict, denial_conflict, direction_conflict,
                                                 occasions_differ, scale_conflict, stated_before, time_conflict,
                                                 zero_count_conflict)
from claimcheck.stages.compare.findings import _clashes

from builders import claim, number_in

CFG = CompareConfig()


def _cut(source: str, text: str, clause: str, **slots: object) -> Claim:
    """A claim of ``text`` whose ``clause`` (with its commas) is cut out as a gap, as the extraction cuts a
    relative clause out of the middle of a sentence."""
    s = text.index(clause)
    return dataclasses.replace(claim(source, text, 0, cid=f"{source}-cut", **slots), gaps=((s, s + len(clause)),))


def test_a_weekday_in_a_cut_clause_hides_no_weekday_conflict():
    # the old read of the whole text saw {Monday, Tuesday} against {Tuesday}: no weekday only one side names
    a = _cut("a", "The plant, which reopened on Tuesday, was shut on Monday after the blast.",
             ", which reopened on Tuesday,")
    b = claim("b", "The plant was shut on Tuesday after the blast.", 0)
    reason = scale_conflict(a, b)
    assert reason is not None and reason.detail == "monday vs tuesday (weekday)"
    assert [(c.kind, c.rule, c.a.span.text) for c in _clashes(a, b, 0.9, config=CFG)] == \
        [("date", "exclusive", "Monday")]


def test_a_weekday_in_a_cut_clause_makes_no_weekday_conflict():
    a = _cut("a", "The mayor, who was elected on Tuesday, said the bridge would reopen on Friday.",
             ", who was elected on Tuesday,")
    b = claim("b", "The mayor said the bridge would reopen on Friday.", 0)
    assert scale_conflict(a, b) is None
    c = claim("c", "The mayor said the bridge would reopen on Monday.", 0)
    assert scale_conflict(a, c).detail == "friday vs monday (weekday)"


def test_a_time_of_day_in_a_cut_clause_makes_no_time_conflict():
    a = _cut("a", "The ferry, which left port at 6:15 a.m., sank near the island at about 7:40 a.m.",
             ", which left port at 6:15 a.m.,")
    b = claim("b", "The ferry sank near the island at 7:45 a.m.", 0)
    assert time_conflict(a, b, tolerance=CFG.time_tolerance) is None
    c = claim("c", "The ferry sank near the island at 9:10 a.m.", 0)
    assert time_conflict(a, c, tolerance=CFG.time_tolerance).values == (("a", "7:40 a.m."), ("c", "9:10 a.m."))


def test_a_cut_clause_between_a_change_and_its_amount_hides_no_direction_conflict():
    # the old read of the whole text found no verb right before "12 percent" (the clause stands between)
    text = "Sales at the chain fell, which surprised analysts, 12 percent in March."
    a = _cut("a", text, ", which surprised analysts,",
             numbers=(number_in(text, "12 percent", 12, "%", kind="percent"),))
    assert stated_before(a, text.index("12")) == "Sales at the chain fell "
    other = "Sales at the chain rose 12 percent in March."
    b = claim("b", other, 0, numbers=(number_in(other, "12 percent", 12, "%", kind="percent"),))
    reason = direction_conflict(a, b, tolerance=CFG.approx_tolerance)
    assert reason is not None and reason.values == (("a", "fell 12 percent"), ("b", "rose 12 percent"))


def test_a_denial_in_a_cut_clause_is_no_denial_of_the_claim():
    a = _cut("a", "The minister, who denied that the army had fired on protesters, resigned on Friday.",
             ", who denied that the army had fired on protesters,")
    b = claim("b", "The army fired on protesters and the minister resigned on Friday.", 0)
    assert denial_conflict(a, b) is None
    plain = claim("c", "The minister denied that the army had fired on protesters.", 0)
    assert denial_conflict(plain, b) is not None


def test_a_count_of_zero_in_a_cut_clause_is_not_the_claims_count():
    text = "The fire, in which no one was injured, destroyed the warehouse on Monday."
    a = _cut("a", text, ", in which no one was injured,")
    other = "Two workers were injured when the fire destroyed the warehouse on Monday."
    b = claim("b", other, 0, numbers=(number_in(other, "Two workers", 2, "workers", role="injured",
                                                noun="worker"),))
    assert zero_count_conflict(a, b) is None
    whole = claim("c", "No one was injured when the fire destroyed the warehouse on Monday.", 0)
    assert zero_count_conflict(whole, b) is not None


def test_an_event_noun_in_a_cut_clause_tells_of_no_other_occasion():
    text = "No one was hurt in the fire, which followed a collision on the road, police said."
    a = _cut("a", text, ", which followed a collision on the road")
    other = "Two people were hurt in the fire, police said."
    b = claim("b", other, 0)
    assert not occasions_differ(a, b, tolerance=CFG.time_tolerance)
    whole = claim("c", "No one was hurt in the collision on the road, police said.", 0)
    assert occasions_differ(whole, b, tolerance=CFG.time_tolerance)


def test_a_thing_in_a_cut_clause_hides_no_category_conflict():
    # the old read of the whole text saw a rifle on both sides: no thing only one side names
    a = _cut("a", "Police said the gunman, who had bought a rifle last year, fired a pistol at the crowd.",
             ", who had bought a rifle last year,")
    b = claim("b", "Police said the gunman fired a rifle at the crowd.", 0)
    reason = category_conflict(a, b)
    assert reason is not None and reason.values == (("a", "pistol"), ("b", "rifle"))
    c = _cut("c", "Police said the gunman, who had bought a pistol last year, fired a rifle at the crowd.",
             ", who had bought a pistol last year,")
    assert category_conflict(c, b) is None
