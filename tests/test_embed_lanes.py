"""``SentenceTransformerEmbedder.encode_many``: which lane encodes which chunk (no model: a stand-in that records)."""

from __future__ import annotations

import threading
import time

import numpy as np

from claimcheck.stages.embed.encoders import SentenceTransformerEmbedder


class _Recorder:
    """Stands in for a SentenceTransformer: encodes a chunk whose first text starts with "slow" after a pause, and records
    which copy of itself encoded which chunk (copies are made by ``encode_many`` with ``copy.deepcopy``)."""

    def __init__(self, log: list[tuple[int, str]], lock: threading.Lock) -> None:
        self.log, self.lock = log, lock

    def __deepcopy__(self, memo: dict) -> "_Recorder":
        return _Recorder(self.log, self.lock)

    def encode(self, texts: list[str], **_: object) -> np.ndarray:
        if texts[0].startswith("slow"):
            time.sleep(0.5)
        with self.lock:
            self.log.append((id(self), texts[0]))
        return np.full((len(texts), 4), float(len(texts[0])), dtype=np.float32)


def test_a_lane_takes_the_next_longest_chunk_as_soon_as_it_is_free_not_every_other_one_encoders() -> None:
    import torch

    log: list[tuple[int, str]] = []
    embedder = SentenceTransformerEmbedder.__new__(SentenceTransformerEmbedder)
    embedder._model, embedder._lanes, embedder.batch_size = _Recorder(log, threading.Lock()), [], 32
    chunks = [["two"], ["slowest"], ["three"], ["four"]]
    threads = torch.get_num_threads()
    torch.set_num_threads(2)  # two lanes even on a one-core machine
    try:
        got = embedder.encode_many(chunks)
    finally:
        torch.set_num_threads(threads)
    # longest first: one lane took the slow chunk, the longest, and no other; the other lane encoded the rest, the
    # longest first
    slow_lane = next(lane for lane, first in log if first == "slowest")
    assert [first for lane, first in log if lane == slow_lane] == ["slowest"]
    assert [first for lane, first in log if lane != slow_lane] == ["three", "four", "two"]
    assert [g[0, 0] for g in got] == [3.0, 7.0, 5.0, 4.0]  # each chunk's own vectors, in the chunks' order
