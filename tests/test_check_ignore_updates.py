"""``claimcheck check --ignore-updates``: a new article that states the later value of a likely update (its toll
changed once over publication time, tests/fixtures/timeline) is a warning, not an error; without the option, or
when the values alternate over time, it fails as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck import api
from claimcheck.cli import app
from claimcheck.config import config_from_dict

FIX = Path(__file__).resolve().parent / "fixtures" / "timeline"
NEW = FIX / "gazette.md"  # the last outlet: 17 dead, like every outlet after 2024-04-10
CORPUS = [str(p) for p in sorted(FIX.glob("*.md")) if p != NEW]


def _run(*args: str):  # click Result
    return CliRunner().invoke(app, ["check", str(NEW), "--against", *CORPUS, *args])


@pytest.fixture
def cfg(fake_config_file: Path) -> str:
    return str(fake_config_file)


def test_check_ignore_updates_likely_update_fails_without_the_option(cfg: str) -> None:
    result = _run("-c", cfg)
    assert result.exit_code == 1, result.output
    assert "CC002 number differs from published" in result.stdout
    assert "likely update" not in result.stdout


def test_check_ignore_updates_makes_a_likely_update_a_warning_and_exits_0(cfg: str) -> None:
    result = _run("-c", cfg, "--ignore-updates")
    assert result.exit_code == 0, result.output
    assert "(likely update: 14 people dead until 2024-04-10, 17 people dead from 2024-04-11)" in result.stdout
    checked = api.check([str(NEW)], against=CORPUS, config=config_from_dict({"embedding": {"backend": "fake"}}),
                        ignore_updates=True)
    assert checked.issues and {i.level for i in checked.issues} == {"warning"}
    assert not checked.failed


def test_check_ignore_updates_keeps_alternating_values_an_error() -> None:
    config = config_from_dict({"embedding": {"backend": "fake"}})
    # the new article's 17 comes before a 14 in publication order: the values alternate, no update
    published = {"herald": "2024-04-20"}
    checked = api.check([str(NEW)], against=CORPUS, config=config, published=published, ignore_updates=True)
    assert checked.failed
    assert {i.level for i in checked.issues if i.code == "CC002"} == {"error"}
