"""The command line: a thin typer layer over ``claimcheck.api``.

Only this module writes to the terminal. Every ClaimcheckError becomes one line on stderr,
``claimcheck: error: <path>: <problem> [slug]``, and exit code 2 (``--debug`` re-raises it
with its traceback). Heavy modules are imported inside the commands, never at start-up.
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated, Optional

import typer

from claimcheck import __version__
from claimcheck.errors import ClaimcheckError

app = typer.Typer(
    name="claimcheck",
    help="Compare the factual claims of several news articles: which agree, which diverge, which are unique.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class FailOn(str, Enum):
    """Which findings make the exit code 1."""

    diverge = "diverge"
    unique = "unique"
    none = "none"


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"claimcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version_callback, is_eager=True,
                                                    help="Print the version and exit.")] = None,
) -> None:
    """Compare the factual claims of several news articles."""


def _fail(exc: ClaimcheckError, debug: bool) -> None:
    if debug:
        raise exc
    typer.echo(f"claimcheck: error: {exc.one_line()}", err=True)
    raise typer.Exit(EXIT_ERROR)


def _progress_printer(quiet: bool):  # noqa: ANN202 - returns a Progress callable
    show = not quiet and sys.stderr.isatty()

    def progress(stage: str, done: int, total: int) -> None:
        if show:
            sys.stderr.write(f"\r{stage}: {done}/{total}   ")
            if done >= total:
                sys.stderr.write("\n")
            sys.stderr.flush()

    return progress


@app.command()
def compare(
    paths: Annotated[list[str], typer.Argument(help="Articles: .txt/.md/.html files, directories or globs.",
                                               show_default=False)],
    output: Annotated[Optional[list[str]], typer.Option(
        "-o", "--output", help="Write a report; the format follows the extension (.yaml/.yml, .json, .html). "
                               "Repeatable. Without -o, YAML goes to stdout.")] = None,
    config: Annotated[Optional[str], typer.Option("--config", "-c", help="A YAML config file.")] = None,
    published: Annotated[Optional[list[str]], typer.Option(
        "--published", help="SOURCE=YYYY-MM-DD: publication date of a source (its id, file name or path). "
                            "Repeatable; overrides front matter.")] = None,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Exit 1 when findings of this verdict exist.")]
    = FailOn.none,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary or progress on stderr.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks instead of one-line errors.")] = False,
) -> None:
    """Compare two or more articles and report agree / diverge / unique findings."""
    try:
        from claimcheck import api
        from claimcheck.report import check_writable, format_for_path, render, write_report
        from claimcheck.stages.load import parse_published_overrides

        outputs = [(path, format_for_path(path)) for path in output or []]
        for path, _ in outputs:
            check_writable(path)
        overrides = parse_published_overrides(published or [])
        result = api.compare(paths, config_path=config, published=overrides, progress=_progress_printer(quiet))
        if outputs:
            for path, fmt in outputs:
                write_report(path, render(result, fmt))
        else:
            sys.stdout.write(render(result, "yaml"))
    except ClaimcheckError as exc:
        _fail(exc, debug)
        return
    counts = {v: sum(1 for f in result.findings if f.verdict == v) for v in ("agree", "diverge", "unique")}
    if not quiet:
        for w in result.warnings:
            typer.echo(f"claimcheck: warning: {w}", err=True)
        typer.echo(f"{len(result.articles)} sources, {len(result.claims)} claims: {counts['agree']} agree, "
                   f"{counts['diverge']} diverge, {counts['unique']} unique", err=True)
        for path, _ in outputs:
            typer.echo(f"wrote {path}", err=True)
    if fail_on is not FailOn.none and counts[fail_on.value] > 0:
        raise typer.Exit(EXIT_FINDINGS)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
