"""A linked group larger than ``cluster.max_dense`` is cut along its strongest links into pieces that fit a dense
matrix (claimcheck/stages/cluster/clusters.py ``_split_sparse``); the candidate search computes its pair
similarities a block at a time with the same values (claimcheck/stages/cluster/neighbours.py)."""

from __future__ import annotations

import dataclasses

import numpy as np

from claimcheck.config import ClusterConfig
from claimcheck.models import Claim
from claimcheck.stages.cluster import neighbours
from claimcheck.stages.cluster.clusters import _split_sparse, cluster_claims
from claimcheck.stages.cluster.neighbours import candidate_pairs


def _unit(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def test_sparse_split_joins_the_strongest_links_first_and_never_exceeds_the_cap() -> None:
    # two tight triples (0, 1, 2) and (3, 4, 5) joined by one weaker link 2-3: with room for three claims per
    # piece, the weak link is the one left out
    pairs = [(0, 1, 0.95), (1, 2, 0.9), (0, 2, 0.92), (3, 4, 0.93), (4, 5, 0.91), (2, 3, 0.7)]
    cfg = ClusterConfig(max_dense=3)
    groups = _split_sparse(list(range(6)), pairs, np.zeros((6, 2), np.float32), config=cfg)
    assert sorted(map(sorted, groups)) == [[0, 1, 2], [3, 4, 5]]
    big = _split_sparse(list(range(6)), pairs, np.zeros((6, 2), np.float32), config=ClusterConfig(max_dense=6))
    assert sorted(map(sorted, big)) == [[0, 1, 2, 3, 4, 5]]


def test_a_large_group_is_clustered_in_pieces_of_at_most_max_dense_with_every_claim_once() -> None:
    rng = np.random.default_rng(7)
    base = rng.normal(size=(3, 32))
    # 3 statements, each repeated by 40 sources with small variations: one linked group per statement
    vectors = _unit(np.concatenate([b + 0.05 * rng.normal(size=(40, 32)) for b in base]))
    claims = [Claim(id=f"c{i:03d}", source=f"s{i % 40:02d}", text=f"claim {i}", start=0, end=7)
              for i in range(len(vectors))]
    cfg = ClusterConfig(link_threshold=0.5)
    whole = cluster_claims(claims, vectors, config=cfg)
    capped = cluster_claims(claims, vectors, config=dataclasses.replace(cfg, max_dense=16))
    for clusters in (whole, capped):
        ids = sorted(cid for c in clusters for cid in c.claim_ids)
        assert ids == sorted(c.id for c in claims)
    assert max(len(c.claim_ids) for c in capped) <= 16
    assert max(len(c.claim_ids) for c in whole) == 40  # below the cap, each statement stays one cluster
    # no piece mixes two statements
    statement = {c.id: i // 40 for i, c in enumerate(claims)}
    assert all(len({statement[cid] for cid in c.claim_ids}) == 1 for c in capped)
    assert capped == cluster_claims(claims, vectors, config=dataclasses.replace(cfg, max_dense=16))  # deterministic


def test_candidate_pairs_are_the_same_when_the_similarities_are_computed_in_small_blocks(monkeypatch) -> None:
    rng = np.random.default_rng(3)
    vectors = _unit(rng.normal(size=(300, 16)))
    whole = candidate_pairs(vectors, k=6, threshold=0.1)
    monkeypatch.setattr(neighbours, "_BLOCK_FLOATS", 16 * 4 * 7)  # seven pairs per block
    assert candidate_pairs(vectors, k=6, threshold=0.1) == whole
    v64 = vectors.astype(np.float64)
    assert whole and all(abs(s - v64[i] @ v64[j]) < 1e-9 for i, j, s in whole)
