"""iCalendar (RFC 5545) with the ``icalendar`` package: one VEVENT per session.

Times are written in the event's own time zone (``DTSTART;TZID=Europe/London:...``)
and the calendar carries a VTIMEZONE for each zone it uses, covering the years
its events fall in, so a calendar shows the wall-clock time the listing gives.
A session with a date and no time becomes an all-day event. SUMMARY is the
title (``(session 2 of 3)`` added when there are several), DESCRIPTION the
description with the presenters and booking details, LOCATION the venue, or the
online platform. The UID hashes the document's source and the session's
position, so converting the same archive again gives the same UIDs and a
calendar updates its events instead of duplicating them.

Documents that failed, and events without any dated session, produce no VEVENT
(a calendar has no place for them); the convert summary counts them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TextIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Event as VEvent
from icalendar import Timezone

from eventparse.export import Exporter, Failure, Record
from eventparse.model import Event, Session

PRODID = "-//eventparse//eventparse//EN"
UTC_NAMES = {"UTC", "Etc/UTC", "GMT", "Etc/GMT", "Zulu"}


class IcsExporter(Exporter):
    name = "ics"
    needs_scan = True

    def __init__(self, out: TextIO, *, include_text: bool = False) -> None:
        super().__init__(out, include_text=include_text)
        self.zone_dates: dict[str, tuple[dt.date, dt.date]] = {}
        self.in_utc: set[str] = set(UTC_NAMES)
        self.stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)

    def scan(self, record: Record) -> None:
        if isinstance(record, Failure) or _zone(record.timezone) is None:
            return
        for session in record.sessions:
            if session.date and record.timezone not in UTC_NAMES:
                low, high = self.zone_dates.get(record.timezone, (session.date, session.date))
                self.zone_dates[record.timezone] = (min(low, session.date),
                                                    max(high, session.date))

    def begin(self) -> None:
        self._line("BEGIN:VCALENDAR")
        self._line("VERSION:2.0")
        self._line(f"PRODID:{PRODID}")
        self._line("CALSCALE:GREGORIAN")
        for name, (low, high) in sorted(self.zone_dates.items()):
            try:
                timezone = Timezone.from_tzid(name, first_date=dt.date(low.year - 1, 1, 1),
                                              last_date=dt.date(high.year + 2, 1, 1))
            except ValueError:  # a zone icalendar cannot describe: its events go in UTC
                self.in_utc.add(name)
                continue
            self.out.write(timezone.to_ical().decode())

    def write(self, record: Record) -> None:
        if isinstance(record, Failure):
            return
        for vevent in vevents(record, self.stamp, in_utc=record.timezone in self.in_utc):
            self.out.write(vevent.to_ical().decode())

    def end(self) -> None:
        self._line("END:VCALENDAR")

    def _line(self, text: str) -> None:
        self.out.write(text + "\r\n")


def vevents(event: Event, stamp: dt.datetime, *, in_utc: bool = False) -> list[VEvent]:
    """One VEVENT per dated session of ``event`` (times in UTC when ``in_utc``)."""
    dated = [(i, s) for i, s in enumerate(event.sessions) if s.date]
    found = []
    for index, session in dated:
        vevent = VEvent()
        vevent.add("uid", uid(event, index))
        vevent.add("dtstamp", stamp)
        summary = event.title or "Untitled event"
        if len(event.sessions) > 1:
            summary += f" (session {index + 1} of {len(event.sessions)})"
        vevent.add("summary", summary)
        start, end = session_bounds(session, event.timezone, as_utc=in_utc)
        vevent.add("dtstart", start)
        if end is not None:
            vevent.add("dtend", end)
        if description := _description(event):
            vevent.add("description", description)
        if location := location_text(event):
            vevent.add("location", location)
        if event.booking and event.booking.startswith(("http://", "https://")):
            vevent.add("url", event.booking)
        found.append(vevent)
    return found


def uid(event: Event, index: int) -> str:
    """A UID stable across runs: a hash of the source (else the title) and the session.

    >>> uid(Event(source="a.txt"), 0) == uid(Event(source="a.txt", title="Changed"), 0)
    True
    """
    key = event.source or event.title or event.description or ""
    digest = hashlib.sha256(f"{key}\x00{index}".encode()).hexdigest()[:32]
    return f"{digest}@eventparse"


def session_bounds(session: Session, zone_name: str, *, as_utc: bool = False
                   ) -> tuple[dt.datetime | dt.date, dt.datetime | dt.date | None]:
    """DTSTART and DTEND: aware datetimes in the event's zone (or UTC), or an all-day date."""
    assert session.date is not None
    zone = _zone(zone_name) or dt.timezone.utc
    if as_utc:
        local_start, local_end = session_bounds(session, zone_name)
        return _to_utc(local_start), _to_utc(local_end) if local_end is not None else None
    start = _at(session.start, session.date, session.start_time, zone)
    if start is None:
        return session.date, session.date + dt.timedelta(days=1)
    end = _at(session.end, session.date, session.end_time, zone)
    if end is not None and end <= start:
        end = None  # an end before the start is flagged as a problem; DTEND must follow DTSTART
    return start, end


def _to_utc(moment: dt.datetime | dt.date) -> dt.datetime | dt.date:
    if isinstance(moment, dt.datetime):
        return moment.astimezone(dt.timezone.utc)
    return moment


def _at(moment: dt.datetime | None, day: dt.date, clock: dt.time | None,
        zone: dt.tzinfo) -> dt.datetime | None:
    if moment is not None:
        return moment.astimezone(zone)
    if clock is None:
        return None
    return dt.datetime.combine(day, clock, tzinfo=zone)


def _zone(name: str) -> dt.tzinfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def location_text(event: Event) -> str | None:
    """The venue, the online platform, or both for a hybrid event.

    >>> from eventparse.model import Delivery
    >>> location_text(Event(delivery=Delivery(mode="online", platform="Zoom")))
    'Online (Zoom)'
    """
    delivery = event.delivery
    online = f"Online ({delivery.platform})" if delivery.platform else "Online"
    if delivery.venue and delivery.mode == "hybrid":
        return f"{delivery.venue}; {online.lower()[0]}{online[1:]}"
    if delivery.venue:
        return delivery.venue
    if delivery.platform or delivery.mode in ("online", "hybrid"):
        return online
    return None


def _description(event: Event) -> str:
    parts = [event.description or ""]
    if event.presenters:
        parts.append("Presenters: " + ", ".join(p.name for p in event.presenters))
    if event.booking:
        parts.append("Booking: " + event.booking)
    return "\n\n".join(p for p in parts if p)
