"""The HTML report: one self-contained page rendered by Jinja2 with autoescape on.

Article text is untrusted input. Every piece of it reaches the template as a plain string
(the source view and the claim texts are split into segments here, in Python) and Jinja
escapes each one; nothing derived from an article is ever marked safe. The only markup
passed in pre-built is the page's own static stylesheet and script. A Content-Security-Policy
meta tag forbids every network request and allows only that one script (by its hash), so even
a missed escape could neither run code nor phone home.

The view helpers here (source labels, conflicts in words, conflict spans) are shared with the
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

from claimcheck.models import VERDICTS

VERDICT_ORDER = VERDICTS
VERDICT_LABELS = {"diverge": "Diverge", "agree": "Agree", "unique": "Unique"}
VERDICT_HEADINGS = {
    "diverge": "Diverging: the sources disagree",
    "agree": "Agreeing: the sources say the same",
    "unique": "Unique: only one source says it",
}
REASON_LABELS = {
    "date": "The dates differ",
    "number": "The numbers differ",
    "entity": "The names differ",
    "negation": "One affirms what the other denies",
    "attribution": "Attributed to different speakers",
    "nli": "The statements contradict each other",
    "other": "The statements conflict",
}
ORIGIN_LABELS = {
    "cli": "given on the command line",
    "front-matter": "from front matter",
    "html-meta": "from the page's metadata",
    "inferred": "inferred",
}
SLOT_KINDS = {"dates": "date", "numbers": "number", "entities": "entity"}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_SAFE_ID = re.compile(r"^[A-Za-z0-9_.-]{1,80}$")


# --------------------------------------------------------------------------- view helpers

def source_letter(index: int) -> str:
    """A short label for the index-th source: A, B, ..., Z, AA, AB, ..."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def anchor(value: str, prefix: str) -> str:
    """An HTML id / URL fragment for a value: itself when it is plain, else a stable hash."""
    if _SAFE_ID.match(value):
        return f"{prefix}-{value}"
    return f"{prefix}-{hashlib.sha256(value.encode('utf-8')).hexdigest()[:12]}"


def pretty_value(kind: str | None, value: str) -> str:
    """A side value in words: ISO dates become "June 2018"; anything else is returned unchanged."""
    if kind == "date":
        m = re.fullmatch(r"(\d{4}|XXXX)(?:-(\d{2}))?(?:-(\d{2}))?", value)
        if m and (m.group(2) is None or 1 <= int(m.group(2)) <= 12):
            year, month, day = m.groups()
            year_text = "" if year == "XXXX" else year
            if month is None:
                return year_text or value
            parts = ([str(int(day))] if day else []) + [_MONTHS[int(month) - 1]] + ([year_text] if year_text else [])
            return " ".join(parts) + ("" if year_text else " (year not given)")
    return value


def published_words(source: dict[str, Any]) -> tuple[str, str]:
    """(date, how it is known) for a source, e.g. ("2019-01-21", "inferred") or ("unknown", "")."""
    published = source.get("published")
    if not published:
        return "unknown", ""
    origin = source.get("published_origin") or ""
    return str(published), ORIGIN_LABELS.get(origin, origin if origin not in ("none",) else "")


def _ints(*values: Any) -> bool:
    return all(isinstance(v, int) and not isinstance(v, bool) for v in values)


