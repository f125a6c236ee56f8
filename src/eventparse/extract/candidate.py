"""A value an extractor proposes, with where it came from.

In a module of its own, which setup.py does not compile: mypyc cannot compile a
generic class. ``eventparse.extract.base`` re-exports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Candidate(Generic[T]):
    """A proposed value with where it came from.

    ``group`` ties items of a list field together (one audience section, one
    presenters line); ``resolve`` keeps the best-scoring group whole.
    """

    value: T
    spans: tuple[tuple[int, int], ...]
    rule: str
    score: float = 1.0
    group: str = ""
