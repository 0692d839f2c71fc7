"""Every typed conflict of a finding in the HTML and Markdown reports: a diverge card (and the Markdown section)
lists each conflict with both values, their sources and the outlier; the marked words are exactly the
conflicts' value spans; each conflicting evidence pair names all its conflicts; hostile values are escaped."""

from __future__ import annotations

import copy
import re
from html.parser import HTMLParser

import pytest

from claimcheck import api
from claimcheck.report import render, render_html, render_markdown, result_to_dict
from claimcheck.report.view import anchor

PAYLOAD = '</mark></li><script>window.__pwned="v"</script><img src=x onerror="window.__pwned=1">'
BUS = "The bus crashed near Grenoble on {day} and {dead} people died, the police said."


@pytest.fixture(scope="module")
def bus(tmp_path_factory: pytest.TempPathFactory):  # a RunResult
    """Three outlets on one crash; the third gives another date and another toll (fake embedder)."""
    from claimcheck.config import config_from_dict

    folder = tmp_path_factory.mktemp("bus")
    for name, day, dead, tail in (("a", "3 May 2024", "12", "Rescue teams worked through the night."),
                                  ("b", "3 May 2024", "12", "The road was closed for a day."),
                                  ("c", "4 May 2024", "15", "Witnesses described a loud bang.")):
        (folder / f"{name}.txt").write_text(f"Bus crash in the Alps\n\n{BUS.format(day=day, dead=dead)}\n\n{tail}\n",
                                            encoding="utf-8")
    return api.compare([str(folder)], config=config_from_dict({"embedding": {"backend": "fake"}}),
                       published={s: "2024-05-05" for s in "abc"})


@pytest.fixture(scope="module")
def bus_data(bus) -> dict:
    return result_to_dict(bus)


@pytest.fixture(scope="module")
def diverge(bus_data) -> dict:
    [finding] = [f for f in bus_data["findings"] if f["verdict"] == "diverge"]
    return finding


