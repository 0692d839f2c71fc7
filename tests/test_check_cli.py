"""``claimcheck check`` on the command line: exit codes, the ruff-like text lines, formats, outputs.

The fixture corpus (tests/fixtures/check/corpus) reports a council vote on a harbour bridge;
``new/agree.txt`` restates it, ``new/contradict.txt`` changes its date and its cost. The fake
embedder clusters the restated sentences because they share most of their words.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from claimcheck.cli import app

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "check"
CORPUS = FIXTURES / "corpus"
AGREE = FIXTURES / "new" / "agree.txt"
CONTRADICT = FIXTURES / "new" / "contradict.txt"


def position(path: Path, words: str) -> tuple[int, int]:
    """1-based (line, column) of the first occurrence of ``words`` in a file."""
    text = path.read_text(encoding="utf-8")
    offset = text.index(words)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def run(*args: str, env: dict[str, str] | None = None):  # click Result
    return CliRunner().invoke(app, ["check", *args], env=env)


@pytest.fixture
def cfg(fake_config_file: Path) -> str:
    return str(fake_config_file)


def test_an_agreeing_article_exits_0_and_says_all_checks_passed(cfg: str) -> None:
    result = run(str(AGREE), "--against", str(CORPUS), "-c", cfg)
    assert result.exit_code == 0, result.output
    n_corpus = len(list(CORPUS.glob("*.txt")))
    assert result.stdout == f"All checks passed: 1 new article against {n_corpus} published articles.\n"


def test_a_contradicting_article_exits_1_and_points_at_the_changed_date_and_number(cfg: str) -> None:
    result = run(str(CONTRADICT), "--against", str(CORPUS), "-c", cfg)
    assert result.exit_code == 1, result.output
    date_line, date_col = position(CONTRADICT, "March 5, 2021")
    cost_line, cost_col = position(CONTRADICT, "60 million dollars")
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{CONTRADICT}:{date_line}:{date_col}: CC001 date differs from published: "
                               f"'March 5, 2021' here vs 'March 3, 2021' in harbour_bridge_council")
    assert lines[1] == (f"{CONTRADICT}:{cost_line}:{cost_col}: CC002 number differs from published: "
                        f"'60 million dollars' here vs '45 million dollars' in harbour_bridge_council")
    assert lines[2:] == ["Found 2 findings in 1 new article."]


def test_a_missing_new_article_exits_2_with_one_line(cfg: str, tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = run(str(missing), "--against", str(CORPUS), "-c", cfg)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"claimcheck: error: {missing}: no such file or directory [input-missing]\n"


def test_a_missing_corpus_exits_2_with_one_line(cfg: str, tmp_path: Path) -> None:
    result = run(str(AGREE), "--against", str(tmp_path / "corpus"), "-c", cfg)
    assert result.exit_code == 2
    assert result.stderr == f"claimcheck: error: {tmp_path / 'corpus'}: no such file or directory [input-missing]\n"


def test_without_against_it_is_a_usage_error(cfg: str) -> None:
    result = run(str(AGREE), "-c", cfg)
    assert result.exit_code == 2
    assert result.stderr == ("claimcheck: error: give the published corpus: claimcheck check NEW... --against "
                             "CORPUS... [usage-corpus]\n")


def test_an_unknown_option_is_a_usage_error_not_an_article(cfg: str) -> None:
    result = run(str(AGREE), "--agianst", str(CORPUS), "-c", cfg)
    assert result.exit_code == 2
    assert result.stderr == "claimcheck: error: no such option: --agianst [usage-option]\n"


def test_exit_zero_reports_the_findings_but_exits_0(cfg: str) -> None:
    failing = run(str(CONTRADICT), "--against", str(CORPUS), "-c", cfg)
    result = run(str(CONTRADICT), "--against", str(CORPUS), "-c", cfg, "--exit-zero")
    assert failing.exit_code == 1
    assert result.exit_code == 0
    assert result.stdout == failing.stdout


def test_against_takes_many_paths_and_the_equals_form(cfg: str) -> None:
    files = sorted(str(p) for p in CORPUS.glob("*.txt"))
    spread = run(str(CONTRADICT), "--against", *files, "-c", cfg)
    equals = run(str(CONTRADICT), f"--against={CORPUS}", "-c", cfg)
    assert spread.exit_code == equals.exit_code == 1
    assert spread.stdout == equals.stdout


def test_against_equals_takes_one_path_so_new_files_may_come_last_as_pre_commit_passes_them(cfg: str) -> None:
    first = run(f"--against={CORPUS}", str(AGREE), str(CONTRADICT), "-c", cfg, "-f", "json")
    last = run(str(AGREE), str(CONTRADICT), "--against", str(CORPUS), "-c", cfg, "-f", "json")
    assert first.exit_code == last.exit_code == 1
    assert json.loads(first.stdout)["new_sources"] == ["agree", "contradict"]
    assert first.stdout == last.stdout


def test_fail_on_unique_also_reports_claims_no_published_article_backs(cfg: str) -> None:
    result = run(str(CONTRADICT), "--against", str(CORPUS), "-c", cfg, "--fail-on", "unique")
    assert result.exit_code == 1
    line, col = position(CONTRADICT, "Residents gathered")
    assert (f"{CONTRADICT}:{line}:{col}: CC100 no published article backs this claim: "
            "'Residents gathered outside the town hall before the vote.'") in result.stdout.splitlines()
    default = run(str(CONTRADICT), "--against", str(CORPUS), "-c", cfg)
    assert "CC100" not in default.stdout


def test_fail_on_none_lists_divergences_and_exits_0(cfg: str) -> None:
    result = run(str(CONTRADICT), "--against", str(CORPUS), "-c", cfg, "--fail-on", "none")
    assert result.exit_code == 0
    assert [ln.split(": ")[1].split()[0] for ln in result.stdout.splitlines()[:-1]] == ["CC001", "CC002"]


def test_fail_on_comes_from_the_config_when_not_given(tmp_path: Path) -> None:
    cfg = tmp_path / "ci.yaml"
    cfg.write_text("embedding:\n  backend: fake\ncheck:\n  fail_on: none\n", encoding="utf-8")
    assert run(str(CONTRADICT), "--against", str(CORPUS), "-c", str(cfg)).exit_code == 0
    assert run(str(CONTRADICT), "--against", str(CORPUS), "-c", str(cfg), "--fail-on", "diverge").exit_code == 1


def test_a_bad_fail_on_in_the_config_exits_2(tmp_path: Path) -> None:
    cfg = tmp_path / "ci.yaml"
    cfg.write_text("embedding:\n  backend: fake\ncheck:\n  fail_on: sometimes\n", encoding="utf-8")
    result = run(str(AGREE), "--against", str(CORPUS), "-c", str(cfg))
    assert result.exit_code == 2
    assert result.stderr == (f"claimcheck: error: {cfg}: check.fail_on must be one of diverge, unique, none, "
                             f"got 'sometimes' [config-value]\n")


def test_the_shipped_ci_config_is_a_valid_config_with_the_ci_defaults() -> None:
    from claimcheck.config import Config, load_config

    path = Path(__file__).resolve().parent.parent / "configs" / "ci.yaml"
    cfg = load_config(path)
    assert cfg.check.fail_on == "diverge"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert set(data) <= set(Config().to_dict())


def test_a_new_file_inside_the_corpus_directory_counts_as_new_only(cfg: str, tmp_path: Path) -> None:
    corpus = tmp_path / "published"
    shutil.copytree(CORPUS, corpus)
    new = corpus / "contradict.txt"
    shutil.copy(CONTRADICT, new)
    result = run(str(new), "--against", str(corpus), "-c", cfg)
    assert result.exit_code == 1
    assert all(ln.startswith(f"{new}:") for ln in result.stdout.splitlines()[:-1])


def test_json_format_prints_the_result_dict_with_new_sources(cfg: str) -> None:
    result = run(str(CONTRADICT), "--against", str(CORPUS), "-c", cfg, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["format_version"] == 2
    assert data["new_sources"] == ["contradict"]
    assert [i["code"] for i in data["check"]["issues"]] == ["CC001", "CC002"]
    assert all("contradict" in f["sources"] for f in data["findings"])
    assert data["check"]["failed"] is True


def test_outputs_follow_their_extensions_and_match_stdout_formats(cfg: str, tmp_path: Path) -> None:
    outs = {ext: tmp_path / f"report{ext}" for ext in (".sarif", ".sarif.json", ".xml", ".json", ".txt")}
    args = [a for p in outs.values() for a in ("-o", str(p))]
    result = run(str(CONTRADICT), "--against", str(CORPUS), "-c", cfg, *args)
    assert result.exit_code == 1
    assert outs[".txt"].read_text(encoding="utf-8") == result.stdout
    assert json.loads(outs[".sarif"].read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert outs[".sarif.json"].read_text(encoding="utf-8") == outs[".sarif"].read_text(encoding="utf-8")
    assert json.loads(outs[".json"].read_text(encoding="utf-8"))["new_sources"] == ["contradict"]
    assert outs[".xml"].read_text(encoding="utf-8").startswith("<?xml")
    for path in outs.values():
        assert f"wrote {path}" in result.stderr


def test_an_unknown_output_extension_exits_2_before_any_work(cfg: str, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    result = run(str(CONTRADICT), "--against", str(CORPUS), "-c", cfg, "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"claimcheck: error: {out}: unknown report format (use one of ")
    assert not out.exists()


def test_reports_are_byte_identical_across_runs(cfg: str) -> None:
    for fmt in ("text", "json", "sarif", "junit", "github"):
        first = run(str(CONTRADICT), "--against", str(CORPUS), "-c", cfg, "-f", fmt).stdout
        assert run(str(CONTRADICT), "--against", str(CORPUS), "-c", cfg, "-f", fmt).stdout == first


def test_github_format_prints_annotations_and_appends_a_step_summary(cfg: str, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n", encoding="utf-8")
    result = run(str(CONTRADICT), "--against", str(CORPUS), "-c", cfg, "-f", "github",
                 env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1
    line, col = position(CONTRADICT, "March 5, 2021")
    end_col = col + len("March 5, 2021")
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"::error file={CONTRADICT},line={line},col={col},endLine={line},endColumn={end_col},"
                            f"title=claimcheck CC001 date-conflict::date differs from published")
    assert result.stdout.splitlines()[-1] == "::notice title=claimcheck::2 finding(s) in 1 new article(s)"
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# earlier step\n## claimcheck\n")
    assert f"| `{CONTRADICT}:{line}:{col}` | CC001 |" in text


def test_github_annotations_escape_commas_colons_and_newlines() -> None:
    from claimcheck.report.github import annotation

    issue = {"path": "a,b:c.txt", "line": 2, "column": 3, "end_line": 2, "end_column": 9, "code": "CC002",
             "rule": "number-conflict", "level": "error", "message": "50% more\nthan before"}
    assert annotation(issue) == ("::error file=a%2Cb%3Ac.txt,line=2,col=3,endLine=2,endColumn=9,"
                                 "title=claimcheck CC002 number-conflict::50%25 more%0Athan before")


def test_junit_has_one_testcase_per_new_article_and_fails_the_contradicting_one(cfg: str) -> None:
    import xml.etree.ElementTree as ET

    result = run(str(AGREE), str(CONTRADICT), "--against", str(CORPUS), "-c", cfg, "-f", "junit")
    assert result.exit_code == 1
    root = ET.fromstring(result.stdout)
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert set(cases) == {str(AGREE), str(CONTRADICT)}
    assert cases[str(AGREE)].find("failure") is None
    failure = cases[str(CONTRADICT)].find("failure")
    assert failure is not None and failure.get("type") == "CC001,CC002"
    line, col = position(CONTRADICT, "March 5, 2021")
    assert f"{CONTRADICT}:{line}:{col}: CC001" in failure.text
    assert root.get("tests") == "2" and root.get("failures") == "1"


def test_a_negated_statement_says_what_is_here_first_then_what_is_published(cfg: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "council.txt").write_text("The city council approved the harbour bridge repair budget at its meeting "
                                        "on Monday evening.\n", encoding="utf-8")
    new = tmp_path / "new.txt"
    new.write_text("The city council did not approve the harbour bridge repair budget at its meeting on Monday "
                   "evening.\n", encoding="utf-8")
    result = run(str(new), "--against", str(corpus), "-c", cfg)
    assert result.exit_code == 1
    assert result.stdout == (f"{new}:1:22: CC004 polarity differs from published: negated ('not') here vs affirmed "
                             "in council\nFound 1 finding in 1 new article.\n")
