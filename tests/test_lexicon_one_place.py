"""One place per rule (issue 16): negation and hedge words live only in claimcheck/stages/extract/lexicon.py,
and the number, date and entity agreement rules are the ones compare, support and events call."""

from __future__ import annotations

import ast
from pathlib import Path

from claimcheck.models import DateSlot
from claimcheck.stages.extract import lexicon
from claimcheck.stages.extract.dates import dates_match
from claimcheck.stages.extract.numbers import values_close
from claimcheck.stages.extract.slots import extract_slots

PACKAGE = Path(__file__).resolve().parent.parent / "claimcheck"
_WORDS = lexicon.NEGATION_CUES | lexicon.NEGATING_WORDS | lexicon.HEDGE_WORDS


def _word_lists(path: Path) -> list[int]:
    """Lines of set / tuple / list literals in a module that are mostly negation or hedge words (a stop-word list
    that happens to hold "not" or "could" among a hundred others is not a lexicon)."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.Set, ast.Tuple, ast.List)):
            words = {e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
            if len(words & _WORDS) >= 2 and 2 * len(words & _WORDS) >= len(words):
                out.append(node.lineno)
    return out


def test_negation_and_hedge_words_are_listed_only_in_the_lexicon() -> None:
    found = {str(p.relative_to(PACKAGE)): lines for p in sorted(PACKAGE.rglob("*.py"))
             if (lines := _word_lists(p))}
    assert list(found) == ["stages/extract/lexicon.py"], found


def test_the_word_list_fallback_reads_the_lexicon() -> None:
    plain = extract_slots("Nobody was hurt, officials reportedly said.", start=0, published=None)
    assert plain.negation_cue == "Nobody" and plain.hedge_cue == "reportedly"
    assert "nobody" in lexicon.NEGATING_WORDS and "reportedly" in lexicon.HEDGE_WORDS


def test_idioms_that_do_not_negate_a_word_include_those_that_do_not_negate_a_clause() -> None:
    assert lexicon.NOT_NEGATION_AFTER < lexicon.NO_NEGATED_WORD_AFTER


def test_values_close_is_exact_unless_approximate() -> None:
    assert not values_close(4000, 4001, approximate=False, tolerance=0.1)
    assert values_close(4000, 4200, approximate=True, tolerance=0.1)
    assert not values_close(4000, 4800, approximate=True, tolerance=0.1)


def test_dates_match_at_the_coarser_granularity_or_by_overlapping_ranges() -> None:
    def d(value: str, first: str | None = None, last: str | None = None) -> DateSlot:
        return DateSlot(text=value, start=0, end=1, value=value, granularity="day", earliest=first, latest=last)

    assert dates_match(d("2019-02"), d("2019-02-28"))
    assert not dates_match(d("2019-02"), d("2019-03"))
    week = d("2019-W09", "2019-02-25", "2019-03-03")
    assert dates_match(week, d("2019-02-28", "2019-02-28", "2019-02-28"))


def test_one_quantifier_list_makes_speakers_and_group_words_unnamed() -> None:
    from claimcheck.stages.compare import findings

    for quantifier in ("a", "Several", "most", "dozens of", "1,200"):
        assert findings._QUANTIFIED_SPEAKER.match(f"{quantifier} officials")
        assert findings._QUANTIFIER.search(f"it said {quantifier} ")
    assert "dozens of" in lexicon.QUANTIFIER_WORDS
    assert not findings._QUANTIFIED_SPEAKER.match("Another official")
    assert not findings._QUANTIFIER.search("it said Tenby ")
