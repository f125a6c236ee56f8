"""Problems an editor should fix before publishing: one small rule per code.

Severities: ``error`` for what makes a listing wrong or unusable (no date, an
end before its start), ``warning`` for what an editor should check, ``info``
for the cosmetic.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from eventparse.document import Document
from eventparse.model import Event, Problem, Severity, Span

SEVERITY: dict[str, Severity] = {
    "missing-title": "error",
    "missing-date": "error",
    "missing-time": "warning",
    "end-before-start": "error",
    "weekday-mismatch": "error",
    "date-in-past": "warning",
    "online-without-platform": "warning",
    "in-person-without-venue": "warning",
    "unknown-audience": "info",
    "unknown-standard": "warning",
    "structured-data-mismatch": "warning",
    "duplicate-text": "warning",
    "mojibake": "warning",
    "no-event": "error",
}

Rule = Callable[[Event, Document], list[Problem]]


def problem(doc: Document, code: str, message: str, start: int | None = None,
            end: int | None = None) -> Problem:
    """A Problem with its severity from SEVERITY and its line/column from the span."""
    if start is None:
        return Problem(code=code, severity=SEVERITY.get(code, "warning"), message=message)
    line, column = doc.line_col(start)
    return Problem(code=code, severity=SEVERITY.get(code, "warning"), message=message,
                   span=Span(start=start, end=end if end is not None else start),
                   line=line, column=column)


def missing_title(event: Event, doc: Document) -> list[Problem]:
    if event.title:
        return []
    return [problem(doc, "missing-title", "the listing has no title")]


def missing_date(event: Event, doc: Document) -> list[Problem]:
    if any(s.date for s in event.sessions):
        return []
    return [problem(doc, "missing-date", "the listing gives no date for the event")]


def missing_time(event: Event, doc: Document) -> list[Problem]:
    untimed = [s for s in event.sessions if s.date and s.start_time is None]
    if not untimed:
        return []
    return [problem(doc, "missing-time", "a session has a date but no start time")]


def end_before_start(event: Event, doc: Document) -> list[Problem]:
    found = []
    for index, s in enumerate(event.sessions):
        if s.start_time and s.end_time and s.end_time < s.start_time:
            span = event.provenance.get(f"sessions[{index}]")
            start = span.spans[0].start if span else None
            end = span.spans[0].end if span else None
            found.append(problem(doc, "end-before-start",
                                 f"session ends ({s.end_time:%H:%M}) before it starts "
                                 f"({s.start_time:%H:%M})", start, end))
    return found


def date_in_past(event: Event, doc: Document) -> list[Problem]:
    today = event.reference_date
    if today is None:
        return []
    found = []
    for index, s in enumerate(event.sessions):
        if s.date and s.date < today:
            span = event.provenance.get(f"sessions[{index}]")
            start = span.spans[0].start if span else None
            end = span.spans[0].end if span else None
            found.append(problem(doc, "date-in-past",
                                 f"session date {s.date.isoformat()} is before the reference "
                                 f"date {today.isoformat()}", start, end))
    return found[:1]


def online_without_platform(event: Event, doc: Document) -> list[Problem]:
    if event.delivery.mode in ("online", "hybrid") and not event.delivery.platform:
        return [problem(doc, "online-without-platform",
                        "the event is online but the listing names no platform")]
    return []


def in_person_without_venue(event: Event, doc: Document) -> list[Problem]:
    if event.delivery.mode in ("in_person", "hybrid") and not event.delivery.venue:
        return [problem(doc, "in-person-without-venue",
                        "the event is in person but the listing names no venue")]
    return []


RULES: tuple[Rule, ...] = (
    missing_title,
    missing_date,
    missing_time,
    end_before_start,
    date_in_past,
    online_without_platform,
    in_person_without_venue,
)


def validate(event: Event, doc: Document, noticed: list[Problem]) -> list[Problem]:
    """The problems extractors noticed, then each rule's, one per code and span."""
    found: list[Problem] = list(noticed)
    for rule in RULES:
        found.extend(rule(event, doc))
    unique: dict[tuple[str, int | None], Problem] = {}
    for p in found:
        unique.setdefault((p.code, p.span.start if p.span else None), p)
    return sorted(unique.values(), key=lambda p: (p.span.start if p.span else -1, p.code))


def reference_or_today(reference: dt.date | None) -> dt.date:
    return reference or dt.date.today()
