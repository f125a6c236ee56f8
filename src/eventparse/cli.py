"""The ``eventparse`` command line (typer, with rich for progress and tables).

Commands: ``parse`` (Events as JSON), ``convert`` (a batch of documents into
one JSON Lines / CSV / iCalendar / JSON-LD file, resumable), ``validate``
(problems an editor should fix, for people, scripts and GitHub Actions),
``when`` (the date/time grammar on one phrase) and ``explain`` (where each
value came from). Exit codes: 0 success, 1 what the command checks for was found
(problems at or above ``--fail-on``, documents that failed to convert),
2 usage errors and unreadable input.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from eventparse.errors import EventParseError
from eventparse.model import Event, Problem
from eventparse.nlp import is_installed
from eventparse.pipeline import parse_file
from eventparse.settings import zone_for

if TYPE_CHECKING:
    from eventparse.convert import Limits, Summary
    from eventparse.convert.workers import Outcome

app = typer.Typer(help="Read event announcements into structured data.", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)

ReferenceDate = Annotated[
    str | None, typer.Option("--reference-date", help="Today for the listing, YYYY-MM-DD.")]
Timezone = Annotated[str | None, typer.Option(
    help="IANA zone of the times [default: the zone the listing's times name, else "
         "Europe/London].", show_default=False)]
Nlp = Annotated[str, typer.Option(
    "--nlp", help="spaCy pipeline: auto (best installed model), blank (rules only), or a name.")]


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    ics = "ics"
    jsonld = "jsonld"


class ReportFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@app.callback()
def _root() -> None:
    """Read event announcements into structured data."""


def _usage_error(message: str) -> typer.Exit:
    err.print(f"eventparse: {message}", markup=False)
    return typer.Exit(2)


def _check_settings(reference_date: str | None, timezone: str | None,
                    nlp: str = "auto") -> None:
    """Fail fast (exit 2) on a malformed date, an unknown zone or spaCy pipeline."""
    if nlp not in ("auto", "blank") and not is_installed(nlp):
        raise _usage_error(f"--nlp {nlp!r}: no such spaCy pipeline is installed; "
                           "use auto, blank or an installed package name")
    if reference_date is not None:
        try:
            dt.date.fromisoformat(reference_date)
        except ValueError:
            raise _usage_error(f"--reference-date {reference_date!r} is not YYYY-MM-DD") from None
    try:
        if timezone is not None:
            zone_for(timezone)
    except EventParseError as exc:
        raise _usage_error(str(exc)) from None


def _events(files: list[Path], reference_date: str | None, timezone: str | None,
            nlp: str) -> Iterator[tuple[Path, Event | None]]:
    """Each file's Event, or None (said on stderr) for a file that cannot be read."""
    for path in files:
        try:
            yield path, parse_file(path, reference_date=reference_date, timezone=timezone,
                                   nlp_model=nlp)
        except EventParseError as exc:
            err.print(f"eventparse: {path}: {exc}", markup=False)
            yield path, None


@app.command("parse")
def parse_command(
    files: Annotated[list[Path], typer.Argument(help="Announcement files to parse.")],
    reference_date: ReferenceDate = None,
    timezone: Timezone = None,
    pretty: Annotated[bool, typer.Option(help="Indent the JSON.")] = False,
    nlp: Nlp = "auto",
) -> None:
    """Print each file's Event as JSON (JSON Lines for several files)."""
    _check_settings(reference_date, timezone, nlp)
    indent = 2 if pretty else None
    failed = False
    for _, event in _events(files, reference_date, timezone, nlp):
        if event is None:
            failed = True
            continue
        typer.echo(event.model_dump_json(indent=indent, exclude={"text"}))
    if failed:
        raise typer.Exit(2)


