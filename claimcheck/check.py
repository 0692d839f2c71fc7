"""``claimcheck check``: new articles against a published corpus, as a CI check.

The new articles and the corpus go through the one pipeline (``run_pipeline``) together; this
module then keeps what involves a new article and turns it into located *issues*:

- a **diverge** issue for each claim of a new article that conflicts with a claim of a corpus
  article in the same cluster (conflicts between two corpus articles, or between two new
  articles, are not the new article's business);
- with ``fail_on="unique"``, an **unique** issue for each claim of a new article that no corpus
  claim backs (its cluster holds no corpus claim).

Every issue carries a code (``CC001`` date ... ``CC100`` unique), a 1-based line and column
computed from the conflicting slot's char offset (or the claim's start), and a fingerprint
derived from content only (the claims' content ids), so baselines and SARIF fingerprints
survive edits that move lines.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from claimcheck.models import Article, Claim, Finding, RunResult, content_id
from claimcheck.stages.dates import dates_compatible

FAIL_ON = ("diverge", "unique", "none")
FINGERPRINT_KEY = "claimcheck/v1"


@dataclass(frozen=True)
class Rule:
    """One kind of issue: a stable code, a name and the help text reports show."""

    id: str
    name: str
    kind: str
    short: str
    help: str


RULES: tuple[Rule, ...] = (
    Rule("CC001", "date-conflict", "date", "A date differs from the published articles",
         "The new article dates an event differently from an already published article that states the same "
         "thing. Check which date is right; fix the new article or accept the divergence in the baseline."),
    Rule("CC002", "number-conflict", "number", "A number differs from the published articles",
         "The new article gives a different count, amount, percentage or age for a quantity that an already "
         "published article states. Check the figure at its source."),
    Rule("CC003", "entity-conflict", "entity", "A name differs from the published articles",
         "The new article names a different person, place or organisation than an already published article "
         "for the same statement. Check who or where it was."),
    Rule("CC004", "negation-conflict", "negation", "The polarity differs from the published articles",
         "The new article affirms what an already published article denies, or denies what it affirms."),
    Rule("CC005", "attribution-conflict", "attribution", "The attribution differs from the published articles",
         "The new article attributes a statement to a different speaker than an already published article."),
    Rule("CC006", "other-conflict", "other", "The statement contradicts the published articles",
         "The new article states something that an already published article contradicts (found by the "
         "comparison model rather than by a typed slot)."),
    Rule("CC100", "unbacked-claim", "unique", "No published article backs this claim",
         "No article of the corpus states this claim. Reported with --fail-on unique, for newsrooms that want "
         "every new claim to be checked against what was already published."),
)
_RULE_BY_KIND = {r.kind: r for r in RULES}
_RULE_BY_KIND["nli"] = _RULE_BY_KIND["other"]
_LABELS = {"date": "date", "number": "number", "entity": "name", "negation": "polarity",
           "attribution": "attribution", "nli": "statement", "other": "statement"}
_NEGATION_CUE = re.compile(r"\b(?:not|never|no|none|nobody|nothing|neither|nor|without|no longer)\b|n't\b", re.I)


def rule_for(kind: str) -> Rule:
    """The rule of a reason kind (``unique`` for unbacked claims); unknown kinds map to CC006."""
    return _RULE_BY_KIND.get(kind, _RULE_BY_KIND["other"])


@dataclass(frozen=True)
class Other:
    """A corpus claim an issue is about."""

    source: str
    path: str
    claim_id: str
    text: str
    line: int
    column: int


@dataclass(frozen=True)
class Issue:
    """One located problem in a new article."""

    fingerprint: str
    code: str
    rule: str
    kind: str  # reason kind, or "unique"
    verdict: str  # diverge | unique
    level: str  # error (counts toward --fail-on) | warning
    source: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    excerpt: str  # the text at [start, end): the conflicting words
    claim_id: str
    claim_text: str
    finding_id: str
    message: str
    detail: str | None = None
    others: tuple[Other, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain dict, keys in a fixed order."""
        out = dataclasses.asdict(self)
        out["others"] = [dataclasses.asdict(o) for o in self.others]
        return out