class Marks(HTMLParser):
    """Per card: the conflict list's entries (text, classes) and the evidence pairs' text; per source view and
    per claim blockquote: the (start, end) offsets of the text inside ``<mark class="conflict">``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.entries: dict[str, list[str]] = {}
        self.sides: dict[str, list[tuple[str, str]]] = {}
        self.pairs: dict[str, list[str]] = {}
        self.marks: dict[str, list[tuple[int, int]]] = {}
        self.titles: dict[str, str] = {}
        self.tags: list[str] = []
        self._card = self._view = None
        self._stack: list[tuple[str, str]] = []  # (tag, class)
        self._offset = 0
        self._title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        cls = a.get("class") or ""
        self.tags.append(tag)
        if tag == "article" and "card" in cls.split():
            self._card = a["id"]
            self.entries[self._card], self.sides[self._card], self.pairs[self._card] = [], [], []
        elif tag == "article" and cls == "source-text":
            self._view, self._card = a["id"], None
        elif tag == "h4" and cls == "card-title":
            self._title = True
            self.titles[self._card] = ""
        elif tag == "li" and cls == "conflict-entry":
            self.entries[self._card].append("")
        elif tag == "li" and self._stack and self._stack[-1][1] == "sides":
            self.sides[self._card].append((cls, ""))
        elif tag == "li" and "pair" in cls.split():
            self.pairs[self._card].append("")
        elif (tag == "blockquote" and cls == "claim") or (tag == "div" and cls == "text" and self._view):
            self._view = a.get("id") or self._view
            self.marks[self._view], self._offset = [], 0
        if tag not in ("meta", "input", "br"):
            self._stack.append((tag, cls))

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            t, cls = self._stack.pop()
            if t == "h4":
                self._title = False
            if t == "blockquote" or (t == "div" and cls == "text"):
                self._view = None if t == "div" else self._view
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        classes = [c for _, c in self._stack]
        if self._title:
            self.titles[self._card] += data
        if self._card and "conflict-entry" in classes:
            self.entries[self._card][-1] += data
        if self._card and self.sides.get(self._card) and "sides" in classes:
            cls, text = self.sides[self._card][-1]
            self.sides[self._card][-1] = (cls, text + data)
        if self._card and self.pairs.get(self._card) and any("pair" in c.split() for c in classes):
            self.pairs[self._card][-1] += data
        inside = any(t in ("blockquote",) for t, _ in self._stack) or ("text" in classes)
        if self._view and inside and self._view in self.marks:
            if "conflict" in classes:
                marks = self.marks[self._view]
                if marks and marks[-1][1] == self._offset:  # one value split by a slot boundary
                    marks[-1] = (marks[-1][0], self._offset + len(data))
                else:
                    marks.append((self._offset, self._offset + len(data)))
            self._offset += len(data)


def marks_of(html: str) -> Marks:
    parser = Marks()
    parser.feed(html)
    parser.close()
    return parser


def spans_by_claim(finding: dict) -> dict[str, set[tuple[int, int]]]:
    out: dict[str, set[tuple[int, int]]] = {}
    for c in finding["conflicts"]:
        for side in c["sides"]:
            for sp in side["spans"]:
                out.setdefault(sp["claim"], set()).add((sp["start"], sp["end"]))
    return out


def test_the_fixture_finding_holds_two_conflicts_with_c_the_outlier(diverge):
    assert [c["kind"] for c in diverge["conflicts"]] == ["date", "number"]
    assert all(c["outliers"] == ["c"] for c in diverge["conflicts"])


def test_a_diverge_card_lists_every_conflict_with_both_values_their_sources_and_the_outlier(bus, diverge):
    page = marks_of(render(bus, "html"))
    card = anchor(diverge["id"], "finding")
    assert page.titles[card] == "2 conflicts: the dates differ, the numbers differ"
    entries = page.entries[card]
    assert len(entries) == 2
    assert entries[0].startswith("The dates differ") and entries[1].startswith("The numbers differ")
    assert "3 May 2024" in entries[0] and "4 May 2024" in entries[0]
    assert "12 people" in entries[1] and "15 people" in entries[1]
    sides = [(cls, " ".join(text.split())) for cls, text in page.sides[card]]
    assert sides == [("side-majority", "A B say 3 May 2024 2024-05-03 majority"),
                     ("side-outlier", "C says 4 May 2024 2024-05-04 outlier"),
                     ("side-majority", "A B say 12 people dead majority"),
                     ("side-outlier", "C says 15 people dead outlier")]


def test_each_conflicting_evidence_pair_names_all_its_conflicts(bus, diverge):
    page = marks_of(render(bus, "html"))
    shown = page.pairs[anchor(diverge["id"], "finding")]
    n_conflicting = sum(1 for p in diverge["pairs"] if p.get("conflicts"))
    assert n_conflicting == 2
    for text in shown[:n_conflicting]:
        assert "The dates differ: 3 May 2024 vs 4 May 2024" in text
        assert "The numbers differ: 12 people dead vs 15 people dead" in text
    assert all("differ" not in text for text in shown[n_conflicting:])


def test_markdown_lists_every_conflict_with_both_values_and_the_outlier(bus, diverge):
    md = render(bus, "markdown")
    section = md[md.index(f"`{diverge['id']}`"):md.index("## Agreeing")]
    assert section.splitlines()[2:9] == [
        "- **The dates differ**:",
        "  - **A**, **B** say **3 May 2024** (`2024-05-03`) · majority",
        "  - **C** says **4 May 2024** (`2024-05-04`) · outlier",
        "- **The numbers differ**:",
        "  - **A**, **B** say **12 people dead** · majority",
        "  - **C** says **15 people dead** · outlier",
        ""]
    evidence = [ln for ln in section.splitlines() if ln.startswith("  - **A**") or ln.startswith("  - **B**")]
    assert sum("**The dates differ**: 3 May 2024 vs 4 May 2024 · **The numbers differ**: 12 people dead vs 15 people dead"
               in ln for ln in evidence) == 2


def test_marked_words_are_exactly_the_conflicts_value_spans(bus, diverge):
    page = marks_of(render(bus, "html"))
    want = spans_by_claim(diverge)
    card = anchor(diverge["id"], "finding")
    for c in diverge["claims"]:
        marked = page.marks[f"{card}-{anchor(c['id'], 'claim')}"]
        assert {(c["start"] + s, c["start"] + e) for s, e in marked} == want[c["id"]]
    for source in bus_sources(bus):
        own = set().union(*(want[c["id"]] for c in diverge["claims"] if c["source"] == source))
        assert set(page.marks[anchor(source, "source")]) == own


def bus_sources(result) -> list[str]:  # a RunResult
    return [a.id for a in result.articles]


def hand_built(data: dict) -> dict:
    """One diverge finding of two claims whose claim B also states a date compatible with the conflict's value
    ("May 2024") and the value's words a second time: only the recorded spans may be marked."""
    a_text = "The vote was held on 3 May 2024, and 40 members voted."
    b_text = "The vote, set for May 2024, was held on 5 May 2024 (not 3 May 2024), and 41 members voted."
    src_a, src_b = data["sources"][0]["id"], data["sources"][1]["id"]

    def span(claim: str, source: str, text: str, word: str, base: int, nth: int = 0) -> dict:
        at = [m.start() for m in re.finditer(re.escape(word), text)][nth]
        return {"claim": claim, "source": source, "start": base + at, "end": base + at + len(word), "text": word}

    a = {"id": "ca", "source": src_a, "text": a_text, "start": 10, "end": 10 + len(a_text),
         "slots": {"dates": [{"value": "2024-05-03", "start": 10 + 21, "end": 10 + 31, "text": "3 May 2024"}]}}
    b = {"id": "cb", "source": src_b, "text": b_text, "start": 0, "end": len(b_text),
         "slots": {"dates": [{"value": "2024-05", "start": 18, "end": 26, "text": "May 2024"}]}}
    date = {"id": "k1", "kind": "date", "rule": "date", "subject": "date", "detail": "2024-05-03 vs 2024-05-05",
            "sides": [{"value": "2024-05-03", "sources": [src_a], "spans": [span("ca", src_a, a_text, "3 May 2024", 10)]},
                      {"value": "2024-05-05", "sources": [src_b], "spans": [span("cb", src_b, b_text, "5 May 2024", 0)]}]}
    count = {"id": "k2", "kind": "number", "rule": "number", "subject": "number:count:members",
             "detail": "40 members vs 41 members",
             "sides": [{"value": "40 members", "sources": [src_a], "spans": [span("ca", src_a, a_text, "40 members", 10)]},
                       {"value": "41 members", "sources": [src_b], "spans": [span("cb", src_b, b_text, "41 members", 0)]}]}
    pair = {"a": "ca", "b": "cb", "similarity": 0.9, "reason": {"kind": "date", "detail": date["detail"]},
            "conflicts": [{"conflict": k["id"], "kind": k["kind"], "rule": k["rule"], "detail": k["detail"],
                           "values": {"ca": k["sides"][0]["value"], "cb": k["sides"][1]["value"]}}
                          for k in (date, count)]}
    finding = {"id": "handbuilt01", "verdict": "diverge", "similarity": 0.9, "sources": [src_a, src_b],
               "reason": {"kind": "date", "detail": date["detail"]}, "conflicts": [date, count],
               "claims": [a, b], "pairs": [pair]}
    return dict(copy.deepcopy(data), findings=[finding])


