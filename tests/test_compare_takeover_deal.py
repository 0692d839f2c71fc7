"""Four outlets on one takeover (tests/fixtures/deal), real model: ``daily`` gives another price ($4.5 billion)
and another quarter for the closing, ``markets`` another price per share. "$4.2 billion" / "$4.2bn" agree;
"the third quarter" against "the fourth quarter" is a conflict although the rest of the sentence is paraphrased
("is expected to close" / "the companies said they expect the deal to close")."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck import api

from builders import finding_with

pytestmark = pytest.mark.slow

FIX = Path(__file__).resolve().parent / "fixtures" / "deal"


@pytest.fixture(scope="module")
def deal(real_embedder):
    return api.compare([str(FIX)], embedder=real_embedder)


def test_the_closing_quarter_in_a_paraphrased_sentence_is_a_conflict(deal) -> None:
    finding = finding_with(deal, "daily", "fourth quarter")
    assert [(c.rule, c.majority, c.outliers) for c in finding.conflicts] == [
        ("ordinal", "third quarter", ("daily",))]


def test_the_price_and_the_price_per_share_name_their_outliers(deal) -> None:
    price = finding_with(deal, "daily", "$4.5 billion")
    assert [(c.kind, c.outliers) for c in price.conflicts] == [("number", ("daily",))]
    # journal's "about $4.2bn" matches both prices within the tolerance and stands on the nearer one
    assert [s.sources for s in price.conflicts[0].sides][0] == ("journal", "markets", "wire")
    share = finding_with(deal, "markets", "$36 a share")
    assert [(c.majority, c.outliers) for c in share.conflicts] == [("38 USD", ("markets",))]
