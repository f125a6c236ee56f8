"""Settings passed explicitly through the pipeline (no module-level mutable state)."""

from __future__ import annotations

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

    The reference date and the spaCy pipeline, once resolved for the document,
    are ``Context.reference_date`` and ``Context.nlp_name``.
    """

    timezone: str | None = None
    """The zone of the event's times; None: the zone its times name, else DEFAULT_TIMEZONE."""
    day_first: bool = True
    max_chars: int = MAX_CHARS


def zone_for(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UnknownTimezoneError(f"unknown timezone {name!r}: use an IANA name such as "
                                   f"'Europe/London'") from exc
