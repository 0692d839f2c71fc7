"""Candidate pairs for clustering: each claim's k nearest neighbours, without comparing all pairs at scale.

Up to ``EXACT_MAX`` vectors the search is exact: blocked matrix products in numpy (one block of rows
against all vectors at a time, so memory stays bounded), which equals brute force. Above it, an HNSW graph
from faiss-cpu (inner product on the unit vectors) answers the k-nearest queries in about O(n log n);
it is built single-threaded so the graph, and so the report, is the same on every run. Without faiss
installed the exact search is used at every size.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    import numpy as np

EXACT_MAX = 8000  # vectors; above this, approximate (HNSW) search
HNSW_M = 16
HNSW_EF_CONSTRUCTION = 40
_BLOCK_FLOATS = 1 << 23  # 32 MB of float32 similarities per block


def _exact_knn(vectors: "np.ndarray", k: int) -> "np.ndarray":
    import numpy as np

    n = len(vectors)
    rows = max(1, min(n, _BLOCK_FLOATS // max(n, 1)))
    idx = np.empty((n, k), dtype=np.int64)
    for start in range(0, n, rows):
        stop = min(n, start + rows)
        sims = vectors[start:stop] @ vectors.T
        sims[np.arange(stop - start), np.arange(start, stop)] = -np.inf  # never yourself
        idx[start:stop] = np.argpartition(-sims, k - 1, axis=1)[:, :k]
    return idx


def _hnsw_knn(vectors: "np.ndarray", k: int) -> "np.ndarray":
    import faiss
    import numpy as np

    threads = faiss.omp_get_max_threads()
    index = faiss.IndexHNSWFlat(vectors.shape[1], HNSW_M, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
    try:
        faiss.omp_set_num_threads(1)  # a deterministic graph
        index.add(vectors)
    finally:
        faiss.omp_set_num_threads(threads)
    index.hnsw.efSearch = max(32, 2 * (k + 1))
    n = len(vectors)
    out = np.full((n, k), -1, dtype=np.int64)
    # queried a block of rows at a time (faiss' answers are per query, so the same as one search of all rows), and
    # the index let go of before the pairs are built: it holds a copy of every vector and its graph
    step = max(1, _BLOCK_FLOATS // (4 * (k + 1)))
    for start in range(0, n, step):
        _, found = index.search(vectors[start:start + step], k + 1)
        # each row's neighbours other than itself, in the order found, the first k (-1: none found)
        found[found == np.arange(start, start + len(found))[:, None]] = -1
        order = np.argsort(found < 0, axis=1, kind="stable")
        out[start:start + len(found)] = np.take_along_axis(found, order, axis=1)[:, :k]
    del index
    return out


class CandidatePairs:
    """Candidate pairs as three arrays, sorted by (i, j) with i < j: ``i`` and ``j`` (int32 claim indexes) and
    ``score`` (float64 cosine). A list of (i, j, score) tuples costs ~150 bytes a pair in Python objects; these 16.
    Iterating gives the (int, int, float) tuples one at a time."""

    __slots__ = ("i", "j", "score")

    def __init__(self, i: "np.ndarray", j: "np.ndarray", score: "np.ndarray") -> None:
        self.i, self.j, self.score = i, j, score

    def __len__(self) -> int:
        return len(self.score)

    def __iter__(self) -> "Iterator[tuple[int, int, float]]":
        step = 1 << 16
        for start in range(0, len(self.score), step):
            yield from zip(self.i[start:start + step].tolist(), self.j[start:start + step].tolist(),
                           self.score[start:start + step].tolist())

    def index_pairs(self) -> "Iterator[tuple[int, int]]":
        """The (i, j) of each pair, one at a time."""
        step = 1 << 16
        for start in range(0, len(self.i), step):
            yield from zip(self.i[start:start + step].tolist(), self.j[start:start + step].tolist())

    def where(self, mask: "np.ndarray") -> "CandidatePairs":
        """The pairs where ``mask`` (a boolean array, one per pair) is true, in the same order."""
        return CandidatePairs(self.i[mask], self.j[mask], self.score[mask])

    def above(self, threshold: float) -> "CandidatePairs":
        """The pairs with score >= ``threshold`` (these same pairs when all are)."""
        mask = self.score >= threshold
        return self if mask.all() else self.where(mask)

    @classmethod
    def empty(cls) -> "CandidatePairs":
        """No pairs."""
        import numpy as np

        return cls(np.empty(0, np.int32), np.empty(0, np.int32), np.empty(0, np.float64))


def candidate_arrays(vectors: "np.ndarray", *, k: int, threshold: float) -> CandidatePairs:
    """Index pairs (i < j) among each vector's k nearest neighbours with cosine >= threshold, sorted by (i, j), as
    arrays (``CandidatePairs``).

    ``vectors`` are unit length (cosine = dot product). Exact up to ``EXACT_MAX`` vectors, HNSW above. Filtering
    the result at a higher threshold (``CandidatePairs.above``) gives what a search at that threshold gives.
    """
    import numpy as np

    n = len(vectors)
    if n < 2 or k < 1:
        return CandidatePairs.empty()
    k = min(k, n - 1)
    vecs = np.ascontiguousarray(vectors, dtype=np.float32)
    idx = None
    if n > EXACT_MAX:
        try:
            idx = _hnsw_knn(vecs, k)
        except ImportError:
            idx = None
    if idx is None:
        idx = _exact_knn(vecs, k)
    # each found pair (lo, hi) as one int64 key lo * n + hi: sorting and deduplicating the keys orders the pairs by
    # (lo, hi), with one array of keys instead of the rows, columns and their stacked copies
    cols = idx.reshape(-1)
    del idx
    rows = np.repeat(np.arange(n, dtype=np.int64), k)
    keep = cols >= 0
    if not keep.all():
        rows, cols = rows[keep], cols[keep]
    del keep
    keys = np.minimum(rows, cols)
    keys *= n
    keys += np.maximum(rows, cols)
    del rows, cols
    keys = np.unique(keys)
    if not len(keys):
        return CandidatePairs.empty()
    lo = (keys // n).astype(np.int32)
    hi = (keys % n).astype(np.int32)
    del keys
    # the pair similarities in float64, a block of pairs at a time (a float64 copy of every vector, or of the two
    # vectors of every pair, would be the largest arrays of a big run)
    sims = np.empty(len(lo), dtype=np.float64)
    step = max(1, _BLOCK_FLOATS // (4 * vecs.shape[1] or 1))
    for start in range(0, len(lo), step):
        stop = start + step
        sims[start:stop] = np.einsum("ij,ij->i", vecs[lo[start:stop]].astype(np.float64),
                                     vecs[hi[start:stop]].astype(np.float64))
    np.clip(sims, -1.0, 1.0, out=sims)
    good = sims >= threshold
    if good.all():
        return CandidatePairs(lo, hi, sims)
    return CandidatePairs(lo[good], hi[good], sims[good])


def candidate_pairs(vectors: "np.ndarray", *, k: int, threshold: float) -> list[tuple[int, int, float]]:
    """Index pairs (i < j) among each vector's k nearest neighbours with cosine >= threshold, sorted, as a list of
    (i, j, cosine) tuples (``candidate_arrays`` gives the same as arrays).

    ``vectors`` are unit length (cosine = dot product). Exact up to ``EXACT_MAX`` vectors, HNSW above.
    """
    return list(candidate_arrays(vectors, k=k, threshold=threshold))
