"""The Markdown diverge finding of a likely update (claimcheck/stages/compare/timeline.py) says how the value changed
over publication time, like the HTML card; a conflict whose values are not ordered in time has no such line."""

from __future__ import annotations

import re
from pathlib import Path

from claimcheck import api
from claimcheck.config import config_from_dict
from claimcheck.report import render
from claimcheck.report.markdown import conflict_lines

FIX = Path(__file__).resolve().parent / "fixtures" / "timeline"


def _lines(published: dict[str, str] | None = None) -> list[str]:
    result = api.compare([str(FIX)], config=config_from_dict({"embedding": {"backend": "fake"}}),
                         published=published)
    return re.findall(r"^.*Likely update.*$", render(result, "markdown"), flags=re.M)


def test_report_markdown_likely_update_finding_shows_the_change_line() -> None:
    assert _lines() == ["*Likely update:* 14 people dead until 2024-04-10, 17 people dead from 2024-04-11"]


def test_report_markdown_values_not_ordered_in_time_show_no_change_line() -> None:
    assert _lines({"gazette": "2024-04-09"}) == []


def test_report_markdown_change_line_nests_under_its_conflict_when_there_are_several() -> None:
    side = {"value": "14", "pretty": "14", "sources": ["A"], "role": ""}
    conflicts = [{"label": "The numbers differ", "subject": "", "subject_shown": False, "sides": [side],
                  "change": "14 until 2024-04-10, 17 from 2024-04-11"},
                 {"label": "The dates differ", "subject": "", "subject_shown": False, "sides": [side], "change": ""}]
    lines = conflict_lines({"conflicts": conflicts, "sides": [side], "detail": "", "change": conflicts[0]["change"]})
    at = lines.index("- **The numbers differ**:")
    assert lines[at + 2].startswith("  - *Likely update:* 14 until")
    assert sum("Likely update" in line for line in lines) == 1
