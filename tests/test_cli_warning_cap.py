"""cli: at most MAX_WARNING_LINES warnings on stderr, then how many more there are (a check against a stored
corpus of thousands of undated articles printed one line per article on every run)."""

from __future__ import annotations

import pytest

from claimcheck import cli


def test_warnings_past_the_cap_are_counted_not_printed(capsys: pytest.CaptureFixture[str]) -> None:
    warnings = tuple(f"a{i:03d}.txt: no publication date" for i in range(cli.MAX_WARNING_LINES + 5))
    cli._print_warnings(warnings)
    lines = capsys.readouterr().err.splitlines()
    assert lines[:2] == ["claimcheck: warning: a000.txt: no publication date",
                         "claimcheck: warning: a001.txt: no publication date"]
    assert len(lines) == cli.MAX_WARNING_LINES + 1
    assert lines[-1] == "claimcheck: warning: 5 more warnings not shown"


def test_a_few_warnings_are_all_printed(capsys: pytest.CaptureFixture[str]) -> None:
    cli._print_warnings(["one", "two"])
    assert capsys.readouterr().err.splitlines() == ["claimcheck: warning: one", "claimcheck: warning: two"]
