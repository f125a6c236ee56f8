"""The listings corpus: every field right on at least 95% of listings, the seed on all."""

from __future__ import annotations

import pytest

from eventparse import parse_file
from eventparse.evaluate import FIELDS, Report, compare, gold_pairs

from .conftest import LISTINGS

THRESHOLD = 0.95


def _report(suffixes: tuple[str, ...]) -> Report:
    report = Report()
    for path, gold in gold_pairs(LISTINGS, suffixes):
        event = parse_file(path, reference_date=gold["reference_date"])
        report.add(path.name, event, gold)
    return report


def test_seed_matches_gold_on_every_field() -> None:
    [(path, gold)] = [(p, g) for p, g in gold_pairs(LISTINGS) if p.name == "seed.txt"]
    event = parse_file(path, reference_date=gold["reference_date"])
    wrong = [f for f, ok in compare(event, gold).items() if not ok]
    assert wrong == []


@pytest.mark.parametrize("suffixes", [(".txt",), (".html",)], ids=["text", "html"])
def test_every_field_right_on_95_percent(suffixes: tuple[str, ...]) -> None:
    report = _report(suffixes)
    assert report.total > 0
    accuracy = report.accuracy()
    low = {f: round(accuracy[f], 3) for f in FIELDS if accuracy[f] < THRESHOLD}
    misses = [m for m in report.misses if m[1] in low]
    assert not low, f"fields below {THRESHOLD}: {low}; misses: {misses}"
