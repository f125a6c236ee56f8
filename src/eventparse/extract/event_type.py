"""Extractor for ``event_type``: not written yet (proposes nothing)."""

from __future__ import annotations

from eventparse.extract.base import Candidate, Context

FIELD = "event_type"


def extract(ctx: Context) -> list[Candidate[object]]:
    return []
