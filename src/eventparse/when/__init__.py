"""The date/time grammar's public face: ``parse_when`` and the ``When`` model.

The same grammar finds sessions in listings (``extract/sessions.py``).
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel


class When(BaseModel):
    """One day (or a multi-day range) a phrase denotes, with its clock times.

    Values are ISO strings: ``date`` ``YYYY-MM-DD``, times ``HH:MM``,
    ``utc_offset`` ``+HH:MM`` when the phrase names a zone.
    """

    date: str | None = None
    start_time: str | None = None
    end_time: str | None = None
    end_date: str | None = None
    utc_offset: str | None = None


def parse_when(
    text: str, *, reference: dt.date | dt.datetime, day_first: bool = True
) -> list[When]:
    """Every day and time ``text`` denotes, relative to ``reference``; [] if none."""
    raise NotImplementedError("the grammar lands with issue 6")
