"""The Markdown report: for pasting into a pull request or a ticket.

A summary table, the sources (with each one's scorecard: statements shared, where it is the outlier, unique,
diverging), the statement x source matrix (claimcheck/report/matrix.py; sources as letters, rows not linked),
then the findings with the diverging ones first (the claims and every conflict: each side's value and sources,
majority and outliers), the agreeing ones, and the unique ones folded in a ``<details>`` block. A finding with ``related`` findings (other statements of the same story) gets a "Same story:"
line of links to them; the only raw HTML besides ``<details>`` and ``<sub>`` is the empty ``<a id>`` anchor those
links go to. Article text is untrusted: everything taken from it is escaped so it renders literally (no HTML, no
links, no emphasis, no table breakage, no @-mentions).
"""

from __future__ import annotations

import re
from typing import Any

from claimcheck.report.view import (VERDICT_HEADINGS, VERDICT_ORDER, anchor, description_words, page_index,
                                    pair_evidence, published_words, reason_words, related_words,
                                    source_letter, stated_text)
from claimcheck.report.matrix import build_matrix, excerpt

_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_MARKDOWN = re.compile(r"([\\`*_\[\]|~$])")
_AUTOLINK = re.compile(r"(?<=\w)(:)(?=//)|(?<=\bwww)(\.)", re.IGNORECASE)
_MENTION = re.compile(r"@(?=\w)")


def escape_markdown(text: Any) -> str:
    """Text that renders literally in GitHub-flavoured Markdown, on one line and inside a table cell.

    HTML-significant characters become entities; the inline Markdown punctuation (emphasis, code,
    links, strike-through, math, table pipes) is backslash-escaped; newlines become spaces (the
    text never starts a line, so block syntax cannot trigger); ``http://`` and ``www.`` are broken
    so nothing autolinks; ``@name`` gets a word joiner so pasting a report never mentions anyone.
    """
    text = re.sub(r"\s+", " ", str(text)).strip()
    text = text.translate(_HTML)
    text = _MARKDOWN.sub(r"\\\1", text)
    text = _AUTOLINK.sub(lambda m: "\\" + (m.group(1) or m.group(2)), text)
    return _MENTION.sub("@\u2060", text)


def _code(text: Any) -> str:
    """An inline code span that holds any text (backticks inside are fenced by longer runs)."""
    text = re.sub(r"\s+", " ", str(text)).strip().replace("|", "\\|")
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _similarity(finding: dict[str, Any]) -> str:
    sim = finding.get("similarity")
    return f"{sim:.2f}" if isinstance(sim, (int, float)) else "–"


def evidence_lines(finding: dict[str, Any], letters: dict[str, str]) -> list[str]:
    """A finding's per-pair evidence as a nested list (conflicting pairs first, capped like the HTML card)."""
    evidence = pair_evidence(finding, letters, excerpt_chars=60)
    if not evidence:
        return []
    total, conflicts = evidence["total"], evidence["conflicts"]
    head = f"* Evidence ({total} pair{'' if total == 1 else 's'}" + (f", {conflicts} conflicting" if conflicts else "")
    lines = [head + "):"]
    for p in evidence["pairs"]:
        sides = " ↔ ".join(f"**{escape_markdown(s['label'])}** “{escape_markdown(s['excerpt'])}”" for s in p["sides"])
        links = ("linked by " + ", ".join(escape_markdown(x) for x in p["shared"])) if p["shared"] else "similar wording"
        line = f"  - {sides} · {p['similarity_text']} · {links}"
        for k in p["conflicts"]:  # every conflict of the pair
            detail = f": {escape_markdown(k['detail'])}" if k["detail"] else ""
            line += f" · **{escape_markdown(k['label'])}**{detail}"
        lines.append(line)
    if evidence["more"]:
        more = evidence["more"]
        lines.append(f"  - {more} more pair{'' if more == 1 else 's'} not shown; the YAML and JSON reports list all "
                     f"{total}.")
    return lines + [""]


def related_line(related: list[dict[str, Any]], *, bullet: str = "*") -> str:
    """A finding's other statements of the same story on one line: each a link to its finding (an in-page
    anchor the report sets, ``finding_anchor``) with its verdict, its excerpt and its sources."""
    if not related:
        return ""
    items = []
    for r in related:
        reason = f" {escape_markdown(r['reason'])}:" if r["reason"] else ""
        who = ", ".join(f"**{escape_markdown(n)}**" for n in r["sources"])
        link = f"[**{r['verdict']}**{reason} “{escape_markdown(r['excerpt'])}”]({r['href']})"
        items.append(link + (f" {who}" if who else ""))
    return f"{bullet} Same story: " + " · ".join(items)


