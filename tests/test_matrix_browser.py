"""The statement x source matrix in the HTML report, in Debian's chromium (Playwright): no console error, a cell
opens that source's claim in the source view (its full text), a row head opens the card, and at 390 px with 24 sources the
matrix scrolls in its own box while the page does not scroll sideways."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.report import render_html, result_to_dict
from conftest import in_viewport, wait_until
from test_html_browser import open_report

pytestmark = pytest.mark.browser  # skipped, saying so, without chromium (tests/conftest.py)

FIX = Path(__file__).resolve().parent / "fixtures" / "outlets"


@pytest.fixture(scope="module")
def outlets():
    from claimcheck import api
    from claimcheck.config import config_from_dict

    result = api.compare([str(FIX)], config=config_from_dict({"embedding": {"backend": "fake"}}))
    return result_to_dict(result), {a.id: a.text for a in result.articles}


def test_matrix_cell_opens_the_sources_claim_and_row_head_opens_the_card(browser, outlets, tmp_path) -> None:
    data, texts = outlets
    opened = open_report(browser, render_html(data, texts=texts), tmp_path)
    page = opened.page
    try:
        assert opened.errors == [] and opened.requests == []
        rows = page.query_selector_all(".matrix-table tbody tr")
        assert len(rows) == sum(1 for f in data["findings"] if len(f["sources"]) >= 2 or f["verdict"] == "diverge")
        cell = page.query_selector(".matrix-table td.m-other a")
        target = cell.get_attribute("href")[1:]
        cell.focus()
        page.keyboard.press("Enter")  # from the keyboard
        wait_until(page, f"location.hash === '#{target}'")
        assert in_viewport(page, target)
        assert page.eval_on_selector(f"#{target}", "e => e.matches('#texts a.hl')")  # the source view
        assert "outlier" in page.eval_on_selector(f"#{target}", "e => e.closest('article').id")
        head = page.query_selector(".matrix-table tbody th a")
        card = head.get_attribute("href")[1:]
        head.click()
        wait_until(page, f"location.hash === '#{card}'")
        assert in_viewport(page, card)
        assert opened.errors == []
    finally:
        page.close()


def test_matrix_of_24_sources_scrolls_in_its_box_at_390_px(browser, outlets, tmp_path) -> None:
    data, texts = outlets
    many = dict(data, sources=data["sources"] + [{"id": f"extra{i:02d}", "title": f"Extra outlet {i}", "n_claims": 0}
                                                 for i in range(20)])
    opened = open_report(browser, render_html(many, texts=texts), tmp_path, width=390)
    page = opened.page
    try:
        assert opened.errors == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        box = page.eval_on_selector(".matrix-scroll", "e => [e.scrollWidth, e.clientWidth]")
        assert box[0] > box[1]  # the table is wider than its box: the box scrolls, not the page
        assert len(page.query_selector_all(".matrix-table thead th")) == 1 + 24
    finally:
        page.close()
