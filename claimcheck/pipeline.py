"""The pipeline: load -> extract -> embed -> cluster -> compare, one typed stage each."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from claimcheck.cache import ClaimCache, cached_embedder
from claimcheck.config import Config
from claimcheck.errors import InputError
from claimcheck.models import Article, Claim, RunResult
from claimcheck.stages.cluster import cluster_claims
from claimcheck.stages.compare import compare_clusters
from claimcheck.stages.embed import Embedder, embed_claims, get_embedder
from claimcheck.stages.extract import extract_claims
from claimcheck.stages.framing import describe_findings

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


def run_pipeline(articles: list[Article], *, config: Config, embedder: Embedder | None = None,
                 progress: Progress = _noop, warnings: list[str] | None = None,
                 require_claims: bool = False, cache_dir: str | Path | None = None) -> RunResult:
    """Run every stage after loading and return the RunResult the reports render.

    With ``require_claims``, a source that yields no claim is an InputError (``input-no-claims``).
    """
    articles = sorted(articles, key=lambda a: a.id)
    claims = extract_all(articles, config=config, progress=progress, cache_dir=cache_dir)
    if require_claims:
        with_claims = {c.source for c in claims}
        for a in articles:
            if a.id not in with_claims:
                raise InputError(f"no claims found: no sentence of at least {config.extract.min_words} words "
                                 "is left after boilerplate removal", path=a.path, slug="input-no-claims")
    # the model loads only if some claim is not in the embedding cache (claimcheck/cache.py)
    embedder = cached_embedder(config.embedding, embedder=embedder, cache_dir=cache_dir,
                               progress=lambda done, total: progress("embed", done, total))
    vectors = embed_claims([c.text for c in claims], embedder=embedder)
    progress("embed", len(claims), len(claims))
    clusters = cluster_claims(claims, vectors, config=config.cluster)
    findings = compare_clusters(clusters, claims, vectors, config=config.compare)
    findings = describe_findings(findings)  # framing: how sources describe shared nouns (no verdict changes)
    progress("compare", 1, 1)
    return RunResult(config=config.to_dict(), articles=tuple(articles), claims=tuple(claims),
                     findings=tuple(findings), model_id=embedder.model_id, warnings=tuple(warnings or ()))
