"""``SentenceTransformerEmbedder.encode_many``: which lane encodes which chunk (no model: a stand-in that records)."""

from __future__ import annotations

import threading
from collections.abc import Callable
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


class _Batched(_Recorder):
    """A stand-in that encodes in two batches, each after the forward pre-hooks (as ``SentenceTransformer.encode``
    calls the model once per batch), and records the torch threads its thread had at each batch."""

    def __init__(self, log: list[tuple[int, str]], lock: threading.Lock) -> None:
        super().__init__(log, lock)
        self.hooks: list = []
        self.threads: list[tuple[str, int]] = []

    def __deepcopy__(self, memo: dict) -> "_Batched":
        twin = _Batched(self.log, self.lock)
        twin.threads = self.threads
        return twin

    def register_forward_pre_hook(self, hook: Callable) -> object:
        self.hooks.append(hook)
        hooks = self.hooks

        class _Handle:
            def remove(self) -> None:
                hooks.remove(hook)
        return _Handle()

    def encode(self, texts: list[str], **kw: object) -> np.ndarray:
        import torch

        for batch in range(2):
            for hook in list(self.hooks):
                hook(self, ())
            with self.lock:
                self.threads.append((texts[0], torch.get_num_threads()))
            if batch == 0 and texts[0].startswith("slow"):
                time.sleep(0.5)
        return super().encode(texts, **kw)


def test_the_last_lane_still_encoding_takes_every_thread_for_its_next_batches_encoders() -> None:
    """Once the other lane has no chunk left, the lane still at work raises its own thread's torch threads before
    its next batch (a thread count set from another thread changes nothing in a call under way); every count is
    put back after the call, and no hook is left on the models."""
    import torch

    embedder = SentenceTransformerEmbedder.__new__(SentenceTransformerEmbedder)
    model = _Batched([], threading.Lock())
    embedder._model, embedder._lanes, embedder.batch_size = model, [], 32
    threads = torch.get_num_threads()
    torch.set_num_threads(2)  # two lanes even on a one-core machine
    try:
        got = embedder.encode_many([["slowest"], ["two"]])
        assert torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(threads)
    assert [g[0, 0] for g in got] == [7.0, 3.0]
    # the short chunk's two batches and the slow one's first ran on one thread each; the slow chunk's second batch,
    # after the other lane was done, on both
    assert sorted(model.threads) == [("slowest", 1), ("slowest", 2), ("two", 1), ("two", 1)]
    assert model.threads[-1] == ("slowest", 2)
    assert model.hooks == [] and embedder._lanes[0].hooks == []


def test_a_call_on_narrowed_threads_takes_every_thread_once_widened_or_woken_encoders(monkeypatch) -> None:
    """``share_cores(sharing=True)`` narrows the threads beside extraction; ``widen`` (or the child's ``wake``
    saying so) before a batch gives that batch and the next ones every thread; the hook is gone after the call, and
    the next sharing starts narrow again."""
    import torch

    from claimcheck.stages.embed import encoders

    embedder = SentenceTransformerEmbedder.__new__(SentenceTransformerEmbedder)
    model = _Batched([], threading.Lock())
    embedder._model, embedder._lanes, embedder.batch_size, embedder._wide, embedder.wake = model, [], 32, False, None
    threads = torch.get_num_threads()
    monkeypatch.setattr(encoders, "_TORCH_THREADS", [2])
    try:
        encoders.share_cores(embedder, sharing=True)
        embedder.encode(["plain"])  # never widened: both batches on one thread
        polls = iter([False, True])
        embedder.wake = lambda: next(polls)  # woken before the second batch
        embedder.encode(["woken"])
        encoders.share_cores(embedder, sharing=True)
        embedder.wake = None
        encoders.widen_cores(embedder)  # before the call: every batch
        embedder.encode(["widened"])
        encoders.share_cores(embedder, sharing=True)  # a new sharing: narrow again
        embedder.encode(["again"])
    finally:
        torch.set_num_threads(threads)
    assert model.threads == [("plain", 1), ("plain", 1), ("woken", 1), ("woken", 2), ("widened", 2),
                             ("widened", 2), ("again", 1), ("again", 1)]
    assert model.hooks == []
