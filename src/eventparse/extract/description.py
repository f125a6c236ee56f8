"""Extractor for ``description``: not written yet (proposes nothing)."""

from __future__ import annotations

from eventparse.extract.base import Candidate, Context

FIELD = "description"


def extract(ctx: Context) -> list[Candidate[object]]:
    return []
