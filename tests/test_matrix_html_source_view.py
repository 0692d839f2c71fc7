"""The HTML matrix without scripts: a cell links to that source's claim in the source view (the full-text anchor
the cards' "show in the text" links use) when the report holds the source's text, else to the claim in the
card; the header cells carry each source's outlier count for the sort script and no button (the script adds
them)."""

from __future__ import annotations

import re

from claimcheck.report import render_html
from tests.test_matrix_cells import hand_built


def _matrix(html: str) -> str:
    start = html.index('<section id="matrix"')
    return html[start:html.index("</section>", start)]


def test_html_matrix_cell_links_the_source_view_when_the_text_is_there() -> None:
    data = hand_built()
    html = render_html(data, texts={"c": "f1 as c tells it.", "a": "f1 as a tells it."})
    section = _matrix(html)
    assert '<td class="m-other"><a href="#claim-f1-c">17 dead</a></td>' in section
    assert '<td class="m-majority"><a href="#claim-f1-a">✓ majority</a></td>' in section
    assert '<td class="m-majority"><a href="#finding-f1-claim-f1-b">✓ majority</a></td>' in section  # no text of b
    assert 'id="claim-f1-c"' in html[html.index('id="texts"'):]  # the anchor is in the source view


def test_html_matrix_header_carries_outlier_counts_and_no_buttons_without_script() -> None:
    data = hand_built()
    for s, n in zip(data["sources"], (0, 0, 1)):
        s["stats"] = {"shared": 2, "outlier": n, "unique": 0, "diverging": 1}
    section = _matrix(render_html(data))
    assert re.findall(r'<th scope="col" class="m-src"[^>]*data-outliers="(\d+)"', section) == ["0", "0", "1"]
    assert "<button" not in section
