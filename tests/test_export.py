"""Exports: valid iCalendar, JSON-LD, CSV and JSON Lines, read back with their own parsers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar

from eventparse.export import FORMATS, Failure, Record, write_records
from eventparse.export.csv import COLUMNS
from eventparse.model import Delivery, Event, Presenter, Session, Standard

from .test_cli_support import run, write_listings

LONDON = ZoneInfo("Europe/London")


def _session(day: dt.date, start: tuple[int, int], end: tuple[int, int]) -> Session:
    return Session(date=day, start_time=dt.time(*start), end_time=dt.time(*end),
                   start=dt.datetime.combine(day, dt.time(*start), tzinfo=LONDON),
                   end=dt.datetime.combine(day, dt.time(*end), tzinfo=LONDON))


def two_session_event() -> Event:
    """Either side of the clock change: 16 March is GMT (+00:00), 16 June is BST (+01:00)."""
    return Event(
        title="Working with risk", event_type="workshop", source="in/risk.txt",
        delivery=Delivery(mode="hybrid", platform="Zoom", venue="Civic Centre, Leeds LS1 1UR"),
        sessions=[_session(dt.date(2026, 3, 16), (10, 0), (11, 30)),
                  _session(dt.date(2026, 6, 16), (14, 0), (15, 30))],
        presenters=[Presenter(name="Ann Example"), Presenter(name="Bo Sample")],
        audiences=["Social workers", "Team managers"],
        standards=[Standard(framework="PQS:KSS", name="Child development")],
        learning_outcomes=["Name the risks", "Plan | review"],
        description="A practical day.", booking="https://example.org/book",
    )


RECORDS: list[Record] = [two_session_event(), Failure("in/broken.txt", "not text"),
                         Event(title="Undated talk", source="in/undated.txt")]


def export(fmt: str, records: list[Record] = RECORDS) -> str:
    out = io.StringIO(newline="")
    write_records(fmt, lambda: records, out)
    return out.getvalue()


def test_ics_has_a_vevent_per_dated_session_in_the_events_zone() -> None:
    calendar = icalendar.Calendar.from_ical(export("ics"))
    vevents = calendar.walk("VEVENT")
    assert len(vevents) == 2
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    starts = [v.decoded("DTSTART") for v in vevents]
    assert [s.utcoffset() for s in starts] == [dt.timedelta(0), dt.timedelta(hours=1)]
    assert starts[1].hour == 14 and vevents[1].decoded("DTEND").hour == 15
    assert vevents[0]["DTSTART"].params["TZID"] == "Europe/London"
    assert str(vevents[0]["SUMMARY"]) == "Working with risk (session 1 of 2)"
    assert "Civic Centre" in str(vevents[0]["LOCATION"]) and "Zoom" in str(vevents[0]["LOCATION"])
    assert "A practical day." in str(vevents[0]["DESCRIPTION"])
    assert len({str(v["UID"]) for v in vevents}) == 2


def test_ics_uids_are_stable_across_runs() -> None:
    def uids() -> list[str]:
        return [str(v["UID"]) for v in icalendar.Calendar.from_ical(export("ics")).walk("VEVENT")]

    assert uids() == uids()


def test_ics_all_day_and_online_location() -> None:
    event = Event(title="Drop-in", source="d.txt", sessions=[Session(date=dt.date(2026, 5, 1))],
                  delivery=Delivery(mode="online", platform="Microsoft Teams"))
    [vevent] = icalendar.Calendar.from_ical(export("ics", [event])).walk("VEVENT")
    assert vevent.decoded("DTSTART") == dt.date(2026, 5, 1)
    assert str(vevent["LOCATION"]) == "Online (Microsoft Teams)"


def test_jsonld_is_one_schema_org_event_per_session() -> None:
    items = json.loads(export("jsonld"))
    assert len(items) == 3  # two sessions, and the undated event; the failure gives nothing
    first = items[0]
    assert first["@context"] == "https://schema.org" and first["@type"] == "Event"
    assert first["startDate"] == "2026-03-16T10:00:00+00:00"
    assert items[1]["startDate"] == "2026-06-16T14:00:00+01:00"
    assert items[1]["endDate"] == "2026-06-16T15:30:00+01:00"
    assert first["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [loc["@type"] for loc in first["location"]] == ["Place", "VirtualLocation"]
    assert first["location"][0]["address"] == "Civic Centre, Leeds LS1 1UR"
    assert [p["name"] for p in first["performer"]] == ["Ann Example", "Bo Sample"]
    assert first["audience"][0] == {"@type": "Audience", "audienceType": "Social workers"}
    assert first["educationalAlignment"][0]["@type"] == "AlignmentObject"
    assert first["eventStatus"] == "https://schema.org/EventScheduled"
    assert "startDate" not in items[2]


def test_csv_one_row_per_session_stable_columns_lists_joined() -> None:
    rows = list(csv.DictReader(io.StringIO(export("csv"))))
    assert tuple(rows[0].keys()) == COLUMNS
    assert [r["session"] for r in rows] == ["1", "2", "", ""]
    assert rows[0]["presenters"] == "Ann Example | Bo Sample"
    assert rows[1]["start"] == "2026-06-16T14:00:00+01:00"
    assert rows[2]["error"] == "not text" and rows[2]["source"] == "in/broken.txt"
    assert rows[3]["title"] == "Undated talk"


def test_jsonl_one_line_per_record_without_text() -> None:
    lines = [json.loads(line) for line in export("jsonl").splitlines()]
    assert [line.get("source") for line in lines] == ["in/risk.txt", "in/broken.txt",
                                                     "in/undated.txt"]
    assert "text" not in lines[0] and lines[1] == {"source": "in/broken.txt", "error": "not text"}


def test_convert_writes_every_format_readably(tmp_path: Path) -> None:
    write_listings(tmp_path / "in", 3)
    (tmp_path / "in" / "bad.txt").write_bytes(b"\x00binary")
    for fmt in FORMATS:
        out = tmp_path / f"out.{fmt}"
        result = run("convert", tmp_path / "in", "-o", out, "--nlp", "blank",
                     "--reference-date", "2026-01-15", "--workers", "1")
        assert result.returncode == 1, result.stderr  # bad.txt failed
        text = out.read_text(encoding="utf-8")
        if fmt == "ics":
            icalendar.Calendar.from_ical(text)
        elif fmt == "jsonld":
            assert all(item["@type"] == "Event" for item in json.loads(text))
        elif fmt == "csv":
            assert len(list(csv.DictReader(io.StringIO(text)))) >= 4
        else:
            assert len(text.splitlines()) == 4


def test_ics_utc_event_needs_no_vtimezone() -> None:
    event = Event(title="Call", source="c.txt", timezone="UTC",
                  sessions=[Session(date=dt.date(2026, 7, 1), start_time=dt.time(9, 30))])
    calendar = icalendar.Calendar.from_ical(export("ics", [event]))
    assert calendar.walk("VTIMEZONE") == []
    [vevent] = calendar.walk("VEVENT")
    assert vevent.decoded("DTSTART") == dt.datetime(2026, 7, 1, 9, 30, tzinfo=dt.timezone.utc)


def test_ics_and_jsonld_say_what_the_events_say(tmp_path: Path) -> None:
    listings = Path(__file__).parent / "data" / "listings"
    outputs = {}
    for fmt in ("jsonl", "ics", "jsonld", "csv"):
        outputs[fmt] = tmp_path / f"listings.{fmt}"
        result = run("convert", str(listings / "*.txt"), str(listings / "*.html"), "-o",
                     outputs[fmt], "--nlp", "blank", "--reference-date", "2026-01-15")
        assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in outputs["jsonl"].read_text().splitlines()]
    starts = [dt.datetime.fromisoformat(s["start"]) for e in events for s in e["sessions"]
              if s["start"]]
    assert starts, "no listing gave a timed session"
    calendar = icalendar.Calendar.from_ical(outputs["ics"].read_text())
    vevent_starts = [v.decoded("DTSTART") for v in calendar.walk("VEVENT")]
    assert sorted(starts) == sorted(s for s in vevent_starts if isinstance(s, dt.datetime))
    jsonld = json.loads(outputs["jsonld"].read_text())
    jsonld_starts = [dt.datetime.fromisoformat(i["startDate"]) for i in jsonld
                     if "T" in i.get("startDate", "")]
    assert sorted(starts) == sorted(jsonld_starts)
    rows = list(csv.DictReader(io.StringIO(outputs["csv"].read_text())))
    assert len(rows) == sum(max(1, len(e["sessions"])) for e in events)
    assert [r["source"] for r in rows if r["session"] in ("", "1")] == [e["source"] for e in events]
