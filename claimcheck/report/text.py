"""Text report of ``claimcheck check``: one ``path:line:col: CC### message`` line per issue, like ruff."""

from __future__ import annotations

from typing import Any


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def issue_line(issue: dict[str, Any]) -> str:
    """``path:line:col: CODE message`` for one issue."""
    return f"{issue['path']}:{issue['line']}:{issue['column']}: {issue['code']} {issue['message']}"


def skipped_line(skipped: dict[str, Any]) -> str:
    """``path: skipped: <reason>`` for a new article that was not checked (``--skip-unsupported``)."""
    return f"{skipped['path']}: skipped: {skipped['reason']}"


def render(data: dict[str, Any]) -> str:
    """Every skipped article and every issue on its own line, then one summary line."""
    check = data["check"]
    issues = check["issues"]
    skipped = check.get("skipped", [])
    lines = [skipped_line(s) for s in skipped] + [issue_line(i) for i in issues]
    n_new = len(data.get("new_sources", []))
    n_corpus = len(data.get("sources", [])) - n_new
    suppressed = len(check.get("suppressed", []))
    tail = f", {suppressed} suppressed by the baseline" if suppressed else ""
    if skipped:
        tail += f", {_plural(len(skipped), 'new article')} skipped"
    if skipped and not n_new:
        lines.append(f"No new article was checked: {_plural(len(skipped), 'new article')} skipped.")
    elif issues:
        files = len({i["path"] for i in issues})
        lines.append(f"Found {_plural(len(issues), 'finding')} in {_plural(files, 'new article')}{tail}.")
    else:
        lines.append(f"All checks passed: {_plural(n_new, 'new article')} against "
                     f"{_plural(n_corpus, 'published article')}{tail}.")
    return "\n".join(lines) + "\n"
