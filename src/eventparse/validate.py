"""Problems an editor should fix before publishing: one small rule per code.

Severities: ``error`` for what makes a listing wrong or unusable (no date, an
end before its start), ``warning`` for what an editor should check, ``info``
for the cosmetic.

The rules (a problem points at the span it concerns wherever there is one):

* ``missing-title``: no title was found.
* ``missing-date``: no session has a date (points at a ``Date: TBC`` line if any).
* ``missing-time``: a session has a date but no start time.
* ``end-before-start``: a session's end time is earlier than its start time.
* ``weekday-mismatch``: flagged by the sessions extractor (the weekday written
  beside a date is not that date's weekday).
* ``date-in-past``: a session's date is before the reference date (first one only).
* ``online-without-platform``: the event is online or hybrid and no platform is named.
* ``in-person-without-venue``: the event is in person or hybrid and no venue is named.
* ``unknown-audience`` / ``unknown-standard``: flagged by those extractors for a
  label not in their vocabulary.
* ``duplicate-text``: a block (heading, line or paragraph) repeated by mistake:
  the same text on two consecutive blocks, or a paragraph of at least
  ``DUPLICATE_PARAGRAPH_CHARS`` characters that appears twice anywhere (headings
  and list items only when next to each other). Points at the repeat.
* ``no-event``: the text holds no event at all: no title, no session (no date or
  time), no delivery details and no event type were found. It replaces
  ``missing-title``, ``missing-date`` and ``missing-time``, which would only say
  the same thing three times.
* ``structured-data-mismatch`` and ``mojibake``: rules for web pages and broken
  encodings (appended below the others).
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from eventparse.document import Block, Document
from eventparse.evidence import disagreements, field_span
from eventparse.model import Event, Problem, Severity
from eventparse.sections import ascii_fold_table

SEVERITY: dict[str, Severity] = {
    "missing-title": "error",
    "missing-date": "error",
    "missing-time": "warning",
    "end-before-start": "error",
    "weekday-mismatch": "error",
    "date-in-past": "warning",
    "online-without-platform": "warning",
    "in-person-without-venue": "warning",
    "unknown-audience": "info",
    "unknown-standard": "warning",
    "structured-data-mismatch": "warning",
    "duplicate-text": "warning",
    "mojibake": "warning",
    "no-event": "error",
}

Rule = Callable[[Event, Document], list[Problem]]


def problem(doc: Document, code: str, message: str, start: int | None = None,
            end: int | None = None) -> Problem:
    """A Problem with its severity from SEVERITY and its line/column from the span."""
    if start is None:
        return Problem(code=code, severity=SEVERITY.get(code, "warning"), message=message)
    line, column = doc.line_col(start)
    # (one validation, the span's with the Problem's, not a model made for the span first)
    return Problem.model_validate({
        "code": code, "severity": SEVERITY.get(code, "warning"), "message": message,
        "span": {"start": start, "end": end if end is not None else start},
        "line": line, "column": column})


def missing_title(event: Event, doc: Document) -> list[Problem]:
    """No title was found."""
    if event.title:
        return []
    return [problem(doc, "missing-title", "the listing has no title")]


_DATE_KEYS = frozenset({"date", "dates", "when", "date and time", "dates and times", "day"})


def missing_date(event: Event, doc: Document) -> list[Problem]:
    """No session has a date; points at a ``Date: TBC`` line where there is one."""
    if any(s.date for s in event.sessions):
        return []
    # Point at a "Date: TBC" line where the listing has one.
    for block in doc.blocks:
        if block.kind == "key_value" and block.key and block.key.lower() in _DATE_KEYS:
            return [problem(doc, "missing-date",
                            f"the listing gives no date for the event ({block.text!r})",
                            block.start, block.end)]
    return [problem(doc, "missing-date", "the listing gives no date for the event")]


def missing_time(event: Event, doc: Document) -> list[Problem]:
    """Each session with a date and no start time."""
    found = []
    for index, s in enumerate(event.sessions):
        if s.date and s.start_time is None:
            start, end = field_span(event, f"sessions[{index}]")
            found.append(problem(doc, "missing-time",
                                 f"the session on {s.date.isoformat()} has no start time",
                                 start, end))
    return found


def end_before_start(event: Event, doc: Document) -> list[Problem]:
    """Each session whose end time is before its start time."""
    found = []
    for index, s in enumerate(event.sessions):
        if s.start_time and s.end_time and s.end_time < s.start_time:
            span = event.provenance.get(f"sessions[{index}]")
            start = span.spans[0].start if span else None
            end = span.spans[0].end if span else None
            found.append(problem(doc, "end-before-start",
                                 f"session ends ({s.end_time:%H:%M}) before it starts "
                                 f"({s.start_time:%H:%M})", start, end))
    return found


def date_in_past(event: Event, doc: Document) -> list[Problem]:
    """The first session dated before the reference date."""
    today = event.reference_date
    if today is None:
        return []
    found = []
    for index, s in enumerate(event.sessions):
        if s.date and s.date < today:
            span = event.provenance.get(f"sessions[{index}]")
            start = span.spans[0].start if span else None
            end = span.spans[0].end if span else None
            found.append(problem(doc, "date-in-past",
                                 f"session date {s.date.isoformat()} is before the reference "
                                 f"date {today.isoformat()}", start, end))
    return found[:1]


def online_without_platform(event: Event, doc: Document) -> list[Problem]:
    """Online or hybrid, and no platform named."""
    if event.delivery.mode in ("online", "hybrid") and not event.delivery.platform:
        start, end = field_span(event, "delivery.mode")
        return [problem(doc, "online-without-platform",
                        "the event is online but the listing names no platform", start, end)]
    return []


def in_person_without_venue(event: Event, doc: Document) -> list[Problem]:
    """In person or hybrid, and no venue named."""
    if event.delivery.mode in ("in_person", "hybrid") and not event.delivery.venue:
        start, end = field_span(event, "delivery.mode")
        return [problem(doc, "in-person-without-venue",
                        "the event is in person but the listing names no venue", start, end)]
    return []


DUPLICATE_MIN_CHARS = 12
"""Shorter repeats ("Book now", "Online") are layout, not mistakes."""
DUPLICATE_PARAGRAPH_CHARS = 80
"""A paragraph this long that appears twice, anywhere, was pasted twice."""
MAX_DUPLICATES = 10
"""Each repeated text is reported once, and a text pasted over and over only this often."""
_NOT_WORD = regex.compile(r"[^\p{L}\p{N}]+")
# ASCII letters and digits lower-cased, every other byte a space: _NOT_WORD for ASCII text.
_ASCII_FOLD = ascii_fold_table()
_ASCII_NOT_WORD = bytes(c for c in range(128) if not chr(c).isalnum())


def _folded(block: Block) -> str:
    """The block's words, lower-cased, one space between them."""
    text = block.text
    if text.isascii():  # the common case, without the regex
        return b" ".join(text.encode("ascii").translate(_ASCII_FOLD).split()).decode("ascii")
    folded: str = _NOT_WORD.sub(" ", text.lower())
    return folded.strip()


