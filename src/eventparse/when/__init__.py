"""The date/time grammar's public face: ``parse_when`` and the ``When`` model.

The same grammar finds sessions in listings (``extract/sessions.py``). Modules:
``lexicon`` (month, weekday, number and zone words from ``vocab/``), ``grammar``
(the regexes of each shape), ``atoms`` (matches -> atoms, overlaps settled),
``combine`` (atoms -> mentions with spans and values: ``find_mentions``), ``rules``
(the year and am/pm rules), ``corpus`` (scoring against a corpus of phrases).
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel


class When(BaseModel):
    """One day (or a multi-day range) a phrase denotes, with its clock times.

    Values are ISO strings: ``date`` ``YYYY-MM-DD``, times ``HH:MM``,
    ``utc_offset`` ``+HH:MM`` when the phrase names a zone, and ``zone`` its IANA
    name when that zone is a place's clock with its own summer time ("ET").
    """

    date: str | None = None
    start_time: str | None = None
    end_time: str | None = None
    end_date: str | None = None
    utc_offset: str | None = None
    zone: str | None = None
    """The IANA zone when the phrase names a place's clock ("11am ET": America/New_York)."""


def parse_when(
    text: str, *, reference: dt.date | dt.datetime, day_first: bool = True
) -> list[When]:
    """Every day and time ``text`` denotes, relative to ``reference``; [] if none.

    One entry per day the phrase names ("Wednesday 4 and Thursday 5 March" is two),
    a range within a day as start and end time, a range of days as ``date`` and
    ``end_date``. Years, months and am/pm that the phrase leaves open are read by
    the rules in ``eventparse.when.rules``.

    >>> [w.model_dump(exclude_none=True) for w in parse_when(
    ...     "Tues 3 Mar 10am-12.30pm", reference=dt.date(2026, 1, 15))]
    [{'date': '2026-03-03', 'start_time': '10:00', 'end_time': '12:30'}]
    >>> [w.date for w in parse_when("Wednesday 4 and Thursday 5 March 2026",
    ...                             reference=dt.date(2026, 1, 15))]
    ['2026-03-04', '2026-03-05']
    >>> parse_when("no date here", reference=dt.date(2026, 1, 15))
    []
    """
    from eventparse.when.combine import find_mentions

    if isinstance(reference, dt.datetime):
        reference = reference.date()
    if not isinstance(text, str) or not text.strip():
        return []
    found: list[When] = []
    for mention in find_mentions(text, reference, day_first=day_first, strict=False):
        for entry in mention.entries:
            when = When(**entry.as_dict())
            if when not in found and (when.date or when.start_time):
                found.append(when)
    return found
