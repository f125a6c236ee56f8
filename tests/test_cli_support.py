"""Shared by the command-line tests (no tests here): run ``eventparse`` as a user would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run(*args: str | Path, stdin: str | None = None, cwd: Path | None = None,
        timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``eventparse ARGS...``; the result keeps stdout, stderr and the exit code."""
    command = [sys.executable, "-m", "eventparse.cli", *map(str, args)]
    return subprocess.run(command, input=stdin, capture_output=True, text=True, cwd=cwd,
                          timeout=timeout, check=False)


def listing(number: int, day: int = 16) -> str:
    """A small, varied announcement (each a distinct document)."""
    return (f"Practice workshop {number}: supervision skills\n"
            f"Date: {day} March 2026, 10:00 - 11:30\n"
            "Online via Microsoft Teams\n"
            f"Facilitator: Sam Example {number}\n")


def write_listings(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"listing-{number:04d}.txt"
        path.write_text(listing(number, 1 + number % 28), encoding="utf-8")
        paths.append(path)
    return paths
