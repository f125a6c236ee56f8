"""Which reader handles which format name."""

from __future__ import annotations

from collections.abc import Callable

from eventparse.document import Document
from eventparse.errors import EventParseError
from eventparse.read.email import read_email
from eventparse.read.html import read_html
from eventparse.read.markdown import read_markdown
from eventparse.read.text import read_text

Reader = Callable[[str], Document]


class UnknownFormatError(EventParseError):
    """The caller named a format eventparse has no reader for."""


READERS: dict[str, Reader] = {
    "text": read_text,
    "html": read_html,
    "markdown": read_markdown,
    "email": read_email,
}
ALIASES = {"txt": "text", "plain": "text", "htm": "html", "md": "markdown", "eml": "email",
           "mail": "email"}
FORMATS = tuple(READERS)


def reader_for(fmt: str) -> Reader:
    """The reader for a format name (or a common alias such as 'md' or 'eml').

    >>> reader_for("md").__name__
    'read_markdown'
    """
    name = fmt.strip().lower()
    name = ALIASES.get(name, name)
    if name in READERS:
        return READERS[name]
    raise UnknownFormatError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
