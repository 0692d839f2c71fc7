"""``claimcheck index --cache-dir`` / ``index_corpus(..., cache_dir=)``: articles and claim vectors found in the
extraction and embedding cache (the one ``compare`` fills) are taken from it, not extracted or encoded again, and
the store is the same as one built without the cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

import claimcheck.stages.extract.claims as claims_module
from claimcheck import api
from claimcheck.cli import app
from claimcheck.stages.embed.encoders import FakeEmbedder
from claimcheck.store import Store

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "check"


class CountingEmbedder(FakeEmbedder):
    """The fake embedder, counting the texts it is asked to encode."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        self.texts.extend(texts)
        return super().encode(texts)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "corpus", d)
    shutil.copy(FIXTURES / "new" / "agree.txt", d / "agree.txt")
    return d


def _contents(store: Path) -> tuple[list, np.ndarray, dict]:
    with Store(store) as st:
        claims, vectors = st.claims_and_vectors()
        return claims, vectors, st.hashes()


def test_index_with_a_warm_cache_builds_the_same_store_without_extracting_or_encoding(
        corpus: Path, tmp_path: Path, fake_config, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    warm = CountingEmbedder()
    api.compare([str(corpus)], config=fake_config, embedder=warm, cache_dir=cache)  # fills the cache
    assert warm.texts

    plain = api.index([str(corpus)], store=tmp_path / "plain", config=fake_config, embedder=CountingEmbedder())

    extracted: list[str] = []
    original = claims_module.extract_articles

    def counting(articles, **kwargs):  # type: ignore[no-untyped-def]
        extracted.extend(a.id for a in articles)
        return original(articles, **kwargs)

    monkeypatch.setattr(claims_module, "extract_articles", counting)
    import claimcheck.pipeline as pipeline

    monkeypatch.setattr(pipeline, "extract_articles", counting)
    cold = CountingEmbedder()
    cached = api.index([str(corpus)], store=tmp_path / "cached", config=fake_config, embedder=cold, cache_dir=cache)
    assert cold.texts == []  # every vector came from the cache
    assert extracted == []  # every article's claims came from the cache
    assert (cached.added, cached.claims) == (plain.added, plain.claims)

    a, b = _contents(tmp_path / "plain"), _contents(tmp_path / "cached")
    assert a[0] == b[0]
    assert np.array_equal(a[1], b[1])
    assert a[2] == b[2]
    assert (tmp_path / "plain" / "vectors.npy").read_bytes() == (tmp_path / "cached" / "vectors.npy").read_bytes()
    # the counters do count: without the cache the same run extracts and encodes every article again
    again = CountingEmbedder()
    api.index([str(corpus)], store=tmp_path / "again", config=fake_config, embedder=again)
    assert sorted(extracted) == sorted(plain.added)
    assert again.texts


def test_index_with_a_cold_cache_fills_it_for_the_next_index_and_compare(corpus: Path, tmp_path: Path,
                                                                         fake_config) -> None:
    cache = tmp_path / "cache"
    first = CountingEmbedder()
    api.index([str(corpus)], store=tmp_path / "one", config=fake_config, embedder=first, cache_dir=cache)
    assert first.texts
    second = CountingEmbedder()
    api.index([str(corpus)], store=tmp_path / "two", config=fake_config, embedder=second, cache_dir=cache)
    assert second.texts == []
    third = CountingEmbedder()
    api.compare([str(corpus)], config=fake_config, embedder=third, cache_dir=cache)
    assert third.texts == []


def test_index_cli_reads_the_cache_dir_and_no_cache_leaves_it_alone(corpus: Path, tmp_path: Path,
                                                                   fake_config_file: Path) -> None:
    runner = CliRunner()
    cache = tmp_path / "cache"
    result = runner.invoke(app, ["index", str(corpus), "--store", str(tmp_path / "s1"), "--config",
                                 str(fake_config_file), "--cache-dir", str(cache), "--quiet"])
    assert result.exit_code == 0, result.output
    assert (cache / "embeddings-v1.sqlite3").is_file()
    other = tmp_path / "untouched"
    result = runner.invoke(app, ["index", str(corpus), "--store", str(tmp_path / "s2"), "--config",
                                 str(fake_config_file), "--cache-dir", str(other), "--no-cache", "--quiet"])
    assert result.exit_code == 0, result.output
    assert not other.exists()
    assert _contents(tmp_path / "s1")[0] == _contents(tmp_path / "s2")[0]
