"""The matrix and the scorecard in the HTML report: a plain-table section (no script needed) whose row heads link
to the finding cards and whose cells link to that source's claim; the sources table shows each scorecard;
hostile values and statement text are escaped."""

from __future__ import annotations

import re

from claimcheck.report import render_html
from tests.test_matrix_cells import conflict, finding, hand_built


def _matrix(html: str) -> str:
    return html[html.index('<section id="matrix"'):html.index("</section>", html.index('<section id="matrix"'))]


def test_html_matrix_is_a_table_with_a_row_per_statement_linking_cards_and_claims() -> None:
    section = _matrix(render_html(hand_built()))
    assert "<script" not in section
    rows = re.findall(r"<tr class=\"v-(\w+)\"><th scope=\"row\">.*?<a href=\"#(finding-\w+)\"", section)
    assert rows == [("diverge", "finding-f2"), ("diverge", "finding-f1"), ("agree", "finding-f3"),
                    ("agree", "finding-f4")]
    assert '<td class="m-other"><a href="#finding-f1-claim-f1-c">17 dead</a></td>' in section
    assert '<td class="m-majority"><a href="#finding-f1-claim-f1-a">✓ majority</a></td>' in section
    assert section.count('class="m-silent"') == 2  # f2 and f4 lack c


def test_html_sources_table_shows_each_scorecard() -> None:
    data = hand_built()
    data["sources"][2]["stats"] = {"shared": 2, "outlier": 1, "unique": 1, "diverging": 1}
    html = render_html(data)
    assert ('<span class="src-stats"><span>2 shared</span> · <span class="c-diverge">1 outlier</span> · '
            '<span>1 unique</span> · <span>1 diverging</span></span>') in html


def test_html_matrix_escapes_hostile_values_and_statements() -> None:
    value = '"><script>alert(1)</script>'
    data = {"sources": [{"id": "p"}, {"id": "q"}], "findings": [
        finding("h", "diverge", ["p", "q"], [conflict([("1", ["p"]), (value, ["q"])])])]}
    data["findings"][0]["claims"][0]["text"] = "<img src=x onerror=alert(1)> said"
    section = _matrix(render_html(data))
    assert "<script" not in section and "<img" not in section
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in section and "&lt;img src=x onerror=alert(1)&gt;" in section


def test_html_matrix_of_25_sources_and_150_shared_statements_stays_small() -> None:
    ids = [f"outlet{i:02d}" for i in range(25)]
    findings = []
    for i in range(150):  # 2 to 12 sources each, every third with an outlier
        who = [ids[(i * 7 + k * 3) % 25] for k in range(2 + i % 11)]
        ks = [conflict([("14", who[:-1]), ("17", who[-1:])], majority="14", outliers=[who[-1]])] if i % 3 == 0 else None
        findings.append(finding(f"f{i:04d}", "diverge" if ks else "agree", who, ks))
    html = render_html({"sources": [{"id": s, "title": s} for s in ids], "findings": findings})
    section = _matrix(html)
    assert section.count("<tr class=") == 150 and section.count("<td class=") == 150 * 25
    assert len(section.encode("utf-8")) < 250_000  # about 1.3 KB a row (measured 25 x 150: ~190 KB)
