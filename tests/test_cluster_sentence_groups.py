"""A name's share of the claims (cluster.claim_anchors) is counted over sentences: cutting a sentence into atomic
parts (claimcheck/stages/extract/claims.py) does not turn a common name into an anchor."""

from __future__ import annotations

from claimcheck.config import ExtractConfig
from claimcheck.models import Article, Claim
from claimcheck.stages.cluster.clusters import claim_anchors, sentence_groups
from claimcheck.stages.extract.claims import extract_claims

from builders import claim


def test_parts_of_one_sentence_form_one_group_and_sentences_do_not():
    claims = [
        claim("a", "The council approved the plan", 0),
        claim("a", "the plan, which was not supported by the mayor.", 22),  # overlaps the part before
        claim("a", "The mayor resigned on Monday", 71),  # after a closing full stop: a new sentence
        claim("a", "officials said an election would follow.", 105),  # after ", and ": the same sentence
        claim("b", "The council approved the plan.", 0),
    ]
    groups = sentence_groups(claims)
    assert sorted(sorted(g) for g in groups) == [[0, 1], [2, 3], [4]]


def test_cutting_sentences_into_parts_leaves_the_name_anchors_as_they_were():
    # "Leith" is in 3 of 15 sentences (20%), in both parts of each: counted per claim it would be in 6 of 18
    sentences = [f"The ferry left Leith on day {i} of the strike, when {10 * i} Leith dockers blocked the gates."
                 for i in range(1, 4)] + [f"The ferry number {i} sailed to Oslo on time." for i in range(1, 13)]
    text = "Title\n\n" + "\n\n".join(sentences) + "\n"
    article = Article(id="a", path="a.txt", text=text, title="Title", published="2023-05-01")
    whole = extract_claims(article, config=ExtractConfig(split_coordination=False))
    parts = extract_claims(article, config=ExtractConfig())
    assert len(parts) > len(whole)
    assert sum("Leith" in c.text for c in parts) == 6

    def names(claims: list[Claim]) -> set[str]:
        return {a for anchors in claim_anchors(claims) for a in anchors if a.startswith("ent:")}

    assert "ent:leith" in names(whole)
    assert names(parts) == names(whole)
