"""The Python API that the CLI twins: ``compare(...)`` (and, later, ``check(...)``)."""

from __future__ import annotations

from pathlib import Path

from claimcheck.config import Config, load_config
from claimcheck.errors import UsageError
from claimcheck.models import RunResult
from claimcheck.pipeline import Progress, _noop, run_pipeline
from claimcheck.stages.embed import Embedder
from claimcheck.stages.load import load_articles


def resolve_config(config: Config | None = None, config_path: str | Path | None = None) -> Config:
    """The Config object given, else the YAML file given, else the defaults."""
    if config is not None:
        config.validate()
        return config
    return load_config(config_path)


def compare(paths: list[str], *, config: Config | None = None, config_path: str | Path | None = None,
            published: dict[str, str] | None = None, embedder: Embedder | None = None,
            progress: Progress = _noop) -> RunResult:
    """Compare the claims of two or more articles (files, directories or globs)."""
    cfg = resolve_config(config, config_path)
    warnings: list[str] = []
    articles = load_articles(list(paths), published=published, max_bytes=cfg.max_file_bytes, warnings=warnings)
    if len(articles) < 2:
        raise UsageError(f"compare needs at least two articles, got {len(articles)}", slug="usage-sources",
                         path=paths[0] if len(paths) == 1 else None)
    return run_pipeline(articles, config=cfg, embedder=embedder, progress=progress, warnings=warnings)
