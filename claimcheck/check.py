"""``claimcheck check``: new articles against a published corpus, as a CI check.

The new articles and the corpus go through the one pipeline (``run_pipeline``) together; this
module then keeps what involves a new article and turns it into located *issues*:

- a **diverge** issue for each typed conflict of a finding (``Finding.conflicts``) in which a claim of a
  new article stands on one side and a claim of a corpus article on another: every conflict of a new
  article in one run (conflicts between two corpus articles, or between two new articles, are not the new
  article's business). The issues read the typed conflicts only; no matching rule runs here;
- with ``fail_on="unique"``, an **unique** issue for each claim of a new article that no corpus
  claim backs (its cluster holds no corpus claim).

Every issue carries a code (``CC001`` date ... ``CC100`` unique), a 1-based line and column
computed from the conflicting value's char span (or the claim's start), and a fingerprint
derived from content only (the claims' content ids and the conflict's subject), so baselines and SARIF fingerprints
survive edits that move lines.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from claimcheck.models import Article, Claim, Conflict, Finding, Issue, Other, RunResult, Side, ValueSpan, content_id


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


def rule_for(kind: str) -> Rule:
    """The rule of a reason kind (``unique`` for unbacked claims); unknown kinds map to CC006."""
    return _RULE_BY_KIND.get(kind, _RULE_BY_KIND["other"])


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


def _here(text: str) -> str:
    return " ".join(text.split())


def _message(conflict: Conflict, mine: Side, span: ValueSpan, theirs: list[tuple[Side, list[str]]],
             article_text: str) -> str:
    """``<label> differs from published: 'X' here vs 'Y' in <sources>``: the words of both texts for slot
    values (the resolved values when the words read alike), each side's value for polarity and speakers."""
    label = _LABELS.get(conflict.kind, "statement")
    if conflict.kind == "nli":
        names = ", ".join(dict.fromkeys(src for _, srcs in theirs for src in srcs))
        return f"{label} contradicts published ({conflict.detail}) in {names}"
    words = conflict.kind in ("date", "number", "entity") and conflict.rule != "nli"
    here = _here(article_text[span.start:span.end]) if words else mine.value
    quote = "'" if words or conflict.kind == "attribution" else ""  # words of the texts are quoted, states not
    parts = []
    for side, srcs in theirs:
        there = _here(side.spans[0].text) if words else side.value
        if words and there.casefold() == here.casefold():
            here, there = mine.value, side.value  # "February" here and there, but of different years
        parts.append(f"{quote}{there}{quote} in {', '.join(srcs)}")
    return f"{label} differs from published: {quote}{here}{quote} here vs " + "; ".join(parts)


def _excerpt(text: str, limit: int = 80) -> str:
    text = _here(text)
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


