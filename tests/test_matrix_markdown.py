"""The matrix and the scorecard in the Markdown report: a 'Statements × sources' section (one table row per
statement, a column per source letter) and scorecard columns in the sources table; hostile values escaped."""

from __future__ import annotations

import re

from claimcheck.report.markdown import escape_markdown, render
from tests.test_matrix_cells import conflict, finding, hand_built

UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def _section(md: str) -> list[str]:
    part = md[md.index("## Statements × sources"):]
    return part[:part.index("\n## ", 1)].splitlines()


def test_markdown_has_a_matrix_section_one_row_per_statement_sources_as_letters() -> None:
    data = hand_built()
    lines = _section(render(data))
    assert lines[0] == "## Statements × sources (4)"
    table = [ln for ln in lines if ln.startswith("|")]
    assert table[0] == "| statement | verdict | **A** | **B** | **C** |"
    assert table[2:] == ["| f2 as a tells it | diverge | **Monday** | **Tuesday** | – |",
                         "| f1 as a tells it | diverge | ✓ majority | ✓ majority | **17 dead** |",
                         "| f3 as a tells it | agree | ✓ | ✓ | ✓ |",
                         "| f4 as a tells it | agree | ✓ | ✓ | – |"]


def test_markdown_sources_table_shows_the_scorecard() -> None:
    data = hand_built()
    for s, stats in zip(data["sources"], ({"shared": 4, "outlier": 0, "unique": 0, "diverging": 2},
                                          {"shared": 4, "outlier": 0, "unique": 0, "diverging": 2},
                                          {"shared": 2, "outlier": 1, "unique": 1, "diverging": 1})):
        s["stats"] = stats
    md = render(data)
    assert "| | title | published | claims | shared | outlier | unique | diverging | file |" in md
    assert re.search(r"^\| \*\*C\*\* \| c \| unknown \| 0 \| 2 \| 1 \| 1 \| 1 \| `c` \|$", md, re.MULTILINE)


def test_markdown_matrix_escapes_hostile_values_and_keeps_its_columns() -> None:
    value = "x | <script>alert(1)</script> *y* [l](javascript:z) @bob"
    data = {"sources": [{"id": "p"}, {"id": "q"}], "findings": [
        finding("h", "diverge", ["p", "q"], [conflict([("1", ["p"]), (value, ["q"])])])]}
    data["findings"][0]["claims"][0]["text"] = "a | b <img src=x onerror=alert(1)>"
    lines = [ln for ln in _section(render(data)) if ln.startswith("|")]
    assert all(len(UNESCAPED_PIPE.findall(ln)) == 5 for ln in lines)
    row = lines[2]
    assert escape_markdown(value) in row and "<script>" not in row and "<img" not in row
