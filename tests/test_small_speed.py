"""The cheaper helpers of the speed work give what the plain searches they replace give."""

import pytest

from eventparse.extract import audiences, event_type

TYPE_TEXTS = [
    "Early help drop-in session, then a Learning Lab",
    "A web-seminar and a WEB SEMINAR; webinars, a pre-webinar and webinar_x",
    "Multi-agency Training Programme: a two-day course (one-day course)",
    "courseminar seminars-seminar  Training   Course training course",
    "Kelvin: \u212aelvin masterclass master class master-classes",
    "",
]


@pytest.mark.parametrize("text", TYPE_TEXTS)
def test_type_spans_are_the_matchers(text: str) -> None:
    pattern = event_type._matcher()[0]
    assert event_type._type_spans(text) == [m.span() for m in pattern.finditer(text)]


OPENED_TEXTS = [
    "For social workers and nurses.",
    "Booking details. Open to all staff. Aimed at managers.",
    "This is for you. especially relevant to nurses",
    "Information for staff!\tFor more information contact us",
    "No lead-in here at all",
    "Ends with a stop.",
]


@pytest.mark.parametrize("text", OPENED_TEXTS)
def test_may_open_is_may_hold_of_opened(text: str) -> None:
    assert audiences._may_open(text) == audiences._may_hold(audiences._roles().opened, text)
