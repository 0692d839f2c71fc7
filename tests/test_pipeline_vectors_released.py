"""``pipeline.compute_findings`` lets go of the vectors once comparison is done when they are handed over in a
one-item list (``run_stages`` does so), and leaves an array handed over directly to its caller."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck import pipeline
from claimcheck.config import config_from_dict
from claimcheck.stages.embed.encoders import embed_claims, get_embedder
from claimcheck.stages.load import load_articles

SUMMIT = Path(__file__).resolve().parent / "fixtures" / "summit"


@pytest.mark.parametrize("cache", [False, True])
def test_pipeline_compute_findings_empties_the_vectors_list(tmp_path: Path, cache: bool) -> None:
    config = config_from_dict({"embedding": {"backend": "fake"}})
    articles = load_articles([str(SUMMIT)])
    claims = pipeline.extract_all(articles, config=config)
    vectors = embed_claims([c.text for c in claims], embedder=get_embedder(config.embedding))
    held = [vectors.copy()]
    got = pipeline.compute_findings(articles, claims, held, config=config,
                                    cache_dir=tmp_path if cache else None)
    assert held == []
    same = pipeline.compute_findings(articles, claims, vectors, config=config)
    assert got == same and vectors.shape == (len(claims), vectors.shape[1])