def test_a_compatible_date_or_a_repeated_value_outside_the_spans_is_not_marked(bus_data):
    data = hand_built(bus_data)
    page = marks_of(render_html(data))
    card = anchor("handbuilt01", "finding")
    for c in data["findings"][0]["claims"]:
        marked = {(c["start"] + s, c["start"] + e) for s, e in page.marks[f"{card}-{anchor(c['id'], 'claim')}"]}
        assert marked == spans_by_claim(data["findings"][0])[c["id"]]
    b = data["findings"][0]["claims"][1]
    words = [b["text"][s:e] for s, e in page.marks[f"{card}-{anchor('cb', 'claim')}"]]
    assert words == ["5 May 2024", "41 members"]  # not "May 2024", not the second "3 May 2024"


def test_hostile_values_spans_and_kinds_are_escaped_in_html_and_markdown(bus_data):
    data = hand_built(bus_data)
    finding = data["findings"][0]
    date, count = finding["conflicts"]
    date["sides"][0]["value"] = PAYLOAD
    date["sides"][0]["spans"][0]["text"] = PAYLOAD
    count["kind"], count["subject"], count["detail"] = "<b>number</b>", f"number:{PAYLOAD}", PAYLOAD
    finding["conflicts"].append(copy.deepcopy(count))  # two conflicts of one label: the subject is shown
    finding["conflicts"][-1]["id"] = "k3"
    finding["pairs"][0]["conflicts"][0]["values"]["ca"] = PAYLOAD
    html = render_html(data)
    page = marks_of(html)
    assert page.tags.count("script") == 1 and not {"img", "b"} & set(page.tags) and html.count("<script>") == 1
    assert "onerror=\"window" not in html and "</mark></li><script>" not in html
    entries = page.entries[anchor("handbuilt01", "finding")]
    assert len(entries) == 3 and PAYLOAD in entries[0] and f"number:{PAYLOAD}" in entries[2]
    assert f"{PAYLOAD} vs 5 May 2024" in page.pairs[anchor("handbuilt01", "finding")][0]

    markdown_it = pytest.importorskip("markdown_it")
    md = render_markdown(data)
    rendered = markdown_it.MarkdownIt("commonmark").enable("table").render(md)
    assert set(re.findall(r"<([a-z0-9]+)", rendered)) <= {
        "h1", "h2", "h3", "p", "table", "thead", "tbody", "tr", "th", "td", "strong", "code", "ul", "li",
        "blockquote", "hr", "details", "summary", "sub"}
    assert "&lt;/mark&gt;&lt;/li&gt;&lt;script&gt;window.__pwned=&quot;v&quot;&lt;/script&gt;" in rendered


def test_a_finding_without_typed_conflicts_shows_its_reason_detail_as_written(bus_data):
    data = hand_built(bus_data)
    finding = data["findings"][0]
    del finding["conflicts"]
    for p in finding["pairs"]:
        del p["conflicts"]
    finding["reason"] = {"kind": "date", "detail": "2024-05-03 vs 2024-05-05"}
    page = marks_of(render_html(data))
    card = anchor("handbuilt01", "finding")
    assert page.titles[card] == "The dates differ" and page.entries[card] == [] and page.sides[card] == []
    assert all(marks == [] for marks in page.marks.values())  # no span recorded: nothing is marked
    assert "- 2024-05-03 vs 2024-05-05" in render_markdown(data)

