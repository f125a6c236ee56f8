"""Extractor for ``title``: the first heading-like line of the preamble."""

from __future__ import annotations

from eventparse.extract.base import Candidate, Context

FIELD = "title"


def extract(ctx: Context) -> list[Candidate[str]]:
    for block in ctx.blocks_of("preamble"):
        return [Candidate(block.text, ((block.start, block.end),), "first-line", 0.5)]
    return []
