"""Packaged vocabularies (JSON data files beside this module), loaded once on first use."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> Any:
    """The parsed JSON of ``vocab/<name>.json``; cached, so treat it as read-only."""
    with resources.files(__package__).joinpath(f"{name}.json").open(encoding="utf-8") as fh:
        return json.load(fh)
