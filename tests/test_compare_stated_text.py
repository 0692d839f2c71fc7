"""The comparison rules read what a claim states (``Claim.stated``), not the words of a clause cut out of its middle
(``Claim.gaps``), and a part of a sentence that adds its own words to a noun phrase of the sentence is one
statement only with a claim that states those words (claimcheck/stages/compare/findings.py ``own_words``,
``_states_own``; issue 14, "a unique fact inside a long shared sentence stays unique")."""

from __future__ import annotations

import dataclasses

import numpy as np

from claimcheck.config import CompareConfig
from claimcheck.models import Cluster
from claimcheck.stages.compare.findings import (_clashes, compare_clusters, own_words, same_template,
                                                statement_template, word_span)

from builders import claim, entity_in

CFG = CompareConfig()

# "Union leader Anna de Vries, who was sent off in the second half, said the talks with employers had collapsed."
# cut as the extraction cuts it: the sentence with the clause as a gap, and the clause with the name it is about
SENTENCE = ("Union leader Anna de Vries, who was sent off in the second half, said the talks with employers had "
            "collapsed.")
NAME = "Union leader Anna de Vries"
CLAUSE = "Union leader Anna de Vries, who was sent off in the second half"
PLAIN = "Union leader Anna de Vries said the talks with employers had collapsed."


def _cut(source: str = "b", base: int = 100):
    gap = (base + len(NAME), base + len(CLAUSE) + 1)  # ", who was sent off in the second half,"
    main = dataclasses.replace(claim(source, SENTENCE, base, cid=f"{source}-main",
                                     entities=(entity_in(SENTENCE, "Anna de Vries", "PERSON", base=base),)),
                               gaps=(gap,), kind="clause")
    part = dataclasses.replace(claim(source, CLAUSE, base, cid=f"{source}-part",
                                     entities=(entity_in(CLAUSE, "Anna de Vries", "PERSON", base=base),)),
                               kind="clause")
    return main, part


def _plain(source: str = "a", text: str = PLAIN, cid: str = "a-plain"):
    return claim(source, text, 0, cid=cid, entities=(entity_in(text, "Anna de Vries", "PERSON"),))


def test_own_words_are_the_clause_a_part_adds_to_the_name_its_sentence_states():
    main, part = _cut()
    own = own_words([main, part])
    assert set(own) == {"b-part"}
    assert own["b-part"].text == ", who was sent off in the second half"
    assert own["b-part"].ranges == ((100 + len(NAME), 100 + len(CLAUSE)),)


def test_a_clause_cut_off_after_the_name_it_is_about_has_own_words_too():
    # "... according to Fire Chief Luis Ortega" + "Fire Chief Luis Ortega, who was sent off in the second half."
    head = "The blast happened around 6:40 a.m., according to Fire Chief Luis Ortega"
    tail = "Fire Chief Luis Ortega, who was sent off in the second half."
    main = claim("b", head, 0, cid="main")
    part = claim("b", tail, head.index("Fire"), cid="part")
    own = own_words([main, part])
    assert set(own) == {"part"} and own["part"].text == ", who was sent off in the second half."


def _verdicts(claims, *, config: CompareConfig = CFG) -> dict[tuple[str, ...], str]:
    vectors = np.ones((len(claims), 4), dtype=np.float32) / 2.0  # one topic: every pair as close as can be
    clusters = [Cluster(id="one", claim_ids=tuple(c.id for c in claims), similarity=1.0)]
    return {tuple(sorted(c.id for c in f.claims)): f.verdict
            for f in compare_clusters(clusters, claims, vectors, config=config)}


def test_a_fact_one_source_adds_about_a_shared_name_stays_unique():
    main, part = _cut()
    assert _verdicts([_plain(), main, part]) == {("a-plain", "b-main"): "agree", ("b-part",): "unique"}


def test_the_same_clause_in_both_sources_is_agreed():
    main, part = _cut()
    other = _plain(text=CLAUSE, cid="a-clause")
    # two statements, each agreed: the clause with the clause, the rest of the sentence with the plain sentence
    # (read with the gap's words, the sentence took the clause's partner too and all four were one finding)
    assert _verdicts([_plain(), other, main, part]) == {("a-clause", "b-part"): "agree", ("a-plain", "b-main"): "agree"}


def test_the_gate_is_off_at_zero():
    main, part = _cut()
    loose = dataclasses.replace(CFG, fragment_own_coverage=0.0)
    assert ("b-part",) not in _verdicts([_plain(), main, part], config=loose)


def test_the_rest_of_the_sentence_is_what_the_claim_states_without_the_gap():
    # the negation gate compares the rest of the two sentences: the cut-out clause's words do not dilute it
    text = ("The mayor, who spoke for an hour about the harbour plans of the regional council and its partners, "
            "did not approve the budget for the year.")
    gap = (text.index(","), text.index(" did not"))
    main = dataclasses.replace(claim("b", text, 0, cid="main", negated=True, negation_cue="not"), gaps=(gap,))
    assert main.stated == "The mayor did not approve the budget for the year."
    plain = claim("a", "The mayor approved the budget for the year.", 0, cid="plain")
    assert [c.kind for c in _clashes(main, plain, 0.9, config=CFG)] == ["negation"]
    # the same claim read with the clause: too few words in common for a negation to count
    whole = dataclasses.replace(main, gaps=())
    assert not _clashes(whole, plain, 0.9, config=CFG)


def test_a_template_leaves_the_gap_out_like_a_value():
    main, _ = _cut()
    plain = _plain(text=PLAIN)
    assert statement_template(main, min_words=CFG.template_min_words) == \
        statement_template(plain, min_words=CFG.template_min_words)
    assert same_template(main, plain, min_words=CFG.template_min_words)


def test_a_word_is_found_where_the_claim_states_it_not_in_its_gap():
    text = "The mayor, who said the plan failed, said the budget passed."
    gap = (text.index(","), text.index(" said the budget"))
    main = dataclasses.replace(claim("b", text, 10, cid="main"), gaps=((10 + gap[0], 10 + gap[1]),))
    span = word_span(main, "said")
    assert (span.start, span.end) == (10 + text.index("said the budget"), 10 + text.index("said the budget") + 4)
