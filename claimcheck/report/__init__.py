"""Reports: one versioned result dict (``result_to_dict``) rendered by every format.

Reporters are chosen by name (or by an output file's extension); each is a function from the
result dict to text. ``write_report`` writes atomically: a temp file in the same directory,
then a rename, so no half-written report is ever left behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from itertools import repeat
from pathlib import Path
from typing import Any

from claimcheck.errors import OutputError
from claimcheck.gcpause import gc_paused
from claimcheck.models import VERDICTS, Claim, Conflict, Finding, Pair, RunResult

FORMAT_VERSION = 2  # 2: typed conflicts per finding and per pair (see README, 'The report')
EXTENSIONS = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".html": "html", ".htm": "html", ".md": "markdown",
              ".csv": "csv"}


def _claim_dict(c: Claim) -> dict[str, Any]:
    s = c.slots
    slots: dict[str, Any] = {}
    if s.dates:
        slots["dates"] = [{"text": d.text, "value": d.value, "granularity": d.granularity, "start": d.start,
                           "end": d.end, **({"relative": True, "anchor": d.anchor} if d.relative else {})}
                          for d in s.dates]
    if s.numbers:
        slots["numbers"] = [{"text": n.text, "value": n.value, "unit": n.unit, "kind": n.kind, "start": n.start,
                             "end": n.end} for n in s.numbers]
    if s.entities:
        slots["entities"] = [{"text": e.text, "label": e.label, "key": e.key, "start": e.start, "end": e.end}
                             for e in s.entities]
    for flag in ("negated", "hedged", "quoted"):
        if getattr(s, flag):
            slots[flag] = True
    if s.attribution:
        slots["attribution"] = s.attribution
    out: dict[str, Any] = {"id": c.id, "source": c.source, "text": c.text, "start": c.start, "end": c.end}
    if len(c.occurrences) > 1:
        out["occurrences"] = [list(o) for o in c.occurrences]
    if c.gaps:  # what the claim leaves out of its text: a clause that is a claim of its own
        out["gaps"] = [list(g) for g in c.gaps]
    if slots:
        out["slots"] = slots
    return out


def conflict_dict(c: Conflict) -> dict[str, Any]:
    """A typed conflict as plain data: kind, rule, subject, headline, and each side's value, sources and spans."""
    out: dict[str, Any] = {"id": c.id, "kind": c.kind, "rule": c.rule, "subject": c.subject, "detail": c.detail,
                           "sides": [{"value": s.value, "sources": list(s.sources),
                                      "spans": [{"claim": sp.claim_id, "source": sp.source, "start": sp.start,
                                                 "end": sp.end, "text": sp.text} for sp in s.spans]}
                                     for s in c.sides]}
    if c.majority is not None:
        out["majority"] = c.majority
        out["outliers"] = list(c.outliers)
    if c.timeline:  # the sides in publication order (claimcheck/stages/compare/timeline.py)
        out["timeline"] = [{"published": t.published, "value": t.value, "sources": list(t.sources)}
                           for t in c.timeline]
        out["likely_update"] = c.likely_update
        if c.changed is not None:
            out["changed"] = {"from": c.changed.from_value, "to": c.changed.to_value, "until": c.changed.until,
                              "since": c.changed.since}
    return out


def _pair_dict(p: Pair) -> dict[str, Any]:
    conflicts = p.conflicts
    out: dict[str, Any] = {"a": p.a, "b": p.b, "similarity": p.similarity, "reason": None}
    if conflicts:  # the first conflict is the pair's reason
        out["reason"] = {"kind": conflicts[0].kind, "detail": conflicts[0].detail}
        out["conflicts"] = [{"conflict": c.id, "kind": c.kind, "rule": c.rule, "detail": c.detail,
                             "values": {s.spans[0].claim_id: s.value for s in c.sides}} for c in conflicts]
    if p.shared:
        out["shared"] = list(p.shared)
    if p.link:
        out["link"] = p.link
    return out


