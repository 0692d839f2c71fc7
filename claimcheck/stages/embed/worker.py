"""The sentence-transformers encoder in a child process of its own, so that torch never loads in the run's process.

Importing torch and sentence-transformers costs a process about 300 MB that stays after the model is let go
(module code and tables, not the weights); in a large run that memory would sit beside the claims, vectors and
findings through clustering and comparison. ``ProcessEmbedder`` loads the model in a spawned child instead, sends
it each chunk's texts and gets the vectors back; when it is closed the child exits and its memory goes with it.
The child runs the very ``SentenceTransformerEmbedder`` a run would build in process, with the same thread
settings (``share_cores``), so the vectors are the same, bit for bit.
"""

from __future__ import annotations

import os
import subprocess
import sys
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimcheck.config import EmbeddingConfig
from claimcheck.errors import ModelError

if TYPE_CHECKING:
    from collections.abc import Callable

    import numpy as np


def _drain(fd: int) -> bool:
    """Whether anything was written to the (non-blocking) pipe ``fd`` since the last call; reads it all."""
    woken = False
    try:
        while os.read(fd, 64):
            woken = True
    except BlockingIOError:
        pass
    except OSError:  # the parent's end is gone: the loop below ends at the next message
        pass
    return woken


def _serve(inbox: Connection, outbox: Connection, wake: int, model_path: str | None, batch_size: int) -> None:
    """The child's loop: load the model, then answer each message until told to close or the parent goes. A byte
    on ``wake`` (``ProcessEmbedder.widen``, written while a call is under way) widens that call."""
    from claimcheck.stages.embed.encoders import SentenceTransformerEmbedder, share_cores

    try:
        embedder = SentenceTransformerEmbedder(model_path, batch_size=batch_size)
    except ModelError as exc:
        outbox.send(("error", exc.message, exc.path, exc.slug))
        return
    os.set_blocking(wake, False)
    embedder.wake = lambda: _drain(wake)
    outbox.send(("ready", embedder.model_id))
    while True:
        try:
            op, arg = inbox.recv()
        except (EOFError, OSError):  # the run's process went away
            return
        if op == "close":
            return
        try:
            if op in ("encode", "encode_many"):
                outbox.send(("vectors", embedder.encode(arg) if op == "encode" else embedder.encode_many(arg)))
                trim_heap()  # torch's freed batch buffers back to the system, not kept by the C heap
            elif op == "encode_each":  # each chunk's vectors sent as soon as they are done, then an end mark
                def each(i: int, vecs: "np.ndarray") -> None:
                    outbox.send(("chunk", i, vecs))
                    trim_heap()  # after each chunk, as after each call of the others: one call holds them all

                embedder.encode_many(arg, each=each)
                outbox.send(("vectors", None))
            elif op == "share":
                if arg:
                    _drain(wake)  # a wake-up meant for a call of an earlier sharing
                share_cores(embedder, sharing=arg)
                outbox.send(("done", None))
        except Exception as exc:  # any failure is reported to the run's process as a ModelError
            outbox.send(("error", f"the encoder failed: {type(exc).__name__}: {exc}", model_path, "model-encode"))


_LIBC: list[Any] = []  # the C library, once looked up (``find_library`` runs ``ldconfig``)


