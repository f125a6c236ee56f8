"""Extractor for ``standards``: not written yet (proposes nothing)."""

from __future__ import annotations

from eventparse.extract.base import Candidate, Context

FIELD = "standards"


def extract(ctx: Context) -> list[Candidate[object]]:
    return []
