"""Stage 4, cluster: claims + vectors -> Clusters, one statement across sources.

Candidate pairs come from nearest neighbours (scikit-learn ``NearestNeighbors``), not from all
pairs; pairs above ``cluster.link_threshold`` form a sparse graph; each connected component
is then split by average-linkage agglomerative clustering with the same cosine threshold, so
one loose chain of neighbours cannot glue unrelated statements together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimcheck.config import ClusterConfig
from claimcheck.models import Claim, Cluster, content_id

if TYPE_CHECKING:
    import numpy as np


def candidate_pairs(vectors: "np.ndarray", *, k: int, threshold: float) -> list[tuple[int, int, float]]:
    """Index pairs (i < j) among each claim's k nearest neighbours with cosine >= threshold."""
    import numpy as np
    from sklearn.neighbors import NearestNeighbors

    n = len(vectors)
    if n < 2:
        return []
    k = min(k + 1, n)
    nn = NearestNeighbors(n_neighbors=k, metric="cosine", algorithm="brute").fit(vectors)
    dist, idx = nn.kneighbors(vectors)
    pairs: dict[tuple[int, int], float] = {}
    for i in range(n):
        for d, j in zip(dist[i], idx[i]):
            j = int(j)
            if j == i:
                continue
            sim = float(np.clip(1.0 - d, -1.0, 1.0))
            if sim >= threshold:
                pairs[(min(i, j), max(i, j))] = sim
    return sorted((i, j, s) for (i, j), s in pairs.items())


def _components(n: int, pairs: list[tuple[int, int, float]]) -> list[list[int]]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j, _ in pairs:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def mean_similarity(vectors: "np.ndarray", members: list[int]) -> float:
    """Mean pairwise cosine similarity of the members (1.0 for a single member)."""
    import numpy as np

    if len(members) < 2:
        return 1.0
    sub = vectors[members]
    sims = sub @ sub.T
    iu = np.triu_indices(len(members), k=1)
    return float(np.round(sims[iu].mean(), 4))


def cluster_claims(claims: list[Claim], vectors: "np.ndarray", *, config: ClusterConfig) -> list[Cluster]:
    """Group claims that state the same thing; every claim lands in exactly one cluster."""
    from sklearn.cluster import AgglomerativeClustering

    pairs = candidate_pairs(vectors, k=config.neighbours, threshold=config.link_threshold)
    clusters: list[Cluster] = []
    for comp in _components(len(claims), pairs):
        comp = sorted(comp)
        groups: list[list[int]]
        if len(comp) <= 2:
            groups = [comp]
        else:
            model = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average",
                                            distance_threshold=1.0 - config.link_threshold)
            labels = model.fit_predict(vectors[comp])
            by_label: dict[int, list[int]] = {}
            for idx, lab in zip(comp, labels):
                by_label.setdefault(int(lab), []).append(idx)
            groups = list(by_label.values())
        for members in groups:
            ids = tuple(sorted(claims[m].id for m in members))
            clusters.append(Cluster(id=content_id(*ids), claim_ids=ids, similarity=mean_similarity(vectors, members)))
    return sorted(clusters, key=lambda c: c.id)