@dataclass(frozen=True)
class CheckResult:
    """What ``check`` found: the pipeline's run, which sources are new, and the issues."""

    run: RunResult
    new_sources: tuple[str, ...]
    fail_on: str
    issues: tuple[Issue, ...]
    suppressed: tuple[Issue, ...] = ()
    baseline_path: str | None = None
    stale: tuple[dict, ...] = ()
    all_issues: tuple[Issue, ...] = field(default=(), repr=False)  # before baseline suppression
    # new articles left out (--skip-unsupported): {source, path, language, reason}, sorted by path
    skipped: tuple[dict, ...] = ()

    @property
    def failed(self) -> bool:
        """True when an issue at or above ``fail_on`` remains after the baseline."""
        return any(i.level == "error" for i in self.issues)


class LineIndex:
    """Char offset -> 1-based (line, column) for one text; columns count Unicode code points."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of the character at ``offset``."""
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


def level_for(verdict: str, fail_on: str) -> str:
    """``error`` when the verdict is at or above ``fail_on`` (diverge > unique), else ``warning``."""
    if fail_on == "none":
        return "warning"
    rank = {"diverge": 2, "unique": 1}
    return "error" if rank[verdict] >= rank[fail_on] else "warning"


def locate(claim: Claim, kind: str, partners: list[Claim], values: list[str]) -> tuple[int, int]:
    """The char span in the new claim's article that the conflict is about.

    The slot named by the reason's value for this claim's source when there is one, else the
    first slot of the reason's kind that no partner shares, else the claim itself.
    """
    s = claim.slots
    slots: list[Any] = []
    if kind == "date":
        slots = list(s.dates)
        unmatched = [d for d in slots if not any(dates_compatible(d.value, p.value) for o in partners for p in o.slots.dates)]
    elif kind == "number":
        slots = list(s.numbers)
        unmatched = [n for n in slots if not any(abs(n.value - p.value) <= 1e-9 * max(1.0, abs(n.value))
                                                 for o in partners for p in o.slots.numbers)]
    elif kind == "entity":
        slots = list(s.entities)
        unmatched = [e for e in slots if not any(e.key == p.key for o in partners for p in o.slots.entities)]
    else:
        unmatched = []
    for v in values:
        for slot in slots:
            if v in (getattr(slot, "value", None), slot.text, getattr(slot, "key", None)):
                return slot.start, slot.end
    if unmatched:
        return unmatched[0].start, unmatched[0].end
    for v in values:  # a word the reason names (a speaker, an opposite word) found in the claim's text
        m = re.search(rf"(?<!\w){re.escape(v)}(?!\w)", claim.text, re.I) if v.strip() else None
        if m:
            return claim.start + m.start(), claim.start + m.end()
    if kind == "negation":
        m = _NEGATION_CUE.search(claim.text)
        if m:
            return claim.start + m.start(), claim.start + m.end()
    if kind == "attribution" and s.attribution:
        at = claim.text.find(s.attribution)
        if at >= 0:
            return claim.start + at, claim.start + at + len(s.attribution)
    if slots:
        return slots[0].start, slots[0].end
    return claim.start, claim.end


def _is_slot_span(start: int, end: int, claim: Claim) -> bool:
    return (start, end) != (claim.start, claim.end)


def _message(kind: str, detail: str | None, flip: bool, names: str, *, mine: tuple[int, int, Claim],
             theirs: Claim, article_text: str, other_text: str) -> str:
    """``<label> differs from published: 'X' here vs 'Y' in <sources>`` (words quoted from both texts
    when both sides point at a slot), else the reason's own detail."""
    label = _LABELS.get(kind, "statement")
    start, end, claim = mine
    if kind in ("date", "number", "entity", "attribution"):
        o_start, o_end = locate(theirs, kind, [claim], [])
        if _is_slot_span(start, end, claim) and _is_slot_span(o_start, o_end, theirs):
            here, there = " ".join(article_text[start:end].split()), " ".join(other_text[o_start:o_end].split())
            if here.casefold() != there.casefold():
                return f"{label} differs from published: '{here}' here vs '{there}' in {names}"
    m = re.fullmatch(r"([^()]*?) vs ([^()]*)", detail or "")
    if m and kind in ("date", "number", "negation"):
        a, b = (m.group(2), m.group(1)) if flip else (m.group(1), m.group(2))
        return f"{label} differs from published: {a} here vs {b} in {names}"
    return f"{label} differs from published ({detail or kind}) in {names}"


