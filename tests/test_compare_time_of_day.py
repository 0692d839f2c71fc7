"""Times of day: a different time of the same statement diverges (kind date); the same moment written another way
(a.m. / 24-hour clock / a time-zone restatement), an approximate time within ``compare.time_tolerance``, or times
in different zones do not. A different weekday or time between one statement's partners counts whatever words
around it were paraphrased."""

from __future__ import annotations

import pytest

from claimcheck.config import CompareConfig
from claimcheck.stages.compare.exclusive import time_conflict
from claimcheck.stages.compare.findings import _clashes, pair_reason
from claimcheck.stages.extract.dates import times_of_day

from builders import claim

CFG = CompareConfig()


@pytest.mark.parametrize(("text", "minutes", "either_half", "zone"), [
    ("It happened at 6:40 a.m. on Tuesday.", 400, False, ""),
    ("It happened at 12:30 p.m.", 750, False, ""),
    ("It happened at 12 a.m.", 0, False, ""),
    ("It happened at 7.30pm.", 1170, False, ""),
    ("It happened at 19:48 local time.", 1188, False, ""),
    ("It happened at 07:48.", 468, False, ""),
    ("It happened at 7:48.", 468, True, ""),
    ("It happened at 2248 GMT.", 1368, False, "GMT"),
    ("It was contained by noon.", 720, False, ""),
])
def test_times_of_day_are_read_as_minutes_after_midnight(text: str, minutes: int, either_half: bool,
                                                         zone: str) -> None:
    (found,) = times_of_day(text)
    assert (found.minutes, found.either_half, found.zone) == (minutes, either_half, zone)


def test_a_different_time_of_the_same_statement_is_a_date_conflict() -> None:
    a = claim("x", "The blast happened at about 6:40 a.m. at the plant, the fire chief said.")
    b = claim("y", "The blast happened at about 7:15 a.m. at the plant, the fire chief said.")
    reason = pair_reason(a, b, 0.9, config=CFG)
    assert reason is not None and reason.kind == "date"
    assert reason.detail == "6:40 a.m. vs 7:15 a.m. (time of day)"


@pytest.mark.parametrize("other", [
    "The quake struck at 7:48 am (2248 GMT Tuesday), the agency said.",  # a time-zone restatement
    "The quake struck at 07:48, the agency said.",  # the 24-hour clock
    "The quake struck at 7:48, the agency said.",  # a.m. or p.m. not written
    "The quake struck at 2248 GMT, the agency said.",  # another zone: not compared
    "The quake struck, the agency said.",  # no time on one side
])
def test_the_same_moment_written_another_way_is_no_time_conflict(other: str) -> None:
    a = claim("x", "The quake struck at 7:48 a.m., the agency said.")
    assert time_conflict(a, claim("y", other), tolerance=CFG.time_tolerance) is None


def test_an_approximate_time_is_compared_within_the_tolerance() -> None:
    a = claim("x", "The blast happened at about 6:40 a.m.")
    assert time_conflict(a, claim("y", "The blast happened at 6:50 a.m."), tolerance=15) is None
    assert time_conflict(a, claim("y", "The blast happened at 7:15 a.m."), tolerance=15) is not None
    exact = claim("x", "The blast happened at 6:40 a.m.")
    assert time_conflict(exact, claim("y", "The blast happened at 6:50 a.m."), tolerance=15) is not None


def test_partners_differ_on_their_weekday_even_when_the_rest_is_paraphrased() -> None:
    a = claim("x", "An explosion at a chemical plant in Pasadena on Wednesday morning killed four workers and "
                   "injured 14, the city's fire chief said.")
    b = claim("y", "An explosion tore through a chemical plant in Pasadena, Texas, on Tuesday morning, killing three "
                   "workers and injuring 14 others, officials said.")
    as_partners = [c.a.label for c in _clashes(a, b, 0.86, config=CFG, partners=True) if c.kind == "date"]
    assert as_partners == ["wednesday"]
    # two merely related sentences (not one statement's partners) keep the stricter gate of an exclusive value
    assert not [c for c in _clashes(a, b, 0.86, config=CFG) if c.kind == "date"]


def test_a_weekday_in_a_side_clause_keeps_the_stricter_gate_between_partners() -> None:
    a = claim("x", "The fire was 25 percent contained Sunday evening, Cal Fire said.")
    b = claim("y", "The fire, which began Saturday near a campground off Highway 178, was 10 percent contained, "
                   "Cal Fire said.")
    assert not [c for c in _clashes(a, b, 0.84, config=CFG, partners=True) if c.kind == "date"]


def test_a_possessive_weekday_names_another_thing_and_keeps_the_stricter_gate_between_partners() -> None:
    a = claim("x", "Creighton will play the winner of Friday's second semifinal between Evansville and Indiana State.")
    b = claim("y", "In Saturday's semifinals, Creighton will play Indiana State.")
    assert not [c for c in _clashes(a, b, 0.8, config=CFG, partners=True) if c.kind == "date"]
