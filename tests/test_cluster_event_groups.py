"""Event groups (claimcheck/stages/cluster/clusters.py ``assign_events``): the claims clustered again at the looser
``cluster.event_link_threshold`` gather a story's statements about one event; every cluster (and the findings the
comparison makes of it) carries that group's content-derived ``event`` id, a finding alone in its event has none,
and claims of two different events never share one. A name most claims share still lets two other names differ."""

from __future__ import annotations

import dataclasses

import numpy as np

from claimcheck.config import ClusterConfig, CompareConfig
from claimcheck.models import Claim, EntitySlot, Slots
from claimcheck.stages.cluster.clusters import cluster_claims
from claimcheck.stages.cluster.events import claims_facts, fact_agreement
from claimcheck.stages.compare.findings import compare_clusters

CFG = ClusterConfig()


def _claim(cid: str, source: str, text: str, *, people: tuple[str, ...] = (), places: tuple[str, ...] = ()) -> Claim:
    ents = [EntitySlot(text=w, start=text.index(w), end=text.index(w) + len(w), label=lab, key=w.lower())
            for lab, names in (("PERSON", people), ("GPE", places)) for w in names]
    return Claim(id=cid, source=source, text=text, start=0, end=len(text), slots=Slots(entities=tuple(ents)))


def _gram(gram: list[list[float]]) -> np.ndarray:
    """Unit vectors whose pairwise cosines are exactly ``gram``."""
    return np.linalg.cholesky(np.array(gram, dtype=np.float64)).astype(np.float32)


# two statements of one event (a, b: the toll; c, d: the rescue) at cosine 0.9 within, 0.5 across
STORY = [_claim("a", "s1", "The ferry sank and 14 people died."), _claim("b", "s2", "Fourteen people died as the ferry sank."),
         _claim("c", "s1", "Divers searched the wreck all night."), _claim("d", "s2", "Divers worked through the night.")]
GRAM = [[1.0, 0.9, 0.5, 0.5], [0.9, 1.0, 0.5, 0.5], [0.5, 0.5, 1.0, 0.9], [0.5, 0.5, 0.9, 1.0]]


def test_statements_of_one_event_are_separate_clusters_sharing_one_event_id() -> None:
    clusters = cluster_claims(STORY, _gram(GRAM), config=CFG)
    assert sorted(c.claim_ids for c in clusters) == [("a", "b"), ("c", "d")]
    assert len({c.event for c in clusters}) == 1 and clusters[0].event is not None
    again = cluster_claims(list(reversed(STORY)), _gram([row[::-1] for row in GRAM[::-1]]), config=CFG)
    assert {c.event for c in again} == {clusters[0].event}  # content-derived: the order of input does not matter


def test_event_groups_are_off_at_threshold_zero_and_loose_links_never_make_a_statement() -> None:
    off = dataclasses.replace(CFG, event_link_threshold=0.0)
    clusters = cluster_claims(STORY, _gram(GRAM), config=off)
    assert [c.event for c in clusters] == [None, None]
    assert sorted(c.claim_ids for c in cluster_claims(STORY, _gram(GRAM), config=CFG)) == \
        sorted(c.claim_ids for c in clusters)  # the statements themselves are unchanged


def test_findings_carry_their_event_and_a_finding_alone_in_its_event_has_none() -> None:
    vectors = _gram(GRAM)
    findings = compare_clusters(cluster_claims(STORY, vectors, config=CFG), STORY, vectors, config=CompareConfig())
    assert len(findings) == 2 and findings[0].event is not None and findings[0].event == findings[1].event
    far = [[1.0, 0.9, 0.1, 0.1], [0.9, 1.0, 0.1, 0.1], [0.1, 0.1, 1.0, 0.9], [0.1, 0.1, 0.9, 1.0]]
    vectors = _gram(far)
    findings = compare_clusters(cluster_claims(STORY, vectors, config=CFG), STORY, vectors, config=CompareConfig())
    assert [f.event for f in findings] == [None, None]


def test_two_different_events_never_share_an_event_group() -> None:
    # the same boxer in every claim (a common name), two different opponents, venues and weekdays: loosely similar
    # (cosine 0.5-0.55, above the event threshold) but three kinds of fact differ
    fight = [_claim("a", "s1", "Klitschko stopped Rahman in Mannheim on Saturday.", people=("Klitschko", "Rahman"),
                    places=("Mannheim",)),
             _claim("b", "s2", "Klitschko beat Rahman in Mannheim on Saturday.", people=("Klitschko", "Rahman"),
                    places=("Mannheim",)),
             _claim("c", "s3", "Klitschko stopped Thompson in Bern on Friday.", people=("Klitschko", "Thompson"),
                    places=("Bern",)),
             _claim("d", "s4", "Klitschko beat Thompson in Bern on Friday.", people=("Klitschko", "Thompson"),
                    places=("Bern",))]
    gram = [[1.0, 0.9, 0.55, 0.5], [0.9, 1.0, 0.5, 0.55], [0.55, 0.5, 1.0, 0.9], [0.5, 0.55, 0.9, 1.0]]
    clusters = cluster_claims(fight, _gram(gram), config=CFG)
    assert sorted(c.claim_ids for c in clusters) == [("a", "b"), ("c", "d")]
    assert all(c.event is None or c.event != o.event for c in clusters for o in clusters if o is not c)
    same = [dataclasses.replace(c, text=c.text.replace("Friday", "Saturday")) for c in fight]
    # one weekday shared, person and place differing: not enough for any pair to be two events, so one event group
    # when only pairs decide (split_gap 0, no story groups) ...
    pairs_only = dataclasses.replace(CFG, split_gap=0.0, story_link_threshold=0.0)
    assert len({c.event for c in cluster_claims(same, _gram(gram), config=pairs_only)}) == 1
    # ... but two tight groups joined at their loose edge, differing in more facts than they share, are cut apart
    # (clusters._split_gaps), and so are two pairs of sources that each restate their own names when two sources
    # make a story group (claimcheck/stages/cluster/stories.py; by default it takes three)
    assert len({c.event for c in cluster_claims(same, _gram(gram), config=dataclasses.replace(
        CFG, story_link_threshold=0.0))}) == 2
    assert len({c.event for c in cluster_claims(same, _gram(gram), config=dataclasses.replace(
        CFG, split_gap=0.0, story_min_sources=2))}) == 2


def test_a_shared_common_name_does_not_hide_two_different_other_names() -> None:
    claims = [_claim("a", "s1", "Klitschko stopped Rahman.", people=("Klitschko", "Rahman")),
              _claim("b", "s2", "Klitschko stopped Thompson.", people=("Klitschko", "Thompson")),
              _claim("c", "s3", "Klitschko won again.", people=("Klitschko",)),
              _claim("d", "s4", "Klitschko kept his titles.", people=("Klitschko",))]
    facts = claims_facts(claims, config=CFG)  # "klitschko" is named by every claim: common
    assert fact_agreement(facts[0], facts[1])["person"] == 0  # the opponents differ
    assert "person" not in fact_agreement(facts[0], facts[2])  # only the common name: no evidence either way
