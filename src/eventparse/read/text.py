"""Plain text -> Document: one block per non-blank line, classified by layout.

A line is a ``list_item`` when it starts with a bullet or a number marker
(``-``, ``*``, ``•``, ``1.``, ``2)``), a ``key_value`` when it starts with a short
``Key:`` label, a ``heading`` when it is short, has no closing punctuation and
content follows it, else a ``paragraph``. The marker is not part of the block's
span, so extractors never see it.

An e-mail-style header block — the CMU bulletin-board shape (a message-id line,
then ``Type:``, ``Topic:``, ``Dates:``, ``Time:``, ``Place:``, ``PostedBy:``,
``Abstract:``) or an Outlook ``From:/Sent:/To:/Subject:`` block pasted into the
text — is collected into ``Document.headers`` (lower-cased keys), and its date
(``PostedBy: ... on 15-Sep-94``, ``Sent:``, ``Date:``) becomes
``Document.reference_date_hint``. Each header is one ``key_value`` block that
also covers its indented continuation lines; a message-id line, or an opener such as
``-----Original Message-----`` above the headers, is a ``line``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import cache
from typing import NamedTuple

import regex

from eventparse import vocab
from eventparse.document import ICON, Block, Document
from eventparse.when.lexicon import month_numbers

BULLET = regex.compile(r"[ \t]*(?:--|[-*•·▪◦‣–—]|\(?\d{1,2}[.)]|\(?[a-z][.)])[ \t]+(?=\S)")
# The marks before each line of a quoted message: "> ", "> > ", ">>".
QUOTE = regex.compile(r"(?:>[ \t]?)+")
# A key is a few words before a colon; a time such as "10:00" or a URL is not a key.
KEY_VALUE = regex.compile(r"[ \t]*([A-Za-z][\w'’&/()\- ]{0,38}?)[ \t]*:(?:[ \t]+|$)(?!//)")
# KEY_VALUE for an ASCII line: the standard library's re matches ASCII text alike (\w is
# [A-Za-z0-9_] in both), at a fraction of the cost of its lazy run of word characters.
ASCII_KEY_VALUE = re.compile(KEY_VALUE.pattern)
CLOSING = ".;,!?"
MAX_HEADING_WORDS = 10
MIN_WRAPPED_CHARS = 25
"""A line shorter than this is a heading or a label, not prose a hard wrap broke."""
MAX_WRAPPED_LINES = 2
"""A title, a label's value or a sentence broken once is joined; a longer run of
prose (a wrapped e-mail paragraph) is not, unless it is one list item."""
WRAP_STOPS = ".:;!?"
"""A line ending in one of these ends a sentence or a label: the next line is new."""
MAX_HEADER_FIELDS = 40  # a mail header block is short; a longer run of keys is the text

# A mail header key: one word (hyphens allowed) and a colon. (These three patterns hold
# only ASCII classes, which the standard library's re matches alike, at half the cost.)
HEADER_KEY = re.compile(r"([A-Za-z][A-Za-z-]{0,24})[ \t]*:(?:[ \t]+|$)")
# "<0.15.9.94.22.29.02.sm6t+@andrew.cmu.edu.1>" alone on a line.
MESSAGE_ID = re.compile(r"<[^<>@\n]{1,200}@[^<>\n]{1,200}>")
# An indented line that is a label of its own ("1ST MEETING: ...") does not continue a header.
LABEL = re.compile(r"[^:\n]{1,40}:(?:[ \t]|$)")
POSTED_ON = regex.compile(r"\bon[ \t]+(\d{1,2}-[A-Za-z]{3,9}-\d{2,4})\b")
DAY_MONTH_YEAR = regex.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?[-/. ]{1,3}([A-Za-z]{3,9})\.?[-/., ]{1,3}(\d{4}|\d{2})\b")
MONTH_DAY_YEAR = regex.compile(
    r"\b([A-Za-z]{3,9})\.?[ \t]{1,3}(\d{1,2})(?:st|nd|rd|th)?,?[ \t]{1,3}(\d{4})\b")
ISO_DATE = regex.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
SLASH_DATE = regex.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b")


_Line = tuple[int, int, int, bool]
"""A non-blank line: (start, end) of its content (trimmed), its line number, and whether it
is indented. (A plain tuple, unpacked where it is read: the reader's loops take each line
apart, and a NamedTuple's field reads cost more than the rest of the work on a line.)"""


class _Header(NamedTuple):
    """One header field: where its line starts, its key, and where its value starts and ends."""

    start: int
    end: int
    key: str
    value_start: int
    lines: int
    name: str
    """The key folded: lower case, no spaces (how ``Document.headers`` spells it)."""


def read_text(text: str) -> Document:
    """Read plain text into blocks; ``text`` is kept exactly, offsets point into it.

    >>> doc = read_text("From: Ann Lee\\nSent: 2 March 2026 09:14\\nSubject: Talk\\n\\nHello")
    >>> doc.headers["subject"], doc.reference_date_hint
    ('Talk', datetime.date(2026, 3, 2))
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = _lines(text)
    headers, message_ids = _header_blocks(text, lines)
    by_start = {h.start: h for h in headers}
    not_content = by_start.keys() | message_ids  # (one look-up for the usual line)
    blocks: list[Block] = []
    count = len(lines)
    index = 0
    while index < count:
        start, end, _, _ = lines[index]
        if start in not_content:
            header = by_start.get(start)
            if header is not None:
                blocks.append(Block("key_value", header.start, header.end,
                                    text[header.start:header.end], key=header.key,
                                    value_start=header.value_start))
                index += header.lines
            else:
                blocks.append(Block("line", start, end, text[start:end]))
                index += 1
            continue
        if not _may_run_on(text, lines, index):
            # the usual line: nothing continues it
            blocks.append(_classify(text, start, end, index + 1 < count))
            index += 1
            continue
        last, joined = _wrapped_end(text, lines, index, by_start)
        if joined or last == index:
            blocks.append(_classify(text, start, lines[last][1], last + 1 < count))
        else:
            blocks.extend(_classify(text, lines[at][0], lines[at][1], at + 1 < count)
                          for at in range(index, last + 1))
        index = last + 1
    found = _header_dict(text, headers)
    return Document(text=text, blocks=blocks, format="text", headers=found,
                    reference_date_hint=_reference_date(found))


def _lines(text: str) -> list[_Line]:
    """Each non-blank line, trimmed of surrounding white space and of the "> " marks of
    a quoted (forwarded, replied-to) message."""
    spans: list[_Line] = []
    pos = 0
    for number, line in enumerate(text.split("\n")):
        content = line.lstrip()
        if content:
            indented = len(content) < len(line)
            if content[0] == ">":
                quoted = QUOTE.match(content)
                assert quoted is not None  # it matches any run of ">"
                rest = content[quoted.end():]
                content = rest.lstrip()
                indented = len(content) < len(rest)
            if content:
                start = pos + len(line) - len(content)
                spans.append((start, start + len(content.rstrip()), number, indented))
        pos += len(line) + 1
    return spans


@cache
def _mail_vocab() -> tuple[frozenset[str], tuple[frozenset[str], ...], tuple[str, ...],
                           frozenset[str]]:
    data = vocab.load("mail_headers")
    signatures = tuple(frozenset(keys) for keys in data["signature"])
    return (frozenset(data["keys"]), signatures, tuple(data["dated"]),
            frozenset(data["openers"]))


def _header_blocks(text: str, lines: list[_Line]) -> tuple[list[_Header], set[int]]:
    """The header fields of the block at the top and of any pasted ``From:`` block,
    and the starts of message-id and opener lines."""
    openers = _mail_vocab()[3]
    headers: list[_Header] = []
    message_ids: set[int] = set()
    index = 0
    while index < len(lines) and _is_opener(text[lines[index][0]:lines[index][1]], openers):
        message_ids.add(lines[index][0])  # like a message id: a line, not content
        index += 1
    if index < len(lines) and MESSAGE_ID.fullmatch(text, lines[index][0], lines[index][1]):
        message_ids.add(lines[index][0])
        headers.extend(_header_run(text, lines, index + 1, signed=True))
    else:
        headers.extend(_header_run(text, lines, index, signed=False))
    taken = {h.start for h in headers}
    for position, (start, _, _, _) in enumerate(lines if "From:" in text else ()):
        if start not in taken and text.startswith("From:", start):
            run = _header_run(text, lines, position, signed=False)
            headers.extend(run)
            taken.update(h.start for h in run)
    return headers, message_ids


def _is_opener(line: str, openers: frozenset[str]) -> bool:
    """A line that introduces a quoted message: a vocabulary opener, or a few words
    between runs of dashes ("-----Original Appointment-----", "--- Forwarded invite ---").

    >>> _is_opener("-----Original Appointment-----", frozenset())
    True
    >>> _is_opener("- Social workers -", frozenset())
    False
    """
    if line.lower() in openers:
        return True
    words = line.strip("- ").split()
    return (line.startswith("---") and line.endswith("---")
            and 0 < len(words) <= 4 and all(w.isalpha() for w in words))


def _header_run(text: str, lines: list[_Line], index: int, signed: bool) -> list[_Header]:
    """Consecutive known ``Key:`` lines from ``index`` (with indented continuations);
    empty unless the run holds a key that marks mail (or follows a message id)."""
    known, signature, _, _ = _mail_vocab()
    run: list[_Header] = []
    previous = -1  # the line number of the line before, once there is one
    while index < len(lines) and len(run) < MAX_HEADER_FIELDS:
        start, end, number, indented = lines[index]
        if previous >= 0 and number != previous + 1:
            break
        match = HEADER_KEY.match(text, start, end)
        written = match.group(1) if match else ""
        key = written.lower()  # (a HEADER_KEY has no spaces to fold)
        if match and key in known:
            value_start = min(match.end(), end)
            run.append(_Header(start, end, written, value_start, 1, key))
        elif (run and indented and not run[-1].key.lower().startswith("abstract")
              and not LABEL.match(text, start, end)):
            last = run[-1]
            run[-1] = last._replace(end=end, lines=last.lines + 1)
        else:
            break
        previous = number
        index += 1
    keys = {h.name for h in run}
    if len(run) < 2 or not (signed or any(needed <= keys for needed in signature)):
        return []
    return run


def _header_dict(text: str, headers: list[_Header]) -> dict[str, str]:
    """Lower-cased key -> value with white space collapsed; the first of a key wins."""
    found: dict[str, str] = {}
    for header in headers:
        found.setdefault(header.name,
                         " ".join(text[header.value_start:header.end].split()))
    return found


def _reference_date(headers: dict[str, str]) -> dt.date | None:
    """The posting or sending date the headers give, if one parses."""
    for key in _mail_vocab()[2]:
        value = headers.get(key)
        if not value:
            continue
        posted = POSTED_ON.search(value)
        date = parse_mail_date(posted.group(1) if posted else value)
        if date is not None:
            return date
    return None


def parse_mail_date(value: str) -> dt.date | None:
    """The first date in a header value; two-digit years are 19xx from 70, else 20xx.

    >>> parse_mail_date("15-Sep-94"), parse_mail_date("Mon, 2 Mar 2026 09:14:00 +0000")
    (datetime.date(1994, 9, 15), datetime.date(2026, 3, 2))
    >>> parse_mail_date("Monday, March 2, 2026 9:14 AM"), parse_mail_date("02/03/2026 09:14")
    (datetime.date(2026, 3, 2), datetime.date(2026, 3, 2))
    >>> parse_mail_date("soon") is None
    True
    """
    for day, month, year in _date_candidates(value):
        date = _make_date(day, month, year)
        if date is not None:
            return date
    return None


def _date_candidates(value: str) -> Iterator[tuple[int, int, str]]:
    """(day, month, year as written) of each date shape in turn; lazily, so the later
    patterns run only when no earlier candidate is a real date."""
    months = month_numbers()
    for match in DAY_MONTH_YEAR.finditer(value):
        if match.group(2).lower() in months:
            yield int(match.group(1)), months[match.group(2).lower()], match.group(3)
    for match in MONTH_DAY_YEAR.finditer(value):
        if match.group(1).lower() in months:
            yield int(match.group(2)), months[match.group(1).lower()], match.group(3)
    for match in ISO_DATE.finditer(value):
        yield int(match.group(3)), int(match.group(2)), match.group(1)
    for match in SLASH_DATE.finditer(value):
        yield int(match.group(1)), int(match.group(2)), match.group(3)


def _make_date(day: int, month: int, year_text: str) -> dt.date | None:
    year = int(year_text)
    if len(year_text) == 2:
        year += 1900 if year >= 70 else 2000
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _wrapped_end(text: str, lines: list[_Line], index: int,
                 headers: dict[int, _Header]) -> tuple[int, bool]:
    """(index of the last line, whether to join them) of the run of hard-wrapped lines
    that starts at ``index`` (a PDF copy or a fixed-width e-mail breaks lines mid-sentence):
    a sentence broken once, or one list item, is joined; a longer run of prose (a wrapped
    paragraph) keeps its lines, as line-based cues expect.

    (read_text calls it only for a line that the next one may continue.)"""
    first_start, first_end, _, _ = lines[index]
    first = text[first_start:first_end]
    bullet = BULLET.match(first) if _may_open_with_bullet(first) else None
    item_column = _column(text, first_start) + bullet.end() if bullet else None
    last = index
    while last + 1 < len(lines) and lines[last + 1][0] not in headers:
        if not _may_run_on(text, lines, last):
            break  # (what _continues checks first, without slicing the lines)
        start, end, _, _ = lines[last]
        following_start, following_end, _, _ = lines[last + 1]
        column = _column(text, following_start) if item_column is not None else 0
        if not _continues(text[start:end], text[following_start:following_end],
                          column, item_column):
            break
        last += 1
    return last, item_column is not None or last - index < MAX_WRAPPED_LINES


def _may_run_on(text: str, lines: list[_Line], index: int) -> bool:
    """Whether the next line may continue line ``index``: it comes right after it, and
    the line is long enough to be wrapped and ends no sentence or label."""
    start, end, number, _ = lines[index]
    return (index + 1 < len(lines) and lines[index + 1][2] == number + 1
            and end - start >= MIN_WRAPPED_CHARS and text[end - 1] not in WRAP_STOPS)


def _column(text: str, offset: int) -> int:
    return offset - text.rfind("\n", 0, offset) - 1


def _continues(line: str, following: str, column: int, item_column: int | None) -> bool:
    """Whether ``following`` carries on the sentence ``line`` breaks off: the line ends no
    sentence or label and is prose-long, and the next line opens in lower case, or follows
    a dangling 'and'/'of'/'the', or is a list item's text indented under it; never a
    bullet or a ``Key:`` line.

    >>> _continues("Missing from home: making return home", "interviews count", 0, None)
    True
    >>> _continues("Speakers: Dr Ann Lee (University of Kelbrook) and", "Sgt Rob Tennant", 0, None)
    True
    >>> _continues("Who should attend", "social workers and managers", 0, None)
    False
    >>> _continues("Explain the purpose of a return home interview", "In statutory guidance", 6, 6)
    True
    >>> _continues("It ends here.", "and this is new", 0, None)
    False
    >>> _continues("-" * 40, "until next time", 0, None)
    False
    """
    if len(line) < MIN_WRAPPED_CHARS or line[-1] in WRAP_STOPS or not following[0].isalnum() \
            or not (line[-1].isalnum() or line[-1] in ",)]’'\""):
        return False  # a rule of dashes or a line ending in a symbol breaks off nothing
    if not (following[0].islower()
            or (item_column is not None and column == item_column)  # an item's next line
            or line[line.rfind(" ") + 1:] in _wrap_words()):
        return False
    if _may_open_with_bullet(following) and BULLET.match(following):
        return False
    key = match_key_value(following) if _may_open_with_key(following) else None
    return not (key and _looks_like_key(key.group(1)))


@cache
def _wrap_words() -> frozenset[str]:
    return frozenset(vocab.load("wrap_words")["dangling"])


def _classify(text: str, start: int, end: int, has_next: bool) -> Block:
    # A hard-wrapped sentence is one block; its text reads with spaces for the line breaks
    # (the same length, so offsets into it stay offsets into ``text``).
    line = text[start:end]
    if "\n" in line:
        line = line.replace("\n", " ")
    first = line[0]
    # (_may_open_with_bullet and _may_open_with_key, in one look at the first character)
    if first.isascii():
        if first.isalpha():  # the usual line: a word, or a "Key:" label, or "a) ..."
            bullet = (BULLET.match(line) if first.islower() and line[1:2] in (".", ")")
                      else None)
            may_be_key = ":" in line
        else:
            bullet = BULLET.match(line) if _may_open_with_bullet(line) else None
            may_be_key = False
    else:
        bullet = BULLET.match(line)
        may_be_key = False
    if bullet:
        content_start = start + bullet.end()
        return Block("list_item", content_start, end, line[bullet.end():])
    if not first.isascii():
        icon = ICON.match(line)
        if icon:  # "📍 The Community Room, ...": the line is what follows its icon
            start += icon.end()
            line = line[icon.end():]
            may_be_key = _may_open_with_key(line)
    key = match_key_value(line) if may_be_key else None
    if key and _looks_like_key(key.group(1)):
        value_start = start + key.end()
        return Block("key_value", start, end, line, key=key.group(1).strip(),
                     value_start=value_start)
    if has_next and _looks_like_heading(line):
        return Block("heading", start, end, line)
    return Block("paragraph", start, end, line)


def _may_open_with_bullet(line: str) -> bool:
    """Whether a trimmed line may start with a BULLET marker: a dash or a star, any
    non-ASCII character, or a digit, a letter or "(" followed by what a number or letter
    marker needs ("1.", "12)", "b)", "(a)"): most lines are ruled out by two characters."""
    first = line[0]
    if first in "-*" or not first.isascii():
        return True
    if first == "(":
        return line[1:2].isalnum()
    if first.isdigit():
        second = line[1:2]
        return second in (".", ")") or (second.isdigit() and line[2:3] in (".", ")"))
    return first.islower() and line[1:2] in (".", ")")


def match_key_value(line: str) -> re.Match[str] | regex.Match[str] | None:
    """``KEY_VALUE.match(line)``; an ASCII line (the usual one) goes through re."""
    if line.isascii():
        return ASCII_KEY_VALUE.match(line)
    return KEY_VALUE.match(line)


def _may_open_with_key(line: str) -> bool:
    """Whether a trimmed line may start with a KEY_VALUE key: an ASCII letter and a colon."""
    first = line[0]
    return first.isascii() and first.isalpha() and ":" in line


def _looks_like_key(key: str) -> bool:
    words = key.split()
    return 0 < len(words) <= 5


def _looks_like_heading(line: str) -> bool:
    return (
        line[-1] not in CLOSING
        and not line[0].islower()
        # (more words than the most need at least two characters each, but the last)
        and (len(line) < 2 * MAX_HEADING_WORDS + 1
             or len(line.split(None, MAX_HEADING_WORDS)) <= MAX_HEADING_WORDS)
    )
