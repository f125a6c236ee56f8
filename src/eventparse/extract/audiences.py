"""Extractor for ``audiences``: not written yet (proposes nothing)."""

from __future__ import annotations

from eventparse.extract.base import Candidate, Context

FIELD = "audiences"


def extract(ctx: Context) -> list[Candidate[object]]:
    return []
