"""The descriptions of a claim's nouns, read from its extraction parse: the words a source attaches to each
common noun (modifiers, predicate adjectives, the verb the noun is the object of).

Extraction stores them on every claim (``Slots.described``, cached with the claims) so the framing stage
(``claimcheck.stages.framing``, which compares them across the sources of a finding) need not parse the claim
again. The rules of what counts as a description are documented there; they live here because extraction runs
them.
"""

from __future__ import annotations

import re
from typing import Any

from claimcheck.models import Claim
from claimcheck.stages.extract.nlp import lemma, span_tokens

_WORD = re.compile(r"^[^\W\d_][\w'’-]*$")
_SCARE_QUOTE = 5  # a quotation of at most this many tokens is a scare quote ("‘personal letter’")
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
# Prepositions that mark what an attitude is about ("gushes over", "raves about", "rails against"); the
# others mostly give a place, a time or a companion ("met with", "pictured at", "described in").
_TOPIC_PREPS = frozenset({"over", "about", "on", "upon", "of", "against", "toward", "towards"})
# Light and transfer verbs: they say what happened to the thing, not how the source sees it.
_NEUTRAL_VERBS = frozenset({
    "be", "have", "do", "get", "give", "take", "make", "send", "receive", "hand", "deliver", "exchange", "pass",
    "forward", "bring", "carry", "write", "read", "see", "hold", "include", "contain", "sign", "say", "tell",
    "use", "show", "find", "put", "keep", "leave", "go", "come", "mention", "cite", "obtain",
})
_IRREGULAR_VERBS = {
    "sent": "send", "held": "hold", "got": "get", "gotten": "get", "gave": "give", "given": "give", "brought": "bring",
    "kept": "keep", "found": "find", "put": "put", "read": "read", "came": "come", "carried": "carry",
}
_IRREGULAR_NOUNS = {"men": "man", "women": "woman", "children": "child", "people": "person", "feet": "foot",
                    "teeth": "tooth", "mice": "mouse", "geese": "goose", "data": "data", "media": "media",
                    "news": "news", "series": "series", "species": "species"}
_QUOTE_CHARS = set("\"'‘’“”«»„‚")
# Time nouns: a verb they follow says when something happened ("arrived on Tuesday afternoon"), never how a
# source sees the time; they keep only their own modifiers ("a tense afternoon").
_TIME_NOUNS = frozenset({"morning", "afternoon", "evening", "night", "day", "week", "weekend", "month", "year",
                         "hour", "minute", "time", "date", "season", "spring", "summer", "autumn", "fall", "winter",
                         "midnight", "noon", "dawn", "dusk", "today", "tonight", "yesterday", "tomorrow"})


def noun_lemma(tok: Any) -> str:
    """The singular, lower-case form of a common noun ("letters" -> "letter"), by rule (no lemmatizer)."""
    word = tok.lower_
    if word in _IRREGULAR_NOUNS:
        return _IRREGULAR_NOUNS[word]
    if tok.tag_ not in ("NNS", "NNPS") or len(word) < 4:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _verb_bases(tok: Any) -> set[str]:
    """Candidate base forms of a verb token (rule-based; the spaCy lemmatizer is not loaded)."""
    word = tok.lower_
    known = lemma(tok)
    if known != word:
        return {known}
    if word in _IRREGULAR_VERBS:
        return {_IRREGULAR_VERBS[word]}
    out = {word}
    if word.endswith(("ied", "ies")):
        out.add(word[:-3] + "y")
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            out |= {stem, stem + "e"}
            if len(stem) > 2 and stem[-1] == stem[-2]:  # "admitted" -> "admit"
                out.add(stem[:-1])
    return out