@app.command("convert")
def convert_command(
    inputs: Annotated[list[str], typer.Argument(
        help="Files, folders (recursive), globs, .zip/.tar.gz archives, or - for JSON Lines "
             'of {"id", "text"} on stdin.', show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help="The file to write.")],
    to: Annotated[ExportFormat | None, typer.Option(
        "--to", help="Export format; by default from OUT's suffix, else jsonl.")] = None,
    workers: Annotated[int, typer.Option(
        help="Worker processes (default: the CPU count).", show_default=False, min=0)] = 0,
    resume: Annotated[bool, typer.Option(
        "--resume", help="Continue an interrupted run from OUT's journal.")] = False,
    reference_date: ReferenceDate = None,
    timezone: Timezone = None,
    nlp: Nlp = "auto",
    include_text: Annotated[bool, typer.Option(
        "--include-text", help="Keep each Event's full text in JSON Lines output.")] = False,
    max_document_bytes: Annotated[int, typer.Option(
        help="Bound on one document's size (archive members included).", min=1)] = 20_000_000,
    max_archive_bytes: Annotated[int, typer.Option(
        help="Bound on what one archive may expand to.", min=1)] = 1_000_000_000,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress, no summary.")] = False,
) -> None:
    """Convert many announcements into one JSON Lines, CSV, iCalendar or JSON-LD file.

    Every input document yields one record (its Event, or its source and error);
    OUT is written atomically at the end. Exit 1 when some documents failed.
    """
    from eventparse.convert import (
        JournalBusyError,
        Limits,
        ParseOptions,
        ResumeMismatchError,
        convert,
    )
    from eventparse.export import SUFFIXES

    _check_settings(reference_date, timezone, nlp)
    if output.is_dir():
        raise _usage_error(f"{output} is a folder; -o takes a file name")
    if not output.parent.is_dir():
        raise _usage_error(f"the folder of {output} does not exist")
    fmt = to.value if to else SUFFIXES.get(output.suffix.lower(), "jsonl")
    options = ParseOptions(reference_date=reference_date, timezone=timezone, nlp_model=nlp,
                           include_text=include_text)
    limits = Limits(document_bytes=max_document_bytes, archive_bytes=max_archive_bytes)
    bar = _ProgressBar(inputs, output, limits, enabled=not quiet and err.is_terminal)
    try:
        with bar:
            summary = convert(inputs, output, fmt, options=options,
                              workers=workers or os.cpu_count() or 1, resume=resume,
                              limits=limits, on_start=bar.start, progress=bar.advance)
    except ResumeMismatchError as exc:
        raise _usage_error(f"cannot resume: {exc}; run again without --resume") from None
    except JournalBusyError as exc:
        raise _usage_error(str(exc)) from None
    except OSError as exc:  # OUT, its journal or its temporary file cannot be written
        raise _usage_error(f"cannot write {exc.filename or output}: "
                           f"{exc.strerror or exc}") from None
    except KeyboardInterrupt:
        err.print("eventparse: interrupted; run the same command with --resume to continue")
        raise typer.Exit(130) from None
    if not quiet:
        resumed = f" ({summary.resumed} from the interrupted run)" if summary.resumed else ""
        err.print(f"{summary.documents} documents{resumed}: {summary.converted} converted "
                  f"({summary.with_problems} with problems), {summary.failed} failed "
                  f"-> {output} ({fmt})", markup=False)
    if summary.failed:
        raise typer.Exit(1)


class _ProgressBar:
    """A rich progress bar on a terminal (documents, rate, time left); nothing otherwise."""

    def __init__(self, inputs: list[str], output: Path, limits: Limits, *,
                 enabled: bool) -> None:
        self.inputs = inputs
        self.output = output
        self.limits = limits
        self.enabled = enabled
        self.task: Any = None

    def __enter__(self) -> _ProgressBar:
        if self.enabled:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.progress = Progress(
                TextColumn("converting"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[rate]} docs/s"), TimeElapsedColumn(),
                TextColumn("left"), TimeRemainingColumn(), console=err, transient=True,
                auto_refresh=False)  # no refresh thread: workers are forked (see convert)
            self.progress.start()
            self.refreshed = 0.0
        return self

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self.progress.stop()

    def start(self, summary: Summary) -> None:
        if not self.enabled:
            return
        total = _count_documents(self.inputs, self.limits, self.output)
        self.task = self.progress.add_task("convert", total=total, completed=summary.documents,
                                           rate="-")
        self.progress.refresh()

    def advance(self, outcome: Outcome) -> None:
        if self.task is None:
            return
        self.progress.advance(self.task)
        now = time.monotonic()
        if now - self.refreshed >= 0.1:
            speed = self.progress.tasks[0].speed
            self.progress.update(self.task, rate=f"{speed:.1f}" if speed else "-")
            self.progress.refresh()
            self.refreshed = now


def _count_documents(inputs: list[str], limits: Limits, output: Path) -> int | None:
    """How many documents the inputs hold (for the time left); None when stdin is read."""
    from eventparse.convert import journal_path
    from eventparse.convert.sources import discover

    if "-" in inputs:
        return None
    return sum(1 for _ in discover(inputs, limits, frozenset({output, journal_path(output)})))


@app.command("validate")
def validate_command(
    files: Annotated[list[Path], typer.Argument(help="Announcement files to check.")],
    format: Annotated[ReportFormat, typer.Option(
        "--format", help="text for people, json for scripts, github for Actions annotations."
    )] = ReportFormat.text,
    fail_on: Annotated[FailOn, typer.Option(
        help="Exit 1 when a problem of this severity or worse is found.")] = FailOn.error,
    reference_date: ReferenceDate = None,
    timezone: Timezone = None,
    nlp: Nlp = "auto",
) -> None:
    """List the problems an editor should fix before publishing.

    Exit 0 when no problem reaches --fail-on, 1 when one does, 2 for unreadable input.
    """
    _check_settings(reference_date, timezone, nlp)
    worst = -1
    unreadable = False
    for path, event in _events(files, reference_date, timezone, nlp):
        if event is None:
            unreadable = True
            continue
        _report(str(path), event.problems, format)
        worst = max([worst, *(SEVERITY_RANK[p.severity] for p in event.problems)])
    if unreadable:
        raise typer.Exit(2)
    if worst >= SEVERITY_RANK[fail_on.value]:
        raise typer.Exit(1)


