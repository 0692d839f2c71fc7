"""The compare command end to end with the fake embedder: outputs, exit codes, determinism."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from claimcheck import __version__
from claimcheck.cli import app

runner = CliRunner()

A = """---
title: Summit set
published: 2019-01-21
---
The second summit between the two leaders is scheduled for February 2019 in Hanoi.
Officials said 28,500 troops remain stationed in the south of the peninsula.
The weather in the capital was cold and grey all week long.
"""
B = """---
title: Summit moved
published: 2019-01-22
---
The second summit between the two leaders is scheduled for March 2019 in Hanoi.
Officials said 28,500 troops remain stationed in the south of the peninsula.
A new bakery opened near the river to long queues of customers.
"""


def _corpus(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.md").write_text(A, encoding="utf-8")
    (d / "b.md").write_text(B, encoding="utf-8")
    return d


def test_version_prints_the_package_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"claimcheck {__version__}\n"


def test_help_lists_compare() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "compare" in result.stdout


def test_missing_input_exits_2_with_one_line_naming_it(tmp_path: Path, fake_config_file: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = runner.invoke(app, ["compare", str(missing), str(missing), "--config", str(fake_config_file)])
    assert result.exit_code == 2
    assert result.stderr == f"claimcheck: error: {missing}: no such file or directory [input-missing]\n"
    assert "Traceback" not in result.output


def test_compare_without_output_prints_yaml_report_to_stdout(tmp_path: Path, fake_config_file: Path) -> None:
    result = runner.invoke(app, ["compare", str(_corpus(tmp_path)), "--config", str(fake_config_file)])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(result.stdout)
    assert data["format_version"] == 2
    assert [s["id"] for s in data["sources"]] == ["a", "b"]
    assert set(data["summary"]) == {"agree", "diverge", "unique"}
    assert sum(data["summary"].values()) == len(data["findings"])
    assert "2 sources" in result.stderr


def test_compare_flags_changed_date_as_diverge_and_same_troop_count_as_agree(tmp_path: Path,
                                                                            fake_config_file: Path) -> None:
    out = tmp_path / "r.json"
    result = runner.invoke(app, ["compare", str(_corpus(tmp_path)), "--config", str(fake_config_file), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    by_text = {c["text"]: f for f in data["findings"] for c in f["claims"]}
    summit = by_text["The second summit between the two leaders is scheduled for February 2019 in Hanoi."]
    assert summit["verdict"] == "diverge"
    assert summit["reason"] == {"kind": "date", "detail": "2019-02 vs 2019-03"}
    troops = by_text["Officials said 28,500 troops remain stationed in the south of the peninsula."]
    assert troops["verdict"] == "agree"
    assert by_text["The weather in the capital was cold and grey all week long."]["verdict"] == "unique"


def test_every_claim_span_slices_its_source_file(tmp_path: Path, fake_config_file: Path) -> None:
    out = tmp_path / "r.yaml"
    runner.invoke(app, ["compare", str(_corpus(tmp_path)), "--config", str(fake_config_file), "-o", str(out)])
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    paths = {s["id"]: s["path"] for s in data["sources"]}
    for finding in data["findings"]:
        for c in finding["claims"]:
            assert Path(paths[c["source"]]).read_text(encoding="utf-8")[c["start"]:c["end"]] == c["text"]


def test_fail_on_diverge_exits_1_when_a_finding_diverges(tmp_path: Path, fake_config_file: Path) -> None:
    result = runner.invoke(app, ["compare", str(_corpus(tmp_path)), "--config", str(fake_config_file),
                                 "--fail-on", "diverge", "-q"])
    assert result.exit_code == 1
    assert result.stderr == ""


def test_same_input_gives_byte_identical_yaml_and_json(tmp_path: Path, fake_config_file: Path) -> None:
    d = _corpus(tmp_path)
    outs = []
    for i in range(2):
        y, j = tmp_path / f"r{i}.yaml", tmp_path / f"r{i}.json"
        args = ["compare", str(d / "b.md"), str(d / "a.md")] if i else ["compare", str(d)]
        runner.invoke(app, [*args, "--config", str(fake_config_file), "-o", str(y), "-o", str(j)])
        outs.append((y.read_bytes(), j.read_bytes()))
    assert outs[0][1] != b""
    assert outs[0][1].replace(str(d).encode(), b"") == outs[1][1].replace(str(d).encode(), b"")
    assert outs[0][0].replace(str(d).encode(), b"") == outs[1][0].replace(str(d).encode(), b"")


def test_published_override_sets_date_and_origin(tmp_path: Path, fake_config_file: Path) -> None:
    result = runner.invoke(app, ["compare", str(_corpus(tmp_path)), "--config", str(fake_config_file),
                                 "--published", "a=2019-02-01"])
    assert result.exit_code == 0, result.output
    sources = {s["id"]: s for s in yaml.safe_load(result.stdout)["sources"]}
    assert (sources["a"]["published"], sources["a"]["published_origin"]) == ("2019-02-01", "cli")
    assert (sources["b"]["published"], sources["b"]["published_origin"]) == ("2019-01-22", "front-matter")


def test_unknown_output_extension_fails_before_work(tmp_path: Path, fake_config_file: Path) -> None:
    target = tmp_path / "r.docx"
    result = runner.invoke(app, ["compare", str(_corpus(tmp_path)), "--config", str(fake_config_file),
                                 "-o", str(target)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"claimcheck: error: {target}: unknown report format")
    assert not target.exists()
