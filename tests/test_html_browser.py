"""The HTML report in a real browser: Debian's chromium (/usr/bin/chromium) driven by Playwright.

Playwright's own browser download is not reachable here, so the tests launch the system binary
(`make test` installs it through its `browser` target: `apt-get install -y chromium`). They skip,
saying so, only when that binary is absent.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimcheck.report import render, result_to_dict
from conftest import in_viewport, wait_until, watch_page

pytestmark = pytest.mark.browser  # skipped, saying so, without chromium (tests/conftest.py)


class Opened:
    """A page opened from disk, with everything it tried to fetch and every console error and dialog."""

    def __init__(self, page, url: str) -> None:  # a playwright Page
        self.page, self.url = page, url
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []


def open_report(browser, html: str, tmp_path: Path, *, fragment: str = "", width: int = 1280) -> Opened:
    """Write html to a file and open it; every request but the page itself is aborted and recorded."""
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": width, "height": 900})
    opened = Opened(page, path.as_uri())
    opened.errors, opened.requests = watch_page(page, opened.url)

    def on_dialog(d) -> None:  # a playwright Dialog
        opened.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    page.goto(opened.url + fragment)
    page.wait_for_load_state("load")
    return opened


@pytest.fixture(scope="module")
def seeds_html(seeds_result) -> str:
    return render(seeds_result, "html")


@pytest.fixture(scope="module")
def seeds_data(seeds_result) -> dict:
    return result_to_dict(seeds_result)


@pytest.fixture
def seeds_page(browser, seeds_html, tmp_path):
    opened = open_report(browser, seeds_html, tmp_path)
    yield opened
    opened.page.close()


def visible_cards(page) -> list[str]:
    return page.eval_on_selector_all("article.card", "els => els.filter(e => !e.hidden && e.offsetParent)"
                                                     ".map(e => e.id)")


@pytest.mark.slow  # the seeds report: the real model's shared session fixture
def test_seeds_report_renders_without_console_errors_or_network(seeds_page, seeds_data):
    page = seeds_page.page
    assert seeds_page.errors == [] and seeds_page.requests == [] and seeds_page.dialogs == []
    assert page.is_visible("#controls")
    assert len(visible_cards(page)) == len(seeds_data["findings"])
    status = page.inner_text("#filter-status")
    assert status == f"Showing {len(seeds_data['findings'])} of {len(seeds_data['findings'])} findings"


@pytest.mark.slow  # the seeds report: the real model's shared session fixture
@pytest.mark.parametrize("verdict", ["diverge", "agree", "unique"])
def test_verdict_filter_hides_and_shows_its_cards(seeds_page, seeds_data, verdict):
    page = seeds_page.page
    everything = {f"finding-{f['id']}" for f in seeds_data["findings"]}
    own = {f"finding-{f['id']}" for f in seeds_data["findings"] if f["verdict"] == verdict}
    page.uncheck(f"#controls input[value={verdict}]")
    assert set(visible_cards(page)) == everything - own
    page.check(f"#controls input[value={verdict}]")
    assert set(visible_cards(page)) == everything


@pytest.mark.slow  # the seeds report: the real model's shared session fixture
def test_source_filter_shows_only_findings_with_that_source(seeds_page, seeds_data):
    page = seeds_page.page
    options = page.eval_on_selector_all("#filter-source option", "els => els.map(e => e.value)")
    assert options[0] == "" and len(options) == len(seeds_data["sources"]) + 1
    for source, value in zip(seeds_data["sources"], options[1:]):
        page.select_option("#filter-source", value)
        expected = {f"finding-{f['id']}" for f in seeds_data["findings"]
                    if source["id"] in {c["source"] for c in f["claims"]}}
        assert set(visible_cards(page)) == expected
    page.select_option("#filter-source", "")
    assert len(visible_cards(page)) == len(seeds_data["findings"])


@pytest.mark.slow  # the seeds report: the real model's shared session fixture
def test_search_narrows_the_cards_to_those_containing_the_words(seeds_page, seeds_data):
    page = seeds_page.page
    target = next(f for f in reversed(seeds_data["findings"]) if f["verdict"] == "unique")
    words = " ".join(re.findall(r"[A-Za-z]{4,}", target["claims"][0]["text"])[:3])
    page.fill("#filter-search", words)
    shown = visible_cards(page)
    assert f"finding-{target['id']}" in shown and len(shown) < len(seeds_data["findings"])
    texts = page.eval_on_selector_all("article.card:not([hidden])", "els => els.map(e => e.textContent.toLowerCase())")
    assert all(w.lower() in t for t in texts for w in words.split())
    page.fill("#filter-search", "zzqxv no such words zzqxv")
    assert visible_cards(page) == []
    assert page.is_visible("#verdict-unique .filtered-none")
    page.click("#filter-reset")
    wait_until(page, f"document.querySelectorAll('article.card:not([hidden])').length == "
                           f"{len(seeds_data['findings'])}")


@pytest.mark.slow  # the seeds report: the real model's shared session fixture
def test_deep_link_scrolls_to_its_finding(browser, seeds_html, seeds_data, tmp_path):
    last = seeds_data["findings"][-1]
    opened = open_report(browser, seeds_html, tmp_path, fragment=f"#finding-{last['id']}")
    page = opened.page
    wait_until(page, f"document.activeElement && document.activeElement.id == 'finding-{last['id']}'")
    assert page.evaluate("window.scrollY") > 0
    assert in_viewport(page, f"finding-{last['id']}")
    assert opened.errors == [] and opened.requests == []
    opened.page.close()


@pytest.mark.slow  # the seeds report: the real model's shared session fixture
def test_deep_link_to_a_filtered_out_finding_clears_the_filters(seeds_page, seeds_data):
    page = seeds_page.page
    target = next(f for f in seeds_data["findings"] if f["verdict"] == "unique")
    page.uncheck("#controls input[value=unique]")
    assert page.is_hidden(f"#finding-{target['id']}")
    page.evaluate(f"location.hash = '#finding-{target['id']}'")
    wait_until(page, f"!document.getElementById('finding-{target['id']}').hidden")
    assert page.is_checked("#controls input[value=unique]")
    assert in_viewport(page, f"finding-{target['id']}")


@pytest.mark.slow  # the seeds report: the real model's shared session fixture
def test_clicking_a_highlighted_claim_reaches_its_finding_and_back(seeds_page, seeds_data):
    page = seeds_page.page
    finding = next((f for f in seeds_data["findings"] if f["verdict"] == "diverge"), seeds_data["findings"][0])
    claim = finding["claims"][0]
    highlight = f"claim-{claim['id']}"
    page.locator(f"#{highlight}").scroll_into_view_if_needed()
    assert not in_viewport(page, f"finding-{finding['id']}")
    page.click(f"#{highlight}")
    wait_until(page, f"location.hash == '#finding-{finding['id']}'")
    wait_until(page, f"document.activeElement.id == 'finding-{finding['id']}'")
    assert in_viewport(page, f"finding-{finding['id']}")
    page.click("#back-to-text")
    wait_until(page, f"document.activeElement.id == '{highlight}'")
    assert in_viewport(page, highlight)
    assert page.is_hidden("#back-to-text")


@pytest.mark.slow  # the seeds report: the real model's shared session fixture
def test_keyboard_reaches_the_filters_and_a_highlight_opens_with_enter(seeds_page, seeds_data):
    page = seeds_page.page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    focusable = page.eval_on_selector_all("#controls input, #controls select, #controls button",
                                          "els => els.map(e => e.tabIndex)")
    assert focusable and all(t >= 0 for t in focusable)
    claim = seeds_data["findings"][-1]["claims"][0]
    page.focus(f"#claim-{claim['id']}")
    page.keyboard.press("Enter")
    wait_until(page, f"location.hash == '#finding-{seeds_data['findings'][-1]['id']}'")


@pytest.mark.slow  # the seeds report: the real model's shared session fixture
def test_without_javascript_everything_shows_and_the_filters_are_absent(browser, seeds_html, seeds_data, tmp_path):
    path = tmp_path / "nojs.html"
    path.write_text(seeds_html, encoding="utf-8")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(path.as_uri())
    assert page.is_hidden("#controls")
    assert len(visible_cards(page)) == len(seeds_data["findings"])
    context.close()


@pytest.fixture(scope="module")
def hostile_html(hostile_result) -> str:
    """The report of the hostile fixture articles (fake embedder)."""
    return render(hostile_result, "html")


@pytest.mark.parametrize("csp", [True, False], ids=["with-csp", "escaping-alone"])
def test_hostile_article_executes_nothing_and_shows_literally(browser, tmp_path, hostile_html, csp):
    html = hostile_html
    if not csp:  # prove the escaping holds by itself, without the Content-Security-Policy's help
        html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    opened = open_report(browser, html, tmp_path)
    page = opened.page
    for link in page.query_selector_all("a.hl"):
        link.click()
    page.hover("blockquote.claim")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert opened.dialogs == [] and opened.requests == []
    assert page.locator("img").count() == 0 and page.locator("textarea").count() == 0
    assert page.locator("script").count() == 1
    body = page.inner_text("body")
    for needle in ('<script>window.__pwned = "textarea"</script>', "</textarea>", "javascript:window.__pwned",
                   '</script><script>window.__pwned = "script-close"</script>'):
        assert needle in body
    assert page.evaluate("document.querySelectorAll('[href^=\"javascript\" i]').length") == 0
    assert [e for e in opened.errors if "Content Security Policy" not in e] == []
    page.close()