def _report(source: str, problems: list[Problem], format: ReportFormat) -> None:
    if format is ReportFormat.json:
        typer.echo(json.dumps({"source": source, "problems": [
            {"code": p.code, "severity": p.severity, "message": p.message, "line": p.line,
             "column": p.column} for p in problems]}, ensure_ascii=False))
    elif format is ReportFormat.github:
        for p in problems:
            typer.echo(github_annotation(source, p))
    elif not problems:
        typer.echo(f"{source}: no problems")
    else:
        for p in problems:
            typer.echo(f"{_where(source, p)}: {p.severity} {p.code}: {p.message}")


def _where(source: str, problem: Problem) -> str:
    if problem.line is None:
        return source
    return f"{source}:{problem.line}:{problem.column or 1}"


GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def github_annotation(source: str, problem: Problem) -> str:
    """A GitHub Actions workflow command that annotates the file at the problem.

    >>> github_annotation("a.txt", Problem(code="missing-date", severity="error",
    ...                   message="no date, 100%", line=3, column=1))
    '::error file=a.txt,line=3,col=1,title=missing-date::no date, 100%25'
    """
    props = [f"file={_escape_property(source)}"]
    if problem.line is not None:
        props.append(f"line={problem.line}")
        props.append(f"col={problem.column or 1}")
    props.append(f"title={_escape_property(problem.code)}")
    level = GITHUB_LEVEL[problem.severity]
    return f"::{level} {','.join(props)}::{_escape_data(problem.message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


@app.command("when")
def when_command(
    phrase: Annotated[str, typer.Argument(help='A date/time phrase, e.g. "Tues 3 Mar 10am".')],
    reference: Annotated[str, typer.Option(
        help="The moment the phrase is relative to: YYYY-MM-DD or an ISO datetime.")],
    month_first: Annotated[bool, typer.Option(
        "--month-first", help="Read 03/04 as 4 March (US), not 3 April.")] = False,
) -> None:
    """Print what a date/time phrase denotes, as a JSON list (one entry per day)."""
    from eventparse.when import parse_when

    try:
        moment: dt.date | dt.datetime = (dt.datetime.fromisoformat(reference) if "T" in reference
                                         else dt.date.fromisoformat(reference))
    except ValueError:
        raise _usage_error(f"--reference {reference!r} is not an ISO date or datetime") from None
    try:
        found = parse_when(phrase, reference=moment, day_first=not month_first)
    except NotImplementedError as exc:
        raise _usage_error(f"the date/time grammar is not available yet: {exc}") from None
    typer.echo(json.dumps([w.model_dump(mode="json") for w in found], ensure_ascii=False))


@app.command("explain")
def explain_command(
    file: Annotated[Path, typer.Argument(help="The announcement to explain.")],
    reference_date: ReferenceDate = None,
    timezone: Timezone = None,
    nlp: Nlp = "auto",
) -> None:
    """Show, per field, the chosen value, where it is in the text and the rule that chose it."""
    from rich.table import Table

    _check_settings(reference_date, timezone, nlp)
    try:
        event = parse_file(file, reference_date=reference_date, timezone=timezone, nlp_model=nlp)
    except EventParseError as exc:
        raise _usage_error(f"{file}: {exc}") from None
    table = Table("field", "value", "line:col", "rule", "source text", title=str(file))
    for field_path, evidence in event.provenance.items():
        where = _line_col(event.text, evidence.spans[0].start) if evidence.spans else ""
        table.add_row(field_path, _short(field_value(event, field_path)), where, evidence.rule,
                      _short(evidence.text))
    for problem in event.problems:
        where = f"{problem.line}:{problem.column}" if problem.line else ""
        table.add_row("problem", problem.code, where, problem.severity, _short(problem.message))
    out = Console(highlight=False)
    if out.is_terminal:
        out.print(table)
        return
    piped = Console(highlight=False, width=140)  # piped: don't wrap to a default 80 columns
    with piped.capture() as captured:
        piped.print(table)
    typer.echo("\n".join(line.rstrip() for line in captured.get().splitlines()))


def field_value(event: Event, path: str) -> Any:
    """The value at a provenance path such as ``delivery.platform`` or ``sessions[0]``.

    >>> field_value(Event(audiences=["Social workers"]), "audiences[0]")
    'Social workers'
    """
    value: Any = event.model_dump(mode="json", exclude={"text", "provenance"})
    for part in path.replace("[", ".[").split("."):
        if not part:
            continue
        try:
            value = value[int(part[1:-1])] if part.startswith("[") else value[part]
        except (KeyError, IndexError, TypeError, ValueError):
            return None
    return value


def _line_col(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    return f"{line}:{offset - (text.rfind(chr(10), 0, offset) + 1) + 1}"


def _short(value: Any, limit: int = 70) -> str:
    if isinstance(value, dict) and "start_time" in value:  # a session
        value = f"{value['date']} {value['start_time']}-{value['end_time']}"
    if isinstance(value, dict):  # a presenter, a standard: its short parts
        value = ", ".join(str(v) for k, v in value.items() if v not in (None, [], "")
                          and k not in ("bio", "candidates", "known"))
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def main() -> None:
    app()


if __name__ == "__main__":
    main()
