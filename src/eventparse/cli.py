"""The ``eventparse`` command line (typer)."""

from __future__ import annotations

from pathlib import Path

import typer

from eventparse.errors import EventParseError
from eventparse.pipeline import parse_file

app = typer.Typer(help="Read event announcements into structured data.", no_args_is_help=True)


@app.callback()
def _root() -> None:
    """Read event announcements into structured data."""


@app.command("parse")
def parse_command(
    files: list[Path] = typer.Argument(..., help="Announcement files to parse."),
    reference_date: str | None = typer.Option(None, help="Today for the listing, YYYY-MM-DD."),
    timezone: str = typer.Option("Europe/London", help="IANA zone of the event's times."),
    pretty: bool = typer.Option(False, help="Indent the JSON."),
) -> None:
    """Print each file's Event as JSON (JSON Lines for several files)."""
    indent = 2 if pretty else None
    failed = False
    for path in files:
        try:
            event = parse_file(path, reference_date=reference_date, timezone=timezone)
        except EventParseError as exc:
            typer.echo(f"eventparse: {path}: {exc}", err=True)
            failed = True
            continue
        typer.echo(event.model_dump_json(indent=indent, exclude={"text"}))
    if failed:
        raise typer.Exit(2)


def main() -> None:
    app()
