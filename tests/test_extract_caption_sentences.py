"""Extraction: the sentence-level photo-credit check drops only parenthesised credits; a sentence inside a
paragraph that ends with a news agency's name ("... told Reuters.") is a claim, not a caption."""

from __future__ import annotations

from claimcheck.config import ExtractConfig
from claimcheck.models import Article
from claimcheck.stages.extract.claims import extract_article


def test_a_sentence_ending_with_an_agency_name_inside_a_paragraph_is_kept_as_a_claim() -> None:
    text = ("Title line\n\nThe council approved the plan on Tuesday, officials said. The ministry confirmed the "
            "figures to Reuters. A spokesman declined to comment to AFP. (Photo by Tom Lee/Harbour News)\n")
    x = extract_article(Article(id="a", path="a.txt", text=text, title="Title line"), config=ExtractConfig())
    assert [c.text for c in x.claims] == ["The council approved the plan on Tuesday, officials said.",
                                          "The ministry confirmed the figures to Reuters.",
                                          "A spokesman declined to comment to AFP."]
    assert [d.text for d in x.dropped if d.rule == "caption"] == ["(Photo by Tom Lee/Harbour News)"]
