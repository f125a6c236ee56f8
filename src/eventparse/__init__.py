"""eventparse: read event announcements into validated, structured data.

>>> import eventparse
>>> event = eventparse.parse("Safeguarding adults webinar\\nTuesday 3 March 2026, 10am-11.30am\\n"
...                          "Online via Microsoft Teams", reference_date="2026-02-01",
...                          nlp_model="blank")
>>> event.title
'Safeguarding adults webinar'
"""

from eventparse.errors import (
    EventParseError,
    InputTooLargeError,
    InvalidOptionError,
    UnreadableInputError,
)
from eventparse.model import Delivery, Event, Presenter, Problem, Session, Span, Standard
from eventparse.pipeline import parse, parse_file
from eventparse.settings import UnknownTimezoneError
from eventparse.when import When, parse_when

__all__ = [
    "Delivery",
    "Event",
    "EventParseError",
    "InputTooLargeError",
    "InvalidOptionError",
    "Presenter",
    "Problem",
    "Session",
    "Span",
    "Standard",
    "UnknownTimezoneError",
    "UnreadableInputError",
    "When",
    "parse",
    "parse_file",
    "parse_when",
]

__version__ = "0.1.0"
