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


def test_folder_to_csv_writes_a_row_per_session(tmp_path: Path) -> None:
    import csv

    out = tmp_path / "events.csv"
    _run("folder_to_csv.py", "-o", str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    # The 31 listings have 35 sessions in their gold: one row each.
    titles = {row["title"] for row in rows}
    assert len(rows) == 35
    assert "Children's social care involvement during pregnancy and early motherhood" in titles
