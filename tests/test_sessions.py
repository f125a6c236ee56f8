"""The sessions extractor: which mentions are sittings, problems it notices, seminars."""

from __future__ import annotations

import datetime as dt
from typing import Any

import eventparse
from eventparse.evaluate import predicted

from .conftest import shared_path

REF = "2026-01-15"


def _sessions(text: str, reference: str = REF) -> list[dict[str, Any]]:
    event = eventparse.parse(text, reference_date=reference, nlp_model="blank")
    sessions: list[dict[str, Any]] = predicted(event)["sessions"]
    return sessions


def _codes(text: str) -> set[str]:
    event = eventparse.parse(text, reference_date=REF, nlp_model="blank")
    return {p.code for p in event.problems}


def test_weekday_mismatch_is_flagged_at_the_weekday() -> None:
    text = "Briefing\nDate: Tuesday 12 February 2026\nTime: 10:00 – 12:00\nOnline via Zoom"
    event = eventparse.parse(text, reference_date=REF, nlp_model="blank")
    [problem] = [p for p in event.problems if p.code == "weekday-mismatch"]
    assert problem.span is not None
    assert text[problem.span.start:problem.span.end] == "Tuesday"
    assert problem.severity == "error"
    assert "weekday-mismatch" not in _codes(text.replace("Tuesday", "Thursday"))


def test_sessions_are_aware_in_the_event_zone_across_the_clock_change() -> None:
    text = "Webinar\nDate: 16 March 2026, 10:00-11:00\nDate: 16 June 2026, 10:00-11:00"
    event = eventparse.parse(text, reference_date=REF, nlp_model="blank")
    assert [s.start.isoformat() for s in event.sessions if s.start] == [
        "2026-03-16T10:00:00+00:00", "2026-06-16T10:00:00+01:00"]


def test_a_time_in_another_zone_is_converted_to_the_event_wall_clock() -> None:
    event = eventparse.parse("Webinar\nDate: Monday 16 March 2026\nTime: 14:00 CET",
                             reference_date=REF, nlp_model="blank", timezone="Europe/London")
    assert str(event.sessions[0].start_time) == "13:00:00"


def test_the_same_time_on_a_second_clock_is_not_a_second_sitting() -> None:
    text = "Webinar\nDate: Monday 16 March 2026\nTime: 2pm GMT (10am ET)"
    assert _sessions(text) == [{"date": "2026-03-16", "start_time": "14:00", "end_time": None}]


def test_not_sittings() -> None:
    text = ("Practice forum\nDate: Thursday 26 February 2026\nRegistration and coffee from "
            "9:00\nTime: 9:30am – 4:30pm\nBooking closes on 19 February 2026.\n"
            "Lunch is served at 12:30.\n\nAbout the forum\nLast year's forum took place on "
            "27 February 2025.")
    assert _sessions(text) == [{"date": "2026-02-26", "start_time": "09:30", "end_time": "16:30"}]


def test_numbers_that_only_look_like_dates() -> None:
    text = ("Workshop\nDate: 4 March 2026\nTime: 09:30 for 10:00 start, finishing at 12:30\n"
            "Venue: Room 2/14, Civic Centre\nPlaces are limited to 20. Ages 11-16.")
    assert _sessions(text) == [{"date": "2026-03-04", "start_time": "10:00", "end_time": "12:30"}]


def test_mail_header_date_is_not_a_sitting() -> None:
    text = ("From: Team <team@example.org>\nDate: Mon 1 Dec 2025 09:12\nTo: Leads\n"
            "Subject: Forum\n\nForum\nThursday 15 January 2026, 1.15pm – 3.45pm")
    assert _sessions(text, "2025-12-01") == [
        {"date": "2026-01-15", "start_time": "13:15", "end_time": "15:45"}]


def test_agenda_times_are_not_sittings() -> None:
    text = ("Conference\nDate: Thursday 18 June 2026\nTime: 10am – 3.30pm\n\nProgramme\n"
            "10:00 | Welcome\n10:15 | Keynote\n12:30 | Lunch\n15:30 | Close")
    assert _sessions(text) == [{"date": "2026-06-18", "start_time": "10:00", "end_time": "15:30"}]


def test_no_date_at_all() -> None:
    assert _sessions("Team meeting notes\nWe talked about budgets.") == []


def test_seminar_sample_times() -> None:
    """A few CMU announcements: the start and end the header and body give (needs ../shared)."""
    folder = shared_path("corpora", "seminars", "dev")
    from benchmarks.seminars import is_right, load, predictions

    docs = load(folder, limit=25)
    right = total = 0
    for doc in docs:
        event = eventparse.parse(doc.text, nlp_model="blank")
        for field_name in ("stime", "etime"):
            value = predictions(event)[field_name]
            if doc.tagged[field_name]:
                total += 1
                right += value is not None and is_right(field_name, value, doc.tagged[field_name])
    assert total > 20
    assert right / total >= 0.95


def test_reference_date_hint_resolves_two_digit_years() -> None:
    text = ("Type:     cmu.cs.scs\nTopic:    Seminar\nDates:    2-Dec-94\nTime:     3:30\n"
            "PostedBy: xy on 28-Nov-94 at 10:02 from cs.cmu.edu\nAbstract:\nA talk.")
    event = eventparse.parse(text, nlp_model="blank")
    assert event.sessions[0].date == dt.date(1994, 12, 2)
    assert event.sessions[0].start_time == dt.time(15, 30)


def test_one_time_for_a_list_of_dates_is_every_dates_time() -> None:
    text = ("Supervision forum\nForum dates (all 12:00-13:00, on Teams):\n"
            "Friday 6 March 2026\nFriday 3 April 2026\nFriday 1 May 2026")
    assert [(s["start_time"], s["end_time"]) for s in _sessions(text)] == [("12:00", "13:00")] * 3
    lead_in = "Clinic\nClinics run 9:00-10:00 on:\n* Monday 2 March 2026\n* Monday 9 March 2026"
    assert [s["start_time"] for s in _sessions(lead_in)] == ["09:00", "09:00"]


def test_a_time_about_something_else_is_not_spread_over_the_dates() -> None:
    prose = ("Induction course\nDates:\nTuesday 3 March 2026\nTuesday 10 March 2026\n"
             "The building opens at 9:00 for all visitors.")
    assert _sessions(prose)[0]["start_time"] is None
    own_times = ("Induction course\nDates:\nMonday 2 March 2026, 10:00-12:00\n"
                 "Monday 9 March 2026, 13:00-15:00\nTime: 10:00-12:00")
    assert [s["start_time"] for s in _sessions(own_times)] == ["10:00", "13:00"]
    two_times = ("Course\nDates:\nTuesday 3 March 2026\nTuesday 10 March 2026\n"
                 "Programme\n10:00 Welcome\n10:15 Talk\n12:00 Close")
    assert _sessions(two_times)[0]["start_time"] is None
