"""Renamed config keys (claimcheck/config.py ``DEPRECATED_KEYS``): the old name is still read, with a warning the
run reports (the library never prints it); both names at once is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.config import Config, config_from_dict, load_config
from claimcheck.errors import ConfigError


def test_agree_threshold_is_read_as_min_similarity_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "old.yaml"
    path.write_text("compare:\n  agree_threshold: 0.55\n", encoding="utf-8")
    cfg = load_config(path)
    assert cfg.compare.min_similarity == 0.55
    assert cfg.warnings == (f"{path}: 'compare.agree_threshold' is deprecated, use 'compare.min_similarity'",)


def test_new_key_gives_no_warning_and_reports_show_no_warnings_key() -> None:
    cfg = config_from_dict({"compare": {"min_similarity": 0.5}})
    assert cfg.warnings == ()
    shown = cfg.to_dict()
    assert "warnings" not in shown and "agree_threshold" not in shown["compare"]
    assert shown["compare"]["min_similarity"] == 0.5


def test_old_and_new_name_together_are_refused() -> None:
    with pytest.raises(ConfigError, match="agree_threshold.*min_similarity"):
        config_from_dict({"compare": {"agree_threshold": 0.5, "min_similarity": 0.6}})


def test_warnings_is_not_a_config_key() -> None:
    with pytest.raises(ConfigError, match="unknown config key 'warnings'"):
        config_from_dict({"warnings": ["x"]})


def test_compare_run_reports_the_deprecated_key(tmp_path: Path) -> None:
    from claimcheck import api

    for name, text in (("a.md", "The council approved the budget on Monday."),
                       ("b.md", "The council approved the budget on Tuesday.")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    cfg = config_from_dict({"embedding": {"backend": "fake"}, "compare": {"agree_threshold": 0.62}})
    result = api.compare([str(tmp_path / "a.md"), str(tmp_path / "b.md")], config=cfg)
    assert any("'compare.agree_threshold' is deprecated" in w for w in result.warnings)


def test_link_floor_is_the_threshold_less_the_largest_anchor_bonus() -> None:
    cluster = Config().cluster
    assert cluster.link_floor == pytest.approx(cluster.link_threshold - cluster.max_anchors * cluster.anchor_bonus)
