"""Baselines: accept known issues once, keyed by content fingerprints (never line numbers).

A baseline is a small JSON file listing the fingerprints of the issues a check found. A later
check with ``--baseline`` suppresses every issue whose fingerprint is listed, wherever its lines
moved to; listed fingerprints that no longer match any issue are *stale* and reported, so the
file can be pruned.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from claimcheck.errors import InputError

BASELINE_VERSION = 1


def baseline_dict(issues: list[Any]) -> dict[str, Any]:
    """The baseline document for these issues (sorted, de-duplicated, deterministic)."""
    entries: dict[str, dict[str, Any]] = {}
    for i in issues:
        entries.setdefault(i.fingerprint, {"fingerprint": i.fingerprint, "code": i.code, "source": i.source,
                                           "path": i.path, "message": i.message, "claim": i.claim_text})
    return {"claimcheck_baseline": BASELINE_VERSION, "entries": [entries[k] for k in sorted(entries)]}


def render_baseline(issues: list[Any]) -> str:
    """The baseline file's text."""
    return json.dumps(baseline_dict(issues), ensure_ascii=False, indent=2) + "\n"


def load_baseline(path: str | Path) -> list[dict[str, Any]]:
    """Read a baseline file's entries; InputError when it is missing or malformed."""
    where = str(path)
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("baseline file not found", path=where, slug="baseline-missing") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read baseline file: {exc}", path=where, slug="baseline-unreadable") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"baseline is not valid JSON (line {exc.lineno}, column {exc.colno})", path=where,
                         slug="baseline-invalid") from None
    if not isinstance(data, dict) or data.get("claimcheck_baseline") != BASELINE_VERSION:
        raise InputError(f"not a claimcheck baseline (expected claimcheck_baseline: {BASELINE_VERSION})", path=where,
                         slug="baseline-invalid")
    entries = data.get("entries")
    if not isinstance(entries, list) or not all(isinstance(e, dict) and isinstance(e.get("fingerprint"), str)
                                                for e in entries):
        raise InputError("baseline entries must be a list of objects with a fingerprint", path=where,
                         slug="baseline-invalid")
    return entries


def apply_baseline(issues: list[Any], entries: list[dict[str, Any]]) -> tuple[list[Any], list[Any], list[dict]]:
    """Split issues into (kept, suppressed) by the baseline; also return its stale entries."""
    known = {e["fingerprint"] for e in entries}
    kept = [i for i in issues if i.fingerprint not in known]
    suppressed = [i for i in issues if i.fingerprint in known]
    seen = {i.fingerprint for i in issues}
    stale = sorted((e for e in entries if e["fingerprint"] not in seen), key=lambda e: e["fingerprint"])
    return kept, suppressed, stale
