"""The files users wire claimcheck into CI with: the composite GitHub Action and the pre-commit hook."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import yaml
from typer.testing import CliRunner

from claimcheck.cli import app

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "check"


def test_the_action_is_composite_installs_with_pip_and_runs_check_with_github_format() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert {"new", "against", "fail-on"} <= set(action["inputs"])
    assert action["inputs"]["fail-on"]["default"] == "diverge"
    assert action["runs"]["using"] == "composite"
    scripts = "\n".join(step.get("run", "") for step in action["runs"]["steps"])
    assert "pip install" in scripts
    assert "check " in scripts and "--format github" in scripts
    # inputs reach the script through the environment only, never pasted into it
    assert "${{" not in scripts


def test_the_pre_commit_hook_runs_check_with_the_staged_files_last(fake_config_file: Path) -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["entry"].split() == ["claimcheck", "check"]
    assert hook["args"] == ["--against=articles/"]
    args = [a.replace("articles/", str(FIXTURES / "corpus")) for a in hook["args"]]
    staged = [str(FIXTURES / "new" / "agree.txt"), str(FIXTURES / "new" / "contradict.txt")]
    argv = shlex.split(hook["entry"])[1:] + args + ["-c", str(fake_config_file), "-f", "json"] + staged
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 1
    assert json.loads(result.stdout)["new_sources"] == ["agree", "contradict"]
