"""The candidate search as arrays (claimcheck/stages/cluster/neighbours.py ``candidate_arrays``): the same pairs and
similarities as the list of tuples, in the same order; filtering at a higher threshold gives what a search at that
threshold gives (so one search serves both clustering passes); the HNSW path queried in blocks gives the same pairs."""

from __future__ import annotations

import numpy as np
import pytest

from claimcheck.stages.cluster import neighbours
from claimcheck.stages.cluster.neighbours import CandidatePairs, candidate_arrays, candidate_pairs


def _unit(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def _vectors(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    base = _unit(rng.standard_normal((n // 2, 24)))
    return _unit(np.concatenate([base, base + 0.3 * rng.standard_normal(base.shape)]))


def test_candidate_arrays_iterate_as_the_tuples_of_candidate_pairs() -> None:
    vectors = _vectors(300, 1)
    arrays = candidate_arrays(vectors, k=6, threshold=0.1)
    assert arrays.i.dtype == np.int32 and arrays.j.dtype == np.int32 and arrays.score.dtype == np.float64
    assert list(arrays) == candidate_pairs(vectors, k=6, threshold=0.1)
    assert len(arrays) == len(list(arrays)) > 0
    assert list(arrays.index_pairs()) == [(i, j) for i, j, _ in arrays]


@pytest.mark.parametrize("low,high", [(-1.0, 0.2), (0.1, 0.5), (0.3, 0.3)])
def test_a_search_filtered_to_a_higher_threshold_equals_a_search_at_it(low: float, high: float) -> None:
    vectors = _vectors(400, 2)
    filtered = candidate_arrays(vectors, k=8, threshold=low).above(high)
    assert list(filtered) == candidate_pairs(vectors, k=8, threshold=high)


def test_the_approximate_search_gives_the_same_pairs_when_queried_in_blocks(monkeypatch) -> None:
    pytest.importorskip("faiss")
    monkeypatch.setattr(neighbours, "EXACT_MAX", 50)
    vectors = _vectors(600, 3)
    whole = candidate_pairs(vectors, k=5, threshold=0.0)
    monkeypatch.setattr(neighbours, "_BLOCK_FLOATS", 4 * 6 * 37)  # 37 query rows per block
    assert candidate_pairs(vectors, k=5, threshold=0.0) == whole
    assert all(i < j for i, j, _ in whole)


def test_no_pairs_is_an_empty_set_of_arrays() -> None:
    empty = candidate_arrays(np.zeros((1, 8), dtype=np.float32), k=5, threshold=0.0)
    assert isinstance(empty, CandidatePairs)
    assert len(empty) == 0 and list(empty) == [] and len(empty.above(0.5)) == 0
