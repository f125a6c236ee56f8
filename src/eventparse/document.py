"""What a reader produces: the visible text and its blocks, each with its span.

Readers (``eventparse.read``) know formats, not fields; the sectioner and the
extractors read only this.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

BlockKind = Literal["heading", "paragraph", "list_item", "key_value", "table_cell", "line"]


@dataclass(frozen=True)
class Block:
    """One unit of layout. ``start``/``end`` cover its content in ``Document.text``
    (without a bullet marker); for a key-value line ``key`` is the key and
    ``value_start`` where its value begins."""

    kind: BlockKind
    start: int
    end: int
    text: str
    level: int = 0
    key: str | None = None
    value_start: int | None = None

    @property
    def value(self) -> str:
        """The value of a key-value line, else the whole text."""
        if self.value_start is None:
            return self.text
        return self.text[self.value_start - self.start :]


@dataclass(frozen=True)
class StructuredEvent:
    """Event data a page declares for machines (JSON-LD, microdata, <time datetime>)."""

    source: str
    name: str | None = None
    start: str | None = None
    end: str | None = None
    location: str | None = None
    attendance_mode: str | None = None


@dataclass
class Document:
    """The visible text of one announcement and its blocks in reading order."""

    text: str
    blocks: list[Block]
    format: str = "text"
    source: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    """E-mail-like headers (Subject, Date, PostedBy...) the reader found, lower-cased keys."""
    structured: list[StructuredEvent] = field(default_factory=list)
    reference_date_hint: dt.date | None = None
    """A date the input itself gives for 'now' (an e-mail's Date header)."""
    repaired_encoding: bool = False
    extras: dict[str, Any] = field(default_factory=dict)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        line = self.text.count("\n", 0, offset) + 1
        column = offset - (self.text.rfind("\n", 0, offset) + 1) + 1
        return line, column
