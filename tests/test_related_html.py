"""The "Same story" block of the HTML report's cards: a closed <details> per finding that has ``related``
findings, one link per related finding (its verdict, an excerpt of its first claim, its sources) going to that
finding's card, in the page's order; ids that name no card are not linked and hostile text stays text."""

from __future__ import annotations

import copy
import re
from html.parser import HTMLParser

import pytest

from claimcheck.report import render, render_html, result_to_dict
from claimcheck.report.view import VERDICT_ORDER, anchor, page_index, related_words

PAYLOAD = '</details><script>window.__pwned="rel"</script><img src=x onerror="window.__pwned=1">'


class Related(HTMLParser):
    """Each card's related block (open or not, summary text, per link its href, text and source badges), every
    card's id in page order, and every tag inside a related block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cards: list[str] = []
        self.blocks: dict[str, dict] = {}
        self.ids: set[str] = set()
        self.tags: list[str] = []
        self._card: str | None = None
        self._block: dict | None = None
        self._in: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        cls = a.get("class") or ""
        if a.get("id"):
            self.ids.add(a["id"])
        if self._block is not None:
            self.tags.append(tag)
        if tag == "article" and "card" in cls.split():
            self._card = a["id"]
            self.cards.append(a["id"])
        elif tag == "details" and cls == "related":
            self._block = {"open": "open" in a, "summary": "", "links": []}
            self.blocks[self._card] = self._block
        elif self._block is not None and tag == "li":
            self._block["links"].append({"class": cls, "href": None, "title": None, "text": "", "sources": []})
        elif self._block is not None and tag == "a" and self._block["links"]:
            self._block["links"][-1].update(href=a.get("href"), title=a.get("title"))
        self._in.append((tag, cls))

    def handle_endtag(self, tag: str) -> None:
        if tag == "details":
            self._block = None
        if self._in:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if self._block is None:
            return
        tags = [t for t, _ in self._in]
        if "summary" in tags:
            self._block["summary"] += data
        elif self._block["links"]:
            link = self._block["links"][-1]
            if self._in and self._in[-1] == ("span", "src-badge"):
                link["sources"].append(data)
            elif "a" in tags:
                link["text"] += data


def parse(html: str) -> Related:
    parser = Related()
    parser.feed(html)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def data(related_result) -> dict:
    return result_to_dict(related_result)


@pytest.fixture(scope="module")
def page(related_result) -> Related:
    return parse(render(related_result, "html"))


def letters_of(data: dict) -> dict[str, str]:
    return {s["id"]: chr(65 + i) for i, s in enumerate(data["sources"])}


def test_the_fixture_has_related_findings_of_more_than_one_verdict(data):
    related = [f for f in data["findings"] if f.get("related")]
    assert len(related) >= 3
    targets = {r for f in related for r in f["related"]}
    verdicts = {f["verdict"] for f in data["findings"] if f["id"] in targets or f.get("related")}
    assert {"agree", "unique"} <= verdicts


def test_each_card_with_related_findings_has_one_closed_same_story_block_and_the_others_none(data, page):
    with_related = {anchor(f["id"], "finding") for f in data["findings"] if f.get("related")}
    assert with_related and set(page.blocks) == with_related
    for _card, block in page.blocks.items():
        assert not block["open"]
        n = len(block["links"])
        assert block["summary"].startswith(f"Same story: {n} other statement{'' if n == 1 else 's'} (")


def test_every_related_link_goes_to_the_card_of_the_finding_it_names_in_page_order(data, page):
    by_id = {f["id"]: f for f in data["findings"]}
    for f in data["findings"]:
        if not f.get("related"):
            continue
        links = page.blocks[anchor(f["id"], "finding")]["links"]
        want = sorted((anchor(r, "finding") for r in f["related"]), key=page.cards.index)
        assert [link["href"] for link in links] == [f"#{a}" for a in want]
        assert {link["href"][1:] for link in links} <= set(page.cards)
        assert f"#{anchor(f['id'], 'finding')}" not in [link["href"] for link in links]
        for link in links:
            other = next(by_id[r] for r in f["related"] if anchor(r, "finding") == link["href"][1:])
            assert link["text"].startswith(other["verdict"]) and f"v-{other['verdict']}" in link["class"]
            first = re.sub(r"\s+", " ", other["claims"][0]["text"]).strip()
            shown = link["text"][len(other["verdict"]):].strip().rstrip("…")
            assert shown and first.startswith(shown)
            assert link["title"] == first


def test_each_related_link_names_the_sources_of_its_finding(data, page):
    letters = letters_of(data)
    by_id = {f["id"]: f for f in data["findings"]}
    for f in data["findings"]:
        for link in page.blocks.get(anchor(f["id"], "finding"), {"links": []})["links"]:
            other = by_id[next(r for r in f["related"] if f"#{anchor(r, 'finding')}" == link["href"])]
            assert link["sources"] == sorted({letters[c["source"]] for c in other["claims"]},
                                             key=lambda x: list(letters.values()).index(x))


def test_the_summary_counts_the_related_statements_by_verdict(data, page):
    by_id = {f["id"]: f for f in data["findings"]}
    for f in data["findings"]:
        if not f.get("related"):
            continue
        counts = {v: sum(1 for r in f["related"] if by_id[r]["verdict"] == v) for v in VERDICT_ORDER}
        words = ", ".join(f"{n} {v}" for v, n in counts.items() if n)
        assert page.blocks[anchor(f["id"], "finding")]["summary"].endswith(f"({words})")


def test_unknown_repeated_and_own_ids_are_not_linked_and_a_diverging_one_says_its_conflicts(hostile_result):
    data = result_to_dict(hostile_result)
    diverge = next(f for f in data["findings"] if f["verdict"] == "diverge")
    agree = next(f for f in data["findings"] if f["verdict"] == "agree")
    unique = next(f for f in data["findings"] if f["verdict"] == "unique")
    agree["related"] = [unique["id"], "no-such-finding", agree["id"], diverge["id"], unique["id"], None, {"x": 1}]
    view = related_words(agree, page_index(data["findings"]), {})
    assert [r["id"] for r in view] == [diverge["id"], unique["id"]]  # the page's order: diverge first
    assert view[0]["reason"] and view[0]["verdict"] == "diverge" and view[1]["reason"] == ""
    html = render_html(data)
    block = parse(html).blocks[anchor(agree["id"], "finding")]
    assert [link["href"] for link in block["links"]] == [f"#{anchor(diverge['id'], 'finding')}",
                                                         f"#{anchor(unique['id'], 'finding')}"]
    assert "no-such-finding" not in html
    assert view[0]["reason"] in block["links"][0]["text"]


def test_a_related_finding_of_an_unknown_verdict_is_linked_as_unique_like_its_card(hostile_result):
    data = result_to_dict(hostile_result)
    odd, other = data["findings"][-1], data["findings"][0]
    odd["verdict"] = "maybe"
    other["related"] = [odd["id"]]
    page = parse(render_html(data))
    [link] = page.blocks[anchor(other["id"], "finding")]["links"]
    assert link["href"] == f"#{anchor(odd['id'], 'finding')}" and link["href"][1:] in page.cards
    assert link["text"].startswith("unique")


def test_hostile_ids_and_claim_text_in_related_findings_are_escaped_and_still_link(hostile_result):
    data = copy.deepcopy(result_to_dict(hostile_result))
    target = next(f for f in data["findings"] if f["verdict"] == "unique")
    linking = next(f for f in data["findings"] if f["verdict"] == "agree")
    target["id"] = PAYLOAD
    target["claims"][0]["text"] = PAYLOAD + " & <b>bold</b>"
    target["claims"][0].pop("start", None)  # the hand-made text is not in the article: no source view offsets
    linking["related"] = [PAYLOAD]
    html = render_html(data)
    parsed = parse(html)
    assert not {"script", "img", "b"} & set(parsed.tags)
    assert html.count("<script>") == 1  # the page's own
    assert "onerror=\"window" not in html and "&lt;/details&gt;&lt;script&gt;" in html
    [link] = parsed.blocks[anchor(linking["id"], "finding")]["links"]
    assert re.fullmatch(r"#finding-[0-9a-f]{12}", link["href"]) and link["href"][1:] in parsed.cards
    assert link["href"] == f"#{anchor(PAYLOAD, 'finding')}"
    assert "</details><script>" in link["text"] and link["title"].startswith(PAYLOAD)


def test_cards_without_related_findings_render_as_before(hostile_result):
    html = render(hostile_result, "html")
    assert 'class="related"' not in html and "Same story" not in html


def test_every_fragment_link_of_the_page_has_a_target(related_result, page):
    html = render(related_result, "html")
    hrefs = set(re.findall(r'href="#([^"]+)"', html))
    assert hrefs and hrefs <= page.ids
