"""Baselines: a finding accepted once stays accepted wherever its lines move; stale entries are reported."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "check"
CORPUS = FIXTURES / "corpus"
CONTRADICT = FIXTURES / "new" / "contradict.txt"


def run(*args: str):  # click Result
    return CliRunner().invoke(app, ["check", *args])


@pytest.fixture
def article(tmp_path: Path) -> Path:
    p = tmp_path / "contradict.txt"
    shutil.copy(CONTRADICT, p)
    return p


def test_a_written_baseline_suppresses_the_same_findings_after_lines_were_inserted_above(
        article: Path, tmp_path: Path, fake_config_file: Path) -> None:
    baseline = tmp_path / "baseline.json"
    first = run(str(article), "--against", str(CORPUS), "-c", str(fake_config_file),
                "--write-baseline", str(baseline))
    assert first.exit_code == 0, first.output
    assert f"wrote {baseline}: 2 finding(s) accepted" in first.stderr
    entries = json.loads(baseline.read_text(encoding="utf-8"))["entries"]
    assert [e["code"] for e in sorted(entries, key=lambda e: e["code"])] == ["CC001", "CC002"]

    title, rest = article.read_text(encoding="utf-8").split("\n", 1)
    article.write_text(f"{title}\n\nUpdated on Tuesday.\n\nA correction was added below.\n{rest}", encoding="utf-8")
    second = run(str(article), "--against", str(CORPUS), "-c", str(fake_config_file), "--baseline", str(baseline),
                 "--format", "json")
    assert second.exit_code == 0, second.output
    data = json.loads(second.stdout)
    assert data["check"]["issues"] == []
    assert sorted(i["fingerprint"] for i in data["check"]["suppressed"]) == sorted(e["fingerprint"] for e in entries)
    moved = article.read_text(encoding="utf-8")
    date_at = moved.index("March 5, 2021")
    date_issue = next(i for i in data["check"]["suppressed"] if i["code"] == "CC001")
    assert date_issue["line"] == moved.count("\n", 0, date_at) + 1  # the new line, four below the old one
    assert data["check"]["baseline"] == {"path": str(baseline), "suppressed": 2, "stale": []}
    text = run(str(article), "--against", str(CORPUS), "-c", str(fake_config_file), "--baseline", str(baseline))
    assert text.exit_code == 0
    assert text.stdout.endswith(", 2 suppressed by the baseline.\n")


def test_a_new_contradiction_is_not_covered_by_an_old_baseline(article: Path, tmp_path: Path,
                                                               fake_config_file: Path) -> None:
    baseline = tmp_path / "baseline.json"
    assert run(str(article), "--against", str(CORPUS), "-c", str(fake_config_file),
               "--write-baseline", str(baseline)).exit_code == 0
    article.write_text(article.read_text(encoding="utf-8").replace("60 million", "70 million"), encoding="utf-8")
    result = run(str(article), "--against", str(CORPUS), "-c", str(fake_config_file), "--baseline", str(baseline))
    assert result.exit_code == 1
    assert [ln.split(": ")[1].split()[0] for ln in result.stdout.splitlines()[:-1]] == ["CC002"]
    assert "'70 million dollars' here" in result.stdout
    assert f"claimcheck: note: {baseline}: 1 stale baseline entry (no longer found; remove them): " in result.stderr


def test_stale_entries_are_in_the_result_dict(article: Path, tmp_path: Path, fake_config_file: Path) -> None:
    baseline = tmp_path / "baseline.json"
    run(str(article), "--against", str(CORPUS), "-c", str(fake_config_file), "--write-baseline", str(baseline))
    article.write_text(article.read_text(encoding="utf-8").replace("March 5", "March 3"), encoding="utf-8")
    result = run(str(article), "--against", str(CORPUS), "-c", str(fake_config_file), "--baseline", str(baseline),
                 "-f", "json")
    assert result.exit_code == 0
    stale = json.loads(result.stdout)["check"]["baseline"]["stale"]
    assert [e["code"] for e in stale] == ["CC001"]


@pytest.mark.parametrize(("content", "problem"), [
    ("{not json", "baseline is not valid JSON (line 1, column 2) [baseline-invalid]"),
    ('{"entries": []}', "not a claimcheck baseline (expected claimcheck_baseline: 1) [baseline-invalid]"),
    ('{"claimcheck_baseline": 1, "entries": [{"code": "CC001"}]}',
     "baseline entries must be a list of objects with a fingerprint [baseline-invalid]"),
])
def test_a_malformed_baseline_exits_2_with_one_line(tmp_path: Path, fake_config_file: Path, content: str,
                                                    problem: str) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text(content, encoding="utf-8")
    result = run(str(CONTRADICT), "--against", str(CORPUS), "-c", str(fake_config_file), "--baseline", str(baseline))
    assert result.exit_code == 2
    assert result.stderr == f"claimcheck: error: {baseline}: {problem}\n"


def test_a_missing_baseline_exits_2(tmp_path: Path, fake_config_file: Path) -> None:
    baseline = tmp_path / "nope.json"
    result = run(str(CONTRADICT), "--against", str(CORPUS), "-c", str(fake_config_file), "--baseline", str(baseline))
    assert result.exit_code == 2
    assert result.stderr == f"claimcheck: error: {baseline}: baseline file not found [baseline-missing]\n"


def test_the_baseline_file_is_deterministic(article: Path, tmp_path: Path, fake_config_file: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    for out in (a, b):
        run(str(article), "--against", str(CORPUS), "-c", str(fake_config_file), "--write-baseline", str(out))
    assert a.read_bytes() == b.read_bytes()
