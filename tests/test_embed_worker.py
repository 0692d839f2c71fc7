"""``stages/embed/worker.ProcessEmbedder`` runs the sentence-transformers model in a child process: the same
vectors as in process, bit for bit, with the cores shared or not; a bad model path is the same ``ModelError``; a
closed or dead child is a ``ModelError``, never a hang. A run of ``pipeline.ENCODER_PROCESS_MIN_ARTICLES`` or more
articles encodes so and never loads torch, with the same report."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from claimcheck.errors import ModelError
from claimcheck.stages.embed.worker import ProcessEmbedder
from tests.conftest import SEED_DATES, SEEDS

pytestmark = pytest.mark.slow

TEXTS = [f"Officials said {n} people were evacuated from the flooded town of Alderwick on Tuesday." for n in range(70)] \
    + ["Kim Jong Un praised the letter he received from Donald Trump.", "The summit was held in Singapore."]


def test_embed_worker_gives_the_in_process_vectors_bit_for_bit(real_embedder) -> None:
    worker = ProcessEmbedder()
    try:
        assert worker.model_id == real_embedder.model_id
        want = real_embedder.encode(TEXTS)
        got = worker.encode(TEXTS)
        assert got.dtype == np.float32 and got.shape == want.shape and np.array_equal(got, want)
        worker.share(True)  # one torch thread fewer in the child, as beside extraction
        assert np.array_equal(worker.encode(TEXTS), want)
        worker.widen()  # read by the call's first batch: its batches on every thread
        assert np.array_equal(worker.encode(TEXTS), want)
        worker.widen()  # left unread: the next sharing forgets it
        worker.share(True)
        assert np.array_equal(worker.encode(TEXTS), want)
        worker.share(False)
        assert worker.encode([]).shape == (0, want.shape[1])
    finally:
        worker.close()
    assert not worker.running


def test_embed_worker_bad_model_path_is_the_in_process_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError) as caught:
        ProcessEmbedder(str(tmp_path / "no-model"))
    assert caught.value.slug == "model-path" and caught.value.path == str(tmp_path / "no-model")


def test_embed_worker_started_without_waiting_answers_once_loaded_and_a_bad_path_fails_at_first_use(
        real_embedder, tmp_path: Path) -> None:
    """``wait=False`` (``encoders.start_embedder``): the first call waits for the model and gets the same vectors; a
    bad model path is the same ``ModelError``, at the first call; a child closed while loading ends at once."""
    worker = ProcessEmbedder(wait=False)
    try:
        assert np.array_equal(worker.encode(TEXTS), real_embedder.encode(TEXTS))
        assert worker.model_id == real_embedder.model_id
    finally:
        worker.close()
    bad = ProcessEmbedder(str(tmp_path / "no-model"), wait=False)
    with pytest.raises(ModelError) as caught:
        bad.encode(["One sentence."])
    assert caught.value.slug == "model-path" and not bad.running
    loading = ProcessEmbedder(wait=False)
    loading.close()  # killed, not waited for: it had nothing to finish
    assert not loading.running


def test_embed_worker_closed_child_is_a_model_error_not_a_hang() -> None:
    worker = ProcessEmbedder()
    worker.close()
    worker.close()  # idempotent
    with pytest.raises(ModelError) as caught:
        worker.encode(["One sentence."])
    assert caught.value.slug == "model-process"


_RUN = """
import json, sys
import claimcheck.pipeline as pipeline
from claimcheck import api, render
pipeline.ENCODER_PROCESS_MIN_ARTICLES = int(sys.argv[1])
result = api.compare([sys.argv[2]], published=json.loads(sys.argv[3]))
sys.stdout.write(json.dumps({"torch": "torch" in sys.modules, "report": render(result, "json")}))
"""


def _run(threshold: int) -> dict:
    out = subprocess.run([sys.executable, "-c", _RUN, str(threshold), str(SEEDS), json.dumps(dict(SEED_DATES))],
                         capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parent.parent)
    return json.loads(out.stdout)


def test_pipeline_large_run_encodes_in_a_child_never_loads_torch_same_report() -> None:
    isolated, in_process = _run(2), _run(10_000)
    assert isolated["torch"] is False and in_process["torch"] is True
    assert isolated["report"] == in_process["report"]


def test_chunks_encoded_at_once_on_lanes_get_each_chunks_own_vectors_bit_for_bit(real_embedder) -> None:
    """``encode_many`` (in process and in the child) encodes chunks side by side, a thread and a model copy each:
    every chunk gets the vectors of its own ``encode`` call, and torch's thread count is put back."""
    import torch

    chunks = [TEXTS[:40], TEXTS[40:], TEXTS[5:12]]
    want = [real_embedder.encode(c) for c in chunks]
    threads = torch.get_num_threads()
    torch.set_num_threads(2)  # two lanes even on a one-core machine
    try:
        got = real_embedder.encode_many(chunks)
        assert torch.get_num_threads() == 2 and len(real_embedder._lanes) == 1  # one copy made for the second lane
    finally:
        torch.set_num_threads(threads)
    assert all(g.dtype == np.float32 and np.array_equal(g, w) for g, w in zip(got, want, strict=True))
    worker = ProcessEmbedder()
    try:
        got = worker.encode_many(chunks)
        told: list[tuple[int, np.ndarray]] = []
        streamed = worker.encode_many(chunks, each=lambda i, vecs: told.append((i, vecs)))
    finally:
        worker.close()
    assert all(np.array_equal(g, w) for g, w in zip(got, want, strict=True))
    # each chunk handed back as soon as it is done, once, with the same vectors
    assert sorted(i for i, _ in told) == [0, 1, 2]
    assert all(np.array_equal(vecs, want[i]) for i, vecs in told)
    assert all(np.array_equal(g, w) for g, w in zip(streamed, want, strict=True))


def test_a_failure_while_chunks_come_back_ends_the_child_and_the_next_run_gets_a_new_one() -> None:
    """The child's answers to the chunks left would be read as answers to the next call: it is ended at once, and
    ``get_embedder`` builds a new one."""
    from claimcheck.config import EmbeddingConfig
    from claimcheck.stages.embed.encoders import get_embedder, release_embedders

    config = EmbeddingConfig()
    worker = get_embedder(config, isolated=True)

    def stop(i: int, vecs: np.ndarray) -> None:
        raise KeyboardInterrupt

    try:
        with pytest.raises(KeyboardInterrupt):
            worker.encode_many([TEXTS[:30], TEXTS[30:]], each=stop)
        assert not worker.running
        again = get_embedder(config, isolated=True)
        assert again is not worker and again.running
        assert again.encode(TEXTS[:2]).shape == (2, 384)
    finally:
        release_embedders(isolated_only=True)
