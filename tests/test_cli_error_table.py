"""Hostile inputs, configs and outputs: every case exits with the exact code and one exact line, and
leaves no report (nor a temp file) behind. All runs use the fake embedder, so no model is loaded."""

from __future__ import annotations

import os
import re
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.report import EXTENSIONS

runner = CliRunner()
KNOWN_EXTENSIONS = ", ".join(sorted(EXTENSIONS))

SUMMIT = Path(__file__).resolve().parent / "fixtures" / "summit"  # two short articles that differ in a date
ARTICLE_A = (SUMMIT / "set.md").read_text(encoding="utf-8")
ARTICLE_B = (SUMMIT / "moved.md").read_text(encoding="utf-8")
FRENCH = (
    "Le président de la République a déclaré lundi que le gouvernement allait présenter un nouveau projet de loi "
    "sur les retraites.\nSelon les syndicats, plus de deux millions de personnes ont manifesté dans toute la France "
    "contre cette réforme, qui prévoit de repousser l'âge légal de départ à 64 ans.\n"
)


def png_bytes() -> bytes:
    """A real, tiny 1x1 PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
            + chunk(b"IEND", b""))


@dataclass
class Env:
    """A scratch directory: two good articles, a fake-embedder config, and an empty output directory."""

    root: Path
    config: Path
    a: Path
    b: Path
    out: Path

    def file(self, name: str, data: bytes | str) -> Path:
        p = self.root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            p.write_text(data, encoding="utf-8")
        else:
            p.write_bytes(data)
        return p

    def cfg(self, text: str, name: str = "bad.yaml") -> Path:
        """A config file: the fake embedder plus ``text`` (which may override or break it)."""
        return self.file(name, text)


@pytest.fixture
def env(tmp_path: Path, fake_config_file: Path) -> Env:
    root = tmp_path / "work"
    root.mkdir()
    a = root / "a.md"
    b = root / "b.md"
    a.write_text(ARTICLE_A, encoding="utf-8")
    b.write_text(ARTICLE_B, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    return Env(root=root, config=fake_config_file, a=a, b=b, out=out)


# Each case builds its inputs and returns (arguments after `compare`, the exact expected stderr line).
# Arguments get `--config <fake>` (unless they give one) and `-o out/report.yaml -o out/report.json`.
Build = Callable[[Env], tuple[list[str], str]]


def _empty(e: Env):
    p = e.file("empty.txt", b"")
    return [str(p), str(e.a)], f"{p}: file is empty [input-empty]"


def _whitespace(e: Env):
    p = e.file("blank.txt", b" \n\t\r\n  \n")
    return [str(p), str(e.a)], f"{p}: file holds only whitespace [input-empty]"


def _png(e: Env):
    p = e.file("photo.txt", png_bytes())
    return [str(e.a), str(p)], f"{p}: file is a PNG image, not text [input-binary]"


def _pdf(e: Env):
    p = e.file("paper.md", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    return [str(e.a), str(p)], f"{p}: file is a PDF document, not text [input-binary]"


def _nul_bytes(e: Env):
    p = e.file("data.txt", b"some text\x00\x01\x02 more text\x00")
    return [str(e.a), str(p)], f"{p}: file looks binary (NUL bytes), not text [input-binary]"


def _control_chars(e: Env):
    p = e.file("noise.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17, 18, 19, 20, 21]) * 20 + b"text")
    return [str(e.a), str(p)], f"{p}: file looks binary (control characters), not text [input-binary]"


def _undecodable(e: Env):
    p = e.file("latin.txt", bytes(range(128, 256)) * 10)
    return [str(e.a), str(p)], (f"{p}: cannot decode file: it is not UTF-8 and no known text encoding fits; "
                                "convert it to UTF-8 [input-encoding]")


def _bad_utf16(e: Env):
    p = e.file("wide.txt", b"\xff\xfeA\x00B")
    return [str(e.a), str(p)], f"{p}: file starts with a utf-16-le byte-order mark but is not valid utf-16-le [input-encoding]"


def _no_sentences(e: Env):
    p = e.file("stub.md", "Headline only\n\nYes.\nOK then.\nSee you.\n")
    return [str(e.a), str(p)], (f"{p}: no claims found: no sentence of at least 4 words is left after "
                                "boilerplate removal [input-no-claims]")


def _too_large(e: Env):
    p = e.root / "huge.txt"
    with open(p, "wb") as fh:  # a sparse 100 MB file: refused by its size, never read
        fh.truncate(100 * 1024 * 1024)
    return [str(e.a), str(p)], f"{p}: file is 104857600 bytes, over the limit of 20000000 (max_file_bytes) [input-too-large]"


def _over_config_limit(e: Env):
    c = e.cfg("embedding:\n  backend: fake\nmax_file_bytes: 100\n")
    return [str(e.a), str(e.b), "--config", str(c)], (
        f"{e.a}: file is {e.a.stat().st_size} bytes, over the limit of 100 (max_file_bytes) [input-too-large]")


def _long_line(e: Env):
    p = e.file("oneline.txt", "word " * 30_000)
    return [str(e.a), str(p)], (f"{p}: a line of 150000 characters is longer than the limit of 100000; "
                                "is this really an article? [input-line-too-long]")


def _missing(e: Env):
    p = e.root / "nope.txt"
    return [str(e.a), str(p)], f"{p}: no such file or directory [input-missing]"


def _broken_symlink(e: Env):
    p = e.root / "link.txt"
    p.symlink_to(e.root / "gone.txt")
    return [str(e.a), str(p)], f"{p}: broken symbolic link [input-missing]"


def _glob_no_match(e: Env):
    pattern = str(e.root / "*.nothing")
    return [str(e.a), pattern], f"{pattern}: no file matches this pattern [input-missing]"


def _fifo(e: Env):
    p = e.root / "pipe.txt"
    os.mkfifo(p)
    return [str(e.a), str(p)], f"{p}: is not a regular file (a pipe, socket or device) [input-unreadable]"


def _dir_only_unsupported(e: Env):
    d = e.root / "pics"
    e.file("pics/x.png", png_bytes())
    e.file("pics/notes.csv", "a,b\n1,2\n")
    e.file("pics/.hidden.txt", ARTICLE_A)
    return [str(e.a), str(d)], f"{d}: directory holds no .txt, .md or .html file [input-empty-dir]"


def _bad_front_matter(e: Env):
    p = e.file("fm.md", "---\ntitle: [unclosed\n---\nThe body of the article has a sentence in it.\n")
    return [str(e.a), str(p)], f"{p}: front matter is not valid YAML [input-front-matter]"


def _one_source(e: Env):
    return [str(e.a)], f"{e.a}: compare needs at least two articles, got 1 [usage-sources]"


def _same_file_twice(e: Env):
    return [str(e.a), str(e.a)], "compare needs at least two articles, got 1 [usage-sources]"


def _same_file_two_spellings(e: Env):
    other = str(e.root / "." / "a.md")
    return [str(e.a), other], "compare needs at least two articles, got 1 [usage-sources]"


def _same_text_two_files(e: Env):
    copy = e.file("copy.md", ARTICLE_A)
    return [str(e.a), str(copy)], "compare needs at least two articles, got 1 [usage-sources]"


def _bad_published(e: Env):
    return [str(e.a), str(e.b), "--published", "a=yesterday"], (
        "--published expects SOURCE=YYYY-MM-DD, got 'a=yesterday' [usage-published]")


def _published_unknown_source(e: Env):
    return [str(e.a), str(e.b), "--published", "zzz=2020-01-01"], (
        "--published names no loaded source: zzz [usage-published]")


def _output_is_input(e: Env):
    page = e.file("page.html", "<html><body><p>x</p></body></html>")
    return [str(e.a), str(page), "-o", str(page)], f"{page}: the report would overwrite this input file [usage-output-is-input]"


# --- config ---------------------------------------------------------------------------------------

def _cfg_case(text: str, message: str) -> Build:
    def build(e: Env):
        c = e.cfg(text)
        return [str(e.a), str(e.b), "--config", str(c)], f"{c}: {message}"

    return build


def _cfg_missing(e: Env):
    c = e.root / "none.yaml"
    return [str(e.a), str(e.b), "--config", str(c)], f"{c}: config file not found [config-missing]"


def _model_path_missing(e: Env):
    m = e.root / "no-model"
    c = e.cfg(f"embedding:\n  model_path: {m}\n")
    return [str(e.a), str(e.b), "--config", str(c)], f"{m}: embedding.model_path does not exist [model-path]"


def _model_path_not_a_model(e: Env):
    m = e.root / "empty-model"
    m.mkdir()
    (m / "README").write_text("not a model\n", encoding="utf-8")
    c = e.cfg(f"embedding:\n  model_path: {m}\n")
    return [str(e.a), str(e.b), "--config", str(c)], (
        f"{m}: embedding.model_path is not a sentence-transformers model directory (no modules.json or "
        "config.json) [model-path]")


def _nli_missing(e: Env):
    m = e.root / "no-nli"
    c = e.cfg(f"embedding:\n  backend: fake\ncompare:\n  nli_model: {m}\n")
    return [str(e.a), str(e.b), "--config", str(c)], f"{m}: compare.nli_model does not exist [model-path]"


# --- outputs --------------------------------------------------------------------------------------

def _out_unknown_format(e: Env):
    o = e.out / "report.docx"
    return [str(e.a), str(e.b), "-o", str(o)], (
        f"{o}: unknown report format (use one of {KNOWN_EXTENSIONS}) [output-format]")


def _out_missing_dir(e: Env):
    o = e.out / "no" / "such" / "report.yaml"
    return [str(e.a), str(e.b), "-o", str(o)], f"{o}: output directory does not exist [output-unwritable]"


def _out_parent_is_file(e: Env):
    o = e.a / "report.yaml"
    return [str(e.a), str(e.b), "-o", str(o)], f"{o}: output directory {e.a} is a file [output-unwritable]"


def _out_is_dir(e: Env):
    o = e.out / "sub.yaml"
    o.mkdir()
    return [str(e.a), str(e.b), "-o", str(o)], f"{o}: output path is a directory [output-unwritable]"


CASES: list[tuple[str, Build]] = [
    ("empty-file", _empty),
    ("whitespace-only", _whitespace),
    ("png-image", _png),
    ("pdf-document", _pdf),
    ("nul-bytes", _nul_bytes),
    ("control-characters", _control_chars),
    ("undecodable-bytes", _undecodable),
    ("truncated-utf16", _bad_utf16),
    ("no-sentences", _no_sentences),
    ("100-mb-file", _too_large),
    ("over-configured-size-limit", _over_config_limit),
    ("huge-line", _long_line),
    ("missing-path", _missing),
    ("broken-symlink", _broken_symlink),
    ("glob-matches-nothing", _glob_no_match),
    ("fifo", _fifo),
    ("directory-of-unsupported-files", _dir_only_unsupported),
    ("bad-front-matter", _bad_front_matter),
    ("one-source", _one_source),
    ("same-file-twice", _same_file_twice),
    ("same-file-two-spellings", _same_file_two_spellings),
    ("same-text-two-files", _same_text_two_files),
    ("bad-published", _bad_published),
    ("published-unknown-source", _published_unknown_source),
    ("output-is-input", _output_is_input),
    ("config-invalid-yaml", _cfg_case("embedding:\n  backend: fake\ncluster: [1\n",
                                      "invalid YAML at line 4, column 1 [config-yaml]")),
    ("config-tab-indent", _cfg_case("embedding:\n\tbackend: fake\n",
                                    "invalid YAML at line 2, column 1 [config-yaml]")),
    ("config-unknown-key", _cfg_case("embedding:\n  backend: fake\ncluster:\n  link_treshold: 0.5\n",
                                     "unknown config key 'cluster.link_treshold' (did you mean "
                                     "'cluster.link_threshold'?) [config-unknown-key]")),
    ("config-unknown-section", _cfg_case("embeding:\n  backend: fake\n",
                                         "unknown config key 'embeding' (did you mean 'embedding'?) "
                                         "[config-unknown-key]")),
    ("config-wrong-type", _cfg_case("embedding:\n  backend: fake\ncluster:\n  link_threshold: high\n",
                                    "config key 'cluster.link_threshold' must be float, got str 'high' "
                                    "[config-type]")),
    ("config-bool-for-int", _cfg_case("embedding:\n  backend: fake\ncluster:\n  neighbours: true\n",
                                      "config key 'cluster.neighbours' must be int, got bool True [config-type]")),
    ("config-not-a-mapping", _cfg_case("- embedding\n- fake\n", "config must be a mapping, got list [config-type]")),
    ("config-section-not-a-mapping", _cfg_case("embedding: 3\n",
                                               "embedding must be a mapping, got int [config-type]")),
    ("config-threshold-above-1", _cfg_case("embedding:\n  backend: fake\ncluster:\n  link_threshold: 1.5\n",
                                           "cluster.link_threshold must be between 0.0 and 1.0, got 1.5 "
                                           "[config-range]")),
    ("config-threshold-negative", _cfg_case("embedding:\n  backend: fake\ncompare:\n  min_similarity: -0.1\n",
                                            "compare.min_similarity must be between 0.0 and 1.0, got -0.1 "
                                            "[config-range]")),
    ("config-threshold-nan", _cfg_case("embedding:\n  backend: fake\ncluster:\n  link_threshold: .nan\n",
                                       "cluster.link_threshold must be between 0.0 and 1.0, got nan "
                                       "[config-range]")),
    ("config-neighbours-zero", _cfg_case("embedding:\n  backend: fake\ncluster:\n  neighbours: 0\n",
                                         "cluster.neighbours must be between 1 and 1000, got 0 [config-range]")),
    ("config-max-file-bytes-zero", _cfg_case("embedding:\n  backend: fake\nmax_file_bytes: 0\n",
                                             "max_file_bytes must be between 1 and 100000000000, got 0 "
                                             "[config-range]")),
    ("config-unknown-backend", _cfg_case("embedding:\n  backend: word2vec\n",
                                         "embedding.backend must be one of sentence-transformers, onnx-int8, "
                                         "fake, got 'word2vec' [config-value]")),
    ("config-missing-file", _cfg_missing),
    ("model-path-missing", _model_path_missing),
    ("model-path-not-a-model", _model_path_not_a_model),
    ("nli-model-missing", _nli_missing),
    ("output-unknown-format", _out_unknown_format),
    ("output-directory-missing", _out_missing_dir),
    ("output-parent-is-a-file", _out_parent_is_file),
    ("output-is-a-directory", _out_is_dir),
]


def _invoke(e: Env, args: list[str]):
    if "--config" not in args:
        args = [*args, "--config", str(e.config)]
    if "-o" not in args:
        args = [*args, "-o", str(e.out / "report.yaml"), "-o", str(e.out / "report.json")]
    return runner.invoke(app, ["compare", *args])


def _leftovers(e: Env) -> list[str]:
    """Files in the output directory (reports or temp files) that a failed run must not leave."""
    return sorted(p.name for p in e.out.iterdir() if not p.is_dir())


@pytest.mark.parametrize("build", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_exits_2_with_one_exact_line_and_leaves_no_report(env: Env, build: Build) -> None:
    args, expected = build(env)
    result = _invoke(env, args)
    assert result.exit_code == 2, result.output
    assert result.stderr == f"claimcheck: error: {expected}\n"
    assert result.stdout == ""
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert _leftovers(env) == []
    assert [p.name for p in env.root.rglob(".*.tmp")] == []


def test_no_arguments_is_a_usage_error_with_exit_2(env: Env) -> None:
    result = runner.invoke(app, ["compare", "--config", str(env.config)])
    assert result.exit_code == 2
    assert re.search(r"Missing argument", result.stderr)
    assert _leftovers(env) == []


def test_every_slug_in_the_table_is_documented_in_the_readme(tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Errors and exit codes", 1)[1].split("\n## ", 1)[0]
    used = {"internal"}
    for name, build in CASES:
        root = tmp_path / name
        (root / "out").mkdir(parents=True)
        (root / "a.md").write_text(ARTICLE_A, encoding="utf-8")
        (root / "b.md").write_text(ARTICLE_B, encoding="utf-8")
        _, message = build(Env(root=root, config=root / "fake.yaml", a=root / "a.md", b=root / "b.md",
                               out=root / "out"))
        used.add(re.search(r"\[([a-z-]+)\]$", message).group(1))
    assert sorted(s for s in used if f"`{s}`" not in section) == []
