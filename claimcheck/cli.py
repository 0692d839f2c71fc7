"""The command line: a thin typer layer over ``claimcheck.api``.

Only this module writes to the terminal. Every ClaimcheckError becomes one line on stderr,
``claimcheck: error: <path>: <problem> [slug]``, and exit code 2 (``--debug`` re-raises it
with its traceback). Heavy modules are imported inside the commands, never at start-up.
"""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Annotated, Any, Optional, TypeVar

import click
import typer

from claimcheck import __version__
from claimcheck.errors import ClaimcheckError
from claimcheck.models import FAIL_ON, VERDICTS

app = typer.Typer(
    name="claimcheck",
    help="Compare the factual claims of several news articles: which agree, which diverge, which are unique.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain click help: importing rich's help formatter costs ~0.15 s of every --help
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _plain_argument_help() -> None:
    """Help for positional arguments as click writes it: the metavar alone (``PATH...``), never typer's Python
    type placeholder (``<list[str]>``); ``PATH...`` when required, ``[PATH]...`` when optional."""
    from typer.core import TyperArgument

    def display_type_rich(self: Any, ctx: click.Context) -> str | None:
        return None if self.metavar is not None else TyperArgument.display_type(self, ctx)

    def rich_display_name(self: Any) -> str:
        name = self.display_name_raw
        return name if self.nargs == 1 or name.endswith("...") else f"{name}..."

    def usage_display_name(self: Any) -> str:
        name = rich_display_name(self)
        return name if self.required else f"[{name}]"

    if hasattr(TyperArgument, "display_type_rich") and hasattr(TyperArgument, "_usage_display_name"):
        TyperArgument.display_type_rich = display_type_rich  # type: ignore[method-assign]
        TyperArgument._rich_display_name = rich_display_name  # type: ignore[method-assign]
        TyperArgument._usage_display_name = usage_display_name  # type: ignore[method-assign]


_plain_argument_help()


# Which findings make the exit code 1: the choices of ``check.fail_on`` (models.FAIL_ON)
FailOn = Enum("FailOn", {v: v for v in FAIL_ON}, type=str)  # type: ignore[misc]


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


EXIT_INTERRUPTED = 130
_F = TypeVar("_F", bound=Callable[..., Any])
_DEBUG_OPTION = Annotated[bool, typer.Option("--debug", help="Show tracebacks instead of one-line errors.")]
_CONFIG_OPTION = Annotated[Optional[str], typer.Option("--config", "-c", metavar="FILE", show_default=False,
                                                       help="A YAML config file (every key: configs/default.yaml).")]
_PUBLISHED_HELP = ("SOURCE=YYYY-MM-DD: publication date of a source, named by its id, file name or path. "
                   "Repeatable; overrides front matter and HTML meta.")
_PUBLISHED_OPTION = Annotated[Optional[list[str]], typer.Option("--published", metavar="SOURCE=DATE",
                                                                 show_default=False, help=_PUBLISHED_HELP)]
_HEADLINES_OPTION = Annotated[bool, typer.Option(
    "--headlines", help="Include every article's headline as a claim (config extract.headline). A text whose "
                        "only content is a headline yields it as a claim anyway.")]
_STRICT_OPTION = Annotated[bool, typer.Option(
    "--strict", help="Exit 2 when any article yields no claim (default: a warning; exit 2 only when fewer than "
                     "two sources are left).")]
_QUIET_HELP = "No summary or progress on stderr."


def _load_config(path: str | None, *, headlines: bool) -> Any:
    """The config file (or the defaults) with the command line's overrides applied."""
    from claimcheck.config import load_config

    return load_config(path, overrides={"extract": {"headline": True}} if headlines else None)


def cli_errors(func: _F) -> _F:
    """Wrap a command so that nothing but one line and an exit code reaches the user.

    ClaimcheckError -> ``claimcheck: error: <path>: <problem> [slug]``, exit 2; Ctrl-C -> one line,
    exit 130; any other exception -> one ``[internal]`` line with a hint to rerun with ``--debug``,
    exit 2. With ``--debug`` every exception is re-raised with its traceback. A command that does
    not declare a ``debug`` parameter gets the ``--debug`` option added. Use it under ``@app.command()``.
    """
    sig = inspect.signature(func, eval_str=True)
    declares_debug = "debug" in sig.parameters

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = bool(kwargs.get("debug", False)) if declares_debug else bool(kwargs.pop("debug", False))
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, click.exceptions.ClickException):
            raise
        except ClaimcheckError as exc:
            _fail(exc, debug)
        except KeyboardInterrupt:
            if debug:
                raise
            typer.echo("claimcheck: interrupted", err=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except Exception as exc:  # last resort: never a traceback without --debug
            if debug:
                raise
            detail = " ".join(f"{type(exc).__name__}: {exc}".split())
            if len(detail) > 300:
                detail = detail[:297] + "..."
            typer.echo(f"claimcheck: error: internal error: {detail} (rerun with --debug for the traceback, "
                       f"and please report it) [internal]", err=True)
            raise typer.Exit(EXIT_ERROR) from None

    if not declares_debug:
        params = list(sig.parameters.values())
        params.append(inspect.Parameter("debug", inspect.Parameter.KEYWORD_ONLY, default=False,
                                        annotation=_DEBUG_OPTION))
        wrapper.__signature__ = sig.replace(parameters=params)  # type: ignore[attr-defined]
        wrapper.__annotations__ = {**{p.name: p.annotation for p in sig.parameters.values()},
                                   "debug": _DEBUG_OPTION}
    return wrapper  # type: ignore[return-value]


class _ProgressBars:
    """The pipeline's ``progress(stage, done, total)`` as rich progress bars on stderr.

    Silent (and rich never imported) unless stderr is a terminal and ``--quiet`` is off. The bars
    close when the last stage (``compare``) completes, or at exit.
    """

    def __init__(self, show: bool) -> None:
        self.show = show
        self._bars = None
        self._tasks: dict[str, Any] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.show:
            return
        if self._bars is None:
            import atexit

            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._bars = Progress(TextColumn("{task.description:>8}"), BarColumn(), MofNCompleteColumn(),
                                  TimeRemainingColumn(), console=Console(stderr=True), transient=False)
            self._bars.start()
            atexit.register(self.close)
        if stage not in self._tasks:
            self._tasks[stage] = self._bars.add_task(stage, total=max(total, 1))
        self._bars.update(self._tasks[stage], completed=done, total=max(total, 1))
        if stage == "compare" and done >= total:
            self.close()

    def close(self) -> None:
        """Stop drawing (idempotent)."""
        if self._bars is not None:
            self._bars.stop()
            self._bars = None
            self.show = False


# at most this many warning lines on stderr: a check against a stored corpus of thousands of undated articles
# would otherwise print one line per article on every run
MAX_WARNING_LINES = 20


def _print_warnings(warnings: Sequence[str]) -> None:
    """Each warning on stderr, the first ``MAX_WARNING_LINES`` of them and then how many more there are."""
    for w in warnings[:MAX_WARNING_LINES]:
        typer.echo(f"claimcheck: warning: {w}", err=True)
    if len(warnings) > MAX_WARNING_LINES:
        typer.echo(f"claimcheck: warning: {len(warnings) - MAX_WARNING_LINES} more warnings not shown", err=True)


def _progress_printer(quiet: bool) -> _ProgressBars:
    return _ProgressBars(not quiet and sys.stderr.isatty())


def _cache_dir(cache_dir: str | None, no_cache: bool) -> str | None:
    """The embedding cache directory for a command: --cache-dir, else the user cache dir; None with --no-cache."""
    if no_cache:
        return None
    if cache_dir:
        return cache_dir
    from claimcheck.cache import default_cache_dir

    return str(default_cache_dir())


_CACHE_DIR_OPTION = typer.Option("--cache-dir", metavar="DIR", show_default=False,
                                 help="Embedding cache directory (default: the per-user cache directory).")
_NO_CACHE_OPTION = typer.Option("--no-cache", help="Neither read nor write the embedding cache.")
_STORE_OPTION = typer.Option("--store", metavar="DIR", show_default=False,
                             help="A corpus index built by 'claimcheck index': its articles join the run "
                                  "without being re-read or re-embedded.")


@app.command()
@cli_errors
def compare(
    paths: Annotated[Optional[list[str]], typer.Argument(
        metavar="PATH", show_default=False,
        help="Articles: .txt/.md/.html files, directories or globs; at least two sources. Required unless "
             "--store is given.")] = None,
    output: Annotated[Optional[list[str]], typer.Option(
        "-o", "--output", metavar="FILE", show_default=False,
        help="Write a report; the format follows the extension (.yaml/.yml, .json, .html, .md, or .csv: the "
             "statement x source matrix). Repeatable. "
             "Without -o, YAML goes to stdout.")] = None,
    config: _CONFIG_OPTION = None,
    published: _PUBLISHED_OPTION = None,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", metavar="VERDICT",
                                            help="Exit 1 when findings of this verdict exist: diverge, unique "
                                                 "or none.")] = FailOn.none,
    ignore_updates: Annotated[bool, typer.Option(
        "--ignore-updates", help="With --fail-on diverge: a diverge finding whose every conflict is a likely update "
                                 "(values that change once over publication time) does not count.")] = False,
    headlines: _HEADLINES_OPTION = False,
    strict: _STRICT_OPTION = False,
    cache_dir: Annotated[Optional[str], _CACHE_DIR_OPTION] = None,
    no_cache: Annotated[bool, _NO_CACHE_OPTION] = False,
    store: Annotated[Optional[str], _STORE_OPTION] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help=_QUIET_HELP)] = False,
) -> None:
    """Compare two or more articles and report agree / diverge / unique findings."""
    if not paths and store is None:
        typer.echo("Usage: claimcheck compare [OPTIONS] PATH...\nTry 'claimcheck compare -h' for help.\n\n"
                   "Error: Missing argument 'PATH...' (or --store DIR).", err=True)
        raise typer.Exit(EXIT_ERROR)
    paths = paths or []
    from claimcheck import api
    from claimcheck.report import check_writable, format_for_path, render, write_reports
    from claimcheck.stages.load import parse_published_overrides, refuse_outputs_among_inputs

    outputs = [(path, format_for_path(path)) for path in output or []]
    for path, _ in outputs:
        check_writable(path)
    refuse_outputs_among_inputs([path for path, _ in outputs], paths)
    overrides = parse_published_overrides(published or [])
    result = api.compare(paths, config=_load_config(config, headlines=headlines), published=overrides,
                         progress=_progress_printer(quiet), cache_dir=_cache_dir(cache_dir, no_cache), store=store,
                         strict=strict)
    if outputs:
        write_reports(result, outputs)  # each into a temp file, then all renamed: no report unless all are written
    else:
        sys.stdout.write(render(result, "yaml"))
    counts = {v: sum(1 for f in result.findings if f.verdict == v) for v in VERDICTS}
    if not quiet:
        _print_warnings(result.warnings)
        typer.echo(f"{len(result.articles)} sources, {len(result.claims)} claims: {counts['agree']} agree, "
                   f"{counts['diverge']} diverge, {counts['unique']} unique", err=True)
        for path, _ in outputs:
            typer.echo(f"wrote {path}", err=True)
    if ignore_updates:  # likely updates (claimcheck/stages/compare/timeline.py) do not fail the run
        counts["diverge"] -= sum(1 for f in result.findings if f.verdict == "diverge" and f.conflicts
                                 and all(c.likely_update for c in f.conflicts))
    if fail_on is not FailOn.none and counts[fail_on.value] > 0:
        raise typer.Exit(EXIT_FINDINGS)


