"""A name that a thing comes from on one side and goes to on the other ("Kim praised another letter from President
Donald Trump" / "Kim has sent letters to US president Donald Trump") makes two statements, not one agreed finding
(claimcheck/stages/compare/findings.py ``_part_reversed``, claimcheck/stages/extract/names.py
``direction_before``): the shared names and a high cosine say the two claims are about one exchange, not that they
state the same thing (issue 14, "unique facts reported as agreed")."""

from __future__ import annotations

import numpy as np
import pytest

from claimcheck.config import CompareConfig
from claimcheck.models import Cluster
from claimcheck.stages.compare.findings import compare_clusters
from claimcheck.stages.extract.names import direction_before

from builders import claim, entity_in


def _findings(a_text: str, b_text: str, names: list[str]) -> list[tuple[str, ...]]:
    claims = [claim(src, text, 1000 * k, cid=src, entities=tuple(entity_in(text, n, "PERSON", base=1000 * k) for n in names))
              for k, (src, text) in enumerate((("a", a_text), ("b", b_text)))]
    vectors = np.linalg.cholesky(np.array([[1.0, 0.9], [0.9, 1.0]])).astype(np.float32)  # cosine 0.9
    cluster = Cluster(id="c", claim_ids=("a", "b"), similarity=0.9)
    found = compare_clusters([cluster], claims, vectors, config=CompareConfig())
    return sorted(tuple(c.id for c in f.claims) for f in found)


def test_a_name_sent_from_on_one_side_and_to_on_the_other_parts_the_two_claims():
    assert _findings("Kim Jong-un has praised another letter from President Donald Trump.",
                     "Kim Jong-un has sent gushing letters to US president Donald Trump.",
                     ["Kim Jong-un", "Donald Trump"]) == [("a",), ("b",)]


@pytest.mark.parametrize(("a_text", "b_text"), [
    # the same exchange told from both ends: the sender is "from" on one side and the subject on the other
    ("Kim Jong-un received another letter from President Donald Trump.",
     "President Donald Trump sent another letter to Kim Jong-un."),
    # the same direction on both sides
    ("Kim Jong-un has praised another letter from President Donald Trump.",
     "Kim Jong-un welcomed a new letter from Donald Trump."),
])
def test_the_same_exchange_or_direction_stays_one_statement(a_text, b_text):
    assert _findings(a_text, b_text, ["Kim Jong-un", "Donald Trump"]) == [("a", "b")]


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("a letter from President Donald Trump", "Donald Trump", "from"),
    ("letters to US president Donald Trump", "Donald Trump", "to"),
    ("he wants to meet Donald Trump", "Donald Trump", None),  # an infinitive's "to", not a receiver
    ("a letter that Donald Trump wrote", "Donald Trump", None),
])
def test_direction_before_reads_the_preposition_of_a_names_noun_phrase(text, name, expected):
    assert direction_before(text, text.index(name)) == expected
