"""Whole-parse throughput, with and without the statistical model, beside a peer.

    python benchmarks/throughput.py [--seminars DIR] [--repeat N] [--rounds N] [--default-peer N]

Texts: the listings in tests/data/listings (text and HTML) and, when the folder
exists, the CMU seminar announcements (default ../shared/corpora/seminars/dev).
The peer is ``dateparser.search_dates`` over the same texts in the same process:
what a first try at "find the dates in this announcement" would run, given
``languages=["en"]`` (its fastest: no language detection). Prints docs per CPU
second for eventparse (model / blank) and the peer, and the ratios;
``--default-peer N`` adds search_dates with its default settings on N seminars.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

sys.path.insert(0, str(ROOT))  # run as a script: make benchmarks.* importable

from benchmarks.html_overhead import html_overhead  # noqa: E402
from eventparse import nlp, parse  # noqa: E402

LISTINGS = ROOT / "tests" / "data" / "listings"
SEMINARS = ROOT.parent / "shared" / "corpora" / "seminars" / "dev"


def corpus(folder: Path, pattern: str, encoding: str = "utf-8") -> list[str]:
    return [p.read_text(encoding=encoding) for p in sorted(folder.glob(pattern))]


def docs_per_second(run: Callable[[str], object], texts: list[str], repeat: int) -> float:
    """Documents per CPU second of this process: steady on a shared, loaded machine,
    where wall-clock rates swing with whatever else runs."""
    started = time.process_time()
    for _ in range(repeat):
        for text in texts:
            run(text)
    return repeat * len(texts) / (time.process_time() - started)


def peer(text: str) -> object:
    # languages=["en"] spares it language detection: the peer at its fastest.
    return _search_dates(text, languages=["en"], settings={"DATE_ORDER": "DMY"})


def default_peer(text: str) -> object:
    return _search_dates(text)  # as a first try calls it: languages detected per text


def _search_dates(text: str, **options: Any) -> object:
    from dateparser.search import search_dates

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return search_dates(text, **options)


def report(name: str, texts: list[str], repeat: int, default_sample: int = 0,
           rounds: int = 1) -> None:
    """Rates of eventparse (model, blank) and the peer, and their ratios.

    With ``rounds`` > 1 each round times all three again, back to back, and the median
    round is reported with the range: on a shared machine a burst of other work can
    slow one timing by a quarter, and the three of one round share their conditions.
    """
    model = nlp.resolve_model_name("auto")
    for text in texts:  # load models, vocabularies and caches before timing anything
        parse(text, nlp_model="auto")
        parse(text, nlp_model="blank")
    peer(texts[0])
    measured = []
    for _ in range(rounds):
        with_model = docs_per_second(lambda t: parse(t, nlp_model="auto"), texts, repeat)
        blank = docs_per_second(lambda t: parse(t, nlp_model="blank"), texts, repeat)
        baseline = docs_per_second(peer, texts, max(1, repeat // 4))
        measured.append((blank / baseline, with_model, blank, baseline))
    measured.sort()
    _, with_model, blank, baseline = measured[len(measured) // 2]
    print(f"{name}: {len(texts)} documents x {repeat}" + (f", median of {rounds} rounds"
                                                         if rounds > 1 else ""))
    print(f"  eventparse ({model}) {with_model:9.1f} docs/s  {with_model / baseline:6.1f}x peer")
    print(f"  eventparse (blank)   {blank:9.1f} docs/s  {blank / baseline:6.1f}x peer")
    print(f"  dateparser.search_dates {baseline:6.1f} docs/s")
    if rounds > 1:
        print(f"  blank / peer over the rounds: {measured[0][0]:.1f}x to {measured[-1][0]:.1f}x")
    if default_sample:
        sample = texts[:default_sample]
        default_peer(sample[0])
        slow = docs_per_second(default_peer, sample, 1)
        print(f"  search_dates, default settings ({len(sample)} documents) {slow:6.1f} docs/s: "
              f"eventparse (blank) {blank / slow:.0f}x, ({model}) {with_model / slow:.0f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seminars", type=Path, default=SEMINARS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3,
                        help="time the seminars this many times over and report the median")
    parser.add_argument("--default-peer", type=int, default=0, metavar="N",
                        help="also time search_dates with its default settings (language "
                             "detection) on the first N seminars: slow, so off by default")
    args = parser.parse_args()
    report("listings", corpus(LISTINGS, "*.txt") + corpus(LISTINGS, "*.html"), args.repeat)
    if args.seminars.is_dir():
        from benchmarks.seminars import load

        report("seminars", [doc.text for doc in load(args.seminars)], 1, args.default_peer,
               rounds=args.rounds)
    pages = corpus(LISTINGS, "*.html")
    ratio = html_overhead(pages, repeat=args.repeat)
    print(f"html: a page takes {ratio:.2f}x the time of its visible text ({len(pages)} pages)")
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
