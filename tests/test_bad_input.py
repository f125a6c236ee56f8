"""Bad input: an Event with problems or one documented EventParseError, never a crash or a hang."""

from __future__ import annotations

from pathlib import Path

import pytest

import eventparse
from eventparse import EventParseError, UnreadableInputError

REFERENCE = "2026-01-15"


def _codes(event: eventparse.Event) -> set[str]:
    return {p.code for p in event.problems}


@pytest.mark.parametrize("text", ["", "   \n\t  \n", "\n\n\n"])
def test_empty_text_is_an_event_with_problems(text: str) -> None:
    event = eventparse.parse(text, reference_date=REFERENCE, nlp_model="blank")
    assert event.title is None
    assert event.sessions == []
    # One clear problem rather than missing-title, missing-date and missing-time.
    assert _codes(event) == {"no-event"}


def test_binary_bytes_raise_a_documented_error() -> None:
    data = bytes(range(256)) * 20
    with pytest.raises(UnreadableInputError, match="binary"):
        eventparse.parse(data, reference_date=REFERENCE)


def test_binary_error_is_an_eventparse_error() -> None:
    assert issubclass(UnreadableInputError, EventParseError)


def test_missing_file_raises_a_documented_error(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInputError, match="cannot read"):
        eventparse.parse_file(tmp_path / "nope.txt")


def test_unknown_timezone_is_a_clear_error() -> None:
    with pytest.raises(EventParseError, match="unknown timezone"):
        eventparse.parse("A webinar", timezone="Mars/Olympus")


def test_text_with_no_event_has_no_sessions() -> None:
    text = "Minutes of the meeting.\nThe group discussed the budget and agreed to meet again.\n"
    event = eventparse.parse(text, reference_date=REFERENCE, nlp_model="blank")
    assert event.sessions == []
    assert _codes(event) & {"no-event", "missing-date"}


def test_one_megabyte_single_line_parses() -> None:
    # Shapes that tempt backtracking: long runs of digits, colons, dashes and words.
    line = ("10:00 - 11:30 Monday, 16 March 2026 " + "a" * 500 + ":" + "-" * 300
            + "1" * 200 + " ") * 1000
    assert len(line) > 1_000_000
    event = eventparse.parse(line, reference_date=REFERENCE, nlp_model="blank")
    assert isinstance(event, eventparse.Event)


def test_ten_megabyte_text_parses() -> None:
    listing = Path(__file__).parent.joinpath("data", "listings", "dev-002.txt").read_text()
    text = (listing + "\n") * (10_000_000 // len(listing) + 1)
    assert len(text) > 10_000_000
    event = eventparse.parse(text, reference_date=REFERENCE, nlp_model="blank")
    assert event.title is not None


def test_too_large_input_is_refused() -> None:
    from eventparse import InputTooLargeError
    from eventparse.settings import MAX_CHARS

    with pytest.raises(InputTooLargeError):
        eventparse.parse("x" * (MAX_CHARS + 1))


def test_malformed_reference_date_is_a_clear_error() -> None:
    with pytest.raises(EventParseError, match="not a date"):
        eventparse.parse("A webinar", reference_date="16/03/2026")


@pytest.mark.parametrize("name", ["en_core_web_nonexistent", "no_such_package.model"])
def test_unknown_spacy_pipeline_is_a_clear_error(name: str) -> None:
    with pytest.raises(EventParseError, match="not installed"):
        eventparse.parse("A webinar", nlp_model=name)
