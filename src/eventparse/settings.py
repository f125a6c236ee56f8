"""Settings passed explicitly through the pipeline (no module-level mutable state)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from eventparse.errors import EventParseError

DEFAULT_TIMEZONE = "Europe/London"
MAX_CHARS = 20_000_000


class UnknownTimezoneError(EventParseError):
    """The timezone name is not in the IANA database."""


@dataclass(frozen=True)
class Settings:
    """How to read one document.

    ``reference_date`` is "today" for the listing: it resolves year-less dates and
    decides ``date-in-past``. ``None`` means: the document's own date if it gives
    one (an e-mail's Date header), else today's date.
    """

    reference_date: dt.date | None = None
    timezone: str = DEFAULT_TIMEZONE
    day_first: bool = True
    nlp: str = "auto"
    """"auto" (best installed English model, else blank), "blank", or a spaCy package name."""
    max_chars: int = MAX_CHARS

    @property
    def zone(self) -> ZoneInfo:
        return zone_for(self.timezone)


def zone_for(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UnknownTimezoneError(f"unknown timezone {name!r}: use an IANA name such as "
                                   f"'Europe/London'") from exc
