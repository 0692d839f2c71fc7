"""Many sources at a glance: the statement x source matrix and the per-source scorecard (issue 18).

Both are read from the result dict (``result_to_dict``), so every format shows the same numbers.

The matrix has one row per finding (statement) that two or more sources carry or that diverges, and one column
per source, in the report's source order. Each cell is one of:

* ``states``: the source carries the statement and none of the finding's conflicts sets it apart;
* ``majority``: the source stands with the majority value of a conflict (and is an outlier in none);
* ``other``: the source states a value no majority holds (an outlier, or either side of a conflict with no
  majority, e.g. between two sources); ``value`` holds its value(s), ``; ``-joined across conflicts;
* ``silent``: the source does not carry the statement.

Rows are sorted by contention, then coverage, then finding id: first the rows with the most ``other`` cells,
then among those the rows most sources carry (any cell but ``silent``), then by id (content-derived, so the
order is deterministic).

The scorecard (``source_stats``) gives per source: ``shared`` (statements it shares with another source),
``outlier`` (statements where it is named an outlier of a conflict), ``unique`` (statements only it carries)
and ``diverging`` (diverging statements it is part of).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from claimcheck.report.view import stated_text

STATES = ("states", "majority", "other", "silent")
CSV_EXCERPT_CHARS = 120  # a statement's excerpt in the CSV (its first claim, cut at a word)


def _ids(values: Any) -> list[str]:
    return [str(x) for x in values] if isinstance(values, list) else []


def _finding_sources(finding: dict[str, Any]) -> list[str]:
    """Every source a finding holds: its ``sources`` and its claims' sources."""
    found = _ids(finding.get("sources"))
    for c in finding.get("claims") or []:
        if isinstance(c, dict) and c.get("source") is not None:
            found.append(str(c["source"]))
    return list(dict.fromkeys(found))


def excerpt(text: Any, *, max_chars: int = CSV_EXCERPT_CHARS) -> str:
    """A statement's text on one line, cut at a word to ``max_chars`` (with an ellipsis when cut)."""
    words = " ".join(str(text or "").split())
    if len(words) <= max_chars:
        return words
    cut = words[:max_chars].rsplit(" ", 1)[0] or words[:max_chars]
    return cut.rstrip(" ,;:") + "…"


def cells(finding: dict[str, Any], source_ids: list[str]) -> dict[str, dict[str, Any]]:
    """One cell per source id for a finding: ``{"state": ..., "value": ...}`` (``value`` only for
    ``majority`` and ``other``: the value the source states)."""
    carried = set(_finding_sources(finding))
    other: dict[str, list[str]] = {}
    majority: dict[str, list[str]] = {}
    for k in finding.get("conflicts") or []:
        if not isinstance(k, dict):
            continue
        outliers = set(_ids(k.get("outliers")))
        has_majority = k.get("majority") is not None
        for side in k.get("sides") or []:
            if not isinstance(side, dict):
                continue
            value = str(side.get("value"))
            is_majority = has_majority and str(side.get("value")) == str(k.get("majority"))
            for sid in _ids(side.get("sources")):
                carried.add(sid)
                if is_majority and sid not in outliers:
                    majority.setdefault(sid, []).append(value)
                else:
                    other.setdefault(sid, []).append(value)
    out: dict[str, dict[str, Any]] = {}
    for sid in source_ids:
        if sid in other:
            out[sid] = {"state": "other", "value": "; ".join(dict.fromkeys(other[sid]))}
        elif sid in majority:
            out[sid] = {"state": "majority", "value": "; ".join(dict.fromkeys(majority[sid]))}
        elif sid in carried:
            out[sid] = {"state": "states"}
        else:
            out[sid] = {"state": "silent"}
    return out


def build_matrix(data: dict[str, Any]) -> dict[str, Any]:
    """The statement x source matrix of a result dict: ``{"sources": [ids], "rows": [...]}``, each row with
    ``finding`` (id), ``verdict``, ``excerpt`` (its first claim's text), ``cells`` (by source id, see ``cells``),
    ``contention`` (``other`` cells) and ``coverage`` (cells not ``silent``); rows in the module's order."""
    source_ids = [str(s.get("id")) for s in data.get("sources") or [] if isinstance(s, dict)]
    rows = []
    for f in data.get("findings") or []:
        if not isinstance(f, dict):
            continue
        if f.get("verdict") != "diverge" and len(_finding_sources(f)) < 2:
            continue
        row_cells = cells(f, source_ids)
        claims = [c for c in f.get("claims") or [] if isinstance(c, dict)]
        rows.append({"finding": str(f.get("id")), "verdict": str(f.get("verdict")),
                     "excerpt": " ".join(stated_text(claims[0]).split()) if claims else "",
                     "cells": row_cells,
                     "contention": sum(1 for c in row_cells.values() if c["state"] == "other"),
                     "coverage": sum(1 for c in row_cells.values() if c["state"] != "silent")})
    rows.sort(key=lambda r: (-r["contention"], -r["coverage"], r["finding"]))
    return {"sources": source_ids, "rows": rows}


def cell_text(cell: dict[str, Any]) -> str:
    """A cell as one word, or ``other: <value>``."""
    return f"other: {cell.get('value', '')}" if cell["state"] == "other" else cell["state"]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(field: str) -> str:
    """A field a spreadsheet will not run as a formula: one starting with ``= + - @``, a tab or a carriage return
    (article text is untrusted) gets a leading ``'`` (the OWASP advice for CSV injection)."""
    return "'" + field if field.startswith(_FORMULA_START) else field


def render_csv(data: dict[str, Any]) -> str:
    """The matrix as CSV (csv module, ``\\n`` line ends): header ``finding``, ``verdict``, ``statement``, then one
    column per source id; one row per matrix row; every field ``spreadsheet_safe``."""
    matrix = build_matrix(data)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([spreadsheet_safe(x) for x in ("finding", "verdict", "statement", *matrix["sources"])])
    for r in matrix["rows"]:
        writer.writerow([spreadsheet_safe(x) for x in (r["finding"], r["verdict"], excerpt(r["excerpt"]),
                                                       *(cell_text(r["cells"][sid]) for sid in matrix["sources"]))])
    return buf.getvalue()


def source_stats(findings: list[dict[str, Any]], source_ids: list[str]) -> dict[str, dict[str, int]]:
    """The scorecard per source id: ``shared``, ``outlier``, ``unique`` and ``diverging`` statement counts."""
    stats = {sid: {"shared": 0, "outlier": 0, "unique": 0, "diverging": 0} for sid in source_ids}
    for f in findings:
        add_source_stats(stats, f)
    return stats


def add_source_stats(stats: dict[str, dict[str, int]], f: Any) -> None:
    """Count one finding dict into ``stats`` (``source_stats``' scorecard; sources not in it are left out)."""
    if not isinstance(f, dict):
        return
    held = _finding_sources(f)
    outliers = {sid for k in f.get("conflicts") or [] if isinstance(k, dict) for sid in _ids(k.get("outliers"))}
    for sid in held:
        s = stats.get(sid)
        if s is None:
            continue
        if len(held) >= 2:
            s["shared"] += 1
        elif f.get("verdict") == "unique":
            s["unique"] += 1
        if f.get("verdict") == "diverge":
            s["diverging"] += 1
        if sid in outliers:
            s["outlier"] += 1
