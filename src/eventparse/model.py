"""The Pydantic models: the one contract between the pipeline's stages and with users.

``Event.model_dump(mode="json")`` gives dates as ``YYYY-MM-DD``, clock times as
``HH:MM`` and aware datetimes as ISO 8601 with their offset (``+00:00``, never ``Z``).

>>> from eventparse.model import Session
>>> import datetime as dt
>>> Session(date=dt.date(2026, 3, 16), start_time=dt.time(10), end_time=dt.time(11, 30)).model_dump(
...     mode="json", include={"date", "start_time", "end_time"})
{'date': '2026-03-16', 'start_time': '10:00', 'end_time': '11:30'}
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

ClockTime = Annotated[
    dt.time,
    PlainSerializer(lambda t: t.strftime("%H:%M"), return_type=str, when_used="json"),
]
AwareDateTime = Annotated[
    dt.datetime,
    PlainSerializer(lambda d: d.isoformat(), return_type=str, when_used="json"),
]

Severity = Literal["error", "warning", "info"]
DeliveryMode = Literal["online", "in_person", "hybrid"]


class Span(BaseModel):
    """Character offsets ``[start, end)`` into ``Event.text`` (the document's visible text)."""

    model_config = ConfigDict(frozen=True)

    start: int
    end: int


class Evidence(BaseModel):
    """Where a value came from: its spans in the text, and the rule that chose it."""

    spans: list[Span]
    rule: str
    text: str = Field(description="The source text of the first span, for people reading it.")


class Problem(BaseModel):
    """Something an editor should fix before publishing."""

    code: str
    severity: Severity
    message: str
    span: Span | None = None
    line: int | None = Field(default=None, description="1-based line of span.start")
    column: int | None = Field(default=None, description="1-based column of span.start")


class Session(BaseModel):
    """One scheduled sitting of the event, as wall-clock values and aware datetimes."""

    date: dt.date | None = None
    start_time: ClockTime | None = None
    end_time: ClockTime | None = None
    start: AwareDateTime | None = None
    end: AwareDateTime | None = None


class Delivery(BaseModel):
    mode: DeliveryMode | None = None
    platform: str | None = None
    venue: str | None = None


class Presenter(BaseModel):
    name: str
    role: str | None = None
    bio: str | None = None


class Standard(BaseModel):
    """A professional standard the listing cites, resolved against the packaged vocabulary."""

    framework: str = Field(description='Family as commonly written: "PQS:KSS", "PCF", "SWE".')
    name: str = Field(description="The statement's official title, or the text as written.")
    statement_set: str | None = Field(
        default=None, description="Id of the statement set, e.g. 'pqs-kss-cfp'."
    )
    number: int | None = None
    candidates: list[str] = Field(
        default_factory=list,
        description="Every statement set this title belongs to when it is in more than one.",
    )
    known: bool = True


class Event(BaseModel):
    """One announcement, parsed. What the listing does not give is ``None`` or ``[]``."""

    title: str | None = None
    event_type: str | None = None
    delivery: Delivery = Field(default_factory=Delivery)
    sessions: list[Session] = Field(default_factory=list)
    timezone: str = "Europe/London"
    presenters: list[Presenter] = Field(default_factory=list)
    audiences: list[str] = Field(default_factory=list)
    standards: list[Standard] = Field(default_factory=list)
    learning_outcomes: list[str] = Field(default_factory=list)
    description: str | None = None
    price: str | None = None
    booking: str | None = None
    problems: list[Problem] = Field(default_factory=list)
    provenance: dict[str, Evidence] = Field(
        default_factory=dict,
        description='Field path ("title", "sessions[0]", "audiences[2]") -> where it came from.',
    )
    reference_date: dt.date | None = None
    source: str | None = None
    format: str = "text"
    nlp_model: str = Field(
        default="blank", description="The spaCy pipeline used: a package name, or 'blank'."
    )
    text: str = Field(default="", description="The visible text that every Span points into.")
