"""Score ``parse_when`` on a corpus of phrases with expected values.

The format is the times corpus's (and ``extract/corpora/when.jsonl``'s): one JSON
object per line with ``text``, ``reference``, ``day_first``, ``expect`` (a list of
When dicts) and optionally ``ambiguous``. A case is right when the entries equal
the expected set; for an ambiguous case, when they equal one of its readings.
``utc_offset`` is compared only where the expectation gives one.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventparse.when import When, parse_when

KINDS = ("date", "time", "time range", "date+time", "date range")
FIELDS = ("date", "start_time", "end_time", "end_date")


def kind(entry: dict[str, Any]) -> str:
    """The kind of a case, from its first expected entry."""
    if entry.get("end_date"):
        return "date range"
    if entry.get("date") and entry.get("start_time"):
        return "date+time"
    if entry.get("date"):
        return "date"
    if entry.get("end_time"):
        return "time range"
    return "time"


def load(path: Path) -> list[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def reference_of(case: dict[str, Any]) -> dt.date:
    return dt.datetime.fromisoformat(case["reference"]).date()


def _key(entry: dict[str, Any], with_offset: bool) -> tuple[Any, ...]:
    values = tuple(entry.get(f) for f in FIELDS)
    return (*values, entry.get("utc_offset")) if with_offset else values


def is_right(case: dict[str, Any], got: Iterable[When]) -> bool:
    answers = [w.model_dump() for w in got]
    expected = case["expect"]
    with_offset = any("utc_offset" in e for e in expected)
    readings = [[e] for e in expected] if case.get("ambiguous") else [expected]
    mine = {_key(a, with_offset) for a in answers}
    return any(mine == {_key(e, with_offset) for e in reading} for reading in readings) and (
        len(answers) == len(mine))


@dataclass
class Score:
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    misses: list[tuple[str, dict[str, Any], list[When]]] = field(default_factory=list)

    def add(self, case: dict[str, Any], got: list[When]) -> None:
        k = kind(case["expect"][0])
        self.total[k] += 1
        if is_right(case, got):
            self.right[k] += 1
        else:
            self.misses.append((k, case, got))

    def accuracy(self, k: str | None = None) -> float:
        if k is None:
            total = sum(self.total.values())
            return sum(self.right.values()) / total if total else 0.0
        return self.right[k] / self.total[k] if self.total[k] else 0.0


def score(cases: list[dict[str, Any]],
          parse: Callable[[dict[str, Any]], list[When]] | None = None) -> Score:
    """Score every case with ``parse`` (default: ``parse_when``)."""
    result = Score()
    for case in cases:
        got = parse(case) if parse else parse_when(
            case["text"], reference=reference_of(case), day_first=case.get("day_first", True))
        result.add(case, got)
    return result
