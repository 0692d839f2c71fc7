"""SARIF 2.1.0 output of ``claimcheck check``: valid against the official schema (shipped in
tests/schemas), regions at the conflicting words, one rule per reason kind, content fingerprints."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from claimcheck.cli import app

HERE = Path(__file__).resolve().parent
SCHEMA = json.loads((HERE / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
FIXTURES = HERE / "fixtures" / "check"
CORPUS = FIXTURES / "corpus"
CONTRADICT = FIXTURES / "new" / "contradict.txt"


def validator() -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def sarif(new: Path, cfg: Path, *extra: str) -> dict:
    result = CliRunner().invoke(app, ["check", str(new), "--against", str(CORPUS), "-c", str(cfg), "-f", "sarif",
                                      *extra])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_the_shipped_schema_is_the_official_sarif_2_1_0_schema() -> None:
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    assert SCHEMA["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert SCHEMA["properties"]["version"]["enum"] == ["2.1.0"]


@pytest.mark.parametrize("fail_on", ["diverge", "unique", "none"])
def test_sarif_output_validates_against_the_official_schema(fake_config_file: Path, fail_on: str) -> None:
    doc = sarif(CONTRADICT, fake_config_file, "--fail-on", fail_on)
    errors = sorted(validator().iter_errors(doc), key=str)
    assert errors == []
    assert doc["version"] == "2.1.0"
    assert doc["runs"][0]["results"]


def test_the_validator_rejects_a_broken_log(fake_config_file: Path) -> None:
    doc = sarif(CONTRADICT, fake_config_file)
    doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] = 0
    assert any("minimum" in e.message or "less than" in e.message for e in validator().iter_errors(doc))


def test_regions_cover_the_conflicting_words_with_1_based_columns(fake_config_file: Path) -> None:
    doc = sarif(CONTRADICT, fake_config_file)
    lines = CONTRADICT.read_text(encoding="utf-8").splitlines()
    by_rule = {r["ruleId"]: r for r in doc["runs"][0]["results"]}
    for rule, words in (("CC001", "March 5, 2021"), ("CC002", "60 million dollars")):
        region = by_rule[rule]["locations"][0]["physicalLocation"]["region"]
        line = lines[region["startLine"] - 1]
        assert line[region["startColumn"] - 1:region["endColumn"] - 1] == words
        assert region["snippet"]["text"] == words
    assert doc["runs"][0]["columnKind"] == "unicodeCodePoints"


def test_one_rule_per_reason_kind_with_help_text(fake_config_file: Path) -> None:
    doc = sarif(CONTRADICT, fake_config_file)
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert ids == ["CC001", "CC002", "CC003", "CC004", "CC005", "CC006", "CC100"]
    assert all(r["help"]["text"] and r["shortDescription"]["text"] for r in rules)
    for result in doc["runs"][0]["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_related_locations_point_at_the_published_claims(fake_config_file: Path) -> None:
    doc = sarif(CONTRADICT, fake_config_file)
    date = next(r for r in doc["runs"][0]["results"] if r["ruleId"] == "CC001")
    uris = [loc["physicalLocation"]["artifactLocation"]["uri"] for loc in date["relatedLocations"]]
    assert uris == [(CORPUS / "harbour_bridge_council.txt").as_uri(), (CORPUS / "harbour_bridge_port.txt").as_uri()]


def test_fingerprints_survive_lines_inserted_above(fake_config_file: Path, tmp_path: Path) -> None:
    moved = tmp_path / "contradict.txt"
    shutil.copy(CONTRADICT, moved)
    before = sarif(moved, fake_config_file)["runs"][0]["results"]
    text = moved.read_text(encoding="utf-8")
    title, rest = text.split("\n", 1)
    moved.write_text(f"{title}\n\nUpdated at 9 am.\nThe story was corrected after publication.\n{rest}",
                     encoding="utf-8")
    after = sarif(moved, fake_config_file)["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in after] == [r["partialFingerprints"] for r in before]
    lines_before = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in before]
    lines_after = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after]
    assert lines_after == [n + 3 for n in lines_before]


def test_relative_paths_become_relative_uris_and_odd_names_are_percent_encoded() -> None:
    from claimcheck.report.sarif import artifact_uri

    assert artifact_uri("news/a b.txt") == "news/a%20b.txt"
    assert artifact_uri("./news/x.md") == "news/x.md"
    assert artifact_uri("/srv/news/x.md") == "file:///srv/news/x.md"
