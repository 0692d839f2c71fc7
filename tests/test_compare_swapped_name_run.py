"""A name in the same words on the other side that ends in lower-case words the tagger left untagged
(claimcheck/stages/compare/findings.py ``_swapped_name_clash``, ``_run_end``): "The Bank of Northland on Thursday
raised ..." / "The Labour party on Thursday raised ..." is an organisation conflict; the same name with a common
noun after it, a common noun in its place, or a function word after a capitalised word, is none."""

from __future__ import annotations

import pytest

from claimcheck.config import CompareConfig
from claimcheck.stages.compare.findings import pair_conflicts

from builders import claim, entity_in

CFG = CompareConfig()
RATE = "{} on Thursday raised its main interest rate by a quarter point to 4.5 per cent."


def _bank(source: str, subject: str, tagged: str | None, base: int = 0):
    text = RATE.format(subject)
    return claim(source, text, base, entities=(entity_in(text, tagged, "ORG", base=base),) if tagged else ())


def test_a_name_ending_in_an_untagged_lower_case_word_is_found_in_its_place() -> None:
    a = _bank("a", "The Bank of Northland", "Bank of Northland")
    b = _bank("b", "The Labour party", None, base=300)
    found = pair_conflicts(a, b, 0.7, config=CFG)
    assert [(c.kind, c.detail) for c in found] == [("entity", "Bank of Northland vs Labour party (org)")]
    labour = next(s for s in found[0].sides if s.value == "Labour party").spans[0]
    assert (labour.start, labour.end) == (300 + 4, 300 + 4 + len("Labour party"))


@pytest.mark.parametrize("subject", ["The Bank of Northland board", "The central bank", "The Bank of the north"])
def test_the_same_name_or_no_name_in_its_place_is_no_conflict(subject: str) -> None:
    a = _bank("a", "The Bank of Northland", "Bank of Northland")
    b = _bank("b", subject, None, base=300)
    assert pair_conflicts(a, b, 0.7, config=CFG) == []


def test_a_tagged_name_with_a_common_noun_after_it_is_no_name_in_its_place() -> None:
    # "the Harry Winston boutique just off" / "the Avenue Montaigne, just off": the tagger found the name, the noun
    # after it is no part of it
    text_a = "Robbers stole the jewels at the Avenue Montaigne just off the Champs-Elysees on Thursday."
    text_b = "Robbers stole the jewels at the Harry Winston boutique just off the Champs-Elysees on Thursday."
    a = claim("a", text_a, entities=(entity_in(text_a, "Avenue Montaigne", "FAC"),))
    b = claim("b", text_b, 300, entities=(entity_in(text_b, "Harry Winston", "PERSON", base=300),))
    assert [c for c in pair_conflicts(a, b, 0.8, config=CFG) if c.kind == "entity"] == []
