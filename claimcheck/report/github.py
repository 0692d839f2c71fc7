"""GitHub Actions report of ``claimcheck check``: workflow-command annotations and a Markdown summary.

``render`` gives one ``::error file=...,line=...,col=...,endLine=...,endColumn=...,title=...::message``
line per issue (``::warning`` for issues below ``--fail-on``), which GitHub shows on the pull
request's diff; ``summary_markdown`` is the table the CLI appends to ``$GITHUB_STEP_SUMMARY``.
"""

from __future__ import annotations

from typing import Any


def escape_data(text: str) -> str:
    """Escape a workflow command's message (``%``, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value (also ``:`` and ``,``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(issue: dict[str, Any]) -> str:
    """One workflow command for one issue."""
    props = {"file": issue["path"], "line": issue["line"], "col": issue["column"], "endLine": issue["end_line"],
             "endColumn": issue["end_column"], "title": f"claimcheck {issue['code']} {issue['rule']}"}
    if issue["end_line"] != issue["line"]:
        del props["endColumn"]  # GitHub only honours columns on single-line annotations
    joined = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
    return f"::{issue['level']} {joined}::{escape_data(issue['message'])}"


def skipped_annotation(skipped: dict[str, Any]) -> str:
    """A ``::warning`` on the file of a new article that was not checked (``--skip-unsupported``)."""
    props = {"file": skipped["path"], "title": "claimcheck skipped"}
    joined = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
    return f"::warning {joined}::{escape_data('skipped: ' + skipped['reason'])}"


def render(data: dict[str, Any]) -> str:
    """Every issue as a workflow command, then a ``::notice`` line with the totals."""
    check = data["check"]
    lines = [skipped_annotation(s) for s in check.get("skipped", [])]
    lines += [annotation(i) for i in check["issues"]]
    n = len(check["issues"])
    suppressed = len(check.get("suppressed", []))
    tail = f", {suppressed} suppressed by the baseline" if suppressed else ""
    if check.get("skipped"):
        tail += f", {len(check['skipped'])} new article(s) skipped"
    total = f"{n} finding(s) in {len(data['new_sources'])} new article(s){tail}"
    lines.append(f"::notice title=claimcheck::{escape_data(total)}")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def summary_markdown(data: dict[str, Any]) -> str:
    """A Markdown section for the job summary: verdict, then a table of the issues."""
    check = data["check"]
    issues = check["issues"]
    out = ["## claimcheck", ""]
    status = "failed" if check["failed"] else "passed"
    out.append(f"**{status}**: {len(issues)} finding(s) in {len(data['new_sources'])} new article(s) checked "
               f"against {len(data['sources']) - len(data['new_sources'])} published (fail on: `{check['fail_on']}`).")
    for s in check.get("skipped", []):
        out.append(f"Skipped `{_cell(s['path'])}`: {_cell(s['reason'])}.")
    baseline = check.get("baseline")
    if baseline:
        out.append(f"Baseline `{_cell(baseline['path'])}`: {baseline['suppressed']} suppressed, "
                   f"{len(baseline['stale'])} stale.")
    if issues:
        out += ["", "| where | code | finding | published |", "|---|---|---|---|"]
        for i in issues:
            others = "; ".join(f"{o['path']}:{o['line']}" for o in i["others"]) or "-"
            out.append(f"| `{_cell(i['path'])}:{i['line']}:{i['column']}` | {i['code']} | {_cell(i['message'])} | "
                       f"{_cell(others)} |")
    return "\n".join(out) + "\n\n"