def finding_conflicts(finding: dict[str, Any], labels: dict[str, str]) -> list[dict[str, Any]]:
    """Every typed conflict of a finding (``conflicts`` of the result dict) in words, headline first.

    Each has its kind, label ("The dates differ"), detail, subject, and its sides: the value (and the value in
    words), the sources' labels and ids, and ``role`` "majority" or "outlier" when the conflict names a majority
    (three or more sources), else "". ``subject_shown`` is set when another conflict of the finding has the
    same label, so the two can be told apart.
    """
    out = []
    for c in finding.get("conflicts") or []:
        if not isinstance(c, dict):
            continue
        kind = str(c.get("kind") or "other")
        majority = c.get("majority")
        outliers = {str(s) for s in c.get("outliers") or []} if isinstance(c.get("outliers"), list) else set()
        sides = []
        for side in c.get("sides") or []:
            if not isinstance(side, dict) or "value" not in side:
                continue
            value = str(side["value"])
            ids = [str(x) for x in side.get("sources") or []] if isinstance(side.get("sources"), list) else []
            role = "" if majority is None else "majority" if value == str(majority) else \
                "outlier" if set(ids) & outliers else ""
            sides.append({"value": value, "pretty": pretty_value(kind, value),
                          "sources": [labels.get(x, x) for x in ids], "source_ids": ids, "role": role})
        out.append({"id": str(c.get("id") or ""), "kind": kind,
                    "label": REASON_LABELS.get(kind, REASON_LABELS["other"]),
                    "detail": str(c.get("detail") or ""), "subject": str(c.get("subject") or ""), "sides": sides,
                    "majority": None if majority is None else str(majority),
                    "outliers": [labels.get(x, x) for x in sorted(outliers)], "change": _update_words(c)})
    for c in out:
        c["subject_shown"] = bool(c["subject"]) and sum(1 for o in out if o["label"] == c["label"]) > 1
    return out


def _update_words(conflict: dict[str, Any]) -> str:
    """A likely update's change in words ("14 people dead until 2024-04-10, 17 people dead from 2024-04-11"),
    else "" (claimcheck/stages/compare/timeline.py)."""
    ch = conflict.get("changed")
    if not conflict.get("likely_update") or not isinstance(ch, dict):
        return ""
    return f"{ch.get('from')} until {ch.get('until')}, {ch.get('to')} from {ch.get('since')}"


def reason_words(finding: dict[str, Any], labels: dict[str, str]) -> dict[str, Any] | None:
    """The conflicts of a diverging finding in words: a title, the headline's label, detail and sides, and every
    conflict (``finding_conflicts``). A finding with a ``reason`` but no typed conflicts shows the reason's
    detail as it is."""
    conflicts = finding_conflicts(finding, labels)
    reason = finding.get("reason")
    if conflicts:
        head = conflicts[0]
        kind, detail, sides = head["kind"], head["detail"], head["sides"]
    elif isinstance(reason, dict):
        kind, detail, sides = str(reason.get("kind") or "other"), str(reason.get("detail") or ""), []
    else:
        return None
    label = REASON_LABELS.get(kind, REASON_LABELS["other"])
    title = label
    if len(conflicts) > 1:
        named = list(dict.fromkeys(c["label"] for c in conflicts))
        title = f"{len(conflicts)} conflicts: " + ", ".join(n[0].lower() + n[1:] for n in named)
    return {"kind": kind, "label": label, "title": title, "detail": detail, "sides": sides, "conflicts": conflicts,
            "change": conflicts[0]["change"] if conflicts else ""}


def description_words(finding: dict[str, Any], labels: dict[str, str]) -> list[dict[str, Any]]:
    """The nouns a finding's sources describe differently (framing), each with one entry per source:
    its label, id and words (empty when that source names the noun without describing it)."""
    out = []
    for d in finding.get("descriptions") or []:
        by_source = d.get("by_source") if isinstance(d, dict) else None
        if not isinstance(by_source, dict) or not d.get("noun"):
            continue
        out.append({"noun": str(d["noun"]), "sources": [
            {"label": labels.get(str(src), str(src)), "source_id": str(src),
             "words": [str(w) for w in words or []] if isinstance(words, (list, tuple)) else []}
            for src, words in by_source.items()]})
    return out


EVIDENCE_LIMIT = 20
RELATED_EXCERPT = 80  # characters of a related finding's first claim shown in the "Same story" list


def page_index(findings: list[dict[str, Any]]) -> dict[str, tuple[int, dict[str, Any]]]:
    """Every finding by id with its place in the order the reports show them: diverge, agree, unique (an
    unknown verdict counts as unique), each verdict in the result's own order. A repeated id keeps its first."""
    rank = {v: i for i, v in enumerate(VERDICT_ORDER)}
    ordered = sorted(findings, key=lambda f: rank.get(str(f.get("verdict")), rank["unique"]))
    out: dict[str, tuple[int, dict[str, Any]]] = {}
    for i, f in enumerate(ordered):
        out.setdefault(str(f.get("id")), (i, f))
    return out


