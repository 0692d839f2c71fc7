"""A persistent corpus index: articles extracted and embedded once, then reused by ``compare``/``check``.

A store is a directory holding ``store.sqlite`` (SQLite, WAL): the ``meta`` table (schema version, model
id, a hash of the config sections that shape claims and vectors, the extraction code fingerprint), one row
per article (its fields as JSON and a content hash), one row per claim (every Claim field; slots and
occurrences as JSON) and one float32 blob of claim vectors per article. ``vectors.npy`` next to it is
the nearest-neighbour file: every stored claim vector in (source, start, id) order, rewritten after each
``index`` run and memory-mapped by readers.

``index_corpus`` is incremental: articles whose content hash is already stored are skipped, changed
ones are re-extracted and re-embedded, removed ones are dropped. The work itself is the pipeline's
stage functions (``load_articles``, ``extract_all``, ``embed_claims``) run over partitions of the
changed articles, in this process or on a Dask cluster (``claimcheck.distributed``); only the client
writes to the store.

A store built with another embedding model, another load/extract/embedding config, another schema or by
another version of the extraction code is refused (``store-mismatch`` / ``store-stale``), never mixed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimcheck.config import Config
from claimcheck.errors import StoreError, UsageError
from claimcheck.models import Article, Claim, DateSlot, EntitySlot, NumberSlot, RunResult, Slots
from claimcheck.pipeline import Progress, ValueSharer, _noop

if TYPE_CHECKING:
    import numpy as np

    from claimcheck.stages.embed.encoders import Embedder

SCHEMA_VERSION = 1
DB_NAME = "store.sqlite"
VECTORS_NAME = "vectors.npy"
ROWS_NAME = "vectors.json"


# --- identity of a store -------------------------------------------------------------------------------------

def config_hash(config: Config) -> str:
    """A hash of the settings that shape stored claims and vectors: the load section (which first line is a
    title, the language check), the extract section and the embedding backend and model path (``batch_size``
    changes no vector and is left out)."""
    emb = config.embedding
    model_path = os.path.abspath(emb.model_path) if emb.model_path else None
    data = {"load": dataclasses.asdict(config.load), "extract": dataclasses.asdict(config.extract),
            "embedding": {"backend": emb.backend, "model_path": model_path}}
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode("utf-8")).hexdigest()[:16]


def model_id_for(config: Config, embedder: "Embedder | None" = None) -> str:
    """The model id vectors are made with: the given embedder's, else the configured one's (no model load)."""
    if embedder is not None:
        return embedder.model_id
    from claimcheck.cache import config_model_id

    return config_model_id(config.embedding)


def expected_meta(config: Config, embedder: "Embedder | None" = None) -> dict[str, str]:
    """The meta values a store must hold to be used with this config and embedder."""
    from claimcheck.cache import extraction_fingerprint

    return {"schema_version": str(SCHEMA_VERSION), "model_id": model_id_for(config, embedder),
            "config_hash": config_hash(config), "extract_code": extraction_fingerprint()}


def article_hash(article: Article) -> str:
    """The content hash of a loaded article: its text and every metadata field (a changed date re-extracts)."""
    data = json.dumps(dataclasses.asdict(article), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:24]


# --- (de)serialisation ---------------------------------------------------------------------------------------

def claim_to_row(claim: Claim, ord_: int) -> tuple:
    """The claims-table row of a claim (slots and occurrences as JSON; a claim with ``gaps`` stores them with its
    occurrences, as {"occurrences": [...], "gaps": [...]}, so the table keeps its columns)."""
    occurrences = [list(o) for o in claim.occurrences]
    return (claim.source, ord_, claim.id, claim.text, claim.start, claim.end, claim.kind,
            json.dumps(dataclasses.asdict(claim.slots), ensure_ascii=False),
            json.dumps({"occurrences": occurrences, "gaps": [list(g) for g in claim.gaps]} if claim.gaps
                       else occurrences))


def claim_from_row(row: tuple) -> Claim:
    """The Claim a claims-table row holds (equal to the one stored)."""
    source, _, cid, text, start, end, kind, slots_json, occ_json = row
    s = json.loads(slots_json)
    slots = Slots(**{**s, "dates": tuple(DateSlot(**d) for d in s.get("dates", ())),
                     "numbers": tuple(NumberSlot(**n) for n in s.get("numbers", ())),
                     "entities": tuple(EntitySlot(**e) for e in s.get("entities", ())),
                     "described": None if s.get("described") is None else
                     tuple((noun, tuple(tuple(w) for w in ws)) for noun, ws in s["described"])})
    occ = json.loads(occ_json)
    gaps = occ.get("gaps", []) if isinstance(occ, dict) else []
    occ = occ["occurrences"] if isinstance(occ, dict) else occ
    return Claim(id=cid, source=source, text=text, start=start, end=end, slots=slots,
                 occurrences=tuple(tuple(o) for o in occ), kind=kind, gaps=tuple(tuple(g) for g in gaps))


# --- the store -----------------------------------------------------------------------------------------------

class Store:
    """One store directory, opened for reading or writing (``with Store(path) as s: ...``)."""

    def __init__(self, directory: str | Path, *, create: bool = False) -> None:
        self.directory = Path(directory)
        self.path = self.directory / DB_NAME
        if not self.path.is_file():
            if not create:
                raise StoreError("no claimcheck store here (build one with: claimcheck index CORPUS... --store DIR)",
                                 path=str(directory), slug="store-missing")
            if self.directory.exists() and not self.directory.is_dir():
                raise StoreError("is not a directory", path=str(directory), slug="store-unwritable")
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, timeout=60.0, isolation_level=None)
            self.conn.execute("PRAGMA busy_timeout=60000")
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.executescript(
                "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                "CREATE TABLE IF NOT EXISTS articles (id TEXT PRIMARY KEY, path TEXT NOT NULL, hash TEXT NOT NULL,"
                " published TEXT, n_claims INTEGER NOT NULL, data TEXT NOT NULL);"
                "CREATE TABLE IF NOT EXISTS claims (source TEXT NOT NULL, ord INTEGER NOT NULL, id TEXT NOT NULL,"
                " text TEXT NOT NULL, start INTEGER NOT NULL, \"end\" INTEGER NOT NULL, kind TEXT NOT NULL,"
                " slots TEXT NOT NULL, occurrences TEXT NOT NULL, PRIMARY KEY (source, ord)) WITHOUT ROWID;"
                "CREATE TABLE IF NOT EXISTS vectors (source TEXT PRIMARY KEY, dim INTEGER NOT NULL,"
                " vec BLOB NOT NULL);")
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open the store: {exc}", path=str(directory), slug="store-unreadable") from None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the database connection."""
        self.conn.close()

    def meta(self) -> dict[str, str]:
        """Every meta key and value."""
        return dict(self.conn.execute("SELECT key, value FROM meta"))

    def check(self, expected: dict[str, str], *, allow_stale_code: bool = False) -> None:
        """Refuse a store built with another schema, model or config (``store-mismatch``), or by another
        version of the extraction code (``store-stale``, unless ``allow_stale_code``)."""
        meta = self.meta()
        if not meta:
            return
        what = {"schema_version": "schema version", "model_id": "embedding model", "config_hash":
                "load/extract/embedding config"}
        for key, label in what.items():
            if meta.get(key) != expected[key]:
                raise StoreError(f"store was built with {label} {meta.get(key)!r}, this run uses {expected[key]!r}; "
                                 "rebuild it (claimcheck index ... --store DIR --rebuild) or use a matching config",
                                 path=str(self.directory), slug="store-mismatch")
        if not allow_stale_code and meta.get("extract_code") != expected["extract_code"]:
            raise StoreError("store was built by another version of claimcheck's extraction; re-run "
                             "claimcheck index on the corpus to refresh it", path=str(self.directory),
                             slug="store-stale")

    def hashes(self) -> dict[str, tuple[str, str]]:
        """Stored article id -> (path, content hash)."""
        return {i: (p, h) for i, p, h in self.conn.execute("SELECT id, path, hash FROM articles")}

    def articles(self, ids: list[str] | None = None) -> list[Article]:
        """The stored articles (all, or those ``ids``), sorted by id."""
        rows = self._select("SELECT data FROM articles", "id", ids)
        return sorted((Article(**json.loads(d)) for (d,) in rows), key=lambda a: a.id)

    def claims_and_vectors(self, ids: list[str] | None = None) -> tuple[list[Claim], "np.ndarray"]:
        """The stored claims (all, or of the articles ``ids``) in (source, start, id) order and their vectors."""
        import numpy as np

        # each claim's values are shared as soon as it is read: the whole store's claims are never held unshared
        # (about 40% more memory: pipeline.ValueSharer)
        share = ValueSharer().share
        claims = [share([claim_from_row(r)])[0] for r in self._select(
            'SELECT source, ord, id, text, start, "end", kind, slots, occurrences FROM claims', "source", ids)]
        order = sorted(range(len(claims)), key=lambda i: (claims[i].source, claims[i].start, claims[i].id))
        to = np.empty(len(claims), dtype=np.intp)  # each claim's row in the answer
        to[order] = np.arange(len(claims))
        held: dict[str, list[int]] = {}  # a source's claims, in (source, ord) order: ord is the row in its blob
        for i, c in enumerate(claims):
            held.setdefault(c.source, []).append(i)
        # each source's blob is copied into its rows of one array and let go of: the whole store's blobs are never
        # held beside the array (at 10,000 articles each is ~0.4 GB)
        vectors, dim = None, 0
        for src, width, vec in self._select("SELECT source, dim, vec FROM vectors", "source", ids):
            if width <= 0:
                continue
            dim = dim or width
            if src in held:
                if vectors is None:
                    vectors = np.empty((len(claims), width), dtype=np.float32)
                mine = held.pop(src)
                vectors[to[mine]] = np.frombuffer(vec, dtype="<f4").reshape(-1, width)[:len(mine)]
        if held:  # a source with claims and no vectors: the store is damaged
            raise KeyError(next(iter(held)))
        return [claims[i] for i in order], vectors if vectors is not None else np.zeros((0, dim), np.float32)

    def _select(self, sql: str, column: str, ids: list[str] | None) -> Iterator[tuple]:
        if ids is None:
            yield from self.conn.execute(sql + f" ORDER BY {column}")
            return
        ids = sorted(set(ids))
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            yield from self.conn.execute(sql + f" WHERE {column} IN ({','.join('?' * len(chunk))}) ORDER BY {column}",
                                         chunk)

    def write(self, *, meta: dict[str, str], remove: list[str],
              results: list[tuple[Article, list[Claim], "np.ndarray"]]) -> None:
        """In one transaction: set the meta values, drop the ``remove`` articles, (re)write ``results``."""
        import numpy as np

        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            c.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", sorted(meta.items()))
            gone = sorted(set(remove) | {a.id for a, _, _ in results})
            for table, col in (("articles", "id"), ("claims", "source"), ("vectors", "source")):
                c.executemany(f"DELETE FROM {table} WHERE {col} = ?", [(i,) for i in gone])
            for article, claims, vectors in results:
                c.execute("INSERT INTO articles (id, path, hash, published, n_claims, data) VALUES (?, ?, ?, ?, ?, ?)",
                          (article.id, article.path, article_hash(article), article.published, len(claims),
                           json.dumps(dataclasses.asdict(article), ensure_ascii=False)))
                c.executemany('INSERT INTO claims (source, ord, id, text, start, "end", kind, slots, occurrences) '
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [claim_to_row(x, k) for k, x in enumerate(claims)])
                vecs = np.ascontiguousarray(vectors, dtype="<f4")
                c.execute("INSERT INTO vectors (source, dim, vec) VALUES (?, ?, ?)",
                          (article.id, int(vecs.shape[1]) if vecs.ndim == 2 else 0, vecs.tobytes()))
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def write_vector_file(self) -> int:
        """Rewrite ``vectors.npy`` (all claim vectors, (source, start, id) order) and ``vectors.json`` (the
        article of each run of rows: [[id, rows], ...]) atomically; the row count."""
        import numpy as np

        # the order and the vectors without building every Claim (a 10,000-article store holds ~250,000): the
        # claims' sort keys, then one article's vector blob at a time into one preallocated matrix
        keys = self.conn.execute('SELECT source, start, id FROM claims ORDER BY source, ord').fetchall()
        order = sorted(range(len(keys)), key=keys.__getitem__)
        rank = np.empty(len(keys), dtype=np.int64)
        rank[order] = np.arange(len(keys))
        first: dict[str, int] = {}
        for i, (source, _, _) in enumerate(keys):
            first.setdefault(source, i)
        vectors = None
        for source, dim, vec in self.conn.execute("SELECT source, dim, vec FROM vectors ORDER BY source"):
            if dim <= 0 or source not in first:
                continue
            block = np.frombuffer(vec, dtype="<f4").reshape(-1, dim)
            if vectors is None:
                vectors = np.empty((len(keys), dim), dtype=np.float32)
            vectors[rank[first[source]:first[source] + len(block)]] = block
        if vectors is None:
            vectors = np.zeros((0, 0), dtype=np.float32)
        runs: list[list] = []
        for i in order:
            source = keys[i][0]
            if runs and runs[-1][0] == source:
                runs[-1][1] += 1
            else:
                runs.append([source, 1])
        tmp = self.directory / (VECTORS_NAME + f".tmp-{os.getpid()}")
        with open(tmp, "wb") as fh:
            np.save(fh, vectors)
        tmp_rows = self.directory / (ROWS_NAME + f".tmp-{os.getpid()}")
        tmp_rows.write_text(json.dumps(runs, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.directory / VECTORS_NAME)
        os.replace(tmp_rows, self.directory / ROWS_NAME)
        return len(vectors)

    def near_articles(self, queries: "np.ndarray", *, k: int, threshold: float, limit: int) -> set[str]:
        """The ``limit`` articles nearest to the query vectors: an article scores one hit per query for which it
        holds one of the ``k`` nearest stored claims with cosine >= ``threshold``; most hits first, then the
        highest cosine, then id (an exact scan of the memory-mapped ``vectors.npy``)."""
        import numpy as np

        if not len(queries):
            return set()
        vectors = np.load(self.directory / VECTORS_NAME, mmap_mode="r")
        runs = json.loads((self.directory / ROWS_NAME).read_text(encoding="utf-8"))
        if not len(vectors):
            return set()
        owner = np.repeat(np.arange(len(runs)), [n for _, n in runs])
        q = np.ascontiguousarray(queries, dtype=np.float32).T
        best = np.full((len(queries), 0), -1.0, dtype=np.float32)
        best_rows = np.zeros((len(queries), 0), dtype=np.int64)
        block = 65536
        for start in range(0, len(vectors), block):  # top-k per query over blocks: bounded memory
            sims = (np.asarray(vectors[start:start + block]) @ q).T
            kk = min(k, sims.shape[1])
            top = np.argpartition(-sims, kk - 1, axis=1)[:, :kk]
            cand = np.concatenate([best, np.take_along_axis(sims, top, axis=1)], axis=1)
            rows = np.concatenate([best_rows, top + start], axis=1)
            keep = np.argsort(-cand, axis=1, kind="stable")[:, :k]
            best, best_rows = np.take_along_axis(cand, keep, axis=1), np.take_along_axis(rows, keep, axis=1)
        score: dict[int, list] = {}
        for q_rows, q_sims in zip(best_rows, best):
            seen: set[int] = set()
            for row, sim in zip(q_rows, q_sims):
                if sim < threshold:
                    continue
                art = int(owner[row])
                entry = score.setdefault(art, [0, -1.0])
                if art not in seen:
                    entry[0] += 1
                    seen.add(art)
                entry[1] = max(entry[1], float(sim))
        ranked = sorted(score, key=lambda a: (-score[a][0], -score[a][1], runs[a][0]))
        return {runs[a][0] for a in ranked[:limit]}


# --- indexing ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class IndexResult:
    """What one ``index`` run did: which articles it (re)processed and what the store now holds."""

    store: str
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int
    articles: int
    claims: int
    model_id: str
    executor: str
    warnings: tuple[str, ...] = ()

    @property
    def processed(self) -> tuple[str, ...]:
        """The article ids extracted and embedded by this run (added + changed), sorted."""
        return tuple(sorted(self.added + self.changed))


_WRITE_EVERY = 256  # articles indexed per store transaction (memory holds one such batch of claims and vectors)


def process_partition(articles: list[Article], *, config: Config, embedder: "Embedder | None" = None,
                      cache_dir: str | Path | None = None) -> list[tuple[Article, list[Claim], "np.ndarray"]]:
    """Extract and embed one partition of articles with the pipeline's stage functions.

    Returns (article, its claims in (start, id) order, their vectors) per article. Runs in this
    process or on a Dask worker (the configured embedder is then built once per worker). With ``cache_dir``
    (the cache of ``compare``/``check``, ``claimcheck.cache``) an article whose claims are cached is not
    extracted, a claim whose vector is cached is not encoded (the model is not even loaded when all are), and
    what is extracted or encoded is stored there too.
    """
    import numpy as np

    from claimcheck.pipeline import extract_all
    from claimcheck.stages.embed.encoders import embed_claims, get_embedder

    # n_process=1: a Dask worker may not start processes
    claims = extract_all(articles, config=config, n_process=1, cache_dir=cache_dir)
    if cache_dir is not None:
        from claimcheck.cache import cached_embedder

        cached = cached_embedder(config.embedding, embedder=embedder, cache_dir=cache_dir)  # the model: lazily
        vectors = embed_claims([c.stated for c in claims], embedder=cached) if claims else None
        if cached.cache is not None:
            cached.cache.close()
    else:
        emb = embedder if embedder is not None else get_embedder(config.embedding)
        vectors = embed_claims([c.stated for c in claims], embedder=emb) if claims else None
    by_source: dict[str, list[int]] = {}
    for i, c in enumerate(claims):
        by_source.setdefault(c.source, []).append(i)
    out = []
    for a in articles:
        rows = by_source.get(a.id, [])
        vecs = vectors[rows] if rows else np.zeros((0, 0), dtype=np.float32)
        out.append((a, [claims[i] for i in rows], np.asarray(vecs, dtype=np.float32)))
    return out


def partitions(articles: list[Article], size: int) -> list[list[Article]]:
    """Consecutive slices of ``size`` articles (id order), the unit of work of the executors."""
    return [articles[i:i + size] for i in range(0, len(articles), max(1, size))]


def index_corpus(paths: list[str], *, store: str | Path, config: Config, embedder: "Embedder | None" = None,
                 published: dict[str, str] | None = None, executor: str = "local", scheduler: str | None = None,
                 workers: int = 2, partition_size: int = 32, rebuild: bool = False,
                 cache_dir: str | Path | None = None, progress: Progress = _noop) -> IndexResult:
    """Index a corpus into ``store``: only added or changed articles are extracted and embedded; removed
    ones are dropped. ``executor``: ``local`` (this process) or ``dask`` (``scheduler`` address, or a
    LocalCluster of ``workers`` when None). ``rebuild`` empties a mismatched or stale store first.
    ``cache_dir``: the extraction and embedding cache (``claimcheck.cache``, as ``compare`` uses it): cached
    articles and vectors are taken from it, new ones stored in it (by every Dask worker too: the directory must
    be on a file system the workers share, SQLite serialises their writes). None: no cache."""
    if executor not in ("local", "dask"):
        raise UsageError(f"executor must be local or dask, got {executor!r}", slug="usage-executor")
    from claimcheck.stages.load import load_articles

    expected = expected_meta(config, embedder)
    warnings: list[str] = []
    with Store(store, create=True) as st:
        if rebuild:
            st.conn.executescript("DELETE FROM meta; DELETE FROM articles; DELETE FROM claims; DELETE FROM vectors;")
        st.check(expected, allow_stale_code=True)
        stale = st.meta().get("extract_code", expected["extract_code"]) != expected["extract_code"]
        articles = load_articles(list(paths), published=published, max_bytes=config.max_file_bytes, config=config.load,
                                 warnings=warnings)
        stored = st.hashes()
        current = {a.id: a for a in articles}
        added = sorted(i for i in current if i not in stored)
        changed = sorted(i for i in current if i in stored and (stale or stored[i][1] != article_hash(current[i])))
        removed = sorted(i for i in stored if i not in current)
        todo = [current[i] for i in sorted(added + changed)]
        parts = partitions(todo, partition_size)
        results: list[tuple[Article, list[Claim], Any]] = []
        if executor == "dask" and todo:
            from claimcheck.distributed import run_partitions

            chunks = run_partitions(parts, config=config, embedder=embedder, scheduler=scheduler, workers=workers,
                                    cache_dir=cache_dir)
        else:
            chunks = (process_partition(part, config=config, embedder=embedder, cache_dir=cache_dir)
                      for part in parts)
        for done, chunk in enumerate(chunks, 1):
            results.extend(chunk)
            if len(results) >= _WRITE_EVERY:
                # written as they come, so memory holds one batch of articles, not the corpus; the meta (and so
                # a refreshed extraction-code mark) is written last, so an interrupted run is re-done, not trusted
                st.write(meta={}, remove=[], results=results)
                results = []
            progress("index", done, len(parts))
        meta = {**expected, "warnings": json.dumps(warnings, ensure_ascii=False)}
        st.write(meta=meta, remove=removed, results=results)
        n_claims = st.write_vector_file()
        n_articles = len(st.hashes())
    return IndexResult(store=str(store), added=tuple(added), changed=tuple(changed), removed=tuple(removed),
                       unchanged=len(current) - len(added) - len(changed), articles=n_articles, claims=n_claims,
                       model_id=expected["model_id"], executor=executor, warnings=tuple(warnings))


# --- using a store -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Stored:
    """What a store holds, loaded for one run."""

    articles: list[Article]
    claims: list[Claim]
    vectors: "np.ndarray"
    warnings: list[str]


def load_store(store: str | Path, *, config: Config, embedder: "Embedder | None" = None,
               exclude_paths: set[str] | None = None, near: "np.ndarray | None" = None,
               nearest: int = 0) -> Stored:
    """The stored articles, claims and vectors, after checking the store fits ``config`` and ``embedder``.

    Articles whose real path is in ``exclude_paths`` (given anew on the command line) are left out.
    With ``nearest`` > 0 and query vectors ``near``, only the ``nearest`` stored articles closest to the
    queries are loaded (``Store.near_articles``: per query the ``cluster.neighbours`` nearest claims within
    the clustering's candidate floor).
    """
    with Store(store) as st:
        st.check(expected_meta(config, embedder))
        meta = st.meta()
        if not meta:
            raise StoreError("the store is empty (build it with: claimcheck index CORPUS... --store DIR)",
                             path=str(store), slug="store-missing")
        ids = None
        if exclude_paths or nearest:
            hashes = st.hashes()
            if nearest and near is not None:
                floor = config.cluster.link_floor
                wanted = st.near_articles(near, k=config.cluster.neighbours, threshold=floor, limit=nearest)
                hashes = {i: v for i, v in hashes.items() if i in wanted}  # before the (slow) realpath of each
            ids = [i for i, (p, _) in hashes.items() if os.path.realpath(p) not in (exclude_paths or set())]
        articles = st.articles(ids)
        claims, vectors = st.claims_and_vectors(ids)
    return Stored(articles=articles, claims=claims, vectors=vectors, warnings=json.loads(meta.get("warnings", "[]")))


def check_store(store: str | Path, *, config: Config, embedder: "Embedder | None" = None) -> None:
    """Raise StoreError unless ``store`` exists and fits ``config`` and ``embedder`` (before any work)."""
    with Store(store) as st:
        st.check(expected_meta(config, embedder))


def _stored_count(store: str | Path) -> int:
    with Store(store) as st:
        return int(st.conn.execute("SELECT count(*) FROM articles").fetchone()[0])


def run_with_store(new: list[Article], *, store: str | Path, config: Config, embedder: "Embedder | None" = None,
                   warnings: list[str] | None = None, require_claims: bool = False, strict: bool = False,
                   cache_dir: str | Path | None = None, nearest: int = 0, progress: Progress = _noop) -> RunResult:
    """The pipeline over the stored articles plus ``new`` ones: only the new ones are extracted and
    embedded (stage functions of ``claimcheck.pipeline``); cluster and compare run over them all.

    A new article whose file is in the store replaces the stored one; a new article with a stored
    article's id but another file is refused (``store-id-clash``). ``nearest`` > 0 keeps only the stored
    articles near the new claims (see ``load_store``): fast on a large store, but an approximation of the
    full run (clusters are formed among the selected articles only).
    """
    import numpy as np

    from claimcheck.cache import cached_embedder
    from claimcheck.pipeline import (ENCODER_PROCESS_MIN_ARTICLES, RELEASE_MODELS_MIN_CLAIMS, extract_all,
                                     load_spacy_without_torch, release_models, run_stages)
    from claimcheck.stages.embed.encoders import embed_claims, release_embedders

    check_store(store, config=config, embedder=embedder)
    new = sorted(new, key=lambda a: a.id)
    # a whole-store run as large as a large compare encodes the new claims in a child process and loads spaCy
    # without torch (pipeline.ENCODER_PROCESS_MIN_ARTICLES): torch would sit beside the store's claims otherwise
    isolated = embedder is None and not nearest and _stored_count(store) + len(new) >= ENCODER_PROCESS_MIN_ARTICLES
    if isolated:
        load_spacy_without_torch()
    new_claims = extract_all(new, config=config, progress=progress, cache_dir=cache_dir)
    emb = cached_embedder(config.embedding, embedder=embedder, cache_dir=cache_dir,
                          progress=lambda done, total: progress("embed", done, total), isolated=isolated)
    new_vecs = np.asarray(embed_claims([c.stated for c in new_claims], embedder=emb), dtype=np.float32) \
        if new_claims else None
    del emb  # the encoder, if it was loaded: not needed past this point
    if isolated:
        release_embedders(isolated_only=True)  # the encoder's child process ends
    stored = load_store(store, config=config, embedder=embedder,
                        exclude_paths={os.path.realpath(a.path) for a in new}, near=new_vecs, nearest=nearest)
    if len(stored.claims) + len(new_claims) >= RELEASE_MODELS_MIN_CLAIMS:
        release_models(nlp=True, encoder=True)  # a large run: neither model is held through cluster and compare
    stored_ids = {a.id for a in stored.articles}
    for a in new:
        if a.id in stored_ids:
            raise UsageError(f"source id {a.id!r} is already in the store (from another file); rename the file",
                             path=a.path, slug="store-id-clash")
    articles, claims, prior = stored.articles + new, stored.claims + new_claims, stored.warnings
    held = [stored.vectors if len(stored.claims) or new_vecs is None else np.zeros((0, new_vecs.shape[1]), np.float32)]
    del stored
    if new_vecs is not None:
        held = [np.concatenate([held.pop(), new_vecs])]
    del new_vecs
    # no name here keeps the vectors (the stored ones, or with the new ones added): run_stages hands them to
    # compute_findings, which lets go of them once comparison is done; held here, the whole store's vectors
    # (~0.4 GB at 10,000 articles) would stay beside clustering, comparison and the report
    return run_stages(articles, claims, vectors=held.pop(), config=config, embedder=embedder, cache_dir=cache_dir,
                      progress=progress, warnings=warnings, prior_warnings=prior, require_claims=require_claims,
                      strict=strict)
