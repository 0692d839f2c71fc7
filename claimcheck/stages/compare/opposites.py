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
def opposites() -> dict[str, frozenset[str]]:
    """word -> the words that contradict it (both directions, lower-case base forms)."""
    table: dict[str, set[str]] = {}
    data = resources.files("claimcheck.data")
    for name in ("antonyms.tsv", "opposites.tsv"):
        for line in data.joinpath(name).read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            a, b = line.split("\t")[:2]
            if " " in a or " " in b or a in _STOP or b in _STOP:
                continue
            table.setdefault(a, set()).add(b)
            table.setdefault(b, set()).add(a)
    return {k: frozenset(v) for k, v in table.items()}


@lru_cache(maxsize=65536)
def base_forms(word: str) -> frozenset[str]:
    """Cheap candidate lemmas of an English word form ("stalled" -> stall, "eases" -> ease); cached: the
    comparison asks for the same words over and over."""
    w = word.lower()
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
    """Lower-case word tokens (hyphenated words kept whole, "n't" split off)."""
    text = text.lower().replace("’", "'")
    text = re.sub(r"(\w)n't\b", r"\1 n't", text)
    return [w for w in re.findall(r"n't|[a-z]+(?:-[a-z]+)*", text)]


def antonym_pair(a_text: str, b_text: str) -> tuple[str, str] | None:
    """A word of ``a`` whose opposite occurs in ``b`` (and neither occurs on the other side), or None."""
    table = opposites()
    wa, wb = words(a_text), words(b_text)
    forms_a = {w: base_forms(w) for w in wa}
    forms_b = {w: base_forms(w) for w in wb}
    all_a = set().union(*forms_a.values()) if forms_a else set()
    all_b = set().union(*forms_b.values()) if forms_b else set()
    for w, fa in forms_a.items():
        if fa & all_b:
            continue
        for f in sorted(fa):
            opp = table.get(f)
            if not opp:
                continue
            for v, fb in forms_b.items():
                if fb & opp and not (fb & all_a):
                    return w, v
    return None
