"""What reading HTML costs: each page's whole parse against the parse of its visible text.

    python benchmarks/html_overhead.py [FOLDER] [--repeat N] [--nlp blank|auto]

For every ``*.html`` in FOLDER (default tests/data/listings) the page is parsed
as HTML, and its visible text (what the HTML reader extracts) is parsed as plain
text, alternately, ``repeat`` times each. Prints per-page and overall ratios
(HTML time / text time); the target is at most 1.5. ``html_overhead(pages)``
returns the overall ratio for the throughput benchmark to call.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from eventparse import parse
from eventparse.read import read

DEFAULT = Path(__file__).resolve().parent.parent / "tests" / "data" / "listings"
TARGET = 1.5


def page_times(html: str, repeat: int, nlp_model: str = "blank") -> tuple[float, float]:
    """Seconds per parse of the page as HTML and of its visible text as text."""
    visible = read(html, format="html").text
    parse(html, format="html", nlp_model=nlp_model)  # warm caches before timing
    parse(visible, format="text", nlp_model=nlp_model)
    html_total = text_total = 0.0
    for _ in range(repeat):
        started = time.perf_counter()
        parse(html, format="html", nlp_model=nlp_model, reference_date="2026-01-01")
        html_total += time.perf_counter() - started
        started = time.perf_counter()
        parse(visible, format="text", nlp_model=nlp_model, reference_date="2026-01-01")
        text_total += time.perf_counter() - started
    return html_total / repeat, text_total / repeat


def html_overhead(pages: list[str], repeat: int = 5, nlp_model: str = "blank") -> float:
    """Total HTML parse time over total visible-text parse time for ``pages``."""
    times = [page_times(html, repeat, nlp_model) for html in pages]
    return sum(h for h, _ in times) / sum(t for _, t in times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--nlp", default="blank", help="auto, blank or a spaCy package")
    args = parser.parse_args()
    html_sum = text_sum = 0.0
    for path in sorted(args.folder.glob("*.html")):
        html_time, text_time = page_times(path.read_text(encoding="utf-8"), args.repeat, args.nlp)
        html_sum, text_sum = html_sum + html_time, text_sum + text_time
        print(f"{path.name:24s} html {html_time * 1000:7.2f} ms  text {text_time * 1000:7.2f} ms"
              f"  ratio {html_time / text_time:5.2f}")
    ratio = html_sum / text_sum if text_sum else float("nan")
    verdict = "ok" if ratio <= TARGET else "over target"
    print(f"overall ratio {ratio:.2f} (target <= {TARGET}): {verdict}")


if __name__ == "__main__":
    main()
