"""Parse one listing and print what an editor would look at first.

    python examples/parse_one.py [FILE] [--reference-date YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import eventparse

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_58edb3400c2306e6.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", nargs="?", type=Path, default=SEED)
    parser.add_argument("--reference-date", default="2026-02-01")
    args = parser.parse_args()

    event = eventparse.parse_file(args.file, reference_date=args.reference_date)
    print(f"Title:     {event.title}")
    print(f"Type:      {event.event_type}")
    where = event.delivery.platform or event.delivery.venue or ""
    print(f"Delivery:  {event.delivery.mode} {where}")
    for session in event.sessions:
        print(f"Session:   {session.start} -> {session.end}")
    print(f"Presenters: {', '.join(p.name for p in event.presenters)}")
    print(f"Audiences: {', '.join(event.audiences)}")
    for standard in event.standards:
        print(f"Standard:  {standard.framework} {standard.name}")
    for problem in event.problems:
        print(f"Problem:   {problem.severity} {problem.code} (line {problem.line}): "
              f"{problem.message}")


if __name__ == "__main__":
    main()