class CheckFormat(str, Enum):
    """What ``claimcheck check`` prints on stdout."""

    text = "text"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"


def split_against(args: list[str], *, require_against: bool = True) -> tuple[list[str], list[str]]:
    """``NEW... --against CORPUS...`` -> (new, corpus).

    A bare ``--against`` makes every later path a corpus path; ``--against=PATH`` adds just that one,
    so ``claimcheck check --against=published/ NEW...`` works where a tool appends the new files last
    (pre-commit).
    """
    from claimcheck.errors import UsageError

    new: list[str] = []
    against: list[str] = []
    target = new
    for arg in args:
        if arg == "--against":
            target = against
            continue
        if arg.startswith("--against="):
            against.append(arg.split("=", 1)[1])
            continue
        if arg.startswith("-") and arg != "-":
            raise UsageError(f"no such option: {arg}", slug="usage-option")
        target.append(arg)
    if not new:
        raise UsageError("give the new articles to check: claimcheck check NEW... --against CORPUS...",
                         slug="usage-sources")
    if not against and require_against:
        raise UsageError("give the published corpus: claimcheck check NEW... --against CORPUS...",
                         slug="usage-corpus")
    return new, against


def _append_step_summary(markdown: str) -> None:
    """Append to $GITHUB_STEP_SUMMARY (atomically: the old text plus ours, written by write_report)."""
    import os
    from pathlib import Path

    from claimcheck.report import write_report

    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    try:
        old = Path(target).read_text(encoding="utf-8")
    except FileNotFoundError:
        old = ""
    except (OSError, UnicodeDecodeError) as exc:
        from claimcheck.errors import OutputError

        raise OutputError(f"cannot read the step summary: {exc}", path=target, slug="output-unwritable") from None
    write_report(target, old + markdown)


