"""check --format json keeps a config hash and the keys that differ from the defaults (issue 15); the full
config, with every regex, stays in compare reports."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from claimcheck.check import config_summary
from claimcheck.cli import app
from claimcheck.config import Config, config_from_dict

runner = CliRunner()
CHECK = Path(__file__).resolve().parent / "fixtures" / "check"


def test_check_json_holds_the_config_hash_and_only_the_changed_keys(tmp_path: Path) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text("embedding:\n  backend: fake\ncluster:\n  link_threshold: 0.7\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(CHECK / "new" / "agree.txt"), "--against", str(CHECK / "corpus"),
                                 "-c", str(cfg), "-f", "json", "--no-cache"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    full = config_from_dict({"embedding": {"backend": "fake"}, "cluster": {"link_threshold": 0.7}}).to_dict()
    assert data["config"] == {"hash": config_summary(full)["hash"],
                              "changed": {"cluster.link_threshold": 0.7, "embedding.backend": "fake"}}
    assert "boilerplate_patterns" not in result.stdout


def test_the_hash_changes_with_any_setting_and_not_otherwise() -> None:
    base = Config().to_dict()
    assert config_summary(base) == {"hash": config_summary(Config().to_dict())["hash"], "changed": {}}
    other = config_from_dict({"extract": {"min_words": 5}}).to_dict()
    assert config_summary(other)["hash"] != config_summary(base)["hash"]
    assert config_summary(other)["changed"] == {"extract.min_words": 5}


def test_compare_reports_keep_the_whole_config(tmp_path: Path, fake_config_file: Path) -> None:
    out = tmp_path / "r.json"
    result = runner.invoke(app, ["compare", str(CHECK / "corpus"), "-c", str(fake_config_file), "--no-cache", "-o",
                                 str(out)])
    assert result.exit_code == 0, result.output
    config = json.loads(out.read_text(encoding="utf-8"))["config"]
    assert config["extract"]["boilerplate_patterns"] == Config().extract.boilerplate_patterns
