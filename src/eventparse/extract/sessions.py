"""Extractor for ``sessions``: not written yet (proposes nothing)."""

from __future__ import annotations

from eventparse.extract.base import Candidate, Context
from eventparse.when import When

FIELD = "sessions"


def extract(ctx: Context) -> list[Candidate[When]]:
    return []
