"""A shared counted-word anchor ("count:2 missing": a count and what it counts) weighs
``cluster.count_anchor_weight`` anchors in the link score, in the pair filter and in the dense split alike, so a short
sentence that states only the count ("Two remain missing.") joins the outlets that say "two people are still
missing" at a moderate cosine; a shared name still weighs one."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from claimcheck.config import ClusterConfig, Config
from claimcheck.models import Article, Claim
from claimcheck.stages.cluster.clusters import ClaimFeatures, anchor_weight, cluster_claims, link_score
from claimcheck.stages.cluster.events import EventFacts


def test_a_count_anchor_weighs_count_anchor_weight_and_a_name_one() -> None:
    assert anchor_weight("count:2 missing", count_weight=2) == 2
    assert anchor_weight("ent:kos", count_weight=2) == 1
    count = frozenset({"count:2 missing"})
    name = frozenset({"ent:kos"})
    assert link_score(0.5, count, count, bonus=0.08, max_anchors=2, count_weight=2) == pytest.approx(0.66)
    assert link_score(0.5, count, count, bonus=0.08, max_anchors=2, count_weight=1) == pytest.approx(0.58)
    assert link_score(0.5, name, name, bonus=0.08, max_anchors=2, count_weight=2) == pytest.approx(0.58)
    both = count | name
    assert link_score(0.5, both, both, bonus=0.08, max_anchors=2, count_weight=2) == pytest.approx(0.66)  # capped


def _vectors(gram: np.ndarray) -> np.ndarray:
    return np.linalg.cholesky(gram).astype(np.float32)


def test_a_short_count_sentence_joins_the_outlets_that_share_its_count_only_with_the_weight() -> None:
    texts = [("a", "Two people are still missing, the coast guard said."), ("b", "Two remain missing."),
             ("c", "The search for two missing people resumed on Wednesday.")]
    claims = [Claim(id=f"{s}0", source=s, text=t, start=0, end=len(t)) for s, t in texts]
    # a~c close; b is a moderate match of both (cosines 0.48 and 0.46)
    vectors = _vectors(np.array([[1.0, 0.48, 0.65], [0.48, 1.0, 0.46], [0.65, 0.46, 1.0]]))
    anchors = [frozenset({"count:2 missing", "count:2 people"}), frozenset({"count:2 missing"}),
               frozenset({"count:2 missing", "count:2 people"})]
    features = ClaimFeatures(anchors=anchors, events=[frozenset()] * 3, facts=[EventFacts()] * 3)
    cfg = ClusterConfig()
    weighted = cluster_claims(claims, vectors, config=dataclasses.replace(cfg, count_anchor_weight=2),
                              features=features)
    assert sorted(c.claim_ids for c in weighted) == [("a0", "b0", "c0")]
    plain = cluster_claims(claims, vectors, config=dataclasses.replace(cfg, count_anchor_weight=1),
                           features=features)
    assert sorted(c.claim_ids for c in plain) == [("a0", "c0"), ("b0",)]


def test_a_name_anchor_alone_does_not_pull_the_short_sentence_in() -> None:
    texts = [("a", "Kos officials spoke to reporters on Tuesday."), ("b", "Kos was quiet."),
             ("c", "Officials on Kos spoke to the press on Tuesday.")]
    claims = [Claim(id=f"{s}0", source=s, text=t, start=0, end=len(t)) for s, t in texts]
    vectors = _vectors(np.array([[1.0, 0.48, 0.65], [0.48, 1.0, 0.46], [0.65, 0.46, 1.0]]))
    anchors = [frozenset({"ent:kos"})] * 3
    features = ClaimFeatures(anchors=anchors, events=[frozenset()] * 3, facts=[EventFacts()] * 3)
    clusters = cluster_claims(claims, vectors, config=ClusterConfig(), features=features)
    assert sorted(c.claim_ids for c in clusters) == [("a0", "c0"), ("b0",)]


@pytest.mark.slow
def test_three_outlets_wording_of_two_missing_are_one_agree_finding(real_embedder) -> None:
    from claimcheck.pipeline import run_pipeline

    arts = [Article(id="a", path="a", text="A ferry sank off the coast of Kos on Tuesday. Rescuers pulled 14 people "
                                           "from the water. Two people are still missing, the coast guard said.\n"),
            Article(id="b", path="b", text="Fourteen passengers were rescued after a ferry went down near Kos on "
                                           "Tuesday. Two remain missing.\n"),
            Article(id="c", path="c", text="The coast guard resumed the search for two missing people on Wednesday "
                                           "after a ferry sank near Kos.\n")]
    result = run_pipeline(arts, config=Config(), embedder=real_embedder)
    missing = [f for f in result.findings if any("missing" in c.text.lower() for c in f.claims)]
    assert len(missing) == 1
    assert missing[0].verdict == "agree"
    assert sorted({c.source for c in missing[0].claims}) == ["a", "b", "c"]
