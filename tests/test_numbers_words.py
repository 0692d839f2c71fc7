"""Word numbers against digits: "Seventy people" and "80 people" are numbers of the same quantity, also
sentence-initial and capitalised, through the real extraction."""

from __future__ import annotations

from claimcheck.models import NumberSlot
from claimcheck.stages.extract.numbers import find_numbers, same_quantity

from builders import extracted


def _numbers(text: str, source: str) -> list[NumberSlot]:
    return [n for c in extracted(text, source) for n in c.slots.numbers]


def test_sentence_initial_word_number_and_digits_are_one_quantity() -> None:
    (words,) = _numbers("Seventy people were injured in the blast, police said.", "a")
    (digits,) = _numbers("80 people were injured in the blast, police said.", "b")
    assert (words.value, digits.value) == (70.0, 80.0)
    assert (words.unit, words.noun, words.role) == (digits.unit, digits.noun, digits.role) == \
        ("people", "person", "injured")
    assert same_quantity(words, digits)


def test_word_percent_is_a_percent() -> None:
    (words,) = find_numbers("Seventy percent of voters backed the plan.", 0, [])
    (digits,) = find_numbers("70% of voters backed the plan.", 0, [])
    assert (words.kind, words.value) == (digits.kind, digits.value) == ("percent", 70.0)
    assert same_quantity(words, digits)


def test_an_article_before_a_word_number_is_not_one_more() -> None:
    (n,) = find_numbers("They began a three-day visit.", 0, [])
    assert (n.text, n.value) == ("three-day", 3.0)
