"""The Python API that the CLI twins: ``compare(...)`` (and, later, ``check(...)``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from claimcheck.config import Config, load_config
from claimcheck.errors import UsageError
from claimcheck.models import RunResult
from claimcheck.pipeline import Progress, _noop, run_pipeline
from claimcheck.stages.embed import Embedder
from claimcheck.stages.load import load_articles

if TYPE_CHECKING:
    from claimcheck.check import CheckResult
    from claimcheck.store import IndexResult
    from claimcheck.stages.extract import Extraction


def resolve_config(config: Config | None = None, config_path: str | Path | None = None) -> Config:
    """The Config object given, else the YAML file given, else the defaults."""
    if config is not None:
        config.validate()
        return config
    return load_config(config_path)


def compare(paths: list[str], *, config: Config | None = None, config_path: str | Path | None = None,
            published: dict[str, str] | None = None, embedder: Embedder | None = None,
            progress: Progress = _noop, cache_dir: str | Path | None = None,
            store: str | Path | None = None) -> RunResult:
    """Compare the claims of two or more articles (files, directories or globs).

    ``cache_dir``: an embedding cache directory (see ``claimcheck.cache``); None encodes everything afresh.
    ``store``: a corpus index (``claimcheck.store``) whose articles join ``paths`` without being re-read.
    """
    cfg = resolve_config(config, config_path)
    warnings: list[str] = []
    if store is not None:
        from claimcheck.store import run_with_store

        given = load_articles(list(paths), published=published, max_bytes=cfg.max_file_bytes,
                              warnings=warnings) if paths else []
        result = run_with_store(given, store=store, config=cfg, embedder=embedder, warnings=warnings,
                                require_claims=True, cache_dir=cache_dir, progress=progress)
        if len(result.articles) < 2:
            raise UsageError(f"compare needs at least two articles, got {len(result.articles)}",
                             slug="usage-sources", path=str(store))
        return result
    articles = load_articles(list(paths), published=published, max_bytes=cfg.max_file_bytes, warnings=warnings)
    if len(articles) < 2:
        raise UsageError(f"compare needs at least two articles, got {len(articles)}", slug="usage-sources",
                         path=paths[0] if len(paths) == 1 else None)
    return run_pipeline(articles, config=cfg, embedder=embedder, progress=progress, warnings=warnings,
                        require_claims=True, cache_dir=cache_dir)


def check(new: list[str], *, against: list[str], config: Config | None = None,
          config_path: str | Path | None = None, published: dict[str, str] | None = None,
          embedder: Embedder | None = None, fail_on: str | None = None, baseline: str | Path | None = None,
          progress: Progress = _noop, cache_dir: str | Path | None = None,
          store: str | Path | None = None, nearest: int = 0) -> CheckResult:
    """Check new articles against a corpus of published ones (files, directories or globs).

    New and corpus articles go through one pipeline run; the result keeps the issues that
    involve a new article (``diverge`` always, ``unique`` with ``fail_on="unique"``), minus
    those a baseline file accepts. A file given both as new and in the corpus counts as new.
    ``cache_dir``: the embedding cache (``claimcheck.cache``), so the corpus is encoded once, not every run.
    ``store``: a corpus index (``claimcheck.store``) used as (more of) the corpus; ``against`` may then be empty.
    ``nearest`` > 0: only the ``nearest`` stored articles closest to the new claims take part (fast on a
    large store; an approximation of checking against all of it).
    """
    import os

    from claimcheck.baseline import apply_baseline, load_baseline
    from claimcheck.check import FAIL_ON, CheckResult, find_issues
    from claimcheck.stages.load import expand_paths

    cfg = resolve_config(config, config_path)
    fail = fail_on if fail_on is not None else cfg.check.fail_on
    if fail not in FAIL_ON:
        raise UsageError(f"fail_on must be one of {', '.join(FAIL_ON)}, got {fail!r}", slug="usage-fail-on")
    if not new:
        raise UsageError("check needs at least one new article", slug="usage-sources")
    if not against and store is None:
        raise UsageError("check needs a corpus to check against (--against CORPUS...)", slug="usage-corpus")
    warnings: list[str] = []
    new_files = expand_paths(list(new), warnings=warnings)
    new_real = {os.path.realpath(f) for f in new_files}
    corpus_files = [f for f in expand_paths(list(against), warnings=warnings) if os.path.realpath(f) not in new_real]
    if not corpus_files and store is None:
        raise UsageError("the corpus holds no article besides the new ones", path=against[0], slug="usage-corpus")
    entries = load_baseline(baseline) if baseline is not None else None
    articles = load_articles([str(f) for f in new_files + corpus_files], published=published,
                             max_bytes=cfg.max_file_bytes, warnings=warnings)
    new_sources = {a.id for a in articles if os.path.realpath(a.path) in new_real}
    if store is not None:
        from claimcheck.store import run_with_store

        run = run_with_store(articles, store=store, config=cfg, embedder=embedder, warnings=warnings,
                             cache_dir=cache_dir, nearest=nearest, progress=progress)
    else:
        run = run_pipeline(articles, config=cfg, embedder=embedder, progress=progress, warnings=warnings,
                           cache_dir=cache_dir)
    issues = find_issues(run, new_sources, fail_on=fail)
    kept, suppressed, stale = issues, [], []
    if entries is not None:
        kept, suppressed, stale = apply_baseline(issues, entries)
    return CheckResult(run=run, new_sources=tuple(sorted(new_sources)), fail_on=fail, issues=tuple(kept),
                       suppressed=tuple(suppressed), baseline_path=None if baseline is None else str(baseline),
                       stale=tuple(stale), all_issues=tuple(issues))


def extract(paths: list[str], *, config: Config | None = None, config_path: str | Path | None = None,
            published: dict[str, str] | None = None, warnings: list[str] | None = None) -> list[Extraction]:
    """Extract the claims of one or more articles: spans, slots and the boilerplate dropped, per article.

    Articles come back sorted by id; ``warnings`` (when given) collects the loader's notes.
    """
    from claimcheck.stages.extract import extract_article

    cfg = resolve_config(config, config_path)
    articles = load_articles(list(paths), published=published, max_bytes=cfg.max_file_bytes, warnings=warnings)
    return [extract_article(a, config=cfg.extract) for a in articles]


def index(paths: list[str], *, store: str | Path, config: Config | None = None,
          config_path: str | Path | None = None, published: dict[str, str] | None = None,
          embedder: Embedder | None = None, executor: str = "local", scheduler: str | None = None,
          workers: int = 2, rebuild: bool = False, progress: Progress = _noop) -> "IndexResult":
    """Extract and embed a corpus once into a persistent store (``claimcheck.store``), incrementally:
    only added or changed articles are processed, removed ones dropped. ``executor="dask"`` runs the
    work on a Dask cluster (``scheduler`` address, else a LocalCluster of ``workers``)."""
    from claimcheck.store import index_corpus

    cfg = resolve_config(config, config_path)
    return index_corpus(list(paths), store=store, config=cfg, embedder=embedder, published=published,
                        executor=executor, scheduler=scheduler, workers=workers, rebuild=rebuild,
                        progress=progress)