def finding_anchor(finding: dict[str, Any]) -> str:
    """The empty HTML anchor a related link goes to: the id the HTML report gives the finding's card."""
    return f'<a id="{anchor(str(finding.get("id")), "finding")}"></a>'


def side_lines(sides: list[dict[str, Any]], indent: str = "") -> list[str]:
    """One list item per side of a conflict: who says which value (and the raw value when it reads
    differently), ``majority`` / ``outlier`` when the conflict names a majority."""
    lines = []
    for side in sides:
        who = ", ".join(f"**{escape_markdown(n)}**" for n in side["sources"]) or "one source"
        value = escape_markdown(side["pretty"])
        raw = f" ({_code(side['value'])})" if side["pretty"] != side["value"] else ""
        verb = "say" if len(side["sources"]) > 1 else "says"
        role = f" · {side['role']}" if side["role"] else ""
        lines.append(f"{indent}- {who} {verb} **{value}**{raw}{role}")
    return lines


def conflict_lines(words: dict[str, Any]) -> list[str]:
    """A diverging finding's conflicts as a list: the sides of its one conflict, or with several conflicts one
    item per conflict (its kind in words) with its sides nested; the reason's detail when none is typed.
    A likely update (claimcheck/stages/compare/timeline.py) adds its change over publication time under its sides."""
    conflicts = words["conflicts"]
    if len(conflicts) > 1:
        lines = []
        for k in conflicts:
            subject = f" ({_code(k['subject'])})" if k["subject_shown"] else ""
            lines.append(f"- **{escape_markdown(k['label'])}**{subject}:")
            lines += side_lines(k["sides"], indent="  ")
            if k["change"]:
                lines.append(f"  - {_update_line(k['change'])}")
        return lines + [""]
    if words["sides"]:
        change = [_update_line(words["change"]), ""] if words.get("change") else []
        return side_lines(words["sides"]) + [""] + change
    return [f"- {escape_markdown(words['detail'])}", ""] if words["detail"] else []


def _update_line(change: str) -> str:
    """A likely update's change as a line ("Likely update: 14 people dead until 2024-04-10, ...")."""
    return f"*Likely update:* {escape_markdown(change)}"


def _count(value: Any) -> str:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else "–"


MATRIX_CELLS = {"states": "✓", "majority": "✓ majority", "silent": "–"}
MATRIX_EXCERPT_CHARS = 60


def matrix_lines(matrix: dict[str, Any], letters: dict[str, str]) -> list[str]:
    """The statement x source matrix (claimcheck/report/matrix.py) as a section with one plain table: a row per
    statement (an excerpt and its verdict; no link, so the report's only anchors stay the related ones), a column
    per source letter; ✓ states it, ✓ majority sides with a conflict's majority, a bold value states another value, – silent."""
    rows = matrix["rows"]
    if not rows:
        return []
    ids = matrix["sources"]
    out = [f"## Statements × sources ({len(rows)})", "",
           "One row per statement two or more sources carry or that diverges, most contested first, then the most "
           "widely carried. ✓ states it · ✓ majority: sides with the majority value · **value**: states another "
           "value · – silent.", "",
           "| statement | verdict | " + " | ".join(f"**{letters.get(sid, escape_markdown(sid))}**" for sid in ids)
           + " |", "|---|---|" + "---|" * len(ids)]
    for r in rows:
        text = escape_markdown(excerpt(r["excerpt"], max_chars=MATRIX_EXCERPT_CHARS)) or "–"
        cells = [f"**{escape_markdown(c.get('value', ''))}**" if c["state"] == "other" else MATRIX_CELLS[c["state"]]
                 for c in (r["cells"][sid] for sid in ids)]
        out.append(f"| {text} | {escape_markdown(r['verdict'])} | " + " | ".join(cells) + " |")
    return out + [""]


def _source_lines(sources: list[dict[str, Any]], letters: dict[str, str]) -> list[str]:
    """The table of sources: label, title, publication date, claim counts, file."""
    out = ["## Sources", "", "| | title | published | claims | shared | outlier | unique | diverging | file |",
           "|---|---|---|---:|---:|---:|---:|---:|---|"]
    for s in sources:
        date, origin = published_words(s)
        when = escape_markdown(date) + (f" ({escape_markdown(origin)})" if origin else "")
        stats = s.get("stats") if isinstance(s.get("stats"), dict) else {}
        numbers = " | ".join(_count(stats.get(k)) for k in ("shared", "outlier", "unique", "diverging"))
        out.append(f"| **{letters[str(s.get('id'))]}** | {escape_markdown(s.get('title') or s.get('id'))} | {when} "
                   f"| {int(s.get('n_claims') or 0)} | {numbers} | {_code(s.get('path') or s.get('id'))} |")
    out.append("")
    return out


