"""Plain text -> Document: one block per non-blank line, classified by layout.

A line is a ``list_item`` when it starts with a bullet or a number marker
(``-``, ``*``, ``•``, ``1.``, ``2)``), a ``key_value`` when it starts with a short
``Key:`` label, a ``heading`` when it is short, has no closing punctuation and
content follows it, else a ``paragraph``. The marker is not part of the block's
span, so extractors never see it.
"""

from __future__ import annotations

import regex

from eventparse.document import Block, Document

BULLET = regex.compile(r"[ \t]*(?:[-*•·▪◦‣–—]|\(?\d{1,2}[.)]|\(?[a-z][.)])[ \t]+(?=\S)")
# A key is a few words before a colon; a time such as "10:00" or a URL is not a key.
KEY_VALUE = regex.compile(r"[ \t]*([A-Za-z][\w'’&/()\- ]{0,38}?)[ \t]*:(?:[ \t]+|$)(?!//)")
CLOSING = ".;,!?"
MAX_HEADING_WORDS = 10


def read_text(text: str) -> Document:
    """Read plain text into blocks; ``text`` is kept exactly, offsets point into it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = list(_lines(text))
    blocks: list[Block] = []
    for index, (start, end) in enumerate(lines):
        next_line = lines[index + 1] if index + 1 < len(lines) else None
        blocks.append(_classify(text, start, end, next_line is not None))
    return Document(text=text, blocks=blocks, format="text")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, trimmed of surrounding white space."""
    spans: list[tuple[int, int]] = []
    pos = 0
    length = len(text)
    while pos <= length:
        newline = text.find("\n", pos)
        stop = length if newline == -1 else newline
        start, end = pos, stop
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
        if newline == -1:
            break
        pos = newline + 1
    return spans


def _classify(text: str, start: int, end: int, has_next: bool) -> Block:
    line = text[start:end]
    bullet = BULLET.match(line)
    if bullet:
        content_start = start + bullet.end()
        return Block("list_item", content_start, end, text[content_start:end])
    key = KEY_VALUE.match(line)
    if key and _looks_like_key(key.group(1)):
        value_start = start + key.end()
        return Block("key_value", start, end, line, key=key.group(1).strip(),
                     value_start=value_start)
    if has_next and _looks_like_heading(line):
        return Block("heading", start, end, line)
    return Block("paragraph", start, end, line)


def _looks_like_key(key: str) -> bool:
    words = key.split()
    return 0 < len(words) <= 5


def _looks_like_heading(line: str) -> bool:
    return (
        len(line.split()) <= MAX_HEADING_WORDS
        and line[-1] not in CLOSING
        and not line[0].islower()
    )
