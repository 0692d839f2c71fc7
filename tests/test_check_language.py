"""A check that could not check must not pass (issue 15): a new article in an unsupported language exits 2
with one line naming the file and the detected language, unless --skip-unsupported, which reports it as
skipped in every check format; compare warns and records ``language`` per source."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from claimcheck import api
from claimcheck.cli import app
from claimcheck.errors import InputError
from claimcheck.stages.load import detect_language

runner = CliRunner()
HERE = Path(__file__).resolve().parent
CORPUS = HERE / "fixtures" / "check" / "corpus"
NEW = HERE / "fixtures" / "check" / "new"
GERMAN = ("Der Bürgermeister der Stadt hat am Montag angekündigt, dass die Brücke über den Fluss im Mai wieder "
          "für den Verkehr geöffnet wird.\nDie Reparaturen haben nach Angaben der Stadtverwaltung mehr als zwei "
          "Millionen Euro gekostet und sind damit teurer als geplant.\n")
REASON = "the article is in German, not English"


@pytest.fixture
def german(tmp_path: Path) -> Path:
    p = tmp_path / "brucke.txt"
    p.write_text(GERMAN, encoding="utf-8")
    return p


def _check(*args: str, config: Path):
    return runner.invoke(app, ["check", *args, "--against", str(CORPUS), "-c", str(config), "--no-cache"])


def test_detect_language_names_common_languages_and_scripts() -> None:
    french = ("Le président de la République a déclaré lundi que le gouvernement allait présenter un nouveau "
              "projet de loi sur les retraites et que les syndicats seraient reçus à la fin du mois.")
    russian = ("Мэр города объявил в понедельник, что мост через реку снова откроется для движения в мае, а "
               "ремонт обошелся более чем в два миллиона евро, сообщили в администрации города.")
    english = (CORPUS / "harbour_bridge_council.txt").read_text(encoding="utf-8")
    assert [detect_language(t) for t in (GERMAN, french, russian, english, "Kurz.")] == [
        "de", "fr", "cyrillic", "en", "en"]


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github"])
def test_a_german_new_article_exits_2_naming_file_and_language(german, fake_config_file, fmt) -> None:
    result = _check(str(german), "-f", fmt, config=fake_config_file)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (f"claimcheck: error: {german}: the article is in German (de), not English: claimcheck "
                             "cannot check it (skip it with --skip-unsupported) [input-language]\n")


def test_the_api_refuses_it_too_and_skips_it_when_asked(german, fake_config) -> None:
    with pytest.raises(InputError) as err:
        api.check(german, against=CORPUS, config=fake_config)
    assert (err.value.slug, err.value.path) == ("input-language", str(german))
    result = api.check(german, against=CORPUS, config=fake_config, skip_unsupported=True)
    assert result.skipped == ({"source": "brucke", "path": str(german), "language": "de", "reason": REASON},)
    assert result.new_sources == () and result.issues == () and not result.failed


def test_skipped_in_text(german, fake_config_file) -> None:
    result = _check(str(german), "--skip-unsupported", config=fake_config_file)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{german}: skipped: {REASON}\nNo new article was checked: 1 new article skipped.\n"


def test_skipped_beside_a_checked_article_in_text(german, fake_config_file) -> None:
    result = _check(str(german), str(NEW / "contradict.txt"), "--skip-unsupported", config=fake_config_file)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"{german}: skipped: {REASON}"
    assert lines[-1] == "Found 2 findings in 1 new article, 1 new article skipped."


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_skipped_in_json_and_yaml(german, fake_config_file, tmp_path, fmt) -> None:
    out = tmp_path / f"r.{fmt}"
    result = _check(str(german), "--skip-unsupported", "-f", "json", "-o", str(out), config=fake_config_file)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout) if fmt == "json" else yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["check"]["skipped"] == [{"source": "brucke", "path": str(german), "language": "de",
                                         "reason": REASON}]


def test_skipped_in_sarif_is_a_tool_notification(german, fake_config_file) -> None:
    result = _check(str(german), "--skip-unsupported", "-f", "sarif", config=fake_config_file)
    assert result.exit_code == 0, result.output
    log = json.loads(result.stdout)
    schema = json.loads((HERE / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(log)
    (invocation,) = log["runs"][0]["invocations"]
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "warning" and note["message"]["text"] == f"skipped: {REASON}"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == german.as_uri()
    assert log["runs"][0]["results"] == []


def test_skipped_in_junit_is_a_skipped_test_case(german, fake_config_file) -> None:
    result = _check(str(german), "--skip-unsupported", "-f", "junit", config=fake_config_file)
    assert result.exit_code == 0, result.output
    root = ET.fromstring(result.stdout.split("\n", 1)[1])
    suite = root.find("testsuite")
    assert (root.get("skipped"), suite.get("skipped"), suite.get("failures")) == ("1", "1", "0")
    (case,) = suite.findall("testcase")
    assert case.get("name") == str(german)
    assert case.find("skipped").get("message") == REASON


def test_skipped_in_github_is_a_warning_annotation(german, fake_config_file) -> None:
    result = _check(str(german), "--skip-unsupported", "-f", "github", config=fake_config_file)
    assert result.exit_code == 0, result.output
    path = str(german).replace(":", "%3A").replace(",", "%2C")
    assert result.stdout.splitlines() == [
        f"::warning file={path},title=claimcheck skipped::skipped: {REASON}",
        "::notice title=claimcheck::0 finding(s) in 0 new article(s), 1 new article(s) skipped"]


def test_compare_warns_and_records_language_per_source(german, fake_config_file, tmp_path) -> None:
    out = tmp_path / "r.json"
    result = runner.invoke(app, ["compare", str(german), str(CORPUS), "-c", str(fake_config_file), "--no-cache",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {s["id"]: s["language"] for s in data["sources"]} == {
        "brucke": "de", "harbour_bridge_council": "en", "harbour_bridge_port": "en"}
    (warning,) = [w for w in data["warnings"] if "English" in w]
    assert warning.startswith(f"{german}: does not look like English (detected: German; only ")
    assert f"claimcheck: warning: {warning}" in result.stderr.splitlines()


def test_skipped_in_the_github_step_summary(german, fake_config_file, tmp_path) -> None:
    summary = tmp_path / "summary.md"
    result = runner.invoke(app, ["check", str(german), "--against", str(CORPUS), "-c", str(fake_config_file),
                                 "--no-cache", "--skip-unsupported", "-f", "github"],
                           env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 0, result.output
    assert f"Skipped `{german}`: {REASON}." in summary.read_text(encoding="utf-8").splitlines()
