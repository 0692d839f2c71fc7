"""A sentence shorter than ``extract.min_words`` is still a claim when it states a count with a verb and closes
with punctuation ("Two remain missing."): it is the fact another outlet states at length. Short attributions,
headings and fragments without a number stay dropped as "short"."""

from __future__ import annotations

import dataclasses

from claimcheck.config import ExtractConfig
from claimcheck.models import Article
from claimcheck.stages.extract.claims import extract_article

LEAD = "Fourteen passengers were rescued after a ferry went down near Kos on Tuesday."


def _extract(second: str, config: ExtractConfig | None = None):
    text = f"{LEAD} {second}\n"
    return extract_article(Article(id="a", path="a", text=text), config=config or ExtractConfig())


def test_a_short_sentence_stating_a_count_is_a_claim_with_its_number() -> None:
    x = _extract("Two remain missing.")
    (claim,) = [c for c in x.claims if c.text == "Two remain missing."]
    assert [n.value for n in claim.slots.numbers] == [2.0]
    assert not x.dropped


def test_short_sentences_without_a_count_or_a_verb_stay_dropped() -> None:
    for short in ("James Clark said.", "Two Minutes Later.", "Seven dead?"):
        x = _extract(short)
        assert [c.text for c in x.claims] == [LEAD], short
        assert [(d.rule, d.text) for d in x.dropped] == [("short", short)], short


def test_min_count_words_sets_the_floor() -> None:
    x = _extract("Two remain missing.", dataclasses.replace(ExtractConfig(), min_count_words=4))
    assert [d.text for d in x.dropped] == ["Two remain missing."]
