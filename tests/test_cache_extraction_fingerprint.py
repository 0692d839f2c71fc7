"""The extraction cache keeps cached claims across edits to code extraction does not run (comparison,
clustering, framing, loading, reporting) and drops them after an edit to code it runs (``stages/extract/``,
recursively, and the modules it imports). Each test fingerprints a copy of the package in a temp dir."""

from __future__ import annotations

import shutil
from pathlib import Path

import grimp
import pytest

import claimcheck
from claimcheck import cache
from claimcheck.models import Article, Claim

PACKAGE = Path(claimcheck.__file__).resolve().parent


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the claimcheck package that ``extraction_fingerprint`` reads instead of the real one."""
    root = tmp_path / "claimcheck"
    shutil.copytree(PACKAGE, root, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "__file__", str(root / "cache.py"))
    monkeypatch.setattr(cache, "_EXTRACT_CODE", [])
    return root


def _fingerprint_after_edit(root: Path, relative: str) -> str:
    """Append a comment to one file of the copy (creating it if need be) and fingerprint the copy afresh."""
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as f:
        f.write("\n# an edit\n")
    cache._EXTRACT_CODE.clear()
    return cache.extraction_fingerprint()


@pytest.mark.parametrize("relative", ["stages/compare/findings.py", "stages/compare/exclusive.py",
                                      "stages/cluster/clusters.py", "stages/embed/encoders.py", "stages/framing.py",
                                      "stages/load.py", "report/html.py", "pipeline.py", "store.py", "check.py"])
def test_an_edit_outside_extraction_keeps_the_fingerprint(package: Path, relative: str) -> None:
    before = cache.extraction_fingerprint()
    assert _fingerprint_after_edit(package, relative) == before


@pytest.mark.parametrize("relative", ["stages/extract/claims.py", "stages/extract/dates.py",
                                      "stages/extract/descriptions.py", "stages/extract/nested/rules.py",
                                      "models.py", "config.py", "data/antonyms.tsv"])
def test_an_edit_to_code_or_data_extraction_runs_changes_the_fingerprint(package: Path, relative: str) -> None:
    before = cache.extraction_fingerprint()
    assert _fingerprint_after_edit(package, relative) != before


def test_cached_claims_survive_a_compare_edit_and_are_dropped_after_an_extract_edit(package: Path,
                                                                                    tmp_path: Path) -> None:
    article = Article(id="a", path="a.txt", text="The ferry sank on 4 May 2021.", title="", published=None)
    claim = Claim(id="c1", source="a", text=article.text, start=0, end=len(article.text))
    runs: list[str] = []

    def extract(a: Article) -> list[Claim]:
        runs.append(a.id)
        return [claim]

    def one_run() -> list[Claim]:
        cache._EXTRACT_CODE.clear()
        with cache.ClaimCache(tmp_path / "cache", config="extract-config") as claims:
            claims.prefetch([article])
            return claims.get_or_extract(article, extract)

    assert one_run() == [claim] and runs == ["a"]  # cold: extracted and stored
    _fingerprint_after_edit(package, "stages/compare/findings.py")
    assert one_run() == [claim] and runs == ["a"]  # a comparison edit: served from the cache
    _fingerprint_after_edit(package, "stages/extract/slots.py")
    assert one_run() == [claim] and runs == ["a", "a"]  # an extraction edit: extracted again


def test_the_fingerprinted_files_cover_every_module_extraction_imports() -> None:
    graph = grimp.build_graph("claimcheck", exclude_type_checking_imports=True)
    imported = graph.find_upstream_modules("claimcheck.stages.extract", as_package=True)
    extraction = {m for m in graph.modules if m == "claimcheck.stages.extract" or
                  m.startswith("claimcheck.stages.extract.")}
    fingerprinted = {f.resolve() for f in cache.extraction_files()}
    missing = []
    for module in sorted(imported | extraction):
        if not module.startswith("claimcheck."):
            continue
        relative = Path(*module.split(".")[1:])
        path = PACKAGE / relative / "__init__.py" if (PACKAGE / relative).is_dir() else PACKAGE / f"{relative}.py"
        if path.resolve() not in fingerprinted:
            missing.append(module)
    assert imported, "grimp found no import of stages/extract: the graph is wrong"
    assert missing == []
