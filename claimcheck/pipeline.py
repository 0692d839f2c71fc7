"""The pipeline: load -> extract -> embed -> cluster -> compare, one typed stage each.

``run_pipeline`` extracts and embeds the given articles; ``store.run_with_store`` takes stored claims and
vectors and extracts only the new articles; both hand over to ``run_stages`` for the rest.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimcheck.cache import (
    CachedEmbedder,
    ClaimCache,
    FindingsCache,
    cache_is_empty,
    cached_embedder,
    config_model_id,
)
from claimcheck.config import Config
from claimcheck.errors import InputError
from claimcheck.gcpause import gc_paused
from claimcheck.models import Article, Claim, Finding, RunResult
from claimcheck.stages.cluster.clusters import ClaimFeatures, claim_features, cluster_claims, search_candidates
from claimcheck.stages.compare.findings import compare_clusters
from claimcheck.stages.compare.timeline import publication_dates
from claimcheck.stages.embed.ahead import EmbedAhead
from claimcheck.stages.embed.encoders import (
    Embedder,
    embed_claims,
    release_embedders,
    share_cores,
    start_embedder,
    widen_cores,
)
from claimcheck.stages.embed.worker import trim_heap
from claimcheck.stages.extract.claims import extract_articles
from claimcheck.stages.extract.places import GAZETTEER_LABELS, load_gazetteer
from claimcheck.stages.forked import usable_cores
from claimcheck.stages.framing import describe_findings

if TYPE_CHECKING:
    import numpy as np

    from claimcheck.stages.cluster.neighbours import CandidatePairs

Progress = Callable[[str, int, int], None]  # (stage, done, total)


def _noop(stage: str, done: int, total: int) -> None:
    return None


# Articles to extract before spaCy runs in several processes, on machines with at least 3 cores (one stays
# with this process, which turns the parses into claims: about a third of extraction's CPU time). On 2 cores
# shared with other work, 2 processes were slower than one (measured on the 100-article benchmark corpus,
# load average 8-10: 43 s against 27 s for the parse); below this count the worker start-up and the
# shipping of parsed documents between processes are not repaid. Not yet measured on an idle 4-core machine.
PARALLEL_MIN_ARTICLES = 200


# A run of at least this many claims lets go of spaCy once extraction is done and of the encoder once the claims
# are embedded (``release_models``), so that neither model is held through clustering, comparison and the report:
# measured with benchmarks/memory.py at 1,000 articles (25,744 claims): see docs/performance-history.md, "Bounded memory". Smaller runs
# keep them, so that a process that runs the pipeline many times (tests, a server) loads each model once; reloading
# costs a few seconds, small against the minutes a run of this size takes. Such a run also empties the stage memo
# caches once its findings are computed (``release_caches``) and trims the C heap between the cluster stages.
RELEASE_MODELS_MIN_CLAIMS = 20_000


# A run of at least this many articles encodes in a child process (claimcheck/stages/embed/worker.py) and loads
# spaCy without torch (``load_spacy_without_torch``), so that torch's ~300 MB of modules never sit in the run's
# process beside its claims, vectors and findings (at 10,000 articles its peak was the end of comparison). The
# child costs a second interpreter's start (a few seconds, beside extraction), small against the minutes such a
# run takes; smaller runs, and processes that run the pipeline many times, keep the model in process. Set with
# RELEASE_MODELS_MIN_CLAIMS in mind (~26 claims per article on the benchmark corpus: 500 articles ~ 13,000 claims).
ENCODER_PROCESS_MIN_ARTICLES = 500


def load_spacy_without_torch() -> None:
    """Import spaCy with torch hidden, unless torch or thinc is loaded already. thinc imports torch whenever it is
    installed (for its PyTorch layers); the English pipeline runs on numpy and never calls it, so its parses are
    the same. Later imports of torch (an in-process encoder, the NLI model) load it as usual."""
    if "torch" in sys.modules or "thinc" in sys.modules:
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # "import torch" raises ImportError while hidden
    try:
        import spacy  # noqa: F401
        import thinc.api  # noqa: F401
    finally:
        del sys.modules["torch"]


def release_models(*, nlp: bool = False, encoder: bool = False) -> None:
    """Drop the process-wide spaCy pipeline and/or the embedders built so far (they load again when next needed),
    then collect garbage and hand freed heap memory back to the system (glibc ``malloc_trim``, where present)."""
    import gc

    if nlp:
        from claimcheck.stages.extract.nlp import get_nlp

        get_nlp.cache_clear()
    if encoder:
        release_embedders()
    gc.collect()
    trim_heap()


def release_caches() -> None:
    """Empty the memo caches of the stage modules loaded so far (each ``functools.lru_cache`` of more than one
    entry: the compared claims' word sets, statement templates and word lemmas, up to 65,536 entries each); they
    fill again when next needed. A large run calls it once its findings are computed."""
    import sys

    for name, module in list(sys.modules.items()):
        if not name.startswith("claimcheck.stages.") or module is None:
            continue
        for value in list(vars(module).values()):
            params = getattr(value, "cache_parameters", None)
            if callable(params) and hasattr(value, "cache_clear") and (params().get("maxsize") or 2) > 1:
                value.cache_clear()


def _nothing() -> None:
    return None


# Clustering and comparison share their work out among forked copies of the run's process (``stage_workers``; the
# linked groups each split on its own, the clusters each compared on their own: claimcheck/stages/forked.py), one per
# usable core (at most 4), for a run of this many claims and up to a stage's own limit. Below, a fork (a few ms) and
# the results sent back are not worth it and a run stays one process (tests, a server running many small runs).
# Above, the copies' pages (each child writes to the reference counts of the objects it reads, so what it reads is
# copied, page by page) would add up to the run's own size next to its largest step. At 1,000 articles (26,165
# claims) clustering and comparison are most of the time after the encoder: 45 s and 114 s CPU in one process.
# Measured at 10,000 articles (261,734 claims; claims and vectors from a warm cache, findings computed, two cores,
# the process tree's proportional set size, PSS, sampled every 0.5 s): comparison forked took 278 s wall but the
# tree reached 2,627 MB (the child's copied pages beside the parent's growing findings); clustering forked took
# 191 s wall with the tree at most 1,795 MB, under the 1,880 MB a cold 10,000-article run reaches in its comparison
# in one process. So comparison forks up to FORK_MAX_CLAIMS and clustering up to CLUSTER_FORK_MAX_CLAIMS: the cold
# 10,000-article benchmark run took 2,399.0 s instead of 2,929.1 s (with two encoder lanes too), its tree 1,885 MB PSS.
FORK_MIN_CLAIMS = 5_000
FORK_MAX_CLAIMS = 100_000
CLUSTER_FORK_MAX_CLAIMS = 300_000


def stage_workers(n_claims: int, *, max_claims: int | None = None) -> int:
    """How many processes compare (or, with ``max_claims=CLUSTER_FORK_MAX_CLAIMS``, cluster) a run of
    ``n_claims`` claims: one per usable core (at most 4) between ``FORK_MIN_CLAIMS`` and ``max_claims`` (default
    ``FORK_MAX_CLAIMS``), else 1 (in process)."""
    if not FORK_MIN_CLAIMS <= n_claims <= (FORK_MAX_CLAIMS if max_claims is None else max_claims):
        return 1
    return min(usable_cores(), 4)


def extract_processes(n_articles: int) -> int:
    """How many spaCy processes extraction uses for ``n_articles`` articles: one per usable core but one (at most 4)
    when there are at least ``PARALLEL_MIN_ARTICLES`` and at least 3 cores (Linux), else 1 (in process)."""
    cores = usable_cores()  # 1 where not Linux: worker processes would be spawned, not forked; stay in process
    return min(cores - 1, 4) if cores >= 3 and n_articles >= PARALLEL_MIN_ARTICLES else 1


class ValueSharer:
    """Makes equal small values of claims one object: the strings, ints and tuples inside their slots (entity
    labels and keys, the descriptions' words, offsets, ...) repeat across the claims of a large run, but every
    article's claims are unpickled from the cache (or extracted) as objects of their own. ``share`` swaps each such
    field for the first equal object seen (by type: ``1``, ``1.0`` and ``True`` are never merged; floats are left
    alone): about 40% of the claims' memory (measured with benchmarks/memory.py; docs/performance-history.md, "Bounded memory"). A
    claim's ``id`` and ``text`` are left alone (unique: a table entry would cost more than it saves).

    The claims are frozen dataclasses: fields are swapped with ``object.__setattr__`` for an *equal* value, on
    claims this run has just built (never on claims a caller holds), so every comparison, hash, repr and report
    is unchanged."""

    _SKIP = ("id", "text")

    def __init__(self, *, instances: bool = False) -> None:
        self._table: dict[Any, Any] = {}
        self._fields: dict[type, tuple[str, ...]] = {}
        self._instances = instances

    def share(self, claims: list[Claim]) -> list[Claim]:
        """The same claims (same objects), their equal inner values now shared."""
        for claim in claims:
            self._value(claim)
        return claims

    def one(self, value: Any) -> Any:
        """The shared value equal to ``value`` (the first equal one seen; a dataclass instance has its fields
        shared in place and, with ``instances``, is itself swapped for an equal one seen before)."""
        return self._value(value)[0]

    @classmethod
    def share_features(cls, features: Any) -> Any:
        """The same ``ClaimFeatures`` (clustering's per-claim anchors, event anchors and same-event facts: ten
        mostly empty frozensets per claim), its equal sets and equal facts now one object each (its lists are
        updated in place)."""
        cls(instances=True)._value(features)
        return features

    def _items(self, v: tuple | frozenset) -> tuple[list[Any], bool]:
        """The shared values of a tuple's or set's items (in iteration order), and whether all are table values."""
        items, shareable = [], True
        for x in v:
            y, ok = self._value(x)
            items.append(y)
            shareable = shareable and ok
        return items, shareable

    def _value(self, v: Any) -> tuple[Any, bool]:
        """(the shared value equal to ``v``, whether it is a table value); dataclass instances are updated in place."""
        t = type(v)
        if t is str:
            return self._table.setdefault(v, v), True
        if t is int:
            return self._table.setdefault((0, v), v), True
        if v is None or t is bool:
            return v, True
        if t is tuple:
            if not v:
                return v, True
            items, shareable = self._items(v)
            if not shareable:  # holds a float or an object of its own: not worth a table entry
                return (v if all(a is b for a, b in zip(items, v)) else tuple(items)), False
            key = tuple([id(x) for x in items])  # the items are table values: alive, so their ids are unique
            got = self._table.get(key)
            if got is None:
                got = self._table[key] = tuple(items)
            return got, True
        if t is frozenset:
            items, shareable = self._items(v)
            if not shareable:
                return v, False
            fkey = ("frozenset", frozenset([id(x) for x in items]))
            got = self._table.get(fkey)
            if got is None:
                got = self._table[fkey] = v if all(a is b for a, b in zip(items, v)) else frozenset(items)
            return got, True
        if t is list:  # a list this run has just built: its items are swapped in place
            for i, x in enumerate(v):
                y, _ = self._value(x)
                if y is not x:
                    v[i] = y
            return v, False
        names = self._fields.get(t)
        if names is None:
            names = self._fields[t] = tuple(f.name for f in dataclasses.fields(v) if f.name not in self._SKIP) \
                if dataclasses.is_dataclass(v) and not isinstance(v, type) else ()
        shareable = bool(names)
        values = []
        for name in names:
            old = getattr(v, name)
            new, ok = self._value(old)
            shareable = shareable and ok
            values.append(new)
            if new is not old:
                object.__setattr__(v, name, new)
        if self._instances and shareable:  # an instance of only shared values: one object per distinct value
            return self._table.setdefault(("instance", t, *map(id, values)), v), True
        return v, False


def extract_all(articles: list[Article], *, config: Config, progress: Progress = _noop,
                cache_dir: str | Path | None = None, n_process: int | None = None,
                on_article: Callable[[str, list[Claim]], None] | None = None,
                on_new: Callable[[], None] | None = None) -> list[Claim]:
    """Extract every article's claims, sorted by (source, start); cached per article under ``cache_dir``.

    The articles not in the cache go through spaCy in one batched stream (``extract_articles``), in
    ``n_process`` processes (None: ``extract_processes``). ``on_article(article id, its claims)`` is called for
    each article as soon as its claims are known (cached ones first); ``on_new()`` once before the parse when some
    article is not in the cache."""
    claims: list[Claim] = []
    sharer = ValueSharer()
    with ClaimCache(cache_dir, config=config.extract) as store:
        todo = []
        # the cached claims are unpickled with the cyclic collector paused: its full passes over the growing heap
        # were ~2 s of a warm 1,000-article run's 15 (claimcheck/gcpause.py)
        with gc_paused():
            store.prefetch(articles)
            for article in articles:
                found = store.lookup(article)
                if found is None:
                    todo.append(article)
                else:
                    claims.extend(sharer.share(found))
                    if on_article is not None:
                        on_article(article.id, found)
        done = len(articles) - len(todo)
        if done:
            progress("extract", done, len(articles))
        if todo and on_new is not None:
            on_new()
        procs = extract_processes(len(todo)) if n_process is None else n_process
        for x in extract_articles(todo, config=config.extract, n_process=procs):
            found = list(x.claims)
            store.put(x.article, found)
            claims.extend(sharer.share(found))
            if on_article is not None:
                on_article(x.article.id, found)
            done += 1
            progress("extract", done, len(articles))
    return sorted(claims, key=lambda c: (c.source, c.start, c.id))


def no_claims_error(article: Article, *, config: Config) -> InputError:
    """The error for a source that yields no claim (``input-no-claims``)."""
    return InputError(f"no claims found: no sentence of at least {config.extract.min_words} words is left after "
                      "boilerplate removal", path=article.path, slug="input-no-claims")


def check_thin_sources(articles: list[Article], claims: list[Claim], *, config: Config, warnings: list[str] | None,
                       require_claims: bool = False, strict: bool = False) -> None:
    """A source that yields no claim is a warning (it stays in the report with ``n_claims: 0``); an
    InputError ``input-no-claims`` with ``strict``, or with ``require_claims`` when fewer than two sources
    with claims are left."""
    with_claims = {c.source for c in claims}
    thin = [a for a in sorted(articles, key=lambda a: a.id) if a.id not in with_claims]
    if not thin:
        return
    if strict or (require_claims and len({a.id for a in articles} & with_claims) < 2):
        raise no_claims_error(thin[0], config=config)
    if warnings is not None:
        warnings.extend(f"{a.path}: no claims found (no sentence of at least {config.extract.min_words} words is "
                        "left after boilerplate removal); listed with n_claims: 0" for a in thin)


def shared_features(claims: list[Claim], *, config: Config) -> ClaimFeatures:
    """The claims' ``claim_features`` under ``config.cluster``, each claim's shared as soon as made
    (``ValueSharer.one``): sharing them all afterwards left the heap of every claim's own copy behind (~2.6 KB per
    claim, benchmarks/memory.py)."""
    return claim_features(claims, config=config.cluster, share=ValueSharer(instances=True).one)


def features_beside_search(claims: list[Claim], vectors: "np.ndarray", *,
                           config: Config) -> tuple[ClaimFeatures, "CandidatePairs"]:
    """The claims' ``shared_features`` (and the place gazetteer, when some claim names a place or a nationality,
    which clustering would build on the first one it compares), read while their candidate pairs are searched on a
    thread of its own (``clusters.search_candidates``); both. The search's HNSW graph is built on one core (so that
    it is the same on every run) and lets go of the GIL, and the features read no vector: at 1,000 articles the
    build took 2.7 s with the other core idle, and the features and the gazetteer 3.5 s of CPU, which were read
    while the encoder finished, on a core its lanes wanted."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="claimcheck-candidates") as pool:
        found = pool.submit(search_candidates, vectors, config=config.cluster)
        read = shared_features(claims, config=config)
        if any(e.label in GAZETTEER_LABELS for c in claims for e in c.slots.entities):
            load_gazetteer()
        return read, found.result()