def stem(word: str) -> str:
    """One key for every inflection of a word, to compare descriptions by ("operated", "operating" ->
    "operat"); the same for every part of speech, as the tagger may call one participle ADJ and another VERB."""
    if word in _IRREGULAR_VERBS:
        return _IRREGULAR_VERBS[word]
    if word.endswith(("ied", "ies")) and len(word) > 4:
        return word[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":  # "admitt", "pass" -> "admit", "pas"
        word = word[:-1]
    return word


def _quoted_tokens(doc: Any) -> set[int]:
    """Indices of the tokens inside a short quotation (a scare quote of at most ``_SCARE_QUOTE`` tokens:
    the source repeating somebody's word); a longer quotation is reported speech, not a description."""
    inside: set[int] = set()
    open_at: int | None = None
    for tok in doc:
        if tok.is_punct and (tok.is_quote or tok.text in _QUOTE_CHARS):  # not the possessive ’ of "boys’"
            if open_at is None:
                open_at = tok.i
            else:
                if tok.i - open_at - 1 <= _SCARE_QUOTE:
                    inside.update(range(open_at + 1, tok.i))
                open_at = None
    return inside


def _slot_tokens(tokens: Any, claim: Claim, offset: int) -> set[int]:
    """Indices of the tokens inside one of the claim's entity, date or number slots (names, dates, numbers);
    a token's article offset is ``offset + token.idx``."""
    spans = [(x.start - offset, x.end - offset)
             for x in (*claim.slots.entities, *claim.slots.dates, *claim.slots.numbers)]
    out: set[int] = set()
    if not spans:
        return out
    for t in tokens:  # each token's offsets read once, not once per slot
        a = t.idx
        b = a + len(t.text)
        if any(a < e and b > s for s, e in spans):
            out.add(t.i)
    return out


def _hyphenated(tok: Any) -> list[Any]:
    """The tokens of the hyphenated word a token is part of ("sub-par", "three-judge"), or the token alone."""
    doc, lo, hi = tok.doc, tok.i, tok.i
    while lo >= 2 and doc[lo - 1].text == "-" and not doc[lo - 2].whitespace_ and not doc[lo - 1].whitespace_:
        lo -= 2
    while hi + 2 < len(doc) and doc[hi + 1].text == "-" and not doc[hi].whitespace_ and not doc[hi + 1].whitespace_:
        hi += 2
    return [doc[i] for i in range(lo, hi + 1, 2)]


def _word(tok: Any, masked: set[int]) -> tuple[str, str] | None:
    """(shown word, comparison key) of a modifier token, or None when it is no description."""
    parts = _hyphenated(tok)
    if len(parts) > 1:
        if any(p.like_num or p.i in masked or not _WORD.match(p.text) for p in parts):
            return None
        word = "-".join(p.lower_ for p in parts)
        return word, stem(word)
    if not _WORD.match(tok.text) or tok.i in masked or tok.is_stop or tok.like_num \
            or tok.pos_ not in ("ADJ", "VERB", "NOUN"):
        return None
    return tok.lower_, stem(tok.lower_)


def _with_conjuncts(tok: Any) -> list[Any]:
    return [tok] + [c for c in tok.children if c.dep_ == "conj"]


def descriptors(noun: Any, *, quoted: set[int], masked: set[int] = frozenset()) -> list[tuple[str, str, bool]]:
    """The (word, comparison key, quoted) descriptions a parsed sentence attaches to one noun token;
    tokens in ``masked`` (names, dates, numbers) are never descriptions."""
    found: list[Any] = []
    for child in noun.children:
        if child.dep_ == "amod" or (child.dep_ == "compound" and child.pos_ in ("ADJ", "VERB")):  # "gushing" letters
            found.extend(_with_conjuncts(child))
    head = noun.head
    if noun.dep_ in _SUBJECT_DEPS:
        for child in head.children:
            if child.dep_ == "acomp":
                found.extend(_with_conjuncts(child))
    words = []
    for tok in found:
        shown = _word(tok, masked)
        if shown is not None:
            words.append((*shown, tok.i in quoted))
    verb, prep = None, ""
    if noun_lemma(noun) in _TIME_NOUNS:
        return words
    if noun.dep_ == "dobj" or (noun.dep_ == "nsubjpass" and head.tag_ == "VBN"):
        verb = head
    elif noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in _TOPIC_PREPS and head.head.pos_ == "VERB":
        verb, prep = head.head, " " + head.lower_
    if verb is not None and verb.pos_ == "VERB" and not verb.is_stop and _WORD.match(verb.text) \
            and verb.i not in masked and not (_verb_bases(verb) & _NEUTRAL_VERBS):
        particle = "".join(" " + c.lower_ for c in verb.children if c.dep_ == "prt")  # "roll out"
        words.append((verb.lower_ + particle + prep, stem(verb.lower_) + particle + prep, verb.i in quoted))
    return words


def add_description(words: dict[str, tuple[str, bool]], word: str, key: str, quoted: bool) -> None:
    """Record a description word (quoted if any of its occurrences is)."""
    words[word] = (key, words.get(word, (key, False))[1] or quoted)


Described = tuple[tuple[str, tuple[tuple[str, str, bool], ...]], ...]


def claim_descriptions(claim: Claim, tokens: Any, *, offset: int) -> Described:
    """Every common noun of a claim's parsed tokens with its descriptions, sorted: (noun lemma, ((word,
    comparison key, quoted), ...)). ``tokens`` is the claim's parsed text (a Doc, or the claim's Span of its
    sentence's Doc at extraction time), ``offset`` the article offset of its Doc's character 0."""
    tokens = span_tokens(tokens)  # read three times below: a Span's tokens from its doc's cached list (nlp.doc_tokens)
    quoted, masked = _quoted_tokens(tokens), _slot_tokens(tokens, claim, offset)
    table: dict[str, dict[str, tuple[str, bool]]] = {}
    for tok in tokens:
        if tok.pos_ != "NOUN" or not _WORD.match(tok.text) or len(tok.text) < 3:
            continue
        words = table.setdefault(noun_lemma(tok), {})
        for word, key, is_quoted in descriptors(tok, quoted=quoted, masked=masked):
            add_description(words, word, key, is_quoted)
    return tuple((noun, tuple((w, k, q) for w, (k, q) in sorted(words.items()))) for noun, words in sorted(table.items()))


__all__ = ["Described", "add_description", "claim_descriptions", "descriptors", "noun_lemma", "stem"]
