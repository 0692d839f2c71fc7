"""The ``check`` report formats (text, GitHub, JUnit, SARIF) show every conflict of one finding as its own
issue: a new article that gives another date and another toll in one sentence gets two entries, each pointing
at its own words."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from claimcheck import api
from claimcheck.check import check_to_dict
from claimcheck.report import render_check

BUS = "The bus crashed near Grenoble on {day} and {dead} people died, the police said."


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Two published outlets agree; the new one differs on the date and the toll of the same sentence."""
    from claimcheck.config import config_from_dict

    root = tmp_path_factory.mktemp("bus-check")
    for folder, name, day, dead, tail in (("corpus", "a", "3 May 2024", "12", "Rescue teams worked all night."),
                                          ("corpus", "b", "3 May 2024", "12", "The road was closed for a day."),
                                          ("new", "c", "4 May 2024", "15", "Witnesses described a loud bang.")):
        (root / folder).mkdir(exist_ok=True)
        (root / folder / f"{name}.txt").write_text(f"Bus crash\n\n{BUS.format(day=day, dead=dead)}\n\n{tail}\n",
                                                   encoding="utf-8")
    result = api.check([str(root / "new" / "c.txt")], against=[str(root / "corpus")],
                       config=config_from_dict({"embedding": {"backend": "fake"}}))
    return check_to_dict(result)


def words(issue: dict) -> tuple[int, int]:
    return issue["column"], issue["end_column"]


def test_the_two_conflicts_of_one_finding_are_two_issues_at_their_own_words(data):
    issues = data["check"]["issues"]
    assert [i["code"] for i in issues] == ["CC001", "CC002"]
    assert len({i["finding_id"] for i in issues}) == 1 and len({i["fingerprint"] for i in issues}) == 2
    assert [i["excerpt"] for i in issues] == ["4 May 2024", "15 people"]


def test_text_github_and_junit_give_one_line_per_issue(data):
    issues = data["check"]["issues"]
    text = render_check(data, "text").splitlines()
    assert [ln.split(": ", 1)[1] for ln in text[:2]] == [f"{i['code']} {i['message']}" for i in issues]
    assert "'4 May 2024' here vs '3 May 2024'" in text[0] and "'15 people' here vs '12 people'" in text[1]
    github = [ln for ln in render_check(data, "github").splitlines() if ln.startswith("::error ")]
    assert [(f"col={i['column']}" in ln, i["code"] in ln) for i, ln in zip(issues, github)] == [(True, True)] * 2
    assert len(github) == 2
    failure = ET.fromstring(render_check(data, "junit")).find(".//failure")
    assert failure is not None and failure.get("type") == "CC001,CC002"
    assert failure.text.splitlines() == text[:2]


def test_sarif_has_one_result_per_issue_with_its_own_region(data):
    issues = data["check"]["issues"]
    results = json.loads(render_check(data, "sarif"))["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == [i["code"] for i in issues]
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in results]
    assert [(g["startColumn"], g["endColumn"]) for g in regions] == [words(i) for i in issues]
    assert [g["snippet"]["text"] for g in regions] == ["4 May 2024", "15 people"]
