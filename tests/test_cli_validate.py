"""``validate`` finds the gold problems of the listings: precision and recall >= .95.

The listings' gold names each listing's problem codes; ``validate --format json``
reports codes per file. A (file, code) pair is a hit when both have it. The
command runs in-process (typer's runner), once per reference date, so the
statistical model loads once; the other CLI tests run it as a subprocess.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from typer.testing import CliRunner

from eventparse.cli import app
from eventparse.evaluate import gold_pairs

from .conftest import LISTINGS

THRESHOLD = 0.95


def validate_codes() -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(gold pairs, found pairs) of (file name, problem code) over the listings."""
    by_reference: dict[str, list[Path]] = defaultdict(list)
    gold: set[tuple[str, str]] = set()
    for path, expected in gold_pairs(LISTINGS, (".txt", ".html")):
        by_reference[expected["reference_date"]].append(path)
        gold |= {(path.name, code) for code in expected.get("problems", [])}
    found: set[tuple[str, str]] = set()
    runner = CliRunner()
    for reference, paths in sorted(by_reference.items()):
        result = runner.invoke(app, ["validate", *map(str, paths), "--format", "json",
                                     "--reference-date", reference])
        assert result.exit_code in (0, 1), result.output
        for line in result.stdout.splitlines():
            report = json.loads(line)
            name = Path(report["source"]).name
            found |= {(name, p["code"]) for p in report["problems"]}
    return gold, found


def test_validate_finds_the_gold_problems() -> None:
    gold, found = validate_codes()
    assert gold, "the listings have gold problems"
    hits = gold & found
    precision = len(hits) / len(found) if found else 0.0
    recall = len(hits) / len(gold)
    missed, extra = sorted(gold - found), sorted(found - gold)
    assert precision >= THRESHOLD and recall >= THRESHOLD, (
        f"precision {precision:.3f}, recall {recall:.3f}; missed {missed}; extra {extra}")