def compute_findings(articles: list[Article], claims: list[Claim], held: "list[np.ndarray]", *,
                     config: Config, cache_dir: str | Path | None = None,
                     features: ClaimFeatures | None = None) -> list[Finding]:
    """Cluster, compare and framing over claims in (source, start, id) order with their vectors. Under
    ``cache_dir`` the findings of an unchanged claim set, config and code come from the cache. ``features``: the
    claims' ``shared_features`` when already computed, clustering then searching the candidate pairs itself (else
    both are computed here when the findings are not cached, side by side: ``features_beside_search``).

    ``held`` is a one-item list holding the vectors (one row per claim): the list is emptied as soon as
    comparison no longer needs them, so that a caller which keeps no other reference lets go of them before
    framing, the findings cache and the report (``run_stages`` does: at 10,000 articles they are ~400 MB)."""
    if not isinstance(held, list) or len(held) != 1:
        raise TypeError("compute_findings: held must be a one-item list holding the vectors")
    published = publication_dates(articles)

    large = len(claims) >= RELEASE_MODELS_MIN_CLAIMS
    # a large run hands the C heap's freed pages back between stages (``trim_heap``): the dense splits' matrices
    # and the candidate search's arrays are freed into the heap, where glibc keeps them mapped until trimmed
    trim = trim_heap if large else _nothing

    def compute() -> list[Finding]:
        vectors = held[0]
        # read by cluster and compare (features the caller read stay held by it until the findings are done)
        if features is not None:
            read, candidates = features, None
        else:
            read, candidates = features_beside_search(claims, vectors, config=config)
        trim()
        workers = stage_workers(len(claims))
        clusters = cluster_claims(claims, vectors, config=config.cluster, features=read, candidates=candidates,
                                  workers=stage_workers(len(claims), max_claims=CLUSTER_FORK_MAX_CLAIMS))
        del candidates
        # the comparison reads the anchors and event anchors only: the same-event facts (~0.2 KB per claim at 1,000
        # articles, benchmarks/memory.py) are let go of before it (unless the caller holds them)
        anchors = dataclasses.replace(read, facts=[])
        del read
        trim()
        # the comparison builds findings and caches and leaves next to no garbage in cycles: the collector's full
        # passes over every object of the run were an eighth of its CPU (claimcheck/gcpause.py)
        with gc_paused():
            findings = compare_clusters(clusters, claims, vectors, config=config.compare, published=published,
                                        cluster=config.cluster, features=anchors, workers=workers)
            del clusters, anchors, vectors
            held.clear()  # the vectors: nothing after comparison reads them
            findings = describe_findings(findings)  # framing: how sources describe shared nouns (no verdict changes)
        if large:
            release_caches()  # before the findings are pickled into the cache and the report is written
            trim()
        return findings

    # a run large enough to fork its stages has its findings written to the cache by a forked copy while it renders
    # its reports: at 1,000 articles the write took 2.4 s of CPU on one core, the JSON report 3-5 s on the other
    with FindingsCache(cache_dir, behind=stage_workers(len(claims)) > 1) as cache:
        return cache.get_or_compute(claims, held[0], config=config.to_dict(), published=published, compute=compute)