def related_words(finding: dict[str, Any], shown: dict[str, tuple[int, dict[str, Any]]], labels: dict[str, str], *,
                  excerpt_chars: int = RELATED_EXCERPT) -> list[dict[str, Any]]:
    """The other statements of the same story that a finding names in ``related``, for display.

    ``shown`` is every finding the report shows (``page_index``); the entries keep the page's order, so a
    story's statements read as they do on the page. Each has the finding's id, its card's anchor and href, its
    verdict (and label), its sources' labels, an excerpt of its first claim (and the claim's whole text), and the
    title of its conflicts when it diverges. Ids that name no shown finding, repeats and the finding itself are
    left out, so every href has a card to go to.
    """
    own = str(finding.get("id"))
    wanted = {str(x) for x in finding.get("related") or [] if isinstance(x, (str, int)) and not isinstance(x, bool)}
    out = []
    for _, f in sorted((shown[x] for x in wanted if x in shown and x != own), key=lambda item: item[0]):
        fid = str(f.get("id"))
        verdict = str(f.get("verdict")) if f.get("verdict") in VERDICT_ORDER else "unique"
        claims = [c for c in f.get("claims") or [] if isinstance(c, dict)]
        text = re.sub(r"\s+", " ", str(claims[0].get("text") or "")).strip() if claims else ""
        sources = list(dict.fromkeys(str(c.get("source")) for c in claims))
        reason = reason_words(f, labels) if verdict == "diverge" else None
        href_anchor = anchor(fid, "finding")
        out.append({"id": fid, "anchor": href_anchor, "href": f"#{href_anchor}", "verdict": verdict,
                    "label": VERDICT_LABELS[verdict], "sources": [labels.get(s, s) for s in sources],
                    "excerpt": excerpt(text, limit=excerpt_chars), "text": text,
                    "reason": reason["title"] if reason else ""})
    return out


def related_summary(related: list[dict[str, Any]]) -> str:
    """How many related statements of each verdict, in words: "1 diverge, 2 unique"."""
    counts = {v: sum(1 for r in related if r["verdict"] == v) for v in VERDICT_ORDER}
    return ", ".join(f"{n} {v}" for v, n in counts.items() if n)


def _focus(claim: dict[str, Any], shared: list[str], values: list[int]) -> int | None:
    """Where in a claim's text the pair's evidence sits (a character offset into the text), or None: the first
    of ``values`` (the absolute starts of this claim's conflicting values, from the typed conflicts' spans)
    inside the claim, else the first slot stating an anchor the pair shares."""
    base, slots = claim.get("start"), claim.get("slots") or {}
    if not isinstance(base, int):
        return None
    size = len(str(claim.get("text") or ""))
    for start in values:
        if _ints(start) and 0 <= start - base < size:
            return start - base
    if not isinstance(slots, dict):
        return None
    wanted: list[tuple[str, str]] = []
    for item in shared:
        kind, _, rest = str(item).partition(" ")
        if kind == "event":
            kind, rest = "date", rest.rpartition(" ")[2]
        wanted.append((kind, rest if kind == "name" else rest.split(" ")[0]))  # a name may have several words
    keys = {"date": ("dates", "value"), "quantity": ("numbers", "value"), "name": ("entities", "key")}
    for kind, value in wanted:
        key, field_name = keys.get(kind, ("", ""))
        for slot in slots.get(key) or []:
            if isinstance(slot, dict) and isinstance(slot.get("start"), int) and value \
                    and _slot_matches(kind, value, slot.get(field_name)):
                return max(0, slot["start"] - base)
    return None


def _slot_matches(kind: str, value: str, got: Any) -> bool:
    """Whether a slot's value is the one named in the evidence ("28,500" and 28500.0; "2019-02" and
    "2019-02-28"; names case-insensitively)."""
    if kind == "quantity":
        want = _number_of(value)
        return want is not None and isinstance(got, (int, float)) and want == float(got)
    got, value = str(got or "").casefold(), value.casefold()
    return got == value or (kind == "date" and got.startswith(value))


