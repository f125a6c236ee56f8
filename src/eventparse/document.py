"""What a reader produces: the visible text and its blocks, each with its span.

Readers (``eventparse.read``) know formats, not fields; the sectioner and the
extractors read only this.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any, Literal
from zoneinfo import ZoneInfo

import regex

_set_field = object.__setattr__  # (how a frozen dataclass sets its fields)

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

    def __init__(self, kind: BlockKind, start: int, end: int, text: str, level: int = 0,
                 key: str | None = None, value_start: int | None = None) -> None:
        # What the generated __init__ of a frozen dataclass does, but with one
        # object.__setattr__ call (each costs more than building the dict), not one a
        # field: a reader makes a Block for each line of a document. (The instance keeps
        # this dict of its own, and its attributes read about as fast as before; filling
        # self.__dict__ key by key would leave every later read slower.)
        _set_field(self, "__dict__", {
            "kind": kind, "start": start, "end": end, "text": text, "level": level, "key": key,
            "value_start": value_start})

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
    text: str | None = None
    """The visible text the value is attached to (a ``<time>`` element's content)."""
    span: tuple[int, int] | None = None
    """Where that visible text is in ``Document.text``."""


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


@dataclass
class LayoutLine:
    """One line a structured reader (HTML, Markdown) lays out, before it becomes a Block.

    ``key_end``/``value_start`` are offsets within ``text`` for a key-value line;
    ``marker`` is a bullet or number put before a list item in the text (outside
    its span); ``times`` holds ``(start, end, datetime)`` of ``<time>`` elements
    within ``text``.
    """

    text: str
    kind: BlockKind = "paragraph"
    level: int = 0
    key_end: int | None = None
    value_start: int | None = None
    marker: str = ""
    times: list[tuple[int, int, str]] = field(default_factory=list)


def document_from_lines(lines: list[LayoutLine], format: str) -> Document:
    r"""Join lines into one text (a blank line before each heading) and its blocks.

    >>> doc = document_from_lines([LayoutLine("Title", "heading", 1),
    ...     LayoutLine("Date: 3 March", "key_value", key_end=4, value_start=6),
    ...     LayoutLine("Zoom", "list_item", marker="- ")], "html")
    >>> doc.text
    'Title\nDate: 3 March\n- Zoom'
    >>> [(b.kind, b.text, b.key, b.value) for b in doc.blocks][1:]
    [('key_value', 'Date: 3 March', 'Date', '3 March'), ('list_item', 'Zoom', None, 'Zoom')]
    """
    parts: list[str] = []
    blocks: list[Block] = []
    times: list[tuple[int, int, str]] = []
    offset = 0
    for line in map(_without_icon, lines):
        if parts:
            gap = "\n\n" if line.kind == "heading" else "\n"
            parts.append(gap)
            offset += len(gap)
        parts.append(line.marker + line.text)
        start = offset + len(line.marker)
        offset = start + len(line.text)
        blocks.append(_block_of(line, start, offset))
        times.extend((start + a, start + b, value) for a, b, value in line.times)
    doc = Document(text="".join(parts), blocks=blocks, format=format)
    if times:
        doc.extras["time_spans"] = times
    return doc


# Emoji and other symbols that open a line as its icon ("📅 Tuesday 3 March", "📍 Venue").
ICON = regex.compile(r"[\p{So}\p{Sk}\uFE0F\u200D]+[ \t]*(?=\S)")


def _without_icon(line: LayoutLine) -> LayoutLine:
    """The line with an opening icon moved into its marker, outside its block's span."""
    icon = ICON.match(line.text) if line.text and not line.text[0].isascii() else None
    if icon is None or (line.key_end is not None and line.key_end < icon.end()):
        return line
    cut = icon.end()
    return replace(line, text=line.text[cut:], marker=line.marker + line.text[:cut],
                   key_end=None if line.key_end is None else line.key_end - cut,
                   value_start=None if line.value_start is None else line.value_start - cut,
                   times=[(a - cut, b - cut, v) for a, b, v in line.times if a >= cut])


def _block_of(line: LayoutLine, start: int, end: int) -> Block:
    if line.kind == "key_value" and line.key_end is not None and line.value_start is not None:
        return Block("key_value", start, end, line.text, level=line.level,
                     key=line.text[: line.key_end].strip().rstrip(":").strip(),
                     value_start=start + line.value_start)
    kind: BlockKind = "paragraph" if line.kind == "key_value" else line.kind
    return Block(kind, start, end, line.text, level=line.level)


def schema_datetime(value: str | None, zone: ZoneInfo) -> dt.date | dt.datetime | None:
    """An ISO 8601 value from structured data: a date, or an aware datetime (a value
    without an offset is wall-clock time in ``zone``); None when it is not ISO 8601.

    >>> london = ZoneInfo("Europe/London")
    >>> schema_datetime("2026-06-16T08:30:00Z", london) == dt.datetime(2026, 6, 16, 9, 30,
    ...                                                                  tzinfo=london)
    True
    >>> schema_datetime("2026-03-16", london), schema_datetime("soon", london)
    (datetime.date(2026, 3, 16), None)
    """
    if not value:
        return None
    text = value.strip()
    try:
        if len(text) <= 10:
            return dt.date.fromisoformat(text)
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)
