"""Extractor for ``delivery.venue``: not written yet (proposes nothing)."""

from __future__ import annotations

from eventparse.extract.base import Candidate, Context

FIELD = "delivery.venue"


def extract(ctx: Context) -> list[Candidate[object]]:
    return []
