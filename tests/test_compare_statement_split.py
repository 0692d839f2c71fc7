"""A cluster in which a source has several claims is split into statements by best partners
(claimcheck/stages/compare/findings.py ``_best_partner_parts``): an edited copy's changed sentences are each
compared with their own original, not lumped into one finding whose conflicts mix their values."""

from __future__ import annotations

import numpy as np

from claimcheck.config import CompareConfig
from claimcheck.models import Cluster
from claimcheck.stages.compare.findings import compare_clusters

from builders import claim


def test_an_edited_copys_changed_sentences_are_each_their_own_statement() -> None:
    # an original (a) and an edited copy (b): each sentence is a near twin of its copy (0.97) and merely close to
    # the other two (0.75, they share the story's words); one cluster, three statements
    texts = ["The leaders first met in June 2018.", "They traded insults in 2017.", "Relations improved after that."]
    claims = [claim(src, text, 100 * n, cid=f"{src}{n}") for src in "ab" for n, text in enumerate(texts)]
    gram = np.full((6, 6), 0.75)
    for i in range(3):
        gram[i, 3 + i] = gram[3 + i, i] = 0.97
    for src in (0, 3):
        gram[src:src + 3, src:src + 3] = 0.75
    np.fill_diagonal(gram, 1.0)
    vectors = np.linalg.cholesky(gram).astype(np.float32)
    cluster = Cluster(id="c", claim_ids=tuple(sorted(c.id for c in claims)), similarity=0.8)
    found = compare_clusters([cluster], claims, vectors, config=CompareConfig())
    assert sorted(tuple(c.id for c in f.claims) for f in found) == [("a0", "b0"), ("a1", "b1"), ("a2", "b2")]


def test_best_linked_partner_is_the_head_of_the_ranking() -> None:
    # _best_linked (every claim's best partner per source, as arrays) picks the head of the ranking the statement
    # split defines pair by pair: the highest cosine plus word overlap among the linked claims of that source, the
    # lowest index on a tie (equal cosines and equal word sets are frequent in copied wire text)
    import random

    from claimcheck.stages.compare.findings import _best_linked, residual_overlap

    rnd = random.Random(5)
    vocab = ["kim", "trump", "letter", "summit", "praised", "june", "august", "hanoi", "met", "said"]
    texts = [" ".join(rnd.sample(vocab, rnd.randint(0, 5))) for _ in range(60)]
    n = len(texts)
    source = np.array([rnd.randrange(6) for _ in range(n)])
    sims = np.round(np.array([[rnd.random() for _ in range(n)] for _ in range(n)], dtype=np.float32), 1)
    sims = np.maximum(sims, sims.T)
    close = np.array([[rnd.random() < 0.4 for _ in range(n)] for _ in range(n)])
    best = _best_linked([frozenset(t.split()) for t in texts], sims, close, source, 6, block=7)
    ties = 0
    for i in range(n):
        for k in range(6):
            linked = [j for j in range(n) if close[i, j] and source[j] == k]
            ranked = sorted(linked, key=lambda j: (-(float(sims[i, j]) + residual_overlap(texts[i], texts[j])), j))
            assert best[i, k] == (ranked[0] if ranked else -1)
            ties += len(ranked) > 1 and float(sims[i, ranked[0]]) + residual_overlap(texts[i], texts[ranked[0]]) \
                == float(sims[i, ranked[1]]) + residual_overlap(texts[i], texts[ranked[1]])
    assert ties > 0
