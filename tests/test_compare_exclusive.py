"""Values that exclude each other: a different weekday, season, part of the day or ordinal of the same thing in
the same statement diverges (kind date / number); the same value, a value on one side only, or a merely related
sentence does not."""

from __future__ import annotations

import pytest

from claimcheck.config import CompareConfig
from claimcheck.models import DateSlot
from claimcheck.stages.compare.findings import pair_reason
from claimcheck.stages.compare.exclusive import ordinal_conflict, scale_conflict

from builders import claim, number_in


@pytest.mark.parametrize(("a", "b", "detail"), [
    ("The talks were held on Monday in Geneva.", "The talks were held on Tuesday in Geneva.",
     "monday vs tuesday (weekday)"),
    ("The vote takes place in the spring.", "The vote takes place in the autumn.", "spring vs autumn (season)"),
    ("The vote takes place in spring.", "The vote takes place in the fall.", "spring vs autumn (season)"),
    ("The meeting was held in the morning.", "The meeting was held in the evening.",
     "morning vs evening (part of day)"),
])
def test_different_weekday_season_or_part_of_day_is_a_date_conflict(a: str, b: str, detail: str) -> None:
    reason = pair_reason(claim("x", a), claim("y", b), 0.9, config=CompareConfig())
    assert reason is not None and reason.kind == "date" and reason.detail == detail


def test_same_weekday_or_weekday_on_one_side_only_is_no_conflict() -> None:
    a = claim("x", "The talks were held on Monday in Geneva.")
    assert scale_conflict(a, claim("y", "The talks were held on Monday in Geneva, officials said.")) is None
    assert scale_conflict(a, claim("y", "The talks were held in Geneva.")) is None


def test_spring_and_fall_as_verbs_are_not_seasons() -> None:
    a = claim("x", "Prices spring back after the shares fall sharply.")
    b = claim("y", "Prices spring back after the shares fall sharply in winter.")
    assert scale_conflict(a, b) is None


def test_weekdays_are_left_to_the_date_rule_when_both_sides_have_resolved_days() -> None:
    day = DateSlot(text="Monday", start=0, end=6, value="2019-01-14", granularity="day")
    a = claim("x", "Monday: the talks were held in Geneva.", dates=(day,))
    b = claim("y", "Tuesday: the talks were held in Geneva.", dates=(day,))
    assert scale_conflict(a, b) is None


def test_different_ordinal_of_the_same_thing_is_a_number_conflict() -> None:
    ta, tb = "Kim is preparing for the second summit with Trump.", "Kim is preparing for the third summit with Trump."
    a = claim("x", ta, numbers=(number_in(ta, "second summit", 2, "summit", kind="ordinal"),))
    b = claim("y", tb, numbers=(number_in(tb, "third summit", 3, "summit", kind="ordinal"),))
    reason = pair_reason(a, b, 0.9, config=CompareConfig())
    assert reason is not None and reason.kind == "number"
    assert reason.detail == "second summit vs third summit"


def test_ordinals_of_different_things_do_not_conflict() -> None:
    ta, tb = "It was their first meeting in Singapore.", "It was their second summit in Singapore."
    a = claim("x", ta, numbers=(number_in(ta, "first meeting", 1, "meeting", kind="ordinal"),))
    b = claim("y", tb, numbers=(number_in(tb, "second summit", 2, "summit", kind="ordinal"),))
    assert ordinal_conflict(a, b) is None


def test_exclusive_values_in_merely_related_sentences_are_no_conflict() -> None:
    a = claim("x", "Protesters gathered outside parliament on Monday evening.")
    b = claim("y", "The finance minister presented the budget to parliament on Tuesday.")
    assert pair_reason(a, b, 0.7, config=CompareConfig()) is None
