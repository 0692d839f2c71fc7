"""A count of zero of an outcome and a count above zero of the same outcome in another source of one story are one
statement, whatever their cosine (claimcheck/stages/compare/exclusive.py ``outcome_conflict``, ``outcome_joins``;
findings.py joins their findings): "Nobody was hurt, police said." / "Two passengers were injured, according to
police." conflict, the zero stated in several wordings is one side. Not joined: claims of different occasions (the
second blast / the first, a fire / a collision, Monday / Tuesday, two places), another outcome, a source that states
both a zero and a count (parts of a total), and two sources that share too few statements to be one story."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck import api
from claimcheck.config import CompareConfig, config_from_dict
from claimcheck.models import Claim, Finding
from claimcheck.stages.compare.exclusive import outcome_conflict, outcome_joins, same_value

from builders import extracted
from conftest import write_article


def _one(text: str, source: str) -> Claim:
    (c,) = extracted(text, source)
    return c


@pytest.mark.parametrize(("zero", "count"), [
    ("Nobody was hurt, police said.", "Two passengers were injured, according to police."),
    ("No injuries were reported.", "Two passengers were injured, according to police."),
    ("No one was killed in the fire, officials said.", "The fire killed three people, officials said."),
    ("There were no deaths.", "Four people died in the collapse on Tuesday."),
])
def test_a_zero_and_a_count_of_one_outcome_conflict_whatever_their_wording(zero: str, count: str) -> None:
    reason = outcome_conflict(_one(zero, "a"), _one(count, "b"), tolerance=15)
    assert reason is not None and reason.kind == "number"


@pytest.mark.parametrize(("zero", "count"), [
    ("No one was killed in the second blast.", "Three people were killed in the first blast."),  # ordinal
    ("No one was hurt in the fire.", "Two people were injured in the collision."),  # event nouns of two classes
    ("Nobody was injured on Monday.", "Two people were injured on Tuesday."),  # weekday
    ("No one was injured in Paris.", "Two people were injured in London."),  # places
    ("Nobody was killed, police said.", "Two passengers were injured, according to police."),  # another outcome
])
def test_different_occasions_or_outcomes_do_not_conflict(zero: str, count: str) -> None:
    assert outcome_conflict(_one(zero, "a"), _one(count, "b"), tolerance=15) is None


def test_zeros_of_one_outcome_in_other_words_are_one_value() -> None:
    assert same_value("No one was injured", "Nobody was hurt")
    assert same_value("No injuries", "no injuries")
    assert not same_value("No injuries", "No deaths")
    assert not same_value("No injuries", "Two passengers were injured")
    # the count above zero in other words: one side too ("One motorist was killed" / "killed one person")
    assert same_value("One motorist was killed", "one person")
    assert not same_value("One motorist was killed", "two people")


def _finding(*claims: Claim) -> Finding:
    verdict = "unique" if len({c.source for c in claims}) == 1 else "agree"
    return Finding(id="-".join(c.id for c in claims), verdict=verdict, similarity=1.0, claims=claims)


SHARED = ("The plane landed in Munich at 2:40 p.m. on Tuesday.", "The captain declared an emergency over the Alps.")


def _story(zero: str, count: str, *, shared: int = 2, also: str | None = None) -> list[Finding]:
    findings = [_finding(_one(s, "a"), _one(s, "b")) for s in SHARED[:shared]]
    findings += [_finding(_one(zero, "a")), _finding(_one(count, "b"))]
    if also:
        findings.append(_finding(_one(also, "a")))
    return findings


def _joins(findings: list[Finding], min_shared: int = 2) -> list[list[int]]:
    claims = [c for f in findings for c in f.claims]
    return outcome_joins(findings, claims, min_shared=min_shared, tolerance=15)


def test_a_zero_and_a_count_of_two_sources_of_one_story_are_joined() -> None:
    findings = _story("Nobody was hurt, police said.", "Two passengers were injured, according to police.")
    assert _joins(findings) == [[2, 3]]


def test_sources_sharing_too_few_statements_are_not_joined() -> None:
    findings = _story("Nobody was hurt, police said.", "Two passengers were injured, according to police.",
                      shared=1)
    assert _joins(findings) == []
    assert _joins(findings, min_shared=0) == []  # 0 turns the join off


def test_a_source_that_states_a_zero_and_a_count_of_one_outcome_tells_of_parts() -> None:
    findings = _story("No one was killed in the explosion.", "Three people were killed in the explosion.",
                      also="Two workers were killed in the explosion.")
    assert _joins(findings) == []


CONFIG = config_from_dict({"embedding": {"backend": "fake"}})
LEAD = "A Nordair jet made an emergency landing at Munich Airport at 2:40 p.m. on Tuesday after smoke filled the cabin."
CREW = "The Airbus A320 was carrying 80 passengers and four crew members."


def test_the_zero_of_three_outlets_against_the_count_of_one_is_a_conflict_with_a_majority(tmp_path: Path) -> None:
    for name, outcome in (("courier", "Nobody was hurt, police said."), ("radio", "No injuries were reported."),
                          ("wire", "No one was injured, according to airport police."),
                          ("express", "Two passengers were injured, according to police.")):
        write_article(tmp_path, f"{name}.txt", f"Jet lands after smoke\n\n{LEAD}\n\n{CREW}\n\n{outcome}\n")
    result = api.compare([str(tmp_path)], config=CONFIG)
    (conflict,) = [c for f in result.findings for c in f.conflicts if c.rule == "zero-count"]
    assert (conflict.kind, conflict.outliers) == ("number", ("express",))
    assert conflict.sides[0].sources == ("courier", "radio", "wire")
    assert conflict.sides[1].value == "Two passengers were injured"


def test_a_zero_and_a_count_of_two_outlets_sharing_one_statement_stay_apart(tmp_path: Path) -> None:
    write_article(tmp_path, "a.txt", f"Jet lands after smoke\n\n{LEAD}\n\nNobody was hurt, police said.\n")
    write_article(tmp_path, "b.txt", "Bus crash\n\nA bus hit a wall in Lyon on Friday.\n\n"
                                     f"{LEAD}\n\nTwo passengers were injured, according to police.\n")
    result = api.compare([str(tmp_path)], config=CONFIG)
    assert not [c for f in result.findings for c in f.conflicts if c.rule == "zero-count"]
    assert CompareConfig().outcome_min_shared == 2
