"""Batch conversion speed and memory: ``eventparse convert`` on thousands of documents.

    python benchmarks/convert.py [--seminars FOLDER] [--sizes 1000 4000] [--workers 1 2]
                                 [--nlp auto|blank] [--to jsonl]

Builds a temporary folder of N documents by copying the CMU seminar
announcements (``../shared/corpora/seminars/dev``, tags removed; never copied
into the repository) and the listings of ``tests/data/listings`` over and over,
then runs the real command (``python -m eventparse.cli convert``) on it for
each worker count. Reports wall time, docs/s, the peak memory of the whole
process tree (PSS of the command and its workers, sampled from /proc every 50 ms),
the largest single process (``wait4``'s ``ru_maxrss``), and the speed-up of
each worker count over one worker, with the CPU seconds used (on a machine
shared with other work, wall-clock speed-up understates the parallelism), and
first the speed-up plain CPU-bound processes get on the machine at that moment:
the ceiling for any worker speed-up there.
Goals: >= 1.8x on 2 workers; memory flat as N grows (compare the rows of
different sizes: ``--sizes 1000 20000``).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: make benchmarks.* importable

from benchmarks.seminars import load  # noqa: E402

SEMINARS = ROOT.parent / "shared" / "corpora" / "seminars" / "dev"
LISTINGS = ROOT / "tests" / "data" / "listings"
PER_FOLDER = 1000


def sources(seminars: Path, listings: Path) -> list[tuple[str, bytes]]:
    """(suffix, content) of every distinct document to copy."""
    found: list[tuple[str, bytes]] = []
    if seminars.is_dir():
        for doc in sorted(load(seminars), key=lambda doc: doc.name):  # tags removed
            found.append((".txt", doc.text.encode("utf-8")))
    for path in sorted(listings.iterdir()):
        if path.suffix in (".txt", ".html"):
            found.append((path.suffix, path.read_bytes()))
    if not found:
        sys.exit("no documents found: give --seminars and --listings")
    return found


def build(folder: Path, count: int, docs: list[tuple[str, bytes]]) -> None:
    """``count`` files in sub-folders of PER_FOLDER, cycling through ``docs``."""
    for number in range(count):
        suffix, content = docs[number % len(docs)]
        sub = folder / f"{number // PER_FOLDER:03d}"
        if number % PER_FOLDER == 0:
            sub.mkdir(parents=True)
        (sub / f"{number:06d}{suffix}").write_bytes(content)


def tree_rss(root: int) -> int:
    """Memory of a process and all its descendants, from /proc.

    Counts each process's proportional set size (PSS: a page shared by forked
    workers is split between them, not counted once per process), else its RSS.
    """
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            status = _read_first(f"/proc/{pid}/smaps_rollup", f"/proc/{pid}/status")
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            continue
        match = re.search(r"(?:Pss|VmRSS):\s+(\d+) kB", status)
        total += int(match.group(1)) * 1024 if match else 0
        stack.extend(int(child) for child in children)
    return total


def _read_first(*paths: str) -> str:
    for path in paths[:-1]:
        try:
            return Path(path).read_text()
        except OSError:
            pass
    return Path(paths[-1]).read_text()


def run(folder: Path, workers: int, nlp: str, fmt: str) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds, peak tree RSS, largest process RSS) of one conversion."""
    out = folder.parent / f"out-{workers}.{fmt}"
    command = [sys.executable, "-m", "eventparse.cli", "convert", str(folder), "-o", str(out),
               "--workers", str(workers), "--nlp", nlp, "--to", fmt, "--quiet",
               "--reference-date", "2026-01-15"]
    started = time.perf_counter()
    process = subprocess.Popen(command)
    peak = 0
    while True:
        peak = max(peak, tree_rss(process.pid))
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1) or not out.exists():  # 1: some documents failed
        sys.exit(f"convert failed with exit code {process.returncode}")
    out.unlink()
    cpu = usage.ru_utime + usage.ru_stime  # the command and the workers it reaped
    return seconds, cpu, peak, usage.ru_maxrss * 1024


BUSY_LOOP = "x = 0\nfor i in range(12_000_000):\n    x += i"


def machine_speedup(processes: int) -> float:
    """How much faster ``processes`` CPU-bound processes finish together than one after
    another, on this machine now: the ceiling for any worker speed-up here (other
    work on a shared machine lowers it below ``processes``)."""
    def together(count: int) -> float:
        started = time.perf_counter()
        running = [subprocess.Popen([sys.executable, "-c", BUSY_LOOP]) for _ in range(count)]
        for process in running:
            process.wait()
        return time.perf_counter() - started

    return processes * together(1) / together(processes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seminars", type=Path, default=SEMINARS)
    parser.add_argument("--listings", type=Path, default=LISTINGS)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--nlp", default="auto")
    parser.add_argument("--to", default="jsonl")
    args = parser.parse_args()
    docs = sources(args.seminars, args.listings)
    print(f"{len(docs)} distinct documents; nlp={args.nlp}; {os.cpu_count()} CPUs")
    ceiling = ", ".join(f"{n} processes {machine_speedup(n):.2f}x"
                        for n in args.workers if n > 1)
    print(f"machine now (plain CPU-bound processes, the ceiling): {ceiling}")
    print(f"{'docs':>7} {'workers':>7} {'seconds':>8} {'CPU s':>8} {'docs/s':>8} {'tree MB':>8} "
          f"{'max proc MB':>11} {'speed-up':>8}")
    for size in args.sizes:
        scratch = Path(tempfile.mkdtemp(prefix="eventparse-bench-"))
        try:
            build(scratch / "in", size, docs)
            base_rate = None
            for workers in args.workers:
                seconds, cpu, peak, largest = run(scratch / "in", workers, args.nlp, args.to)
                rate = size / seconds
                base_rate = base_rate or rate
                print(f"{size:>7} {workers:>7} {seconds:>8.1f} {cpu:>8.1f} {rate:>8.1f} "
                      f"{peak / 2**20:>8.0f} {largest / 2**20:>11.0f} {rate / base_rate:>7.2f}x",
                      flush=True)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
