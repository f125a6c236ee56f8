"""schema.org JSON-LD following Google's Event structured-data guidance.

The output is one JSON array of Event objects, each with its own ``@context``,
ready to be placed in a page's ``<script type="application/ld+json">``. Google
asks for a separate Event per date, so a multi-session event becomes one Event
per session (an event with no session gives one Event without ``startDate``).
Each has ``name``, ``startDate``/``endDate`` (ISO 8601 with the UTC offset, or
a date), ``eventAttendanceMode``, ``eventStatus``, ``location`` (a ``Place``
with its address, a ``VirtualLocation``, or both for a hybrid event),
``performer`` (``Person``), ``audience`` (``Audience``), ``description`` and
the cited professional standards as ``educationalAlignment``
(``AlignmentObject``: the framework and the statement's title). Documents that
failed produce nothing here; the convert summary counts them.
"""

from __future__ import annotations

import json
from typing import Any

from eventparse.export import Exporter, Failure, Record
from eventparse.model import Event, Session

CONTEXT = "https://schema.org"
ATTENDANCE = {
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "in_person": "https://schema.org/OfflineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}


class JsonLdExporter(Exporter):
    name = "jsonld"

    def begin(self) -> None:
        self.out.write("[")
        self.written = 0

    def write(self, record: Record) -> None:
        if isinstance(record, Failure):
            return
        for item in jsonld(record):
            self.out.write(",\n" if self.written else "\n")
            self.out.write(json.dumps(item, ensure_ascii=False))
            self.written += 1

    def end(self) -> None:
        self.out.write("\n]\n")


def jsonld(event: Event) -> list[dict[str, Any]]:
    """The schema.org Event objects of one event: one per session, at least one.

    >>> from eventparse.model import Delivery
    >>> [item["eventAttendanceMode"] for item in jsonld(Event(
    ...     title="Talk", delivery=Delivery(mode="online", platform="Zoom")))]
    ['https://schema.org/OnlineEventAttendanceMode']
    """
    shared = _shared(event)
    if not event.sessions:
        return [shared]
    return [dict(shared, **_dates(session)) for session in event.sessions]


def _shared(event: Event) -> dict[str, Any]:
    item: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Event",
        "name": event.title or "Untitled event",
        "eventStatus": "https://schema.org/EventScheduled",
    }
    if event.delivery.mode:
        item["eventAttendanceMode"] = ATTENDANCE[event.delivery.mode]
    if location := _location(event):
        item["location"] = location
    if event.description:
        item["description"] = event.description
    if event.presenters:
        item["performer"] = [{"@type": "Person", "name": p.name} for p in event.presenters]
    if event.audiences:
        item["audience"] = [{"@type": "Audience", "audienceType": a} for a in event.audiences]
    if event.standards:
        item["educationalAlignment"] = [
            {"@type": "AlignmentObject", "alignmentType": "educationalSubject",
             "educationalFramework": s.framework, "targetName": s.name}
            for s in event.standards
        ]
    if event.booking and event.booking.startswith(("http://", "https://")):
        item["url"] = event.booking
    if event.price:
        item["offers"] = {"@type": "Offer", "description": event.price}
    return item


def _location(event: Event) -> list[dict[str, Any]] | dict[str, Any] | None:
    delivery = event.delivery
    places: list[dict[str, Any]] = []
    if delivery.venue:
        places.append({"@type": "Place", "name": delivery.venue.split(",")[0].strip(),
                       "address": delivery.venue})
    if delivery.platform or delivery.mode in ("online", "hybrid"):
        virtual: dict[str, Any] = {"@type": "VirtualLocation"}
        if delivery.platform:
            virtual["name"] = delivery.platform
        if event.booking and event.booking.startswith(("http://", "https://")):
            virtual["url"] = event.booking
        places.append(virtual)
    if not places:
        return None
    return places[0] if len(places) == 1 else places


def _dates(session: Session) -> dict[str, str]:
    dates: dict[str, str] = {}
    if session.start:
        dates["startDate"] = session.start.isoformat()
    elif session.date:
        dates["startDate"] = session.date.isoformat()
    if session.end and (session.start is None or session.end > session.start):
        dates["endDate"] = session.end.isoformat()
    return dates
