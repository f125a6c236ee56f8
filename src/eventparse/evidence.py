"""Where a page's machine-readable data (schema.org JSON-LD, microdata, ``<time datetime>``)
disagrees with the Event read from its visible text. The visible text wins; each
disagreement names both values, for the ``structured-data-mismatch`` rule.

Times compare as instants: a JSON-LD ``2026-06-16T08:30:00Z`` is the same moment
as 09:30 BST, so it agrees with a session at 09:30 Europe/London. A value with no
offset is wall-clock time in the event's zone; a date alone compares with dates.
A ``<time>`` element is compared only with the session whose text it marks up (a
booking deadline in a ``<time>`` is no session). A page that declares several
events is compared only on those whose name matches the title.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from eventparse.document import StructuredEvent, schema_datetime
from eventparse.model import Event, Session
from eventparse.sections import fold

Span = tuple[int | None, int | None]


@dataclass(frozen=True)
class Disagreement:
    """One value the structured data gives differently, and where the text's value is."""

    message: str
    start: int | None = None
    end: int | None = None


def disagreements(event: Event, structured: list[StructuredEvent]) -> list[Disagreement]:
    """Every way ``structured`` disagrees with ``event`` (see the module doc)."""
    zone = ZoneInfo(event.timezone)
    found: list[Disagreement] = []
    for item in _own_items(event, structured):
        sessions = _sessions_for(event, item)
        found += _times(item, sessions, zone, event.timezone)
        found += _mode(event, item) + _name(event, item)
    return found


def same_name(name: str, title: str) -> bool:
    """Whether two titles name the same event: at least half the shorter's words shared.

    >>> same_name("Preparing for adulthood 2026 | Network", "Preparing for adulthood 2026")
    True
    >>> same_name("Court skills day", "Trauma-informed supervision")
    False
    """
    words, title_words = set(fold(name).split()), set(fold(title).split())
    return len(words & title_words) * 2 >= min(len(words), len(title_words))


def _own_items(event: Event, structured: list[StructuredEvent]) -> list[StructuredEvent]:
    declared = [item for item in structured if item.source != "time"]
    if len(declared) > 1 and event.title:  # several events declared: only the page's own
        declared = [d for d in declared if d.name and same_name(d.name, event.title)]
    return declared + [item for item in structured if item.source == "time"]


def _label(item: StructuredEvent) -> str:
    return "<time datetime>" if item.source == "time" else item.source


def field_span(event: Event, path: str) -> Span:
    """The first span a field's value came from, or (None, None)."""
    evidence = event.provenance.get(path)
    if evidence is None or not evidence.spans:
        return None, None
    return evidence.spans[0].start, evidence.spans[0].end


def _sessions_for(event: Event, item: StructuredEvent) -> list[tuple[Session, Span]]:
    """The sessions an item speaks of: all of them, or for a <time> the one it marks up."""
    found = [(s, field_span(event, f"sessions[{i}]")) for i, s in enumerate(event.sessions)]
    if item.source != "time":
        return found
    return [(s, span) for s, span in found if _overlaps(span, item.span)]


def _overlaps(span: Span, other: tuple[int, int] | None) -> bool:
    start, end = span
    return (other is not None and start is not None and end is not None
            and start < other[1] and other[0] < end)


def _times(item: StructuredEvent, sessions: list[tuple[Session, Span]], zone: ZoneInfo,
           zone_name: str) -> list[Disagreement]:
    found: list[Disagreement] = []
    if not sessions:
        return found
    for label, raw, is_end in (("startDate", item.start, False), ("endDate", item.end, True)):
        value = schema_datetime(raw, zone)
        if value is None:
            continue
        if isinstance(value, dt.datetime):
            # A <time> may mark up either end of a session's range.
            moments = [s.end if is_end else s.start for s, _ in sessions]
            if item.source == "time":
                moments += [s.end for s, _ in sessions]
            problem = _instant_problem(value.astimezone(zone), sessions, moments, zone_name)
        else:
            problem = _date_problem(value, sessions)
        if problem:
            start, end = sessions[0][1]
            found.append(Disagreement(f"the page's {_label(item)} {label} {raw!r} {problem}",
                                      start, end))
    return found


def _instant_problem(moment: dt.datetime, sessions: list[tuple[Session, Span]],
                     moments: list[dt.datetime | None], zone_name: str) -> str | None:
    known = [m for m in moments if m is not None]
    if (not known or moment in known) and any(s.date == moment.date() for s, _ in sessions):
        return None
    written = ", ".join(f"{m.astimezone(moment.tzinfo):%Y-%m-%d %H:%M}" for m in known)
    written = written or ", ".join(s.date.isoformat() for s, _ in sessions if s.date)
    return (f"({moment:%Y-%m-%d %H:%M} {zone_name}) disagrees with its text "
            f"({written or 'no date'})")


def _date_problem(day: dt.date, sessions: list[tuple[Session, Span]]) -> str | None:
    if any(s.date == day for s, _ in sessions):
        return None
    written = ", ".join(s.date.isoformat() for s, _ in sessions if s.date) or "no date"
    return f"disagrees with its text ({written})"


def _mode(event: Event, item: StructuredEvent) -> list[Disagreement]:
    if not item.attendance_mode or not event.delivery.mode:
        return []
    if item.attendance_mode == event.delivery.mode:
        return []
    start, end = field_span(event, "delivery.mode")
    return [Disagreement(f"the page's {_label(item)} attendance mode is {item.attendance_mode} "
                         f"but its text says {event.delivery.mode}", start, end)]


def _name(event: Event, item: StructuredEvent) -> list[Disagreement]:
    if not item.name or not event.title or same_name(item.name, event.title):
        return []
    start, end = field_span(event, "title")
    return [Disagreement(f"the page's {_label(item)} name {item.name!r} disagrees with its "
                         f"title {event.title!r}", start, end)]
