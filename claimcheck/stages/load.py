"""Stage 1, load: paths, directories and globs -> decoded Articles with their metadata."""

from __future__ import annotations

import datetime as dt
import glob
import os
import re
from pathlib import Path
from typing import Any

from claimcheck.errors import InputError
from claimcheck.models import Article

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def expand_paths(paths: list[str], *, warnings: list[str] | None = None) -> list[Path]:
    """Turn files, directories and glob patterns into a sorted, de-duplicated list of files.

    Files inside directories with unsupported suffixes are skipped (a warning is added);
    a path that does not exist and matches nothing is an error.
    """
    found: dict[str, Path] = {}
    for raw in paths:
        if any(ch in raw for ch in "*?[") and not os.path.exists(raw):
            matches = sorted(glob.glob(raw, recursive=True))
            files = [Path(m) for m in matches if Path(m).is_file()]
            if not files:
                raise InputError("no file matches this pattern", path=raw, slug="input-missing")
        else:
            p = Path(raw)
            if not p.exists():
                raise InputError("no such file or directory", path=raw, slug="input-missing")
            if p.is_dir():
                files = sorted(q for q in p.rglob("*") if q.is_file() and not q.name.startswith("."))
                skipped = [q for q in files if q.suffix.lower() not in SUPPORTED_SUFFIXES]
                if warnings is not None:
                    warnings.extend(f"{q}: skipped, unsupported file type" for q in skipped)
                files = [q for q in files if q.suffix.lower() in SUPPORTED_SUFFIXES]
                if not files:
                    raise InputError("directory holds no .txt, .md or .html file", path=raw, slug="input-empty-dir")
            else:
                files = [p]
        for f in files:
            key = os.path.realpath(f)
            if key in found:
                if warnings is not None:
                    warnings.append(f"{f}: given more than once, read once")
                continue
            found[key] = f
    return list(found.values())


def decode_bytes(data: bytes, *, path: str) -> str:
    """Decode a file's bytes: UTF-8 (with or without BOM), else a detected legacy encoding."""
    if not data.strip():
        raise InputError("file is empty", path=path, slug="input-empty")
    if b"\x00" in data[:8192]:
        raise InputError("file looks binary (NUL bytes), not text", path=path, slug="input-binary")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise InputError("cannot decode file: not UTF-8 and no known encoding fits", path=path,
                             slug="input-encoding") from None
        text = str(best)
    control = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > max(8, len(text[:8192]) // 50):
        raise InputError("file looks binary (control characters), not text", path=path, slug="input-binary")
    return text


def parse_front_matter(text: str, *, path: str) -> tuple[dict[str, Any], int]:
    """Return the YAML front matter (or {}) and the offset where the body starts."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, 0
    import yaml

    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError:
        raise InputError("front matter is not valid YAML", path=path, slug="input-front-matter") from None
    if not isinstance(meta, dict):
        raise InputError("front matter must be a YAML mapping", path=path, slug="input-front-matter")
    return meta, m.end()


def normalise_published(value: Any, *, path: str) -> str | None:
    """Accept a date, datetime or ISO string; return YYYY-MM-DD or raise InputError."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    s = str(value).strip()
    try:
        return dt.date.fromisoformat(s[:10]).isoformat()
    except ValueError:
        raise InputError(f"published date {s!r} is not YYYY-MM-DD", path=path, slug="input-date") from None


def _guess_title(body: str) -> str | None:
    for line in body.splitlines():
        line = line.strip()
        if not line:
            continue
        if len(line) <= 200 and not line.endswith((".", "!", "?")):
            return line
        return None
    return None


def _read_html(raw: str, *, path: str) -> tuple[str, dict[str, Any]]:
    import trafilatura

    text = trafilatura.extract(raw, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        raise InputError("no article text found in this HTML page", path=path, slug="input-no-text")
    meta: dict[str, Any] = {}
    doc = trafilatura.extract_metadata(raw)
    if doc is not None:
        meta = {"title": doc.title, "published": doc.date, "url": doc.url}
    return text, meta


def load_article(path: Path, *, max_bytes: int = 20_000_000) -> Article:
    """Read one file into an Article (front matter for text, main-text extraction for HTML)."""
    spath = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"file is {size} bytes, over the limit of {max_bytes} (max_file_bytes)", path=spath,
                             slug="input-too-large")
        data = path.read_bytes()
    except PermissionError:
        raise InputError("permission denied", path=spath, slug="input-unreadable") from None
    except IsADirectoryError:
        raise InputError("is a directory", path=spath, slug="input-unreadable") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=spath, slug="input-unreadable") from None
    text = decode_bytes(data, path=spath)
    extracted_from = None
    if path.suffix.lower() in HTML_SUFFIXES:
        text, meta = _read_html(text, path=spath)
        body_start = 0
        extracted_from = "html"
        origin = "html-meta"
    else:
        meta, body_start = parse_front_matter(text, path=spath)
        origin = "front-matter"
    published = normalise_published(meta.get("published"), path=spath)
    title = meta.get("title") or _guess_title(text[body_start:])
    source = str(meta.get("source") or path.stem)
    return Article(
        id=source,
        path=spath,
        text=text,
        body_start=body_start,
        title=str(title) if title else None,
        published=published,
        published_origin=origin if published else "none",
        url=str(meta["url"]) if meta.get("url") else None,
        extracted_from=extracted_from,
    )


def parse_published_overrides(items: list[str]) -> dict[str, str]:
    """Parse ``SOURCE=YYYY-MM-DD`` strings from the CLI into a mapping."""
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not _DATE.match(value.strip()):
            raise InputError(f"--published expects SOURCE=YYYY-MM-DD, got {item!r}", slug="usage-published")
        out[key.strip()] = normalise_published(value.strip(), path=key.strip()) or ""
    return out


def load_articles(paths: list[str], *, published: dict[str, str] | None = None, max_bytes: int = 20_000_000,
                  warnings: list[str] | None = None) -> list[Article]:
    """Load every input into Articles sorted by id; ``published`` overrides dates by id, file name or path."""
    import dataclasses

    files = expand_paths(paths, warnings=warnings)
    articles = [load_article(f, max_bytes=max_bytes) for f in files]
    # Two different files may share a stem: disambiguate with the path, deterministically.
    seen: dict[str, int] = {}
    for a in articles:
        seen[a.id] = seen.get(a.id, 0) + 1
    articles = [
        dataclasses.replace(a, id=str(Path(a.path).with_suffix("")).replace(os.sep, "/")) if seen[a.id] > 1 else a
        for a in articles
    ]
    overrides = dict(published or {})
    used: set[str] = set()
    result = []
    for a in articles:
        for key in (a.id, a.path, Path(a.path).name, Path(a.path).stem):
            if key in overrides:
                a = dataclasses.replace(a, published=overrides[key], published_origin="cli")
                used.add(key)
                break
        result.append(a)
    unknown = sorted(set(overrides) - used)
    if unknown:
        raise InputError(f"--published names no loaded source: {', '.join(unknown)}", slug="usage-published")
    return sorted(result, key=lambda a: a.id)