class _Locator:
    """Line and column of article offsets, in the file itself (also for text extracted from HTML)."""

    def __init__(self) -> None:
        self.index: dict[str, LineIndex] = {}
        self.raw: dict[str, str] = {}

    def pos(self, article: Article, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of an offset of the article's text."""
        if article.id not in self.index:
            self.index[article.id] = LineIndex(article.text)
        return self.index[article.id].position(offset)

    def span(self, article: Article, claim: Claim, start: int, end: int) -> tuple[int, int, int, int]:
        """(line, column, end line, end column) in the file itself, also for text extracted from HTML."""
        if article.extracted_from is None:
            return (*self.pos(article, start), *self.pos(article, end))
        if article.id not in self.raw:
            self.raw[article.id] = _read_raw(article.path)
            self.index["raw:" + article.id] = LineIndex(self.raw[article.id])
        text, lines = self.raw[article.id], self.index["raw:" + article.id]
        at = text.find(claim.text)
        if at >= 0:
            s, e = at + start - claim.start, at + end - claim.start
        else:
            at = text.find(article.text[start:end])
            s, e = (at, at + end - start) if at >= 0 and end - start < len(claim.text) else (0, 0)
        return (*lines.position(s), *lines.position(e))


@dataclass
class _Issues:
    """Builds the issues of one run (the articles by id, where their offsets lie, the ``fail_on`` level)."""

    articles: dict[str, Article]
    fail_on: str
    where: _Locator = field(default_factory=_Locator)

    def issue(self, *, rule: Rule, kind: str, verdict: str, claim: Claim, start: int, end: int, finding: Finding,
              message: str, detail: str | None, partners: list[Claim], subject: str = "",
              update: bool = False) -> Issue:
        """One located issue of ``claim`` (its words at [start, end)) against the ``partners`` of the corpus."""
        articles, span = self.articles, self.where.span
        article = articles[claim.source]
        line, col, end_line, end_col = span(article, claim, start, end)
        others = tuple(Other(source=o.source, path=articles[o.source].path, claim_id=o.id, text=o.text,
                             line=at[0], column=at[1])
                       for o in partners for at in [span(articles[o.source], o, o.start, o.end)])
        fingerprint = content_id("claimcheck-check", rule.id, claim.id, subject, *sorted(o.id for o in partners),
                                 length=16)
        return Issue(fingerprint=fingerprint, code=rule.id, rule=rule.name, kind=kind, verdict=verdict,
                     level="warning" if update else level_for(verdict, self.fail_on), source=claim.source,
                     path=article.path, line=line,
                     column=col, end_line=end_line, end_column=end_col, start=start, end=end,
                     excerpt=article.text[start:end], claim_id=claim.id, claim_text=claim.text,
                     finding_id=finding.id, message=message, detail=detail, others=others)

    def unbacked(self, finding: Finding, new_sources: set[str]) -> list[Issue]:
        """``fail_on="unique"``: one issue per claim of a new article in a finding no corpus claim is in."""
        rule = rule_for("unique")
        return [self.issue(rule=rule, kind=rule.kind, verdict="unique", claim=claim, start=claim.start,
                           end=claim.end, finding=finding, detail=None,
                           message=f"no published article backs this claim: '{_excerpt(claim.text)}'", partners=[])
                for claim in finding.claims if claim.source in new_sources]

    def conflicting(self, finding: Finding, conflict: Conflict, new_sources: set[str], corpus: set[str], *,
                    ignore_updates: bool) -> list[Issue]:
        """One issue per span of a new article on one side of ``conflict`` with a corpus article on another."""
        by_id = {c.id: c for c in finding.claims}
        rule = rule_for(conflict.kind)
        update = ignore_updates and conflict.changed is not None
        out = []
        for mine in conflict.sides:
            theirs = []
            partners: dict[str, Claim] = {}
            for other in conflict.sides:
                if other.value == mine.value:
                    continue
                spans = [sp for sp in other.spans if sp.source in corpus]
                if spans:
                    theirs.append((other, list(dict.fromkeys(sp.source for sp in spans))))
                    partners.update({sp.claim_id: by_id[sp.claim_id] for sp in spans})
            if not theirs:
                continue
            ordered = sorted(partners.values(), key=lambda o: (o.source, o.start, o.id))
            for sp in mine.spans:
                if sp.source not in new_sources:
                    continue
                claim = by_id[sp.claim_id]
                out.append(self.issue(rule=rule, kind=conflict.kind, verdict="diverge", claim=claim,
                                      start=sp.start, end=sp.end, finding=finding, detail=conflict.detail,
                                      message=_message(conflict, mine, sp, theirs, self.articles[claim.source].text)
                                      + (_update_note(conflict) if update else ""),
                                      partners=ordered, subject=conflict.subject, update=update))
        return out


def find_issues(run: RunResult, new_sources: set[str], *, fail_on: str,
                ignore_updates: bool = False) -> list[Issue]:
    """Every issue of the new sources in a run, sorted by path, line, column and code: one per typed conflict
    in which a new article's claim stands on one side and a corpus article on another (so every conflict of a
    new article is reported in one run), and with ``fail_on="unique"`` one per claim no corpus claim backs.
    With ``ignore_updates`` an issue of a likely-update conflict (``Conflict.likely_update``, values that change
    once over publication time) is a warning, its message ending with the change."""
    builder = _Issues(articles={a.id: a for a in run.articles}, fail_on=fail_on)
    corpus = set(builder.articles) - new_sources
    issues: list[Issue] = []
    for finding in run.findings:
        if not any(c.source in corpus for c in finding.claims):
            if fail_on == "unique":
                issues += builder.unbacked(finding, new_sources)
            continue
        for conflict in finding.conflicts:
            issues += builder.conflicting(finding, conflict, new_sources, corpus, ignore_updates=ignore_updates)
    unique: dict[str, Issue] = {}
    for found in issues:
        unique.setdefault(found.fingerprint, found)
    return sorted(unique.values(), key=lambda i: (i.path, i.line, i.column, i.code, i.fingerprint))


def _update_note(conflict: Conflict) -> str:
    """`` (likely update: 14 people dead until 2024-04-10, 17 people dead from 2024-04-11)``; empty when none."""
    ch = conflict.changed
    if ch is None:
        return ""
    return f" (likely update: {ch.from_value} until {ch.until}, {ch.to_value} from {ch.since})"


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
