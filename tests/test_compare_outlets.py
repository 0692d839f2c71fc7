"""Four outlets on one ferry accident (tests/fixtures/outlets), real model: ``outlier.md`` differs from the
three others on the date, the death toll, the number of survivors and the port. Every conflict is its own
typed entry naming both values, the majority and the outlier; the sentences the outlier states like the
others agree; ``check`` lists every conflict of the outlier in one run."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck import api
from claimcheck.cli import app
from claimcheck.report import result_to_dict

from builders import finding_with

pytestmark = pytest.mark.slow

FIX = Path(__file__).resolve().parent / "fixtures" / "outlets"
MAJORITY = ("daily", "gazette", "wire")


@pytest.fixture(scope="module")
def outlets(real_embedder):
    return api.compare([str(FIX)], embedder=real_embedder)


def _conflicts(finding) -> dict[str, tuple]:
    return {c.subject: (c.kind, [(s.value, s.sources) for s in c.sides], c.majority, c.outliers)
            for c in finding.conflicts}


def test_one_sentence_with_a_changed_date_and_toll_holds_both_conflicts(outlets) -> None:
    finding = finding_with(outlets, "outlier", "capsized")
    assert finding.verdict == "diverge"
    assert _conflicts(finding) == {
        "date": ("date", [("2024-03-12", MAJORITY), ("2024-03-13", ("outlier",))], "2024-03-12", ("outlier",)),
        "number:count:person:dead": ("number", [("14 people dead", MAJORITY), ("17 people dead", ("outlier",))],
                                     "14 people dead", ("outlier",)),
    }


def test_each_changed_fact_in_its_own_sentence_is_reported_with_its_outlier(outlets) -> None:
    survivors = _conflicts(finding_with(outlets, "outlier", "survivors"))
    assert survivors == {"number:count:person:survived": (
        "number", [("63 survivors", MAJORITY), ("36 survivors", ("outlier",))], "63 survivors", ("outlier",))}
    port = finding_with(outlets, "outlier", "port of")
    assert [(c.kind, [(s.value, s.sources) for s in c.sides], c.outliers) for c in port.conflicts] == [
        ("entity", [("Mytilene", ("gazette", "wire")), ("Chios", ("outlier",))], ("outlier",))]


def test_the_conflicts_spans_point_at_the_values_in_each_article(outlets) -> None:
    texts = {a.id: a.text for a in outlets.articles}
    for finding in outlets.findings:
        for conflict in finding.conflicts:
            for side in conflict.sides:
                for span in side.spans:
                    assert texts[span.source][span.start:span.end] == span.text


def test_a_statement_the_outlier_shares_agrees(outlets) -> None:
    finding = finding_with(outlets, "outlier", "national mourning")
    assert (finding.verdict, finding.sources) == ("agree", ("daily", "outlier", "wire"))
    assert len([f for f in outlets.findings if f.verdict == "diverge"]) == 3


def test_report_v2_lists_every_conflict_with_sides_majority_and_outliers(outlets) -> None:
    data = result_to_dict(outlets)
    assert data["format_version"] == 2
    shown = next(f for f in data["findings"] if f["id"] == finding_with(outlets, "outlier", "capsized").id)
    assert [(c["kind"], c["detail"], c["majority"], c["outliers"]) for c in shown["conflicts"]] == [
        ("date", "2024-03-12 vs 2024-03-13", "2024-03-12", ["outlier"]),
        ("number", "14 people dead vs 17 people dead", "14 people dead", ["outlier"])]
    assert shown["reason"] == {"kind": "date", "detail": "2024-03-12 vs 2024-03-13"}
    pair_kinds = {tuple(sorted(c["kind"] for c in p.get("conflicts", []))) for p in shown["pairs"]}
    assert ("date", "number") in pair_kinds


def test_check_lists_every_conflict_of_the_new_article_in_one_run() -> None:
    outlier = FIX / "outlier.md"
    others = [str(FIX / f"{name}.md") for name in ("wire", "daily", "gazette")]
    result = CliRunner().invoke(app, ["check", str(outlier), "--against", *others])
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == [
        f"{outlier}:6:55: CC001 date differs from published: 'March 13, 2024' here vs 'March 12, 2024' in "
        "daily, gazette, wire",
        f"{outlier}:6:79: CC002 number differs from published: '17 people' here vs '14 people' in daily, gazette, wire",
        f"{outlier}:8:17: CC002 number differs from published: '36 survivors' here vs '63 survivors' in daily, "
        "gazette, wire",
        f"{outlier}:10:32: CC003 name differs from published: 'Chios' here vs 'Mytilene' in gazette, wire",
        "Found 4 findings in 1 new article.",
    ]
