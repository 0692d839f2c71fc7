"""The per-pair evidence in the Markdown report: a nested list after each multi-source finding (conflicting
pairs first, what links them, capped like the HTML card), rendering to a real nested list with article
text escaped."""

from __future__ import annotations

import copy
import re

import pytest

from claimcheck.report import render, render_markdown, result_to_dict
from claimcheck.report.view import EVIDENCE_LIMIT
from builders import big_finding



@pytest.fixture(scope="module")
def data(hostile_result) -> dict:
    return result_to_dict(hostile_result)


def to_html(markdown: str) -> str:
    """GitHub-like rendering (CommonMark + tables) of a Markdown document."""
    markdown_it = pytest.importorskip("markdown_it")
    return markdown_it.MarkdownIt("commonmark").enable("table").render(markdown)


def evidence_of(md: str, finding_id: str) -> list[str]:
    """The evidence lines (head and items) of one finding's section."""
    section = md[md.index(finding_id):]
    nxt = re.search(r"\n#{2,3} ", section)
    lines = (section[:nxt.start()] if nxt else section).splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("* Evidence ("))
    out = [lines[start]]
    for ln in lines[start + 1:]:
        if not ln.startswith("  - "):
            break
        out.append(ln)
    return out




def test_each_multi_source_finding_lists_one_item_per_pair_and_unique_ones_none(data, hostile_result):
    md = render(hostile_result, "markdown")
    multi = [f for f in data["findings"] if f["verdict"] != "unique"]
    assert multi
    for f in multi:
        lines = evidence_of(md, f["id"])
        n = len(f["pairs"])
        assert lines[0].startswith(f"* Evidence ({n} pair{'' if n == 1 else 's'}")
        assert len(lines) == 1 + n
    unique_part = md[md.index("## Unique"):]
    assert "Evidence (" not in unique_part


def test_shared_anchors_are_named_and_pairs_without_say_similar_wording(data, hostile_result):
    md = render(hostile_result, "markdown")
    diverge = next(f for f in data["findings"] if f["verdict"] == "diverge")
    shared = [p["shared"] for p in diverge["pairs"] if p.get("shared")]
    items = evidence_of(md, diverge["id"])[1:]
    assert shared
    for names in shared:
        assert any(f"linked by {', '.join(names)}" in ln for ln in items)
    agree = next(f for f in data["findings"] if f["verdict"] == "agree" and not any(p.get("shared") for p in f["pairs"]))
    assert all(ln.split(" · ")[2] == "similar wording" for ln in evidence_of(md, agree["id"])[1:])


def test_conflicting_pairs_come_first_with_the_reason_and_two_decimal_similarity(data, hostile_result):
    md = render(hostile_result, "markdown")
    diverge = next(f for f in data["findings"] if f["verdict"] == "diverge")
    lines = evidence_of(md, diverge["id"])
    n_conflicts = sum(1 for p in diverge["pairs"] if p.get("conflicts"))
    assert f"{n_conflicts} conflicting" in lines[0]
    flags = ["**The dates differ**" in ln for ln in lines[1:]]
    assert flags == sorted(flags, reverse=True) and sum(flags) == n_conflicts
    sims = sorted((f"{p['similarity']:.2f}" for p in diverge["pairs"]))
    assert sorted(ln.split(" · ")[1] for ln in lines[1:]) == sims


def test_evidence_renders_as_a_nested_list_of_its_own(hostile_result):
    html = to_html(render(hostile_result, "markdown"))
    nested = re.findall(r"<li>Evidence \((\d+) pairs?[^<]*\n<ul>\n(.*?)</ul>", html, re.S)
    assert nested
    for n, items in nested:
        assert items.count("<li>") == int(n)


def test_hostile_claim_text_and_evidence_values_render_literally(data):
    hostile = copy.deepcopy(data)
    finding = next(f for f in hostile["findings"] if f["verdict"] == "agree")
    for i, c in enumerate(finding["claims"]):
        c["text"] = f"<script>alert({i})</script> *x* [l](javascript:y) | @bob"
    finding["pairs"][0]["shared"] = ["name <img src=x onerror=alert(2)>"]
    first = finding["pairs"][0]
    first["conflicts"] = [{"conflict": "x", "kind": "entity", "rule": "entity", "detail": "unused",
                           "values": {first["a"]: "`a`", first["b"]: "<b>b</b>"}}]
    md = render_markdown(hostile)
    html = to_html(md)
    tags = set(re.findall(r"<([a-z0-9]+)", html))
    assert tags <= {"h1", "h2", "h3", "p", "table", "thead", "tbody", "tr", "th", "td", "strong", "code", "ul", "li",
                    "blockquote", "hr", "details", "summary", "sub", "em"}
    item = next(ln for ln in evidence_of(md, finding["id"])[1:])
    rendered = to_html(item)
    assert "&lt;script&gt;alert(0)&lt;/script&gt; *x* [l](javascript:y) | @\u2060bob" in rendered
    assert "&lt;img src=x onerror=alert(2)&gt;" in rendered and "<a " not in rendered and "<em>" not in rendered
    assert "`a` vs &lt;b&gt;b&lt;/b&gt;" in rendered  # the pair's typed values, literally


def test_a_large_cluster_is_capped_and_says_how_many_more(data):
    big = copy.deepcopy(data)
    finding = big_finding(big, n_a=8, n_b=4, conflicting=2)
    big["findings"].insert(0, finding)
    lines = evidence_of(render_markdown(big), finding["id"])
    total = len(finding["pairs"])
    assert lines[0] == f"* Evidence ({total} pairs, 2 conflicting):"
    assert len(lines) == 1 + EVIDENCE_LIMIT + 1
    assert ["The numbers differ" in ln for ln in lines[1:4]] == [True, True, False]
    assert lines[-1] == f"  - {total - EVIDENCE_LIMIT} more pairs not shown; the YAML and JSON reports list all {total}."
