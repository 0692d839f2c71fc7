"""The "with X doing Y" clause (claimcheck/stages/extract/claims.py ``atomic_parts``) is cut off however the tagger
parses it: as a prepositional phrase ("with" a preposition, the participle its complement) or as a clause that
"with" marks, the participle with its subject as that clause's subject. A copy of an article whose changed name
made the parser choose the second reading is cut like the original, so its parts are compared with the original's
parts. Parses are built by hand here, so the test does not depend on the tagger's choice."""

from __future__ import annotations

import pytest

from claimcheck.stages.extract.claims import atomic_parts
from claimcheck.stages.extract.nlp import get_nlp

# (word, head index, dep, pos, tag): "..., with Tom Price later revealing the talks had helped both sides"
# parsed with "with" marking the adverbial clause "had helped", whose subject is the participle "revealing"
_MARKED = [
    ("The", 1, "det", "DET", "DT"), ("firms", 3, "nsubj", "NOUN", "NNS"), ("have", 3, "aux", "AUX", "VBP"),
    ("shared", 3, "ROOT", "VERB", "VBN"), ("data", 3, "dobj", "NOUN", "NNS"), ("since", 3, "prep", "SCONJ", "IN"),
    ("their", 8, "poss", "PRON", "PRP$"), ("first", 8, "amod", "ADJ", "JJ"), ("deal", 5, "pobj", "NOUN", "NN"),
    ("in", 8, "prep", "ADP", "IN"), ("May", 9, "pobj", "PROPN", "NNP"), (",", 3, "punct", "PUNCT", ","),
    ("with", 20, "mark", "SCONJ", "IN"), ("Tom", 14, "compound", "PROPN", "NNP"),
    ("Price", 16, "nsubj", "PROPN", "NNP"), ("later", 16, "advmod", "ADV", "RB"),
    ("revealing", 20, "csubj", "VERB", "VBG"), ("the", 18, "det", "DET", "DT"), ("talks", 16, "dobj", "NOUN", "NNS"),
    ("had", 20, "aux", "AUX", "VBD"), ("helped", 3, "advcl", "VERB", "VBN"), ("both", 22, "det", "DET", "DT"),
    ("sides", 20, "dobj", "NOUN", "NNS"),
]


def _parts(rows: list[tuple[str, int, str, str, str]]) -> list[tuple[str, str]]:
    from spacy.tokens import Doc

    words = [r[0] for r in rows]
    spaces = [i + 1 < len(words) and words[i + 1] != "," for i in range(len(words))]
    doc = Doc(get_nlp().vocab, words=words, spaces=spaces, heads=[r[1] for r in rows], deps=[r[2] for r in rows],
              pos=[r[3] for r in rows], tags=[r[4] for r in rows])
    (sent,) = list(doc.sents)
    return [(p.construction, doc.text[p.start:p.end]) for p in atomic_parts(sent, min_words=4)]


def test_a_with_clause_parsed_as_a_marked_clause_is_cut_off() -> None:
    assert _parts(_MARKED) == [("main", "The firms have shared data since their first deal in May"),
                               ("absolute", "with Tom Price later revealing the talks had helped both sides")]


@pytest.mark.parametrize("change", ["no comma", "no subject"])
def test_a_marked_with_clause_without_a_comma_or_a_subject_of_its_own_stays(change: str) -> None:
    rows = list(_MARKED)
    if change == "no comma":
        del rows[11]
        rows = [(w, h - (h > 11), d, p, t) for w, h, d, p, t in rows]
    else:  # "with later revealing the talks had helped both sides": the participle has no subject
        rows = [r for i, r in enumerate(rows) if i not in (13, 14)]
        rows = [(w, h - 2 * (h > 14), d, p, t) for w, h, d, p, t in rows]
    assert [c for c, _ in _parts(rows)] == ["whole"]
