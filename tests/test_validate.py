"""Validation rules: one per problem code, each with its severity, message and span."""

from __future__ import annotations

import datetime as dt

import pytest

from eventparse.document import Block, Document
from eventparse.model import Delivery, Event, Evidence, Session, Span
from eventparse.read.text import read_text
from eventparse.validate import (
    SEVERITY,
    date_in_past,
    duplicate_text,
    end_before_start,
    in_person_without_venue,
    missing_date,
    missing_time,
    missing_title,
    no_event,
    online_without_platform,
    problem,
    validate,
)

GOLD_CODES = {"missing-title", "missing-date", "missing-time", "end-before-start",
              "weekday-mismatch", "date-in-past", "online-without-platform",
              "in-person-without-venue", "unknown-audience", "unknown-standard",
              "structured-data-mismatch", "duplicate-text", "mojibake", "no-event"}


def _evidence(start: int, end: int) -> Evidence:
    return Evidence(spans=[Span(start=start, end=end)], rule="test", text="")


def _event(**fields: object) -> Event:
    return Event.model_validate({"title": "T", "reference_date": dt.date(2026, 1, 15),
                                 **fields})


def test_every_gold_code_has_a_severity() -> None:
    assert set(SEVERITY) >= GOLD_CODES
    assert SEVERITY["missing-date"] == "error" and SEVERITY["unknown-audience"] == "info"


def test_problem_has_line_and_column_of_its_span() -> None:
    doc = read_text("first line\n  second line")
    found = problem(doc, "missing-time", "m", 13, 19)
    assert (found.line, found.column, found.severity) == (2, 3, "warning")


def test_missing_title() -> None:
    doc = read_text("x")
    assert [p.code for p in missing_title(_event(title=None), doc)] == ["missing-title"]
    assert missing_title(_event(), doc) == []


def test_missing_date_points_at_a_tbc_date_line() -> None:
    doc = read_text("Title\nDate: TBC (spring term)\nTime: 10:00")
    [found] = missing_date(_event(), doc)
    assert found.span is not None and found.line == 2
    assert missing_date(_event(sessions=[Session(date=dt.date(2026, 3, 1))]), doc) == []


def test_missing_time_for_each_untimed_session() -> None:
    doc = read_text("Title\n6 March 2026")
    event = _event(sessions=[Session(date=dt.date(2026, 3, 6))],
                   provenance={"sessions[0]": _evidence(6, 18)})
    [found] = missing_time(event, doc)
    assert found.code == "missing-time" and found.line == 2


def test_end_before_start() -> None:
    doc = read_text("T\n11.02.2026 | 15:30 – 14:00")
    event = _event(sessions=[Session(date=dt.date(2026, 2, 11), start_time=dt.time(15, 30),
                                     end_time=dt.time(14))],
                   provenance={"sessions[0]": _evidence(2, 26)})
    [found] = end_before_start(event, doc)
    assert found.line == 2 and "15:30" in found.message


def test_date_in_past_once() -> None:
    doc = read_text("T\n14 January 2026\n15 January 2026")
    sessions = [Session(date=dt.date(2026, 1, 14)), Session(date=dt.date(2026, 1, 10))]
    assert [p.code for p in date_in_past(_event(sessions=sessions), doc)] == ["date-in-past"]
    assert date_in_past(_event(sessions=[Session(date=dt.date(2026, 1, 15))]), doc) == []


@pytest.mark.parametrize(("mode", "platform", "venue", "codes"), [
    ("online", None, None, ["online-without-platform"]),
    ("online", "Zoom", None, []),
    ("in_person", None, None, ["in-person-without-venue"]),
    ("hybrid", None, None, ["online-without-platform", "in-person-without-venue"]),
    ("hybrid", "Zoom", "Room 1", []),
])
def test_delivery_rules(mode: str, platform: str | None, venue: str | None,
                        codes: list[str]) -> None:
    doc = read_text("T\nOnline")
    event = _event(delivery=Delivery(mode=mode, platform=platform, venue=venue),  # type: ignore[arg-type]
                   provenance={"delivery.mode": _evidence(2, 8)})
    found = online_without_platform(event, doc) + in_person_without_venue(event, doc)
    assert [p.code for p in found] == codes
    assert all(p.line == 2 for p in found)


def test_duplicate_line_next_to_itself() -> None:
    doc = read_text("Working with fathers\nWorking with fathers\nOnline")
    [found] = duplicate_text(_event(), doc)
    assert found.line == 2 and found.code == "duplicate-text"


def test_duplicate_paragraph_pasted_twice_anywhere() -> None:
    paragraph = ("This session looks at why men are overlooked, and how to find and engage "
                 "fathers and male carers from the first contact.")
    doc = read_text(f"Title\n{paragraph}\nPresenters: A B\n{paragraph}\n")
    [found] = duplicate_text(_event(), doc)
    assert found.line == 4 and "line 2" in found.message


def test_short_or_distant_repeats_are_not_duplicates() -> None:
    doc = read_text("Book now\nBook now\nSocial workers\nTeam managers\nSocial workers")
    assert duplicate_text(_event(), doc) == []


def test_no_event_replaces_missing_title_date_and_time() -> None:
    doc = Document(text="", blocks=[])
    empty = Event()
    assert [p.code for p in no_event(empty, doc)] == ["no-event"]
    assert [p.code for p in validate(empty, doc, [])] == ["no-event"]
    assert no_event(_event(), doc) == []


def test_validate_keeps_noticed_problems_and_sorts_by_position() -> None:
    doc = read_text("Title\nAudience: Everyone!\nDate: TBC")
    noticed = [problem(doc, "unknown-audience", "not in the vocabulary", 16, 25)]
    codes = [p.code for p in validate(_event(), doc, noticed)]
    assert codes == ["unknown-audience", "missing-date"]


def test_blocks_with_same_text_in_other_kinds_are_compared_too() -> None:
    doc = Document(text="Same heading here\nSame heading here\n", blocks=[
        Block("heading", 0, 17, "Same heading here", level=2),
        Block("paragraph", 18, 35, "Same heading here")])
    assert [p.code for p in duplicate_text(_event(), doc)] == ["duplicate-text"]


def test_long_heading_repeated_apart_is_not_a_duplicate() -> None:
    title = "Supporting kinship carers: strengths-based assessment in practice for the courts"
    text = f"{title}\nSome text.\n{title}\n"
    doc = Document(text=text, blocks=[
        Block("list_item", 0, len(title), title),
        Block("paragraph", len(title) + 1, len(title) + 11, "Some text."),
        Block("heading", len(title) + 12, 2 * len(title) + 12, title, level=1)])
    assert duplicate_text(_event(), doc) == []
