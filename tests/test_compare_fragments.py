"""A clause left unique joins its own sentence's multi-source finding when another source states it
(claimcheck/stages/compare/findings.py ``fragment_coverage``): "Scholz travelled to Pirna, where he pledged help
from the federal government" is cut in two, and the pledge is what the other outlets say too, not a unique fact.
A clause the other sources do not state stays unique."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from claimcheck import api
from claimcheck.config import CompareConfig
from claimcheck.models import Cluster
from claimcheck.stages.compare.findings import compare_clusters, fragment_coverage

from builders import claim, entity_in

CFG = CompareConfig()
FLOODS = Path(__file__).resolve().parent / "fixtures" / "floods"


def _claim(cid: str, source: str, text: str, start: int, kind: str = "sentence"):
    made = claim(source, text, start, cid=cid, entities=(entity_in(text, "Pirna", "GPE", base=start),))
    return dataclasses.replace(made, kind=kind)


def test_coverage_counts_the_fragments_content_words_the_other_claim_states() -> None:
    frag = _claim("b2", "b", "Pirna, where he pledged help from the federal government.", 30, "clause")
    other = _claim("c1", "c", "Scholz went to Pirna and pledged federal assistance.", 0)
    assert fragment_coverage(frag, other) == pytest.approx(0.6)
    far = _claim("x", "c", "Scholz met flood victims in a school gym in Pirna.", 0)
    assert fragment_coverage(frag, far) < CFG.fragment_coverage


def _run(fragment_text: str):
    a1 = _claim("a1", "a", "Chancellor Scholz visited Pirna and promised federal aid.", 0)
    b1 = _claim("b1", "b", "Scholz travelled to Pirna", 0, "clause")
    b2 = _claim("b2", "b", fragment_text, 27, "clause")
    c1 = _claim("c1", "c", "Scholz went to Pirna and pledged federal assistance.", 0)
    claims = [a1, b1, b2, c1]
    vectors = np.eye(4, dtype=np.float32)
    vectors[[0, 1, 3]] = np.array([1.0, 0.2, 0.0, 0.0], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    clusters = [Cluster(id="pirna", claim_ids=("a1", "b1", "c1"), similarity=0.98),
                Cluster(id="frag", claim_ids=("b2",), similarity=1.0)]
    return {tuple(c.id for c in f.claims): f.verdict for f in compare_clusters(clusters, claims, vectors, config=CFG)}


def test_a_clause_the_other_outlets_state_joins_its_sentences_finding() -> None:
    assert _run("Pirna, where he pledged help from the federal government.") == {("a1", "b1", "b2", "c1"): "agree"}


def test_a_clause_no_other_outlet_states_stays_unique() -> None:
    found = _run("Pirna, where he met flood victims sheltering in a school gym.")
    assert found == {("a1", "b1", "c1"): "agree", ("b2",): "unique"}


@pytest.mark.slow
def test_three_outlets_on_a_flood_report_the_pledge_as_agreed(real_embedder) -> None:
    result = api.compare([str(FLOODS)], embedder=real_embedder)
    (pledge,) = [f for f in result.findings if any("pledged help" in c.text for c in f.claims)]
    assert pledge.verdict == "agree" and pledge.sources == ("a", "b", "c")
    assert not [f for f in result.findings if f.verdict == "diverge"]


def test_the_same_clause_cut_off_by_two_outlets_joins_the_finding_of_their_sentences() -> None:
    # a and b cut "killing 12 people" off their sentence; c and d state it inside theirs: one statement, and d's
    # toll stands against the three others (a majority), not against c alone
    from builders import number_in

    def toll(cid: str, source: str, text: str, start: int, kind: str, n: float | None = None):
        nums = (number_in(text, f"{n:g} people", n, "people", base=start, role="dead", noun="person"),) if n else ()
        made = claim(source, text, start, cid=cid, numbers=nums)
        return dataclasses.replace(made, kind=kind)

    head = "A quake struck the port on Sunday"
    claims = [toll("a1", "a", head, 0, "clause"), toll("a2", "a", "killing 12 people.", 35, "clause", 12),
              toll("b1", "b", head, 0, "clause"), toll("b2", "b", "killing 12 people.", 35, "clause", 12),
              toll("c1", "c", head + ", killing 12 people, officials said.", 0, "sentence", 12),
              toll("d1", "d", head + ", killing 15 people, officials said.", 0, "sentence", 15)]
    vectors = np.eye(6, dtype=np.float32)
    vectors[[0, 2, 4, 5]] = np.array([1.0, 0.1, 0, 0, 0, 0], dtype=np.float32)
    vectors[[1, 3]] = np.array([0.0, 1.0, 0.2, 0, 0, 0], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    clusters = [Cluster(id="quake", claim_ids=("a1", "b1", "c1", "d1"), similarity=0.95),
                Cluster(id="toll", claim_ids=("a2", "b2"), similarity=1.0)]
    (finding,) = compare_clusters(clusters, claims, vectors, config=CFG)
    assert {c.id for c in finding.claims} == {"a1", "a2", "b1", "b2", "c1", "d1"}
    (conflict,) = finding.conflicts
    assert [(s.value, s.sources) for s in conflict.sides] == [("12 people dead", ("a", "b", "c")),
                                                              ("15 people dead", ("d",))]
