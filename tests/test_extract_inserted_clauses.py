"""A clause set off in the middle of a sentence (claimcheck/stages/extract/claims.py ``_with_inserts``): a relative
clause or an appositive with a number between commas, parentheses or dashes becomes a claim of its own with the noun
phrase it is about, and the rest of the sentence a claim whose ``gaps`` leave it out: its slots and its embedding
text (``Claim.stated``) do not hold the inserted fact, while every span stays an exact slice (issue 14, "unique
facts are swallowed")."""

from __future__ import annotations

import pytest

from claimcheck.config import ExtractConfig
from claimcheck.models import Article
from claimcheck.report import _claim_dict
from claimcheck.stages.extract.claims import atomic_parts, extract_article
from claimcheck.stages.extract.nlp import get_nlp


def _claims(sentence: str) -> dict[str, object]:
    text = "Title\n\n" + sentence + "\n"
    x = extract_article(Article(id="t", path="t.txt", text=text, title="Title", published="2024-03-05"),
                        config=ExtractConfig())
    for c in x.claims:
        assert text[c.start:c.end] == c.text
        for gs, ge in c.gaps:
            assert c.start <= gs < ge <= c.end
    return {c.text: c for c in x.claims}


@pytest.mark.parametrize(("sentence", "inner", "stated"), [
    # a relative clause between commas, about the subject of the sentence
    ("Harbor Polymers, which employs about 450 people, said the blast happened at 6:40 a.m. on Tuesday.",
     "Harbor Polymers, which employs about 450 people",
     "Harbor Polymers said the blast happened at 6:40 a.m. on Tuesday."),
    # a person, "who"
    ("President Tsai Ing-wen, who declared three days of national mourning, said the government would help.",
     "President Tsai Ing-wen, who declared three days of national mourning",
     "President Tsai Ing-wen said the government would help."),
    # in parentheses: the closing parenthesis belongs to the inner claim
    ("Harbor Polymers (which employs about 450 people) said the blast happened at 6:40 a.m.",
     "Harbor Polymers (which employs about 450 people)",
     "Harbor Polymers said the blast happened at 6:40 a.m."),
    # an appositive that holds a number of its own
    ("The company, a 450-person firm based in Houston, said the blast happened at 6:40 a.m.",
     "The company, a 450-person firm based in Houston",
     "The company said the blast happened at 6:40 a.m."),
])
def test_a_clause_in_the_middle_becomes_its_own_claim_and_a_gap_of_the_rest(sentence, inner, stated):
    by_text = _claims(sentence)
    assert set(by_text) == {inner, sentence}
    main = by_text[sentence]
    assert main.stated == stated
    assert all(main.text[gs - main.start:ge - main.start] not in stated for gs, ge in main.gaps)
    assert by_text[inner].gaps == () and by_text[inner].stated == inner


def test_the_rest_of_the_sentence_does_not_carry_the_inner_clauses_slots():
    by_text = _claims("Harbor Polymers, which employs about 450 people, said the blast happened on Tuesday.")
    main = by_text["Harbor Polymers, which employs about 450 people, said the blast happened on Tuesday."]
    inner = by_text["Harbor Polymers, which employs about 450 people"]
    assert [n.value for n in inner.slots.numbers] == [450.0]
    assert not main.slots.numbers
    assert [d.value for d in main.slots.dates] == ["2024-03-05"]
    assert [e.text for e in main.slots.entities] == [e.text for e in inner.slots.entities] == ["Harbor Polymers"]


def test_what_a_speaker_is_called_is_not_what_the_speaker_says():
    by_text = _claims("Harbor Polymers, which employs about 450 people, said the blast happened on Tuesday.")
    assert by_text["Harbor Polymers, which employs about 450 people"].slots.attribution is None
    main = by_text["Harbor Polymers, which employs about 450 people, said the blast happened on Tuesday."]
    assert main.slots.attribution == "Harbor Polymers"


