"""Property: whatever the article looks like, every claim and slot span slices the text exactly."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.config import ExtractConfig
from claimcheck.models import Article, normalise_text
from claimcheck.stages.extract.claims import extract_article

PIECES = [
    "The council met last June and approved 28,500 new homes.",
    "‘We will not stop,’ the mayor said.",
    '"It could rise by 45 per cent," officials said. "Nobody knows."',
    "  • Teaser for another story about the stadium",
    "Read more at Example.com",
    "RELATED: Something else entirely happened",
    "The 35-year-old leader spoke for an hour and half on Friday.",
    "Kim Jong-un, the North Korean leader, met U.S. officials in February 2019, and Trump praised him.",
    "A caption without a full stop (pictured) repeated",
    "Prices rose, but wages did not.",
    "By Jane Smith",
    "",
    "\u00a0",
]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(st.sampled_from(PIECES), min_size=1, max_size=8),
       newline=st.sampled_from(["\n", "\r\n", "\n\n"]),
       published=st.sampled_from([None, "2019-01-21", "2024-02-29"]))
def test_spans_always_slice_the_source(lines, newline, published):
    text = "Headline of the story" + newline + newline.join(lines) + newline
    article = Article(id="p", path="p.txt", text=text, title="Headline of the story", published=published)
    x = extract_article(article, config=ExtractConfig())
    for c in x.claims:
        assert text[c.start:c.end] == c.text
        assert all(normalise_text(text[s:e]) == normalise_text(c.text) for s, e in c.occurrences)
        for slot in (*c.slots.dates, *c.slots.numbers, *c.slots.entities):
            assert c.start <= slot.start < slot.end <= c.end
            assert text[slot.start:slot.end] == slot.text
    for d in x.dropped:
        assert text[d.start:d.end] == d.text
    assert not any("Read more" in c.text or "Teaser for another" in c.text for c in x.claims)
