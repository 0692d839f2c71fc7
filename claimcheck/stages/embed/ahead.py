"""Encoding alongside extraction: each article's claim texts are encoded on a background thread as soon as the
article is extracted, while spaCy goes on with the next ones (torch and spaCy's matrix code release the GIL, so
the two share the cores).

``EmbedAhead`` gives the vectors the pipeline's cached embedder (``claimcheck.cache.CachedEmbedder``) gives for the
same texts in the same order, bit for bit: the same distinct texts (by cache key, first occurrence first) are
looked up in the cache, and the missing ones are encoded in the same chunks, in the same order, by the same
encoder, then stored. It only starts a chunk once it has the texts that come before it in the final order, so it
needs the claims of every article (also those taken from the extraction cache) in the final article order; it is
told the article order up front and buffers articles that arrive early. The keys, the cache look-up and the
encoding of a chunk are the cached embedder's own (``key``, ``lookup``, ``encode_chunk``: a ``ChunkEncoder``),
handed in as an object (this stage imports no cache); only the order of the work is this module's.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import numpy as np


class ChunkEncoder(Protocol):
    """What ``EmbedAhead`` encodes through: ``claimcheck.cache.CachedEmbedder``."""

    chunk_size: int  # texts per encoder call

    def key(self, text: str) -> bytes:
        """A text's cache key (equal keys share one vector)."""
        ...

    def lookup(self, keys: list[bytes]) -> "dict[bytes, np.ndarray]":
        """The cached vectors of those keys that are stored."""
        ...

    def encode_chunk(self, keys: list[bytes], texts: list[str]) -> "np.ndarray":
        """Encode one chunk (one encoder call), store it; one row per text."""
        ...

    def encode_chunks(self, chunks: list[tuple[list[bytes], list[str]]], *,
                      each: "Callable[[int, np.ndarray], None] | None" = None) -> "list[np.ndarray]":
        """Encode several chunks, each as ``encode_chunk`` would (at once where the encoder can), store them;
        ``each(i, vectors)`` as soon as chunk ``i`` is done (when it raises, the rest is given up)."""
        ...


