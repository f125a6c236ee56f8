"""Extractor for ``learning_outcomes``: not written yet (proposes nothing)."""

from __future__ import annotations

from eventparse.extract.base import Candidate, Context

FIELD = "learning_outcomes"


def extract(ctx: Context) -> list[Candidate[object]]:
    return []
