"""A participial clause in parentheses ("... from President Trump (pictured with the North Korean leader at their
June 2018 summit in Singapore)") and a noun phrase after a dash that sums up the clause before it ("... at the
Singapore summit – the first time a serving US president had met a North Korean leader") state a fact of their own
(claimcheck/stages/extract/claims.py ``_candidates``, ``_inserted_candidates``): each becomes a claim of its own, so
the rest of the sentence is not agreed or contradicted through it (issue 14, "unique facts are swallowed")."""

from __future__ import annotations

import pytest

from builders import extracted


def _claims(sentence: str) -> dict[str, object]:
    """The claims of a one-sentence article by what each states, each checked to be an exact slice."""
    claims = extracted(sentence + "\n", published="2024-03-05")
    assert all((sentence + "\n")[c.start:c.end] == c.text for c in claims)
    return {c.stated: c for c in claims}


@pytest.mark.parametrize(("sentence", "parts"), [
    # a trailing parenthetical participle: cut off with the noun it is about (so two captions of two people are
    # never one statement) and both parentheses
    ("The mayor praised another letter from Governor Anna Reyes (pictured with the minister at their 2018 summit "
     "in Lisbon).",
     {"The mayor praised another letter from Governor Anna Reyes",
      "Governor Anna Reyes (pictured with the minister at their 2018 summit in Lisbon)"}),
    # no noun right before the parenthesis: the clause alone, without its parentheses
    ("Police arrested the suspect near the old station late on Friday (acting on a tip from neighbours).",
     {"Police arrested the suspect near the old station late on Friday", "acting on a tip from neighbours"}),
    # a "when" clause in parentheses, as after a comma
    ("The plant closed in 2019 (when the owner went bankrupt after a long dispute).",
     {"The plant closed in 2019", "when the owner went bankrupt after a long dispute"}),
    # a spaced hyphen, as plain-text wire copy writes a dash
    ("The storm hit the coast on Sunday - the strongest storm that the region had seen in 50 years.",
     {"The storm hit the coast on Sunday", "the strongest storm that the region had seen in 50 years."}),
    # a noun phrase after a dash that sums up the clause, with its relative clause
    ("Relations improved significantly at the June 2018 summit in Lisbon – the first time a serving president "
     "had met with the rebel leader.",
     {"Relations improved significantly at the June 2018 summit in Lisbon",
      "the first time a serving president had met with the rebel leader."}),
])
def test_a_closing_parenthetical_or_dash_summary_is_a_claim_of_its_own(sentence, parts):
    assert set(_claims(sentence)) == parts


def test_a_parenthetical_participle_in_the_middle_is_a_gap_of_the_rest():
    by_stated = _claims("Governor Anna Reyes (pictured with the minister in Lisbon last year) said on Tuesday "
                        "that the talks would resume.")
    assert set(by_stated) == {"Governor Anna Reyes (pictured with the minister in Lisbon last year)",
                              "Governor Anna Reyes said on Tuesday that the talks would resume."}
    main = by_stated["Governor Anna Reyes said on Tuesday that the talks would resume."]
    assert main.gaps and "Lisbon" not in {e.text for e in main.slots.entities}


@pytest.mark.parametrize("sentence", [
    # no verb in the parentheses: a restatement of a value or a credit, not a fact of its own
    "The company reported a loss of 30 million euros (25 million pounds) for the quarter ending in March.",
    # a one-word parenthetical is too short to be a claim
    "The company reported a loss of 30 million euros for the quarter ending in March (pictured).",
    # a dash before a noun phrase with no clause of its own: an apposition, not a summary
    "The two leaders met at the summit in Lisbon in June 2018 – a landmark meeting.",
    # not one pair of parentheses: a cut would leave one of them unclosed
    "The mayor praised the governor ((pictured with the minister at their 2018 summit in Lisbon)).",
])
def test_a_parenthetical_or_dash_without_a_clause_of_its_own_stays_in_the_sentence(sentence):
    assert set(_claims(sentence)) == {sentence}


@pytest.mark.parametrize("line", [
    "The plant closed in 2019 (when the owner went bankrupt after a long dispute",
    "Police arrested the suspect near the station (acting on a tip from neighbours",
])
def test_a_line_ending_in_an_unclosed_parenthetical_clause_stays_whole(line):
    # a caption line (no closing mark) is its own parse: the clause runs to the end of the doc, with no ")" after it
    text = "Title\n\nThe mayor spoke to reporters on Monday in the city hall.\n" + line + "\n"
    assert [c.text for c in extracted(text, published="2024-03-05")][-1] == line
