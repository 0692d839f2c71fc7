"""The evidence block in a real browser (Debian's chromium through Playwright, as tests/test_html_browser.py):
closed at first, opened from the keyboard it shows every pair, and nothing logs an error or fetches anything."""

from __future__ import annotations

import pytest

from claimcheck.report import render, result_to_dict
from claimcheck.report.view import anchor
from conftest import watch_page

pytestmark = pytest.mark.browser  # skipped, saying so, without chromium (tests/conftest.py)


def test_opening_the_evidence_from_the_keyboard_shows_every_pair_without_errors(browser, hostile_result, tmp_path):
    data = result_to_dict(hostile_result)
    diverge = next(f for f in data["findings"] if f["verdict"] == "diverge")
    path = tmp_path / "report.html"
    path.write_text(render(hostile_result, "html"), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors, requests = watch_page(page, path.as_uri())
    try:
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        card = f"#{anchor(diverge['id'], 'finding')}"
        pairs = page.locator(f"{card} details.evidence li.pair")
        assert pairs.count() == len(diverge["pairs"])
        assert not pairs.first.is_visible()

        page.focus(f"{card} details.evidence summary")
        page.keyboard.press("Enter")
        assert page.get_attribute(f"{card} details.evidence", "open") is not None
        assert all(pairs.nth(i).is_visible() for i in range(pairs.count()))
        conflict = page.locator(f"{card} li.pair-conflict").first
        assert conflict.is_visible() and "The dates differ" in conflict.inner_text()

        page.keyboard.press("Tab")  # the first pair's first claim link is next in the tab order
        focused = page.evaluate("document.activeElement.getAttribute('href')")
        claim = page.evaluate("h => document.getElementById(h.slice(1)).textContent", focused)
        assert focused.startswith(card + "-claim-") and claim

        page.emulate_media(media="print")  # the opened block prints; the closed ones do not
        assert conflict.is_visible()
        other = next(f for f in data["findings"] if f["verdict"] == "agree")
        assert not page.locator(f"#{anchor(other['id'], 'finding')} details.evidence").is_visible()
        assert errors == [] and requests == []
    finally:
        page.close()
