"""Score Events against gold files in the listings format (see tests/data/listings/README.md).

A field is right when it equals the gold after folding white space and
typographic quotes; lists must match item for item, in order; ``problems``
compares the set of codes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventparse.model import Event

FIELDS = (
    "title", "event_type", "delivery_mode", "platform", "venue", "timezone", "sessions",
    "presenters", "audiences", "standards", "learning_outcomes", "problems",
)
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def norm(value: Any) -> Any:
    """Fold white space and typographic quotes in strings, recursively."""
    if isinstance(value, str):
        return " ".join(value.translate(_QUOTES).split())
    if isinstance(value, list):
        return [norm(v) for v in value]
    if isinstance(value, dict):
        return {k: norm(v) for k, v in value.items()}
    return value


def predicted(event: Event) -> dict[str, Any]:
    """The Event in the gold format's shape."""
    data = event.model_dump(mode="json")
    return {
        "title": data["title"],
        "event_type": data["event_type"],
        "delivery_mode": data["delivery"]["mode"],
        "platform": data["delivery"]["platform"],
        "venue": data["delivery"]["venue"],
        "timezone": data["timezone"],
        "sessions": [{k: s[k] for k in ("date", "start_time", "end_time")}
                     for s in data["sessions"]],
        "presenters": [p["name"] for p in data["presenters"]],
        "audiences": data["audiences"],
        "standards": [{"framework": s["framework"], "name": s["name"]}
                      for s in data["standards"]],
        "learning_outcomes": data["learning_outcomes"],
        "problems": sorted({p["code"] for p in data["problems"]}),
    }


def compare(event: Event, gold: dict[str, Any]) -> dict[str, bool]:
    """Field -> right or wrong, for every field in FIELDS."""
    got = predicted(event)
    want = dict(gold, problems=sorted(set(gold.get("problems", []))))
    return {f: norm(got[f]) == norm(want.get(f)) for f in FIELDS}


@dataclass
class Report:
    """Per-field accuracy over a set of listings, with the misses."""

    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    total: int = 0
    misses: list[tuple[str, str, Any, Any]] = field(default_factory=list)

    def add(self, name: str, event: Event, gold: dict[str, Any]) -> None:
        self.total += 1
        got = predicted(event)
        for f, ok in compare(event, gold).items():
            self.right[f] += ok
            if not ok:
                self.misses.append((name, f, got[f], gold.get(f)))

    def accuracy(self) -> dict[str, float]:
        return {f: self.right[f] / self.total if self.total else 0.0 for f in FIELDS}


def gold_pairs(
    folder: Path, suffixes: Iterable[str] = (".txt",)
) -> list[tuple[Path, dict[str, Any]]]:
    """(listing path, gold) for each listing with one of the suffixes in a folder."""
    pairs = []
    for gold_path in sorted(folder.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        listing = (folder / gold["file"]).resolve()
        if listing.suffix in suffixes and listing.exists():
            pairs.append((listing, gold))
    return pairs
