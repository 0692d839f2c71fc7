"""Clustering memory (claimcheck/stages/cluster/clusters.py): one candidate search serves the statement and the
event-group pass with the same clusters as a search per pass; average linkage on the condensed matrix gives
scikit-learn's partition; the sparse split reads the links as arrays or as tuples alike."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from claimcheck.config import ClusterConfig
from claimcheck.models import Claim
from claimcheck.stages.cluster import clusters as clusters_mod
from claimcheck.stages.cluster.clusters import (
    _average_linkage_labels,
    _split_sparse,
    assign_events,
    candidate_threshold,
    cluster_claims,
    event_candidate_threshold,
)
from claimcheck.stages.cluster.neighbours import CandidatePairs, candidate_arrays, candidate_pairs


def _unit(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def _story(seed: int = 4) -> tuple[list[Claim], np.ndarray]:
    # 6 statements of 2 events, each restated by 8 sources with varying closeness
    rng = np.random.default_rng(seed)
    events = rng.normal(size=(2, 32))
    statements = [e + 0.9 * rng.normal(size=32) for e in events for _ in range(3)]
    rows = [s + rng.uniform(0.2, 0.7) * rng.normal(size=32) for s in statements for _ in range(8)]
    claims = [Claim(id=f"c{k:03d}", source=f"s{k % 8}", text=f"claim {k}", start=0, end=7) for k in range(len(rows))]
    return claims, _unit(np.array(rows))


def test_one_search_for_both_passes_gives_the_clusters_of_a_search_per_pass(monkeypatch) -> None:
    claims, vectors = _story()
    cfg = ClusterConfig(link_threshold=0.55, event_link_threshold=0.3)
    shared = cluster_claims(claims, vectors, config=cfg)
    assert len({c.event for c in shared}) < len(shared)  # the event pass grouped statements
    searches: list[float] = []

    def each_own(vecs: np.ndarray, *, k: int, threshold: float) -> "CandidatePairs":
        searches.append(threshold)
        return candidate_arrays(vecs, k=k, threshold=threshold)

    # the code before: each pass searched on its own, at its own threshold
    monkeypatch.setattr(clusters_mod, "candidate_arrays", each_own)
    statements = cluster_claims(claims, vectors, config=dataclasses.replace(cfg, event_link_threshold=0.0))
    again = assign_events(claims, vectors, statements, config=cfg)
    assert searches == [candidate_threshold(cfg), event_candidate_threshold(cfg)]
    assert again == shared
    searches.clear()
    assert cluster_claims(claims, vectors, config=cfg) == shared
    assert len(searches) == 1  # one search, at the lower of the two thresholds
    assert searches[0] == min(candidate_threshold(cfg), event_candidate_threshold(cfg))


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_average_linkage_labels_give_the_partition_of_scikit_learn(seed: int) -> None:
    from sklearn.cluster import AgglomerativeClustering

    rng = np.random.default_rng(seed)
    points = rng.normal(size=(60, 6))
    dist = np.linalg.norm(points[:, None] - points[None, :], axis=2).astype(np.float32)
    dist[3, 7] = dist[7, 3] = 1e6  # a pair kept apart
    for threshold in (0.5, 2.0, 3.5, 1e7):
        want = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                       distance_threshold=threshold).fit_predict(dist)
        got = _average_linkage_labels(dist, threshold=threshold)
        pairs = [(a, b) for a in range(60) for b in range(a + 1, 60)]
        assert [want[a] == want[b] for a, b in pairs] == [got[a] == got[b] for a, b in pairs]


def test_the_sparse_split_reads_links_as_arrays_or_tuples_alike() -> None:
    claims, vectors = _story(5)
    cfg = ClusterConfig(max_dense=10)
    links = candidate_arrays(vectors, k=6, threshold=0.2)
    comp = list(range(len(claims)))
    as_arrays = _split_sparse(comp, links, vectors, config=cfg)
    assert as_arrays == _split_sparse(comp, candidate_pairs(vectors, k=6, threshold=0.2), vectors, config=cfg)
    assert max(len(g) for g in as_arrays) <= 10
    assert sorted(m for g in as_arrays for m in g) == comp
