"""``pipeline.compute_findings`` takes the vectors in a one-item list (``run_stages`` hands them over so) and
empties it once comparison is done, so that it holds no reference to them; a caller that keeps its own reference
keeps the vectors unchanged."""

from __future__ import annotations

from pathlib import Path

import numpy as np
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
    kept = vectors.copy()
    same = pipeline.compute_findings(articles, claims, [vectors], config=config)
    assert got == same and np.array_equal(vectors, kept)


def test_pipeline_compute_findings_takes_only_a_one_item_list() -> None:
    config = config_from_dict({"embedding": {"backend": "fake"}})
    for held in ([], np.zeros((1, 4), dtype=np.float32)):
        with pytest.raises(TypeError, match="one-item list"):
            pipeline.compute_findings([], [], held, config=config)
