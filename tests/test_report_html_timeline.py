"""The HTML diverge card of a likely update (claimcheck/stages/compare/timeline.py) says how the value changed over
publication time; a conflict whose values are not ordered in time has no such line."""

from __future__ import annotations

import re
from pathlib import Path

from claimcheck import api
from claimcheck.config import config_from_dict
from claimcheck.report import render

FIX = Path(__file__).resolve().parent / "fixtures" / "timeline"


def _lines(published: dict[str, str] | None = None) -> list[str]:
    result = api.compare([str(FIX)], config=config_from_dict({"embedding": {"backend": "fake"}}),
                         published=published)
    return re.findall(r'<p class="update">(.*?)</p>', render(result, "html"))


def test_report_html_likely_update_card_shows_the_change_line() -> None:
    assert _lines() == ["Likely update: 14 people dead until 2024-04-10, 17 people dead from 2024-04-11"]


def test_report_html_values_not_ordered_in_time_show_no_change_line() -> None:
    assert _lines({"gazette": "2024-04-09"}) == []  # a 17 on the first day: not a single change