@app.command(context_settings={"ignore_unknown_options": True})
@cli_errors
def check(
    args: Annotated[list[str], typer.Argument(
        metavar="NEW... --against CORPUS...", show_default=False,
        help="New articles, then --against and the published corpus (files, directories or globs). A file both "
             "new and in the corpus counts as new.")],
    fmt: Annotated[CheckFormat, typer.Option("--format", "-f", metavar="FORMAT",
                                             help="What to print on stdout: text, json, sarif, junit or github.")]
    = CheckFormat.text,
    output: Annotated[Optional[list[str]], typer.Option(
        "-o", "--output", metavar="FILE", show_default=False,
        help="Also write a report; the format follows the extension (.sarif/.sarif.json, .xml junit, .json, .txt, "
             ".yaml). Repeatable.")] = None,
    fail_on: Annotated[Optional[FailOn], typer.Option(
        "--fail-on", metavar="VERDICT", help="Lowest verdict that exits 1: diverge, unique (also unbacked claims) "
                                             "or none. Default: check.fail_on of the config (diverge).",
        show_default=False)] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when there are findings.")] = False,
    baseline: Annotated[Optional[str], typer.Option(
        "--baseline", metavar="FILE", show_default=False,
        help="Suppress the findings recorded in this baseline file.")] = None,
    write_baseline: Annotated[Optional[str], typer.Option(
        "--write-baseline", metavar="FILE", show_default=False,
        help="Record the current findings in this baseline file (and exit 0).")] = None,
    skip_unsupported: Annotated[bool, typer.Option(
        "--skip-unsupported", help="Skip (and report as skipped) a new article that is not in English, instead "
                                   "of exiting 2.")] = False,
    config: _CONFIG_OPTION = None,
    published: _PUBLISHED_OPTION = None,
    headlines: _HEADLINES_OPTION = False,
    strict: _STRICT_OPTION = False,
    cache_dir: Annotated[Optional[str], _CACHE_DIR_OPTION] = None,
    no_cache: Annotated[bool, _NO_CACHE_OPTION] = False,
    store: Annotated[Optional[str], _STORE_OPTION] = None,
    nearest: Annotated[int, typer.Option(
        "--nearest", metavar="N", min=0, help="With --store: only the N stored articles nearest to the new claims "
                                              "take part (fast on a large store; 0: all of them).")]
    = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No notes or progress on stderr.")] = False,
    ignore_updates: Annotated[bool, typer.Option(
        "--ignore-updates", help="A conflict whose values change once over publication time (a likely update: "
                                 "every source of the old value published before every source of the new) is "
                                 "a warning, not an error.")] = False,
) -> None:
    """Check new articles against published ones: exit 1 when one contradicts them (a CI check)."""
    from claimcheck import api
    from claimcheck.baseline import render_baseline
    from claimcheck.check import check_to_dict
    from claimcheck.report import check_format_for_path, check_writable, render_check, write_report
    from claimcheck.report.github import summary_markdown
    from claimcheck.stages.load import parse_published_overrides

    new, against = split_against(args, require_against=store is None)
    outputs = [(path, check_format_for_path(path)) for path in output or []]
    for path in [p for p, _ in outputs] + ([write_baseline] if write_baseline else []):
        check_writable(path)
    overrides = parse_published_overrides(published or [])
    result = api.check(new, against=against, config=_load_config(config, headlines=headlines), published=overrides,
                       fail_on=None if fail_on is None else fail_on.value, baseline=baseline,
                       progress=_progress_printer(quiet), cache_dir=_cache_dir(cache_dir, no_cache), store=store,
                       nearest=nearest, skip_unsupported=skip_unsupported, strict=strict,
                       ignore_updates=ignore_updates)
    data = check_to_dict(result)
    for path, out_fmt in outputs:
        write_report(path, render_check(data, out_fmt))
    if write_baseline:
        write_report(write_baseline, render_baseline(list(result.all_issues)))
    if fmt is CheckFormat.github:
        _append_step_summary(summary_markdown(data))
    sys.stdout.write(render_check(data, fmt.value))
    sys.stdout.flush()
    if not quiet:
        _print_warnings(result.run.warnings)
        if result.stale:
            typer.echo(f"claimcheck: note: {baseline}: {len(result.stale)} stale baseline "
                       f"entr{'y' if len(result.stale) == 1 else 'ies'} (no longer found; remove them): "
                       + ", ".join(e["fingerprint"] for e in result.stale), err=True)
        for path, _ in outputs:
            typer.echo(f"wrote {path}", err=True)
        if write_baseline:
            typer.echo(f"wrote {write_baseline}: {len(result.all_issues)} finding(s) accepted", err=True)
    if result.failed and not exit_zero and not write_baseline:
        raise typer.Exit(EXIT_FINDINGS)