def run_stages(articles: list[Article], claims: list[Claim], *, config: Config,
               vectors: "np.ndarray | None" = None, embedder: Embedder | None = None,
               cache_dir: str | Path | None = None, progress: Progress = _noop,
               warnings: list[str] | None = None, prior_warnings: Sequence[str] = (),
               require_claims: bool = False, strict: bool = False, ahead: "EmbedAhead | None" = None) -> RunResult:
    """Every stage after extraction, for the plain and the store path: the no-claims check
    (``check_thin_sources``), embedding unless ``vectors`` (one row per claim) are given (from ``ahead`` when it
    was handed every claim's text, in this order), then cluster, compare and framing (``compute_findings``) over
    the claims in (source, start, id) order; the RunResult's warnings are ``prior_warnings`` then ``warnings``."""
    articles = sorted(articles, key=lambda a: a.id)
    if warnings is None:
        warnings = []
    check_thin_sources(articles, claims, config=config, warnings=warnings, require_claims=require_claims,
                       strict=strict)
    model_id = embedder.model_id if embedder is not None else config_model_id(config.embedding)
    if vectors is None and ahead is not None and ahead.n_texts == len(claims):
        complete = ahead.wait(progress=lambda done, total: progress("embed", done, total))
        ahead.release()  # the encoder, if it was loaded: not needed past this point
        if complete:
            release_embedders(isolated_only=True)  # an encoder in a child process ends here, whatever the size
        if complete and len(claims) >= RELEASE_MODELS_MIN_CLAIMS:
            # let go of the model before the whole array is assembled: never both at once (10,000 articles: the
            # run's peak was this step, the model beside ~0.4 GB of chunks and ~0.4 GB of assembled vectors)
            release_models(encoder=True)
        vectors = ahead.vectors()
    if vectors is None:
        # the model loads only if some claim is not in the embedding cache (claimcheck/cache.py)
        emb = cached_embedder(config.embedding, embedder=embedder, cache_dir=cache_dir,
                              progress=lambda done, total: progress("embed", done, total))
        vectors = embed_claims([c.stated for c in claims], embedder=emb)
        del emb  # the encoder, if it was loaded: not needed past this point
        if len(claims) >= RELEASE_MODELS_MIN_CLAIMS:
            release_models(encoder=True)
    progress("embed", len(claims), len(claims))
    order = sorted(range(len(claims)), key=lambda i: (claims[i].source, claims[i].start, claims[i].id))
    if order != list(range(len(claims))):
        claims, vectors = [claims[i] for i in order], vectors[order]
    held = [vectors]  # emptied by compute_findings once comparison is done: no reference to them is kept here
    del vectors
    findings = compute_findings(articles, claims, held, config=config, cache_dir=cache_dir)
    progress("compare", 1, 1)
    return RunResult(config=config.to_dict(), articles=tuple(articles), claims=tuple(claims),
                     findings=tuple(findings), model_id=model_id, warnings=(*prior_warnings, *warnings))


