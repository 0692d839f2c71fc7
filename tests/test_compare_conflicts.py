"""Typed conflicts of claimcheck/stages/compare/findings.py on hand-built claims: every rule runs on a pair, each
conflict carries both values with their char spans, and a finding gathers distinct conflicts with every
source on its side (majority and outliers from three sources)."""

from __future__ import annotations

from claimcheck.config import CompareConfig
from claimcheck.models import Claim, DateSlot, EntitySlot
from claimcheck.stages.compare.findings import assemble_conflicts, pair_conflicts, word_span
from claimcheck.stages.compare.findings import _clashes  # the finding assembly's input

from builders import at, claim, date_in, entity_in, number_in

CFG = CompareConfig()


def accident(source: str, day: str, value: str, dead: str, n: float, base: int = 0) -> Claim:
    text = f"The bus crashed on {day} and {dead} people died."
    return claim(source, text, base, cid=f"{source}-{base}", dates=(date_in(text, day, value, "day", base=base),),
                 numbers=(number_in(text, dead, n, "people", base=base),))


def test_a_pair_with_a_different_date_and_toll_has_two_conflicts_with_spans() -> None:
    a = accident("a", "May 3", "2024-05-03", "12", 12, base=40)
    b = accident("b", "May 4", "2024-05-04", "15", 15)
    found = pair_conflicts(a, b, 0.9, config=CFG)
    assert [(c.kind, c.detail) for c in found] == [("date", "2024-05-03 vs 2024-05-04"),
                                                   ("number", "12 people vs 15 people")]
    number = found[1]
    assert [(s.value, s.spans[0].start, s.spans[0].end) for s in number.sides] == [
        ("12 people", *at(a.text, "12", 40)), ("15 people", *at(b.text, "15"))]


def test_entity_and_negation_spans_point_at_the_differing_words() -> None:
    text_a = "The deal was signed in Oslo by Mary Lee."
    text_b = "The deal was signed in Oslo by John Park."
    ents_a = tuple(entity_in(text_a, w, label, base=100) for w, label in
                   (("Oslo", "GPE"), ("Mary Lee", "PERSON")))
    ents_b = tuple(entity_in(text_b, w, label) for w, label in
                   (("Oslo", "GPE"), ("John Park", "PERSON")))
    found = pair_conflicts(claim("a", text_a, 100, entities=ents_a), claim("b", text_b, entities=ents_b), 0.9,
                           config=CFG)
    assert [(c.kind, c.subject) for c in found] == [("entity", "entity:person")]
    assert (found[0].sides[0].spans[0].start, found[0].sides[0].spans[0].end) == at(text_a, "Mary Lee", 100)
    neg = claim("a", "The council did not approve the new bridge plan.", 10, negated=True, negation_cue="not")
    pos = claim("b", "The council did approve the new bridge plan.")
    polarity = pair_conflicts(neg, pos, 0.9, config=CFG)
    assert [c.kind for c in polarity] == ["negation"]
    cue = polarity[0].sides[0].spans[0]
    assert neg.text[cue.start - 10:cue.end - 10] == "not" and polarity[0].sides[1].value == "affirmed"


def test_word_span_finds_contracted_negation_and_falls_back_to_the_claim() -> None:
    c = claim("a", "Officials didn't say.", 5)
    s = word_span(c, "n't")
    assert c.text[s.start - 5:s.end - 5] == "n't"
    assert (word_span(c, "absent").start, word_span(c, "absent").end) == (5, 5 + len(c.text))


def test_four_outlets_one_outlier_on_two_facts_gives_two_conflicts_with_majority() -> None:
    claims = [accident("a", "May 3", "2024-05-03", "12", 12), accident("b", "May 3", "2024-05-03", "12", 12),
              accident("c", "May 3", "2024-05-03", "12", 12), accident("d", "May 4", "2024-05-04", "15", 15)]
    clashes = [x for i, j in ((0, 3), (1, 3), (2, 3), (0, 1)) for x in _clashes(claims[i], claims[j], 0.9,
                                                                                config=CFG)]
    conflicts, owner = assemble_conflicts(claims, clashes, config=CFG)
    assert len(owner) == len(clashes) == 6
    got = {c.kind: c for c in conflicts}
    assert set(got) == {"date", "number"}
    for conflict, majority in ((got["date"], "2024-05-03"), (got["number"], "12 people")):
        assert conflict.majority == majority and conflict.outliers == ("d",)
        assert [(s.value, s.sources) for s in conflict.sides][0] == (majority, ("a", "b", "c"))


