"""A sentence an article prints twice (claimcheck/stages/compare/findings.py ``_best_partner_parts``): it is the
partner of up to two claims of another source that are its twins, so a copy that changed one of the two printings
and kept the other has the changed one compared (a date conflict) instead of left unique; a merely related claim of
the other source still does not lean on the repeated sentence, and unchanged printings agree."""

from __future__ import annotations

import dataclasses

import numpy as np

from claimcheck.config import CompareConfig
from claimcheck.models import Cluster
from claimcheck.stages.compare.findings import compare_clusters

from builders import claim, date_in, entity_in

SENTENCE = "The two clubs have played each other every season since their first cup final in {}"


def _line(source: str, month: str, start: int, *, printed: int = 1, cid: str):
    text = SENTENCE.format(f"{month} 2010")
    c = claim(source, text, start, cid=cid,
              dates=(date_in(text, f"{month} 2010", f"2010-{'05' if month == 'May' else '07'}", base=start),))
    return dataclasses.replace(c, occurrences=tuple((start + 200 * k, start + 200 * k + len(text))
                                                   for k in range(printed)))


def _findings(claims, gram: np.ndarray):
    np.fill_diagonal(gram, 1.0)
    vectors = np.linalg.cholesky(gram).astype(np.float32)
    cluster = Cluster(id="c", claim_ids=tuple(sorted(c.id for c in claims)), similarity=0.9)
    return compare_clusters([cluster], claims, vectors, config=CompareConfig())


def test_a_changed_printing_of_a_repeated_sentence_is_compared_with_it() -> None:
    # the original prints the sentence twice; the copy changed the month of its first printing only
    claims = [_line("original", "May", 0, printed=2, cid="o"),
              _line("edited", "July", 0, cid="e1"), _line("edited", "May", 200, cid="e2")]
    gram = np.array([[1, 0.93, 0.99], [0.93, 1, 0.93], [0.99, 0.93, 1]])
    found = _findings(claims, gram)
    assert [(f.verdict, sorted(c.id for c in f.claims)) for f in found] == [("diverge", ["e1", "e2", "o"])]
    (conflict,) = found[0].conflicts
    assert conflict.kind == "date"
    assert {side.value: side.sources for side in conflict.sides} == {"2010-05": ("edited", "original"),
                                                                      "2010-07": ("edited",)}


def test_a_sentence_printed_once_is_the_partner_of_its_closest_twin_only() -> None:
    claims = [_line("original", "May", 0, cid="o"),
              _line("edited", "July", 0, cid="e1"), _line("edited", "May", 200, cid="e2")]
    gram = np.array([[1, 0.93, 0.99], [0.93, 1, 0.93], [0.99, 0.93, 1]])
    found = _findings(claims, gram)
    assert sorted((f.verdict, tuple(sorted(c.id for c in f.claims))) for f in found) == [
        ("agree", ("e2", "o")), ("unique", ("e1",))]


def test_a_related_claim_does_not_lean_on_a_repeated_sentence() -> None:
    # the other source states the sentence once and, close by, another fact of the same final: no twin of it
    other = "Both clubs fielded their youngest ever teams that May"
    claims = [_line("original", "May", 0, printed=2, cid="o"), _line("edited", "May", 0, cid="e1"),
              claim("edited", other, 400, cid="e2")]
    gram = np.array([[1, 0.99, 0.8], [0.99, 1, 0.8], [0.8, 0.8, 1]])
    found = _findings(claims, gram)
    assert sorted((f.verdict, tuple(sorted(c.id for c in f.claims))) for f in found) == [
        ("agree", ("e1", "o")), ("unique", ("e2",))]


def test_a_printing_with_two_edits_that_shares_most_words_is_compared_with_it() -> None:
    # a name and the polarity changed, the new name untagged: no one wording, still most words in common
    text = "The new ferry Aurora leaves the old port during its trial run"
    edited = "The new ferry Tom Price does not leave the old port during its trial run"
    original = dataclasses.replace(claim("original", text, 0, cid="o", entities=(entity_in(text, "Aurora", "PRODUCT"),)),
                                   occurrences=((0, len(text)), (200, 200 + len(text))))
    claims = [original, claim("edited", edited, 0, cid="e1", negated=True, negation_cue="not"),
              claim("edited", text, 200, cid="e2", entities=(entity_in(text, "Aurora", "PRODUCT", base=200),))]
    gram = np.array([[1, 0.8, 0.99], [0.8, 1, 0.8], [0.99, 0.8, 1]])
    found = _findings(claims, gram)
    assert [(f.verdict, sorted(c.id for c in f.claims)) for f in found] == [("diverge", ["e1", "e2", "o"])]
    assert "negation" in [c.kind for c in found[0].conflicts]


def _copy(source: str, start: int, *, month: str = "May", label: str = "GPE", relative_anchor: str | None = None):
    text = "Officials in Oslo said the cup final was moved to " + month
    return claim(source, text, start, cid=f"{source}{start}",
                 dates=(date_in(text, month, "2010-05", base=start, anchor=relative_anchor),),
                 entities=(entity_in(text, "Oslo", label, base=start),))


def test_one_sentence_in_two_sources_at_other_offsets_is_restated_and_has_no_clash() -> None:
    from claimcheck.stages.compare.findings import _clashes, restated

    a, b = _copy("wire", 0), _copy("paper", 140)
    assert restated(a, b) and restated(b, a)
    assert _clashes(a, b, 0.2, config=CompareConfig()) == []


def test_the_same_words_with_other_facts_read_off_them_are_not_restated() -> None:
    from claimcheck.stages.compare.findings import restated

    a = _copy("wire", 0)
    assert not restated(a, _copy("paper", 140, label="ORG"))  # the tagger read the name otherwise there
    assert not restated(a, _copy("paper", 140, relative_anchor="2010-04-30"))  # a date resolved otherwise
    assert not restated(a, _copy("paper", 140, month="June"))  # other words
    assert not restated(a, dataclasses.replace(_copy("paper", 140), kind="headline"))