def start_encoder_early(n_files: int, *, config: Config, cache_dir: str | Path | None,
                        embedder: Embedder | None = None) -> bool:
    """Before the articles are loaded: when the run will surely encode in a child process (at least
    ``ENCODER_PROCESS_MIN_ARTICLES`` input files, the default encoder, and no cache yet to take claims or vectors
    from), start that child now (``encoders.start_embedder``); whether it was started. Its interpreter, torch and
    the model then load beside the loading of the articles: started once extraction began, it took 6.3 s at 1,000
    articles, and the first chunk of texts, ready before it, waited. The caller ends it (``release_embedders``)
    when the run fails before its encoder is used."""
    if embedder is not None or n_files < ENCODER_PROCESS_MIN_ARTICLES or not cache_is_empty(cache_dir):
        return False
    if config.embedding.backend != "sentence-transformers":
        return False
    start_embedder(config.embedding)
    return True


def run_pipeline(articles: list[Article], *, config: Config, embedder: Embedder | None = None,
                 progress: Progress = _noop, warnings: list[str] | None = None,
                 require_claims: bool = False, strict: bool = False,
                 cache_dir: str | Path | None = None) -> RunResult:
    """Run every stage after loading and return the RunResult the reports render.

    A source that yields no claim is a warning and stays in ``articles`` (``check_thin_sources``): with
    ``require_claims`` fewer than two sources with claims, and with ``strict`` any such source, is an
    InputError (``input-no-claims``).
    """
    articles = sorted(articles, key=lambda a: a.id)
    isolated = embedder is None and len(articles) >= ENCODER_PROCESS_MIN_ARTICLES
    ahead = embed_ahead([a.id for a in articles], cached_embedder(config.embedding, embedder=embedder,
                                                                  cache_dir=cache_dir, isolated=isolated))
    try:
        # an article not in the claim cache has new claims, whose texts are (all but always) not in the embedding
        # cache either: an encoder in a child process starts then (``expect_missing``), beside spaCy's first batch,
        # not after it. One in this process waits for the first missing text as before: building it imports torch
        # and sentence-transformers on the background thread, which would then overlap spaCy's own imports.
        # spaCy is imported (torch hidden) once the child is on its way: the child's start overlaps the import.
        def start_encoder() -> None:
            ahead.expect_missing()
            load_spacy_without_torch()

        claims = extract_all(articles, config=config, progress=progress, cache_dir=cache_dir,
                             on_article=lambda article_id, found: ahead.add(article_id, [
                                 c.stated for c in sorted(found, key=lambda c: (c.start, c.id))]),
                             on_new=start_encoder if isolated else None)
        if isolated:
            load_spacy_without_torch()  # as a run with new claims does: whatever imports spaCy later gets no torch
        if len(claims) >= RELEASE_MODELS_MIN_CLAIMS:
            release_models(nlp=True)
        return run_stages(articles, claims, config=config, embedder=embedder, cache_dir=cache_dir,
                          progress=progress, warnings=warnings, require_claims=require_claims, strict=strict,
                          ahead=ahead)
    finally:
        ahead.close()


