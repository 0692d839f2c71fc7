"""numbers.find_numbers: a rate change in percentage points, basis points or a fraction of a point is one
measure; a result or vote tally next to a word that says so is one value; a bare range is neither."""

from __future__ import annotations

import pytest

from claimcheck.stages.extract.numbers import find_numbers, quantity_label, same_quantity


def _numbers(text: str) -> list[tuple[str, str]]:
    return [(n.text, quantity_label(n)) for n in find_numbers(text, 0, [])]


@pytest.mark.parametrize(("text", "words"), [
    ("The bank raised its rate by a quarter of a percentage point.", "quarter of a percentage point"),
    ("It lifted the key rate by 25 basis points.", "25 basis points"),
    ("It raised rates by 0.25 percentage points.", "0.25 percentage points"),
    ("A quarter-point rise was expected.", "quarter-point"),
])
def test_a_quarter_point_written_four_ways_is_one_value(text: str, words: str) -> None:
    assert _numbers(text) == [(words, "0.25 percentage point")]


def test_half_a_point_and_whole_points_are_measured_in_percentage_points() -> None:
    assert _numbers("It raised rates by half a percentage point.") == [("half a percentage point",
                                                                        "0.5 percentage point")]
    assert _numbers("Rates rose two percentage points.") == [("two percentage points", "2 percentage point")]


def test_points_after_digits_stay_a_count() -> None:
    assert _numbers("He scored 30 points.") == [("30 points", "30 points")]


@pytest.mark.parametrize(("text", "label"), [
    ("The committee voted 6-3 in favour.", "6-3"),
    ("The vote on the committee was 7-2.", "7-2"),
    ("In a 5–4 ruling the court agreed.", "5-4"),
    ("The visitors lost 1-3 at home.", "3-1"),
])
def test_a_tally_next_to_a_vote_or_result_word_is_one_value(text: str, label: str) -> None:
    (tally,) = find_numbers(text, 0, [])
    assert (tally.kind, quantity_label(tally)) == ("score", label)


def test_a_range_without_a_result_word_is_no_tally() -> None:
    assert all(n.kind != "score" for n in find_numbers("Children aged 6-8 took part.", 0, []))


def test_two_tallies_are_one_quantity_and_a_tally_is_no_count() -> None:
    (a,) = find_numbers("They voted 6-3.", 0, [])
    (b,) = find_numbers("The vote was 7-2.", 0, [])
    (c,) = find_numbers("Six members voted.", 0, [])
    assert same_quantity(a, b) and not same_quantity(a, c)


def test_a_score_during_the_game_is_another_quantity_than_the_result() -> None:
    (interim,) = [n for n in find_numbers("The Colts, trailing 14-0 early on, rallied late.", 0, []) if n.kind == "score"]
    (final,) = find_numbers("The Colts beat the Jaguars 20-13 on Sunday.", 0, [])
    (other,) = find_numbers("The Jaguars led 10-0 at half-time.", 0, [])
    assert interim.role == other.role == "interim" and final.role is None
    assert not same_quantity(interim, final) and same_quantity(interim, other)
    (vote,) = find_numbers("The amendment was voted down 52-48 in the Senate.", 0, [])
    assert vote.kind == "score" and vote.role is None  # "voted down" is a result, not a score during a game


def test_an_age_set_off_by_commas_after_a_name_is_that_person_s_age() -> None:
    (age,) = find_numbers("Daniel Whitmore, 58, was convicted.", 0, [])
    assert (age.kind, age.value, age.noun) == ("age", 58.0, "daniel whitmore")
    (other,) = find_numbers("Whitmore, 61, was convicted.", 0, [])
    assert same_quantity(age, other)  # the surname is the same person
    assert [n.kind for n in find_numbers("On Tuesday, 12, were hurt.", 0, [])] == ["count"]
