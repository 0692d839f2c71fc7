"""Sorting the HTML matrix, in Debian's chromium (Playwright), on the four outlets of tests/fixtures/outlets
(one of them the outlier; the eight staggered outlets of tests/fixtures/timeline split four against four, so
none is an outlier there, and serve the cell and width tests): without a click the columns are in report order; the first header cell's button puts
the sources in order of how often each is the outlier (most first, ties in report order) and back, every row's
cells moving with their column; a source's letter button puts the rows where it states another value first.
A cell opens that source's claim in the source view; no console error; at 390 px the page does not scroll
sideways."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.report import render_html, result_to_dict
from conftest import in_viewport, wait_until
from test_html_browser import open_report

pytestmark = pytest.mark.browser  # skipped, saying so, without chromium (tests/conftest.py)

FIX = Path(__file__).resolve().parent / "fixtures" / "timeline"
OUTLETS = Path(__file__).resolve().parent / "fixtures" / "outlets"

HEADS = "() => Array.from(document.querySelectorAll('.matrix-table thead th.m-src')).map(th => th.textContent.trim())"
GRID = """() => Array.from(document.querySelectorAll('.matrix-table tbody tr')).map(tr => {
    const heads = Array.from(document.querySelectorAll('.matrix-table thead th.m-src'));
    return [tr.querySelector('th').textContent.trim(),
            Object.fromEntries(Array.from(tr.querySelectorAll('td')).map((td, i) =>
                [heads[i].textContent.trim(), td.className + ' ' + td.textContent]))]; })"""


def _compared(folder: Path) -> tuple[dict, dict[str, str]]:
    from claimcheck import api
    from claimcheck.config import config_from_dict

    result = api.compare([str(folder)], config=config_from_dict({"embedding": {"backend": "fake"}}))
    return result_to_dict(result), {a.id: a.text for a in result.articles}


@pytest.fixture(scope="module")
def timeline():
    return _compared(FIX)


@pytest.fixture(scope="module")
def outlets():
    return _compared(OUTLETS)


def test_matrix_sorts_sources_by_outlier_count_and_rows_by_a_sources_other_values(browser, outlets,
                                                                                   tmp_path) -> None:
    data, texts = outlets
    opened = open_report(browser, render_html(data, texts=texts), tmp_path)
    page = opened.page
    try:
        report_order = page.evaluate(HEADS)
        letters = [report_order[i] for i in range(len(data["sources"]))]
        outliers = {letters[i]: s["stats"]["outlier"] for i, s in enumerate(data["sources"])}
        assert any(outliers.values())  # the fixture has an outlier to sort by
        before = page.evaluate(GRID)
        page.click(".matrix-table button.m-sort")
        sorted_heads = page.evaluate(HEADS)
        assert sorted_heads == sorted(letters, key=lambda x: (-outliers[x], letters.index(x)))
        assert sorted_heads != report_order  # the outlier is not the first source
        assert page.evaluate(GRID) == before  # every cell moved with its column
        assert page.get_attribute(".matrix-table button.m-sort", "aria-pressed") == "true"
        page.click(".matrix-table button.m-sort")
        assert page.evaluate(HEADS) == report_order

        top = max(letters, key=lambda x: (outliers[x], -letters.index(x)))
        page.click(f".matrix-table thead th.m-src:nth-of-type({letters.index(top) + 2}) button")
        states = page.evaluate(f"""() => Array.from(document.querySelectorAll('.matrix-table tbody tr'))
            .map(tr => tr.querySelectorAll('td')[{letters.index(top)}].className)""")
        n_other = states.count("m-other")
        assert n_other and states[:n_other] == ["m-other"] * n_other
        page.click(f".matrix-table thead th.m-src:nth-of-type({letters.index(top) + 2}) button")
        assert page.evaluate(GRID) == before  # back to report order
        assert opened.errors == []
    finally:
        page.close()


def test_matrix_cell_lands_on_the_claim_in_the_source_view(browser, timeline, tmp_path) -> None:
    data, texts = timeline
    opened = open_report(browser, render_html(data, texts=texts), tmp_path)
    page = opened.page
    try:
        page.click(".matrix-table button.m-sort")  # sorted columns still link their own source's claim
        cell = page.query_selector(".matrix-table tbody tr td.m-other a")
        column = page.evaluate("a => Array.from(a.closest('tr').children).indexOf(a.closest('td'))", cell)
        letter = page.evaluate(f"() => document.querySelectorAll('.matrix-table thead th')[{column}]"
                               ".textContent.trim()")
        target = cell.get_attribute("href")[1:]
        cell.click()
        wait_until(page, f"location.hash === '#{target}'")
        assert in_viewport(page, target)
        assert page.eval_on_selector(f"#{target}", "e => e.matches('#texts a.hl')")
        assert page.eval_on_selector(f"#{target}", "e => e.closest('article').querySelector('h3 .src-badge')"
                                                   ".textContent.trim()") == letter
        assert opened.errors == [] and opened.requests == []
    finally:
        page.close()


def test_matrix_page_at_390_px_has_no_horizontal_scroll_and_no_console_error(browser, timeline,
                                                                              tmp_path) -> None:
    data, texts = timeline
    opened = open_report(browser, render_html(data, texts=texts), tmp_path, width=390)
    page = opened.page
    try:
        page.click(".matrix-table button.m-sort")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert opened.errors == []
    finally:
        page.close()
