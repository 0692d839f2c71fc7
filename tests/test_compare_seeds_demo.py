"""The real bundled model on the two seed articles: the demo must tell the truth."""

from __future__ import annotations

import pytest

from claimcheck.report import result_to_dict

pytestmark = pytest.mark.slow


def _findings(seeds_result) -> list[dict]:
    return result_to_dict(seeds_result)["findings"]


def _cross_source(findings: list[dict], verdict: str | None = None) -> list[dict]:
    return [f for f in findings if len(f["sources"]) == 2 and (verdict is None or f["verdict"] == verdict)]


def test_june_2018_singapore_summit_is_an_agree_finding_with_a_claim_from_each_article(seeds_result) -> None:
    hits = [f for f in _cross_source(_findings(seeds_result), "agree")
            if all("Singapore" in c["text"] for c in f["claims"])
            and any("2018-06" == d["value"] for c in f["claims"] for d in c.get("slots", {}).get("dates", []))]
    assert hits, "no agree finding links the June 2018 Singapore summit across both articles"


def test_letters_between_trump_and_kim_are_linked_across_articles(seeds_result) -> None:
    linked = [f for f in _cross_source(_findings(seeds_result))
              if all("letter" in c["text"].lower() or "note" in c["text"].lower() for c in f["claims"])]
    assert linked


def test_every_claim_span_slices_the_seed_file_exactly(seeds_result) -> None:
    texts = {a.id: a.text for a in seeds_result.articles}
    with_bytes = {a.id: open(a.path, encoding="utf-8").read() for a in seeds_result.articles}
    assert texts == with_bytes
    for f in _findings(seeds_result):
        for c in f["claims"]:
            assert texts[c["source"]][c["start"]:c["end"]] == c["text"]


def test_no_footer_or_teaser_bullet_becomes_a_claim(seeds_result) -> None:
    texts = [c.text for c in seeds_result.claims]
    assert not any(t.lower().startswith(("read more", "source:")) for t in texts)
    assert not any("•" in t for t in texts)
