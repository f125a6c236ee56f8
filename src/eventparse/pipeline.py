"""Runs the stages: read -> sections -> extract -> resolve -> validate."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from eventparse import nlp
from eventparse.errors import InputTooLargeError, InvalidOptionError, UnreadableInputError
from eventparse.extract.base import Candidate, Context
from eventparse.extract.registry import EXTRACTORS
from eventparse.model import Event
from eventparse.read import read
from eventparse.resolve import build_event
from eventparse.sections import split_sections
from eventparse.settings import Settings, zone_for
from eventparse.validate import validate

DEFAULT_SETTINGS = Settings()
"""The settings of a parse that names no timezone (frozen, so one serves every parse)."""


def parse(
    text: str | bytes,
    *,
    reference_date: dt.date | str | None = None,
    timezone: str | None = None,
    format: str | None = None,
    nlp_model: str = "auto",
    source: str | None = None,
) -> Event:
    """Parse one announcement into a validated Event.

    ``reference_date`` is the day the listing was published or read (a date or an
    ISO string); it resolves dates without a year and decides ``date-in-past``.
    ``timezone`` (an IANA name) is the zone of the event's times; by default it is
    the zone the listing's times name when they all name one place's clock ("11am
    ET": America/New_York), else Europe/London; times written in another zone are
    converted to it. ``format`` is ``"text"``, ``"html"``, ``"markdown"`` or ``"email"``; by
    default the content decides. Raises an ``EventParseError`` subclass for input
    that is not text at all; anything else comes back as an Event with problems.

    >>> event = parse("Knife crime briefing\\nDate: 3 March 2026, 10:00-11:00\\nOnline via Zoom",
    ...               reference_date="2026-02-01", nlp_model="blank")
    >>> event.title
    'Knife crime briefing'
    """
    reference_date = _as_date(reference_date)
    if timezone is None:
        settings = DEFAULT_SETTINGS
    else:
        zone_for(timezone)  # fail early, with a clear error, on an unknown zone name
        settings = Settings(timezone=timezone)
    if len(text) > settings.max_chars:
        raise InputTooLargeError(
            f"input has {len(text):,} characters; the limit is {settings.max_chars:,}")
    doc = read(text, format=format, source=source)
    ctx = Context(
        doc=doc,
        sections=split_sections(doc),
        settings=settings,
        reference_date=reference_date or doc.reference_date_hint or dt.date.today(),
        nlp_name=nlp.resolve_model_name(nlp_model),
    )
    proposals: dict[str, list[Candidate[Any]]] = {}
    for extractor in EXTRACTORS:
        proposals[extractor.FIELD] = extractor.extract(ctx)
    event = build_event(ctx, proposals)
    event.problems = validate(event, doc, ctx.problems)
    return event


def _as_date(value: dt.date | str | None) -> dt.date | None:
    if not isinstance(value, str):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise InvalidOptionError(
            f"reference date {value!r} is not a date: use YYYY-MM-DD") from exc


def parse_file(path: str | Path, **options: Any) -> Event:
    """Parse the announcement in a file; the same options as ``parse``."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableInputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    options.setdefault("source", str(path))
    return parse(data, **options)
