"""The attribute ruler's matches, found by table lookups instead of spaCy's general ``Matcher``.

The English pipeline's ``attribute_ruler`` (tag -> part of speech and morphology, a few word exceptions) runs a
``Matcher`` of ~180 one- and two-token patterns over every token: about a tenth of extraction's CPU time on the
benchmark corpus, as much as all of claimcheck's own extraction code. Its patterns only test a token's tag, lower-case
form, dependency label and whether it is white space, each for equality, ``IN``, ``NOT_IN`` or ``REGEX``;
``RuleMatches`` files each pattern under the value(s) its first token must have (a word, else a tag, a dependency
label, white space), so a token is tested only against the patterns it could match. It returns the same list
``AttributeRuler.match`` returns (every match, sorted by rule), which the ruler's own ``set_annotations`` then
applies: the parse is unchanged, and ``tests/test_extract_rule_matches.py`` compares the two lists. A pattern of any
other form (another model version) leaves the ruler as spaCy made it (``install_rule_matches``).
"""

from __future__ import annotations

import re
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

_READ = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}  # the token array read per doc
_ATTRS = {name: col for col, name in enumerate(_READ)}  # an attribute's column in it
_COLUMNS = list(_READ.values())


class _Unsupported(ValueError):
    """A pattern this lookup cannot test exactly as the Matcher does."""


def _test(strings: Any, attr: str, value: Any) -> tuple[int, str, Any]:
    """One attribute test as (column, operator, operand), operands as string hashes (a bool for IS_SPACE)."""
    if attr not in _ATTRS:
        raise _Unsupported(attr)
    col = _ATTRS[attr]
    if attr == "IS_SPACE":
        if not isinstance(value, bool):
            raise _Unsupported(attr)
        return col, "eq", int(value)
    if isinstance(value, str):
        return col, "eq", strings[value]
    if isinstance(value, dict) and len(value) == 1:
        op, operand = next(iter(value.items()))
        if op in ("IN", "NOT_IN") and isinstance(operand, list) and all(isinstance(v, str) for v in operand):
            return col, op, frozenset(strings[v] for v in operand)
        if op == "REGEX" and isinstance(operand, str) and attr == "LOWER":
            return col, op, re.compile(operand)
    raise _Unsupported(attr)


class RuleMatches:
    """``AttributeRuler.match`` for a ruler whose patterns are all of the forms above (else ``_Unsupported``)."""

    def __init__(self, ruler: Any) -> None:
        strings = ruler.vocab.strings
        # (rule, match id, tokens, tests as (token offset, column, operator, operand)); a rule is the ruler's
        # attribute id, its match id the hash of str(rule)
        self._patterns: list[tuple[int, int, int, list[tuple[int, int, str, Any]]]] = []
        # per column, the patterns whose first token must have one of a few values there, by value; a pattern is
        # filed under its most telling column (a word, else a tag, a dependency label, white space)
        self._filed: list[dict[int, list[int]]] = [{} for _ in _COLUMNS]
        self._always: list[int] = []
        for rule, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                if not pattern or any(not isinstance(tok, dict) or not tok for tok in pattern):
                    raise _Unsupported("empty or non-dict token pattern")
                tests = [(k, *_test(strings, attr, value)) for k, tok in enumerate(pattern) for attr, value in tok.items()]
                n = len(self._patterns)
                self._patterns.append((rule, strings[str(rule)], len(pattern), tests))
                first = {col: (op, operand) for k, col, op, operand in tests if k == 0}
                for col in (_ATTRS["LOWER"], _ATTRS["TAG"], _ATTRS["DEP"], _ATTRS["IS_SPACE"]):
                    op, operand = first.get(col, ("", None))
                    if op in ("eq", "IN"):
                        for key in ([operand] if op == "eq" else sorted(operand)):
                            self._filed[col].setdefault(key, []).append(n)
                        break
                else:
                    self._always.append(n)

    def __call__(self, doc: Any) -> list[tuple[int, int, int, int]]:
        """Every match of every rule in ``doc`` as ``(rule, match id, start, end)``, sorted."""
        rows = doc.to_array(_COLUMNS).tolist() if len(doc) else []
        strings = doc.vocab.strings
        out = []
        size = len(rows)
        filed = list(enumerate(self._filed))
        for start, row in enumerate(rows):
            candidates = [n for col, by_value in filed for n in by_value.get(row[col], ())]
            for n in (*candidates, *self._always):
                rule, match_id, length, tests = self._patterns[n]
                if start + length > size:
                    continue
                for k, col, op, operand in tests:
                    value = rows[start + k][col]
                    if op == "eq":
                        if value != operand:
                            break
                    elif op == "IN":
                        if value not in operand:
                            break
                    elif op == "NOT_IN":
                        if value in operand:
                            break
                    elif operand.search(strings[value]) is None:  # REGEX, on the lower-case form
                        break
                else:
                    out.append((rule, match_id, start, start + length))
        out.sort()
        return out


def install_rule_matches(nlp: Any) -> bool:
    """Give the pipeline's ``attribute_ruler`` (if any) ``RuleMatches`` in place of its Matcher search; False when
    there is no ruler or one of its patterns is of a form ``RuleMatches`` does not test (left as it was)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    try:
        ruler.match = RuleMatches(ruler)
    except _Unsupported:
        return False
    return True
