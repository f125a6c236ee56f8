"""Pick among the extractors' candidates and build the Event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from eventparse.extract.base import Candidate, Context
from eventparse.model import Event, Presenter, Session, Standard
from eventparse.settings import DEFAULT_TIMEZONE, zone_for
from eventparse.when import When

LIST_FIELDS = {"sessions", "presenters", "audiences", "standards", "learning_outcomes"}


def pick_one(candidates: Sequence[Candidate[Any]]) -> Candidate[Any] | None:
    """The best-scoring candidate; the earliest in the text on a tie."""
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    return max(candidates, key=lambda c: (c.score, -(c.spans[0][0] if c.spans else 0)))


def pick_group(candidates: Sequence[Candidate[Any]]) -> list[Candidate[Any]]:
    """The items of the best-scoring group, in the order the extractor gave them."""
    best = pick_one(candidates)
    if best is None:
        return []
    return [c for c in candidates if c.group == best.group]


def evidence(ctx: Context, candidate: Candidate[Any]) -> dict[str, Any]:
    """The fields of a candidate's Evidence: the Event validates them into one (in a single
    pass for the whole provenance, much cheaper than a model per span here)."""
    spans = candidate.spans
    text = ctx.text(*spans[0]) if spans else ""
    return {"spans": [{"start": s, "end": e} for s, e in spans], "rule": candidate.rule,
            "text": text}


def build_event(ctx: Context, proposals: dict[str, list[Candidate[Any]]]) -> Event:
    """Resolve every field's candidates into one Event with its provenance."""
    chosen: dict[str, Any] = {}
    provenance: dict[str, dict[str, Any]] = {}
    for field_name, candidates in proposals.items():
        if not candidates:  # (most fields of most listings: nothing to pick)
            chosen[field_name] = [] if field_name in LIST_FIELDS else None
        elif field_name in LIST_FIELDS:
            items = pick_group(candidates)
            chosen[field_name] = [c.value for c in items]
            for index, item in enumerate(items):
                provenance[f"{field_name}[{index}]"] = evidence(ctx, item)
        else:
            best = pick_one(candidates)
            chosen[field_name] = best.value if best else None
            if best:
                provenance[field_name] = evidence(ctx, best)
    whens: list[When] = chosen.get("sessions", [])
    zone_name = ctx.settings.timezone or named_zone(whens) or DEFAULT_TIMEZONE
    zone = zone_for(zone_name)
    # One validation for the whole Event: the provenance's plain dicts become Evidence
    # and Span models there, far cheaper than a model made here for every span.
    return Event.model_validate({
        "title": chosen.get("title"),
        "event_type": chosen.get("event_type"),
        "delivery": {
            "mode": chosen.get("delivery.mode"),
            "platform": chosen.get("delivery.platform"),
            "venue": chosen.get("delivery.venue"),
        },
        "sessions": [to_session(w, zone) for w in whens],
        "timezone": zone_name,
        "presenters": [_as(Presenter, p) for p in chosen.get("presenters", [])],
        "audiences": chosen.get("audiences", []),
        "standards": [_as(Standard, s) for s in chosen.get("standards", [])],
        "learning_outcomes": chosen.get("learning_outcomes", []),
        "description": chosen.get("description"),
        "price": chosen.get("price"),
        "booking": chosen.get("booking"),
        "provenance": provenance,
        "reference_date": ctx.reference_date,
        "source": ctx.doc.source,
        "format": ctx.doc.format,
        "nlp_model": ctx.nlp_name,
        "text": ctx.doc.text,
    })


def _as(model: type[Any], value: Any) -> Any:
    return value if isinstance(value, model) else model.model_validate(value)


def named_zone(whens: list[When]) -> str | None:
    """The IANA zone every timed session names ("11am ET", "2pm Eastern"), if one.

    >>> named_zone([When(start_time="11:00", zone="America/New_York")])
    'America/New_York'
    >>> named_zone([When(start_time="11:00", zone="America/New_York"), When(start_time="14:00")])
    """
    zones = {w.zone for w in whens if w.start_time}
    return zones.pop() if len(zones) == 1 and None not in zones else None


def to_session(when: When, zone: dt.tzinfo) -> Session:
    """A Session with aware datetimes in the event's zone.

    A phrase written in another zone ("13:00 GMT", "11am ET" in a London listing)
    is converted to the event's wall clock, so every session reads in one zone.
    """
    date = dt.date.fromisoformat(when.date) if when.date else None
    start_time = dt.time.fromisoformat(when.start_time) if when.start_time else None
    end_time = dt.time.fromisoformat(when.end_time) if when.end_time else None
    written_in = _written_in(when, zone)
    start = _aware(date, start_time, written_in, zone)
    end = _aware(date, end_time, written_in, zone)
    if start is not None:
        date, start_time = start.date(), start.time().replace(tzinfo=None)
    if end is not None:
        end_time = end.time().replace(tzinfo=None)
    return Session(date=date, start_time=start_time, end_time=end_time, start=start, end=end)


def _written_in(when: When, zone: dt.tzinfo) -> dt.tzinfo:
    """The clock a phrase's times read on: the place it names ("ET", with its summer
    time), its fixed offset ("GMT", "+02:00"), else the event's own."""
    if when.zone:
        return zone_for(when.zone)
    if when.utc_offset:
        sign = -1 if when.utc_offset.startswith("-") else 1
        hours, minutes = when.utc_offset.lstrip("+-").split(":")
        return dt.timezone(sign * dt.timedelta(hours=int(hours), minutes=int(minutes)))
    return zone


def _aware(date: dt.date | None, time: dt.time | None, written_in: dt.tzinfo,
           zone: dt.tzinfo) -> dt.datetime | None:
    if date is None or time is None:
        return None
    return dt.datetime.combine(date, time, tzinfo=written_in).astimezone(zone)