class EmbedAhead:
    """Encode the texts of articles handed in with ``add`` on a background thread; ``vectors`` waits for the end.

    ``order``: the article ids in the final order; ``encoder``: the run's cached embedder, whose keys, cache
    look-up and chunk encoding (which builds the model on first need, here on the background thread) are used,
    in chunks of its ``chunk_size``; ``on_chunk``: called on the background thread before each chunk with
    whether articles are still awaited (e.g. to give the encoder fewer threads while extraction runs), and with
    False once done when any text was encoded; ``on_wait``: called once by ``wait`` when a chunk is being encoded
    then (the encoder is built), on the caller's thread (e.g. to let the call under way take every core, the run
    having nothing else to do); ``release``: called once by ``release`` (e.g. to close the
    cache); ``prepare``: called once on the background thread as soon as some text is known to be missing from the
    cache (e.g. to build the encoder then, not once its first chunk is full); ``lanes``: above 1, every chunk left once
    extraction is over goes to the encoder in one call (``encode_chunks``, on up to that many lanes), each recorded
    as soon as it is done (while extraction runs, and with 1, one chunk at a time)."""

    def __init__(self, order: Sequence[str], *, encoder: ChunkEncoder,
                 on_chunk: Callable[[bool], None] | None = None, release: Callable[[], None] | None = None,
                 prepare: Callable[[], object] | None = None, lanes: int = 1,
                 on_wait: Callable[[], None] | None = None) -> None:
        self._position = {article_id: i for i, article_id in enumerate(order)}
        self._n_articles = len(order)
        self._encoder: ChunkEncoder | None = encoder
        self._on_chunk = on_chunk
        self._on_wait = on_wait
        self._release = release
        self._prepare = prepare
        self._lanes = max(1, lanes)
        self.chunk_size = encoder.chunk_size
        self._arrived: dict[int, list[str]] = {}
        self._cond = threading.Condition()
        self._stop = False
        self._error: BaseException | None = None
        self._keys: list[bytes] = []  # every text's key, in the final order
        self._queued: set[bytes] = set()  # distinct keys waiting in ``_missing``
        self._found: list[np.ndarray] = []  # vectors from the cache
        self._encoded: list[np.ndarray] = []  # the encoder's chunks, in order
        self._where: dict[bytes, tuple[int, int]] = {}  # key -> (0: cache / 1: encoded, row)
        self._missing: list[tuple[bytes, str]] = []  # distinct keys not cached and not yet encoded, in order
        self.encoded = 0  # texts encoded
        self.distinct = 0  # distinct keys seen
        self._next = 0  # the position of the next article to take
        self._added = 0  # texts handed in
        self._no_more = False  # ``vectors`` was called: nothing more will be handed in
        self._prepare_soon = False  # ``expect_missing`` was called: ``prepare`` before any text arrives
        self._in_call = False  # the encoder is encoding chunks now
        self._thread = threading.Thread(target=self._run, name="claimcheck-embed-ahead", daemon=True)
        self._thread.start()

    def add(self, article_id: str, texts: list[str]) -> None:
        """Hand in one article's claim texts, in their final order (an article id from ``order``, once)."""
        with self._cond:
            self._arrived[self._position[article_id]] = list(texts)
            self._added += len(texts)
            self._cond.notify()

    def expect_missing(self) -> None:
        """Some texts to come are surely not in the cache (their articles' claims are new): ``prepare`` now, on the
        background thread, instead of once the first of them arrives (the encoder's start overlaps the parse of
        the first articles instead of following it)."""
        with self._cond:
            self._prepare_soon = True
            self._cond.notify()

    @property
    def encoding(self) -> bool:
        """Whether some text handed in is missing from the cache and not yet encoded, or being encoded now (a hint
        for scheduling other work meanwhile: texts not yet looked up in the cache do not count)."""
        return (bool(self._missing) or self._in_call) and self._thread.is_alive()

    @property
    def n_texts(self) -> int:
        """Texts handed in so far."""
        return self._added

    def close(self) -> None:
        """Stop the background thread (after the chunk it is encoding) without waiting for the rest; ``release``."""
        with self._cond:
            self._stop = True
            self._cond.notify()
        self._thread.join()
        self.release()

    def release(self) -> None:
        """Let go of the encoder and the functions handed in (so that a model no one else holds can be freed),
        calling ``release`` once; after ``vectors`` or ``close``."""
        self._encoder = self._on_chunk = self._prepare = self._on_wait = None
        release, self._release = self._release, None
        if release is not None:
            release()

    def wait(self, *, progress: Callable[[int, int], None] | None = None) -> bool:
        """Wait until every article's texts are encoded; whether ``vectors`` will give them (False when some article
        of ``order`` was never handed in, or none was). Re-raises what failed on the background thread.
        ``progress(done, total)``: distinct texts placed so far, reported while waiting. The encoder is no longer
        used once this returns: a caller lets go of it (``release``) before ``vectors`` assembles the whole array, so
        that the model and that array are never held at once."""
        with self._cond:
            self._no_more = True
            self._cond.notify()
        on_wait, self._on_wait = self._on_wait, None
        if on_wait is not None and self._in_call:
            on_wait()
        while self._thread.is_alive():
            self._thread.join(0.25)
            if progress is not None:
                progress(len(self._where) - len(self._missing), max(self.distinct, 1))
        if self._error is not None:
            raise self._error
        return self._next >= self._n_articles and bool(self._keys)

    def vectors(self, *, progress: Callable[[int, int], None] | None = None) -> "np.ndarray | None":
        """Wait until every article's texts are encoded (``wait``); their vectors, one row per text in the final
        order (None when some article of ``order`` was never handed in, or none was)."""
        import numpy as np

        if not self.wait(progress=progress):
            return None
        dim = (self._found[0] if self._found else self._encoded[0][0]).shape[-1]
        out = np.empty((len(self._keys), dim), dtype=np.float32)
        for i, k in enumerate(self._keys):
            src, row = self._where[k]
            out[i] = self._found[row] if src == 0 else self._encoded[row // self.chunk_size][row % self.chunk_size]
        # the chunks, and every text's key and place (~40 MB at 10,000 articles): not needed once assembled
        self._found, self._encoded, self._keys, self._where = [], [], [], {}
        return out

    # the background thread

    def _next_articles(self) -> list[str] | None:
        """The texts of the next articles in order that have arrived (waiting for the first), or None once all are
        taken or on ``close``; no text (an empty list) when ``prepare`` is due first (``expect_missing``)."""
        with self._cond:
            while not (self._stop or self._no_more) and self._next not in self._arrived \
                    and self._next < self._n_articles and not self._prepare_due():
                self._cond.wait()
            if self._stop:
                return None
            if self._next not in self._arrived:
                return [] if self._prepare_due() and not self._no_more else None
            return self._arrived_in_order()

    def _arrived_in_order(self) -> list[str]:
        """The texts of the next articles in order that have arrived (none waited for), taken; with ``_cond``
        held."""
        texts: list[str] = []
        while self._next in self._arrived:
            texts.extend(self._arrived.pop(self._next))
            self._next += 1
        return texts

    def _pending(self) -> bool:
        """Whether extraction is still running: some article has not been handed in (``wait`` not yet called).
        Articles handed in but not yet taken (this thread's backlog when extraction outruns the encoder) do not
        count: once extraction is over, the encoder gets its cores back for the rest."""
        with self._cond:
            return not self._no_more and self._next + len(self._arrived) < self._n_articles

    def _run(self) -> None:
        try:
            while True:
                texts = self._next_articles()
                if texts is None:
                    break
                self._take(texts)
                if (self._missing or self._prepare_soon) and self._prepare is not None:
                    prepare, self._prepare = self._prepare, None
                    prepare()
                while not self._stop and self._encode():
                    pass
            if self._on_chunk is not None and self.encoded:
                self._on_chunk(False)  # extraction is over: e.g. the encoder's threads back
        except _Stopped:  # ``close``: nothing more is wanted
            pass
        except BaseException as exc:  # handed to the caller by ``vectors``
            self._error = exc

    def _prepare_due(self) -> bool:
        return self._prepare_soon and self._prepare is not None

    def _take(self, texts: list[str]) -> None:
        """Record an article's keys; look the new distinct ones up in the cache; queue the missing ones."""
        encoder = self._encoder
        assert encoder is not None  # released only after the background thread is done
        new: dict[bytes, str] = {}
        for text in texts:
            k = encoder.key(text)
            self._keys.append(k)
            if k not in self._where and k not in self._queued and k not in new:
                new[k] = text
        if not new:
            return
        self.distinct += len(new)
        found = encoder.lookup(list(new))
        for k, text in new.items():
            vec = found.get(k)
            if vec is not None:
                self._where[k] = (0, len(self._found))
                self._found.append(vec)
            else:
                self._queued.add(k)
                self._missing.append((k, text))

    def _encode(self) -> bool:
        """Encode the next chunks of missing texts: full chunks of ``chunk_size`` in order (the last one shorter
        once every article is taken), one at a time while extraction runs; after it, with ``lanes`` > 1, every
        chunk left in one call, each recorded as soon as it is done (a lane that is done with one takes the next:
        calls of one chunk per lane left one lane waiting for the other at the end of each). Record where each
        vector is. Whether any chunk was ready."""
        encoder = self._encoder
        assert encoder is not None  # released only after the background thread is done
        pending = self._pending()
        if not pending and self._lanes > 1:
            # every article is handed in: those not yet taken (they arrived while a chunk was encoded) are taken
            # now, so that the one call gets every chunk left, the short last one too
            with self._cond:
                texts = self._arrived_in_order()
            if texts:
                self._take(texts)
        final = self._next >= self._n_articles  # no more texts will come: the last chunk may be short
        sizes: list[int] = []
        left = len(self._missing)
        most = 1 if pending or self._lanes == 1 else len(self._missing)
        while len(sizes) < most and (left >= self.chunk_size or (final and left)):
            sizes.append(min(self.chunk_size, left))
            left -= sizes[-1]
        if not sizes:
            return False
        if self._on_chunk is not None:
            self._on_chunk(pending)
        chunks = []
        self._in_call = True  # before the chunks leave ``_missing``: ``encoding`` is never briefly False
        for n in sizes:
            chunk, self._missing = self._missing[:n], self._missing[n:]
            chunks.append(chunk)
        first = len(self._encoded)
        self._encoded.extend([None] * len(chunks))  # type: ignore[list-item]  # each filled by ``record``

        def record(i: int, vecs: "np.ndarray") -> None:
            if self._stop:
                raise _Stopped
            self._encoded[first + i] = vecs
            base = (first + i) * self.chunk_size
            for j, (k, _) in enumerate(chunks[i]):
                self._where[k] = (1, base + j)
                self._queued.discard(k)
            self.encoded += len(chunks[i])

        try:
            if len(chunks) == 1:
                record(0, encoder.encode_chunk([k for k, _ in chunks[0]], [text for _, text in chunks[0]]))
            else:
                encoder.encode_chunks([([k for k, _ in chunk], [text for _, text in chunk]) for chunk in chunks],
                                      each=record)
        finally:
            self._in_call = False
        return True


class _Stopped(Exception):
    """``close`` was called while chunks were being encoded: the rest is given up."""
