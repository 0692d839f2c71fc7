"""The pipeline: load -> extract -> embed -> cluster -> compare, one typed stage each."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from claimcheck.cache import ClaimCache, cached_embedder
from claimcheck.config import Config
from claimcheck.errors import InputError
from claimcheck.models import Article, Claim, RunResult
from claimcheck.stages.cluster.clusters import cluster_claims
from claimcheck.stages.compare.findings import compare_clusters
from claimcheck.stages.embed.encoders import Embedder, embed_claims
from claimcheck.stages.extract.claims import extract_claims
from claimcheck.stages.framing import describe_findings
from claimcheck.stages.compare.timeline import publication_dates

Progress = Callable[[str, int, int], None]  # (stage, done, total)


def _noop(stage: str, done: int, total: int) -> None:
    return None


def extract_all(articles: list[Article], *, config: Config, progress: Progress = _noop,
                cache_dir: str | Path | None = None) -> list[Claim]:
    """Extract every article's claims, sorted by (source, start); cached per article under ``cache_dir``."""
    claims: list[Claim] = []
    with ClaimCache(cache_dir, config=config.extract) as store:
        store.prefetch(articles)
        for i, article in enumerate(articles):
            claims.extend(store.get_or_extract(article, lambda a: extract_claims(a, config=config.extract)))
            progress("extract", i + 1, len(articles))
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
    claims = extract_all(articles, config=config, progress=progress, cache_dir=cache_dir)
    if warnings is None:
        warnings = []
    check_thin_sources(articles, claims, config=config, warnings=warnings, require_claims=require_claims,
                       strict=strict)
    # the model loads only if some claim is not in the embedding cache (claimcheck/cache.py)
    embedder = cached_embedder(config.embedding, embedder=embedder, cache_dir=cache_dir,
                               progress=lambda done, total: progress("embed", done, total))
    vectors = embed_claims([c.text for c in claims], embedder=embedder)
    progress("embed", len(claims), len(claims))
    clusters = cluster_claims(claims, vectors, config=config.cluster)
    findings = compare_clusters(clusters, claims, vectors, config=config.compare,
                                published=publication_dates(articles), cluster=config.cluster)
    findings = describe_findings(findings)  # framing: how sources describe shared nouns (no verdict changes)
    progress("compare", 1, 1)
    return RunResult(config=config.to_dict(), articles=tuple(articles), claims=tuple(claims),
                     findings=tuple(findings), model_id=embedder.model_id, warnings=tuple(warnings or ()))