def _conflicts(finding: Finding, claim: Claim, corpus: set[str]) -> list[tuple[Claim, dict]]:
    """(partner corpus claim, reason dict) for every conflicting pair of ``claim`` with the corpus."""
    by_id = {c.id: c for c in finding.claims}
    out: list[tuple[Claim, dict]] = []
    for pair in finding.pairs:
        reason = pair.get("reason")
        if not reason or claim.id not in (pair.get("a"), pair.get("b")):
            continue
        other = by_id.get(pair["b"] if pair.get("a") == claim.id else pair.get("a"))
        if other is None or other.source not in corpus:
            continue
        out.append((other, {**reason, "_flip": pair.get("b") == claim.id}))
    if not out and not finding.pairs and finding.reason is not None:
        # No per-pair evidence: fall back to the finding's own reason when it names this source.
        sources = [src for src, _ in finding.reason.values]
        if claim.source in sources:
            flip = sources.index(claim.source) == 1
            for other in finding.claims:
                if other.source in corpus and other.source in sources:
                    out.append((other, {"kind": finding.reason.kind, "detail": finding.reason.detail,
                                        "values": [list(v) for v in finding.reason.values], "_flip": flip}))
    return sorted(out, key=lambda t: (t[0].source, t[0].start, t[0].id))


def find_issues(run: RunResult, new_sources: set[str], *, fail_on: str) -> list[Issue]:
    """Every issue of the new sources in a run, sorted by path, line, column and code."""
    articles = {a.id: a for a in run.articles}
    corpus = set(articles) - new_sources
    index: dict[str, LineIndex] = {}

    raw: dict[str, str] = {}

    def pos(article: Article, offset: int) -> tuple[int, int]:
        if article.id not in index:
            index[article.id] = LineIndex(article.text)
        return index[article.id].position(offset)

    def span(article: Article, claim: Claim, start: int, end: int) -> tuple[int, int, int, int]:
        """(line, column, end line, end column) in the file itself, also for text extracted from HTML."""
        if article.extracted_from is None:
            return (*pos(article, start), *pos(article, end))
        if article.id not in raw:
            raw[article.id] = _read_raw(article.path)
            index["raw:" + article.id] = LineIndex(raw[article.id])
        text, lines = raw[article.id], index["raw:" + article.id]
        at = text.find(claim.text)
        if at >= 0:
            s, e = at + start - claim.start, at + end - claim.start
        else:
            at = text.find(article.text[start:end])
            s, e = (at, at + end - start) if at >= 0 and end - start < len(claim.text) else (0, 0)
        return (*lines.position(s), *lines.position(e))

    issues: list[Issue] = []
    for finding in run.findings:
        for claim in finding.claims:
            if claim.source not in new_sources:
                continue
            article = articles[claim.source]
            if not any(c.source in corpus for c in finding.claims):
                if fail_on != "unique":
                    continue
                rule, verdict, partners = rule_for("unique"), "unique", []
                start, end, detail = claim.start, claim.end, None
                message = "no published article backs this claim"
            else:
                conflicts = _conflicts(finding, claim, corpus)
                if not conflicts:
                    continue
                first_other, reason = conflicts[0]
                kind = str(reason.get("kind") or "other")
                rule, verdict = rule_for(kind), "diverge"
                partners = list({o.id: o for o, _ in conflicts}.values())
                values = [str(v) for src, v in reason.get("values") or [] if src == claim.source]
                if finding.reason is not None and finding.reason.kind == kind:
                    values += [str(v) for src, v in finding.reason.values if src == claim.source]
                start, end = locate(claim, kind, partners, values)
                detail = reason.get("detail")
                names = ", ".join(dict.fromkeys(o.source for o in partners))
                message = _message(kind, detail, reason["_flip"], names, mine=(start, end, claim),
                                   theirs=first_other, article_text=article.text,
                                   other_text=articles[first_other.source].text)
            line, col, end_line, end_col = span(article, claim, start, end)
            others = tuple(Other(source=o.source, path=articles[o.source].path, claim_id=o.id, text=o.text,
                                 line=where[0], column=where[1])
                           for o in partners for where in [span(articles[o.source], o, o.start, o.end)])
            fingerprint = content_id("claimcheck-check", rule.id, claim.id, *sorted(o.id for o in partners),
                                     length=16)
            issues.append(Issue(
                fingerprint=fingerprint, code=rule.id, rule=rule.name, kind=rule.kind if verdict == "unique" else kind,
                verdict=verdict, level=level_for(verdict, fail_on), source=claim.source, path=article.path,
                line=line, column=col, end_line=end_line, end_column=end_col, start=start, end=end,
                excerpt=article.text[start:end], claim_id=claim.id, claim_text=claim.text, finding_id=finding.id,
                message=message, detail=detail, others=others))
    unique: dict[str, Issue] = {}
    for issue in issues:
        unique.setdefault(issue.fingerprint, issue)
    return sorted(unique.values(), key=lambda i: (i.path, i.line, i.column, i.code, i.fingerprint))


