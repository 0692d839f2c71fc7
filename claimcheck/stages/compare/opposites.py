"""Words that exclude each other, for the polarity rule: WordNet 3.0 antonyms (shipped as a data file with
WordNet's notice) plus a curated list of news-domain opposites WordNet lacks."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from claimcheck.stages.extract.nlp import word_lemma

# Function words whose WordNet antonyms would fire on almost any pair of sentences.
_STOP = frozenset({"a", "an", "the", "in", "out", "on", "off", "up", "down", "over", "under", "before", "after",
                   "first", "last", "all", "some", "few", "many", "more", "less", "most", "least", "this", "that",
                   "here", "there", "come", "go", "give", "take", "get", "have", "be", "do", "make", "new", "old",
                   "one", "same", "other", "early", "late", "high", "low", "long", "short", "good", "bad", "right",
                   "left", "front", "back", "top", "bottom", "start", "end", "begin", "finish", "ask", "answer",
                   "set", "rise", "near", "far", "big", "small", "large", "little", "full", "empty", "man", "woman",
                   "day", "night", "north", "south", "east", "west", "inside", "outside", "with", "without", "from",
                   "to", "above", "below", "present", "past", "future", "send", "receive", "buy", "sell", "lead",
                   "follow", "public", "private", "internal", "external", "own", "hold", "stay", "leave", "arrive",
                   # relations, not polarity: "a former employee ... his former employers" (ECB+ train)
                   "employee", "employer"})


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, frozenset[str]], frozenset[tuple[str, str]]]:
    """(word -> the words that contradict it, the pairs that WordNet lists as verbs only)."""
    table: dict[str, set[str]] = {}
    pos: dict[tuple[str, str], set[str]] = {}
    data = resources.files("claimcheck.data")
    for name in ("antonyms.tsv", "opposites.tsv"):
        for line in data.joinpath(name).read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            a, b, *rest = line.split("\t")
            if " " in a or " " in b or a in _STOP or b in _STOP:
                continue
            table.setdefault(a, set()).add(b)
            table.setdefault(b, set()).add(a)
            for key in ((a, b), (b, a)):  # the curated list has no part of speech: any use counts
                pos.setdefault(key, set()).add(rest[0] if rest else "any")
    verbs = frozenset(k for k, v in pos.items() if v == {"v"})
    return {k: frozenset(v) for k, v in table.items()}, verbs


def opposites() -> dict[str, frozenset[str]]:
    """word -> the words that contradict it (both directions, lower-case base forms)."""
    return _tables()[0]


# Words after which a verb-only antonym is used as a noun or adjective: "its highest level", "a lower rate".
_NOUN_BEFORE = frozenset({"a", "an", "the", "its", "his", "her", "their", "our", "my", "your", "this", "that",
                          "these", "those", "each", "every", "no", "any", "record", "new"})


def _noun_use(tokens: list[str], word: str) -> bool:
    """Whether every occurrence of ``word`` in ``tokens`` follows a determiner or a superlative ("the highest
    level"): a verb-only antonym there is not the verb ("level" / "raise")."""
    at = [i for i, t in enumerate(tokens) if t == word]
    return bool(at) and all(i > 0 and (tokens[i - 1] in _NOUN_BEFORE or tokens[i - 1].endswith("est"))
                            for i in at)


@lru_cache(maxsize=65536)
def base_forms(word: str) -> frozenset[str]:
    """Cheap candidate lemmas of an English word form ("stalled" -> stall, "eases" -> ease); cached: the
    comparison asks for the same words over and over."""
    w = word.lower()
    if w[:1] in ("'", "’"):  # a clitic ("'s": possessive, "is" or "has") is no form of "be": only itself
        return frozenset({w})
    forms = {w, word_lemma(w)}  # an irregular form's lemma ("found" -> find, "met" -> meet)
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""),
                         ("ing", ""), ("ing", "e"), ("ly", ""), ("er", ""), ("est", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            forms.add(w[: len(w) - len(suffix)] + repl)
    if len(w) > 4 and w[-1] == w[-2]:
        forms.add(w[:-1])
    for f in list(forms):  # "stopped" -> "stopp" -> "stop"
        if len(f) > 3 and f[-1] == f[-2]:
            forms.add(f[:-1])
    return frozenset(forms)


def words(text: str) -> list[str]:
    """Lower-case word tokens (hyphenated words kept whole, "n't" split off, "No. 1" read as "number"); a new
    list each call, read from a cache of the text's tokens: the comparison splits the same claim texts pair after
    pair."""
    return list(_word_tuple(text))


# the patterns of ``_word_tuple``, compiled once (``re``'s own cache lookup per call cost more than the split)
_NUMBER_NO = re.compile(r"\bno\.?\s?(?=\d)")
_NT = re.compile(r"(\w)n't\b")
_TOKEN = re.compile(r"n't|[a-z]+(?:-[a-z]+)*")


@lru_cache(maxsize=1 << 16)
def _word_tuple(text: str) -> tuple[str, ...]:
    text = text.lower().replace("’", "'")
    text = _NUMBER_NO.sub("number ", text)  # "the No. 1 Tar Heels", "world No 1": no negation
    text = _NT.sub(r"\1 n't", text)
    return tuple(_TOKEN.findall(text))


@lru_cache(maxsize=1 << 12)  # a cluster's claims meet each other: a few thousand texts hold its hits
def _text_forms(text: str) -> tuple[tuple[str, ...], tuple[tuple[str, frozenset[str]], ...], frozenset[str]]:
    """A text's words, each distinct word with its base forms (in order of first use), and all those forms; cached:
    a claim's text meets many others."""
    tokens = _word_tuple(text)
    forms = {w: base_forms(w) for w in tokens}
    return tokens, tuple(forms.items()), frozenset().union(*forms.values())


@lru_cache(maxsize=1 << 12)  # as ``_text_forms``: a claim's text meets many others
def _opposable(text: str) -> tuple[tuple[str, frozenset[str], tuple[tuple[str, frozenset[str]], ...]], ...]:
    """The text's distinct words that have an opposite (``_tables``), in order of first use, each with its base
    forms and (form, its opposites) for each form that has some, forms sorted: most words have none, and the table is
    read for them once per text rather than once per pair."""
    table, _ = _tables()
    out = []
    for w, fa in _text_forms(text)[1]:
        opposites = tuple((f, table[f]) for f in sorted(fa) if table.get(f))
        if opposites:
            out.append((w, fa, opposites))
    return tuple(out)


def antonym_pair(a_text: str, b_text: str) -> tuple[str, str] | None:
    """A word of ``a`` whose opposite occurs in ``b`` (and neither occurs on the other side), or None."""
    _, verbs = _tables()
    wa, _, all_a = _text_forms(a_text)
    wb, forms_b, all_b = _text_forms(b_text)
    for w, fa, opposites in _opposable(a_text):
        if fa & all_b:
            continue
        for f, opp in opposites:
            if opp.isdisjoint(all_b):
                continue  # no word of b has a form in it (the loop below would find none)
            for v, fb in forms_b:
                if not (fb & opp) or fb & all_a:
                    continue
                if all((f, g) in verbs for g in fb & opp) and (_noun_use(wa, w) or _noun_use(wb, v)):
                    continue  # WordNet's verbs "level" / "raise" against "its highest level" (a noun)
                return w, v
    return None
