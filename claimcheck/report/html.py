"""The HTML report: one self-contained page rendered by Jinja2 with autoescape on.

Article text is untrusted input. Every piece of it reaches the template as a plain string
(the source view and the claim texts are split into segments here, in Python) and Jinja
escapes each one; nothing derived from an article is ever marked safe. The only markup
passed in pre-built is the page's own static stylesheet and script. A Content-Security-Policy
meta tag forbids every network request and allows only that one script (by its hash), so even
a missed escape could neither run code nor phone home.

The view helpers (source labels, conflicts in words, evidence; ``claimcheck.report.view``) are shared with the
Markdown report. Both read the typed conflicts of the result dict (format 2: ``findings[].conflicts`` and
``pairs[].conflicts``) and nothing else: no detail string is split into values and no matching rule runs
here; the marked words are exactly the conflicts' value spans. A card's "Same story" block lists the findings it
names in ``related`` (``related_words``), each a link to that finding's card.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from claimcheck.report.view import (VERDICT_HEADINGS, VERDICT_LABELS, VERDICT_ORDER, all_ints, anchor,
                                    description_words, excerpt, page_index, pair_evidence, published_words,
                                    reason_words, related_summary, related_words, source_letter)

SLOT_KINDS = {"dates": "date", "numbers": "number", "entities": "entity"}


def conflict_spans(finding: dict[str, Any], claim: dict[str, Any]) -> list[tuple[int, int]]:
    """Absolute (start, end) spans of the values in one claim that make its finding diverge: exactly the value
    spans the finding's typed conflicts record for that claim (char offsets into its article's text)."""
    cid, source = str(claim.get("id")), claim.get("source")
    spans = set()
    for c in finding.get("conflicts") or []:
        for side in (c.get("sides") or []) if isinstance(c, dict) else []:
            for sp in (side.get("spans") or []) if isinstance(side, dict) else []:
                if not isinstance(sp, dict) or str(sp.get("claim")) != cid or sp.get("source", source) != source:
                    continue
                start, end = sp.get("start"), sp.get("end")
                if all_ints(start, end) and 0 <= start < end:
                    spans.add((start, end))
    return sorted(spans)


# --------------------------------------------------------------------------- segments

@dataclass
class Segment:
    """A run of text with the same marks: the claim covering it, slot kinds, a conflict."""

    text: str
    claim: dict[str, Any] | None = None
    anchor_id: str | None = None
    conflict: bool = False
    gap: bool = False  # text the claim leaves out (a clause cut out of its middle, a claim of its own)
    slots: list[dict[str, str]] = field(default_factory=list)
    extra_anchors: list[str] = field(default_factory=list)


def split_segments(text: str, base: int, spans: list[tuple[int, int, str, Any]]) -> list[Segment]:
    """Split ``text`` (which starts at offset ``base``) at every span boundary.

    Each span is (start, end, kind, payload) in absolute offsets; kinds are "claim" (payload:
    (claim, anchor id or None)), "conflict" and "slot" (payload: {"kind", "title"}). Spans
    outside the text are ignored; overlapping spans are fine.
    """
    n = len(text)
    clipped = []
    for start, end, kind, payload in spans:
        s, e = max(0, start - base), min(n, end - base)
        if s < e:
            clipped.append((s, e, kind, payload))
    cuts = sorted({0, n, *(s for s, *_ in clipped), *(e for _, e, *_ in clipped)})
    pending = sorted(clipped, key=lambda span: span[0])
    active: list[tuple[int, int, str, Any]] = []
    nxt = 0
    out: list[Segment] = []
    for s, e in zip(cuts, cuts[1:]):  # a sweep: the spans covering [s, e) are those started and not ended
        while nxt < len(pending) and pending[nxt][0] <= s:
            active.append(pending[nxt])
            nxt += 1
        active = [span for span in active if span[1] > s]
        seg = Segment(text=text[s:e])
        starting: list[str] = []
        for cs, _ce, kind, payload in active:  # every cut is a span boundary: each active span covers [s, e)
            if kind == "claim":
                claim, anchor_id = payload
                if cs == s and anchor_id:
                    starting.append(anchor_id)
                if seg.claim is None or _rank(claim) < _rank(seg.claim):
                    seg.claim = claim
                    seg.anchor_id = anchor_id if cs == s else None
            elif kind == "conflict":
                seg.conflict = True
            elif kind == "gap":
                seg.gap = True
            elif kind == "slot":
                seg.slots.append(payload)
        # each claim occurrence's anchor id sits where it starts: on the segment's element, or (when an
        # overlapping claim of a stronger verdict owns the segment) on an empty marker before it
        seg.extra_anchors = [a for a in starting if a != seg.anchor_id]
        out.append(seg)
    return out


def _rank(claim: dict[str, Any]) -> int:
    verdict = claim.get("_verdict", "unique")
    return VERDICT_ORDER.index(verdict) if verdict in VERDICT_ORDER else len(VERDICT_ORDER)


def _slot_spans(claim: dict[str, Any]) -> list[tuple[int, int, str, Any]]:
    spans = []
    for key, kind in SLOT_KINDS.items():
        for item in (claim.get("slots") or {}).get(key) or []:
            if not isinstance(item, dict) or not isinstance(item.get("start"), int):
                continue
            if kind == "date":
                title = f"date: {item.get('value')}"
                if item.get("relative"):
                    title += f" (resolved against {item.get('anchor')})"
            elif kind == "number":
                unit = item.get("unit")
                title = f"number: {item.get('text')}" + (f" ({unit})" if unit else "")
            else:
                title = f"{str(item.get('label', 'entity')).lower()}: {item.get('key') or item.get('text')}"
            spans.append((item["start"], item["end"], "slot", {"kind": kind, "title": title}))
    return spans


def claim_segments(finding: dict[str, Any], claim: dict[str, Any]) -> list[Segment]:
    """A claim's own text split so its slots and conflicting values can be marked."""
    text, base = str(claim.get("text") or ""), claim.get("start")
    if not isinstance(base, int):
        return [Segment(text=text)]
    spans = _slot_spans(claim) + [(s, e, "conflict", None) for s, e in conflict_spans(finding, claim)]
    spans += [(g[0], g[1], "gap", None) for g in _gaps(claim)]
    return split_segments(text, base, spans)


