"""Extractor for ``price``: what a place costs, as written ("Free", "£45 + VAT").

From a price line or section (``Cost: ...``, ``Price``, ``Fee``) keep the sentences
that state a price (a sum in £/€/$, "free", "no charge"), dropping booking
instructions that share the line; else a sentence anywhere that states one
("This course is free to attend." gives "Free").
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from eventparse.document import Block
from eventparse.extract.base import Candidate, Context, Phrases
from eventparse.sections import label_of

FIELD = "price"

LINE_SCORE, SENTENCE_SCORE = 0.9, 0.5
_PRICED = regex.compile(r"[£€$]\s?\d|\bfree\b|\bno charge\b|\bno cost\b|\bat no\b",
                        regex.IGNORECASE)
_FREE_PHRASE = regex.compile(r"\b(?:free (?:to attend|of charge)|no charge|at no cost)\b",
                             regex.IGNORECASE)
_FREE_WORDS = Phrases(["free", "no charge", "at no cost"])
"""Every _FREE_PHRASE match holds one of these: a block without one is not scanned."""
# Sentence ends: ". " before a capital or a sum; "; " and " | " between alternatives stay.
_SENTENCE_END = regex.compile(r"(?<=[.!?])\s+(?=[A-Z£€$])")
SKIP_KINDS = ("boilerplate", "headers", "greeting")


def extract(ctx: Context) -> list[Candidate[str]]:
    """The price a price line states, else a "free to attend" sentence."""
    found: list[Candidate[str]] = []
    for section in ctx.sections_of("price"):
        blocks = section.blocks
        for block in blocks[:2]:
            found.extend(_priced(block, _value_start(block), "price-line", LINE_SCORE))
            if found:
                return found
    text = ctx.doc.text
    if not _FREE_WORDS.in_text(text):
        return found
    for section in ctx.sections:
        if section.kind in SKIP_KINDS:
            continue
        for block in _FREE_WORDS.blocks_holding(text, section.blocks):
            found.extend(_free_sentence(block))
            if found:
                return found
    return found


def _value_start(block: Block) -> int:
    """Where the price text starts: after a ``Cost:`` key or an inline label."""
    if block.value_start is not None:
        return block.value_start
    label = label_of(block)
    if label is not None and label.whole and block.text.startswith(label.text):
        return block.start + len(label.text)
    return block.start


def _priced(block: Block, start: int, rule: str, score: float) -> Iterator[Candidate[str]]:
    text = block.text[start - block.start:]
    offset = start
    kept: list[tuple[int, int]] = []
    for sentence_start, sentence_end in _sentences(text):
        sentence = text[sentence_start:sentence_end]
        if _PRICED.search(sentence):
            kept.append((offset + sentence_start, offset + sentence_end))
    if kept:
        # Keep the listing's own punctuation between the sentences that state a price.
        value = "; ".join(block.text[s - block.start:e - block.start].strip(" .:–-")
                          for s, e in kept) if len(kept) < len(_sentences(text)) else (
            block.text[kept[0][0] - block.start:kept[-1][1] - block.start])
        yield Candidate(normalise(value), tuple(kept), rule, score)


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for end_match in _SENTENCE_END.finditer(text):
        spans.append((start, end_match.start()))
        start = end_match.end()
    spans.append((start, len(text)))
    leading = len(text) - len(text.lstrip(" :–-"))
    first_start, first_end = spans[0]
    spans[0] = (max(first_start, leading), first_end)
    return spans


def _free_sentence(block: Block) -> Iterator[Candidate[str]]:
    match = _FREE_PHRASE.search(block.text)
    if match:
        yield Candidate("Free", ((block.start + match.start(), block.start + match.end()),),
                        "free-sentence", SENTENCE_SCORE)


def normalise(value: str) -> str:
    """A lone "free" as "Free"; otherwise the text as written, trimmed.

    >>> normalise("free"), normalise("£45 + VAT")
    ('Free', '£45 + VAT')
    """
    value = " ".join(value.split()).strip(" .")
    if value.lower() == "free":
        return "Free"
    return value[:1].upper() + value[1:] if value else value
