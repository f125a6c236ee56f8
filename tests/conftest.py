"""Shared test fixtures: the listings corpus (shipped in tests/data) and ../shared paths."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LISTINGS = ROOT / "tests" / "data" / "listings"
SEED = ROOT / "seeds" / "000_58edb3400c2306e6.txt"
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared; the calling test skips when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not here (the public corpora stay in ../shared)")
    return path

# A backstop against a hang (catastrophic backtracking, an endless loop), not a
# speed test: generous enough for a loaded CI machine, far below CI's own limit.
HANG_GUARD_SECONDS = 600
