"""``pipeline.start_encoder_early``: a run that will surely encode in a child process (enough input files, the
default encoder, no cache yet) starts that child before it loads its articles, and ends it when the run fails
before using it; any other run starts nothing early."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck import api, pipeline
from claimcheck.cache import EmbeddingCache
from claimcheck.config import config_from_dict
from claimcheck.errors import UsageError

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEFAULT = config_from_dict({})


@pytest.fixture
def started(monkeypatch) -> list:
    """The configs ``start_embedder`` was called with (nothing is started)."""
    calls: list = []
    monkeypatch.setattr(pipeline, "start_embedder", calls.append)
    return calls


def test_a_large_run_with_no_cache_yet_starts_its_encoder_before_loading_pipeline(started, tmp_path: Path) -> None:
    n = pipeline.ENCODER_PROCESS_MIN_ARTICLES
    assert pipeline.start_encoder_early(n, config=DEFAULT, cache_dir=None) is True
    assert pipeline.start_encoder_early(n, config=DEFAULT, cache_dir=tmp_path / "new") is True  # no cache there yet
    assert started == [DEFAULT.embedding, DEFAULT.embedding]


def test_a_small_run_a_cache_to_read_another_backend_or_a_given_embedder_start_nothing_pipeline(
        started, tmp_path: Path, fake_config) -> None:
    n = pipeline.ENCODER_PROCESS_MIN_ARTICLES
    EmbeddingCache(tmp_path).close()  # a cache some earlier run left: its claims may be there
    assert pipeline.start_encoder_early(n - 1, config=DEFAULT, cache_dir=None) is False
    assert pipeline.start_encoder_early(n, config=DEFAULT, cache_dir=tmp_path) is False
    assert pipeline.start_encoder_early(n, config=fake_config, cache_dir=None) is False
    assert pipeline.start_encoder_early(n, config=DEFAULT, cache_dir=None, embedder=object()) is False
    assert started == []


def test_a_run_that_fails_after_starting_its_encoder_early_ends_it_api(started, monkeypatch) -> None:
    monkeypatch.setattr(pipeline, "ENCODER_PROCESS_MIN_ARTICLES", 1)
    released: list[tuple[bool, bool]] = []
    monkeypatch.setattr(api, "release_embedders",
                        lambda *, isolated_only, wait: released.append((isolated_only, wait)))
    one = sorted(str(p) for p in (FIXTURES / "floods").iterdir())[:1]
    with pytest.raises(UsageError, match="at least two articles"):
        api.compare(one, config=DEFAULT)
    assert started == [DEFAULT.embedding] and released == [(True, False)]  # ended at once
