"""An article without a title (built by a caller, not read from a file) whose first line is a Title Case or
all-capitals headline keeps that line as a ``headline`` claim: nothing precedes it, so it is not a crosshead
(rule "heading") nor a shouted teaser (rule "teaser"). The same lines anywhere else, or in an article with a
title, are still dropped; short furniture and labelled teasers at the top are still dropped."""

from __future__ import annotations

from claimcheck.config import ExtractConfig
from claimcheck.models import Article
from claimcheck.stages.extract.claims import extract_article, untitled_headline

BODY = "The council approved the new ferry route on Tuesday after a long debate."


def _extract(text: str, *, title: str | None = None):
    return extract_article(Article(id="a", path="a", text=text, title=title), config=ExtractConfig())


def test_a_title_case_first_line_of_an_untitled_article_is_a_headline_claim() -> None:
    head = "Council Approves New Ferry Route After Long Debate"
    x = _extract(f"{head}\n\n{BODY}\n")
    assert [(c.text, c.kind) for c in x.claims][0] == (head, "headline")
    assert x.claims[0].start == 0 and x.claims[0].end == len(head)
    assert not [d for d in x.dropped if d.rule == "heading"]


def test_an_all_capitals_first_line_of_an_untitled_article_is_a_headline_claim() -> None:
    head = "COUNCIL APPROVES NEW FERRY ROUTE, 7-2, AFTER DEBATE"
    x = _extract(f"{head}\n\n{BODY}\n")
    assert x.claims[0].text == head and x.claims[0].kind == "headline"


def test_a_title_case_line_after_the_first_is_still_a_dropped_crosshead() -> None:
    cross = "What The Council Decided Next"
    x = _extract(f"{BODY}\n\n{cross}\n\nThe route opens in May, the mayor said on Wednesday.\n")
    assert cross not in [c.text for c in x.claims]
    assert ("heading", cross) in [(d.rule, d.text) for d in x.dropped]


def test_a_title_case_first_line_is_still_dropped_when_the_article_has_another_title() -> None:
    cross = "What The Council Decided Next"
    x = _extract(f"{cross}\n\n{BODY}\n", title="Ferry route approved")
    assert [c.text for c in x.claims] == [BODY]
    assert ("heading", cross) in [(d.rule, d.text) for d in x.dropped]


def test_short_furniture_and_labelled_teasers_at_the_top_are_still_dropped() -> None:
    for top in ("Related Stories", "Advertisement", "RELATED: MAYOR RESIGNS OVER BUDGET ROW"):
        x = _extract(f"{top}\n\n{BODY}\n")
        assert [c.text for c in x.claims] == [BODY], top
        assert [d.text for d in x.dropped] == [top], top


def test_untitled_headline_refuses_punctuated_lines_and_other_rules() -> None:
    assert untitled_headline("Council Approves New Ferry Route", "heading") is True
    assert untitled_headline("COUNCIL APPROVES NEW FERRY ROUTE", "teaser") is True
    assert untitled_headline("Council Approves New Ferry Route.", "heading") is False
    assert untitled_headline("Read more at the council's site", "footer") is False
    assert untitled_headline("Photo: the new ferry", "caption") is False
