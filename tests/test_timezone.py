"""The event's zone: the one its times name, else Europe/London, else the caller's."""

from __future__ import annotations

import eventparse

LISTING = "Supervision webinar\nThursday 2 July 2026, 11am-12.30pm ET\nOnline via Zoom"


def _parse(text: str, timezone: str | None = None) -> eventparse.Event:
    return eventparse.parse(text, reference_date="2026-02-01", nlp_model="blank",
                            timezone=timezone)


def test_times_that_all_name_a_place_keep_their_clock_and_zone() -> None:
    event = _parse(LISTING)
    assert event.timezone == "America/New_York"
    session = event.sessions[0]
    assert (str(session.start_time), str(session.end_time)) == ("11:00:00", "12:30:00")
    assert session.start is not None and session.start.isoformat() == "2026-07-02T11:00:00-04:00"


def test_a_zone_given_by_the_caller_converts_with_summer_time() -> None:
    event = _parse(LISTING, timezone="Europe/London")
    assert event.timezone == "Europe/London"
    assert str(event.sessions[0].start_time) == "16:00:00"  # 11:00 EDT is 15:00 UTC


def test_no_zone_named_is_london() -> None:
    assert _parse("Webinar\nThursday 2 July 2026, 11am-12.30pm\nOnline").timezone == "Europe/London"


def test_a_fixed_offset_is_converted_to_the_default_zone() -> None:
    event = _parse("Webinar\nThursday 2 July 2026, 2pm GMT\nOnline via Zoom")
    assert event.timezone == "Europe/London"
    assert str(event.sessions[0].start_time) == "15:00:00"
