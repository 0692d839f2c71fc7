"""The "Same story" line of the Markdown report: each finding with ``related`` findings lists them on one line,
each a link (its verdict, an excerpt, its sources) to an in-page anchor set once on the finding it names; the
rendered document has no other link or anchor, and hostile text stays text."""

from __future__ import annotations

import copy
import re

import pytest

from claimcheck.report import render, render_markdown, result_to_dict
from claimcheck.report.view import anchor

PAYLOAD = '</a><script>window.__pwned="md"</script>](javascript:alert(1)) <img src=x onerror=alert(2)> @bob'
TAGS = {"h1", "h2", "h3", "p", "table", "thead", "tbody", "tr", "th", "td", "strong", "code", "ul", "li",
        "blockquote", "hr", "details", "summary", "sub", "a"}


def to_html(markdown: str) -> str:
    """GitHub-like rendering (CommonMark + tables) of a Markdown document."""
    markdown_it = pytest.importorskip("markdown_it")
    return markdown_it.MarkdownIt("commonmark").enable("table").render(markdown)


@pytest.fixture(scope="module")
def data(related_result) -> dict:
    return result_to_dict(related_result)


@pytest.fixture(scope="module")
def md(related_result) -> str:
    return render(related_result, "markdown")


def section_of(md: str, finding_id: str) -> str:
    """The lines of one finding: its heading or list item up to the next finding."""
    at = md.index(f"`{finding_id}`")
    start = md.rfind("\n", 0, at) + 1
    nxt = re.search(r"\n(?:#{2,3} |- (?:<a id=\"[^\"]+\"></a>)?\*\*)", md[at:])
    return md[start:at + nxt.start()] if nxt else md[start:]


def links_of(line: str) -> list[str]:
    return re.findall(r"\]\((#[^)]*)\)", line)


def test_each_finding_with_related_findings_has_one_same_story_line_linking_each_of_them(data, md):
    assert any(f.get("related") for f in data["findings"])
    for f in data["findings"]:
        lines = [ln for ln in section_of(md, f["id"]).splitlines() if "Same story:" in ln]
        if not f.get("related"):
            assert lines == []
            continue
        [line] = lines
        assert sorted(links_of(line)) == sorted(f"#{anchor(r, 'finding')}" for r in f["related"])


def test_every_related_link_has_exactly_one_anchor_and_only_targets_get_one(data, md):
    targets = {r for f in data["findings"] for r in f.get("related") or []}
    for f in data["findings"]:
        mark = f'<a id="{anchor(f["id"], "finding")}"></a>'
        assert md.count(mark) == (1 if f["id"] in targets else 0)
        if f["id"] in targets:
            assert mark in section_of(md, f["id"])


def test_each_related_link_says_its_verdict_sources_and_the_start_of_its_claim(data, md):
    letters = {s["id"]: chr(65 + i) for i, s in enumerate(data["sources"])}
    by_id = {f["id"]: f for f in data["findings"]}
    for f in data["findings"]:
        if not f.get("related"):
            continue
        [line] = [ln for ln in section_of(md, f["id"]).splitlines() if "Same story:" in ln]
        for r in f["related"]:
            other = by_id[r]
            words = " ".join(other["claims"][0]["text"].split()[:3])
            who = ", ".join(f"**{letters[s]}**" for s in dict.fromkeys(c["source"] for c in other["claims"]))
            assert f"[**{other['verdict']}** “{words}" in line
            assert f"](#{anchor(r, 'finding')}) {who}" in line


def test_the_rendered_links_go_to_anchors_of_the_document_and_nowhere_else(md):
    html = to_html(md)
    assert set(re.findall(r"<([a-z0-9]+)", html)) <= TAGS
    hrefs = re.findall(r'<a href="([^"]*)"', html)
    ids = re.findall(r'<a id="([^"]*)"></a>', html)
    assert hrefs and ids
    assert len(re.findall(r"<a ", html)) == len(hrefs) + len(ids)
    assert all(h.startswith("#finding-") for h in hrefs) and {h[1:] for h in hrefs} <= set(ids)


def test_hostile_text_and_ids_of_related_findings_render_literally(hostile_result):
    data = copy.deepcopy(result_to_dict(hostile_result))
    target = next(f for f in data["findings"] if f["verdict"] == "unique")
    linking = next(f for f in data["findings"] if f["verdict"] == "agree")
    target["id"] = PAYLOAD
    target["claims"][0]["text"] = PAYLOAD
    linking["related"] = [PAYLOAD, "no-such-finding"]
    md = render_markdown(data)
    html = to_html(md)
    assert set(re.findall(r"<([a-z0-9]+)", html)) <= TAGS
    assert re.findall(r'<a href="([^"]*)"', html) == [f"#{anchor(PAYLOAD, 'finding')}"]
    assert re.findall(r'<a id="([^"]*)"></a>', html) == [anchor(PAYLOAD, "finding")]
    assert "&lt;script&gt;" in html and "@bob" not in html
    assert "no-such-finding" not in md


def test_reports_without_related_findings_have_no_same_story_line_or_anchor(hostile_result):
    md = render(hostile_result, "markdown")
    assert "Same story" not in md and "<a id=" not in md
