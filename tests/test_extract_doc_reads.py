"""Issue 17: extraction reads a parsed paragraph's text and token offsets once per doc (``doc_text``,
``token_range`` in claimcheck/stages/extract/nlp.py) instead of rebuilding them from every token on each read;
both give what the reads they replace gave."""

from __future__ import annotations

import pytest

from claimcheck.stages.extract.nlp import doc_text, get_nlp, token_range

PARAGRAPHS = [
    "Kim Jong Un said on Tuesday that the letter was “excellent”.  He will meet Trump in Hanoi (Vietnam) soon.",
    "  Leading spaces,\ttabs and a trailing space ",
    "One.",
]


@pytest.mark.parametrize("text", PARAGRAPHS)
def test_doc_text_is_the_docs_text_and_read_once(text: str) -> None:
    doc = get_nlp()(text)
    assert doc_text(doc) == doc.text == text
    assert doc_text(doc) is doc_text(doc)  # kept on the doc, not joined again


@pytest.mark.parametrize("text", PARAGRAPHS)
def test_token_range_lists_the_tokens_that_begin_in_the_span(text: str) -> None:
    doc = get_nlp()(text)
    for start in range(-1, len(text) + 2):
        for end in range(start, len(text) + 2):
            assert list(token_range(doc, start, end)) == [t.i for t in doc if start <= t.idx < end], (start, end)
