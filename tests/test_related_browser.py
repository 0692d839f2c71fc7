"""The "Same story" links in a real browser (Debian's chromium through Playwright, as tests/test_html_browser.py):
opened and followed from the keyboard, a related link brings its finding's card into view as the page's target,
with and without JavaScript, through the filters, and nothing logs an error or fetches anything."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.report import render, result_to_dict
from claimcheck.report.view import anchor
from conftest import in_viewport, wait_until, watch_page

pytestmark = pytest.mark.browser  # skipped, saying so, without chromium (tests/conftest.py)

HEIGHT = 420  # a short window, so a related card starts out of view


@pytest.fixture(scope="module")
def data(related_result) -> dict:
    return result_to_dict(related_result)


@pytest.fixture(scope="module")
def report(related_result, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("related") / "report.html"
    path.write_text(render(related_result, "html"), encoding="utf-8")
    return path


def page_cards(data: dict) -> list[str]:
    order = {"diverge": 0, "agree": 1, "unique": 2}
    return [anchor(f["id"], "finding") for f in sorted(data["findings"], key=lambda f: order[f["verdict"]])]


def first_link(data: dict) -> tuple[str, str]:
    """The card anchor of the first finding (in page order) with related findings and of the first it links to."""
    cards = page_cards(data)
    by_card = {anchor(f["id"], "finding"): f for f in data["findings"]}
    source = next(c for c in cards if by_card[c].get("related"))
    return source, min((anchor(r, "finding") for r in by_card[source]["related"]), key=cards.index)


def longest_link(data: dict) -> tuple[str, str]:
    """The card anchors of the two related findings farthest apart on the page, the first one above."""
    cards = page_cards(data)
    pairs = [(anchor(f["id"], "finding"), anchor(r, "finding"))
             for f in data["findings"] for r in f.get("related") or []]
    return max((p for p in pairs if cards.index(p[0]) < cards.index(p[1])),
               key=lambda p: (cards.index(p[1]) - cards.index(p[0]), p))


def test_a_related_link_opened_and_followed_from_the_keyboard_targets_its_card(browser, report, data):
    card, target = longest_link(data)
    page = browser.new_page(viewport={"width": 1280, "height": HEIGHT})
    errors, requests = watch_page(page, report.as_uri())
    try:
        page.goto(report.as_uri())
        page.wait_for_load_state("load")
        links = page.locator(f"#{card} details.related a.related-link")
        assert links.count() == len(next(f for f in data["findings"] if anchor(f["id"], "finding") == card)["related"])
        assert not links.first.is_visible()  # closed at first
        position = page_cards(data).index(target)  # the tab order reaches the link to the target after the others
        before = sum(1 for a in page.eval_on_selector_all(f"#{card} a.related-link", "els => els.map(e => e.hash)")
                     if page_cards(data).index(a[1:]) < position)

        page.locator(f"#{card} details.related summary").scroll_into_view_if_needed()
        page.focus(f"#{card} details.related summary")
        page.keyboard.press("Enter")
        assert page.get_attribute(f"#{card} details.related", "open") is not None
        for _ in range(before + 1):  # the related links are next in the tab order
            page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('href')") == f"#{target}"
        assert not in_viewport(page, target)

        page.keyboard.press("Enter")
        wait_until(page, f"location.hash == '#{target}'")
        wait_until(page, f"document.activeElement && document.activeElement.id == '{target}'")
        assert page.evaluate("document.querySelector(':target').id") == target
        assert in_viewport(page, target)
        assert errors == [] and requests == []
    finally:
        page.close()


def test_without_javascript_a_clicked_related_link_still_targets_its_card(browser, report, data):
    card, target = longest_link(data)
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": HEIGHT})
    page = context.new_page()
    errors, requests = watch_page(page, report.as_uri())
    try:
        page.goto(report.as_uri())
        page.click(f"#{card} details.related summary")
        assert not in_viewport(page, target)
        page.click(f"#{card} a.related-link[href='#{target}']")
        wait_until(page, f"location.hash == '#{target}'")
        assert page.evaluate("document.querySelector(':target').id") == target
        assert in_viewport(page, target)
        assert errors == [] and requests == []
    finally:
        context.close()


def test_a_related_link_to_a_filtered_out_card_clears_the_filters(browser, report, data):
    card, target = first_link(data)
    verdict = next(f["verdict"] for f in data["findings"] if anchor(f["id"], "finding") == target)
    own = next(f["verdict"] for f in data["findings"] if anchor(f["id"], "finding") == card)
    assert verdict != own  # the fixture links an agree finding to a unique one
    page = browser.new_page(viewport={"width": 1280, "height": HEIGHT})
    errors, requests = watch_page(page, report.as_uri())
    try:
        page.goto(report.as_uri())
        page.uncheck(f"#controls input[value={verdict}]")
        assert page.is_hidden(f"#{target}")
        page.click(f"#{card} details.related summary")
        page.click(f"#{card} a.related-link[href='#{target}']")
        wait_until(page, f"!document.getElementById('{target}').hidden")
        assert page.is_checked(f"#controls input[value={verdict}]")
        assert in_viewport(page, target)
        assert errors == [] and requests == []
    finally:
        page.close()


def test_search_matches_a_card_by_its_own_words_not_those_of_its_related_statements(browser, report, data):
    card, target = first_link(data)
    page = browser.new_page(viewport={"width": 1280, "height": HEIGHT})
    errors, _ = watch_page(page, report.as_uri())
    try:
        page.goto(report.as_uri())
        own = page.evaluate("""id => { const c = document.getElementById(id).cloneNode(true);
                                       c.querySelector('details.related').remove();
                                       return c.textContent.toLowerCase(); }""", card)
        linked = page.text_content(f"#{card} a.related-link[href='#{target}'] .related-text") or ""
        word = next(w for w in linked.lower().replace("…", " ").split()
                    if len(w) > 4 and w.isalpha() and w not in own)
        page.fill("#filter-search", word)
        assert page.is_hidden(f"#{card}") and page.is_visible(f"#{target}")
        assert errors == []
    finally:
        page.close()
