"""Batch conversion: many announcements in, one export file out.

``convert(inputs, output, fmt)`` discovers the documents (``sources``), parses
them in worker processes in input order (``workers``), records each finished
document in a journal (``journal``: resumable after any kill), and finally
writes OUT atomically from the journal in the chosen format (``export``). Every
input document yields exactly one record: its Event, or a Failure with the error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from eventparse.convert.journal import (
    Journal,
    JournalBusyError,
    ResumeMismatchError,
    journal_path,
    remove_stale_temporaries,
    replace_atomically,
)
from eventparse.convert.sources import Item, Limits, TooLargeError, discover
from eventparse.convert.workers import Job, Outcome, ParseOptions, Summary, ordered_results
from eventparse.export import write_records

Progress = Callable[[Outcome], None]

__all__ = ["JournalBusyError", "Limits", "ParseOptions", "ResumeMismatchError", "Summary",
           "convert", "journal_path"]


def convert(inputs: list[str], output: Path, fmt: str, *, options: ParseOptions | None = None,
            workers: int = 1, resume: bool = False, limits: Limits | None = None,
            on_start: Callable[[Summary], None] | None = None,
            progress: Progress | None = None) -> Summary:
    """Convert every document of ``inputs`` into ``output`` in format ``fmt``.

    ``on_start`` sees the summary once the journal is read (a resumed run
    starts with its finished documents counted); ``progress`` sees each new Outcome.
    Raises ResumeMismatchError when ``resume`` finds a journal of other inputs.
    """
    options = options or ParseOptions()
    summary = Summary()
    remove_stale_temporaries(output)
    journal = Journal(journal_path(output), resume=resume, summary=summary)
    if on_start:
        on_start(summary)
    try:
        own_files = frozenset({output, journal.path})
        jobs = _jobs(discover(inputs, limits or Limits(), own_files), journal.done)
        for outcome in ordered_results(jobs, options, workers):
            journal.append(outcome)
            summary.add(outcome)
            if progress:
                progress(outcome)
    finally:
        journal.close()

    def export(stream: TextIO) -> None:
        write_records(fmt, journal.records, stream, include_text=options.include_text)

    replace_atomically(output, export)
    journal.remove()
    return summary


def _jobs(items: Iterator[Item], done: dict[int, str]) -> Iterator[Job]:
    """A Job per item not finished already, loaded (read) just before it is handed on."""
    skipped = 0
    for seq, item in enumerate(items):
        if seq in done:
            if done[seq] != item.source:
                raise ResumeMismatchError(
                    f"document {seq + 1} is {item.source!r} but the journal has {done[seq]!r}")
            skipped += 1
            continue
        yield _load(seq, item)
    if skipped != len(done):
        raise ResumeMismatchError(f"the journal holds {len(done)} documents but only {skipped} "
                                  "of them are among the inputs")


def _load(seq: int, item: Item) -> Job:
    if item.load is None:
        return Job(seq, item.source, None, item.error or "cannot read")
    try:
        return Job(seq, item.source, item.load())
    except TooLargeError as exc:
        return Job(seq, item.source, None, str(exc))
    except OSError as exc:
        return Job(seq, item.source, None, f"cannot read: {exc.strerror or exc}")
