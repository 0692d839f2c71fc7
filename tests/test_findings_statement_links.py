"""The statement split's matrix pass (claimcheck/stages/compare/findings.py ``_linked`` and its sparse helpers,
the memoised ``_best_partner_parts``) gives exactly what the pair-by-pair pass it replaced gave: the same links,
the same parts, on real extracted claims of several fixtures with vectors spread over every threshold."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from claimcheck.config import CompareConfig
from claimcheck.models import Claim
from claimcheck.stages.cluster.clusters import DisjointSets, claim_anchors, event_anchors, events_match
from claimcheck.stages.compare import findings as F

from builders import extracted

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def cluster() -> tuple[list[Claim], np.ndarray]:
    """Claims of three fixtures (one source per file), with vectors whose cosines run from unrelated to near twins:
    each claim leans on its fixture's topic by a weight of its own."""
    claims: list[Claim] = []
    topic: list[int] = []
    for k, name in enumerate(("outlets", "summit", "mutation")):
        for path in sorted((FIXTURES / name).iterdir()):
            got = extracted(path.read_text(encoding="utf-8"), source=f"{name}-{path.stem}")
            claims += got
            topic += [k] * len(got)
    rng = np.random.default_rng(7)
    topics = rng.normal(size=(3, 24))
    lean = rng.uniform(0.0, 3.0, size=len(claims))
    vectors = topics[topic] * lean[:, None] + rng.normal(size=(len(claims), 24))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    members = sorted(claims, key=lambda c: (c.source, c.start))
    order = [claims.index(c) for c in members]
    return members, vectors[order].astype(np.float32)


def _pairwise_linked(members: list[Claim], sims: np.ndarray, anchors: list[frozenset[str]],
                     events: list[frozenset[tuple[str, str]]], event_links: set[tuple[str, str]],
                     config: CompareConfig) -> np.ndarray:
    """The pair-by-pair pass ``_linked`` replaced, as it stood."""
    n = len(members)
    word_sets = [F._word_set(c.text) for c in members]
    templates = [F._template(c, config.template_min_words) for c in members]
    close = sims >= config.statement_min_similarity
    for i in range(n):
        for j in range(i + 1, n):
            a, b = members[i], members[j]
            if a.source == b.source:
                close[i, j] = close[j, i] = False
            elif not close[i, j]:
                linked = bool(anchors[i] & anchors[j]) or bool(events_match(events[i], events[j])) \
                    or tuple(sorted((a.id, b.id))) in event_links
                if not linked and (sims[i, j] >= config.min_similarity or F._twins(
                        word_sets[i], word_sets[j], templates[i], templates[j], overlap=config.twin_overlap)):
                    linked = F.residual_overlap(a.text, b.text) >= config.residual_overlap or \
                        bool(F._clashes(a, b, float(sims[i, j]), config=config))
                close[i, j] = close[j, i] = linked
    np.fill_diagonal(close, False)
    return close


def _pairwise_parts(members: list[Claim], sims: np.ndarray, close: np.ndarray) -> list[list[int]]:
    """The best-partner pass as it stood before its memo (no ``alike``)."""
    by_source: dict[str, list[int]] = {}
    for i, c in enumerate(members):
        by_source.setdefault(c.source, []).append(i)

    def ranked(i: int, rows: list[int]) -> list[int]:
        linked = [j for j in rows if close[i, j]]
        return sorted(linked, key=lambda j: (-(float(sims[i, j]) + F.residual_overlap(members[i].text,
                                                                                     members[j].text)), j))
    sets = DisjointSets(len(members))
    for i, c in enumerate(members):
        for src, rows in by_source.items():
            linked = ranked(i, rows) if src != c.source else []
            if not linked:
                continue
            j = linked[0]
            theirs = ranked(j, by_source[c.source])
            if theirs and (theirs[0] == i or F._one_sentence(members[i], members[theirs[0]])):
                sets.union(i, j)
    return sets.groups()


@pytest.mark.parametrize("statement_min", [0.6, 0.8, 0.95])
def test_the_matrix_pass_links_the_pairs_the_pairwise_pass_links(cluster: tuple[list[Claim], np.ndarray],
                                                                 statement_min: float) -> None:
    members, vectors = cluster
    config = CompareConfig(statement_min_similarity=statement_min, min_similarity=0.4)
    anchors, events = claim_anchors(members), event_anchors(members)
    sims = vectors @ vectors.T
    # event links between claims of different sources far apart in the cluster's order, as clustering stores them
    far = [(a, b) for a, b in itertools.combinations(members, 2) if a.source != b.source and
           not anchors[members.index(a)] & anchors[members.index(b)]]
    links = {tuple(sorted((a.id, b.id))) for a, b in far[::max(1, len(far) // 9)]}
    want = _pairwise_linked(members, sims, anchors, events, links, config)
    assert want.any() and not want.all()  # the thresholds leave some pairs linked and some not
    assert not np.array_equal(want, _pairwise_linked(members, sims, anchors, events, set(), config))  # links count
    for block in (5, 512):  # blocks of rows, each decided against all claims, give the whole-matrix answer
        got = F._linked(members, sims, list(range(len(members))), [F._word_set(c.text) for c in members],
                        [F._template(c, config.template_min_words) for c in members], anchors, events, links,
                        config=config, block=block)
        assert np.array_equal(got, want)


def test_the_sparse_helpers_answer_as_the_set_tests(cluster: tuple[list[Claim], np.ndarray]) -> None:
    members, _ = cluster
    config = CompareConfig()
    anchors, events = claim_anchors(members), event_anchors(members)
    words = [F._word_set(c.text) for c in members]
    templates = [F._template(c, config.template_min_words) for c in members]
    n = len(members)
    share = np.vstack([F._shares(anchors)(start, min(n, start + 7)) for start in range(0, n, 7)])
    linked = np.vstack([F._shared_events(events)(start, min(n, start + 7)) for start in range(0, n, 7)])
    twins = np.vstack([F._twins_rows(words, templates, overlap=config.twin_overlap)(start, min(n, start + 7))
                       for start in range(0, n, 7)])
    assert any(events) and share.any() and linked.any()
    for i, j in itertools.product(range(len(members)), repeat=2):
        assert share[i, j] == bool(anchors[i] & anchors[j])
        assert linked[i, j] == bool(events_match(events[i], events[j]))
        assert twins[i, j] == F._twins(words[i], words[j], templates[i], templates[j], overlap=config.twin_overlap)


def test_the_memoised_best_partners_give_the_same_parts(cluster: tuple[list[Claim], np.ndarray]) -> None:
    members, vectors = cluster
    sims = vectors @ vectors.T
    config = CompareConfig(statement_min_similarity=0.6, min_similarity=0.4)
    close = _pairwise_linked(members, sims, claim_anchors(members), event_anchors(members), set(), config)
    parts = F._best_partner_parts(members, sims, close)
    assert 1 < len(parts) < len(members)
    assert parts == _pairwise_parts(members, sims, close)