def _finding_dict(f: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {"id": f.id, "verdict": f.verdict, "similarity": round(float(f.similarity), 4),
                           "sources": list(f.sources)}
    if f.reason is not None:
        out["reason"] = {"kind": f.reason.kind, "detail": f.reason.detail}
    if f.conflicts:  # the headline conflict's sides, majority and outliers, as in format 1
        head = f.conflicts[0]
        out["sides"] = [{"value": s.value, "sources": list(s.sources)} for s in head.sides]
        if head.majority is not None:
            out["majority"] = head.majority
            out["outliers"] = list(head.outliers)
        out["conflicts"] = [conflict_dict(c) for c in f.conflicts]
    if f.related:
        out["related"] = list(f.related)
    if f.event:
        out["event"] = f.event
    out["claims"] = [_claim_dict(c) for c in f.claims]
    if f.pairs:
        out["pairs"] = [_pair_dict(p) for p in f.pairs]
    if f.descriptions:  # framing (claimcheck/stages/framing.py): nouns the sources describe differently
        out["descriptions"] = [{"noun": d.noun, "by_source": {src: list(words) for src, words in d.by_source}}
                               for d in f.descriptions]
    return out


def result_to_dict(result: RunResult) -> dict[str, Any]:
    """The one result shape every report renders (``format_version`` marks its version)."""
    # hundreds of thousands of small dicts and lists, none of them garbage: full collections took 2.1 s of a
    # 1,000-article result's 2.7 s here (claimcheck/gcpause.py)
    with gc_paused():
        findings = [_finding_dict(f) for f in result.findings]
        return _result_dict(result, findings, _source_stats(result, findings))


def _result_dict(result: RunResult, findings: list[dict[str, Any]],
                 stats: dict[str, dict[str, int]]) -> dict[str, Any]:
    """``result_to_dict`` given the finding dicts and the sources' scorecard."""
    counts = {v: 0 for v in sorted(VERDICTS)}  # alphabetical, as reports have always listed them
    for f in result.findings:
        counts[f.verdict] += 1
    n_claims: dict[str, int] = {}
    for c in result.claims:
        n_claims[c.source] = n_claims.get(c.source, 0) + 1
    sources = [
        {"id": a.id, "path": a.path, "title": a.title, "published": a.published,
         "published_origin": a.published_origin, "url": a.url, "language": a.language,
         "n_claims": n_claims.get(a.id, 0)}
        for a in result.articles
    ]
    for src, a in zip(sources, result.articles):
        if a.published_at:  # the time of day, only when known (claimcheck/stages/load.normalise_published_at)
            src["published_at"] = a.published_at
    for s in sources:
        s["stats"] = stats[s["id"]]
    return {
        "format_version": FORMAT_VERSION,
        "tool": {"name": "claimcheck", "version": _version(), "model": result.model_id},
        "config": result.config,
        "sources": sources,
        "summary": counts,
        "findings": findings,
        "warnings": list(result.warnings),
    }


def _source_stats(result: RunResult, findings: Iterable[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """The outlet scorecard (issue 18): each source's ``stats`` (shared, outlier, unique, diverging statements;
    see claimcheck/report/matrix.py), from the finding dicts (read one at a time)."""
    from claimcheck.report.matrix import add_source_stats, source_stats

    stats = source_stats([], [a.id for a in result.articles])
    for f in findings:
        add_source_stats(stats, f)
    return stats


def iter_json(result: RunResult) -> Iterator[str]:
    """``render_json(result_to_dict(result))`` in pieces, byte for byte, without the whole dict or text in memory:
    one finding's dict and text at a time (the findings are turned into dicts twice: once for the sources'
    scorecard, which comes first in the report, then for their own text)."""
    with gc_paused():  # never across a yield: the pause ends before the caller's code runs
        stats = _source_stats(result, (_finding_dict(f) for f in result.findings))
    text = render_json(_result_dict(result, [], stats))
    # strings in JSON hold no raw newline, so this line is the top-level key and nothing else
    head, sep, tail = text.partition('\n  "findings": [],\n')
    if not sep:
        raise AssertionError("the findings key is missing from the report head")
    if not result.findings:
        yield text
        return
    yield head + '\n  "findings": ['
    for i, f in enumerate(result.findings):
        with gc_paused():
            piece = indented_json(_finding_dict(f), level=2)
        yield ("\n    " if i == 0 else ",\n    ") + piece
    yield "\n  ],\n" + tail


def _version() -> str:
    from claimcheck import __version__

    return __version__


def render_yaml(data: dict[str, Any]) -> str:
    """YAML, keys in the result's own order, unicode kept."""
    import yaml

    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120)


def render_json(data: dict[str, Any]) -> str:
    """Indented JSON with a trailing newline."""
    return indented_json(data) + "\n"


def indented_json(value: Any, *, level: int = 0) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` byte for byte, its lines after the first indented by
    ``level`` more steps of two spaces. The standard library encodes indented JSON in pure Python, one generator per
    container; this builds one list of pieces instead, with the same C string escaping and number forms, and writes
    most scalars in place, no call each: a 1,000-article report (76 MB) in 2.3 s instead of 5.9 s (4.0 s with a
    call per value), byte-identical (tests/test_report_json_text.py and tests/test_report_json_speed_forms.py
    compare the two on every kind of value)."""
    from json.encoder import encode_basestring

    out: list[str] = []
    _json_pieces(value, out, "  " * level, encode_basestring)
    return "".join(out)


# float.__repr__'s words for the floats JSON has no number for, as json.dumps spells them
_FLOAT_WORDS = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}


def _json_float(o: float) -> str:
    text = float.__repr__(o)
    return _FLOAT_WORDS.get(text, text)


def _json_key(k: Any, enc: Callable[[str], str]) -> str:
    # json.encoder's order: a str, a float (before the constants: a float is none of them), the constants, an int
    if isinstance(k, str):
        return enc(k)
    if isinstance(k, float):
        return enc(_json_float(k))
    if k is True:
        return '"true"'
    if k is False:
        return '"false"'
    if k is None:
        return '"null"'
    if isinstance(k, int):
        return enc(int.__repr__(k))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(k).__name__}")


def _json_pieces(o: Any, out: list[str], indent: str, enc: Callable[[str], str]) -> None:
    """Append ``o``'s JSON text to ``out``; ``indent`` is that of the line it starts on."""
    # the order of the checks is json.encoder's: a str (or str enum) first, then the constants, int before float
    if isinstance(o, str):
        out.append(enc(o))
    elif o is None:
        out.append("null")
    elif o is True:
        out.append("true")
    elif o is False:
        out.append("false")
    elif isinstance(o, int):
        out.append(int.__repr__(o))
    elif isinstance(o, float):
        out.append(_json_float(o))
    elif isinstance(o, (list, tuple, dict)):
        _json_container(o, out, indent, enc)
    else:
        raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")


# The container loop below writes a value of exactly str, int, None, float or bool in place, in one piece with
# the separator and key before it (a report has 2 million such values: a call each cost a third of the time). Its
# checks are on exact types, so they agree with json.encoder's order; anything else (a container, a str enum, an
# int or float subclass, a tuple, ...) goes through _json_pieces, in that order. Dicts and lists share the loop: a
# list's items come with _NO_KEY.
_NO_KEY = object()


def _json_container(o: dict[Any, Any] | list[Any] | tuple[Any, ...], out: list[str], indent: str,
                    enc: Callable[[str], str]) -> None:
    is_dict = isinstance(o, dict)
    if not o:
        out.append("{}" if is_dict else "[]")
        return
    inner = indent + "  "
    lead, sep = ("{\n" if is_dict else "[\n") + inner, ",\n" + inner  # before the first item, before each later one
    for key, value in (o.items() if is_dict else zip(repeat(_NO_KEY), o)):  # type: ignore[union-attr]
        head = lead if key is _NO_KEY else lead + (enc(key) if type(key) is str else _json_key(key, enc)) + ": "
        lead = sep
        kind = type(value)
        if kind is str:
            out.append(head + enc(value))
        elif kind is int:
            out.append(head + int.__repr__(value))
        elif value is None:
            out.append(head + "null")
        elif kind is float:
            out.append(head + _json_float(value))
        elif kind is bool:
            out.append(head + ("true" if value else "false"))
        else:
            out.append(head)
            if kind is dict or kind is list:
                _json_container(value, out, inner, enc)
            else:
                _json_pieces(value, out, inner, enc)
    out.append("\n" + indent + ("}" if is_dict else "]"))


def render_html(data: dict[str, Any], *, texts: dict[str, str] | None = None) -> str:
    """A self-contained HTML page (Jinja2, autoescape on)."""
    from claimcheck.report.html import render

    return render(data, texts=texts or {})


def render_markdown(data: dict[str, Any]) -> str:
    """Markdown for a pull request or a ticket (article text escaped)."""
    from claimcheck.report.markdown import render

    return render(data)


def render_csv(data: dict[str, Any]) -> str:
    """The statement x source matrix as CSV (claimcheck/report/matrix.py)."""
    from claimcheck.report.matrix import render_csv as render

    return render(data)


RENDERERS: dict[str, Callable[..., str]] = {"yaml": render_yaml, "json": render_json, "html": render_html,
                                            "markdown": render_markdown, "csv": render_csv}


def format_for_path(path: str) -> str:
    """The report format an output path asks for, by its extension."""
    fmt = EXTENSIONS.get(Path(path).suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(EXTENSIONS))
        raise OutputError(f"unknown report format (use one of {known})", path=path, slug="output-format")
    return fmt


def check_writable(path: str) -> None:
    """Fail early, before any work, when an output path cannot be written."""
    parent = Path(path).resolve().parent
    if Path(path).is_dir():
        raise OutputError("output path is a directory", path=path, slug="output-unwritable")
    if Path(path).exists() and not Path(path).is_file():
        raise OutputError("output path exists and is not a regular file", path=path, slug="output-unwritable")
    if parent.exists() and not parent.is_dir():
        raise OutputError(f"output directory {parent} is a file", path=path, slug="output-unwritable")
    if not parent.is_dir():
        raise OutputError("output directory does not exist", path=path, slug="output-unwritable")
    if not os.access(parent, os.W_OK):
        raise OutputError("output directory is not writable", path=path, slug="output-unwritable")


def write_report(path: str, text: str) -> None:
    """Write text to path atomically (temp file in the same directory, then rename)."""
    tmp = _write_temp(path, [text])
    _replace(tmp, path)


def _write_temp(path: str, chunks: Iterable[str]) -> str:
    """The text pieces written to a new temp file in ``path``'s directory (mode 0644); its name."""
    target = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.resolve().parent)
    except OSError as exc:
        raise OutputError(f"cannot write report: {exc.strerror or exc}", path=path, slug="output-unwritable") from None
    with _discard_on_error(tmp, path):
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            for chunk in chunks:
                fh.write(chunk)
        os.chmod(tmp, 0o644)
    return tmp


def _discard(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


@contextlib.contextmanager
def _discard_on_error(tmp: str, path: str) -> Iterator[None]:
    """Remove the temp file ``tmp`` if the block fails; an OSError becomes the OutputError naming ``path``."""
    try:
        yield
    except BaseException as exc:
        _discard(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write report: {exc.strerror or exc}", path=path,
                              slug="output-unwritable") from None
        raise


def _replace(tmp: str, path: str) -> None:
    with _discard_on_error(tmp, path):
        os.replace(tmp, Path(path))


def render_chunks(result: RunResult, fmt: str) -> Iterable[str]:
    """A RunResult's report text in one named format, as pieces: JSON is produced one finding at a time
    (``iter_json``, never the whole dict or text in memory); the other formats are rendered whole."""
    if fmt == "json" and RENDERERS.get("json") is render_json:  # a JSON renderer put in its place is used whole
        return iter_json(result)
    return [render(result, fmt)]


def write_reports(result: RunResult, outputs: list[tuple[str, str]]) -> None:
    """Write a RunResult's reports, ``(path, format)`` each: every one into a temp file first (one format's text
    in memory at a time, JSON streamed), then all renamed into place, so a failure leaves no report written."""
    done: list[tuple[str, str]] = []
    try:
        for path, fmt in outputs:
            done.append((_write_temp(path, render_chunks(result, fmt)), path))
    except BaseException:
        for tmp, _ in done:
            _discard(tmp)
        raise
    for i, (tmp, path) in enumerate(done):
        try:
            _replace(tmp, path)
        except BaseException:
            for rest, _ in done[i + 1:]:
                _discard(rest)
            raise


def render(result: RunResult, fmt: str) -> str:
    """Render a RunResult in one named format."""
    data = result_to_dict(result)
    if fmt == "html":
        return render_html(data, texts={a.id: a.text for a in result.articles})
    if fmt not in RENDERERS:
        raise OutputError(f"unknown report format {fmt!r}", slug="output-format")
    return RENDERERS[fmt](data)


# ``claimcheck check`` renders its own dict (``claimcheck.check.check_to_dict``: result_to_dict's shape
# plus ``new_sources`` and ``check``); each format is a module of this package.
CHECK_FORMATS = ("text", "json", "sarif", "junit", "github", "yaml")
CHECK_EXTENSIONS = {".sarif": "sarif", ".sarif.json": "sarif", ".xml": "junit", ".json": "json", ".txt": "text",
                    ".yaml": "yaml", ".yml": "yaml"}


def check_format_for_path(path: str) -> str:
    """The ``check`` report format an output path asks for, by its extension (longest match first)."""
    name = Path(path).name.lower()
    for ext in sorted(CHECK_EXTENSIONS, key=len, reverse=True):
        if name.endswith(ext):
            return CHECK_EXTENSIONS[ext]
    known = ", ".join(sorted(CHECK_EXTENSIONS))
    raise OutputError(f"unknown report format (use one of {known})", path=path, slug="output-format")


def render_check(data: dict[str, Any], fmt: str) -> str:
    """Render a ``check`` result dict in one named format."""
    import importlib

    if fmt in ("json", "yaml"):
        return RENDERERS[fmt](data)
    if fmt not in CHECK_FORMATS:
        raise OutputError(f"unknown check report format {fmt!r} (use one of {', '.join(CHECK_FORMATS)})",
                          slug="output-format")
    return importlib.import_module(f"claimcheck.report.{fmt}").render(data)


__all__ = ["CHECK_EXTENSIONS", "CHECK_FORMATS", "FORMAT_VERSION", "VERDICTS", "check_format_for_path", "check_writable",
           "format_for_path", "render", "render_check", "result_to_dict", "write_report"]
