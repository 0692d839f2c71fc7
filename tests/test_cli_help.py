"""The CLI's rough edges (issue 15): help placeholders are metavars, not Python types; compare's -o help
names every format; required arguments show as required; extract has --cache-dir/--no-cache."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.report import EXTENSIONS

runner = CliRunner()
COMMANDS = ["compare", "check", "extract", "index"]
SUMMIT = Path(__file__).resolve().parent / "fixtures" / "summit"


def _help(command: str) -> str:
    result = runner.invoke(app, [command, "--help"], terminal_width=200)
    assert result.exit_code == 0
    return result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_metavars_never_python_types(command: str) -> None:
    text = _help(command)
    assert re.findall(r"<[a-z_]+(?:\[[a-z_]+\])?(?: range)?>", text) == []
    assert "<list[str]>" not in text and "<str>" not in text and "<int range>" not in text


def test_every_option_that_takes_a_value_shows_a_metavar() -> None:
    for command in COMMANDS:
        for line in _help(command).splitlines():
            m = re.match(r"\s+(?:-\w, )?(--[\w-]+) (\S+)", line)
            if m:
                assert re.fullmatch(r"[A-Z][A-Z=_.]*", m.group(2)), (command, line)


def test_usage_lines_mark_required_and_optional_arguments() -> None:
    assert "Usage: claimcheck compare [OPTIONS] [PATH...]" in _help("compare")
    assert "Usage: claimcheck extract [OPTIONS] PATH..." in _help("extract")
    assert "Usage: claimcheck index [OPTIONS] PATH..." in _help("index")
    assert "Usage: claimcheck check [OPTIONS] NEW... --against CORPUS..." in _help("check")
    assert re.search(r"PATH\.\.\. +Articles: .*\[required\]", " ".join(_help("extract").split()))
    assert "Required unless --store is given." in " ".join(_help("compare").split())


def test_compare_output_help_names_every_report_extension() -> None:
    text = " ".join(_help("compare").split())
    assert all(ext in text for ext in EXTENSIONS if ext != ".htm")


@pytest.mark.parametrize("command", ["compare", "check", "extract", "index"])
def test_every_command_takes_headlines_and_published(command: str) -> None:
    text = _help(command)
    assert "--headlines" in text and "--published SOURCE=DATE" in text


def test_extract_writes_the_given_cache_dir_and_none_with_no_cache(tmp_path: Path) -> None:
    cached = runner.invoke(app, ["extract", str(SUMMIT), "--cache-dir", str(tmp_path / "c"), "-q"])
    assert cached.exit_code == 0, cached.output
    assert sorted(p.name for p in (tmp_path / "c").iterdir() if p.suffix == ".sqlite3")
    none = runner.invoke(app, ["extract", str(SUMMIT), "--no-cache", "-q"], env={"XDG_CACHE_HOME": str(tmp_path / "x")})
    assert none.exit_code == 0 and not (tmp_path / "x").exists()
    assert none.stdout == cached.stdout


def test_extract_fills_the_cache_that_compare_reads(tmp_path: Path, fake_config_file: Path, monkeypatch) -> None:
    runner.invoke(app, ["extract", str(SUMMIT), "--cache-dir", str(tmp_path / "c"), "-q"])
    from claimcheck import pipeline

    def refuse(articles, **kwargs):
        for _ in articles:
            raise AssertionError("extracted again although extract cached the claims")
        return iter(())

    monkeypatch.setattr(pipeline, "extract_articles", refuse)
    result = runner.invoke(app, ["compare", str(SUMMIT), "--cache-dir", str(tmp_path / "c"), "-c",
                                 str(fake_config_file), "-q"])
    assert result.exit_code == 0, result.output
