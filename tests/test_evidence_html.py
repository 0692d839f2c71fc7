"""The per-pair evidence block of the HTML report's cards: a closed <details> per multi-source finding
listing every cross-source pair (sources, excerpts, similarity, what links them, the conflict), conflicting
pairs first, capped for large clusters, and hostile article text escaped inside it."""

from __future__ import annotations

import copy
import re
from html.parser import HTMLParser

import pytest

from claimcheck.report import render, render_html, result_to_dict
from claimcheck.report.view import EVIDENCE_LIMIT, anchor, excerpt, pair_evidence
from builders import big_finding

PAYLOAD = '</details><script>window.__pwned="ev"</script><img src=x onerror="window.__pwned=1">'


class Evidence(HTMLParser):
    """Each card's evidence block: whether it is open, its summary text, and per pair its class, text and links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: dict[str, dict] = {}
        self.tags: list[str] = []
        self._card: str | None = None
        self._block: dict | None = None
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if self._block is not None:
            self.tags.append(tag)
        if tag == "article" and "card" in (a.get("class") or ""):
            self._card = a["id"]
        elif tag == "details" and a.get("class") == "evidence":
            self._block = {"open": "open" in a, "summary": "", "pairs": [], "more": ""}
            self.blocks[self._card] = self._block
        elif self._block is not None:
            if tag == "li":
                self._block["pairs"].append({"class": a.get("class") or "", "text": "", "hrefs": [], "shared": []})
            elif tag == "a" and self._block["pairs"]:
                self._block["pairs"][-1]["hrefs"].append(a.get("href"))
        self._in.append(tag if tag != "p" else f"p.{a.get('class')}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "details":
            self._block = None
        if self._in:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if self._block is None:
            return
        where = self._in[-1] if self._in else ""
        if "summary" in self._in:
            self._block["summary"] += data
        elif where == "p.pairs-more":
            self._block["more"] += data
        elif self._block["pairs"]:
            pair = self._block["pairs"][-1]
            pair["text"] += data
            if where == "code":
                pair["shared"].append(data)


def evidence(html: str) -> Evidence:
    parser = Evidence()
    parser.feed(html)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def data(hostile_result) -> dict:
    return result_to_dict(hostile_result)


@pytest.fixture(scope="module")
def blocks(hostile_result) -> dict[str, dict]:
    return evidence(render(hostile_result, "html")).blocks




def test_every_multi_source_card_has_one_closed_evidence_block_and_unique_cards_none(data, blocks):
    multi = {anchor(f["id"], "finding"): f for f in data["findings"] if f["verdict"] != "unique"}
    unique = {anchor(f["id"], "finding") for f in data["findings"] if f["verdict"] == "unique"}
    assert multi and unique
    assert set(blocks) == set(multi)
    for card, f in multi.items():
        block = blocks[card]
        assert not block["open"]
        n = len(f["pairs"])
        assert block["summary"].startswith(f"Evidence ({n} pair{'' if n == 1 else 's'}")
        assert len(block["pairs"]) == n and block["more"] == ""


def test_a_pair_with_shared_anchors_lists_them_and_one_without_says_similar_wording(data, blocks):
    with_shared = [(f, p) for f in data["findings"] for p in f.get("pairs") or [] if p.get("shared")]
    without = [(f, p) for f in data["findings"] for p in f.get("pairs") or [] if not p.get("shared")]
    assert with_shared and without
    for f, p in with_shared:
        shown = [q for q in blocks[anchor(f["id"], "finding")]["pairs"] if q["shared"] == p["shared"]]
        assert shown and all("similar wording" not in q["text"] for q in shown)
    for f, _p in without:
        shown = blocks[anchor(f["id"], "finding")]["pairs"]
        assert any("similar wording" in q["text"] and not q["shared"] for q in shown)


def test_each_pair_shows_both_sources_links_to_both_claims_in_its_card_and_a_two_decimal_similarity(data, blocks):
    letters = {s["id"]: chr(65 + i) for i, s in enumerate(data["sources"])}
    for f in data["findings"]:
        if f["verdict"] == "unique":
            continue
        card = anchor(f["id"], "finding")
        by_id = {c["id"]: c for c in f["claims"]}
        hrefs = [q["hrefs"] for q in blocks[card]["pairs"]]
        for p in f["pairs"]:
            want = [f"#{card}-{anchor(p[k], 'claim')}" for k in ("a", "b")]
            assert want in hrefs
            shown = blocks[card]["pairs"][hrefs.index(want)]
            assert f"similarity {p['similarity']:.2f}" in shown["text"]
            for k in ("a", "b"):
                assert letters[by_id[p[k]]["source"]] in shown["text"]


def test_conflicting_pairs_come_first_and_say_why_in_words(data, blocks):
    diverge = next(f for f in data["findings"] if f["verdict"] == "diverge")
    shown = blocks[anchor(diverge["id"], "finding")]
    n_conflicts = sum(1 for p in diverge["pairs"] if p.get("conflicts"))
    assert 0 < n_conflicts < len(diverge["pairs"])
    assert f"{n_conflicts} conflicting" in shown["summary"]
    flags = ["pair-conflict" in q["class"] for q in shown["pairs"]]
    assert flags == sorted(flags, reverse=True) and sum(flags) == n_conflicts
    for q in shown["pairs"][:n_conflicts]:
        assert "The dates differ" in q["text"]
    assert all("differ" not in q["text"] for q in shown["pairs"][n_conflicts:])


def test_every_evidence_link_targets_an_element_of_the_page(hostile_result, blocks):
    ids = set(re.findall(r'\sid="([^"]+)"', render(hostile_result, "html")))
    hrefs = [h for b in blocks.values() for q in b["pairs"] for h in q["hrefs"]]
    assert hrefs and {h[1:] for h in hrefs} <= ids


def test_hostile_claim_text_shared_values_and_reason_in_the_evidence_are_escaped(data):
    hostile = copy.deepcopy(data)
    finding = next(f for f in hostile["findings"] if f["verdict"] == "agree")
    for i, c in enumerate(finding["claims"]):
        c["text"] = f"<script>alert({i})</script> & <b>bold</b>"
    finding["pairs"][0]["shared"] = [f"name {PAYLOAD}"]
    first = finding["pairs"][0]
    first["conflicts"] = [{"conflict": "x", "kind": "<b>entity</b>", "rule": "entity", "detail": "unused",
                           "values": {first["a"]: PAYLOAD, first["b"]: "<img src=y onerror=alert(3)>"}}]
    html = render_html(hostile)
    parsed = evidence(html)
    block = parsed.blocks[anchor(finding["id"], "finding")]
    assert not {"script", "img", "b"} & set(parsed.tags)
    assert html.count("<script>") == 1  # the page's own
    pair = block["pairs"][0]
    assert f"name {PAYLOAD}" in pair["shared"] and f"{PAYLOAD} vs <img src=y onerror=alert(3)>" in pair["text"]
    assert "<script>alert(0)</script> & <b>bold</b>" in pair["text"]
    assert "<script>alert(1)</script> & <b>bold</b>" in pair["text"]
    assert "&lt;/details&gt;&lt;script&gt;" in html and "onerror=\"window" not in html


def test_a_large_cluster_shows_at_most_the_limit_conflicts_first_and_says_how_many_more(data):
    big = copy.deepcopy(data)
    finding = big_finding(big, n_a=9, n_b=5, conflicting=3)
    big["findings"].insert(0, finding)
    block = evidence(render_html(big)).blocks[anchor(finding["id"], "finding")]
    total = len(finding["pairs"])
    assert block["summary"] == f"Evidence ({total} pairs, 3 conflicting)"
    assert len(block["pairs"]) == EVIDENCE_LIMIT
    assert ["pair-conflict" in q["class"] for q in block["pairs"][:4]] == [True, True, True, False]
    assert block["more"] == f"{total - EVIDENCE_LIMIT} more pairs not shown; the YAML and JSON reports list all {total}."


def test_pair_evidence_orders_conflicts_then_similarity_and_skips_unknown_claim_links(data):
    finding = big_finding(data, n_a=2, n_b=2, conflicting=1)
    finding["pairs"].append({"a": "a000", "b": "gone", "similarity": 0.995, "reason": None})
    view = pair_evidence(finding, {})
    sims = [p["similarity"] for p in view["pairs"]]
    assert [k["label"] for k in view["pairs"][0]["conflicts"]] == ["The numbers differ"]
    assert sims[1:] == sorted(sims[1:], reverse=True)
    gone = next(p for p in view["pairs"] if p["sides"][1]["claim_id"] == "gone")
    assert gone["sides"][1]["known"] is False and gone["sides"][1]["label"] == "?"
    assert pair_evidence({"pairs": []}, {}) is None


def test_excerpt_starts_where_two_long_wordings_part_ways():
    a = "The second summit between the two leaders was held in Hanoi in February 2019, a spokesman said on Friday."
    b = "The second summit between the two leaders was held in Hanoi in March 2019, officials said on Friday."
    ea, eb = excerpt(a, limit=60, other=b), excerpt(b, limit=60, other=a)
    assert "February 2019" in ea and "March 2019" in eb
    assert ea.startswith("…") and len(ea) <= 61
    assert excerpt("Short claim.", limit=60, other=a) == "Short claim."
    assert excerpt("The second summit between the two leaders was held in Hanoi in May.", limit=60,
                   other=b) == "…in Hanoi in May."
    assert excerpt(a, limit=40).endswith("…") and len(excerpt(a, limit=40)) <= 40


def test_a_long_claim_excerpt_starts_near_the_slot_stating_what_the_pair_shares():
    text = ("A number of letters have been exchanged between the pair over many months since their historic "
            "meeting in Singapore last June.")
    at = text.index("last June")
    claim = {"id": "c1", "source": "s1", "text": text, "start": 100,
             "slots": {"dates": [{"value": "2018-06", "start": 100 + at, "end": 100 + at + 9}]}}
    other = {"id": "c2", "source": "s2", "text": "The two leaders first met in June 2018.", "slots": {}}
    finding = {"claims": [claim, other], "pairs": [{"a": "c1", "b": "c2", "similarity": 0.5, "reason": None,
                                                    "shared": ["date 2018-06"]}]}
    [pair] = pair_evidence(finding, {"s1": "A", "s2": "B"}, excerpt_chars=60)["pairs"]
    assert pair["sides"][0]["excerpt"] == "…in Singapore last June."
    finding["pairs"][0]["shared"] = []
    [pair] = pair_evidence(finding, {"s1": "A", "s2": "B"}, excerpt_chars=60)["pairs"]
    assert pair["sides"][0]["excerpt"].startswith("A number of letters")


def test_an_agree_card_whose_pairs_are_all_event_date_links_is_titled_the_same_event(data):
    event = copy.deepcopy(big_finding(data, n_a=1, n_b=2, conflicting=0))
    for p in event["pairs"]:
        p["shared"] = ["date 2019-02", "event meeting 2019-02"]
        p["link"] = "event"
    mixed = copy.deepcopy(event)
    mixed["id"] = "mixedcluster"
    del mixed["pairs"][0]["link"]  # linked by the embeddings, though it shares the event too
    page = render_html(dict(data, findings=[event, mixed]))
    titles = re.findall(r'<h4 class="card-title" id="([^"]+)-title">([^<]*)</h4>', page)
    assert dict(titles) == {anchor("bigcluster01", "finding"): "The same event in 2 sources",
                            anchor("mixedcluster", "finding"): "The same statement in 2 sources"}


def test_evidence_focus_finds_formatted_quantities_multi_word_names_and_survives_double_spaces() -> None:
    from claimcheck.report.view import _focus

    text = "Officials  said on Monday that 28,500 troops remain, said Kim Jong-un in a long statement."
    claim = {"start": 100, "text": text, "slots": {
        "numbers": [{"value": 28500.0, "start": 100 + text.index("28,500")}],
        "entities": [{"key": "kim jong-un", "start": 100 + text.index("Kim")}]}}
    assert _focus(claim, ["quantity 28,500 troop"], []) == text.index("28,500")
    assert _focus(claim, ["name kim jong-un"], []) == text.index("Kim")
    assert _focus(claim, ["name kim jong-un"], [100 + text.index("28,500")]) == text.index("28,500")
    assert _focus(claim, [], [100 + len(text)]) is None  # a value span outside the claim is no focus
    shown = excerpt(text, limit=40, focus=text.index("Kim"))
    assert "Kim Jong-un" in shown and shown.startswith("…")
