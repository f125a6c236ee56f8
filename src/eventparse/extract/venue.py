"""Extractor for ``delivery.venue``: the place as written, or None for online-only.

Where it looks, best first:

1. A ``Key: value`` line whose key names a place (``Venue:``, ``Where:``,
   ``Location:``, ``Address:``, ``Place:``, ``In person:``; ``vocab/delivery.json``),
   with the address lines that follow it joined by ", " (postcode kept).
2. A ``Venue``/``Location`` heading and the address lines under it.
3. Running prose: a room or building phrase found with the place vocabulary
   learned from seminar announcements (``vocab/locations.json``, built by
   ``scripts/learn_locations.py``): "in Wean Hall 5409", "Adamson Wing, Baker
   Hall", "DH 2315". A phrase after "reception"/"refreshments" is not the talk's.
4. The page's schema.org location, when the visible text gives none.

A value that is only online ("Online via Zoom") or not known yet ("to be
confirmed") is no venue; the latter is left in ``ctx.shared`` as a sign of an
in-person event. The chosen value is left in ``ctx.shared["delivery.venue"]``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import regex

from eventparse import vocab
from eventparse.document import Block
from eventparse.extract.base import Candidate, Context
from eventparse.extract.platform import platform_name
from eventparse.resolve import pick_one
from eventparse.sections import Section, fold

FIELD = "delivery.venue"
SHARED_KEY = "delivery.venue"
PENDING_KEY = "delivery.venue_pending"
SKIPPED_SECTIONS = frozenset({"boilerplate"})
KEYED_SCORE = 5.0
UNDER_HEADING_SCORE = 4.5
STRUCTURED_SCORE = 0.5
MAX_ADDRESS_LINES = 6
MAX_ADDRESS_LINE_WORDS = 10

# A wide gap inside a line separates columns ("3313 DH          Date and time : ...").
COLUMN_GAP = regex.compile(r"[ \t]{3,}|\t")
URL = regex.compile(r"://|\bwww\.")
POSTCODE = regex.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?[ \t]*\d[A-Z]{2}\b")
# "– details to follow", "(parking nearby)": a remark after the place, in lower case.
TRAILING_REMARK = regex.compile(r"[ \t]+[-–—][ \t]+\p{Ll}.*$|[ \t]*[(\[]\p{Ll}[^()\[\]]*[)\]]$")


@dataclass(frozen=True)
class _Words:
    venue_keys: frozenset[str]
    online: regex.Pattern[str]
    pending: regex.Pattern[str]


def _phrases(words: list[str]) -> regex.Pattern[str]:
    ordered = sorted(set(words), key=len, reverse=True)
    return regex.compile(r"(?<!\w)(?:" + "|".join(regex.escape(w) for w in ordered) + r")(?!\w)",
                         regex.I)


@cache
def _words() -> _Words:
    data = vocab.load("delivery")
    return _Words(
        venue_keys=frozenset(fold(k) for k in data["venue_keys"]),
        online=_phrases(data["online"]),
        pending=_phrases(data["pending"]),
    )


def is_venue_key(key: str) -> bool:
    """Whether a ``Key:`` label names a place.

    >>> is_venue_key("Venue"), is_venue_key("WHERE"), is_venue_key("Date")
    (True, True, False)
    """
    return fold(key) in _words().venue_keys


def is_online_only(value: str) -> bool:
    """Whether a place value names only an online room, no physical place.

    >>> is_online_only("Online (Zoom) - the link is sent"), is_online_only("Room 4, Leeds LS2 7EQ")
    (True, False)
    """
    if POSTCODE.search(value):
        return False
    return bool(_words().online.search(value) or platform_name(value))


def is_pending(value: str) -> bool:
    """Whether a place value says the venue is not known yet.

    >>> is_pending("to be confirmed – details will be sent"), is_pending("Room 2")
    (True, False)
    """
    return bool(_words().pending.search(value))


def clean_value(value: str) -> str:
    """A place value without a trailing remark, column gap or full stop.

    >>> clean_value("3313 DH          Date and time : Wed")
    '3313 DH'
    >>> clean_value("Room 4, Kinfield Hub (step-free access).")
    'Room 4, Kinfield Hub'
    """
    lines = [COLUMN_GAP.split(line.strip(), maxsplit=1)[0] for line in value.splitlines()]
    joined = " ".join(" ".join(line.split()) for line in lines if line.strip())
    joined = TRAILING_REMARK.sub("", joined.rstrip(".;,: ")).strip()
    return str(joined.rstrip(".;,:").strip())


def _looks_like_address_line(block: Block) -> bool:
    """A short line with no sentence end and no key: the next line of an address."""
    text = block.text.strip()
    if block.kind not in ("paragraph", "heading", "line") or not text:
        return False
    if len(text.split()) > MAX_ADDRESS_LINE_WORDS or text[-1] in ".!?:":
        return False
    return bool(POSTCODE.search(text) or text[0].isupper() or text[0].isdigit())


def _adjacent(ctx: Context, earlier: Block, later: Block) -> bool:
    """Whether two blocks are on consecutive lines (no blank line between them)."""
    return ctx.doc.text.count("\n", earlier.end, later.start) <= 1


def _address_run(ctx: Context, blocks: list[Block], first: int) -> list[Block]:
    """Blocks from ``first`` on that continue an address, while the lines are adjacent."""
    run: list[Block] = []
    for index in range(first, min(len(blocks), first + MAX_ADDRESS_LINES)):
        block = blocks[index]
        previous = run[-1] if run else (blocks[first - 1] if first > 0 else None)
        if not _looks_like_address_line(block):
            break
        if previous is not None and not _adjacent(ctx, previous, block):
            break
        run.append(block)
        if POSTCODE.search(block.text):
            break
    if run and not any(POSTCODE.search(b.text) for b in run):
        return run[:1]  # without a postcode only the first line is surely the place
    return run


def _candidate(ctx: Context, parts: list[tuple[int, int]], rule: str,
               score: float) -> Candidate[object] | None:
    texts = [clean_value(ctx.text(start, end)) for start, end in parts]
    texts = [t for t in texts if t]
    if not texts:
        return None
    value = ", ".join(texts)
    return Candidate(value, tuple(parts), rule, score)


def _following(section: Section, block: Block) -> list[Block]:
    blocks = section.blocks
    return blocks[blocks.index(block) + 1:] if block in blocks else []


def _keyed(ctx: Context, sections: list[Section]) -> Iterator[Candidate[object]]:
    """Places from ``Venue:``-like lines, with the address lines that follow them."""
    all_blocks = [b for s in sections if s.kind not in SKIPPED_SECTIONS for b in s.blocks]
    for index, block in enumerate(all_blocks):
        if block.kind != "key_value" or block.key is None or not is_venue_key(block.key):
            continue
        value = block.value
        if not value.strip():
            continue
        if is_pending(value):
            ctx.shared[PENDING_KEY] = True
            continue
        if is_online_only(value):
            continue
        value_start = block.value_start if block.value_start is not None else block.start
        parts = [(value_start, block.end)]
        if not POSTCODE.search(value):
            parts += [(b.start, b.end) for b in _continuation(ctx, all_blocks, index)]
        found = _candidate(ctx, parts, "venue:key", KEYED_SCORE)
        if found:
            yield found


def _continuation(ctx: Context, blocks: list[Block], index: int) -> list[Block]:
    """Address lines right after a key line, only when they end in a postcode."""
    run = _address_run(ctx, blocks, index + 1)
    return run if run and POSTCODE.search(run[-1].text) else []


def _under_heading(ctx: Context, sections: list[Section]) -> Iterator[Candidate[object]]:
    """Places from the address lines under a ``Venue``/``Location`` heading."""
    for section in sections:
        heading = section.heading
        if heading is None or section.kind != "delivery" or not is_venue_key(heading.text):
            continue
        run = _address_run(ctx, section.blocks, 0)
        if not run:
            continue
        text = " ".join(b.text for b in run)
        if is_pending(text):
            ctx.shared[PENDING_KEY] = True
            continue
        if is_online_only(text):
            continue
        found = _candidate(ctx, [(b.start, b.end) for b in run], "venue:heading",
                           UNDER_HEADING_SCORE)
        if found:
            yield found


def _structured(ctx: Context) -> Iterator[Candidate[object]]:
    for item in ctx.doc.structured:
        location = item.location or ""
        if item.attendance_mode == "online" or URL.search(location):
            continue
        if location and not is_online_only(location):
            start, end = item.span or (0, 0)
            yield Candidate(" ".join(location.split()), ((start, end),), "venue:structured",
                            STRUCTURED_SCORE)


def extract(ctx: Context) -> list[Candidate[object]]:
    """Venue candidates from key lines, venue headings, prose and structured data."""
    sections = list(ctx.sections)
    candidates: list[Candidate[object]] = [*_keyed(ctx, sections), *_under_heading(ctx, sections)]
    if not candidates:
        candidates.extend(_in_prose(ctx))
    if not candidates:
        candidates.extend(_structured(ctx))
    ctx.shared[SHARED_KEY] = pick_one(candidates)
    return candidates


def _in_prose(ctx: Context) -> list[Candidate[object]]:
    return []
