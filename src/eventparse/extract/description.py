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
    under_heading = [b for b in ctx.blocks_of("description") if _is_text(b)]
    if under_heading:
        return [_joined(under_heading, "description-section", SECTION_SCORE)]
    prose = [b for b in ctx.blocks_of(*PREAMBLE_KINDS) if is_prose(b)] or [
        b for b in ctx.blocks_of(*PREAMBLE_KINDS) if is_prose(b, SHORT_PROSE_CHARS)]
    if prose:
        return [_joined(prose, "preamble-prose", PREAMBLE_SCORE)]
    return []


def is_prose(block: Block, min_chars: int = MIN_PROSE_CHARS) -> bool:
    """A paragraph of running text (not a label, a list item or a short line).

    >>> is_prose(Block("paragraph", 0, 9, "Too short."))
    False
    """
    text = block.text.rstrip()
    return (block.kind in ("paragraph", "line") and len(text) >= min_chars
            and text.endswith((".", "!", "?", ".”", ".\"", ")")))


def _is_text(block: Block) -> bool:
    return block.kind in ("paragraph", "line", "list_item", "heading", "table_cell")


def _joined(blocks: list[Block], rule: str, score: float) -> Candidate[str]:
    text = "\n\n".join(b.text.strip() for b in blocks)
    return Candidate(text, tuple((b.start, b.end) for b in blocks), rule, score)