def test_a_negation_inside_the_gap_is_the_inner_claims_only():
    by_text = _claims("The mayor, who did not attend the meeting on Monday, approved the budget for 2025.")
    inner = by_text["The mayor, who did not attend the meeting on Monday"]
    assert inner.slots.negated
    main = by_text["The mayor, who did not attend the meeting on Monday, approved the budget for 2025."]
    assert not main.slots.negated and main.stated == "The mayor approved the budget for 2025."


def test_the_report_lists_the_gaps_of_a_claim_and_none_otherwise():
    by_text = _claims("Harbor Polymers, which employs about 450 people, said the blast happened on Tuesday.")
    main = by_text["Harbor Polymers, which employs about 450 people, said the blast happened on Tuesday."]
    assert _claim_dict(main)["gaps"] == [list(g) for g in main.gaps]
    assert "gaps" not in _claim_dict(by_text["Harbor Polymers, which employs about 450 people"])


@pytest.mark.parametrize("sentence", [
    # a restrictive clause (no commas) says which plant: no fact of its own
    "The plant that employs about 450 people said the blast happened at 6:40 a.m.",
    "The plant which employs about 450 people said the blast happened at 6:40 a.m.",
    # never cut inside a quotation
    '"Harbor Polymers, which employs about 450 people, said the blast happened at 6:40 a.m.," he said.',
    # an appositive without a number or date: a role, left whole (``fact_phrases`` makes it an extra claim)
    "Kim Yong Chol, his top nuclear negotiator, met Pompeo in New York on Thursday.",
    # the inner claim would be shorter than extract.min_words
    "Smith, who left, said the plan would cost the city about 40 million euros.",
    # the rest would be shorter than extract.min_words
    "Harbor Polymers, which employs about 450 people at the plant, agreed.",
])
def test_clauses_that_must_not_be_cut_leave_the_sentence_without_gaps(sentence):
    claims = _claims(sentence).values()
    assert not any(c.gaps for c in claims)
    assert any(c.text == sentence for c in claims)
    assert not any(c.text.endswith(("people", "left")) for c in claims)


def test_atomic_parts_mark_the_inner_clause_and_the_gap():
    doc = get_nlp()("Anna Berg, who chairs the audit committee, resigned on Tuesday.")
    (sent,) = list(doc.sents)
    parts = atomic_parts(sent, min_words=4)
    assert [(p.construction, doc.text[p.start:p.end], p.inserted) for p in parts] == [
        ("relative", "Anna Berg, who chairs the audit committee", True),
        ("main", "Anna Berg, who chairs the audit committee, resigned on Tuesday.", False)]
    assert [doc.text[s:e] for s, e in parts[1].gaps] == [", who chairs the audit committee,"]


def test_reports_show_the_gap_as_left_out():
    from claimcheck.report.html import claim_segments, source_segments
    from claimcheck.report.view import stated_text

    sentence = "Harbor Polymers, which employs about 450 people, said the blast happened on Tuesday."
    by_text = _claims(sentence)
    main, inner = _claim_dict(by_text[sentence]), _claim_dict(by_text["Harbor Polymers, which employs about 450 people"])
    assert stated_text(main) == "Harbor Polymers […] said the blast happened on Tuesday."
    assert stated_text(inner) == inner["text"]
    gap = [seg.text for seg in claim_segments({"conflicts": []}, main) if seg.gap]
    assert gap == [", which employs about 450 people,"]
    # in the source view the gap's text belongs to the inner claim, not to the rest of the sentence
    text = "Title\n\n" + sentence + "\n"
    findings = [{"id": "f1", "verdict": "agree", "claims": [main]}, {"id": "f2", "verdict": "unique", "claims": [inner]}]
    segs = source_segments("t", text, findings)
    owner = {seg.text: seg.claim["id"] for seg in segs if seg.claim}
    assert owner[", which employs about 450 people"] == inner["id"]
    assert owner["Harbor Polymers"] == main["id"]


def test_a_stored_claim_keeps_its_gaps():
    from claimcheck.store import claim_from_row, claim_to_row

    by_text = _claims("Harbor Polymers, which employs about 450 people, said the blast happened on Tuesday.")
    for claim in by_text.values():
        assert claim_from_row(claim_to_row(claim, 0)) == claim
    assert any(c.gaps for c in by_text.values())


