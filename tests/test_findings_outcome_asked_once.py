"""The compare stage asks the zero-count rule and whether its two claims tell of one occasion once per pair: the
clash carries that answer to its gate (claimcheck/stages/compare/findings.py ``_clashes``, ``_gate``,
``_Clash.outcome``), which passes a one-occasion zero-count clash whatever the cosine, and the report is what it
was when the gate asked the rule again (exclusive.py ``outcome_conflict``)."""

from __future__ import annotations

import pytest

from claimcheck.config import CompareConfig
from claimcheck.models import Claim, Reason
from claimcheck.stages.compare import exclusive, findings
from claimcheck.stages.compare.findings import _clashes

from builders import extracted

CFG = CompareConfig()


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    calls = {"zero": 0, "occasions": 0}
    zero, occasions = exclusive.zero_count_conflict, exclusive.occasions_differ

    def counting_zero(a: Claim, b: Claim) -> Reason | None:
        calls["zero"] += 1
        return zero(a, b)

    def counting_occasions(a: Claim, b: Claim, *, tolerance: int) -> bool:
        calls["occasions"] += 1
        return occasions(a, b, tolerance=tolerance)

    monkeypatch.setattr(exclusive, "zero_count_conflict", counting_zero)
    monkeypatch.setattr(findings, "zero_count_conflict", counting_zero)
    monkeypatch.setattr(exclusive, "occasions_differ", counting_occasions)
    return calls


@pytest.mark.parametrize("similarity", [0.9, 0.3])  # compared pair, and a pair far under min_similarity
def test_a_one_occasion_zero_count_clash_is_found_and_gated_asking_the_rule_once(
        counted: dict[str, int], similarity: float) -> None:
    (a,), (b,) = (extracted("No one was injured in the blast at the plant on Monday.", "a"),
                  extracted("Three workers were injured in the blast at the plant on Monday.", "b"))
    kept = _clashes(a, b, similarity, config=CFG)
    assert [(c.rule, c.outcome) for c in kept] == [("zero-count", True)]
    assert counted == {"zero": 1, "occasions": 1}


def test_a_zero_count_clash_of_other_occasions_needs_its_gate(counted: dict[str, int]) -> None:
    # the first blast and the second: other occasions, so only a compared pair whose rest matches reports it (as
    # the slot values are: beside the ordinal, whose edit it is), and a pair far apart not at all
    (a,), (b,) = (extracted("No one was injured in the second blast at the plant.", "a"),
                  extracted("Three workers were injured in the first blast at the plant.", "b"))
    assert [(c.rule, c.outcome) for c in _clashes(a, b, 0.9, config=CFG)] == \
        [("ordinal", False), ("zero-count", False)]
    assert _clashes(a, b, 0.3, config=CFG) == []
    assert counted["zero"] == 2 and counted["occasions"] == 2
