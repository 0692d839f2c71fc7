"""configs/default.yaml lists every config key with its built-in default (scripts/write_default_config.py writes it)."""

from __future__ import annotations

from pathlib import Path

import yaml


def test_default_config_file_mirrors_builtin_defaults() -> None:
    from claimcheck.config import Config

    path = Path(__file__).resolve().parent.parent / "configs" / "default.yaml"
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == Config().to_dict()
