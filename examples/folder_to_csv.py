"""Parse every listing in a folder into one CSV file: one row per session.

    python examples/folder_to_csv.py [FOLDER] [-o OUT.csv] [--reference-date YYYY-MM-DD]

A listing that cannot be read becomes an error row, so no document is lost.
(For archives, parallel workers and resumable runs use ``eventparse convert``.)
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import eventparse
from eventparse.export import Failure, Record, write_records

LISTINGS = Path(__file__).resolve().parent.parent / "tests" / "data" / "listings"
SUFFIXES = {".txt", ".html", ".htm", ".md", ".eml"}


def records(folder: Path, reference_date: str) -> Iterator[Record]:
    # A folder's README describes the folder; it is not a listing.
    paths = (p for p in folder.iterdir() if p.suffix in SUFFIXES and p.stem.upper() != "README")
    for path in sorted(paths):
        try:
            yield eventparse.parse_file(path, reference_date=reference_date)
        except eventparse.EventParseError as exc:
            yield Failure(str(path), str(exc))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", type=Path, default=LISTINGS)
    parser.add_argument("-o", "--output", type=Path, default=Path("events.csv"))
    parser.add_argument("--reference-date", default="2026-01-15")
    args = parser.parse_args()
    with args.output.open("w", encoding="utf-8", newline="") as out:
        write_records("csv", lambda: records(args.folder, args.reference_date), out)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
