"""Markdown ATX headings ("# Title", "## Section"): the loader reads an article's title from one, extraction
never makes a claim of one. Here, below both, so the loader (stage 1) and extraction (stage 2) share one rule.
"""

from __future__ import annotations

import re

# A Markdown ATX heading ("# Title", "## Section"): a title or crosshead, never a claim.
MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+(?=\S)")


def markdown_heading_text(line: str) -> tuple[int, str] | None:
    """(offset of the heading's text, the text without ``#`` marks) when ``line`` is a Markdown ATX heading."""
    m = MARKDOWN_HEADING.match(line)
    if not m:
        return None
    text = re.sub(r"[ \t]+#+[ \t]*$", "", line[m.end():]).rstrip()
    return m.end(), text


__all__ = ["MARKDOWN_HEADING", "markdown_heading_text"]
