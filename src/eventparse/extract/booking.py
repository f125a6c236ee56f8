"""Extractor for ``booking``: how to book, as the listing says it.

A booking line or section ("Booking: via the partnership learning portal",
"To book a place, email ...", "How to book" with its text) first; the sentence
that tells the reader how (via, email, click, reply, a link) wins over one that
only says booking is open. Failing that, a sentence anywhere that starts with
"Book" or "To book" ("Cost: free. Book via the Board's website.").
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from eventparse.document import Block
from eventparse.extract.base import Candidate, Context
from eventparse.sections import Section, label_of

FIELD = "booking"

LABELLED, SENTENCE, ANYWHERE = 0.8, 0.6, 0.4
HOW_BONUS = 0.15
MIN_SENTENCE_WORDS = 3
"""A bare button ("Register", "Book now") says nothing about how to book."""
_HOW = regex.compile(r"\b(?:via|e-?mail|click|reply|portal|website|online|link|contact|"
                     r"call|phone|register|form)\b|https?://|\S@\S", regex.IGNORECASE)
_BOOK_SENTENCE = regex.compile(r"(?:^|(?<=[.!?]\s))(?:To book|Book|Booking|Register|To register)"
                               r"\b[^.!?\n]{0,300}[.!?]?")
SKIP_KINDS = ("boilerplate", "headers", "greeting")


def extract(ctx: Context) -> list[Candidate[str]]:
    """How to book, from a booking line or section, else a "Book ..." sentence."""
    found: list[Candidate[str]] = []
    for section in ctx.sections_of("booking"):
        found.extend(_from_section(section))
    if found:
        return found
    for section in ctx.sections:
        if section.kind in SKIP_KINDS:
            continue
        for block in section.blocks:
            found.extend(_book_sentences(block))
    return found[:1]


def _from_section(section: Section) -> Iterator[Candidate[str]]:
    for block in section.blocks[:2]:
        text, start = _value(block)
        if len(text) < 3:
            continue
        score = LABELLED if section.heading is None or block.kind == "key_value" else SENTENCE
        if _HOW.search(text):
            score += HOW_BONUS
        yield Candidate(text, ((start, start + len(text)),), "booking-section", score)


def _value(block: Block) -> tuple[str, int]:
    """The block's text after its ``Key:``; a short label alone ("Book now") has none."""
    if block.value_start is not None:
        start = block.value_start
    else:
        start = block.start
        label = label_of(block)
        if label is not None and label.whole and block.text.rstrip(" :]").endswith(
                label.text.rstrip(" :]")):
            return "", start
    raw = block.text[start - block.start:]
    text = raw.strip()
    return text, start + (len(raw) - len(raw.lstrip()))


def _book_sentences(block: Block) -> Iterator[Candidate[str]]:
    for match in _BOOK_SENTENCE.finditer(block.text):
        text = match.group().strip()
        if len(text.split()) >= MIN_SENTENCE_WORDS:
            yield Candidate(text, ((block.start + match.start(), block.start + match.end()),),
                            "book-sentence", ANYWHERE)
