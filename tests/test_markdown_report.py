"""The Markdown report: escaping of article text, structure (summary table, diverging first), `-o report.md`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.report import format_for_path, render, result_to_dict
from claimcheck.report.markdown import escape_markdown

HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"
UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


@pytest.fixture(scope="module")
def hostile_md(hostile_result) -> str:
    return render(hostile_result, "markdown")


def to_html(markdown: str) -> str:
    """GitHub-like rendering (CommonMark + tables) of a Markdown document."""
    markdown_it = pytest.importorskip("markdown_it")
    return markdown_it.MarkdownIt("commonmark").enable("table").render(markdown)


def test_escape_markdown_neutralises_html_emphasis_links_pipes_and_mentions():
    out = escape_markdown("a | b <script>x</script> *em* _u_ [l](javascript:x) `c` ~s~ $m$ @bob\nhttps://e.com")
    assert not UNESCAPED_PIPE.search(out)
    assert "<" not in out and ">" not in out
    html = to_html(f"| h |\n|---|\n| {out} |\n")
    assert "<script" not in html and "<em>" not in html and "<a " not in html and "<code>" not in html
    assert html.count("<td>") == 1
    assert "@bob" not in html


def test_escaped_text_renders_back_to_the_original_characters():
    original = "Kim's *great* [letter] | 28,500 <troops> & `more`"
    html = to_html(escape_markdown(original))
    import html as html_lib

    assert html_lib.unescape(re.sub(r"<[^>]+>", "", html)).strip() == original


def test_hostile_report_renders_to_no_active_markup(hostile_md):
    html = to_html(hostile_md)
    tags = set(re.findall(r"<([a-z0-9]+)", html))
    assert tags <= {"h1", "h2", "h3", "p", "table", "thead", "tbody", "tr", "th", "td", "strong", "code", "ul", "li",
                    "blockquote", "hr", "details", "summary", "sub"}
    assert "javascript:window.__pwned" in html


def test_every_table_row_has_its_header_column_count(hostile_md):
    lines = hostile_md.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("|---") or line.startswith("|--:") or line.startswith("|---:"):
            header = len(UNESCAPED_PIPE.findall(lines[i - 1]))
            j = i + 1
            while j < len(lines) and lines[j].startswith("|"):
                assert len(UNESCAPED_PIPE.findall(lines[j])) == header, lines[j]
                j += 1


def test_summary_counts_and_diverging_findings_come_first_with_both_claims(hostile_result, hostile_md):
    data = result_to_dict(hostile_result)
    s = data["summary"]
    assert f"| {s['diverge']} | {s['agree']} | {s['unique']} | {len(data['sources'])} |" in hostile_md
    positions = [hostile_md.index(f"## {h}") for h in ("Diverging", "Agreeing", "Unique")]
    assert positions == sorted(positions)
    diverge = next(f for f in data["findings"] if f["verdict"] == "diverge")
    section = hostile_md[positions[0]:positions[1]]
    assert diverge["id"] in section
    for claim in diverge["claims"]:
        assert escape_markdown(claim["text"]) in section
    for side in diverge["sides"]:
        assert f"`{side['value']}`" in section or side["value"] in section


def test_every_finding_is_in_the_markdown(hostile_result, hostile_md):
    for f in result_to_dict(hostile_result)["findings"]:
        assert f["id"] in hostile_md


def test_md_extension_selects_the_markdown_report():
    assert format_for_path("out/report.md") == "markdown"


def test_cli_writes_a_markdown_report(tmp_path, fake_config_file):
    out = tmp_path / "report.md"
    result = CliRunner().invoke(app, ["compare", str(HOSTILE), "--config", str(fake_config_file), "-q",
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# claimcheck report\n")
    assert "## Diverging" in text