def _letters(block: Block) -> bytes:
    """The block's folded text without its spaces (UTF-8): two blocks with the same words
    have the same letters, and this is much cheaper than the words themselves."""
    text = block.text
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_FOLD, _ASCII_NOT_WORD)
    return _folded(block).replace(" ", "").encode()


_ASCII_NOT_WORD_BUT_NUL = _ASCII_NOT_WORD.replace(b"\0", b"")
"""_ASCII_NOT_WORD but for NUL, which _ASCII_FOLD then makes a space: the blocks' separator."""


def _letters_of(blocks: list[Block]) -> list[bytes]:
    """``_letters`` of each block; for ASCII blocks, from one translation of their text
    joined by NULs (which none of them holds) instead of one a block."""
    joined = "\0".join(block.text for block in blocks)
    if not joined.isascii() or joined.count("\0") != len(blocks) - 1:
        return [_letters(block) for block in blocks]
    return joined.encode("ascii").translate(_ASCII_FOLD, _ASCII_NOT_WORD_BUT_NUL).split(b" ")


def duplicate_text(event: Event, doc: Document) -> list[Problem]:
    """A heading, line or paragraph repeated by mistake (next to itself, or pasted twice).

    A block is folded (its words compared) only when an earlier block has its letters:
    most blocks repeat nothing, and their letters show it.
    """
    blocks = doc.blocks
    found = []
    folded: dict[int, str] = {}
    """Block index -> its folded text, for the blocks that share their letters."""
    unfolded: dict[bytes, int | None] = {}
    """Letters -> the first block with them while it is not folded yet (then None)."""
    seen: dict[str, int] = {}
    """Folded text -> the first block with it (of the folded blocks)."""
    reported: set[str] = set()
    for index, (block, letters) in enumerate(zip(blocks, _letters_of(blocks), strict=True)):
        if letters not in unfolded:  # no earlier block has these letters: nothing is repeated
            unfolded[letters] = index
            continue
        earlier = unfolded[letters]
        if earlier is not None:  # now compared, so folded, and seen in its turn
            unfolded[letters] = None
            folded[earlier] = _folded(blocks[earlier])
            if len(folded[earlier]) >= DUPLICATE_MIN_CHARS:
                seen.setdefault(folded[earlier], earlier)
        text = folded[index] = _folded(block)
        if len(text) < DUPLICATE_MIN_CHARS:
            continue
        repeated_here = folded.get(index - 1) == text
        first = seen.get(text)
        # Only running text counts when apart: a page may repeat its title in a breadcrumb.
        pasted_again = (first is not None and len(text) >= DUPLICATE_PARAGRAPH_CHARS
                        and block.kind == "paragraph" and blocks[first].kind == "paragraph")
        if (repeated_here or pasted_again) and text not in reported:
            reported.add(text)
            where = (f" (first at line {doc.line_col(blocks[first].start)[0]})"
                     if first is not None else "")
            found.append(problem(doc, "duplicate-text",
                                 f"text repeated{where}: {block.text[:60]!r}",
                                 block.start, block.end))
            if len(found) >= MAX_DUPLICATES:
                break
        seen.setdefault(text, index)
    return found


