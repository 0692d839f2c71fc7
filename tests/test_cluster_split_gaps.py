"""Two statements joined at their loose edge are cut apart (claimcheck/stages/cluster/clusters.py ``_split_gaps``):
average linkage joins two tight groups of outlets whose cross pairs are only moderately similar; when the pairs
across the two groups are markedly less similar than inside them *and* their identifying facts differ (another
town), the cluster is cut in two. The same wording without differing facts stays one cluster."""

from __future__ import annotations

import dataclasses

import numpy as np

from claimcheck.config import ClusterConfig
from claimcheck.models import Claim
from claimcheck.stages.cluster.clusters import cluster_claims
from builders import claim, entity_in, group_vectors

CFG = ClusterConfig()


def _vectors(n_a: int, n_b: int, *, across: float = 0.68, inside: float = 0.85) -> np.ndarray:
    """``builders.group_vectors`` with this module's cosines."""
    return group_vectors(n_a, n_b, across=across, inside=inside)


def _fires(places: tuple[str, str] | None) -> list[Claim]:
    out = []
    for k in range(8):
        town = places[k >= 4] if places else "the town"
        text = f"A large fire gutted the supermarket in {town}, outlet {k} reported."
        ents = (entity_in(text, town, "GPE", town.lower()),) if places else ()
        out.append(claim(f"s{k}", text, cid=f"c{k}", entities=ents))
    return out


def _groups(claims: list[Claim], vectors: np.ndarray, config: ClusterConfig) -> list[set[str]]:
    return sorted(({c.source for c in claims if c.id in cl.claim_ids}
                   for cl in cluster_claims(claims, vectors, config=config)), key=sorted)


def test_vectors_give_the_intended_cosines() -> None:
    v = _vectors(4, 4)
    assert abs(float(v[0] @ v[1]) - 0.85) < 1e-3
    assert abs(float(v[0] @ v[5]) - 0.68) < 1e-3


def test_two_tight_groups_naming_different_towns_are_cut_into_two_statements() -> None:
    groups = _groups(_fires(("Banstead", "Wellington")), _vectors(4, 4), CFG)
    assert groups == [{"s0", "s1", "s2", "s3"}, {"s4", "s5", "s6", "s7"}]


def test_the_same_groups_without_differing_facts_stay_one_statement() -> None:
    groups = _groups(_fires(None), _vectors(4, 4), CFG)
    assert groups == [{f"s{k}" for k in range(8)}]


def test_the_cut_is_off_at_gap_zero_and_needs_the_gap() -> None:
    claims = _fires(("Banstead", "Wellington"))
    off = dataclasses.replace(CFG, split_gap=0.0)
    assert _groups(claims, _vectors(4, 4), off) == [{f"s{k}" for k in range(8)}]
    # the groups barely tighter inside than across: no gap, one statement (its place conflict is reported)
    assert _groups(claims, _vectors(4, 4, across=0.7, inside=0.74), CFG) == [{f"s{k}" for k in range(8)}]


def test_a_cluster_smaller_than_split_min_size_is_not_cut() -> None:
    claims = _fires(("Banstead", "Wellington"))
    big = dataclasses.replace(CFG, split_min_size=9)
    assert _groups(claims, _vectors(4, 4), big) == [{f"s{k}" for k in range(8)}]
