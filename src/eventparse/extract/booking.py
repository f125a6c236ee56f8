"""Extractor for ``booking``: how to book, as the listing says it.

A booking line or section ("Booking: via the partnership learning portal",
"To book a place, email ...", "How to book" with its text) first; the sentence
that tells the reader how (via, email, click, reply, a link) wins over one that
only says booking is open. A sentence anywhere that says how ("Cost: free. Book via the
Board's website.", "Please reply to this email to book.") is a weaker candidate.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from eventparse.document import Block
from eventparse.extract.base import Candidate, Context
from eventparse.sections import Section, label_of

FIELD = "booking"

LABELLED, SENTENCE, ANYWHERE = 0.8, 0.6, 0.4
HOW_BONUS, NO_HOW_PENALTY = 0.15, 0.3
MIN_SENTENCE_WORDS = 3
"""A bare button ("Register", "Book now") says nothing about how to book."""
_HOW = regex.compile(r"\b(?:via|e-?mail|click|reply|portal|website|online|link|contact|"
                     r"call|phone|register|form|through|using)\b|https?://|\S@\S",
                     regex.IGNORECASE)
# A sentence that says how to book: it opens with "Book"/"To book"/"Register", or says
# "to book", "book via ...", "register online" somewhere ("Please reply to this email to book.").
_BOOK_SENTENCE = regex.compile(
    r"(?:^|(?<=[.!?]\s))(?:(?:To book|Book|Booking|Register|To register)\b[^.!?\n]{0,300}"
    r"|[^.!?\n]{0,200}\b(?:to book|book (?:via|through|on|online|by|at|using)|"
    r"register (?:via|at|online|through|by))\b[^.!?\n]{0,200})[.!?]?")
SKIP_KINDS = ("boilerplate", "headers", "greeting")
_BOOK_WORDS = ("ook", "egister")
"""Every _BOOK_SENTENCE match holds one of these ("Book", "to book", "Register"): a
text without them is not scanned."""
_ANY_BOOK_WORD = re.compile("|".join(map(re.escape, _BOOK_WORDS)))
"""_BOOK_WORDS as one search (a test per block: no generator made for each)."""


def extract(ctx: Context) -> list[Candidate[str]]:
    """How to book, from a booking line or section, else a "Book ..." sentence."""
    found: list[Candidate[str]] = []
    for section in ctx.sections_of("booking"):
        found.extend(_from_section(section))
    if not _may_book(ctx.doc.text):
        return found
    sentences = (c for section in ctx.sections if section.kind not in SKIP_KINDS
                 for block in section.blocks if _may_book(block.text)
                 for c in _book_sentences(block))
    # The first sentence that says how to book, else the first that mentions booking.
    first: Candidate[str] | None = None
    for sentence in sentences:
        first = first or sentence
        if sentence.score > ANYWHERE:
            first = sentence
            break
    return [*found, first] if first else found


def _from_section(section: Section) -> Iterator[Candidate[str]]:
    for block in section.blocks[:2]:
        text, start = _value(block)
        if len(text) < 3:
            continue
        score = LABELLED if section.heading is None or block.kind == "key_value" else SENTENCE
        # "Booking is now open" says nothing of how: a how-to sentence elsewhere beats it.
        score += HOW_BONUS if _HOW.search(text) else -NO_HOW_PENALTY
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


def _may_book(text: str) -> bool:
    return _ANY_BOOK_WORD.search(text) is not None


def _book_sentences(block: Block) -> Iterator[Candidate[str]]:
    for match in _BOOK_SENTENCE.finditer(block.text):
        text = match.group().strip()
        if len(text.split()) >= MIN_SENTENCE_WORDS:
            score = ANYWHERE + (HOW_BONUS if _HOW.search(text) else 0.0)
            yield Candidate(text, ((block.start + match.start(), block.start + match.end()),),
                            "book-sentence", score)
