"""CLI side of the performance work: --cache-dir / --no-cache on compare, and quiet progress when piped."""

from __future__ import annotations

import io
from pathlib import Path

from typer.testing import CliRunner

from claimcheck.cache import DB_NAME
from claimcheck.cli import _ProgressBars, app


def _runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2 keeps stderr apart already
        return CliRunner()


def test_compare_with_cache_dir_writes_the_cache_and_reruns_identically(seeds_dir: Path, fake_config_file: Path,
                                                                         tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    args = ["compare", str(seeds_dir), "--config", str(fake_config_file), "--cache-dir", str(cache)]
    first = _runner().invoke(app, [*args, "-o", str(tmp_path / "a.yaml")])
    second = _runner().invoke(app, [*args, "-o", str(tmp_path / "b.yaml")])
    assert (first.exit_code, second.exit_code) == (0, 0)
    assert (cache / DB_NAME).is_file()
    assert (tmp_path / "a.yaml").read_bytes() == (tmp_path / "b.yaml").read_bytes()


def test_compare_uses_the_user_cache_dir_by_default_and_none_with_no_cache(seeds_dir: Path, fake_config_file: Path,
                                                                           tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    args = ["compare", str(seeds_dir), "--config", str(fake_config_file), "-o", str(tmp_path / "r.yaml")]
    result = _runner().invoke(app, [*args, "--no-cache"])
    assert result.exit_code == 0
    assert not (tmp_path / "xdg").exists()
    result = _runner().invoke(app, args)
    assert result.exit_code == 0
    assert (tmp_path / "xdg" / "claimcheck" / DB_NAME).is_file()


def test_no_progress_output_when_stderr_is_not_a_terminal(seeds_dir: Path, fake_config_file: Path,
                                                          tmp_path: Path) -> None:
    result = _runner().invoke(app, ["compare", str(seeds_dir), "--config", str(fake_config_file), "--no-cache",
                                    "-o", str(tmp_path / "r.yaml")])
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("2 sources, ") and lines[1] == f"wrote {tmp_path / 'r.yaml'}"


def test_progress_bars_draw_every_stage_and_close_after_compare(monkeypatch) -> None:
    err = io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    bars = _ProgressBars(True)
    for done in range(4):
        bars("extract", done, 3)
    bars("embed", 0, 10)
    bars("embed", 10, 10)
    bars("compare", 1, 1)
    assert bars._bars is None  # closed
    text = err.getvalue()
    assert "extract" in text and "3/3" in text and "10/10" in text
    bars("extract", 1, 3)  # after close: silent
    assert err.getvalue() == text


def test_quiet_progress_never_draws(monkeypatch) -> None:
    err = io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    bars = _ProgressBars(False)
    bars("extract", 1, 2)
    bars("compare", 1, 1)
    assert err.getvalue() == ""
