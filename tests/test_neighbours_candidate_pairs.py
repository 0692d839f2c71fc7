"""The candidate search returns what brute force returns (exact up to EXACT_MAX) and finds near-duplicates at scale."""

from __future__ import annotations

import numpy as np
import pytest

from claimcheck.stages.cluster import neighbours
from claimcheck.stages.cluster.neighbours import candidate_pairs


def _unit(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def _brute_force(vectors: np.ndarray, *, k: int, threshold: float) -> set[tuple[int, int]]:
    sims = vectors.astype(np.float64) @ vectors.astype(np.float64).T
    np.fill_diagonal(sims, -np.inf)
    pairs = set()
    for i in range(len(vectors)):
        for j in np.argsort(-sims[i], kind="stable")[:k]:
            if sims[i, j] >= threshold:
                pairs.add((min(i, int(j)), max(i, int(j))))
    return pairs


@pytest.mark.parametrize("n,k,threshold,seed", [(2, 1, -1.0, 0), (30, 3, 0.0, 1), (200, 10, 0.1, 2),
                                                 (500, 5, 0.2, 3)])
def test_candidate_pairs_equal_brute_force_on_random_data(n: int, k: int, threshold: float, seed: int) -> None:
    rng = np.random.default_rng(seed)
    vectors = _unit(rng.standard_normal((n, 16)))
    got = candidate_pairs(vectors, k=k, threshold=threshold)
    assert {(i, j) for i, j, _ in got} == _brute_force(vectors, k=k, threshold=threshold)
    assert got == sorted(got)
    assert all(i < j for i, j, _ in got)
    for i, j, s in got:
        assert s == pytest.approx(float(vectors[i].astype(np.float64) @ vectors[j].astype(np.float64)), abs=1e-9)


def test_candidate_pairs_match_the_sklearn_brute_force_they_replace() -> None:
    from sklearn.neighbors import NearestNeighbors

    rng = np.random.default_rng(7)
    vectors = _unit(rng.standard_normal((120, 24)))
    dist, idx = NearestNeighbors(n_neighbors=6, metric="cosine", algorithm="brute").fit(vectors).kneighbors(vectors)
    want = {(min(i, int(j)), max(i, int(j))) for i in range(120) for d, j in zip(dist[i], idx[i])
            if int(j) != i and 1.0 - d >= 0.05}
    assert {(i, j) for i, j, _ in candidate_pairs(vectors, k=5, threshold=0.05)} == want


def test_fewer_than_two_vectors_have_no_pairs() -> None:
    assert candidate_pairs(np.zeros((1, 8), dtype=np.float32), k=5, threshold=0.0) == []
    assert candidate_pairs(np.zeros((0, 8), dtype=np.float32), k=5, threshold=0.0) == []


def test_approximate_search_above_exact_max_finds_planted_near_duplicates(monkeypatch) -> None:
    pytest.importorskip("faiss")
    monkeypatch.setattr(neighbours, "EXACT_MAX", 100)
    rng = np.random.default_rng(5)
    base = _unit(rng.standard_normal((600, 32)))
    twins = _unit(base + 0.05 * rng.standard_normal(base.shape))
    vectors = np.concatenate([base, twins])
    got = candidate_pairs(vectors, k=3, threshold=0.9)
    planted = {(i, i + 600) for i in range(600)}
    found = {(i, j) for i, j, _ in got} & planted
    assert len(found) >= 0.98 * len(planted)
    assert got == candidate_pairs(vectors, k=3, threshold=0.9)  # deterministic
