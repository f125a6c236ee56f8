"""The ``eventparse`` command line (typer)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from eventparse.errors import EventParseError
from eventparse.pipeline import parse_file

app = typer.Typer(help="Read event announcements into structured data.", no_args_is_help=True)


@app.callback()
def _root() -> None:
    """Read event announcements into structured data."""


@app.command("parse")
def parse_command(
    files: Annotated[list[Path], typer.Argument(help="Announcement files to parse.")],
    reference_date: Annotated[
        str | None, typer.Option(help="Today for the listing, YYYY-MM-DD.")
    ] = None,
    timezone: Annotated[str, typer.Option(help="IANA zone of the times.")] = "Europe/London",
    pretty: Annotated[bool, typer.Option(help="Indent the JSON.")] = False,
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
