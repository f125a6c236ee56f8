"""Which reader handles which format name."""

from __future__ import annotations

from collections.abc import Callable

from eventparse.document import Document
from eventparse.errors import EventParseError
from eventparse.read.text import read_text

Reader = Callable[[str], Document]


class UnknownFormatError(EventParseError):
    """The caller named a format eventparse has no reader for."""


FORMATS = ("text",)


def reader_for(fmt: str) -> Reader:
    if fmt == "text":
        return read_text
    raise UnknownFormatError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
