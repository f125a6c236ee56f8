"""Extractor for ``delivery.mode``: not written yet (proposes nothing)."""

from __future__ import annotations

from eventparse.extract.base import Candidate, Context

FIELD = "delivery.mode"


def extract(ctx: Context) -> list[Candidate[object]]:
    return []
