"""Issue 17: a warm run reuses what clustering and comparison computed for an unchanged claim set; a changed
config, claim set or analysis code recomputes (``claimcheck.cache.FindingsCache``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from claimcheck import pipeline
from claimcheck.config import config_from_dict
from claimcheck.stages.load import load_articles

SUMMIT = Path(__file__).resolve().parent / "fixtures" / "summit"


@pytest.fixture
def clusterings(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the calls of the clustering stage (one per computed, not reused, set of findings)."""
    calls: list[int] = []
    real = pipeline.cluster_claims

    def counting(claims: list, vectors: object, **kwargs: object) -> object:
        calls.append(len(claims))
        return real(claims, vectors, **kwargs)

    monkeypatch.setattr(pipeline, "cluster_claims", counting)
    return calls


def _run(paths: list[str], cache: Path | None, **overrides: dict):
    config = config_from_dict({"embedding": {"backend": "fake"}, **overrides})
    return pipeline.run_pipeline(load_articles(paths), config=config, cache_dir=cache)


def test_unchanged_claims_and_config_reuse_the_cached_findings(tmp_path: Path, clusterings: list[int]) -> None:
    cold = _run([str(SUMMIT)], tmp_path / "cache")
    warm = _run([str(SUMMIT)], tmp_path / "cache")
    assert len(clusterings) == 1 and clusterings[0] == len(cold.claims) > 0
    assert warm.findings == cold.findings and warm.claims == cold.claims
    # the reused findings hold the run's own claim objects, not copies
    by_id = {id(c) for c in warm.claims}
    assert all(id(c) in by_id for f in warm.findings for c in f.claims)


def test_a_changed_compare_setting_recomputes_the_findings(tmp_path: Path, clusterings: list[int]) -> None:
    _run([str(SUMMIT)], tmp_path / "cache")
    changed = _run([str(SUMMIT)], tmp_path / "cache", compare={"entity_min_similarity": 0.9})
    assert len(clusterings) == 2
    assert changed.config["compare"]["entity_min_similarity"] == 0.9
    _run([str(SUMMIT)], tmp_path / "cache", compare={"entity_min_similarity": 0.9})
    assert len(clusterings) == 2  # and that result is reused in turn


def test_changed_analysis_code_recomputes_the_findings(tmp_path: Path, clusterings: list[int],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from claimcheck import cache

    _run([str(SUMMIT)], tmp_path / "cache")
    monkeypatch.setattr(cache, "_ANALYSIS_CODE", ["another version of stages/compare"])
    _run([str(SUMMIT)], tmp_path / "cache")
    assert len(clusterings) == 2


def test_an_edited_article_recomputes_the_findings(tmp_path: Path, clusterings: list[int]) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SUMMIT, corpus)
    before = _run([str(corpus)], tmp_path / "cache")
    first = sorted(corpus.iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n\nThe talks ended two days later than planned.\n",
                     encoding="utf-8")
    after = _run([str(corpus)], tmp_path / "cache")
    assert len(clusterings) == 2
    assert len(after.claims) == len(before.claims) + 1


def test_without_a_cache_directory_the_findings_are_always_computed(clusterings: list[int]) -> None:
    _run([str(SUMMIT)], None)
    _run([str(SUMMIT)], None)
    assert len(clusterings) == 2
