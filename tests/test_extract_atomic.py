"""Atomic claims (claimcheck/stages/extract/claims.py ``atomic_parts``): a sentence that carries several independent
facts becomes one claim per fact, each a verbatim slice of the article, so each fact is agreed, contradicted or
unique on its own (issue 14)."""

from __future__ import annotations

import pytest

from claimcheck.config import ExtractConfig
from claimcheck.models import Article
from claimcheck.stages.extract.claims import atomic_parts, extract_article
from claimcheck.stages.extract.nlp import get_nlp



def _parts(sentence: str) -> list[tuple[str, str]]:
    """(construction, text) of each atomic part of one sentence."""
    doc = get_nlp()(sentence)
    (sent,) = list(doc.sents)
    return [(p.construction, doc.text[p.start:p.end]) for p in atomic_parts(sent, min_words=4)]


@pytest.mark.parametrize(("sentence", "expected"), [
    # coordinated clauses with their own subject, a personal pronoun included
    ("The council approved the budget on Monday, and it also raised parking fees by 10 per cent.",
     [("main", "The council approved the budget on Monday"),
      ("coordination", "it also raised parking fees by 10 per cent.")]),
    # a relative clause set off by a comma keeps the noun phrase it is about
    ("The minister met Anna Berg, who chairs the audit committee.",
     [("main", "The minister met Anna Berg"), ("relative", "Anna Berg, who chairs the audit committee.")]),
    # "when" and "while" / "although" clauses with their own subject
    ("The company cut 300 jobs in 2019 when it closed its plant in Leeds.",
     [("main", "The company cut 300 jobs in 2019"), ("adverbial", "when it closed its plant in Leeds.")]),
    ("Exports rose by 4 per cent in May while imports fell by 2 per cent.",
     [("main", "Exports rose by 4 per cent in May"), ("adverbial", "while imports fell by 2 per cent.")]),
    ("The new bridge opened in 2021, although the council had planned it for 2018.",
     [("main", "The new bridge opened in 2021"), ("adverbial", "although the council had planned it for 2018.")]),
    # a participial clause that opens the sentence
    ("Speaking at a conference in Oslo on Friday, the minister said the tax would rise.",
     [("participial", "Speaking at a conference in Oslo on Friday"),
      ("main", "the minister said the tax would rise.")]),
    # "with X doing Y"
    ("The firm reported record profits, with sales in Asia rising by 12 per cent.",
     [("main", "The firm reported record profits"), ("absolute", "with sales in Asia rising by 12 per cent.")]),
    # a noun phrase that sums up the clause, with its relative clause
    ("The council raised parking fees by 10 per cent, a move that was not supported by the mayor.",
     [("main", "The council raised parking fees by 10 per cent"),
      ("appositive", "a move that was not supported by the mayor.")]),
    # nested: a "which ..." tail, and a "when ..." clause at the end of it
    ("Workers struck for the first time in 40 years, which ended with a pay offer that the firm had rejected "
     "when it announced 1,200 job cuts.",
     [("main", "Workers struck for the first time in 40 years"),
      ("relative", "the first time in 40 years, which ended with a pay offer that the firm had rejected"),
      ("adverbial", "when it announced 1,200 job cuts.")]),
])
def test_each_construction_is_cut_into_its_facts(sentence, expected):
    assert _parts(sentence) == expected


@pytest.mark.parametrize("sentence", [
    # a restrictive relative clause defines its noun: no fact of its own
    "The minister met the official who chairs the audit committee.",
    # "since" and "because" clauses qualify the main clause
    "Talks have stalled since the two sides met in Geneva last year.",
    "The plant closed in 2020 because demand for coal fell sharply.",
    # (a clause set off in the middle is cut with a gap: tests/test_extract_inserted_clauses.py)
    # never cut inside a quotation
    'The mayor called the plan "a costly mistake, which nobody in the city wanted" at the meeting.',
    # a participle not set off by a comma belongs to its verb
    "The cyclist was hit by a van and sent flying into the air.",
    # a reporting clause is not a second fact: what it reports stays with it
    "The new terminal will open in May, the port authority announced on Friday.",
])
def test_sentences_without_an_independent_fact_at_their_edge_stay_whole(sentence):
    assert _parts(sentence) == [("whole", sentence)]


def test_a_relative_clause_too_short_to_state_a_fact_stays():
    parts = _parts("The club replaced its coach with Mo Cheeks, who is.")
    assert parts == [("whole", "The club replaced its coach with Mo Cheeks, who is.")]


def test_headlines_are_not_cut():
    # as a sentence, the participle would be cut off ("leaving the scene" is the second charge, not a fact)
    head = "Man charged with drink driving, leaving the scene after a mother was killed in a crash"
    assert [k for k, _ in _parts(head)] == ["main", "participial"]
    text = head + "\n\nThe driver was arrested on Monday.\n"
    article = Article(id="t", path="t.txt", text=text, title="Other title", published=None)
    x = extract_article(article, config=ExtractConfig())
    assert [(c.kind, c.text) for c in x.claims if c.start == 0] == [("headline", text.splitlines()[0])]


