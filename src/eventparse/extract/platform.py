"""Extractor for ``delivery.platform``: not written yet (proposes nothing)."""

from __future__ import annotations

from eventparse.extract.base import Candidate, Context

FIELD = "delivery.platform"


def extract(ctx: Context) -> list[Candidate[object]]:
    return []
