"""A count of a part of a group takes the role the verb after it gives ("12 of them were hospitalized": 12
injured), so two outlets' "12 of them" / "15 of them were hospitalized" are one quantity with two values
(claimcheck/stages/extract/numbers.py ``_ROLE_AFTER``)."""

from __future__ import annotations

from claimcheck.stages.extract.numbers import role_of


def _role(text: str, number: str) -> str | None:
    s = text.index(number)
    return role_of(text, s, s + len(number), window=40)


def test_a_partitive_count_takes_the_role_after_it() -> None:
    text = "At least 43 people fell ill last week, and 12 of them were hospitalized, officials said."
    assert _role(text, "12") == "injured"
    assert _role("Two of those were killed in the blast.", "Two") == "dead"


def test_a_partitive_count_without_a_role_word_has_none() -> None:
    assert _role("Twelve of them were questioned by police.", "Twelve") is None
