"""The per-doc views of a parse (``nlp.doc_tokens``, ``child_indices``, ``edges``, ``span_ents``)
read the same tokens, in the same order, as spaCy's own properties; ``quote_regions`` reads only the quotation
marks and finds what a walk over every character finds."""

from __future__ import annotations

from claimcheck.stages.extract.claims import _OPEN, quote_regions
from claimcheck.stages.extract.nlp import (child_indices, children, doc_tokens, edges, get_nlp, head_indices,
                                           release_tokens, span_ents, span_tokens)
from claimcheck.stages.extract.slots import _tokens_in

TEXTS = [
    "Harbor Polymers, which employs about 450 people in Ohio, said on Monday it would not close the plant.",
    "President Donald Trump (pictured with Kim Jong-un in Singapore) told reporters that he was “very happy”.",
    "Two remain missing. Three were injured, police said, and the fire – the worst in a decade – is out.",
    "",
]


def test_doc_views_match_spacy() -> None:
    nlp = get_nlp()
    for doc in nlp.pipe(TEXTS):
        toks = doc_tokens(doc)
        assert [t.i for t in toks] == [t.i for t in doc]
        assert head_indices(doc) == [t.head.i for t in doc]
        assert child_indices(doc) == [[c.i for c in t.children] for t in doc]
        assert edges(doc) == ([t.left_edge.i for t in doc], [t.right_edge.i for t in doc])
        for t in doc:
            assert edges(doc)[0][t.i] == min(x.i for x in t.subtree)  # the left edge: a subtree's first token
            assert [c.i for c in children(t)] == [c.i for c in t.children]
        for sent in doc.sents:
            assert [t.i for t in span_tokens(sent)] == [t.i for t in sent]
            assert [(e.start, e.end, e.label_) for e in span_ents(sent)] == [(e.start, e.end, e.label_)
                                                                             for e in sent.ents]
            for window in ((0, 10), (5, 40), (sent.start_char, sent.end_char), (30, 31), (200, 300)):
                assert [t.i for t in _tokens_in(sent, window)] == [
                    t.i for t in sent if window[0] <= t.idx < window[1]]
        assert [(e.start, e.end) for e in span_ents(doc)] == [(e.start, e.end) for e in doc.ents]
        release_tokens([doc])
        assert doc_tokens(doc) is not toks  # built again after a release


def _quote_regions_by_char(text: str) -> tuple[list[tuple[int, int]], bool]:
    regions: list[tuple[int, int]] = []
    open_at, closer = None, ""
    for i, ch in enumerate(text):
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if open_at is None:
            if ch in _OPEN and (i == 0 or not text[i - 1].isalnum()):
                open_at, closer = i, _OPEN[ch]
            elif ch == '"':
                open_at, closer = i, '"'
        elif ch == closer and not nxt.isalpha():
            regions.append((open_at, i + 1))
            open_at = None
    if open_at is not None:
        regions.append((open_at, len(text)))
    return regions, open_at is not None


def test_quote_regions_reads_only_quotation_marks() -> None:
    for text in ["He said “we’re done” and ‘left’.", 'A "quote" and "an open one', "x‘y’ “z”’", "“",
                 "no quotes at all", "‘It’s’ fine”", '"a"b" c"']:
        assert quote_regions(text) == _quote_regions_by_char(text)