# Once extraction is over, the encoder takes up to this many chunks at once, each on a lane of its own (a thread, a
# copy of the model and one torch thread on 2 cores: ``SentenceTransformerEmbedder.encode_many``), one lane per
# usable core. Two threads of one ``encode`` call do less per core than one: on 2,048 distinct claim texts of the
# 1,000-article benchmark corpus (idle machine, alternating) one call at a time on 2 torch threads encoded 77.7 and
# 79.8 texts/s, two lanes of one thread 86.0 and 92.5 (one thread alone 47.4), with bit-identical vectors
# (batches of 64 then; at 16, ``embedding.batch_size``'s default since d919a4f: 159-177 against 188-198). More
# lanes would each cost another copy of the model (~90 MB) for less gain per core.
ENCODER_LANES = 2
# Lanes raise the encoder's peak memory: two batches of the longest texts (their attention matrices) at once, and a
# second model. The encoder's child, on the 1,000-article corpus's texts at batches of 64: 723 MB after chunks one at
# a time, 1,131 MB after two lanes (976 MB with one malloc arena); at batches of 16 (d919a4f) its peak with two lanes
# was 739-758 MB. A 10,000-article run's own process holds 690-840 MB while the encoder runs, ~1.6 GB beside such a
# child, and its peak comes later (comparison, 1,880 MB); a run of more articles than this keeps one lane.
ENCODER_LANES_MAX_ARTICLES = 10_000


def embed_ahead(order: list[str], emb: CachedEmbedder) -> EmbedAhead:
    """An ``EmbedAhead`` that encodes, alongside extraction, what ``emb`` (the run's cached embedder) would
    encode after it: the same cache keys, cache and encoder, the same chunks (same vectors, bit for bit). The
    encoder is built as soon as a text is missing from the cache (its start overlaps the extraction of the first
    chunk's articles); after extraction up to ``ENCODER_LANES`` chunks are encoded at once (one at a time above
    ``ENCODER_LANES_MAX_ARTICLES`` articles), and the chunk under way when the run starts to wait for them, begun on
    the threads left beside extraction, takes every core for its next batches (``widen_cores``). It holds ``emb`` until released, then closes its cache."""
    cache = emb.cache
    return EmbedAhead(order, encoder=emb,
                      on_chunk=lambda extracting: share_cores(emb.embedder, sharing=extracting),
                      on_wait=lambda: widen_cores(emb.embedder),
                      release=cache.close if cache is not None else None,
                      prepare=lambda: emb.embedder,
                      lanes=min(ENCODER_LANES, usable_cores()) if len(order) <= ENCODER_LANES_MAX_ARTICLES else 1)
