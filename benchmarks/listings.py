"""Per-field accuracy on a folder of listings with gold, and every miss.

    python benchmarks/listings.py [FOLDER] [--suffix .txt --suffix .html]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from eventparse import parse_file
from eventparse.evaluate import Report, gold_pairs

DEFAULT = Path(__file__).resolve().parent.parent / "tests" / "data" / "listings"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--suffix", action="append", default=None)
    parser.add_argument("--nlp", default="auto", help="auto, blank or a spaCy package")
    parser.add_argument("--quiet", action="store_true", help="no misses, only the table")
    args = parser.parse_args()
    suffixes = tuple(args.suffix or (".txt", ".html", ".md", ".eml"))
    report = Report()
    for path, gold in gold_pairs(args.folder, suffixes):
        event = parse_file(path, reference_date=gold["reference_date"], nlp_model=args.nlp)
        report.add(path.name, event, gold)
    if not args.quiet:
        for name, field_name, got, want in report.misses:
            print(f"MISS {name} {field_name}\n  got:  {json.dumps(got, ensure_ascii=False)}"
                  f"\n  want: {json.dumps(want, ensure_ascii=False)}")
    print(f"{report.total} listings")
    for field_name, value in report.accuracy().items():
        print(f"  {field_name:18s} {value:6.1%}")


if __name__ == "__main__":
    main()
