"""View helpers shared by the HTML and Markdown reports: source labels, verdict and conflict words, related
statements and per-pair evidence, all read from the result dict (format 2: the typed ``findings[].conflicts`` and
``pairs[].conflicts``). No matching rule runs here: the reports show what the comparison decided.
"""

from __future__ import annotations

import hashlib
import re
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
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_SAFE_ID = re.compile(r"^[A-Za-z0-9_.-]{1,80}$")


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


def all_ints(*values: Any) -> bool:
    """Whether every value is an int (not a bool): offsets read from a result dict."""
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
        text = re.sub(r"\s+", " ", stated_text(claims[0])).strip() if claims else ""
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
        if all_ints(start) and 0 <= start - base < size:
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
                  if isinstance(sp, dict) and str(sp.get("claim")) == claim_id and all_ints(sp.get("start")))


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


def stated_text(claim: dict[str, Any]) -> str:
    """A claim's text with each of its ``gaps`` (a clause cut out of its middle, a claim of its own) shown as
    " […]"."""
    text, base = str(claim.get("text", "")), claim.get("start")
    gaps = [g for g in claim.get("gaps") or [] if isinstance(g, (list, tuple)) and len(g) == 2]
    if not gaps or not isinstance(base, int):
        return text
    out, pos = [], 0
    for gs, ge in sorted(gaps):
        if isinstance(gs, int) and isinstance(ge, int) and pos <= gs - base < ge - base <= len(text):
            out.append(text[pos:gs - base] + " […]")
            pos = ge - base
    return "".join(out) + text[pos:]