def excerpt(text: Any, *, limit: int, other: Any = None, focus: int | None = None) -> str:
    """A text on one line, cut at a word boundary to at most ``limit`` characters (with "…").

    With ``other`` (the text it is compared with), when either is too long and they share a long opening,
    the excerpt starts a few words before the two part ways, so two excerpts show how they differ.
    """
    if focus is not None:  # the offset into the raw text, moved into the whitespace-collapsed one
        focus = len(re.sub(r"\s+", " ", str(text)[:focus]).lstrip())
    text = re.sub(r"\s+", " ", str(text)).strip()
    other = None if other is None else re.sub(r"\s+", " ", str(other)).strip()
    if other is not None and max(len(text), len(other)) > limit:  # either side long: both skip alike
        words, other_words = text.split(" "), other.split(" ")
        same = 0
        while same < min(len(words), len(other_words)) and words[same].casefold() == other_words[same].casefold():
            same += 1
        skip = max(0, same - 3)
        if len(" ".join(words[:skip])) > limit // 3:
            text, focus = "…" + " ".join(words[skip:]), None
    if focus is not None and len(text) > limit and focus > limit // 2:  # show the evidence, a few words before it
        head = text[:focus].split(" ")
        text = "…" + " ".join(head[-3:]) + text[focus:]
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + "…"


def _value_starts(conflicts: dict[str, dict[str, Any]], conflict_id: Any, claim_id: str) -> list[int]:
    """The absolute starts of one claim's value spans in one typed conflict of the finding."""
    c = conflicts.get(str(conflict_id)) or {}
    return sorted(sp["start"] for side in c.get("sides") or [] if isinstance(side, dict)
                  for sp in side.get("spans") or []
                  if isinstance(sp, dict) and str(sp.get("claim")) == claim_id and _ints(sp.get("start")))


def pair_conflicts(pair: dict[str, Any]) -> list[dict[str, Any]]:
    """A pair's typed conflicts (``pairs[].conflicts``) in words, in the order of the result: each with the
    finding's conflict id, kind, label, and the two values ordered as the pair's claims (``a``, ``b``) and in
    words (``None`` when the result does not give the value of a claim)."""
    out = []
    for pc in pair.get("conflicts") or []:
        if not isinstance(pc, dict):
            continue
        kind = str(pc.get("kind") or "other")
        values = pc.get("values") if isinstance(pc.get("values"), dict) else {}
        shown = []
        for key in ("a", "b"):
            value = values.get(str(pair.get(key)))
            shown.append(None if value is None else pretty_value(kind, str(value)))
        out.append({"conflict": str(pc.get("conflict") or ""), "kind": kind,
                    "label": REASON_LABELS.get(kind, REASON_LABELS["other"]), "values": shown,
                    "detail": str(pc.get("detail") or "") if None in shown else " vs ".join(shown)})
    return out


