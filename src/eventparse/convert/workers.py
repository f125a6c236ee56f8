"""Parse documents in worker processes, keeping input order and bounded memory.

``ordered_results`` submits at most ``workers * IN_FLIGHT_PER_WORKER`` documents
at a time and yields results strictly in input order, so the parent never
holds more than that many documents or results, however large the input. With
one worker everything runs in this process (no pool to start, nothing to pickle).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from eventparse.errors import EventParseError

IN_FLIGHT_PER_WORKER = 4


@dataclass(frozen=True)
class ParseOptions:
    """How every document of a run is parsed (the ``parse`` keyword arguments)."""

    reference_date: str | None = None
    timezone: str | None = None
    nlp_model: str = "auto"
    include_text: bool = False


@dataclass(frozen=True)
class Job:
    """One document to parse: its position, source and content (or its known error)."""

    seq: int
    source: str
    content: str | bytes | None
    error: str | None = None


@dataclass(frozen=True)
class Outcome:
    """What a document became: the Event's JSON and its problem count, or an error."""

    seq: int
    source: str
    event_json: str | None = None
    problems: int = 0
    error: str | None = None


@dataclass
class Summary:
    """Counts of a run: documents, converted (events), with problems, failed."""

    documents: int = 0
    converted: int = 0
    with_problems: int = 0
    failed: int = 0
    resumed: int = 0
    """Documents a resumed run found already finished in the journal."""

    def add(self, outcome: Outcome) -> None:
        self.documents += 1
        if outcome.error is not None:
            self.failed += 1
            return
        self.converted += 1
        self.with_problems += outcome.problems > 0


def parse_job(job: Job, options: ParseOptions) -> Outcome:
    """Parse one document; any failure becomes an error Outcome, never an exception."""
    if job.content is None:
        return Outcome(job.seq, job.source, error=job.error or "no content")
    from eventparse.pipeline import parse

    try:
        event = parse(job.content, reference_date=options.reference_date,
                      timezone=options.timezone, nlp_model=options.nlp_model,
                      source=job.source)
        event_json = event.model_dump_json(exclude=None if options.include_text else {"text"})
    except EventParseError as exc:
        return Outcome(job.seq, job.source, error=str(exc))
    except Exception as exc:  # a bug in one document's parse must not stop the run
        return Outcome(job.seq, job.source, error=f"internal error: {type(exc).__name__}: {exc}")
    return Outcome(job.seq, job.source, event_json=event_json, problems=len(event.problems))


def ordered_results(jobs: Iterable[Job], options: ParseOptions, workers: int
                    ) -> Iterator[Outcome]:
    """Each job's Outcome, in the order of ``jobs``."""
    if workers <= 1:
        for job in jobs:
            yield parse_job(job, options)
        return
    yield from _pooled(jobs, options, workers)


def _pooled(jobs: Iterable[Job], options: ParseOptions, workers: int) -> Iterator[Outcome]:
    if _START_METHOD == "fork":
        warm_up(options)
    pool = _Pool(workers, options)
    limit = workers * IN_FLIGHT_PER_WORKER
    try:
        for job in jobs:
            pool.submit(job)
            while len(pool.pending) >= limit:
                yield pool.next_outcome()
        while pool.pending:
            yield pool.next_outcome()
    finally:
        pool.close()


class _Pool:
    """A process pool with the jobs in flight, in input order; survives a dying worker.

    When a worker dies (killed, out of memory, a crash in native code) the pool
    breaks and every job in flight with it. The oldest job is then run again
    alone in a fresh pool: if that kills its worker too, it is the culprit and
    becomes an error Outcome; otherwise its result stands. The other jobs are
    submitted again, so an innocent document never pays for another's crash.
    """

    def __init__(self, workers: int, options: ParseOptions) -> None:
        self.workers = workers
        self.options = options
        self.executor = _new_pool(workers)
        self.pending: deque[tuple[Job, Future[Outcome]]] = deque()

    def submit(self, job: Job) -> None:
        self.pending.append((job, self._future(job)))

    def _future(self, job: Job) -> Future[Outcome]:
        try:
            return self.executor.submit(parse_job, job, self.options)
        except BrokenProcessPool as exc:  # broken before we noticed: fail like its peers
            failed: Future[Outcome] = Future()
            failed.set_exception(exc)
            return failed

    def next_outcome(self) -> Outcome:
        """The oldest job's Outcome (waiting for it)."""
        job, future = self.pending.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            pass
        self._restart()
        outcome = self._alone(job)
        retried = [other for other, _ in self.pending]
        self.pending.clear()
        for other in retried:
            self.submit(other)
        return outcome

    def _alone(self, job: Job) -> Outcome:
        try:
            return self._future(job).result()
        except BrokenProcessPool:
            self._restart()
            return Outcome(job.seq, job.source,
                           error="the worker process died while parsing (out of memory?)")

    def _restart(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)  # no pool thread outlives a fork
        self.executor = _new_pool(self.workers)

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


# fork on Linux: workers start at once and share the loaded pipeline with the
# parent (copy-on-write). It is safe because the parent starts no thread before
# the pool forks all its workers (the progress bar refreshes without a thread;
# the pool's manager thread starts after the fork). Elsewhere (macOS, Windows)
# fork is unsafe or absent: spawn, and each worker loads the pipeline itself.
_START_METHOD = "fork" if sys.platform.startswith("linux") else "spawn"


def warm_up(options: ParseOptions) -> None:
    """Load the pipeline and its vocabularies in this process, ready to be inherited."""
    from eventparse.pipeline import parse

    parse("Warm-up workshop\nDate: 3 March 2026, 10:00-11:00\nOnline via Zoom",
          reference_date=options.reference_date or "2026-01-15", timezone=options.timezone,
          nlp_model=options.nlp_model)


def _new_pool(workers: int) -> ProcessPoolExecutor:
    context = multiprocessing.get_context(_START_METHOD)
    return ProcessPoolExecutor(max_workers=workers, mp_context=context,
                               initializer=_watch_parent, initargs=(os.getpid(),))


def _watch_parent(parent: int) -> None:
    """Exit when the parent dies (kill -9 gives it no chance to stop its workers).

    Ctrl-C is the parent's to handle (it stops the pool); a worker ignores it
    rather than printing a traceback per process.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
