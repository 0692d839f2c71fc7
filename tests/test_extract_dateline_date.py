"""A wire dateline's date is the day the outlet filed, not a date of the claim (claimcheck/stages/extract/dates.py
``dateline_end``, slots.py): two outlets filing on different days ("HARLOW BAY, Nov 30 (Wire) -" / "the November 29
runoff") must not read as a date conflict. A date after the dateline, or a date at the start of a sentence that is
no dateline, stays the claim's."""

from __future__ import annotations

import pytest

from claimcheck.stages.extract.dates import dateline_end

from builders import extracted


@pytest.mark.parametrize("text, dateline", [
    ("HARLOW BAY, Nov 30 (Wire) - Voss won.", "HARLOW BAY, Nov 30 (Wire) - "),
    ("HARLOW BAY, Nov 30 - Voss won.", "HARLOW BAY, Nov 30 - "),
    ("PASADENA, Texas, March 3, 2019 (AP) — A blast shook the plant.", "PASADENA, Texas, March 3, 2019 (AP) — "),
    ("NEW YORK, Sept. 11 — Crowds gathered.", "NEW YORK, Sept. 11 — "),
])
def test_a_dated_dateline_opening_a_text_is_found(text: str, dateline: str) -> None:
    assert dateline_end(text) == len(dateline)


@pytest.mark.parametrize("text", [
    "HARLOW BAY (Courier) - Voss won on Nov. 29.",  # a dateline without a date
    "The vote, Nov 30 - a Sunday - was calm.",  # no place in capitals
    "On Nov 30 - the eve of the vote - Voss spoke.",
    "Voss won the runoff on Nov 30, officials said.",
])
def test_no_dated_dateline_is_found_in_other_openings(text: str) -> None:
    assert dateline_end(text) == 0


def test_a_dateline_date_is_no_date_or_number_of_the_claim() -> None:
    (first,) = [c for c in extracted("HARLOW BAY, Nov 30 (Wire) - Elena Voss won the mayoral runoff held on "
                                     "November 29 with 52 percent of the vote, officials said.", published=None)
                if "Voss" in c.text]
    assert [d.value for d in first.slots.dates] == ["XXXX-11-29"]
    assert [n.value for n in first.slots.numbers] == [52]


def test_a_sentence_opening_with_its_date_keeps_it() -> None:
    (first,) = extracted("On Nov 30 the council voted to raise the harbour bridge tolls by ten percent.",
                         published=None)
    assert [d.value for d in first.slots.dates] == ["XXXX-11-30"]
