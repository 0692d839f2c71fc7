"""Nothing is lost: early failure before any work, atomic reports, the last-resort handler, warnings for
inputs that are read anyway, legacy encodings decoded correctly, and byte-identical reports."""

from __future__ import annotations

import errno
import itertools
import json
import time
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.errors import ClaimcheckError, InputError, ModelError
from claimcheck.report import EXTENSIONS

runner = CliRunner()

SUMMIT = Path(__file__).resolve().parent / "fixtures" / "summit"  # two short articles that differ in a date
A = (SUMMIT / "set.md").read_text(encoding="utf-8")
B = (SUMMIT / "moved.md").read_text(encoding="utf-8")
C = """Leaders meet again

The second summit between the two leaders will take place in Hanoi in late February 2019.
About 28,500 troops remain stationed in the south, officials said on Monday.
Critics said the talks would not change the situation on the peninsula at all.
"""
FRENCH = (
    "Le président de la République a déclaré lundi que le gouvernement allait présenter un nouveau projet de loi "
    "sur les retraites.\nSelon les syndicats, plus de deux millions de personnes ont manifesté dans toute la France "
    "contre cette réforme, qui prévoit de repousser l'âge légal de départ à 64 ans.\n"
)
CP1252 = ("The minister said “no” — and left the café at once.\n"
          "The new façade of the museum cost €5 million, officials said on Tuesday.\n")


@pytest.fixture
def corpus(tmp_path: Path) -> dict[str, Path]:
    d = tmp_path / "in"
    d.mkdir()
    paths = {}
    for name, text in (("a.md", A), ("b.md", B), ("c.txt", C)):
        (d / name).write_text(text, encoding="utf-8")
        paths[name[0]] = d / name
    return paths


def _undated(path: Path, source: str) -> str:
    """The warning for an article with relative dates and no publication date."""
    return (f"{path}: no publication date: relative and partial dates left unresolved; pass --published "
            f"{source}=YYYY-MM-DD (or {path}=YYYY-MM-DD)")


def _compare(*args: str, config: Path):
    return runner.invoke(app, ["compare", *args, "--config", str(config)])


