"""An outlet's statement with several facts changed ("Nine people were killed ... on Tuesday" against three
outlets' "six"), kept out of its statement by clustering and so unique, joins the finding of its event that it
links to and contradicts (claimcheck/stages/compare/findings.py ``_join_outliers``): its toll is a conflict with
the majority and the outlet as outlier, not a fact of its own. Of another event, or contradicting nothing, it stays
unique."""

from __future__ import annotations

import numpy as np

from claimcheck.config import CompareConfig
from claimcheck.models import Claim, Cluster
from claimcheck.stages.compare.findings import compare_clusters

from builders import claim, count_forks, number_in


def _dead(source: str, text: str, words: str, value: float) -> Claim:
    return claim(source, text, cid=source, numbers=(number_in(text, words, value, "people", role="dead",
                                                              noun="person"),))


CLAIMS = [
    _dead("a", "Six people were killed when the train derailed.", "Six people", 6.0),
    _dead("b", "The train derailed, killing six people.", "six people", 6.0),
    _dead("c", "Nine people were killed when a passenger train derailed.", "Nine people", 9.0),
    _dead("d", "A passenger train derailed, killing six people.", "six people", 6.0),
]


def _vectors(cosine: float) -> np.ndarray:
    """Unit vectors with every pair at ``cosine``: a shared axis and one axis per claim."""
    n = len(CLAIMS)
    v = np.zeros((n, n + 1), dtype=np.float32)
    v[:, 0] = np.sqrt(cosine)
    v[np.arange(n), np.arange(n) + 1] = np.sqrt(1 - cosine)
    return v


def _findings(outlier_event: str | None, *, cosine: float = 0.7, claims: list[Claim] = CLAIMS) -> list:
    clusters = [Cluster(id="k1", claim_ids=("a", "b", "d"), similarity=cosine, event="e1"),
                Cluster(id="k2", claim_ids=("c",), similarity=1.0, event=outlier_event)]
    return compare_clusters(clusters, claims, _vectors(cosine), config=CompareConfig())


def test_an_outliers_unique_statement_joins_the_finding_it_contradicts() -> None:
    (finding,) = _findings("e1")
    assert finding.verdict == "diverge" and finding.sources == ("a", "b", "c", "d")
    (toll,) = finding.conflicts
    assert (toll.majority, toll.outliers) == ("6 people dead", ("c",))
    assert [(s.value, s.sources) for s in toll.sides] == [("6 people dead", ("a", "b", "d")),
                                                          ("9 people dead", ("c",))]


def test_another_events_or_a_far_statement_stays_unique() -> None:
    for findings in (_findings("e2"), _findings(None), _findings("e1", cosine=0.5)):
        assert sorted(f.verdict for f in findings) == ["agree", "unique"]


def test_a_statement_that_contradicts_nothing_stays_unique() -> None:
    same = [*CLAIMS[:2], _dead("c", "Six people were killed when a passenger train derailed.", "Six people", 6.0),
            CLAIMS[3]]
    assert sorted(f.verdict for f in _findings("e1", claims=same)) == ["agree", "unique"]


def test_outliers_of_two_events_join_in_forked_processes_as_in_one(monkeypatch) -> None:
    """Each finding an outlier joins is built again on its own: two of them, in two processes (``map_forked``),
    give the findings one process gives."""
    def again(c: Claim) -> Claim:  # the same statement of the same outlet, about a second event
        (n,) = c.slots.numbers
        return claim(c.source, c.text, 500, cid=f"{c.id}2", numbers=(
            number_in(c.text, n.text, n.value, "people", base=500, role="dead", noun="person"),))

    claims = [*CLAIMS, *(again(c) for c in CLAIMS)]
    n = len(claims)
    vectors = np.zeros((n, n + 1), dtype=np.float32)
    vectors[:, 0] = np.sqrt(0.7)
    vectors[np.arange(n), np.arange(n) + 1] = np.sqrt(0.3)
    clusters = [Cluster(id="k1", claim_ids=("a", "b", "d"), similarity=0.7, event="e1"),
                Cluster(id="k2", claim_ids=("c",), similarity=1.0, event="e1"),
                Cluster(id="k3", claim_ids=("a2", "b2", "d2"), similarity=0.7, event="e2"),
                Cluster(id="k4", claim_ids=("c2",), similarity=1.0, event="e2")]
    one = compare_clusters(clusters, claims, vectors, config=CompareConfig())
    forks = count_forks(monkeypatch)
    two = compare_clusters(clusters, claims, vectors, config=CompareConfig(), workers=2)
    assert two == one and len(forks) == 2  # the clusters' comparison, then the two joins
    assert [(f.verdict, f.sources, f.conflicts[0].outliers) for f in one] == [
        ("diverge", ("a", "b", "c", "d"), ("c",)), ("diverge", ("a", "b", "c", "d"), ("c",))]
