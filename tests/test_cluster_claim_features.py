"""Claim features (claimcheck/stages/cluster/clusters.py ``claim_features``): the anchors, event anchors and
same-event facts clustering reads are computed once per run and handed to the comparison, which reads the same
anchors instead of computing them again; passing them changes no finding."""

from __future__ import annotations

import numpy as np
import pytest

from claimcheck.config import ClusterConfig, CompareConfig
from claimcheck.models import Claim, DateSlot, Slots
from claimcheck.stages.cluster import clusters as cluster_stage
from claimcheck.stages.compare import findings as compare_stage

CFG = ClusterConfig()


def _claim(cid: str, source: str, text: str, month: str | None = None) -> Claim:
    dates = ()
    if month:
        i = text.index(month)
        dates = (DateSlot(text=month, start=i, end=i + len(month), value="2024-03" if month == "March" else "2024-04", granularity="month"),)
    return Claim(id=cid, source=source, text=text, start=0, end=len(text), slots=Slots(dates=dates))


CLAIMS = [_claim("a", "s1", "The ferry sank in March with 14 people aboard.", "March"),
          _claim("b", "s2", "The ferry sank in March, carrying 14 people.", "March"),
          _claim("c", "s3", "The ferry sank in April with 14 people aboard.", "April"),
          _claim("d", "s1", "Divers searched the wreck all night.")]
VECTORS = np.linalg.cholesky(np.array([[1.0, 0.95, 0.93, 0.3], [0.95, 1.0, 0.93, 0.3], [0.93, 0.93, 1.0, 0.3],
                                       [0.3, 0.3, 0.3, 1.0]])).astype(np.float32)


def test_compare_reads_the_features_clustering_computed_instead_of_computing_them_again(
        monkeypatch: pytest.MonkeyPatch) -> None:
    features = cluster_stage.claim_features(CLAIMS, config=CFG)
    clusters = cluster_stage.cluster_claims(CLAIMS, VECTORS, config=CFG, features=features)
    expected = compare_stage.compare_clusters(clusters, CLAIMS, VECTORS, config=CompareConfig(), cluster=CFG)

    def computed_again(*args: object, **kwargs: object) -> None:
        raise AssertionError("anchors computed a second time")

    monkeypatch.setattr(compare_stage, "claim_anchors", computed_again)
    monkeypatch.setattr(compare_stage, "event_anchors", computed_again)
    got = compare_stage.compare_clusters(clusters, CLAIMS, VECTORS, config=CompareConfig(), cluster=CFG,
                                         features=features)
    assert got == expected
    assert [f.verdict for f in got] == ["diverge", "unique"]  # March vs April is found with the handed-on anchors


def test_features_are_index_aligned_with_the_claims() -> None:
    features = cluster_stage.claim_features(CLAIMS, config=CFG)
    assert len(features.anchors) == len(features.events) == len(features.facts) == len(CLAIMS)
    assert features.anchors == cluster_stage.claim_anchors(CLAIMS, max_share=CFG.anchor_max_share)
