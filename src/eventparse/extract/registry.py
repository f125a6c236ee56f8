"""The extractors in the order they run (a later one may read ``ctx.shared``)."""

from __future__ import annotations

from types import ModuleType

from eventparse.extract import (
    audiences,
    booking,
    delivery_mode,
    description,
    event_type,
    outcomes,
    platform,
    presenters,
    price,
    sessions,
    standards,
    title,
    venue,
)

EXTRACTORS: tuple[ModuleType, ...] = (
    sessions,
    title,
    event_type,
    platform,
    venue,
    delivery_mode,
    presenters,
    audiences,
    standards,
    outcomes,
    description,
    price,
    booking,
)
