"""The HTML report's template (no browser): escaping of hostile article text, ids and deep links,
every finding and claim present, the source view reproducing the text, the CSP hash."""

from __future__ import annotations

import base64
import copy
import hashlib
import re
from html.parser import HTMLParser

import pytest

from claimcheck import api
from claimcheck.report import render, render_html, result_to_dict
from claimcheck.report.html import conflict_spans, split_segments
from claimcheck.report.view import anchor, pretty_value

ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "a", "header", "p", "h1", "h2", "h3", "h4", "h5",
                "main", "section", "div", "ul", "li", "svg", "rect", "span", "dl", "dt", "dd", "table", "thead",
                "tbody", "tr", "th", "td", "time", "form", "fieldset", "legend", "label", "input", "select",
                "option", "button", "output", "article", "mark", "code", "blockquote", "footer", "script", "strong",
                "details", "summary"}


class Page(HTMLParser):
    """The parts of a page the tests look at: tags, attributes, ids, hrefs, script bodies, element texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False
        self._stack: list[tuple[str, dict, list[str]]] = []
        self.texts_by_id: dict[str, str] = {}
        self.source_views: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        self._in_script = tag == "script"
        if tag not in ("meta", "input", "br"):
            self._stack.append((tag, a, []))

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False
        while self._stack:
            t, a, buf = self._stack.pop()
            text = "".join(buf)
            if self._stack:
                self._stack[-1][2].append(text)
            if a.get("id"):
                self.texts_by_id[a["id"]] = text
            if t == "div" and a.get("class") == "text":
                self.source_views.append(text)
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)
        else:
            self.text.append(data)
        if self._stack:
            self._stack[-1][2].append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


@pytest.fixture(scope="module")
def hostile_html(hostile_result) -> str:
    return render(hostile_result, "html")


def test_hostile_article_text_is_escaped_and_creates_no_elements(hostile_html):
    page = parse(hostile_html)
    assert {t for t, _ in page.tags} <= ALLOWED_TAGS
    assert [t for t, _ in page.tags].count("script") == 1
    assert not [(t, k) for t, a in page.tags for k in a if k.lower().startswith("on")]
    assert "window.__pwned" not in "".join(page.scripts)


def test_hostile_links_never_reach_an_href(hostile_html):
    hrefs = [a["href"] for t, a in parse(hostile_html).tags if "href" in a]
    assert hrefs
    assert all(h.startswith("#") or re.match(r"https?://", h) for h in hrefs)


def test_hostile_payloads_show_literally_as_text(hostile_html, hostile_result):
    text = "".join(parse(hostile_html).text)
    for needle in ('<script>window.__pwned = "textarea"</script>', "</textarea>",
                   '"><img src=x onerror="window.__pwned=\'img\'">', "javascript:window.__pwned",
                   "{{ 7 * 7 }}", "</style><style>body{display:none}</style>"):
        assert any(needle in a.text for a in hostile_result.articles)
        assert needle in text


def test_hostile_front_matter_url_is_shown_but_not_linked(hostile_html, hostile_result):
    url = next(a.url for a in hostile_result.articles if a.url)
    assert url.startswith("javascript:")
    assert url in "".join(parse(hostile_html).text)


def test_every_finding_has_one_card_with_its_verdict_and_claims(hostile_result, hostile_html):
    data = result_to_dict(hostile_result)
    cards = {a["id"]: a for t, a in parse(hostile_html).tags if t == "article" and "card" in (a.get("class") or "")}
    assert set(cards) == {f"finding-{f['id']}" for f in data["findings"]}
    page = parse(hostile_html)
    for f in data["findings"]:
        assert cards[f"finding-{f['id']}"]["data-verdict"] == f["verdict"]
        for c in f["claims"]:
            assert c["text"] in page.texts_by_id[f"finding-{f['id']}"]


def test_cards_come_diverging_first_then_agree_then_unique(hostile_html):
    order = [a["data-verdict"] for t, a in parse(hostile_html).tags if t == "article" and "data-verdict" in a]
    ranks = [("diverge", "agree", "unique").index(v) for v in order]
    assert "diverge" in order and ranks == sorted(ranks)


def test_ids_are_unique_and_every_fragment_link_has_a_target(hostile_html):
    tags = parse(hostile_html).tags
    ids = [a["id"] for _, a in tags if a.get("id")]
    assert len(ids) == len(set(ids))
    targets = {a["href"][1:] for _, a in tags if (a.get("href") or "").startswith("#")}
    assert targets and targets <= set(ids)


def test_source_view_reproduces_each_text_exactly(hostile_result, hostile_html):
    views = parse(hostile_html).source_views
    assert views == [a.text for a in hostile_result.articles]


def test_each_claim_highlight_starts_at_its_span_and_links_to_its_finding(hostile_result, hostile_html):
    data = result_to_dict(hostile_result)
    tags = {a["id"]: a for t, a in parse(hostile_html).tags if t == "a" and a.get("id", "").startswith("claim-")}
    texts = {a.id: a.text for a in hostile_result.articles}
    page = parse(hostile_html)
    for f in data["findings"]:
        for c in f["claims"]:
            link = tags[f"claim-{c['id']}"]
            assert link["href"] == f"#finding-{f['id']}"
            assert f"hl v-{f['verdict']}" in link["class"]
            assert texts[c["source"]][c["start"]:c["end"]].startswith(page.texts_by_id[f"claim-{c['id']}"])


def test_repeated_claims_highlight_every_occurrence(fake_config, tmp_path):
    repeated = "The bridge reopened on 4 May 2021 after repairs."
    (tmp_path / "a.txt").write_text(f"Bridge news\n\n{repeated}\n\nTraffic was light.\n\n{repeated}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Other news\n\nThe bridge reopened on 4 May 2021 after long repairs.\n",
                                    encoding="utf-8")
    result = api.compare([str(tmp_path)], config=fake_config)
    claim = next(c for c in result.claims if len(c.occurrences) > 1)
    ids = {a.get("id") for _, a in parse(render(result, "html")).tags}
    assert {f"claim-{claim.id}", f"claim-{claim.id}-2"} <= ids


def test_conflicting_values_are_marked_in_the_diverging_card(hostile_result, hostile_html):
    data = result_to_dict(hostile_result)
    diverge = next(f for f in data["findings"] if f["verdict"] == "diverge")
    card = re.search(rf'<article[^>]*id="finding-{diverge["id"]}".*?</article>', hostile_html, re.S).group(0)
    marked = re.findall(r'<mark class="conflict">(?:<span[^>]*>)?([^<]+)', card)
    for c in diverge["claims"]:
        spans = conflict_spans(diverge, c)
        assert spans
        texts = {a.id: a.text for a in hostile_result.articles}
        for s, e in spans:
            assert texts[c["source"]][s:e] in marked


def test_script_hash_in_the_csp_matches_the_inline_script(hostile_html):
    page = parse(hostile_html)
    csp = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    digest = base64.b64encode(hashlib.sha256(page.scripts[0].encode("utf-8")).digest()).decode()
    assert f"'sha256-{digest}'" in csp and "default-src 'none'" in csp


def test_filters_are_hidden_until_javascript_shows_them(hostile_html):
    form = next(a for t, a in parse(hostile_html).tags if t == "form")
    assert form["id"] == "controls" and "hidden" in form


def test_renders_without_texts_and_with_unknown_extra_keys(hostile_result):
    data = copy.deepcopy(result_to_dict(hostile_result))
    data["future_key"] = {"x": 1}
    for f in data["findings"]:
        f["extra"] = [1, 2]
        for c in f["claims"]:
            c["extra"] = "<b>x</b>"
    html = render_html(data)
    page = parse(html)
    assert page.source_views == []
    assert {f"finding-{f['id']}" for f in data["findings"]} <= set(page.texts_by_id)


def test_rendering_is_deterministic(hostile_result):
    assert render(hostile_result, "html") == render(hostile_result, "html")


def test_unpublished_source_says_unknown_and_inferred_says_inferred(hostile_result):
    data = result_to_dict(hostile_result)
    data["sources"][0]["published"], data["sources"][0]["published_origin"] = None, "none"
    data["sources"][1]["published"], data["sources"][1]["published_origin"] = "2019-02-01", "inferred"
    rows = re.findall(r'<td class="published">(.*?)</td>', render_html(data))
    assert "unknown" in rows[0] and "2019-02-01" in rows[1] and "inferred" in rows[1]


def test_anchor_keeps_plain_ids_and_hashes_others():
    assert anchor("bde7eacdd4fa", "finding") == "finding-bde7eacdd4fa"
    hostile = anchor('"><img src=x>', "source")
    assert re.fullmatch(r"source-[0-9a-f]{12}", hostile)


def test_pretty_value_spells_out_iso_dates_only_for_dates():
    assert pretty_value("date", "2018-06") == "June 2018"
    assert pretty_value("date", "2019-02-28") == "28 February 2019"
    assert pretty_value("date", "2019") == "2019"
    assert pretty_value("number", "2018-06") == "2018-06"


def test_split_segments_covers_the_text_once_with_overlapping_spans():
    text = "abcdefghij"
    segs = split_segments(text, 100, [(102, 106, "conflict", None), (104, 108, "slot", {"kind": "date", "title": ""}),
                                      (95, 101, "conflict", None), (120, 130, "conflict", None)])
    assert "".join(s.text for s in segs) == text
    assert [s.text for s in segs if s.conflict] == ["a", "cd", "ef"]


def test_overlapping_claims_keep_both_anchor_ids():
    diverge = {"id": "d", "_verdict": "diverge"}
    unique = {"id": "u", "_verdict": "unique"}
    segs = split_segments("0123456789", 0, [(0, 6, "claim", (unique, "claim-u")),
                                            (3, 9, "claim", (diverge, "claim-d"))])
    anchors = [(seg.anchor_id, seg.extra_anchors) for seg in segs]
    assert [seg.claim["id"] if seg.claim else None for seg in segs] == ["u", "d", "d", None]
    assert anchors[0] == ("claim-u", []) and anchors[1] == ("claim-d", [])


def test_many_claims_each_get_their_own_highlight_and_anchor():
    text = "word " * 20_000
    spans = [(i, i + 40, "claim", ({"id": str(i), "_verdict": "unique"}, f"claim-{i}")) for i in range(0, 99_000, 50)]
    segs = split_segments(text, 0, spans)
    assert "".join(s.text for s in segs) == text
    assert [s.anchor_id for s in segs if s.anchor_id] == [f"claim-{i}" for i in range(0, 99_000, 50)]