def _claim_lines(finding: dict[str, Any], letters: dict[str, str]) -> list[str]:
    """A finding's claims as a block quote, one source label and text each."""
    lines = []
    for c in finding.get("claims") or []:
        src = str(c.get("source"))
        label = letters.get(src, escape_markdown(src))
        lines.append(f"> **{label}** — {escape_markdown(stated_text(c))}")
        lines.append(">")
    return lines[:-1] if lines else lines


def _described_lines(finding: dict[str, Any], letters: dict[str, str]) -> list[str]:
    """Framing: the same thing described in other words by each source (empty when none)."""
    described = description_words(finding, letters)
    if not described:
        return []
    out = ["Described differently:", ""]
    for d in described:
        parts = [f"**{escape_markdown(side['label'])}** "
                 + (", ".join(escape_markdown(w) for w in side["words"]) or "_no description_")
                 for side in d["sources"]]
        out.append(f"- *{escape_markdown(d['noun'])}*: " + " · ".join(parts))
    return out + [""]


def _finding_lines(f: dict[str, Any], verdict: str, letters: dict[str, str], mark: str,
                   story: list[dict[str, Any]]) -> list[str]:
    """One finding: its heading (the conflicts of a diverging one), claims, descriptions, related, evidence;
    a unique finding is one bullet."""
    fid = escape_markdown(f.get("id"))
    out: list[str] = []
    if verdict == "diverge":
        words = reason_words(f, letters)
        title = words["title"] if words else "Diverge"
        out += [f"### {mark}{escape_markdown(title)} · finding `{fid}` · similarity {_similarity(f)}", ""]
        if words:
            out += conflict_lines(words)
    elif verdict == "agree":
        out += [f"### {mark}Finding `{fid}` · similarity {_similarity(f)}", ""]
    else:
        src = ", ".join(letters.get(str(s), escape_markdown(s)) for s in f.get("sources") or [])
        out += [f"- {mark}**{src or '?'}** `{fid}`: "
                + " / ".join(escape_markdown(stated_text(c)) for c in f.get("claims") or [])]
        return out + ([related_line(story, bullet="  -")] if story else [])
    out += _claim_lines(f, letters) + [""]
    out += _described_lines(f, letters)
    evidence = evidence_lines(f, letters)
    if story:
        out += [related_line(story)] + ([] if evidence else [""])
    return out + evidence


def _footer_lines(data: dict[str, Any]) -> list[str]:
    tool = data.get("tool") or {}
    footer = f"{escape_markdown(tool.get('name') or 'claimcheck')} {escape_markdown(tool.get('version') or '')}"
    if tool.get("model"):
        footer += f" · model {_code(tool['model'])}"
    return ["---", "", f"<sub>{footer.strip()} · report format {escape_markdown(data.get('format_version'))}</sub>",
            ""]


def render(data: dict[str, Any]) -> str:
    """The result dict as a Markdown document."""
    sources = [s for s in data.get("sources") or [] if isinstance(s, dict)]
    letters = {str(s.get("id")): source_letter(i) for i, s in enumerate(sources)}
    findings = [f for f in data.get("findings") or [] if isinstance(f, dict)]
    summary = data.get("summary") or {}
    counts = {v: int(summary.get(v, sum(1 for f in findings if f.get("verdict") == v))) for v in VERDICT_ORDER}
    shown = page_index([f for f in findings if f.get("verdict") in VERDICT_ORDER])
    related = {id(f): related_words(f, shown, letters, excerpt_chars=60) for _, f in shown.values()}
    targets = {r["id"] for rs in related.values() for r in rs}  # findings a link goes to get an anchor

    out: list[str] = ["# claimcheck report", ""]
    out += ["| diverge | agree | unique | sources | claims |", "|---:|---:|---:|---:|---:|",
            f"| {counts['diverge']} | {counts['agree']} | {counts['unique']} | {len(sources)} | "
            f"{sum(int(s.get('n_claims') or 0) for s in sources)} |", ""]
    out += _source_lines(sources, letters)
    out += matrix_lines(build_matrix(data), letters)
    for verdict in VERDICT_ORDER:
        group = [f for f in findings if f.get("verdict") == verdict]
        out += [f"## {VERDICT_HEADINGS[verdict]} ({len(group)})", ""]
        if not group:
            out += ["None.", ""]
            continue
        if verdict == "unique":
            out += ["<details><summary>Show the unique claims</summary>", ""]
        for f in group:
            mark = finding_anchor(f) if str(f.get("id")) in targets else ""
            targets.discard(str(f.get("id")))  # one anchor per id, even when two findings share one
            out += _finding_lines(f, verdict, letters, mark, related.get(id(f)) or [])
        if verdict == "unique":
            out += ["", "</details>", ""]
    return "\n".join(out + _footer_lines(data))
