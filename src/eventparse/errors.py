"""The exceptions eventparse raises. Everything it raises on bad input is an EventParseError."""

from __future__ import annotations


class EventParseError(Exception):
    """Base class: catch this to handle any input eventparse cannot read."""


class UnreadableInputError(EventParseError):
    """The input could not be read or decoded as text (binary data, a missing file)."""


class InputTooLargeError(EventParseError):
    """The input is larger than ``Settings.max_chars``."""


class InvalidOptionError(EventParseError, ValueError):
    """An option has a value eventparse cannot use (a malformed reference date, an
    unknown spaCy pipeline name)."""
