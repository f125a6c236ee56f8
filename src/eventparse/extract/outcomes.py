"""Extractor for ``learning_outcomes``: one sentence per outcome.

An outcomes anchor is a heading or key the heading vocabulary files under
``outcomes`` ("Learning outcomes", "What you'll get from it:", "By the end of the
workshop you will be able to:", "Participants will:"). After it come, in any mix:

* more lead-ins (a line ending in ':' or '...': "As a result of attending this
  webinar, participants will be able to:"), which are dropped;
* bullets and numbered items (``-``, ``•``, ``1.``, ``1)``), each an outcome;
* plain lines that open with a verb ("Recognise ...", "Critically assess ..."),
  each an outcome.

A line holding several outcomes is split: "A. - B." on ' - ' (after a full stop, or
before a verb), and "1) A 2) B 3) C" on its numbers. The list ends at the first line
that is neither, or that opens another section ("This event is a webinar.",
"Audience Types", "PCF: ...").
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import regex

from eventparse import vocab
from eventparse.document import Block
from eventparse.extract.base import Candidate, Context
from eventparse.sections import heading_kind

FIELD = "learning_outcomes"
GROUP = "learning_outcomes"
MAX_LEAD_IN_WORDS = 30
MAX_BLOCK = 5000  # an outcome block longer than this is not a list of outcomes

_WORD = regex.compile(r"[\p{L}'’-]+")
_JOINED = regex.compile(r"\s+[-–•]\s+")
_LEAD_IN_DASH = regex.compile(r"\s[-–—]\s")
_INLINE_NUMBER = regex.compile(r"(?:^|(?<=\s))\(?(\d{1,2})[.)]\s+")
_SEMICOLON = regex.compile(r";")
_RUN_ON = regex.compile(r"(?:[;,]\s*(?:and|or)?)$")
_LEAD_IN_END = (":", "...", "…")
_TRIM = " \t-–•*·✓✔➢►▪◦‣→>"


@dataclass(frozen=True)
class Outcome:
    text: str
    start: int
    end: int


@cache
def _verbs() -> frozenset[str]:
    return frozenset(vocab.load("outcomes")["verbs"])


@cache
def _openers() -> tuple[str, ...]:
    return tuple(f"{opener} " for opener in vocab.load("outcomes")["openers"])


def opens_with_verb(text: str) -> bool:
    """Whether a line opens like an outcome: a verb, maybe after an -ly adverb, or a phrase
    such as "An understanding of".

    >>> opens_with_verb("Critically assess it"), opens_with_verb("This event is a webinar.")
    (True, False)
    >>> opens_with_verb("An understanding of the law")
    True
    """
    words = _WORD.findall(text[:80])
    if not words:
        return False
    if " ".join(words).casefold().startswith(_openers()):
        return True
    first = words[0].casefold()
    if first.endswith("ly") and len(words) > 1:
        first = words[1].casefold()
    return first in _verbs()


def split_joined(text: str, start: int = 0) -> list[Outcome]:
    """Outcomes joined on one line: by ' - ' after a full stop or before a verb, or numbered.

    >>> [o.text for o in split_joined("Learn about X. - Consider how Y.")]
    ['Learn about X.', 'Consider how Y.']
    >>> [o.text for o in split_joined("1) Explain A. 2) Use B. 3) Assess C.")]
    ['Explain A.', 'Use B.', 'Assess C.']
    >>> [o.text for o in split_joined("Safety, trust - and choice")]
    ['Safety, trust - and choice']
    """
    numbered = _numbered(text)
    cuts = numbered if numbered else _dash_cuts(text)
    outcomes: list[Outcome] = []
    bounds = [(0, 0), *cuts, (len(text), len(text))]
    for (_, piece_start), (piece_end, _) in itertools.pairwise(bounds):
        outcome = _trimmed(text, piece_start, piece_end, start)
        if outcome is not None:
            outcomes.append(outcome)
    return outcomes


def _numbered(text: str) -> list[tuple[int, int]]:
    """(start, end) of the markers of an inline 1, 2, 3 ... list, or [] when it is not one."""
    markers = list(_INLINE_NUMBER.finditer(text))
    if len(markers) < 2 or markers[0].start() > 0:
        return []
    if [int(m.group(1)) for m in markers] != list(range(1, len(markers) + 1)):
        return []
    return [(m.start(), m.end()) for m in markers]


def _dash_cuts(text: str) -> list[tuple[int, int]]:
    cuts = []
    for dash in _JOINED.finditer(text):
        before = text[: dash.start()].rstrip()
        if before.endswith((".", "!", "?", ";")) or opens_with_verb(text[dash.end():]):
            cuts.append((dash.start(), dash.end()))
    return cuts


def _trimmed(text: str, start: int, end: int, offset: int) -> Outcome | None:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    run_on = _RUN_ON.search(text, start, end)  # "Identify risk; and" in a run-on list
    if run_on is not None:
        end = run_on.start()
    if start >= end:
        return None
    found = text[start:end]
    if "  " in found:  # a hard-wrapped item's line break and indent, read as spaces
        found = " ".join(found.split())
    return Outcome(found, offset + start, offset + end)


def extract(ctx: Context) -> list[Candidate[str]]:
    for outcomes in _lists(ctx.content_blocks()):
        if outcomes:
            return [Candidate(o.text, ((o.start, o.end),), "outcomes-section", 1.0, GROUP)
                    for o in outcomes]
    return []


def _lists(blocks: list[Block]) -> Iterator[list[Outcome]]:
    """The outcomes after each anchor, in document order."""
    for index, block in enumerate(blocks):
        if not _is_anchor(block):
            continue
        inline = _inline(block)
        if inline:
            yield inline
        else:
            yield _after(blocks, index + 1)


def _kind(block: Block) -> str | None:
    label = block.key if block.kind == "key_value" and block.key else block.text
    return heading_kind(label[:200])


def _is_anchor(block: Block) -> bool:
    """An outcomes heading or key, or a lead-in with its cue after a dash."""
    if len(block.text) > MAX_BLOCK:
        return False
    return _kind(block) == "outcomes" or _cue_after_dash(block.text)


def _cue_after_dash(text: str) -> bool:
    """A lead-in whose outcomes cue follows a dash after a heading of its own words
    ("What we will cover - by the end you should be able to:").

    >>> _cue_after_dash("What we will cover - by the end of the day you will be able to:")
    True
    >>> _cue_after_dash("Lunch - by the river:"), _cue_after_dash("Overview - by the end of it")
    (False, False)
    """
    if not text.rstrip().endswith(_LEAD_IN_END) or len(text.split()) > MAX_LEAD_IN_WORDS:
        return False
    dash = _LEAD_IN_DASH.search(text)
    return dash is not None and heading_kind(text[dash.end():200]) == "outcomes"


def _inline(block: Block) -> list[Outcome]:
    """Outcomes on the anchor's own line: 'Learning outcomes: 1) A 2) B', or 'By the end you
    will be able to: identify A; plan B.' (a lead-in's list is split on ';' too)."""
    if block.kind == "key_value" and block.value_start is not None:
        return split_joined(block.value, block.value_start) if block.value.strip() else []
    colon = block.text.find(": ")
    if colon < 0 or len(block.text[:colon].split()) > MAX_LEAD_IN_WORDS:
        return []
    rest_start = colon + 2
    outcomes: list[Outcome] = []
    for piece in _SEMICOLON.split(block.text[rest_start:]):
        found = split_joined(piece, block.start + rest_start)
        outcomes.extend(found)
        rest_start += len(piece) + 1
    return outcomes


def _is_lead_in(block: Block) -> bool:
    text = block.text.rstrip()
    return text.endswith(_LEAD_IN_END) and len(text.split()) <= MAX_LEAD_IN_WORDS


def _after(blocks: list[Block], first: int) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for block in blocks[first:]:
        if len(block.text) > MAX_BLOCK:
            break
        if not outcomes and _is_lead_in(block):
            continue
        kind = _kind(block)
        if kind is not None and kind != "outcomes":
            break
        if block.kind != "list_item" and not opens_with_verb(block.text):
            break
        outcomes.extend(split_joined(block.text, block.start))
    return outcomes
