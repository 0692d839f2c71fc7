"""Counts of zero stated by negation and "one" with a role (claimcheck/stages/extract/numbers.py): "No deaths have
been reported", "no one was killed", "nobody was injured", "no injuries were reported" are a zero of the dead or
the injured; "no other deaths" and "no serious injuries" are a part, not a zero; "One firefighter was killed" is a
toll of one, while "one of the victims" and "one man said" count nothing."""

from __future__ import annotations

import pytest

from claimcheck.stages.extract.numbers import find_numbers, zero_counts


@pytest.mark.parametrize(("text", "expected"), [
    ("No deaths have been reported.", [("No deaths", "dead", "person")]),
    ("Two firefighters sustained minor injuries; no deaths were reported.", [("no deaths", "dead", "person")]),
    ("No one was killed in the collapse.", [("No one was killed", "dead", "person")]),
    ("Nobody was injured, the mayor said.", [("Nobody was injured", "injured", "person")]),
    ("No injuries were reported.", [("No injuries", "injured", "person")]),
    ("None of the passengers were hurt.", [("None of the passengers were hurt", "injured", "passenger")]),
    ("No firefighters were hurt.", [("No firefighters were hurt", "injured", "firefighter")]),
    ("There were no immediate reports of casualties.", [("no immediate reports of casualties", "casualties",
                                                         "person")]),
    ("No other deaths were reported.", []),
    ("There were no serious injuries.", []),
    ("Nobody was seriously hurt.", []),
    ("No new cases were found.", []),
])
def test_a_zero_stated_by_negation_is_read_with_its_role(text: str, expected: list) -> None:
    assert [(z.text, z.role, z.noun) for z in zero_counts(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("One firefighter was killed.", [(1.0, "firefighter", "dead")]),
    ("One person died in the crash.", [(1.0, "person", "dead")]),
    ("Two firefighters suffered minor injuries.", [(2.0, "firefighter", "injured")]),
    ("One firefighter was killed and two others were injured.", [(1.0, "firefighter", "dead"),
                                                                  (2.0, "person", "injured")]),
    ("One of the victims died in hospital.", []),
    ("One man said the fire was huge.", []),
])
def test_one_with_a_role_is_a_count_and_one_without_is_not(text: str, expected: list) -> None:
    assert [(n.value, n.noun, n.role) for n in find_numbers(text, 0, [])] == expected
