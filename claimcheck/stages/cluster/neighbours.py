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
    _, found = index.search(vectors, k + 1)
    out = np.full((len(vectors), k), -1, dtype=np.int64)
    for i, row in enumerate(found):
        others = [int(j) for j in row if j != i and j >= 0][:k]
        out[i, :len(others)] = others
    return out


def candidate_pairs(vectors: "np.ndarray", *, k: int, threshold: float) -> list[tuple[int, int, float]]:
    """Index pairs (i < j) among each vector's k nearest neighbours with cosine >= threshold, sorted.

    ``vectors`` are unit length (cosine = dot product). Exact up to ``EXACT_MAX`` vectors, HNSW above.
    """
    import numpy as np

    n = len(vectors)
    if n < 2 or k < 1:
        return []
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
    rows = np.repeat(np.arange(n), k)
    cols = idx.reshape(-1)
    keep = cols >= 0
    rows, cols = rows[keep], cols[keep]
    lo, hi = np.minimum(rows, cols), np.maximum(rows, cols)
    pairs = np.unique(np.stack([lo, hi], axis=1), axis=0)
    if not len(pairs):
        return []
    v64 = vecs.astype(np.float64)
    sims = np.clip(np.einsum("ij,ij->i", v64[pairs[:, 0]], v64[pairs[:, 1]]), -1.0, 1.0)
    good = sims >= threshold
    return [(int(i), int(j), float(s)) for (i, j), s in zip(pairs[good], sims[good])]
