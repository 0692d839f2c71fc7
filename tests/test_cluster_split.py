"""Clustering of a linked group: the dense path (link scores with anchors) and the sparse path for very
large groups both put every claim in exactly one cluster, and cluster similarity counts cross-source pairs."""

from __future__ import annotations

import dataclasses

import numpy as np

from claimcheck.config import ClusterConfig
from claimcheck.models import Claim
from claimcheck.stages.cluster.clusters import cluster_claims, cross_source_similarity
from claimcheck.stages.embed.encoders import FakeEmbedder

TEXTS = [
    ("a", "The second summit will take place in Hanoi in February."),
    ("b", "The second summit will take place in Hanoi in late February."),
    ("c", "The second summit takes place in Hanoi in February, officials said."),
    ("a", "Troops remain stationed in the south of the peninsula."),
    ("b", "Troops remain stationed in the south of the peninsula today."),
    ("c", "A bakery opened near the river to long queues."),
]


def _claims() -> list[Claim]:
    return [Claim(id=f"{s}{i}", source=s, text=t, start=0, end=len(t)) for i, (s, t) in enumerate(TEXTS)]


def _partition(clusters) -> list[tuple[str, ...]]:
    return sorted(c.claim_ids for c in clusters)


def test_dense_and_sparse_paths_cover_every_claim_once_and_agree_here() -> None:
    claims = _claims()
    vectors = FakeEmbedder().encode([c.text for c in claims])
    cfg = ClusterConfig(link_threshold=0.5)
    dense = cluster_claims(claims, vectors, config=cfg)
    sparse = cluster_claims(claims, vectors, config=dataclasses.replace(cfg, max_dense=3))
    for clusters in (dense, sparse):
        ids = [cid for c in clusters for cid in c.claim_ids]
        assert sorted(ids) == sorted(c.id for c in claims)
    assert _partition(dense) == _partition(sparse)
    assert ("a0", "b1", "c2") in _partition(dense)
    assert ("c5",) in _partition(dense)


def test_cross_source_similarity_ignores_same_source_pairs() -> None:
    claims = [Claim(id=str(i), source=s, text="x", start=0, end=1) for i, s in enumerate("aab")]
    vectors = np.array([[1.0, 0.0], [1.0, 0.0], [0.6, 0.8]], dtype=np.float32)
    assert cross_source_similarity(vectors, [0, 1, 2], claims) == 0.6  # the two a-b pairs, not the a-a pair
    assert cross_source_similarity(vectors, [0, 1], claims) == 1.0
