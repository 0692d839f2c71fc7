"""Stage 4, cluster: claims + vectors -> Clusters, one statement across sources.

Candidate pairs come from nearest neighbours, not from all pairs. A pair's link score is its
cosine similarity plus ``cluster.anchor_bonus`` for each specific fact both claims pin down
(the same month or day, the same quantity, the same rarely-mentioned name), at most two: two
sentences that place the same event in "Singapore" in "2018-06" are about the same thing even
when the rest of their wording differs. Pairs scoring at least ``cluster.link_threshold`` form a
sparse graph; each connected component is then split by average-linkage agglomerative
clustering on the same score, so one loose chain of neighbours cannot glue unrelated
statements together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimcheck.config import ClusterConfig
from claimcheck.models import Claim, Cluster, content_id
from claimcheck.stages.neighbours import candidate_pairs as knn_candidate_pairs

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


def mean_similarity(vectors: "np.ndarray", members: list[int], *,
                    pairs: list[tuple[int, int]] | None = None) -> float:
    """Mean cosine similarity over ``pairs`` (default: all member pairs); 1.0 for a single member."""
    if pairs is None:
        pairs = [(x, y) for i, x in enumerate(members) for y in members[i + 1:]]
    if not pairs:
        return 1.0
    return round(sum(float(vectors[x] @ vectors[y]) for x, y in pairs) / len(pairs), 4)


_ANCHOR_LABELS = {"PERSON", "GPE", "LOC", "FAC", "ORG", "EVENT"}


def claim_anchors(claims: list[Claim], *, max_share: float = 0.2) -> list[frozenset[str]]:
    """Specific facts per claim: month/day dates with a year, quantities with a unit, and names that
    appear in at most ``max_share`` of the claims (names every sentence mentions pin nothing down)."""
    ents = [{e.key for e in c.slots.entities if e.label in _ANCHOR_LABELS} for c in claims]
    df: dict[str, int] = {}
    for keys in ents:
        for k in keys:
            df[k] = df.get(k, 0) + 1
    limit = max(2, int(max_share * len(claims)))
    out = []
    for c, keys in zip(claims, ents):
        a = {f"date:{d.value}" for d in c.slots.dates if d.granularity != "year" and not d.value.startswith("X")}
        a |= {f"num:{n.kind}:{n.unit}:{n.value:g}" for n in c.slots.numbers if n.unit}
        a |= {f"ent:{k}" for k in keys if df[k] <= limit}
        out.append(frozenset(a))
    return out


def link_score(cos: float, a: frozenset[str], b: frozenset[str], *, bonus: float) -> float:
    """Cosine similarity plus ``bonus`` per shared anchor (two at most)."""
    return cos + bonus * min(2, len(a & b))


def cluster_claims(claims: list[Claim], vectors: "np.ndarray", *, config: ClusterConfig) -> list[Cluster]:
    """Group claims that state the same thing; every claim lands in exactly one cluster."""
    import numpy as np
    from sklearn.cluster import AgglomerativeClustering

    anchors = claim_anchors(claims)
    floor = config.link_threshold - 2 * config.anchor_bonus
    # Only claims of different sources link: a cluster is one statement *across* sources, and a
    # source's own near-repeats (or a fragment of its own sentence) must not pull clusters together.
    pairs = [(i, j, s) for i, j, s in knn_candidate_pairs(vectors, k=config.neighbours, threshold=floor)
             if claims[i].source != claims[j].source
             and link_score(s, anchors[i], anchors[j], bonus=config.anchor_bonus) >= config.link_threshold]
    neutral = 1.0 - config.link_threshold
    clusters: list[Cluster] = []
    for comp in _components(len(claims), pairs):
        comp = sorted(comp)
        groups: list[list[int]]
        if len(comp) <= 2:
            groups = [comp]
        else:
            sims = vectors[comp] @ vectors[comp].T
            dist = np.zeros_like(sims)
            for x in range(len(comp)):
                for y in range(x + 1, len(comp)):
                    if claims[comp[x]].source == claims[comp[y]].source:
                        d = neutral  # neither pulls together nor pushes apart
                    else:
                        score = link_score(float(sims[x, y]), anchors[comp[x]], anchors[comp[y]],
                                           bonus=config.anchor_bonus)
                        d = max(0.0, 1.0 - score)
                    dist[x, y] = dist[y, x] = d
            model = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                            distance_threshold=1.0 - config.link_threshold)
            labels = model.fit_predict(dist)
            by_label: dict[int, list[int]] = {}
            for idx, lab in zip(comp, labels):
                by_label.setdefault(int(lab), []).append(idx)
            groups = list(by_label.values())
        for members in groups:
            if len({claims[m].source for m in members}) == 1:
                split = [[m] for m in members]  # no cross-source link left: each claim is its own unique
            else:
                split = [members]
            for group in split:
                ids = tuple(sorted(claims[m].id for m in group))
                cross = [(x, y) for x in group for y in group if x < y and claims[x].source != claims[y].source]
                clusters.append(Cluster(id=content_id(*ids), claim_ids=ids,
                                        similarity=mean_similarity(vectors, group, pairs=cross)))
    return sorted(clusters, key=lambda c: c.id)
