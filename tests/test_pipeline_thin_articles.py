"""Issue 14 item 5: one thin article does not stop a run. An article that yields no claim is a warning on
stderr and a source with ``n_claims: 0``; exit 2 only when fewer than two sources are left, or with --strict."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck import api
from claimcheck.cli import app
from claimcheck.errors import InputError

runner = CliRunner()
SUMMIT = Path(__file__).resolve().parent / "fixtures" / "summit"
CHECK = Path(__file__).resolve().parent / "fixtures" / "check"
STUB = "Short note.\n\nSee you.\n"


def _thin_warning(path: Path) -> str:
    return (f"{path}: no claims found (no sentence of at least 4 words is left after boilerplate removal); "
            "listed with n_claims: 0")


def _no_claims_error(path: Path) -> str:
    return (f"claimcheck: error: {path}: no claims found: no sentence of at least 4 words is left after "
            "boilerplate removal [input-no-claims]\n")


@pytest.fixture
def three(tmp_path: Path) -> list[Path]:
    stub = tmp_path / "stub.txt"
    stub.write_text(STUB, encoding="utf-8")
    return [SUMMIT / "moved.md", SUMMIT / "set.md", stub]


def test_compare_warns_about_a_thin_article_and_lists_it_with_no_claims(three, tmp_path, fake_config_file) -> None:
    out = tmp_path / "r.json"
    result = runner.invoke(app, ["compare", *map(str, three), "-c", str(fake_config_file), "--no-cache", "-o",
                                 str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == f"claimcheck: warning: {_thin_warning(three[2])}"
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {s["id"]: s["n_claims"] for s in data["sources"]}["stub"] == 0
    assert all(s["n_claims"] > 0 for s in data["sources"] if s["id"] != "stub")
    assert data["warnings"] == [_thin_warning(three[2])]


def test_compare_strict_exits_2_on_a_thin_article(three, fake_config_file) -> None:
    result = runner.invoke(app, ["compare", *map(str, three), "-c", str(fake_config_file), "--no-cache", "--strict"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == _no_claims_error(three[2])


def test_compare_exits_2_when_fewer_than_two_sources_with_claims_are_left(three, fake_config_file) -> None:
    result = runner.invoke(app, ["compare", str(three[0]), str(three[2]), "-c", str(fake_config_file), "--no-cache"])
    assert result.exit_code == 2
    assert result.stderr == _no_claims_error(three[2])


def test_the_api_keeps_the_thin_article_and_its_warning(three, fake_config) -> None:
    result = api.compare(three, config=fake_config)
    assert [a.id for a in result.articles] == ["moved", "set", "stub"]
    assert "stub" not in {c.source for c in result.claims}
    assert list(result.warnings) == [_thin_warning(three[2])]
    with pytest.raises(InputError) as err:
        api.compare(three, config=fake_config, strict=True)
    assert err.value.slug == "input-no-claims" and err.value.path == str(three[2])


def test_check_warns_about_a_thin_corpus_article_and_still_checks(tmp_path, fake_config_file) -> None:
    stub = tmp_path / "stub.txt"
    stub.write_text(STUB, encoding="utf-8")
    args = ["check", str(CHECK / "new" / "agree.txt"), "--against", str(CHECK / "corpus"), str(stub), "-c",
            str(fake_config_file), "--no-cache"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert f"claimcheck: warning: {_thin_warning(stub)}" in result.stderr.splitlines()
    strict = runner.invoke(app, [*args, "--strict"])
    assert (strict.exit_code, strict.stderr) == (2, _no_claims_error(stub))


def test_check_exits_2_when_the_new_article_has_no_claim(tmp_path, fake_config_file) -> None:
    stub = tmp_path / "stub.txt"
    stub.write_text(STUB, encoding="utf-8")
    result = runner.invoke(app, ["check", str(stub), "--against", str(CHECK / "corpus"), "-c",
                                 str(fake_config_file), "--no-cache"])
    assert result.exit_code == 2
    assert result.stderr == _no_claims_error(stub)