class ExtractFormat(str, Enum):
    """What ``claimcheck extract`` prints."""

    yaml = "yaml"
    json = "json"


@app.command()
@cli_errors
def extract(
    paths: Annotated[list[str], typer.Argument(metavar="PATH", show_default=False,
                                               help="Articles: .txt/.md/.html files, directories or globs.")],
    fmt: Annotated[ExtractFormat, typer.Option("--format", "-f", metavar="FORMAT",
                                               help="Output format: yaml or json.")] = ExtractFormat.yaml,
    output: Annotated[Optional[str], typer.Option("-o", "--output", metavar="FILE", show_default=False,
                                                  help="Write to this file instead of stdout.")] = None,
    config: _CONFIG_OPTION = None,
    published: _PUBLISHED_OPTION = None,
    headlines: _HEADLINES_OPTION = False,
    cache_dir: Annotated[Optional[str], typer.Option(
        "--cache-dir", metavar="DIR", show_default=False,
        help="Cache directory: the claims are stored there for later compare/check runs (default: the per-user "
             "cache directory).")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not write the cache.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr.")] = False,
) -> None:
    """Print each article's claims with their spans and slots, and the boilerplate lines dropped."""
    from claimcheck import api
    from claimcheck.report import check_writable, render_json, render_yaml, write_report
    from claimcheck.report.extraction import extraction_to_dict
    from claimcheck.stages.load import parse_published_overrides

    if output:
        check_writable(output)
    cfg = _load_config(config, headlines=headlines)
    warnings: list[str] = []
    result = api.extract(paths, config=cfg, published=parse_published_overrides(published or []),
                         warnings=warnings, cache_dir=_cache_dir(cache_dir, no_cache))
    data = extraction_to_dict(result)
    text = render_json(data) if fmt is ExtractFormat.json else render_yaml(data)
    if output:
        write_report(output, text)
    else:
        sys.stdout.write(text)
    if not quiet:
        _print_warnings(warnings)
        n = sum(len(x.claims) for x in result)
        typer.echo(f"{len(result)} sources, {n} claims", err=True)
        if output:
            typer.echo(f"wrote {output}", err=True)


class Executor(str, Enum):
    """Where ``claimcheck index`` extracts and embeds."""

    local = "local"
    dask = "dask"


@app.command()
@cli_errors
def index(
    paths: Annotated[list[str], typer.Argument(metavar="PATH", show_default=False,
                                               help="The corpus: .txt/.md/.html files, directories or globs.")],
    store: Annotated[str, typer.Option("--store", metavar="DIR", show_default=False,
                                       help="The store directory (created when missing).")],
    config: _CONFIG_OPTION = None,
    published: _PUBLISHED_OPTION = None,
    headlines: _HEADLINES_OPTION = False,
    executor: Annotated[Executor, typer.Option("--executor", metavar="EXECUTOR",
                                               help="local: this process; dask: a Dask cluster.")]
    = Executor.local,
    scheduler: Annotated[Optional[str], typer.Option(
        "--scheduler", metavar="ADDRESS", help="Dask scheduler address (tcp://host:8786); default: a LocalCluster.",
        show_default=False)] = None,
    workers: Annotated[int, typer.Option("--workers", metavar="N", min=1, help="Workers of the LocalCluster.")] = 2,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Empty the store first (e.g. after a model change).")]
    = False,
    cache_dir: Annotated[Optional[str], typer.Option(
        "--cache-dir", metavar="DIR", show_default=False,
        help="Extraction and embedding cache, shared with compare/check: cached articles and claim vectors are "
             "not extracted or encoded again, new ones are stored (default: the per-user cache directory). "
             "With --executor dask, every worker must reach DIR.")] = None,
    no_cache: Annotated[bool, _NO_CACHE_OPTION] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary or progress on stderr.")] = False,
) -> None:
    """Extract and embed a corpus once into a store that compare/check --store reuse (incremental)."""
    from claimcheck import api
    from claimcheck.errors import UsageError
    from claimcheck.stages.load import parse_published_overrides

    if scheduler and executor is not Executor.dask:
        raise UsageError("--scheduler needs --executor dask", slug="usage-scheduler")
    result = api.index(paths, store=store, config=_load_config(config, headlines=headlines),
                       published=parse_published_overrides(published or []),
                       executor=executor.value, scheduler=scheduler, workers=workers, rebuild=rebuild,
                       cache_dir=_cache_dir(cache_dir, no_cache), progress=_progress_printer(quiet))
    if not quiet:
        _print_warnings(result.warnings)
        typer.echo(f"{store}: {len(result.added)} added, {len(result.changed)} changed, {len(result.removed)} "
                   f"removed, {result.unchanged} unchanged; {result.articles} articles, {result.claims} claims",
                   err=True)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