def trim_heap() -> None:
    """Return the C heap's freed pages to the system (glibc's ``malloc_trim``; nothing elsewhere). The encoder's
    child calls it after each chunk, the pipeline between a large run's stages. On 1,100 benchmark sentences in chunks of 512 the
    child held 674-681 MB after each chunk without it, 533-650 MB with it."""
    import ctypes
    import ctypes.util

    try:
        if not _LIBC:
            _LIBC.append(ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6"))
        _LIBC[0].malloc_trim(0)
    except (OSError, AttributeError):
        pass


def main(argv: list[str] | None = None) -> None:
    """The child's entry point: ``INBOX_FD OUTBOX_FD WAKE_FD MODEL_PATH BATCH_SIZE`` (an empty path: the default
    model). Ends the process once the run's process closes it or goes away."""
    inbox_fd, outbox_fd, wake_fd, model_path, batch_size = argv if argv is not None else sys.argv[1:]
    _serve(Connection(int(inbox_fd), writable=False), Connection(int(outbox_fd), readable=False), int(wake_fd),
           model_path or None, int(batch_size))
    # the child has nothing to flush or clean up: ending at once skips the interpreter's teardown of torch's modules,
    # which the run's process waited for in ``close`` (2.0 s after encoding 600 sentences)
    os._exit(0)


class ProcessEmbedder:
    """A local sentence-transformers model loaded and run in a child process (``encode`` and ``share`` go to
    it; ``close`` ends it). A model that cannot be loaded is a ``ModelError`` here, as in process.

    The child is a new interpreter (``python -c``) talking over two pipes of its own, not a ``multiprocessing``
    child: spawning one re-runs the caller's main script, which a script without an ``if __name__ ==
    "__main__"`` guard does not survive, and forking a process that runs threads is unsafe."""

    def __init__(self, model_path: str | None = None, *, batch_size: int = EmbeddingConfig.batch_size,
                 wait: bool = True) -> None:
        """Start the child; with ``wait`` (the default) wait until its model is loaded (``model_id`` set, a
        ``ModelError`` here). ``wait=False``: go on at once; the first answer awaited (or ``model_id``) waits for
        the model first, and a model that cannot be loaded is the ``ModelError`` then (``encoders.start_embedder``:
        the model loads while the run loads its articles)."""
        self._model_path = model_path
        self._ready = False  # the child's first answer (its model loaded, or not) is read
        inbox, to_child = os.pipe()  # the child reads its inbox, this process writes to it
        from_child, outbox = os.pipe()  # the child writes its outbox, this process reads it
        wake, self._wake = os.pipe()  # ``widen``: a byte the child reads between batches, not a message
        os.set_blocking(self._wake, False)
        package_root = str(Path(__file__).resolve().parents[3])  # the directory holding ``claimcheck``
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH"))
                                                           if p)}
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-c", "from claimcheck.stages.embed.worker import main; main()",
                 str(inbox), str(outbox), str(wake), model_path or "", str(batch_size)],
                pass_fds=(inbox, outbox, wake), env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        except BaseException:
            os.close(self._wake)
            raise
        finally:
            os.close(inbox)
            os.close(outbox)
            os.close(wake)
        self._send = Connection(to_child, readable=False)
        self._recv = Connection(from_child, writable=False)
        self._model_id = ""
        if wait:
            self._answer(ready_only=True)

    @property
    def model_id(self) -> str:
        """The model's id, as the in-process embedder gives it (once the child has loaded it)."""
        self._answer(ready_only=True)
        return self._model_id

    def _answer(self, partial: tuple[str, ...] = (), *, ready_only: bool = False) -> Any:
        """The child's next answer's value, after its first (its model loaded) when not yet read; for a kind in
        ``partial`` (a chunk of ``encode_each``), its values. ``ready_only``: only the first, when not yet read."""
        if not self._ready:
            self._ready = True
            self._model_id = str(self._answer())
        if ready_only:
            return None
        try:
            kind, *rest = self._recv.recv()
        except (EOFError, OSError):
            code = self._process.wait()
            self.close()
            raise ModelError(f"the encoder process ended (exit code {code})", path=self._model_path,
                             slug="model-process") from None
        if kind == "error":
            message, path, slug = rest
            self.close()
            raise ModelError(message, path=path, slug=slug)
        return tuple(rest) if kind in partial else rest[0]

    def _post(self, op: str, arg: Any) -> None:
        try:
            self._send.send((op, arg))
        except (OSError, ValueError):  # the child is gone (or this embedder was closed)
            pass  # _answer names it

    def _call(self, op: str, arg: Any) -> Any:
        self._post(op, arg)
        return self._answer()

    def encode(self, texts: list[str]) -> "np.ndarray":
        """The texts' unit vectors (float32, one row per text), encoded in the child."""
        return self._call("encode", list(texts))

    def encode_many(self, chunks: list[list[str]], *,
                    each: "Callable[[int, np.ndarray], None] | None" = None) -> "list[np.ndarray]":
        """Each chunk's vectors, the chunks encoded at once on lanes of their own in the child (its
        ``SentenceTransformerEmbedder.encode_many``). ``each(i, vectors)`` is called here as soon as the child has
        sent chunk ``i`` back; when it raises, the child (busy with the other chunks) is ended, and this embedder
        with it (``running`` is then False), and the error is raised."""
        if each is None:
            return self._call("encode_many", [list(c) for c in chunks])
        self._post("encode_each", [list(c) for c in chunks])
        out: list[Any] = [None] * len(chunks)
        try:
            while True:
                got = self._answer(("chunk",))
                if got is None:  # the end mark
                    return out
                i, vecs = got
                out[i] = vecs
                each(i, vecs)
        except BaseException:
            self.close(wait=False)  # its answers to the rest would be read as answers to the next call
            raise

    def share(self, sharing: bool) -> None:
        """``share_cores`` in the child: one torch thread fewer while extraction runs beside it."""
        self._call("share", sharing)

    def widen(self) -> None:
        """``SentenceTransformerEmbedder.widen`` in the child, for the call under way there (a byte on a pipe of its
        own, read before each batch: the call's answer is still awaited on the other). Never blocks."""
        try:
            os.write(self._wake, b"w")
        except OSError:  # the pipe is full (the child has not read it yet) or gone
            pass

    @property
    def running(self) -> bool:
        """Whether the child is still there."""
        return self._process.poll() is None

    def close(self, *, wait: bool = True) -> None:
        """End the child (its model and torch go with it); idempotent. ``wait=False``: at once, even in the middle
        of a call; so is a child still loading its model (it has nothing to finish)."""
        wait = wait and self._ready
        if self._process.poll() is None:
            try:
                self._send.send(("close", None))
            except (OSError, ValueError):
                pass
            try:
                self._process.wait(timeout=10 if wait else 0)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._send.close()
        self._recv.close()
        if self._wake >= 0:
            os.close(self._wake)
            self._wake = -1