def _forbid_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any loading, extraction or model construction an immediate, recognisable failure."""

    def forbidden(*args, **kwargs):
        raise AssertionError("work started before the failure was detected")

    monkeypatch.setattr("claimcheck.api.load_articles", forbidden)
    monkeypatch.setattr("claimcheck.api.run_pipeline", forbidden)
    monkeypatch.setattr("claimcheck.stages.embed.encoders.get_embedder", forbidden)


# --- failing before any work ---------------------------------------------------------------------

@pytest.mark.parametrize("name, message", [
    ("missing/report.yaml", "output directory does not exist"),
    ("report.pdf", f"unknown report format (use one of {', '.join(sorted(EXTENSIONS))})"),
])
def test_unwritable_output_fails_before_loading_or_model(corpus, tmp_path, fake_config_file, monkeypatch,
                                                        name, message) -> None:
    _forbid_work(monkeypatch)
    target = tmp_path / "out" / name
    (tmp_path / "out").mkdir()
    good = tmp_path / "out" / "good.yaml"
    started = time.perf_counter()
    result = _compare(str(corpus["a"]), str(corpus["b"]), "-o", str(good), "-o", str(target), config=fake_config_file)
    assert time.perf_counter() - started < 2.0
    assert result.exit_code == 2
    slug = "output-format" if name.endswith(".pdf") else "output-unwritable"
    assert result.stderr == f"claimcheck: error: {target}: {message} [{slug}]\n"
    assert list((tmp_path / "out").iterdir()) == []


def test_bad_model_path_fails_before_loading_inputs(corpus, tmp_path, monkeypatch) -> None:
    _forbid_work(monkeypatch)
    cfg = tmp_path / "c.yaml"
    cfg.write_text(f"embedding:\n  model_path: {tmp_path / 'nowhere'}\n", encoding="utf-8")
    result = _compare(str(corpus["a"]), str(corpus["b"]), config=cfg)
    assert result.exit_code == 2
    assert result.stderr == f"claimcheck: error: {tmp_path / 'nowhere'}: embedding.model_path does not exist [model-path]\n"


def test_loader_refuses_a_missing_model_directory_without_importing_torch(tmp_path) -> None:
    from claimcheck.stages.embed.encoders import SentenceTransformerEmbedder

    started = time.perf_counter()
    with pytest.raises(ModelError) as info:
        SentenceTransformerEmbedder(str(tmp_path / "nowhere"))
    assert time.perf_counter() - started < 1.0
    assert info.value.slug == "model-path"
    assert info.value.path == str(tmp_path / "nowhere")


@pytest.mark.slow
def test_real_loader_on_a_bogus_directory_raises_model_error_naming_it(tmp_path) -> None:
    from claimcheck.stages.embed.encoders import SentenceTransformerEmbedder

    bogus = tmp_path / "model"
    bogus.mkdir()
    (bogus / "config.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ModelError) as info:
        SentenceTransformerEmbedder(str(bogus))
    assert info.value.slug == "model-load"
    assert info.value.path == str(bogus)
    assert str(info.value).startswith(f"{bogus}: cannot load a sentence-transformers model: ")


def test_too_large_file_is_refused_without_reading_it(tmp_path, monkeypatch) -> None:
    from claimcheck.stages.load import load_article

    big = tmp_path / "big.txt"
    big.write_text("A sentence of news text that goes on.\n" * 100, encoding="utf-8")

    def no_read(self):
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", no_read)
    with pytest.raises(InputError) as info:
        load_article(big, max_bytes=1000)
    assert info.value.slug == "input-too-large"


# --- atomic writes --------------------------------------------------------------------------------

def test_render_failure_leaves_no_new_report_and_keeps_the_old_one(corpus, tmp_path, fake_config_file,
                                                                 monkeypatch) -> None:
    from claimcheck import report

    out = tmp_path / "out"
    out.mkdir()
    old = out / "report.yaml"
    old.write_text("old report\n", encoding="utf-8")

    def broken(data):
        raise RuntimeError("renderer exploded")

    monkeypatch.setitem(report.RENDERERS, "json", broken)
    result = _compare(str(corpus["a"]), str(corpus["b"]), "-o", str(old), "-o", str(out / "report.json"),
                      config=fake_config_file)
    assert result.exit_code == 2
    assert result.stderr == ("claimcheck: error: internal error: RuntimeError: renderer exploded (rerun with --debug "
                             "for the traceback, and please report it) [internal]\n")
    assert sorted(p.name for p in out.iterdir()) == ["report.yaml"]
    assert old.read_text(encoding="utf-8") == "old report\n"


def test_write_failure_removes_the_temp_file_and_keeps_the_old_report(corpus, tmp_path, fake_config_file,
                                                                    monkeypatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    old = out / "report.json"
    old.write_text('{"old": true}\n', encoding="utf-8")

    def disk_full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("claimcheck.report.os.replace", disk_full)
    result = _compare(str(corpus["a"]), str(corpus["b"]), "-o", str(old), config=fake_config_file)
    assert result.exit_code == 2
    assert result.stderr == f"claimcheck: error: {old}: cannot write report: No space left on device [output-unwritable]\n"
    assert [p.name for p in out.iterdir()] == ["report.json"]
    assert old.read_text(encoding="utf-8") == '{"old": true}\n'


def test_interrupt_while_writing_removes_the_temp_file_and_exits_130(corpus, tmp_path, fake_config_file,
                                                                   monkeypatch) -> None:
    out = tmp_path / "out"
    out.mkdir()

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr("claimcheck.report.os.replace", interrupted)
    result = _compare(str(corpus["a"]), str(corpus["b"]), "-o", str(out / "r.yaml"), config=fake_config_file)
    assert result.exit_code == 130
    assert result.stderr == "claimcheck: interrupted\n"
    assert list(out.iterdir()) == []


def test_write_report_replaces_the_target_in_one_step(tmp_path) -> None:
    from claimcheck.report import write_report

    target = tmp_path / "r.yaml"
    target.write_text("old\n", encoding="utf-8")
    write_report(str(target), "new: 1\n")
    assert target.read_text(encoding="utf-8") == "new: 1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.yaml"]


# --- the last-resort handler ----------------------------------------------------------------------

def test_unexpected_exception_in_a_stage_is_one_internal_line(corpus, fake_config_file, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise ValueError("cluster\nfailed")

    monkeypatch.setattr("claimcheck.pipeline.cluster_claims", broken)
    result = _compare(str(corpus["a"]), str(corpus["b"]), config=fake_config_file)
    assert result.exit_code == 2
    assert result.stderr == ("claimcheck: error: internal error: ValueError: cluster failed (rerun with --debug for "
                             "the traceback, and please report it) [internal]\n")
    assert result.stdout == ""


def test_debug_reraises_unexpected_and_user_errors(corpus, tmp_path, fake_config_file, monkeypatch) -> None:
    result = runner.invoke(app, ["compare", str(corpus["a"]), str(tmp_path / "nope.txt"), "--config",
                                 str(fake_config_file), "--debug"])
    assert isinstance(result.exception, InputError)
    assert result.exception.slug == "input-missing"

    def broken(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr("claimcheck.pipeline.cluster_claims", broken)
    result = runner.invoke(app, ["compare", str(corpus["a"]), str(corpus["b"]), "--config", str(fake_config_file),
                                 "--debug"])
    assert isinstance(result.exception, ValueError)


def test_keyboard_interrupt_in_a_stage_exits_130_with_one_line(corpus, fake_config_file, monkeypatch) -> None:
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("claimcheck.pipeline.cluster_claims", interrupted)
    result = _compare(str(corpus["a"]), str(corpus["b"]), config=fake_config_file)
    assert result.exit_code == 130
    assert result.stderr == "claimcheck: interrupted\n"


def test_cli_errors_adds_debug_to_a_command_that_lacks_it() -> None:
    import typer

    from claimcheck.cli import cli_errors

    local = typer.Typer()

    @local.command()
    @cli_errors
    def explode(name: str = "x") -> None:
        raise OSError("disk on fire")

    @local.command()
    def other() -> None:
        """A second command so typer keeps subcommand names."""

    result = runner.invoke(local, ["explode"])
    assert result.exit_code == 2
    assert result.stderr == ("claimcheck: error: internal error: OSError: disk on fire (rerun with --debug for the "
                             "traceback, and please report it) [internal]\n")
    result = runner.invoke(local, ["explode", "--debug"])
    assert isinstance(result.exception, OSError)


# --- inputs that are read, with a warning -------------------------------------------------------

def test_directory_with_mixed_files_skips_unsupported_ones_with_warnings(corpus, fake_config_file) -> None:
    d = corpus["a"].parent
    (d / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (d / "data.csv").write_text("a,b\n", encoding="utf-8")
    (d / ".hidden.txt").write_text("secret", encoding="utf-8")
    (d / ".git").mkdir()
    (d / ".git" / "notes.md").write_text("not an article", encoding="utf-8")
    result = _compare(str(d), "-q", config=fake_config_file)
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(result.stdout)
    assert [s["id"] for s in data["sources"]] == ["a", "b", "c"]
    assert data["warnings"] == [f"{d / 'data.csv'}: skipped, unsupported file type (use .txt, .md or .html)",
                                f"{d / 'photo.png'}: skipped, unsupported file type (use .txt, .md or .html)",
                                _undated(d / "c.txt", "c")]  # "on Monday" with no publication date
    loud = _compare(str(d), config=fake_config_file)
    assert loud.stderr.splitlines()[:3] == [f"claimcheck: warning: {w}" for w in data["warnings"]]


def test_file_given_twice_is_read_once_with_a_warning(corpus, fake_config_file) -> None:
    a = str(corpus["a"])
    same = str(corpus["a"].parent / "." / "a.md")
    result = _compare(a, str(corpus["b"]), same, a, config=fake_config_file)
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(result.stdout)
    assert [s["path"] for s in data["sources"]] == [a, str(corpus["b"])]
    assert data["warnings"] == [f"{a}: given more than once, read once"]
    assert f"claimcheck: warning: {a}: given more than once, read once" in result.stderr.splitlines()


def test_non_english_article_is_read_with_a_warning(corpus, fake_config_file) -> None:
    fr = corpus["a"].parent / "fr.txt"
    fr.write_text(FRENCH, encoding="utf-8")
    result = _compare(str(corpus["a"]), str(fr), config=fake_config_file)
    assert result.exit_code == 0, result.output
    from claimcheck.stages.load import english_ratio

    ratio, n_words = english_ratio(FRENCH)
    assert ratio < 0.15 and n_words >= 20
    data = yaml.safe_load(result.stdout)
    assert data["warnings"] == [f"{fr}: does not look like English (detected: French; only {ratio:.0%} of its words "
                                "are common English words); the default model and rules are English, so results may "
                                "be poor"]


def test_english_seed_articles_raise_no_language_warning(seeds_dir) -> None:
    from claimcheck.stages.load import language_warning, load_article

    for path in sorted(seeds_dir.glob("*.txt")):
        assert language_warning(load_article(path)) is None


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16", "utf-8-sig"])
def test_legacy_and_bom_encodings_decode_to_the_exact_text(tmp_path, encoding) -> None:
    from claimcheck.stages.load import decode_bytes

    text = CP1252 if encoding != "latin-1" else CP1252.replace("“", '"').replace("”", '"').replace("—", "-") \
        .replace("€", "EUR ")
    warnings: list[str] = []
    assert decode_bytes(text.encode(encoding), path="x.txt", warnings=warnings) == text
    legacy = encoding in ("cp1252", "latin-1")
    assert warnings == (["x.txt: not UTF-8, decoded as cp1252"] if legacy else [])


def test_cp1252_article_spans_slice_the_decoded_text(corpus, tmp_path, fake_config_file) -> None:
    win = corpus["a"].parent / "win.txt"
    win.write_bytes(CP1252.encode("cp1252"))
    out = tmp_path / "r.json"
    result = _compare(str(corpus["a"]), str(win), "-o", str(out), config=fake_config_file)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    texts = [c["text"] for f in data["findings"] for c in f["claims"] if c["source"] == "win"]
    assert "The minister said “no” — and left the café at once." in texts
    for f in data["findings"]:
        for c in f["claims"]:
            if c["source"] == "win":
                assert CP1252[c["start"]:c["end"]] == c["text"]
    assert data["warnings"] == [f"{win}: not UTF-8, decoded as cp1252", _undated(win, "win")]


# --- determinism ------------------------------------------------------------------------------------

def test_reports_are_byte_identical_across_runs_and_input_orders(corpus, tmp_path, fake_config_file) -> None:
    names = [str(corpus[k]) for k in "abc"]
    outputs: dict[str, set[bytes]] = {"yaml": set(), "json": set()}
    orders = list(itertools.permutations(names))[:4] + [tuple(names + names[:1])]
    for i, order in enumerate(orders + orders[:1]):
        y, j = tmp_path / f"r{i}.yaml", tmp_path / f"r{i}.json"
        result = runner.invoke(app, ["compare", *order, "-o", str(y), "-o", str(j), "--config",
                                     str(fake_config_file), "-q"])
        assert result.exit_code == 0, result.output
        outputs["yaml"].add(y.read_bytes())
        outputs["json"].add(j.read_bytes())
    # The duplicated-input run adds one warning; every other run is identical to the first.
    assert len(outputs["yaml"]) == 2 and len(outputs["json"]) == 2
    plain = {b for b in outputs["json"] if b"given more than once" not in b}
    assert len(plain) == 1
    data = json.loads(plain.pop())
    assert [s["id"] for s in data["sources"]] == ["a", "b", "c"]
    assert data["summary"]["agree"] + data["summary"]["diverge"] >= 1


def test_error_classes_are_claimcheck_errors_with_slugs() -> None:
    from claimcheck import errors

    classes = [errors.InputError, errors.ConfigError, errors.ModelError, errors.OutputError, errors.UsageError]
    assert all(issubclass(c, ClaimcheckError) for c in classes)
    assert [c.slug for c in classes] == ["input", "config", "model", "output", "usage"]
    assert str(errors.InputError("bad\n  thing", path="p.txt", slug="input-x")) == "p.txt: bad thing [input-x]"


@pytest.mark.slow  # two fresh interpreters
def test_reports_are_byte_identical_across_processes_with_different_hash_seeds(corpus, seeds_dir, tmp_path,
                                                                               fake_config_file) -> None:
    import os
    import subprocess
    import sys

    inputs = [str(corpus[k]) for k in "abc"] + sorted(str(p) for p in seeds_dir.glob("*.txt"))
    reports = []
    for seed, order in (("1", inputs), ("2", inputs[::-1])):
        out = tmp_path / f"r{seed}.json"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run([sys.executable, "-c", "from claimcheck.cli import main; main()", "compare", *order,
                               "--config", str(fake_config_file), "-o", str(out), "-q"],
                              capture_output=True, text=True, env=env, timeout=300)
        assert done.returncode == 0, done.stderr
        reports.append(out.read_bytes())
    assert reports[0] == reports[1]
    assert len(json.loads(reports[0])["sources"]) == len(inputs)


def test_every_command_is_wrapped_by_cli_errors_and_takes_debug() -> None:
    names = []
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        names.append(name)
        assert hasattr(command.callback, "__wrapped__"), f"{name} is not wrapped by cli_errors"
        result = runner.invoke(app, [name, "--help"], env={"COLUMNS": "200"})
        assert result.exit_code == 0
        assert "--debug" in result.stdout, name
    assert "compare" in names
