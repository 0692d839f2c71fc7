"""The on-disk embedding and extraction cache: warm runs encode nothing, damage is rebuilt, concurrent writers are safe."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
from pathlib import Path

import numpy as np
import pytest

from claimcheck import api
from claimcheck.cache import DB_NAME, CachedEmbedder, EmbeddingCache, text_key
from claimcheck.report import result_to_dict
from claimcheck.stages.embed.encoders import FakeEmbedder


class CountingEmbedder(FakeEmbedder):
    """The fake embedder, counting the texts it is asked to encode."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0
        self.texts = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        self.texts += len(texts)
        return super().encode(texts)


def _texts(n: int, tag: str = "") -> list[str]:
    return [f"The council approved {i} new {tag} housing projects in district {i % 7} on Tuesday." for i in range(n)]


def test_warm_run_re_embeds_nothing_and_gives_the_same_result(seeds_dir: Path, fake_config, tmp_path: Path) -> None:
    cold_embedder, warm_embedder = CountingEmbedder(), CountingEmbedder()
    cold = api.compare([str(seeds_dir)], config=fake_config, embedder=cold_embedder, cache_dir=tmp_path)
    warm = api.compare([str(seeds_dir)], config=fake_config, embedder=warm_embedder, cache_dir=tmp_path)
    assert cold_embedder.texts == len({c.text for c in cold.claims}) > 0
    assert warm_embedder.calls == 0
    assert result_to_dict(warm) == result_to_dict(cold)


def test_warm_run_with_the_configured_embedder_never_builds_it(seeds_dir: Path, fake_config, tmp_path: Path,
                                                             monkeypatch) -> None:
    api.compare([str(seeds_dir)], config=fake_config, cache_dir=tmp_path)
    built = []
    import claimcheck.stages.embed.encoders as embed

    monkeypatch.setattr(embed, "get_embedder", lambda config: built.append(config) or FakeEmbedder())
    monkeypatch.setattr(embed, "_CACHE", {})
    api.compare([str(seeds_dir)], config=fake_config, cache_dir=tmp_path)
    assert built == []


def test_warm_run_extracts_nothing(seeds_dir: Path, fake_config, tmp_path: Path, monkeypatch) -> None:
    cold = api.compare([str(seeds_dir)], config=fake_config, cache_dir=tmp_path)
    import claimcheck.pipeline as pipeline

    def refuse(articles, **kwargs):
        for article in articles:
            raise AssertionError(f"extracted {article.path} again")
        return iter(())

    monkeypatch.setattr(pipeline, "extract_articles", refuse)
    warm = api.compare([str(seeds_dir)], config=fake_config, cache_dir=tmp_path)
    assert result_to_dict(warm) == result_to_dict(cold)


def test_without_cache_dir_nothing_is_written_and_everything_is_encoded(seeds_dir: Path, fake_config,
                                                                      tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    first, second = CountingEmbedder(), CountingEmbedder()
    api.compare([str(seeds_dir)], config=fake_config, embedder=first)
    api.compare([str(seeds_dir)], config=fake_config, embedder=second)
    assert first.texts == second.texts > 0
    assert not (tmp_path / "xdg").exists()


def test_cached_vectors_equal_freshly_encoded_ones(tmp_path: Path) -> None:
    texts = _texts(40) + _texts(5)  # repeats are encoded once
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, model_id=inner.model_id, cache_dir=tmp_path, chunk_size=16)
    first = cached.encode(texts)
    assert inner.texts == 40
    again = CachedEmbedder(CountingEmbedder(), model_id=inner.model_id, cache_dir=tmp_path).encode(texts)
    np.testing.assert_array_equal(first, FakeEmbedder().encode(texts))
    np.testing.assert_array_equal(again, first)


def test_whitespace_variants_share_an_entry_but_models_do_not() -> None:
    assert text_key("m", "A  claim\n here ") == text_key("m", "A claim here")
    assert text_key("m", "A claim") != text_key("other", "A claim")
    assert text_key("m", "A claim") != text_key("m", "a claim")


