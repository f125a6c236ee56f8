"""Accuracy of ``parse_when`` per kind on the times corpus, and its speed beside dateparser.

    python benchmarks/times.py [PATH] [--quiet] [--repeat N]

PATH defaults to ../shared/corpora/times/dev.jsonl (its README defines the format and
the kinds). A case is right when the entries equal the expected set (for an
ambiguous case, one of its readings; ``utc_offset`` where expected). Speed: phrases
per second for ``parse_when`` and for ``dateparser.parse`` on the same phrases with the
same reference and date order, in the same run, after one warm-up pass each.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
import warnings
from pathlib import Path
from typing import Any

from eventparse.when import parse_when
from eventparse.when.corpus import KINDS, load, reference_of, score

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "times" / "dev.jsonl"


def _ours(cases: list[dict[str, Any]]) -> None:
    for case in cases:
        parse_when(case["text"], reference=reference_of(case), day_first=case["day_first"])


def _dateparser(cases: list[dict[str, Any]]) -> None:
    import dateparser

    for case in cases:
        dateparser.parse(case["text"], settings={
            "RELATIVE_BASE": dt.datetime.fromisoformat(case["reference"]),
            "DATE_ORDER": "DMY" if case["day_first"] else "MDY",
            "PREFER_DATES_FROM": "future",
        })


def _rate(run: Any, cases: list[dict[str, Any]], repeat: int) -> float:
    run(cases[:20])  # warm up: compiled patterns, loaded language data
    started = time.perf_counter()
    for _ in range(repeat):
        run(cases)
    return len(cases) * repeat / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--quiet", action="store_true", help="no misses, only the tables")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes over the corpus")
    args = parser.parse_args()
    cases = load(args.path)
    result = score(cases)
    if not args.quiet:
        for kind in KINDS:
            misses = [m for m in result.misses if m[0] == kind]
            if misses:
                print(f"== misses: {kind} ({len(misses)})")
            for _, case, got in misses:
                print(f"  {case['text']!r} ref={case['reference'][:10]} "
                      f"day_first={case['day_first']}\n"
                      f"    want: {json.dumps(case['expect'])}\n"
                      f"    got:  {json.dumps([w.model_dump() for w in got])}")
    print(f"{len(cases)} phrases from {args.path}")
    print(f"{'kind':12s} {'right':>7s} {'total':>7s} {'accuracy':>9s}")
    for kind in KINDS:
        print(f"{kind:12s} {result.right[kind]:7d} {result.total[kind]:7d} "
              f"{result.accuracy(kind):9.1%}")
    total = sum(result.total.values())
    print(f"{'overall':12s} {sum(result.right.values()):7d} {total:7d} {result.accuracy():9.1%}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours = _rate(_ours, cases, args.repeat)
        theirs = _rate(_dateparser, cases, args.repeat)
    print(f"parse_when       {ours:9.0f} phrases/s")
    print(f"dateparser.parse {theirs:9.0f} phrases/s")
    print(f"ratio            {ours / theirs:9.1f}x")


if __name__ == "__main__":
    main()