def _gaps(claim: dict[str, Any]) -> list[tuple[int, int]]:
    """A claim's ``gaps`` (what it leaves out of its text), the well-formed ones."""
    return [(g[0], g[1]) for g in claim.get("gaps") or [] if isinstance(g, (list, tuple)) and len(g) == 2
            and all(isinstance(x, int) for x in g) and g[0] < g[1]]


def _spans_ok(text: str, claim: dict[str, Any], start: Any, end: Any) -> bool:
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)


def source_segments(source_id: str, text: str, findings: list[dict[str, Any]]) -> list[Segment]:
    """A source's full text split at every claim occurrence and conflicting value."""
    spans: list[tuple[int, int, str, Any]] = []
    for f in findings:
        for c in f.get("claims") or []:
            if c.get("source") != source_id:
                continue
            occurrences = [tuple(o) for o in c.get("occurrences") or [] if isinstance(o, (list, tuple))
                           and len(o) == 2] or [(c.get("start"), c.get("end"))]
            reason = reason_words(f, {})
            claim = dict(c, _verdict=f.get("verdict"), _href="#" + anchor(str(f.get("id")), "finding"),
                         _title=f"{VERDICT_LABELS.get(str(f.get('verdict')), f.get('verdict'))}"
                                + (f": {reason['title'][0].lower()}{reason['title'][1:]}" if reason else "")
                                + " (go to the finding)")
            gaps = _gaps(c)
            for i, (start, end) in enumerate(occurrences):
                if not _spans_ok(text, c, start, end):
                    continue
                anchor_id = anchor(str(c.get("id")), "claim") + ("" if i == 0 else f"-{i + 1}")
                # the text a claim leaves out is not highlighted as its own (each occurrence has the first's gaps)
                shift = start - c["start"] if isinstance(c.get("start"), int) else 0
                pos = start
                for gs, ge in gaps:
                    if start <= gs + shift and ge + shift <= end:
                        if gs + shift > pos:
                            spans.append((pos, gs + shift, "claim", (claim, anchor_id if pos == start else None)))
                        pos = ge + shift
                if end > pos:
                    spans.append((pos, end, "claim", (claim, anchor_id if pos == start else None)))
            for s, e in conflict_spans(f, c):
                spans.append((s, e, "conflict", None))
    return split_segments(text, 0, spans)


