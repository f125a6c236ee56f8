"""Extractor for ``description``: the main "about" text, as paragraphs joined by a blank line.

The paragraphs of a description section ("About the workshop", "Overview",
"Course aims") when the listing has one; else the prose paragraphs of the
preamble (the text under the title and key details, before the first known
heading) and of the date and time sections. Prose is a paragraph of at least
``MIN_PROSE_CHARS`` characters that ends like a sentence; labelled lines, lists and
short lines are not prose.
"""

from __future__ import annotations

from eventparse.document import Block
from eventparse.extract.base import Candidate, Context

FIELD = "description"

MIN_PROSE_CHARS = 120
"""Shorter paragraphs in the preamble are mostly practical notes ("Joining details will be
sent with your booking confirmation."), not the description."""
SHORT_PROSE_CHARS = 60
SECTION_SCORE, PREAMBLE_SCORE = 0.9, 0.6
PREAMBLE_KINDS = ("preamble", "details", "schedule")
"""Where the prose of a listing without an "About" section is: a paragraph after the list
under "Dates for 2026:" is the listing's own text, not part of its dates."""


def extract(ctx: Context) -> list[Candidate[str]]:
    """The description section's text, else the preamble's prose."""
    under_heading = [b for b in ctx.blocks_of("description") if b.kind in _TEXT_KINDS]
    if under_heading:
        return [_joined(under_heading, "description-section", SECTION_SCORE)]
    # the long prose if any, else the short: the long is asked only of the short
    prose: list[Block] = []
    short_prose: list[Block] = []
    for block in ctx.blocks_of(*PREAMBLE_KINDS):
        if is_prose(block, SHORT_PROSE_CHARS):
            short_prose.append(block)
            if is_prose(block):
                prose.append(block)
    if prose or short_prose:
        return [_joined(prose or short_prose, "preamble-prose", PREAMBLE_SCORE)]
    return []


def is_prose(block: Block, min_chars: int = MIN_PROSE_CHARS) -> bool:
    """A paragraph of running text (not a label, a list item or a short line).

    >>> is_prose(Block("paragraph", 0, 9, "Too short."))
    False
    """
    text = block.text.rstrip()
    return (block.kind in _PROSE_KINDS and len(text) >= min_chars
            and text.endswith(_PROSE_ENDS))


_PROSE_KINDS = ("paragraph", "line")
_PROSE_ENDS = (".", "!", "?", ".”", ".\"", ")")
_TEXT_KINDS = ("paragraph", "line", "list_item", "heading", "table_cell")


def _joined(blocks: list[Block], rule: str, score: float) -> Candidate[str]:
    text = "\n\n".join(b.text.strip() for b in blocks)
    return Candidate(text, tuple((b.start, b.end) for b in blocks), rule, score)
