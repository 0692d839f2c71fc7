"""`claimcheck --help` and `--version` start without importing the heavy libraries."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("torch", "sentence_transformers", "transformers", "sklearn", "scipy", "spacy", "thinc", "onnxruntime",
         "faiss", "numpy", "trafilatura", "jinja2", "rich.progress")

_PROBE = """
import json, sys
from claimcheck.cli import app
try:
    app({args!r}, prog_name="claimcheck")
except SystemExit as exc:
    code = exc.code
print(json.dumps({{"code": code, "heavy": sorted(m for m in {heavy!r} if m in sys.modules)}}))
"""


def _probe(args: list[str]) -> dict:
    out = subprocess.run([sys.executable, "-c", _PROBE.format(args=args, heavy=HEAVY)], capture_output=True,
                         text=True, timeout=120, env={**os.environ, "COLUMNS": "100"})
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_help_imports_none_of_the_heavy_modules() -> None:
    assert _probe(["--help"]) == {"code": 0, "heavy": []}


def test_version_imports_none_of_the_heavy_modules() -> None:
    assert _probe(["--version"]) == {"code": 0, "heavy": []}


def test_compare_help_imports_none_of_the_heavy_modules() -> None:
    assert _probe(["compare", "--help"]) == {"code": 0, "heavy": []}


def test_console_script_help_and_version_work_without_heavy_imports(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("claimcheck")
    if not script.exists():
        found = shutil.which("claimcheck")
        if found is None:
            pytest.skip("the claimcheck console script is not installed")
        script = Path(found)
    # a sitecustomize that reports, at exit, which heavy modules the console script had imported
    (tmp_path / "sitecustomize.py").write_text(
        "import atexit, sys\n"
        f"atexit.register(lambda: sys.stderr.write('HEAVY=' + ','.join(sorted(m for m in {HEAVY!r} "
        "if m in sys.modules)) + '\\n'))\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(tmp_path), os.environ.get("PYTHONPATH")]))}
    for args in (["--help"], ["--version"]):
        out = subprocess.run([str(script), *args], capture_output=True, text=True, timeout=120, env=env)
        assert out.returncode == 0, out.stderr
        assert "claimcheck" in out.stdout
        assert "HEAVY=\n" in out.stderr
