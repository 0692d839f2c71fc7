"""``claimcheck compare --fail-on diverge --ignore-updates``: a diverge finding whose every conflict is a likely
update (tests/fixtures/timeline: 14 dead until 2024-04-10, 17 from 2024-04-11) does not fail the run; the report
still lists it as a diverge."""

from __future__ import annotations

from pathlib import Path

import yaml
from typer.testing import CliRunner

from claimcheck.cli import app

FIX = Path(__file__).resolve().parent / "fixtures" / "timeline"


def _compare(cfg: Path, *args: str):  # click Result
    return CliRunner().invoke(app, ["compare", str(FIX), "-c", str(cfg), "--fail-on", "diverge", "-q", *args])


def test_cli_compare_fails_on_a_likely_update_without_the_option(fake_config_file: Path) -> None:
    result = _compare(fake_config_file)
    assert result.exit_code == 1, result.output


def test_cli_compare_ignore_updates_passes_and_still_reports_the_diverge(fake_config_file: Path) -> None:
    result = _compare(fake_config_file, "--ignore-updates")
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(result.stdout)
    assert data["summary"]["diverge"] == 1
    conflicts = [c for f in data["findings"] for c in f.get("conflicts", ())]
    assert [c["likely_update"] for c in conflicts] == [True]


def test_cli_compare_ignore_updates_still_fails_when_values_alternate(fake_config_file: Path) -> None:
    result = _compare(fake_config_file, "--ignore-updates", "--published", "gazette=2024-04-09")
    assert result.exit_code == 1, result.output
