"""The examples run as a user would run them, and print what they promise."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _run(script: str, *args: str) -> str:
    done = subprocess.run([sys.executable, str(EXAMPLES / script), *args],
                          capture_output=True, text=True, timeout=300, check=True)
    return done.stdout


def test_parse_one_prints_the_seed() -> None:
    out = _run("parse_one.py")
    assert "Children's social care involvement" in out
    assert "2026-03-16 10:00:00+00:00" in out


def test_own_code_lists_online_events() -> None:
    out = _run("own_code.py")
    assert "Mar 2026" in out
