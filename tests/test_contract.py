"""The JSON contract that benchmarks and users read, and the two NLP paths."""

from __future__ import annotations

import datetime as dt

import eventparse
from eventparse import nlp

from .conftest import SEED

GOLD_KEYS = {"title", "event_type", "delivery", "sessions", "timezone", "presenters", "audiences",
             "standards", "learning_outcomes", "description", "problems"}


def test_json_has_the_contract_keys() -> None:
    event = eventparse.parse_file(SEED, reference_date="2026-02-01")
    data = event.model_dump(mode="json")
    assert data.keys() >= GOLD_KEYS
    assert set(data["delivery"]) >= {"mode", "platform", "venue"}


def test_sessions_serialise_as_dates_clock_times_and_offsets() -> None:
    event = eventparse.parse_file(SEED, reference_date="2026-02-01")
    session = event.model_dump(mode="json")["sessions"][0]
    assert session == {"date": "2026-03-16", "start_time": "10:00", "end_time": "11:30",
                       "start": "2026-03-16T10:00:00+00:00", "end": "2026-03-16T11:30:00+00:00"}


def test_summer_time_gives_plus_one_hour() -> None:
    event = eventparse.parse("Summer webinar\nDate: 16 June 2026\nTime: 10:00 - 11:00",
                             reference_date="2026-01-15", nlp_model="blank")
    assert event.sessions[0].start == dt.datetime.fromisoformat("2026-06-16T10:00:00+01:00")


def test_timezone_is_configurable() -> None:
    event = eventparse.parse("Summer webinar\nDate: 16 June 2026\nTime: 10:00 - 11:00",
                             reference_date="2026-01-15", timezone="America/New_York",
                             nlp_model="blank")
    assert event.timezone == "America/New_York"
    assert event.sessions[0].start is not None
    assert event.sessions[0].start.utcoffset() == dt.timedelta(hours=-4)


def test_json_schema_is_published() -> None:
    schema = eventparse.Event.model_json_schema()
    assert schema["title"] == "Event"
    assert {"sessions", "delivery", "problems", "provenance"} <= schema["properties"].keys()


def test_every_list_value_has_provenance() -> None:
    event = eventparse.parse_file(SEED, reference_date="2026-02-01")
    for name in ("sessions", "audiences", "standards", "learning_outcomes", "presenters"):
        for index in range(len(getattr(event, name))):
            evidence = event.provenance[f"{name}[{index}]"]
            assert evidence.spans and evidence.rule
            span = evidence.spans[0]
            assert event.text[span.start:span.end] == evidence.text


def test_blank_pipeline_is_recorded() -> None:
    event = eventparse.parse("Title\nDate: 3 March 2026", nlp_model="blank")
    assert event.nlp_model == "blank"


def test_auto_records_the_model_it_used() -> None:
    event = eventparse.parse("Title\nDate: 3 March 2026", nlp_model="auto")
    assert event.nlp_model == nlp.resolve_model_name("auto")