def _read_raw(path: str) -> str:
    """A file's text for locating spans of text extracted from it (undecodable bytes replaced)."""
    try:
        data = open(path, "rb").read()
    except OSError:
        return ""
    return data.decode("utf-8-sig", errors="replace")


def filter_run(run: RunResult, new_sources: set[str]) -> RunResult:
    """The run with only the findings that hold a claim of a new source."""
    findings = tuple(f for f in run.findings if any(c.source in new_sources for c in f.claims))
    return dataclasses.replace(run, findings=findings)


def check_to_dict(result: CheckResult) -> dict[str, Any]:
    """``result_to_dict`` of the new sources' findings, extended with ``new_sources`` and ``check``."""
    from claimcheck.report import result_to_dict

    data = result_to_dict(filter_run(result.run, set(result.new_sources)))
    data["new_sources"] = list(result.new_sources)
    counts = {"diverge": 0, "unique": 0}
    for issue in result.issues:
        counts[issue.verdict] += 1
    data["check"] = {
        "fail_on": result.fail_on,
        "failed": result.failed,
        "counts": counts,
        "n_errors": sum(1 for i in result.issues if i.level == "error"),
        "rules": [dataclasses.asdict(r) for r in RULES],
        "issues": [i.to_dict() for i in result.issues],
        "suppressed": [i.to_dict() for i in result.suppressed],
        "baseline": None if result.baseline_path is None else {
            "path": result.baseline_path, "suppressed": len(result.suppressed), "stale": list(result.stale)},
    }
    _add_skipped_and_config(data, result)
    return data


# --- skipped articles and the short config of check reports (issue 15) ------------------------------------

def _add_skipped_and_config(data: dict[str, Any], result: CheckResult) -> None:
    """``check.skipped`` (new articles left out, e.g. not in English) and ``config`` as its hash plus the
    keys that differ from the defaults (the full config, with every regex, stays in ``compare`` reports)."""
    data["check"]["skipped"] = [dict(s) for s in sorted(result.skipped, key=lambda s: (s["path"], s["source"]))]
    data["config"] = config_summary(result.run.config)


def config_summary(config: dict[str, Any]) -> dict[str, Any]:
    """``{"hash": <16 hex of the full config's canonical JSON>, "changed": {dotted key: value}}``, the keys
    that differ from the built-in defaults, sorted."""
    import hashlib
    import json

    from claimcheck.config import Config

    def flat(d: dict[str, Any], prefix: str = "") -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, v in d.items():
            out.update(flat(v, f"{prefix}{k}.") if isinstance(v, dict) else {f"{prefix}{k}": v})
        return out

    mine, defaults = flat(config), flat(Config().to_dict())
    digest = hashlib.sha256(json.dumps(config, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()
    return {"hash": digest[:16], "changed": {k: mine[k] for k in sorted(mine) if mine[k] != defaults.get(k)}}
