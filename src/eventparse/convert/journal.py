"""The journal that makes ``convert`` resumable and its output atomic.

While a run converts, every finished document is appended to a journal beside
the output, ``OUT.journal``: one JSON line ``{"seq", "source", "event"}`` (or
``"error"`` instead of ``"event"``), written with a single unbuffered write as
soon as the document is done, in input order. OUT itself is written only at the
end: the whole journal is exported to a temporary file in OUT's folder, flushed
to disk, and renamed over OUT in one step, then the journal is removed. So OUT
is either absent (or the previous complete version) or complete, never half.

A run killed at any moment (even ``kill -9``) leaves the journal. Started again
with ``--resume``, the converter reads it back, drops a torn last line (the
kill may cut a write short), skips every input whose position and source the
journal already holds, and appends the rest: each document ends up in OUT
exactly once. Since the journal holds the parsed Events, not the export, a
resumed run may even choose another ``--to`` format. A run holds an exclusive
lock on the journal while it works, so a second run into the same OUT (or a
``--resume`` while the first is in fact still alive) is refused.
"""

from __future__ import annotations

import glob
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from eventparse.convert.workers import Outcome, Summary
from eventparse.export import Failure, Record
from eventparse.model import Event


class ResumeMismatchError(Exception):
    """The journal does not describe the inputs of this run."""


class JournalBusyError(Exception):
    """Another conversion into the same OUT is running (it holds the journal's lock)."""


def _lock(handle: BinaryIO, path: Path) -> None:
    """Take the journal's lock, so two runs never write one OUT (released when closed)."""
    if sys.platform == "win32":
        return
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise JournalBusyError(f"another conversion is writing {path}") from None


def journal_path(output: Path) -> Path:
    """Where the journal of a conversion into ``output`` lives.

    >>> journal_path(Path("out/events.jsonl")).name
    'events.jsonl.journal'
    """
    return output.with_name(output.name + ".journal")


class Journal:
    """Append-only record of finished documents; see the module docstring."""

    def __init__(self, path: Path, *, resume: bool, summary: Summary) -> None:
        self.path = path
        self.done: dict[int, str] = {}
        self.summary = summary
        self._handle: BinaryIO = path.open("ab", buffering=0)
        _lock(self._handle, path)
        if resume:
            self._recover()
        else:
            self._handle.truncate(0)

    def _recover(self) -> None:
        """Read back the finished documents; cut a torn last line."""
        good_end = 0
        with self.path.open("rb") as handle:
            for line in handle:
                entry = _entry(line)
                if entry is None:
                    break
                good_end += len(line)
                seq, source = entry["seq"], entry["source"]
                self.done[seq] = source
                self.summary.add(Outcome(seq, source, event_json="" if "event" in entry
                                         else None, problems=_problem_count(entry),
                                         error=entry.get("error")))
                self.summary.resumed += 1
        with self.path.open("r+b") as handle:
            handle.truncate(good_end)

    def append(self, outcome: Outcome) -> None:
        head = json.dumps({"seq": outcome.seq, "source": outcome.source}, ensure_ascii=False)
        if outcome.event_json is not None:
            body = f', "event": {outcome.event_json}}}'
        else:
            body = f', "error": {json.dumps(outcome.error, ensure_ascii=False)}}}'
        self._handle.write((head[:-1] + body + "\n").encode("utf-8"))

    def close(self) -> None:
        self._handle.close()

    def records(self) -> Iterator[Record]:
        """Every journalled record, in input order, read from disk (streamed)."""
        with self.path.open("rb") as handle:
            for line in handle:
                entry = json.loads(line)
                if "event" not in entry:
                    yield Failure(entry["source"], entry["error"])
                    continue
                try:
                    yield Event.model_validate(entry["event"])
                except ValidationError as exc:  # never expected; still one record per document
                    yield Failure(entry["source"], f"internal error: cannot export the event: "
                                  f"{exc.error_count()} invalid fields")

    def remove(self) -> None:
        self.close()
        self.path.unlink(missing_ok=True)


def _entry(line: bytes) -> dict[str, Any] | None:
    if not line.endswith(b"\n"):
        return None
    try:
        entry = json.loads(line)
    except ValueError:
        return None
    if not isinstance(entry, dict) or not isinstance(entry.get("seq"), int):
        return None
    return entry


def _problem_count(entry: dict[str, Any]) -> int:
    event = entry.get("event")
    return len(event.get("problems", [])) if isinstance(event, dict) else 0


def _temporary(target: Path, tag: str) -> Path:
    return target.with_name(f".{target.name}.{tag}.tmp")


def remove_stale_temporaries(target: Path) -> None:
    """Remove temporary files a run killed while writing ``target`` left behind."""
    for stale in target.parent.glob(glob.escape(f".{target.name}.") + "*.tmp"):
        stale.unlink(missing_ok=True)


def replace_atomically(target: Path, write: Any) -> None:
    """Call ``write(stream)`` on a temporary file beside ``target``, then rename it over."""
    temporary = _temporary(target, str(os.getpid()))
    try:
        with temporary.open("w", encoding="utf-8", newline="") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
