"""CSV: one row per session, with stable columns (``COLUMNS``).

An event with no session still gets one row (its session columns empty), and a
document that failed gets one row with ``source`` and ``error``, so every
document appears at least once. List fields are joined with `` | `` (a
separator that the values themselves practically never contain); a standard
is written ``FRAMEWORK: name``, a problem by its code.
"""

from __future__ import annotations

import csv
from typing import Any

from eventparse.export import Exporter, Failure, Record
from eventparse.model import Event, Session

COLUMNS = (
    "source", "session", "sessions", "title", "event_type", "delivery_mode", "platform",
    "venue", "timezone", "date", "start_time", "end_time", "start", "end", "presenters",
    "audiences", "standards", "learning_outcomes", "description", "price", "booking",
    "problems", "error",
)
LIST_SEPARATOR = " | "


class CsvExporter(Exporter):
    name = "csv"

    def begin(self) -> None:
        self.writer = csv.DictWriter(self.out, fieldnames=COLUMNS, lineterminator="\n")
        self.writer.writeheader()

    def write(self, record: Record) -> None:
        for row in rows(record):
            self.writer.writerow(row)


def rows(record: Record) -> list[dict[str, Any]]:
    """The CSV rows of one record: one per session, at least one.

    >>> [r["error"] for r in rows(Failure("a.txt", "not text"))]
    ['not text']
    >>> rows(Event(title="Talk"))[0]["session"]
    ''
    """
    if isinstance(record, Failure):
        return [{"source": record.source, "error": record.error}]
    shared = _event_columns(record)
    if not record.sessions:
        return [dict(shared, session="")]
    return [dict(shared, session=index, **_session_columns(session))
            for index, session in enumerate(record.sessions, 1)]


def _event_columns(event: Event) -> dict[str, Any]:
    return {
        "source": event.source or "",
        "sessions": len(event.sessions),
        "title": event.title or "",
        "event_type": event.event_type or "",
        "delivery_mode": event.delivery.mode or "",
        "platform": event.delivery.platform or "",
        "venue": event.delivery.venue or "",
        "timezone": event.timezone,
        "presenters": LIST_SEPARATOR.join(p.name for p in event.presenters),
        "audiences": LIST_SEPARATOR.join(event.audiences),
        "standards": LIST_SEPARATOR.join(f"{s.framework}: {s.name}" for s in event.standards),
        "learning_outcomes": LIST_SEPARATOR.join(event.learning_outcomes),
        "description": event.description or "",
        "price": event.price or "",
        "booking": event.booking or "",
        "problems": LIST_SEPARATOR.join(p.code for p in event.problems),
        "error": "",
    }


def _session_columns(session: Session) -> dict[str, str]:
    return {
        "date": session.date.isoformat() if session.date else "",
        "start_time": session.start_time.strftime("%H:%M") if session.start_time else "",
        "end_time": session.end_time.strftime("%H:%M") if session.end_time else "",
        "start": session.start.isoformat() if session.start else "",
        "end": session.end.isoformat() if session.end else "",
    }