@pytest.mark.parametrize("sentence", [
    # a value restated in other units or currency is not a fact of its own
    "Armed robbers stole gems worth 85 million euros (74 million pounds) from a jeweller in Paris on Thursday.",
    "The quake struck at 7:48 am (2348 GMT Sunday), according to the Central Weather Bureau.",
])
def test_a_value_restated_in_other_units_is_not_cut_out(sentence):
    assert not any(c.gaps for c in _claims(sentence).values())


@pytest.mark.parametrize("sentence", [
    # a name in apposition says who, it is no fact of its own
    "The champion, Wladimir Klitschko, 53-3, easily dismantled the challenger in the seventh round on Saturday.",
    # a time restated in another zone
    "Voters began to cast their ballots at 8:00 am local time (0300 GMT) on Sunday in the capital.",
    # a quotation mark inside the clause: a quote the quote finder did not pair
    "Mark Felt, who was known as the informant 'Deep Throat,' died on Friday at his home in California.",
])
def test_names_restated_values_and_unpaired_quotes_are_not_cut_out(sentence):
    assert not any(c.gaps for c in _claims(sentence).values())


def test_a_clause_about_a_bare_noun_stays_with_its_sentence():
    # the clause carries the sentence's own figure: the rest would compare the target's 2 percent with
    # other outlets' 6.2 percent inflation
    sentence = ("Governor Maria Keller said inflation, which stood at 6.2 percent in March, was still far above the "
                "bank's 2 percent target.")
    assert not any(c.gaps for c in _claims(sentence).values())


@pytest.mark.parametrize(("sentence", "rest", "clause"), [
    # the parser hangs "when" on the noun before the comma (a relative "when"): cut off as a "when" clause, without
    # that noun
    ("The city council approved the new harbour bridge on March 3, after a two-hour debate, when Leo Marsh scored "
     "the decisive goal in the 78th minute.",
     "The city council approved the new harbour bridge on March 3, after a two-hour debate",
     "when Leo Marsh scored the decisive goal in the 78th minute."),
    ("Rescuers continued the search for two missing people late into the night, when the governor declared three "
     "days of national mourning.",
     "Rescuers continued the search for two missing people late into the night",
     "when the governor declared three days of national mourning."),
    # a speech verb whose content clause the parser put under "statement": the content stays, the clause goes
    ("The owner said in a statement that the restaurant was cooperating fully with the investigation, when the "
     "governor ruled out further increases this year.",
     "The owner said in a statement that the restaurant was cooperating fully with the investigation",
     "when the governor ruled out further increases this year."),
])
def test_a_when_clause_at_the_end_is_cut_off_whatever_word_the_parser_hangs_it_on(sentence, rest, clause):
    by_text = _claims(sentence)
    assert set(by_text) == {rest, clause}
    assert all(c.gaps == () for c in by_text.values())


def test_a_speech_verb_whose_content_hangs_on_another_verb_keeps_it_when_a_clause_is_cut_off():
    # "as he left ... that he'd be discussing": the parser hangs what was said on "left"; the "when" clause after it
    # is cut off, and what is left still says what the president told reporters
    rest = ("Several days later the president told reporters as he left for Camp David that he’d be discussing the "
            "nuclear threat with his team over the weekend")
    clause = "when the safety board is sending five investigators."
    assert set(_claims(f"{rest}, {clause}")) == {rest, clause}


def test_the_withdrawal_fact_after_a_date_is_a_claim_of_its_own():
    sentence = ("Nuclear negotiations have been stuck since Kim and Trump met in Singapore last June, when it "
                "called for the withdrawal of the 28,500 U.S. troops.")
    by_text = _claims(sentence)
    assert set(by_text) == {"Nuclear negotiations have been stuck since Kim and Trump met in Singapore last June",
                            "when it called for the withdrawal of the 28,500 U.S. troops."}
    assert [n.value for n in by_text["when it called for the withdrawal of the 28,500 U.S. troops."].slots.numbers] \
        == [28500.0]