def test_a_source_not_compared_with_the_outlier_still_stands_on_its_side() -> None:
    claims = [accident("a", "May 3", "2024-05-03", "12", 12), accident("b", "May 3", "2024-05-03", "12", 12),
              accident("c", "May 4", "2024-05-04", "12", 12)]
    clashes = _clashes(claims[0], claims[2], 0.9, config=CFG)  # b was never compared with c
    conflicts, _ = assemble_conflicts(claims, clashes, config=CFG)
    assert [(s.value, s.sources) for s in conflicts[0].sides] == [("2024-05-03", ("a", "b")), ("2024-05-04", ("c",))]
    assert (conflicts[0].majority, conflicts[0].outliers) == ("2024-05-03", ("c",))


def test_one_value_in_different_wordings_is_one_side_with_the_majority() -> None:
    # the slots extraction gives "10 people", "Ten" and "10 persons" killed: three labels of one value
    def toll(source: str, words: str, n: float, unit: str | None) -> Claim:
        text = f"The quake killed {words} in the south."
        return claim(source, text, cid=source,
                     numbers=(number_in(text, words, n, unit, role="dead", noun="person"),))

    claims = [toll("a", "10 people", 10, "people"), toll("b", "Ten", 10, None),
              toll("c", "10 persons", 10, "persons"), toll("d", "3 people", 3, "people")]
    clashes = [x for i in range(3) for x in _clashes(claims[i], claims[3], 0.9, config=CFG)]
    assert len({c.a.label for c in clashes}) == 3  # "10 people dead", "10 dead", "10 persons dead"
    (conflict,), _ = assemble_conflicts(claims, clashes, config=CFG)
    assert [s.sources for s in conflict.sides] == [("a", "b", "c"), ("d",)]
    assert conflict.outliers == ("d",) and conflict.majority == conflict.sides[0].value


def test_two_unrelated_value_clashes_of_one_subject_are_two_conflicts() -> None:
    a = claim("a", "x", dates=(DateSlot("June 1", 0, 1, "2018-06-01", "day"), DateSlot("May 2", 2, 3, "2019-05-02", "day")))
    b = claim("b", "y", dates=(DateSlot("June 2", 0, 1, "2018-06-02", "day"),))
    c = claim("c", "z", dates=(DateSlot("May 3", 0, 1, "2019-05-03", "day"),))
    clashes = _clashes(a, b, 0.9, config=CFG) + _clashes(a, c, 0.9, config=CFG)
    conflicts, _ = assemble_conflicts([a, b, c], clashes, config=CFG)
    assert len(conflicts) == 2


def test_findings_sharing_a_specific_anchor_are_related_and_others_are_not() -> None:
    import numpy as np

    from claimcheck.models import Cluster
    from claimcheck.stages.compare.findings import compare_clusters

    texts = [("a", "The summit in Hanoi ended early.", "hanoi"), ("b", "Talks in Hanoi collapsed on day two.", "hanoi"),
             ("a", "A bakery opened in Lyon.", "lyon")]
    claims = [claim(src, text, 100 * n, entities=(EntitySlot(key.title(), 100 * n, 100 * n + 1, "GPE", key),))
              for n, (src, text, key) in enumerate(texts)]
    claims += [claim("c", f"Unrelated filler statement {n}.", 1000 + 100 * n) for n in range(12)]
    vectors = np.eye(len(claims), dtype=np.float32)
    clusters = [Cluster(id=c.id, claim_ids=(c.id,), similarity=1.0) for c in claims]
    found = {f.claims[0].text: f for f in compare_clusters(clusters, claims, vectors, config=CFG)}
    hanoi_a, hanoi_b = found[texts[0][1]], found[texts[1][1]]
    assert hanoi_a.related == (hanoi_b.id,) and hanoi_b.related == (hanoi_a.id,)
    assert found[texts[2][1]].related == ()


def test_every_affirmed_member_stands_on_the_affirmed_side_of_a_negation() -> None:
    texts = {"a": "The president said the government would provide emergency funds.",
             "b": "The president said her government would provide emergency funds.",
             "c": "The president said that the government would provide emergency funds."}
    claims = [claim(src, text, cid=src) for src, text in texts.items()]
    neg = claim("d", "The president did not say whether the government would provide emergency funds.", cid="d",
                negated=True, negation_cue="not")
    claims.append(neg)
    clashes = _clashes(claims[0], neg, 0.9, config=CFG)  # only a was compared with d
    (conflict,), _ = assemble_conflicts(claims, clashes, config=CFG)
    assert [(s.value, s.sources) for s in conflict.sides] == [("affirmed", ("a", "b", "c")), ("negated ('not')", ("d",))]
    assert (conflict.majority, conflict.outliers) == ("affirmed", ("d",))
