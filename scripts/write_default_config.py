"""Regenerate configs/default.yaml from the built-in defaults in claimcheck/config.py."""

from pathlib import Path

import yaml

from claimcheck.config import Config

HEADER = """# claimcheck default configuration: every key, with its built-in default.
# Your own config file may set any subset (unknown keys are refused). Regenerate this file with
#   .venv/bin/python scripts/write_default_config.py
# (tests/test_config_default_file.py fails when it drifts from claimcheck/config.py).
"""

if __name__ == "__main__":
    out = Path(__file__).resolve().parent.parent / "configs" / "default.yaml"
    out.write_text(HEADER + yaml.safe_dump(Config().to_dict(), sort_keys=False, width=120), encoding="utf-8")
