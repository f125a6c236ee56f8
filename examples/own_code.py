"""Use the Event model in your own code: a plain-text digest of the online events in a folder.

    python examples/own_code.py [FOLDER]

Shows the typed model (aware datetimes, delivery, problems) and provenance:
where in the text each session was read.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import eventparse
from eventparse import Event

LISTINGS = Path(__file__).resolve().parent.parent / "tests" / "data" / "listings"


def online_events(folder: Path, reference: dt.date) -> list[Event]:
    """The online events among a folder's listings that have a session, soonest first."""
    events = []
    for path in sorted(folder.glob("*.txt")):
        try:
            event = eventparse.parse_file(path, reference_date=reference)
        except eventparse.EventParseError as exc:
            print(f"skipped {path.name}: {exc}")
            continue
        if event.delivery.mode == "online" and event.sessions and event.sessions[0].start:
            events.append(event)
    return sorted(events, key=lambda e: e.sessions[0].start or dt.datetime.max)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", type=Path, default=LISTINGS)
    args = parser.parse_args()
    for event in online_events(args.folder, dt.date(2026, 1, 1)):
        first = event.sessions[0]
        where = event.provenance.get("sessions[0]")
        line = event.text.count("\n", 0, where.spans[0].start) + 1 if where else "?"
        print(f"{first.start:%a %d %b %Y %H:%M %Z}  {event.delivery.platform or 'online':15s} "
              f"{event.title}  (date read from line {line})")


if __name__ == "__main__":
    main()
