"""The Python API from the package root (issue 15): exports, a single path, errors with slugs, one public
render/write_report, the documented cache_dir default, and the README's API section executed."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pytest

import claimcheck
from claimcheck import (CheckResult, ClaimcheckError, Extraction, RunResult, check, compare, extract, index, render,
                        write_report)

ROOT = Path(__file__).resolve().parent.parent
SUMMIT = ROOT / "tests" / "fixtures" / "summit"
CHECK = ROOT / "tests" / "fixtures" / "check"


def test_the_package_root_exports_the_api_and_the_result_types() -> None:
    assert {"compare", "check", "extract", "index", "render", "write_report", "RunResult", "CheckResult",
            "Extraction", "IndexResult", "Finding", "Claim", "Article", "Config", "ClaimcheckError"} <= set(
        claimcheck.__all__)
    for name in claimcheck.__all__:
        assert getattr(claimcheck, name) is not None
    from claimcheck import api

    assert (compare, check, extract, index) == (api.compare, api.check, api.extract, api.index)


def test_check_stays_the_function_after_the_check_module_is_imported() -> None:
    import claimcheck.check as _module  # noqa: F401 - imports the submodule claimcheck/check.py
    from claimcheck.check import find_issues

    assert callable(find_issues)
    assert claimcheck.check is check and check.__module__ == "claimcheck.api"


def test_compare_accepts_a_single_path_as_str_or_pathlike(fake_config) -> None:
    by_str = compare(str(SUMMIT), config=fake_config)
    by_path = compare(SUMMIT, config=fake_config)
    assert isinstance(by_str, RunResult)
    assert render(by_str, "json") == render(by_path, "json") == render(compare([str(SUMMIT)], config=fake_config),
                                                                         "json")


@pytest.mark.parametrize("bad", [42, {"a": 1}, [SUMMIT, 3]])
def test_a_wrong_paths_type_is_a_type_error_saying_to_pass_a_list(bad, fake_config) -> None:
    with pytest.raises(TypeError, match=r"paths must be a path \(str or os.PathLike\) or a list of paths"):
        compare(bad, config=fake_config)


def test_check_and_extract_accept_single_paths(fake_config) -> None:
    result = check(CHECK / "new" / "contradict.txt", against=CHECK / "corpus", config=fake_config)
    assert isinstance(result, CheckResult) and [i.code for i in result.issues] == ["CC001", "CC002"]
    (x,) = extract(str(SUMMIT / "set.md"))
    assert isinstance(x, Extraction) and x.claims


def test_render_handles_every_result_type(fake_config, tmp_path) -> None:
    run = compare(SUMMIT, config=fake_config)
    assert render(run, "html").lower().startswith("<!doctype html>")
    assert render(run, "markdown").startswith("#")
    assert render(run) == render(run, "yaml")
    checked = check(CHECK / "new" / "contradict.txt", against=CHECK / "corpus", config=fake_config)
    assert render(checked, "text").splitlines()[-1] == "Found 2 findings in 1 new article."
    assert '"version": "2.1.0"' in render(checked, "sarif")
    assert render(extract(SUMMIT), "json").startswith("{")
    with pytest.raises(ClaimcheckError) as err:
        render(run, "docx")
    assert err.value.slug == "output-format"
    with pytest.raises(TypeError):
        render("not a result", "yaml")


def test_write_report_follows_the_extension(fake_config, tmp_path) -> None:
    run = compare(SUMMIT, config=fake_config)
    write_report(run, tmp_path / "r.html")
    write_report(run, tmp_path / "r.md")
    checked = check(CHECK / "new" / "contradict.txt", against=CHECK / "corpus", config=fake_config)
    write_report(checked, tmp_path / "c.sarif")
    assert (tmp_path / "r.html").read_text(encoding="utf-8") == render(run, "html")
    assert (tmp_path / "r.md").read_text(encoding="utf-8") == render(run, "markdown")
    assert (tmp_path / "c.sarif").read_text(encoding="utf-8") == render(checked, "sarif")


def test_the_api_caches_nothing_unless_given_a_cache_dir_and_says_so(fake_config, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    compare(SUMMIT, config=fake_config)
    extract(SUMMIT)
    assert not (tmp_path / "xdg").exists()
    compare(SUMMIT, config=fake_config, cache_dir=tmp_path / "c")
    assert list((tmp_path / "c").iterdir())
    for func in (compare, check, extract):
        assert "the default None caches nothing" in " ".join(func.__doc__.split())
        assert "per-user cache directory" in " ".join(func.__doc__.split()) or func is extract


def _readme_api_block() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Python API\n", 1)[1].split("\n## ", 1)[0]
    (block,) = re.findall(r"```python\n(.*?)```", section, re.S)
    return block


def test_the_readme_api_example_is_ten_lines_of_code() -> None:
    code = [ln for ln in _readme_api_block().splitlines() if ln.strip()]
    assert len(code) <= 10
    assert "for finding in result.findings" in _readme_api_block()


@pytest.mark.slow
def test_the_readme_api_example_runs_and_prints_the_findings(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    namespace: dict = {}
    with contextlib.redirect_stdout(out):
        exec(compile(_readme_api_block(), "README.md#python-api", "exec"), namespace)
    printed = out.getvalue().splitlines()
    result = namespace["result"]
    assert len([ln for ln in printed if not ln.startswith(" ")]) == len(result.findings) > 0
    assert any(ln.startswith("diverge ") for ln in printed)
    assert any(ln.startswith("    conflict: ") for ln in printed)
    assert namespace["html"].lower().startswith("<!doctype html>")


def test_every_error_slug_in_the_code_is_in_the_readme_table() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Errors and exit codes", 1)[1].split("\n## ", 1)[0]
    slugs: set[str] = set()
    for path in (ROOT / "claimcheck").rglob("*.py"):
        slugs |= set(re.findall(r'slug="([a-z]+-[a-z-]+)"', path.read_text(encoding="utf-8")))
    assert len(slugs) > 30
    assert sorted(s for s in slugs if f"`{s}`" not in section) == []
    assert os.path.exists(ROOT / "configs" / "default.yaml")