def pair_evidence(finding: dict[str, Any], labels: dict[str, str], *, limit: int = EVIDENCE_LIMIT,
                  excerpt_chars: int = 90) -> dict[str, Any] | None:
    """A finding's per-pair evidence for display, or None when it has no pairs.

    Conflicting pairs (those with typed ``conflicts``) come first, then the most similar; at most ``limit``
    are kept (``more`` says how many were left out). Each pair has its two claims (source label, claim id,
    excerpt, full text), the similarity, what links them (``shared``, empty when only the wording does) and
    every conflict between them in words (``pair_conflicts``).
    """
    raw = [p for p in finding.get("pairs") or [] if isinstance(p, dict)]
    if not raw:
        return None
    claims = {str(c.get("id")): c for c in finding.get("claims") or [] if isinstance(c, dict)}
    typed = {str(c.get("id")): c for c in finding.get("conflicts") or [] if isinstance(c, dict)}

    def side(claim_id: Any, other_id: Any, pair: dict[str, Any], conflicts: list[dict[str, Any]]) -> dict[str, Any]:
        cid = str(claim_id)
        claim = claims.get(cid)
        if claim is None:
            return {"claim_id": cid, "known": False, "label": "?", "source_id": "", "excerpt": cid, "text": cid}
        src = str(claim.get("source"))
        text = str(claim.get("text") or "")
        other = (claims.get(str(other_id)) or {}).get("text")
        starts = [x for c in conflicts for x in _value_starts(typed, c["conflict"], cid)]
        return {"claim_id": cid, "known": True, "label": labels.get(src, src), "source_id": src,
                "excerpt": excerpt(text, limit=excerpt_chars, other=other,
                                   focus=_focus(claim, list(pair.get("shared") or []), starts)),
                "text": re.sub(r"\s+", " ", text).strip()}

    def similarity(p: dict[str, Any]) -> float | None:
        sim = p.get("similarity")
        return float(sim) if isinstance(sim, (int, float)) and not isinstance(sim, bool) else None

    def conflicting(p: dict[str, Any]) -> bool:
        return any(isinstance(c, dict) for c in p.get("conflicts") or [])

    ordered = sorted(raw, key=lambda p: (not conflicting(p), -(similarity(p) or 0.0), str(p.get("a")), str(p.get("b"))))
    pairs = []
    for p in ordered[:max(0, limit)]:
        sim = similarity(p)
        shared = p.get("shared")
        conflicts = pair_conflicts(p)
        pairs.append({"sides": [side(p.get("a"), p.get("b"), p, conflicts), side(p.get("b"), p.get("a"), p, conflicts)],
                      "similarity": sim, "similarity_text": "–" if sim is None else f"{sim:.2f}",
                      "shared": [str(s) for s in shared] if isinstance(shared, (list, tuple)) else [],
                      "conflicts": conflicts})
    return {"pairs": pairs, "total": len(raw), "more": len(raw) - len(pairs),
            "conflicts": sum(1 for p in raw if conflicting(p))}


def _number_of(text: str) -> float | None:
    m = re.search(r"-?\d[\d,]*(?:\.\d+)?", text)
    if not m:
        return None
    try:
        return float(m.group(0).replace(",", ""))
    except ValueError:
        return None


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
                if _ints(start, end) and 0 <= start < end:
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
    return split_segments(text, base, spans)


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
            for i, (start, end) in enumerate(occurrences):
                if not _spans_ok(text, c, start, end):
                    continue
                anchor_id = anchor(str(c.get("id")), "claim") + ("" if i == 0 else f"-{i + 1}")
                spans.append((start, end, "claim", (claim, anchor_id)))
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


def build_view(data: dict[str, Any], texts: dict[str, str]) -> dict[str, Any]:
    """Everything the template shows, derived from the result dict (and the sources' texts)."""
    raw_sources = [s for s in data.get("sources") or [] if isinstance(s, dict)]
    findings = [f for f in data.get("findings") or [] if isinstance(f, dict)]
    letters = {str(s.get("id")): source_letter(i) for i, s in enumerate(raw_sources)}

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
            "stats": {k: v for k, v in (s.get("stats") or {}).items() if _ints(v)}
            if isinstance(s.get("stats"), dict) else {},
            "segments": source_segments(sid, text, findings) if isinstance(text, str) else None,
        })
    keys = {s["id"]: s["key"] for s in sources}

    shown = page_index(findings)
    cards = []
    for f in findings:
        verdict = f.get("verdict") if f.get("verdict") in VERDICT_ORDER else "unique"
        claims = [c for c in f.get("claims") or [] if isinstance(c, dict)]
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
        similarity = f.get("similarity")
        related = related_words(f, shown, letters)
        cards.append({
            "id": str(f.get("id")), "anchor": anchor(str(f.get("id")), "finding"), "verdict": verdict,
            "similarity": similarity if isinstance(similarity, (int, float)) else None,
            "reason": reason_words(f, letters), "columns": columns, "descriptions": description_words(f, letters),
            "source_keys": " ".join(sorted({keys.get(str(c.get("source")), "") for c in claims} - {""})),
            "n_pairs": len(f.get("pairs") or []),
            "same_event": _linked_by_event(f),
            "evidence": _card_evidence(f, letters, verdict, anchor(str(f.get("id")), "finding")),
            "related": related, "related_summary": related_summary(related),
        })
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
