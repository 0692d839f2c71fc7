"""Three outlets on one cup semi-final (tests/fixtures/match), real model: ``echo`` gives another result (3-1),
another crowd ("about 54,000 supporters" against "45,000 fans" / "a crowd of 45,000") and says a player was not
sent off; ``sport`` another minute for the winner (87th against 78th) in a paraphrased sentence. Each is a
conflict naming its outlier; none of these statements reads as agreed."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck import api

from builders import finding_with

pytestmark = pytest.mark.slow

FIX = Path(__file__).resolve().parent / "fixtures" / "match"


@pytest.fixture(scope="module")
def match(real_embedder):
    return api.compare([str(FIX)], embedder=real_embedder)


@pytest.mark.parametrize(("source", "words", "majority"), [
    ("echo", "won 3-1", "2-1"),
    ("echo", "54,000 supporters", "45,000"),
    ("sport", "87th minute", "78th minute"),
])
def test_a_changed_result_crowd_or_minute_is_a_conflict_with_its_outlier(match, source: str, words: str,
                                                                          majority: str) -> None:
    finding = finding_with(match, source, words)
    assert [(c.majority, c.outliers) for c in finding.conflicts] == [(majority, (source,))]


def test_a_paraphrased_negation_between_one_statement_s_partners_is_a_conflict(match) -> None:
    finding = finding_with(match, "echo", "was not sent off")
    assert finding.verdict == "diverge"
    assert [(c.kind, [s.sources for s in c.sides]) for c in finding.conflicts] == [
        ("negation", [("herald",), ("echo",)])]