def no_event(event: Event, doc: Document) -> list[Problem]:
    """Nothing that makes an announcement: no title, session, delivery or event type."""
    delivery = event.delivery
    if (event.title or event.sessions or event.event_type or delivery.mode
            or delivery.platform or delivery.venue):
        return []
    return [problem(doc, "no-event", "the text holds no event: no title, date, time, "
                    "delivery details or event type were found")]


NO_EVENT_REPLACES = frozenset({"missing-title", "missing-date", "missing-time"})


def validate(event: Event, doc: Document, noticed: list[Problem]) -> list[Problem]:
    """The problems extractors noticed, then each rule's, one per code and span."""
    found: list[Problem] = list(noticed)
    for rule in RULES:
        found.extend(rule(event, doc))
    if any(p.code == "no-event" for p in found):
        found = [p for p in found if p.code not in NO_EVENT_REPLACES]
    unique: dict[tuple[str, int | None], Problem] = {}
    for p in found:
        unique.setdefault((p.code, p.span.start if p.span else None), p)
    return sorted(unique.values(), key=lambda p: (p.span.start if p.span else -1, p.code))


def structured_data_mismatch(event: Event, doc: Document) -> list[Problem]:
    """The page's schema.org data (JSON-LD, microdata, ``<time datetime>``) disagrees with
    its visible text, which wins; times compare as instants (``08:30Z`` is 09:30 BST).
    The comparisons: ``eventparse.evidence``."""
    return [problem(doc, "structured-data-mismatch", found.message, found.start, found.end)
            for found in disagreements(event, doc.structured)]


def mojibake(event: Event, doc: Document) -> list[Problem]:
    """The input had broken character encoding (UTF-8 read as Windows-1252: 'â€™' for '’');
    the reader repaired it, and an editor should fix the source."""
    if not doc.repaired_encoding:
        return []
    return [problem(doc, "mojibake", "the text had broken characters (mojibake such as "
                    "'â€™' for '’'); they were repaired for reading, fix them at the source")]


RULES: tuple[Rule, ...] = (
    missing_title,
    missing_date,
    missing_time,
    end_before_start,
    date_in_past,
    online_without_platform,
    in_person_without_venue,
    duplicate_text,
    no_event,
    structured_data_mismatch,
    mojibake,
)
