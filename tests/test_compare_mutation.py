"""Mutation self-test of the comparison with the real model: every injected conflict kind is a
`diverge` with the right reason, and no paraphrase or untouched sentence is."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck import api

pytestmark = pytest.mark.slow

FIX = Path(__file__).resolve().parent / "fixtures" / "mutation"

# sentence of the mutated article (its start) -> the reason kind its cluster must diverge with
CONFLICTS = {
    "Dock workers at the port of Rotterdam began a strike on 9 March": "date",
    "The union said 4,800 workers": "number",
    "Port director Jan Smit said": "attribution",
    "The port authority confirmed that container ships were being diverted to Hamburg": "entity",
    "Employers did not offer": "negation",
}
AGREE = ("The strike is expected to cost", "Shipping firms cautioned")


@pytest.fixture(scope="module")
def mutation_result(real_embedder):
    return api.compare([str(FIX / "original.md"), str(FIX / "mutated.md")], embedder=real_embedder)


def _finding_of(result, prefix: str):
    for f in result.findings:
        if any(c.source == "mutated" and c.text.startswith(prefix) for c in f.claims):
            return f
    raise AssertionError(f"no finding holds the mutated claim {prefix!r}")


@pytest.mark.parametrize("prefix,kind", sorted(CONFLICTS.items()))
def test_each_injected_conflict_diverges_with_its_reason_kind(mutation_result, prefix: str, kind: str) -> None:
    finding = _finding_of(mutation_result, prefix)
    assert finding.sources == ("mutated", "original")
    assert finding.verdict == "diverge"
    assert finding.reason is not None and finding.reason.kind == kind


def test_reason_shows_both_values(mutation_result) -> None:
    date = _finding_of(mutation_result, "Dock workers at the port of Rotterdam began a strike on 9 March")
    assert date.reason.detail == "2021-03-09 vs 2021-03-08" or date.reason.detail == "2021-03-08 vs 2021-03-09"
    number = _finding_of(mutation_result, "The union said 4,800 workers")
    assert "4,200" in number.reason.detail and "4,800" in number.reason.detail


@pytest.mark.parametrize("prefix", AGREE)
def test_paraphrase_and_untouched_sentence_agree(mutation_result, prefix: str) -> None:
    finding = _finding_of(mutation_result, prefix)
    assert finding.verdict == "agree"
    assert finding.sources == ("mutated", "original")


def test_no_false_diverge_outside_the_injected_conflicts(mutation_result) -> None:
    diverging = [f for f in mutation_result.findings if f.verdict == "diverge"]
    assert len(diverging) == len(CONFLICTS)


def test_sentence_only_one_source_states_is_unique(mutation_result) -> None:
    finding = next(f for f in mutation_result.findings
                   if any(c.text.startswith("A local bakery") for c in f.claims))
    assert finding.verdict == "unique"


def test_three_sources_show_majority_and_outlier(real_embedder) -> None:
    result = api.compare([str(FIX / n) for n in ("original.md", "mutated.md", "third.md")], embedder=real_embedder)
    finding = _finding_of(result, "Dock workers at the port of Rotterdam began a strike on 9 March")
    assert finding.verdict == "diverge"
    assert set(finding.sources) == {"original", "mutated", "third"}
    assert dict(finding.sides) == {"2021-03-08": ("original", "third"), "2021-03-09": ("mutated",)}
    from claimcheck.report import result_to_dict

    shown = next(f for f in result_to_dict(result)["findings"] if f["id"] == finding.id)
    assert (shown["majority"], shown["outliers"]) == ("2021-03-08", ["mutated"])


@pytest.fixture(scope="module")
def several_result(real_embedder):
    return api.compare([str(FIX / "original.md"), str(FIX / "several.md")], embedder=real_embedder)


def _subjects(result, prefix: str) -> list[tuple[str, str]]:
    finding = next(f for f in result.findings if any(c.source == "several" and c.text.startswith(prefix)
                                                      for c in f.claims))
    assert finding.verdict == "diverge"
    return [(c.kind, c.subject) for c in finding.conflicts]


def test_two_conflicts_in_one_sentence_are_both_reported(several_result) -> None:
    # a changed count and a changed ordinal in one sentence: two conflicts, neither hidden behind the other
    assert sorted(_subjects(several_result, "The union said 4,800")) == [("number", "number:count:worker"),
                                                                         ("number", "ordinal:day")]


def test_conflicts_in_neighbouring_sentences_are_each_reported(several_result) -> None:
    assert _subjects(several_result, "Dock workers") == [("date", "date")]
    assert _subjects(several_result, "The port authority") == [("entity", "entity:place")]
    assert sum(len(f.conflicts) for f in several_result.findings) == 4


def test_a_unique_fact_inside_a_long_shared_sentence_stays_unique(several_result) -> None:
    tail = "rejected as too low"
    agreed = [c for f in several_result.findings if f.verdict == "agree" for c in f.claims if tail in c.text]
    assert agreed == [], [c.text for c in agreed]
    unique = [f for f in several_result.findings if f.verdict == "unique"
              and any(c.source == "several" and tail in c.text for c in f.claims)]
    assert len(unique) == 1
