"""The findings cache stores a claim set's findings in rows of about ``chunk_bytes`` each, then a head row
(``claimcheck.cache.FindingsCache``): they load equal, holding the run's own claims; a missing row is a miss."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from claimcheck import pipeline
from claimcheck.cache import FindingsCache
from claimcheck.config import config_from_dict
from claimcheck.stages.load import load_articles

SUMMIT = Path(__file__).resolve().parent / "fixtures" / "summit"


def _findings() -> tuple[list, list]:
    config = config_from_dict({"embedding": {"backend": "fake"}})
    result = pipeline.run_pipeline(load_articles([str(SUMMIT)]), config=config)
    return list(result.claims), list(result.findings)


def test_findings_cache_chunks_round_trip_equal_findings_over_several_rows(tmp_path: Path) -> None:
    claims, findings = _findings()
    assert len(findings) > 3
    vectors = np.zeros((len(claims), 4), dtype=np.float32)
    with FindingsCache(tmp_path, chunk_bytes=1) as cache:  # one finding per row
        key = cache.key(claims, vectors, config={}, published={})
        got = cache.get_or_compute(claims, vectors, config={}, published={}, compute=lambda: findings)
        assert got is findings and not cache.reused
        assert cache.store is not None
        rows = cache.store.get_blobs([FindingsCache._row_key(key, n) for n in range(len(findings) + 1)])
        assert len(rows) == len(findings)
    with FindingsCache(tmp_path) as cache:
        back = cache.get_or_compute(claims, vectors, config={}, published={}, compute=lambda: [])
        assert cache.reused and back == findings
        by_id = {id(c) for c in claims}  # the run's own claim objects, not copies
        assert all(id(c) in by_id for f in back for c in f.claims)


def test_findings_cache_with_a_row_missing_is_a_miss(tmp_path: Path) -> None:
    claims, findings = _findings()
    vectors = np.zeros((len(claims), 4), dtype=np.float32)
    with FindingsCache(tmp_path, chunk_bytes=1) as cache:
        key = cache.key(claims, vectors, config={}, published={})
        cache.get_or_compute(claims, vectors, config={}, published={}, compute=lambda: findings)
    with FindingsCache(tmp_path) as cache:
        assert cache.store is not None and cache.store._conn is not None
        cache.store._conn.execute("DELETE FROM claims WHERE key = ?", (FindingsCache._row_key(key, 1),))
        computed: list[int] = []
        back = cache.get_or_compute(claims, vectors, config={}, published={},
                                    compute=lambda: computed.append(1) or findings)
        assert computed == [1] and not cache.reused and back == findings


def test_findings_cache_stores_an_empty_set(tmp_path: Path) -> None:
    claims, _ = _findings()
    vectors = np.zeros((len(claims), 4), dtype=np.float32)
    with FindingsCache(tmp_path) as cache:
        cache.get_or_compute(claims, vectors, config={}, published={}, compute=list)
    with FindingsCache(tmp_path) as cache:
        assert cache.get_or_compute(claims, vectors, config={}, published={}, compute=lambda: [None]) == []
        assert cache.reused


def test_findings_saved_behind_are_pickled_by_a_forked_child_and_stored_before_the_next_lookup_cache(
        tmp_path: Path, monkeypatch) -> None:
    """``behind``: a forked child pickles the set while the run goes on, into a temporary file, and a thread of
    this process stores its rows once it is done; the next findings cache opened waits for that. The rows load
    equal, holding the run's own claims, and the child's file is removed."""
    import tempfile

    from claimcheck import cache as cache_module

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    claims, findings = _findings()
    vectors = np.zeros((len(claims), 4), dtype=np.float32)
    with FindingsCache(tmp_path / "cache", chunk_bytes=1, behind=True) as cache:
        got = cache.get_or_compute(claims, vectors, config={}, published={}, compute=lambda: findings)
        assert got is findings and not cache.reused
        assert len(cache_module._BEHIND) == 1
    with FindingsCache(tmp_path / "cache") as cache:
        assert cache_module._BEHIND == []
        back = cache.get_or_compute(claims, vectors, config={}, published={}, compute=lambda: [])
        assert cache.reused and back == findings
        by_id = {id(c) for c in claims}
        assert all(id(c) in by_id for f in back for c in f.claims)
    assert list((tmp_path / "tmp").iterdir()) == []


def test_findings_a_child_fails_to_pickle_are_not_cached_and_nothing_is_raised_cache(tmp_path: Path,
                                                                                    monkeypatch) -> None:
    import tempfile

    from claimcheck import cache as cache_module

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    claims, _ = _findings()
    vectors = np.zeros((len(claims), 4), dtype=np.float32)
    unpicklable = [lambda: None]  # the child's pickler fails on it: the child exits with an error
    with FindingsCache(tmp_path / "cache", behind=True) as cache:
        assert cache.get_or_compute(claims, vectors, config={}, published={}, compute=lambda: unpicklable) \
            is unpicklable
    cache_module.wait_for_saves()
    assert list((tmp_path / "tmp").iterdir()) == []
    with FindingsCache(tmp_path / "cache") as cache:
        computed: list[int] = []
        cache.get_or_compute(claims, vectors, config={}, published={}, compute=lambda: computed.append(1) or [])
        assert computed == [1] and not cache.reused
