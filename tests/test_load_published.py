"""Publication dates (issue 15): one slug for every bad --published (or API ``published=``) with a message
that says what is wrong; the file path is accepted as well as the id; a source without a date whose relative
or partial dates stay unresolved gets one warning."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck import ClaimcheckError, api
from claimcheck.cli import app

runner = CliRunner()
SUMMIT = Path(__file__).resolve().parent / "fixtures" / "summit"


@pytest.mark.parametrize(("value", "message"), [
    ("set=11/04/2024", "--published expects SOURCE=YYYY-MM-DD, got 'set=11/04/2024'"),
    ("set=2024-13-45", "--published set=2024-13-45: 2024-13-45 is no such date (month must be in 1..12)"),
    ("set=2023-02-29", "--published set=2023-02-29: 2023-02-29 is no such date (day is out of range for month)"),
])
def test_a_bad_published_date_is_one_usage_published_line(value, message, fake_config_file) -> None:
    result = runner.invoke(app, ["compare", str(SUMMIT), "--published", value, "-c", str(fake_config_file)])
    assert result.exit_code == 2
    assert result.stderr == f"claimcheck: error: {message} [usage-published]\n"


@pytest.mark.parametrize("value", ["2024-13-45", "11/04/2024", 20240101])
def test_a_bad_date_in_the_api_is_a_claimcheck_error_with_the_cli_slug(value, fake_config) -> None:
    with pytest.raises(ClaimcheckError) as err:
        api.compare(SUMMIT, config=fake_config, published={"set": value})
    assert err.value.slug == "usage-published"
    assert err.value.one_line().startswith("published date of set: ")


def test_a_front_matter_date_that_does_not_exist_says_so(tmp_path, fake_config_file) -> None:
    p = tmp_path / "bad.md"
    p.write_text("---\npublished: '2024-13-45'\n---\nThe council approved the new ferry route on Tuesday.\n",
                 encoding="utf-8")
    result = runner.invoke(app, ["compare", str(p), str(SUMMIT / "set.md"), "-c", str(fake_config_file)])
    assert result.exit_code == 2
    assert result.stderr == (f"claimcheck: error: {p}: published date '2024-13-45' is no such date (month must be "
                             "in 1..12) [input-date]\n")


def test_published_accepts_the_file_path_in_any_spelling(tmp_path, fake_config) -> None:
    spelled = os.path.join(str(SUMMIT), ".", "set.md")
    result = api.compare([str(SUMMIT / "set.md"), str(SUMMIT / "moved.md")], config=fake_config,
                         published={spelled: "2019-01-05", str(SUMMIT / "moved.md"): "2019-01-06"})
    assert {(a.id, a.published, a.published_origin) for a in result.articles} == {
        ("set", "2019-01-05", "cli"), ("moved", "2019-01-06", "cli")}


def test_an_undated_source_with_relative_dates_gets_one_warning(tmp_path, fake_config) -> None:
    undated = tmp_path / "undated.txt"
    undated.write_text("The bridge over the river reopened on April 9 after repairs.\nThe mayor said on Monday "
                       "that the repairs had cost more than planned.\n", encoding="utf-8")
    result = api.compare([str(undated), str(SUMMIT / "set.md")], config=fake_config)
    expected = (f"{undated}: no publication date: relative and partial dates left unresolved; pass --published "
                f"undated=YYYY-MM-DD (or {undated}=YYYY-MM-DD)")
    assert [w for w in result.warnings if "no publication date" in w] == [expected]
    dated = api.compare([str(undated), str(SUMMIT / "set.md")], config=fake_config,
                        published={str(undated): "2024-04-20"})
    assert not any("no publication date" in w for w in dated.warnings)


def test_an_undated_source_without_relative_dates_gets_no_warning(tmp_path, fake_config) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("The bridge over the river reopened after repairs that cost more than planned.\n",
                     encoding="utf-8")
    result = api.compare([str(plain), str(SUMMIT / "set.md")], config=fake_config)
    assert not any("no publication date" in w for w in result.warnings)