def test_a_part_shorter_than_min_words_is_not_cut_off():
    doc = get_nlp()("The firm reported record profits, with sales rising.")
    (sent,) = list(doc.sents)
    assert [p.construction for p in atomic_parts(sent, min_words=4)] == ["whole"]


ARTICLE = """Harbour story

The council approved the plan, which was not supported by the mayor.

Officials said the ferry will stop at Leith, which lost its service in 2019.

Critics say the fares are too high, while supporters argue the route will pay for itself.

The mayor resigned on Monday, and officials said an election would follow in May.

Speaking at a conference in Oslo on Friday, the minister said the tax would rise.

Dock workers struck on 3 March for the first time in 40 years, which ended with a pay offer that the port had
rejected when it announced 1,200 job cuts.
"""


@pytest.fixture(scope="module")
def harbour():
    """The extraction of ARTICLE (published 2023-03-20), by claim text."""
    article = Article(id="h", path="h.txt", text=ARTICLE, title="Harbour story", published="2023-03-20")
    x = extract_article(article, config=ExtractConfig())
    return x, {c.text: c for c in x.claims}


def test_parts_are_the_claims_and_the_whole_sentence_is_not(harbour):
    x, by_text = harbour
    assert "The council approved the plan" in by_text
    assert "the plan, which was not supported by the mayor." in by_text
    assert not any(c.text.startswith("The council approved the plan, which") for c in x.claims)
    assert {c.kind for c in x.claims if "1,200" in c.text or "Leith" in c.text} == {"clause"}


def test_every_part_and_every_slot_in_it_slices_the_article_exactly(harbour):
    x, _ = harbour
    assert len(x.claims) >= 12
    for c in x.claims:
        assert ARTICLE[c.start:c.end] == c.text
        assert all(ARTICLE[s:e] == c.text for s, e in c.occurrences)
        for slot in (*c.slots.dates, *c.slots.numbers, *c.slots.entities):
            assert c.start <= slot.start < slot.end <= c.end and ARTICLE[slot.start:slot.end] == slot.text


def test_a_fact_cut_off_a_long_sentence_carries_its_own_slots(harbour):
    _, by_text = harbour
    jobs = by_text["when it announced 1,200 job cuts."]
    assert [n.value for n in jobs.slots.numbers] == [1200.0]
    assert not jobs.slots.dates
    main = by_text["Dock workers struck on 3 March for the first time in 40 years"]
    assert [d.value for d in main.slots.dates] == ["2023-03-03"]
    assert all(n.value != 1200.0 for n in main.slots.numbers)


def test_a_summing_up_noun_phrase_keeps_its_relative_clauses_negation():
    text = "Title\n\nThe council raised parking fees by 10 per cent, a move that was not supported by the mayor.\n"
    x = extract_article(Article(id="m", path="m.txt", text=text, title="Title", published=None),
                        config=ExtractConfig())
    by_text = {c.text: c for c in x.claims}
    assert by_text["a move that was not supported by the mayor."].slots.negation_cue == "not"
    assert not by_text["The council raised parking fees by 10 per cent"].slots.negated


def test_a_relative_clause_keeps_its_own_negation_and_the_main_clause_loses_it(harbour):
    _, by_text = harbour
    rel = by_text["the plan, which was not supported by the mayor."]
    assert (rel.slots.negated, rel.slots.negation_cue) == (True, "not")
    assert not by_text["The council approved the plan"].slots.negated


def test_each_part_is_attributed_to_its_own_speaker(harbour):
    _, by_text = harbour
    # what the officials said, including a relative clause inside it
    assert by_text["Officials said the ferry will stop at Leith"].slots.attribution == "Officials"
    assert by_text["Leith, which lost its service in 2019."].slots.attribution == "Officials"
    # a contrast clause is not the first speaker's: it has its own
    assert by_text["Critics say the fares are too high"].slots.attribution == "Critics"
    assert by_text["while supporters argue the route will pay for itself."].slots.attribution == "supporters"
    # coordinated clauses: only the one with the speech verb is attributed
    assert by_text["The mayor resigned on Monday"].slots.attribution is None
    assert by_text["officials said an election would follow in May."].slots.attribution == "officials"
    # the circumstance of the speech is the narrator's
    assert by_text["Speaking at a conference in Oslo on Friday"].slots.attribution is None
    assert by_text["the minister said the tax would rise."].slots.attribution == "the minister"


def test_atomic_claims_can_be_switched_off():
    article = Article(id="h", path="h.txt", text=ARTICLE, title="Harbour story", published="2023-03-20")
    x = extract_article(article, config=ExtractConfig(split_coordination=False))
    assert "The council approved the plan, which was not supported by the mayor." in {c.text for c in x.claims}
    assert not any(c.kind == "clause" for c in x.claims)


def test_a_contrast_clause_without_a_speech_verb_is_not_the_speakers():
    text = "Title\n\nCritics say the fares are too high, while the route has lost money since 2019.\n"
    x = extract_article(Article(id="c", path="c.txt", text=text, title="Title", published=None),
                        config=ExtractConfig())
    by_text = {c.text: c for c in x.claims}
    assert by_text["Critics say the fares are too high"].slots.attribution == "Critics"
    assert by_text["while the route has lost money since 2019."].slots.attribution is None