def test_damaged_rows_are_ignored_and_rebuilt(tmp_path: Path) -> None:
    texts = _texts(20)
    CachedEmbedder(FakeEmbedder(), model_id="fake", cache_dir=tmp_path).encode(texts)
    with sqlite3.connect(tmp_path / DB_NAME) as conn:
        keys = [row[0] for row in conn.execute("SELECT key FROM vectors ORDER BY key LIMIT 5")]
        conn.execute("UPDATE vectors SET vec = ? WHERE key = ?", (b"\x00" * 8, keys[0]))
        conn.execute("UPDATE vectors SET crc = crc + 1 WHERE key = ?", (keys[1],))
        conn.execute("UPDATE vectors SET vec = zeroblob(length(vec)) WHERE key = ?", (keys[2],))
    inner = CountingEmbedder()
    again = CachedEmbedder(inner, model_id="fake", cache_dir=tmp_path)
    np.testing.assert_array_equal(again.encode(texts), FakeEmbedder().encode(texts))
    assert inner.texts == 3
    third = CountingEmbedder()
    CachedEmbedder(third, model_id="fake", cache_dir=tmp_path).encode(texts)
    assert third.calls == 0  # the damaged rows were rewritten


@pytest.mark.parametrize("garbage", [b"this is not a database" * 100, b"SQLite format 3\x00" + b"\xff" * 5000, b""])
def test_a_corrupt_database_file_is_set_aside_and_rebuilt(tmp_path: Path, garbage: bytes) -> None:
    (tmp_path / DB_NAME).write_bytes(garbage)
    texts = _texts(10)
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, model_id="fake", cache_dir=tmp_path)
    np.testing.assert_array_equal(cached.encode(texts), FakeEmbedder().encode(texts))
    assert cached.cache is not None and cached.cache.enabled
    cached.cache.close()
    warm = CountingEmbedder()
    CachedEmbedder(warm, model_id="fake", cache_dir=tmp_path).encode(texts)
    assert warm.calls == 0


def test_an_unusable_cache_directory_degrades_to_no_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, model_id="fake", cache_dir=blocker / "sub")
    np.testing.assert_array_equal(cached.encode(_texts(3)), FakeEmbedder().encode(_texts(3)))
    assert cached.cache is not None and not cached.cache.enabled and cached.cache.disabled_reason


def _writer(directory: str, tag: str, rounds: int) -> None:
    for r in range(rounds):
        texts = _texts(60, tag="shared") + _texts(30, tag=f"{tag}-{r}")
        CachedEmbedder(FakeEmbedder(), model_id="fake", cache_dir=directory, chunk_size=7).encode(texts)


def _check_store(directory: Path, tags: list[str], rounds: int) -> None:
    texts = _texts(60, tag="shared") + [t for tag in tags for r in range(rounds) for t in _texts(30, tag=f"{tag}-{r}")]
    with EmbeddingCache(directory) as store:
        got = store.get_many(text_key("fake", t) for t in texts)
    assert len(got) == len(set(texts))
    want = FakeEmbedder().encode(texts)
    for t, w in zip(texts, want):
        np.testing.assert_array_equal(got[text_key("fake", t)], w)


def test_two_processes_writing_the_same_keys_do_not_corrupt_the_cache(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(tmp_path), tag, 4)) for tag in ("a", "b")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0]
    _check_store(tmp_path, ["a", "b"], 4)


def test_two_threads_writing_the_same_keys_do_not_corrupt_the_cache(tmp_path: Path) -> None:
    errors: list[BaseException] = []

    def run(tag: str) -> None:
        try:
            _writer(str(tmp_path), tag, 5)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(tag,)) for tag in ("x", "y", "z")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    _check_store(tmp_path, ["x", "y", "z"], 5)


def test_pages_damaged_inside_the_database_are_survived_and_rebuilt(tmp_path: Path) -> None:
    texts = _texts(400)
    first = CachedEmbedder(FakeEmbedder(), model_id="fake", cache_dir=tmp_path)
    first.encode(texts)
    first.cache.close()
    for suffix in ("-wal", "-shm"):
        (tmp_path / (DB_NAME + suffix)).unlink(missing_ok=True)
    db = tmp_path / DB_NAME
    data = bytearray(db.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 8192] = b"\xa5" * 8192
    db.write_bytes(bytes(data))
    again = CachedEmbedder(CountingEmbedder(), model_id="fake", cache_dir=tmp_path)
    np.testing.assert_array_equal(again.encode(texts), FakeEmbedder().encode(texts))
