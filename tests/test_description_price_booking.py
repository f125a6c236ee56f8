"""Description, price and booking: where the listing gives them, with their spans."""

from __future__ import annotations

import pytest

import eventparse


def _parse(text: str) -> eventparse.Event:
    return eventparse.parse(text, reference_date="2026-01-15", nlp_model="blank")


def test_description_is_the_about_section() -> None:
    event = _parse("A title: subtitle\nDate: 3 March 2026\nAbout the workshop\n"
                   "First paragraph of the description.\nSecond paragraph.\n"
                   "Learning outcomes\n- Learn things.")
    assert event.description == "First paragraph of the description.\n\nSecond paragraph."
    assert len(event.provenance["description"].spans) == 2


def test_description_falls_back_to_preamble_prose_not_practical_notes() -> None:
    prose = ("Neglect is often thought of as a problem of early childhood, yet many older "
             "children continue to live with it, and in adolescence the signs look different.")
    event = _parse("Neglect in adolescence\nDelivered on Webex – joining details will be sent "
                   f"with your booking confirmation.\n{prose}\nAbout the facilitator\nA bio.")
    assert event.description == prose


def test_description_after_a_list_of_dates_is_the_listings_prose() -> None:
    prose = ("A monthly space for supervisors to bring dilemmas from practice, think together "
             "about risk and share what has helped their teams.")
    event = _parse(f"Supervision forum\n\nSession dates:\n4 February 2026\n4 March 2026\n\n{prose}")
    assert event.description == prose
    assert [str(s.date) for s in event.sessions] == ["2026-02-04", "2026-03-04"]


@pytest.mark.parametrize(("line", "price"), [
    ("Cost: Free", "Free"),
    ("Cost: free. Book via the Board's website.", "Free"),
    ("Cost: Free to members of the partnership. Non-members: £45 + VAT",
     "Free to members of the partnership. Non-members: £45 + VAT"),
    ("Price: £95 per delegate (free to council staff)", "£95 per delegate (free to council staff)"),
    ("This course is free to attend. Places are limited to 20.", "Free"),
])
def test_price(line: str, price: str) -> None:
    event = _parse(f"A title: subtitle\nDate: 3 March 2026\n{line}")
    assert event.price == price
    span = event.provenance["price"].spans[0]
    assert event.text[span.start:span.end].strip(" .").lower().startswith(price[:4].lower())


def test_no_price_when_the_listing_gives_none() -> None:
    assert _parse("A title: subtitle\nDate: 3 March 2026\nFree parking nearby.").price is None


@pytest.mark.parametrize(("text", "booking"), [
    ("Booking: via the partnership learning portal.", "via the partnership learning portal."),
    ("To book a place, email cpd@example.ac.uk", "To book a place, email cpd@example.ac.uk"),
    ("Cost: free. Book via the Safeguarding Adults Board website.",
     "Book via the Safeguarding Adults Board website."),
    ("How to book\nReply to this e-mail with your name and team.",
     "Reply to this e-mail with your name and team."),
])
def test_booking(text: str, booking: str) -> None:
    assert _parse(f"A title: subtitle\nDate: 3 March 2026\n{text}").booking == booking


def test_a_bare_button_is_not_how_to_book() -> None:
    assert _parse("A title: subtitle\nDate: 3 March 2026\nRegister").booking is None


def test_how_to_book_beats_booking_is_open() -> None:
    event = _parse("A title: subtitle\n\nBooking is now open for our annual refresher.\n\n"
                   "Date: 3 March 2026\n\nPlease reply to this email to book.")
    assert event.booking == "Please reply to this email to book."
