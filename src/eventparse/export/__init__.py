"""Exports: turn parsed records into JSON Lines, CSV, iCalendar or schema.org JSON-LD.

A *record* is what one input document became: an ``Event``, or a ``Failure``
(``source`` and ``error``) when the document could not be parsed at all.
Every exporter writes to a text stream, one record at a time, so a batch of any
size streams through it. Exporters that need to see everything first (the
iCalendar one collects each time zone's date range for its VTIMEZONE) set
``needs_scan`` and are shown every record by ``scan`` before ``begin``.

>>> import io
>>> from eventparse.model import Event
>>> out = io.StringIO()
>>> write_records("jsonl", lambda: [Failure("a.txt", "not text")], out)
>>> out.getvalue()
'{"source": "a.txt", "error": "not text"}\\n'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TextIO

from eventparse.model import Event


@dataclass(frozen=True)
class Failure:
    """A document that could not be parsed: where it came from and why."""

    source: str
    error: str


Record = Event | Failure


class Exporter:
    """Base class: ``begin``, then ``write`` per record, then ``end``."""

    name = ""
    needs_scan = False

    def __init__(self, out: TextIO, *, include_text: bool = False) -> None:
        self.out = out
        self.include_text = include_text

    def scan(self, record: Record) -> None:
        """See a record before writing starts (only when ``needs_scan``)."""

    def begin(self) -> None:
        """Write what precedes the records (a header row, BEGIN:VCALENDAR)."""

    def write(self, record: Record) -> None:
        raise NotImplementedError

    def end(self) -> None:
        """Write what follows the records."""


FORMATS = ("jsonl", "csv", "ics", "jsonld")
SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".ics": "ics",
            ".jsonld": "jsonld", ".json": "jsonld"}


def exporter_for(fmt: str, out: TextIO, *, include_text: bool = False) -> Exporter:
    """The exporter for a format name (one of ``FORMATS``)."""
    from eventparse.export.csv import CsvExporter
    from eventparse.export.ics import IcsExporter
    from eventparse.export.jsonl import JsonlExporter
    from eventparse.export.jsonld import JsonLdExporter

    classes: dict[str, type[Exporter]] = {
        "jsonl": JsonlExporter, "csv": CsvExporter, "ics": IcsExporter, "jsonld": JsonLdExporter}
    if fmt not in classes:
        raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(FORMATS)}")
    return classes[fmt](out, include_text=include_text)


def write_records(fmt: str, records: Callable[[], Iterable[Record]], out: TextIO, *,
                  include_text: bool = False) -> None:
    """Write every record in ``fmt`` to ``out``.

    ``records`` is called once, or twice for an exporter that scans first, so a
    caller can stream from a file each time instead of holding the records.
    """
    exporter = exporter_for(fmt, out, include_text=include_text)
    if exporter.needs_scan:
        for record in records():
            exporter.scan(record)
    exporter.begin()
    for record in records():
        exporter.write(record)
    exporter.end()


__all__ = ["FORMATS", "SUFFIXES", "Exporter", "Failure", "Record", "exporter_for",
           "write_records"]
