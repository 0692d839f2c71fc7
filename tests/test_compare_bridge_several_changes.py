"""Four outlets on one bridge collapse (tests/fixtures/bridge), real model: ``tv`` paraphrases every sentence and
``post`` changes several facts: the weekday (Wednesday against Thursday), the vehicle (a bus against a truck: a thing
of one category, exclusive.category_conflict), the dead (a zero by negation, "No one was killed", against "One
motorist was killed" / "killed one person": the zero is the outlier), the bridge's length (240 against 180 metres)
and an ordinal (the third collapse against the second). Each is its own conflict with ``post`` as the outlier and
the majority named; the paraphrase diverges nowhere ("Opened in 1961, ... off-limits since March" against "built in
1961 and had been closed since March" is two moments, not opposites); ``check`` of ``post`` against the other
three lists every conflict in one run."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck import api

pytestmark = pytest.mark.slow

FIX = Path(__file__).resolve().parent / "fixtures" / "bridge"
OTHERS = [str(FIX / f) for f in ("gazette.txt", "tv.txt", "wire.txt")]


@pytest.fixture(scope="module")
def bridge(real_embedder):
    return api.compare([str(FIX)], embedder=real_embedder)


def test_every_changed_fact_is_a_conflict_with_the_changed_outlet_as_outlier(bridge) -> None:
    got = sorted({(c.kind, c.rule, c.majority, c.outliers) for f in bridge.findings for c in f.conflicts})
    assert got == [
        ("date", "exclusive", "thursday", ("post",)),
        ("number", "number", "180 m", ("post",)),
        ("number", "ordinal", "second bridge", ("post",)),
        ("number", "zero-count", "One motorist was killed", ("post",)),
        ("other", "category", "truck", ("post",)),
    ]


def test_the_paraphrasing_outlet_diverges_nowhere(bridge) -> None:
    assert all(c.outliers == ("post",) for f in bridge.findings for c in f.conflicts)
    assert "tv" in {c.source for f in bridge.findings if f.verdict == "agree" for c in f.claims}


def test_check_of_the_changed_outlet_lists_every_conflict_in_one_run(real_embedder) -> None:
    result = api.check([str(FIX / "post.txt")], against=OTHERS, embedder=real_embedder)
    excerpts = sorted({i.excerpt for i in result.issues if i.verdict == "diverge"})
    assert excerpts == ["240-metre", "No one was killed", "Wednesday", "bus", "third bridge"]


@pytest.mark.xfail(strict=True, reason="three edits in one sentence ('Divers rescued the bus driver ... late on "
                   "Wednesday' / 'Divers recovered the body of the truck driver ... late on Thursday', cosine 0.68): "
                   "with no publication date the weekday is an exclusive value, whose gate between partners needs "
                   "compare.statement_min_similarity 0.70, and the vehicle's gate needs entity_min_similarity 0.75 "
                   "(or 0.8 of the other words; 0.56 with both values set aside, as 'rescued' / 'recovered the body "
                   "of' is a third edit); no clash passes, so _statements splits the pair into two unique findings")
def test_a_sentence_with_three_edits_diverges(bridge) -> None:
    (finding,) = [f for f in bridge.findings if any(c.text.startswith("Divers rescued") for c in f.claims)]
    assert finding.verdict == "diverge"