# --------------------------------------------------------------------------- page

@lru_cache(maxsize=1)
def _static() -> tuple[str, str, str]:
    """The page's stylesheet and script (static files shipped with the templates) and the script's CSP hash."""
    folder = resources.files("claimcheck.report") / "templates"
    css = (folder / "report.css").read_text(encoding="utf-8")
    js = (folder / "report.js").read_text(encoding="utf-8")
    if "</" in css or "</" in js:  # cannot happen for the shipped files; guards the raw inclusion below
        raise ValueError("static report assets must not contain '</'")
    digest = base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode("ascii")
    return css, js, f"'sha256-{digest}'"


@lru_cache(maxsize=1)
def _environment():  # noqa: ANN202 - a jinja2.Environment
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    return Environment(loader=PackageLoader("claimcheck.report", "templates"),
                       autoescape=select_autoescape(default=True, default_for_string=True),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def _source_views(raw_sources: list[dict[str, Any]], findings: list[dict[str, Any]], letters: dict[str, str],
                  texts: dict[str, str]) -> list[dict[str, Any]]:
    """Each source as the template shows it: label, title, publication, counts by verdict, its text's segments."""
    per_source: dict[str, dict[str, int]] = {sid: {v: 0 for v in VERDICT_ORDER} for sid in letters}
    for f in findings:
        for c in f.get("claims") or []:
            counts = per_source.get(str(c.get("source")))
            if counts is not None and f.get("verdict") in counts:
                counts[f["verdict"]] += 1
    sources = []
    for i, s in enumerate(raw_sources):
        sid = str(s.get("id"))
        date, origin = published_words(s)
        url = str(s.get("url") or "")
        text = texts.get(sid)
        sources.append({
            "id": sid, "letter": letters[sid], "index": i, "anchor": anchor(sid, "source"),
            "key": anchor(sid, "s"), "title": str(s.get("title") or sid), "path": str(s.get("path") or ""),
            "published": date, "origin": origin, "url": url,
            "url_is_web": bool(re.match(r"^https?://[^\s]+$", url, re.IGNORECASE)),
            "n_claims": s.get("n_claims", sum(per_source[sid].values())), "verdicts": per_source[sid],
            "bar": _bar(per_source[sid]),
            "stats": {k: v for k, v in (s.get("stats") or {}).items() if all_ints(v)}
            if isinstance(s.get("stats"), dict) else {},
            "segments": source_segments(sid, text, findings) if isinstance(text, str) else None,
        })
    return sources


def _card_columns(f: dict[str, Any], claims: list[dict[str, Any]], sources: list[dict[str, Any]],
                  keys: dict[str, str], texts: dict[str, str]) -> list[dict[str, Any]]:
    """A card's claims in one column per source (claims of unknown sources last)."""
    columns = []
    for s in sources + [{"id": None}]:  # claims of unknown sources go last
        own = [c for c in claims if (str(c.get("source")) == s["id"]) or
               (s["id"] is None and str(c.get("source")) not in keys)]
        if not own:
            continue
        columns.append({"source": s if s["id"] is not None else None,
                        "claims": [{"id": str(c.get("id")), "anchor": anchor(str(c.get("id")), "claim"),
                                    "segments": claim_segments(f, c), "start": c.get("start"),
                                    "end": c.get("end"), "repeats": len(c.get("occurrences") or []),
                                    "flags": [k for k in ("negated", "hedged", "quoted")
                                              if (c.get("slots") or {}).get(k)],
                                    "attribution": (c.get("slots") or {}).get("attribution"),
                                    "in_text": isinstance(texts.get(str(c.get("source"))), str)}
                                   for c in own]})
    return columns


def _card(f: dict[str, Any], sources: list[dict[str, Any]], keys: dict[str, str], letters: dict[str, str],
          shown: dict[str, tuple[int, dict[str, Any]]], texts: dict[str, str]) -> dict[str, Any]:
    """One finding's card: verdict, conflicts in words, claims by source, descriptions, evidence, related."""
    verdict = f.get("verdict") if f.get("verdict") in VERDICT_ORDER else "unique"
    claims = [c for c in f.get("claims") or [] if isinstance(c, dict)]
    similarity = f.get("similarity")
    related = related_words(f, shown, letters)
    return {
        "id": str(f.get("id")), "anchor": anchor(str(f.get("id")), "finding"), "verdict": verdict,
        "similarity": similarity if isinstance(similarity, (int, float)) else None,
        "reason": reason_words(f, letters), "columns": _card_columns(f, claims, sources, keys, texts),
        "descriptions": description_words(f, letters),
        "source_keys": " ".join(sorted({keys.get(str(c.get("source")), "") for c in claims} - {""})),
        "n_pairs": len(f.get("pairs") or []),
        "same_event": _linked_by_event(f),
        "evidence": _card_evidence(f, letters, verdict, anchor(str(f.get("id")), "finding")),
        "related": related, "related_summary": related_summary(related),
    }


def build_view(data: dict[str, Any], texts: dict[str, str]) -> dict[str, Any]:
    """Everything the template shows, derived from the result dict (and the sources' texts)."""
    raw_sources = [s for s in data.get("sources") or [] if isinstance(s, dict)]
    findings = [f for f in data.get("findings") or [] if isinstance(f, dict)]
    letters = {str(s.get("id")): source_letter(i) for i, s in enumerate(raw_sources)}
    sources = _source_views(raw_sources, findings, letters, texts)
    keys = {s["id"]: s["key"] for s in sources}
    shown = page_index(findings)
    cards = [_card(f, sources, keys, letters, shown, texts) for f in findings]
    order = {v: i for i, v in enumerate(VERDICT_ORDER)}
    cards.sort(key=lambda c: order[c["verdict"]])  # stable: keeps the result's own order within a verdict
    summary = {v: int((data.get("summary") or {}).get(v, sum(1 for c in cards if c["verdict"] == v)))
               for v in VERDICT_ORDER}
    groups = [{"verdict": v, "label": VERDICT_LABELS[v], "heading": VERDICT_HEADINGS[v],
               "cards": [c for c in cards if c["verdict"] == v]} for v in VERDICT_ORDER]
    tool = data.get("tool") or {}
    return {
        "sources": sources, "groups": groups, "summary": summary, "total": sum(summary.values()),
        "bar": _bar(summary), "n_claims": sum(int(s["n_claims"] or 0) for s in sources),
        "tool": {"name": str(tool.get("name") or "claimcheck"), "version": str(tool.get("version") or ""),
                 "model": str(tool.get("model") or "")},
        "format_version": data.get("format_version"), "warnings": [str(w) for w in data.get("warnings") or []],
        "thresholds": _thresholds(data.get("config") or {}),
        "title": page_title(sources),
        "matrix": matrix_view(data, findings, texts=texts),
    }


MATRIX_EXCERPT = 70  # characters of a statement shown in the matrix row head
MATRIX_CELL_WORDS = {"states": "✓", "majority": "✓ majority", "silent": "–"}


def matrix_view(data: dict[str, Any], findings: list[dict[str, Any]], *,
                texts: dict[str, str] | None = None) -> dict[str, Any]:
    """The statement x source matrix (claimcheck/report/matrix.py) for the template: its rows (finding anchor,
    verdict, excerpt) and per source a cell with its state, the words shown and the href of that source's
    claim: in the source view (the full text, same anchor as the cards' "show in the text" links) when the
    source's text is in the report, else in the finding's card (the card itself when the source has no claim
    there; none when silent). Cells carry no title: with 25 sources and hundreds of statements the table must
    stay small."""
    from claimcheck.report.matrix import build_matrix

    matrix = build_matrix(data)
    by_id = {str(f.get("id")): f for f in findings}
    rows = []
    for r in matrix["rows"]:
        card = anchor(r["finding"], "finding")
        claims = [c for c in (by_id.get(r["finding"]) or {}).get("claims") or [] if isinstance(c, dict)]
        first = {}
        for c in claims:
            src, claim_anchor = str(c.get("source")), anchor(str(c.get("id")), "claim")
            in_text = isinstance((texts or {}).get(src), str)
            first.setdefault(src, f"#{claim_anchor}" if in_text else f"#{card}-{claim_anchor}")
        cells = []
        for sid in matrix["sources"]:
            cell = r["cells"][sid]
            state = cell["state"]
            cells.append({"state": state, "words": cell.get("value", "") if state == "other"
                          else MATRIX_CELL_WORDS[state],
                          "href": "" if state == "silent" else first.get(sid, f"#{card}")})
        rows.append({"href": f"#{card}", "verdict": r["verdict"] if r["verdict"] in VERDICT_ORDER else "unique",
                     "excerpt": excerpt(r["excerpt"], limit=MATRIX_EXCERPT), "text": r["excerpt"], "cells": cells})
    return {"rows": rows}


def page_title(sources: list[dict[str, Any]], *, max_chars: int = 60) -> str:
    """A short page title: the first source's title (cut at a word to ``max_chars``) and the number of
    sources ("Bridge reopens after repairs · 4 sources"), readable with 20 sources as with 2."""
    n = len(sources)
    count = f"{n} source{'' if n == 1 else 's'}"
    if not n:
        return count
    first = " ".join(str(sources[0]["title"]).split())
    if len(first) > max_chars:
        first = first[:max_chars].rsplit(" ", 1)[0].rstrip(" ,;:·-") + "…"
    return f"{first} · {count}"


def _linked_by_event(finding: dict[str, Any]) -> bool:
    """Whether every cross-source pair of the finding was joined by an event-date link (``link: event``): the
    claims speak of the same event rather than state the same thing."""
    pairs = finding.get("pairs") or []
    return bool(pairs) and all(p.get("link") == "event" for p in pairs)


def _card_evidence(finding: dict[str, Any], letters: dict[str, str], verdict: str,
                   card_anchor: str) -> dict[str, Any] | None:
    """A multi-source card's evidence block: pair_evidence plus each known claim's link within the card."""
    evidence = pair_evidence(finding, letters) if verdict != "unique" else None
    for p in (evidence or {}).get("pairs", []):
        for s in p["sides"]:
            s["href"] = f"#{card_anchor}-{anchor(s['claim_id'], 'claim')}" if s["known"] else ""
    return evidence


def _bar(counts: dict[str, int]) -> list[dict[str, Any]]:
    """Stacked-bar segments (x, width in percent) for verdict counts."""
    total = sum(counts.values())
    out, x = [], 0.0
    for v in VERDICT_ORDER:
        n = counts.get(v, 0)
        if n and total:
            width = round(100.0 * n / total, 3)
            out.append({"verdict": v, "n": n, "x": round(x, 3), "width": width})
            x += width
    return out


def _thresholds(config: dict[str, Any]) -> list[tuple[str, str]]:
    """A few settings worth showing beside the findings (dotted key, value)."""
    out = []
    for section, values in sorted(config.items()):
        if isinstance(values, dict):
            for key, value in sorted(values.items()):
                if ("threshold" in key or key == "min_similarity") and isinstance(value, (int, float)):
                    out.append((f"{section}.{key}", str(value)))
    return out


def render(data: dict[str, Any], *, texts: dict[str, str]) -> str:
    """Render the result dict (and the sources' full texts, by source id) to one self-contained HTML page."""
    from markupsafe import Markup

    css, js, script_hash = _static()
    view = build_view(data, texts or {})
    # The stylesheet and script are the package's own static files (checked above to hold no '</');
    # they are the only markup not escaped by the template.
    return _environment().get_template("report.html.j2").render(
        v=view, verdicts=VERDICT_ORDER, css=Markup(css), js=Markup(js), script_hash=script_hash)
