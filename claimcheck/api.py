"""The Python API that the CLI twins: ``compare``, ``check``, ``extract``, ``index`` and ``render``.

Every function takes keyword-only options, raises only ``claimcheck.errors.ClaimcheckError`` (with a
``slug``) for problems the caller can fix, and never prints. Paths may be one path (a str or
``os.PathLike``) or a list of them: files, directories or globs.

Caching differs from the CLI on purpose: the CLI uses the per-user cache directory unless told
``--no-cache``; the API caches nothing unless given ``cache_dir`` (so a library call leaves no files
behind). Pass ``cache_dir=claimcheck.cache.default_cache_dir()`` to share the CLI's cache.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from claimcheck.config import Config, load_config
from claimcheck.errors import ClaimcheckError, UsageError
from claimcheck.models import Article, RunResult
from claimcheck.pipeline import Progress, _noop, run_pipeline, start_encoder_early
from claimcheck.stages.embed.encoders import Embedder, release_embedders
from claimcheck.stages.load import expand_paths, load_articles

if TYPE_CHECKING:
    from claimcheck.check import CheckResult
    from claimcheck.models import Extraction
    from claimcheck.store import IndexResult

PathArg = Union[str, "os.PathLike[str]"]
Paths = Union[PathArg, list[PathArg], tuple[PathArg, ...]]


def as_path_list(paths: Paths | None, *, name: str = "paths") -> list[str]:
    """One path (str or PathLike) or a list/tuple of them -> a list of str; anything else is a TypeError."""
    if paths is None:
        return []
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    if isinstance(paths, (list, tuple)) and all(isinstance(p, (str, os.PathLike)) for p in paths):
        return [os.fspath(p) for p in paths]
    raise TypeError(f"{name} must be a path (str or os.PathLike) or a list of paths, got {type(paths).__name__}")


def resolve_config(config: Config | None = None, config_path: str | Path | None = None) -> Config:
    """The Config object given, else the YAML file given, else the defaults."""
    if config is not None:
        config.validate()
        return config
    return load_config(config_path)


def compare(paths: Paths, *, config: Config | None = None, config_path: str | Path | None = None,
            published: dict[str, str] | None = None, embedder: Embedder | None = None,
            progress: Progress = _noop, cache_dir: str | Path | None = None,
            store: str | Path | None = None, strict: bool = False) -> RunResult:
    """Compare the claims of two or more articles (a path or a list of files, directories or globs).

    ``published``: source id, file name or path -> YYYY-MM-DD (a bad date is a UsageError ``usage-published``).
    ``cache_dir``: an embedding and extraction cache directory (``claimcheck.cache``); the default None
    caches nothing (the CLI's default is the per-user cache directory).
    ``store``: a corpus index (``claimcheck.store``) whose articles join ``paths`` without being re-read.
    An article that yields no claim is a warning (``RunResult.warnings``) and is kept with no claims;
    an InputError ``input-no-claims`` when fewer than two sources with claims are left, or with ``strict``.
    """
    paths = as_path_list(paths)
    cfg = resolve_config(config, config_path)
    warnings: list[str] = list(cfg.warnings)  # a deprecated config key, named
    if store is not None:
        from claimcheck.store import run_with_store

        given = load_articles(paths, published=published, max_bytes=cfg.max_file_bytes, config=cfg.load,
                              warnings=warnings) if paths else []
        result = run_with_store(given, store=store, config=cfg, embedder=embedder, warnings=warnings,
                                require_claims=True, strict=strict, cache_dir=cache_dir, progress=progress)
        if len(result.articles) < 2:
            raise UsageError(f"compare needs at least two articles, got {len(result.articles)}",
                             slug="usage-sources", path=str(store))
        return result
    early = start_encoder_early(_count_files(paths), config=cfg, cache_dir=cache_dir, embedder=embedder)
    try:
        articles = load_articles(paths, published=published, max_bytes=cfg.max_file_bytes, config=cfg.load,
                                 warnings=warnings)
        if len(articles) < 2:
            raise UsageError(f"compare needs at least two articles, got {len(articles)}", slug="usage-sources",
                             path=paths[0] if len(paths) == 1 else None)
        return run_pipeline(articles, config=cfg, embedder=embedder, progress=progress, warnings=warnings,
                            require_claims=True, strict=strict, cache_dir=cache_dir)
    except BaseException:
        if early:
            release_embedders(isolated_only=True, wait=False)  # the child started before loading, now
        raise


def _count_files(paths: list[str]) -> int:
    """How many files ``load_articles`` will read from ``paths`` (0 when it will fail: it names the problem)."""
    try:
        return len(expand_paths(paths))
    except ClaimcheckError:
        return 0


def unsupported_language_error(path: str, language: str) -> ClaimcheckError:
    """The error for a new article ``check`` cannot check: it is not in English (``input-language``)."""
    from claimcheck.errors import InputError
    from claimcheck.stages.load import language_name

    return InputError(f"the article is in {language_name(language)} ({language}), not English: claimcheck cannot "
                      "check it (skip it with --skip-unsupported)", path=path, slug="input-language")


def check(new: Paths, *, against: Paths | None = None, config: Config | None = None,
          config_path: str | Path | None = None, published: dict[str, str] | None = None,
          embedder: Embedder | None = None, fail_on: str | None = None, baseline: str | Path | None = None,
          progress: Progress = _noop, cache_dir: str | Path | None = None,
          store: str | Path | None = None, nearest: int = 0, skip_unsupported: bool = False,
          strict: bool = False, ignore_updates: bool = False) -> CheckResult:
    """Check new articles against a corpus of published ones (a path or a list of files, directories or globs).

    New and corpus articles go through one pipeline run; the result keeps the issues that
    involve a new article (``diverge`` always, ``unique`` with ``fail_on="unique"``), minus
    those a baseline file accepts. A file given both as new and in the corpus counts as new.
    A new article that is not in English is an InputError ``input-language`` (a check that cannot
    check must not pass); with ``skip_unsupported`` it is left out and listed in ``CheckResult.skipped``.
    An article that yields no claim is a warning; an InputError ``input-no-claims`` when no new or no
    corpus article has a claim, or with ``strict``.
    ``cache_dir``: the embedding cache (``claimcheck.cache``), so the corpus is encoded once, not every run;
    the default None caches nothing (the CLI's default is the per-user cache directory).
    ``store``: a corpus index (``claimcheck.store``) used as (more of) the corpus; ``against`` may then be empty.
    ``nearest`` > 0: only the ``nearest`` stored articles closest to the new claims take part (fast on a
    large store; an approximation of checking against all of it).
    ``ignore_updates``: an issue of a likely-update conflict (values that change once over publication time,
    claimcheck/stages/compare/timeline.py) is a warning, not an error.
    """
    import dataclasses

    from claimcheck.baseline import apply_baseline, load_baseline
    from claimcheck.check import CheckResult, find_issues
    from claimcheck.models import FAIL_ON

    new = as_path_list(new, name="new")
    against = as_path_list(against, name="against")
    cfg = resolve_config(config, config_path)
    fail = fail_on if fail_on is not None else cfg.check.fail_on
    if fail not in FAIL_ON:
        raise UsageError(f"fail_on must be one of {', '.join(FAIL_ON)}, got {fail!r}", slug="usage-fail-on")
    warnings: list[str] = list(cfg.warnings)  # a deprecated config key, named
    new_files, corpus_files, new_real = _check_files(new, against, store=store, warnings=warnings)
    entries = load_baseline(baseline) if baseline is not None else None
    articles = load_articles([str(f) for f in new_files + corpus_files], published=published,
                             max_bytes=cfg.max_file_bytes, config=cfg.load, warnings=warnings)
    new_sources = {a.id for a in articles if os.path.realpath(a.path) in new_real}
    articles, new_sources, warnings, skipped = _skip_unsupported(articles, new_sources, warnings,
                                                                 skip=skip_unsupported)
    run = _check_run(articles, new_sources, cfg=cfg, embedder=embedder, warnings=warnings, store=store,
                     strict=strict, cache_dir=cache_dir, nearest=nearest, progress=progress)
    issues = find_issues(run, new_sources, fail_on=fail, ignore_updates=ignore_updates)
    kept, suppressed, stale = issues, [], []
    if entries is not None:
        kept, suppressed, stale = apply_baseline(issues, entries)
    result = CheckResult(run=run, new_sources=tuple(sorted(new_sources)), fail_on=fail, issues=tuple(kept),
                         suppressed=tuple(suppressed), baseline_path=None if baseline is None else str(baseline),
                         stale=tuple(stale), all_issues=tuple(issues))
    return dataclasses.replace(result, skipped=skipped) if skipped else result


def _check_files(new: list[str], against: list[str], *, store: str | Path | None,
                 warnings: list[str]) -> tuple[list[str], list[str], set[str]]:
    """``check``'s new files, corpus files (a file given as both counts as new) and the new files' real paths;
    a UsageError when either side is empty."""
    from claimcheck.stages.load import expand_paths

    if not new:
        raise UsageError("check needs at least one new article", slug="usage-sources")
    if not against and store is None:
        raise UsageError("check needs a corpus to check against (--against CORPUS...)", slug="usage-corpus")
    new_files = expand_paths(list(new), warnings=warnings)
    new_real = {os.path.realpath(f) for f in new_files}
    corpus_files = [f for f in expand_paths(list(against), warnings=warnings) if os.path.realpath(f) not in new_real]
    if not corpus_files and store is None:
        raise UsageError("the corpus holds no article besides the new ones", path=against[0], slug="usage-corpus")
    return new_files, corpus_files, new_real


def _skip_unsupported(articles: list[Article], new_sources: set[str], warnings: list[str], *,
                      skip: bool) -> tuple[list[Article], set[str], list[str], tuple[dict, ...]]:
    """New articles not in English: an InputError ``input-language``, or with ``skip`` left out (with their
    language warnings) and listed as skipped."""
    unsupported = [a for a in articles if a.id in new_sources and a.language not in (None, "en")]
    if unsupported and not skip:
        raise unsupported_language_error(unsupported[0].path, str(unsupported[0].language))
    skipped = tuple({"source": a.id, "path": a.path, "language": a.language,
                     "reason": f"the article is in {_language_name(a.language)}, not English"} for a in unsupported)
    if unsupported:
        articles = [a for a in articles if a not in unsupported]
        new_sources = new_sources - {a.id for a in unsupported}
        warnings = [w for w in warnings if not any(w.startswith(f"{a.path}: does not look like English")
                                                   for a in unsupported)]
    return articles, new_sources, warnings, skipped


def _check_run(articles: list[Article], new_sources: set[str], *, cfg: Config, embedder: Embedder | None,
               warnings: list[str], store: str | Path | None, strict: bool, cache_dir: str | Path | None,
               nearest: int, progress: Progress) -> RunResult:
    """The one pipeline run of ``check`` (with the store when given); an InputError ``input-no-claims`` when no
    new or no corpus article has a claim."""
    from claimcheck.pipeline import no_claims_error

    if not new_sources:  # every new article skipped: nothing to check
        from claimcheck.cache import config_model_id

        return RunResult(config=cfg.to_dict(), articles=tuple(sorted(articles, key=lambda a: a.id)), claims=(),
                         findings=(), model_id=embedder.model_id if embedder is not None else
                         config_model_id(cfg.embedding), warnings=tuple(warnings))
    if store is not None:
        from claimcheck.store import run_with_store

        run = run_with_store(articles, store=store, config=cfg, embedder=embedder, warnings=warnings,
                             strict=strict, cache_dir=cache_dir, nearest=nearest, progress=progress)
    else:
        run = run_pipeline(articles, config=cfg, embedder=embedder, progress=progress, warnings=warnings,
                           strict=strict, cache_dir=cache_dir)
    with_claims = {c.source for c in run.claims}
    for group in (sorted(new_sources), sorted(a.id for a in run.articles if a.id not in new_sources)):
        if group and not with_claims & set(group):  # no new (or no corpus) article left to compare
            article = next(a for a in run.articles if a.id == group[0])
            raise no_claims_error(article, config=cfg)
    return run


def _language_name(code: str | None) -> str:
    from claimcheck.stages.load import language_name

    return language_name(code or "und")


def extract(paths: Paths, *, config: Config | None = None, config_path: str | Path | None = None,
            published: dict[str, str] | None = None, warnings: list[str] | None = None,
            cache_dir: str | Path | None = None) -> list[Extraction]:
    """Extract the claims of one or more articles: spans, slots and the boilerplate dropped, per article.

    Articles come back sorted by id; ``warnings`` (when given) collects the loader's notes.
    ``cache_dir``: the claims are also stored in that cache (``claimcheck.cache``), so a later
    ``compare``/``check`` with the same cache does not extract them again; the default None caches nothing.
    """
    from claimcheck.stages.extract.claims import extract_articles

    cfg = resolve_config(config, config_path)
    if warnings is not None:
        warnings.extend(cfg.warnings)
    articles = load_articles(as_path_list(paths), published=published, max_bytes=cfg.max_file_bytes, config=cfg.load,
                             warnings=warnings)
    out = list(extract_articles(articles, config=cfg.extract))
    if cache_dir is not None:
        from claimcheck.cache import ClaimCache

        with ClaimCache(cache_dir, config=cfg.extract) as cache:
            for x in out:
                cache.put(x.article, list(x.claims))
    return out


def index(paths: Paths, *, store: str | Path, config: Config | None = None,
          config_path: str | Path | None = None, published: dict[str, str] | None = None,
          embedder: Embedder | None = None, executor: str = "local", scheduler: str | None = None,
          workers: int = 2, rebuild: bool = False, cache_dir: str | Path | None = None,
          progress: Progress = _noop) -> "IndexResult":
    """Extract and embed a corpus once into a persistent store (``claimcheck.store``), incrementally:
    only added or changed articles are processed, removed ones dropped. ``executor="dask"`` runs the
    work on a Dask cluster (``scheduler`` address, else a LocalCluster of ``workers``). ``cache_dir``: the
    extraction and embedding cache of ``compare``/``check``: articles and vectors found there are not extracted
    or encoded again (the default None caches nothing; the CLI's default is the per-user cache directory)."""
    from claimcheck.store import index_corpus

    import dataclasses

    cfg = resolve_config(config, config_path)
    result = index_corpus(as_path_list(paths), store=store, config=cfg, embedder=embedder, published=published,
                          executor=executor, scheduler=scheduler, workers=workers, rebuild=rebuild,
                          cache_dir=cache_dir, progress=progress)
    return dataclasses.replace(result, warnings=cfg.warnings + result.warnings) if cfg.warnings else result


def render(result: Any, format: str = "yaml") -> str:  # `format` shadows the builtin: the natural name here
    """A result as report text.

    ``result``: a ``RunResult`` (from ``compare``) in ``yaml``, ``json``, ``html`` or ``markdown``; a
    ``CheckResult`` (from ``check``) in ``text``, ``json``, ``yaml``, ``sarif``, ``junit`` or ``github``;
    or the list of ``Extraction`` from ``extract`` in ``yaml`` or ``json``. An unknown format is an
    OutputError ``output-format``. The text is deterministic: the same input gives the same bytes.
    """
    from claimcheck.check import CheckResult
    from claimcheck.errors import OutputError

    if isinstance(result, CheckResult):
        from claimcheck.check import check_to_dict
        from claimcheck.report import render_check

        return render_check(check_to_dict(result), format)
    if isinstance(result, RunResult):
        from claimcheck.report import render as render_run

        return render_run(result, format)
    if isinstance(result, list):
        from claimcheck.report import render_json, render_yaml
        from claimcheck.report.extraction import extraction_to_dict

        if format not in ("yaml", "json"):
            raise OutputError(f"unknown extract report format {format!r} (use yaml or json)", slug="output-format")
        data = extraction_to_dict(result)
        return render_json(data) if format == "json" else render_yaml(data)
    raise TypeError(f"render() takes a RunResult, a CheckResult or a list of Extraction, got {type(result).__name__}")


def write_report(result: Any, path: str | Path, *, format: str | None = None) -> None:
    """Render ``result`` (see ``render``) and write it to ``path`` atomically; the format follows the
    extension (``.yaml``/``.json``/``.html``/``.md`` for a RunResult; ``.sarif``/``.xml``/``.txt``/... for a
    CheckResult) unless ``format`` names one."""
    from claimcheck.check import CheckResult
    from claimcheck.report import check_format_for_path, check_writable, format_for_path, write_reports
    from claimcheck.report import write_report as write_text

    path = os.fspath(path)
    if format is None:
        format = check_format_for_path(path) if isinstance(result, CheckResult) else format_for_path(path)
    check_writable(path)
    if isinstance(result, RunResult):
        write_reports(result, [(path, format)])  # JSON streamed, one finding at a time
        return
    write_text(path, render(result, format))

