"""Extractor for ``delivery.mode``: ``online``, ``in_person`` or ``hybrid``.

Runs after the platform and venue extractors and weighs what they left in
``ctx.shared`` with the mode words of ``vocab/delivery.json``:

- a statement of the mode where delivery is described: a delivery section or
  key line ("Where: Online (Zoom)", "Format: In person workshop") or a short
  line ("Workshop · Online", "Delivered online using Teams");
- in prose, a mode word qualifying an event word or following a delivery verb
  ("this online seminar", "an in-person meeting", "delivered online");
- "hybrid", or both modes stated, or a venue with an offer to attend remotely
  ("join in the room or online") is hybrid;
- a venue (or one "to be confirmed") means in person, a platform online;
- failing all that, the page's schema.org attendance mode.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

import regex

from eventparse import vocab
from eventparse.document import Block
from eventparse.extract import platform, venue
from eventparse.extract.base import Candidate, Context, Phrases
from eventparse.sections import heading_kind

FIELD = "delivery.mode"
SKIPPED_SECTIONS = frozenset({"boilerplate"})
MODES = ("hybrid", "in_person", "online")
SHORT_LINE_WORDS = 8
# The word after a mode word on its line, if a word follows (not a bracket or a dash).
NEXT_WORD = regex.compile(r"[ \t]*([A-Za-z][\w'’-]*)")
STRONG_PLATFORM_SCORE = 2.0
_SEGMENT_MARK = regex.compile(r"[|·•]")
_JOINED_AT_END = regex.compile(r"\s+(?:and|or|plus|&|\+|/)\s+\Z|\s*[&+/]\s*\Z", regex.I)
_WORD_CHAR = regex.compile(r"\w")
_BRACKETED = regex.compile(r"\([^()\n]*\)")


@dataclass
class _Evidence:
    """Where each mode is stated, strongly (delivery lines) or in prose."""

    strong: dict[str, list[tuple[int, int]]] = field(
        default_factory=lambda: {m: [] for m in MODES})
    prose: dict[str, list[tuple[int, int]]] = field(
        default_factory=lambda: {m: [] for m in MODES})
    remote: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class _Patterns:
    modes: dict[str, regex.Pattern[str]]
    in_prose: dict[str, regex.Pattern[str]]
    remote: regex.Pattern[str]
    both: regex.Pattern[str]
    """hybrid phrases that name both ways to attend ("in person or online")"""
    follow_words: frozenset[str]
    """words that may follow a mode word on a short line that states the mode"""
    words: dict[str, Phrases]
    """The phrases each pattern needs one of (per mode; "remote"; "both"): a text
    holding none of a pattern's phrases is not scanned with it."""
    any_word: Phrases
    """All of ``words`` together: a block holding none of them states nothing."""


def _alternation(words: list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def _patterns() -> _Patterns:
    data = vocab.load("delivery")
    nouns, verbs = _alternation(data["event_nouns"]), _alternation(data["mode_verbs"])
    # "4-5pm, online, link to follow": a mode word that joining details follow.
    details = _alternation(data["mode_details"])
    modes: dict[str, regex.Pattern[str]] = {}
    in_prose: dict[str, regex.Pattern[str]] = {}
    for mode in MODES:
        words = _alternation(data[mode])
        modes[mode] = regex.compile(rf"(?<!\w)(?:{words})(?!\w)", regex.I)
        in_prose[mode] = regex.compile(
            rf"(?<!\w)(?:(?:{words})[ \t]+(?:{nouns})|(?:{verbs})[ \t]+(?:{words})"
            rf"|(?:{words})[ \t]*[,;:–-][ \t]*(?:{details}))(?!\w)", regex.I)
    remote = regex.compile(rf"(?<!\w)(?:{_alternation(data['remote_access'])})(?!\w)", regex.I)
    both_ways = [p for p in data["hybrid"] if " or " in p or " and " in p]
    both = regex.compile(rf"(?<!\w)(?:{_alternation(both_ways)})(?!\w)", regex.I)
    follow = {w.lower() for w in data["event_nouns"] + data["platform_cues"]}
    follow.update(w.lower() for w in data["mode_verbs"])
    needs = {mode: Phrases(data[mode]) for mode in MODES}
    needs.update(remote=Phrases(data["remote_access"]), both=Phrases(both_ways))
    any_word = Phrases(phrase for words in needs.values() for phrase in words.phrases)
    return _Patterns(modes, in_prose, remote, both, frozenset(follow), needs, any_word)


def modes_stated(text: str) -> set[str]:
    """The modes a delivery line states; a hybrid phrase hides its parts.

    >>> sorted(modes_stated("Where: Online (Zoom)")), sorted(modes_stated("Format: In person"))
    (['online'], ['in_person'])
    >>> sorted(modes_stated("Join us in the room or online"))
    ['hybrid']
    """
    return {mode for mode, _ in _stated(text, 0, len(text), _patterns().modes)}


def _stated(text: str, start: int, end: int, patterns: dict[str, regex.Pattern[str]],
            modes: tuple[str, ...] = MODES) -> Iterator[tuple[str, tuple[int, int]]]:
    taken: list[tuple[int, int]] = []
    for mode in modes:  # hybrid first: its phrases contain the other modes' words
        for match in patterns[mode].finditer(text, start, end):
            span = match.span()
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            taken.append(span)
            yield mode, span


def _is_delivery_line(block: Block, section_kind: str) -> bool:
    if section_kind == "delivery":
        return True
    return block.kind == "key_value" and block.key is not None and (
        heading_kind(block.key) == "delivery")


def _place_then_online(block: Block, text: str, span: tuple[int, int]) -> bool:
    """Whether a place's line adds "and online" to a place ("Venue: Town Hall, Leeds and
    online", "Where: Room 4 & online via Teams"): both ways to attend, hybrid."""
    if block.key is None or block.value_start is None or not venue.is_venue_key(block.key):
        return False
    # The connector stands just before the mode word: look no further back.
    joined = _JOINED_AT_END.search(text, max(block.value_start, span[0] - 8), span[0])
    if joined is None:
        return False
    place = text[block.value_start:joined.start()]
    return (_WORD_CHAR.search(place) is not None and not modes_stated(place)
            and platform.platform_name(place) is None)


def _is_short_line(block: Block) -> bool:
    """A line of a few words, an aside in brackets not counted: "Face to face (venue to
    be confirmed - we will let you know)" is as short as "Face to face"."""
    text = block.text
    if "(" in text:
        text = _BRACKETED.sub(" ", text)
    return len(text.split()) <= SHORT_LINE_WORDS


def _says_mode(text: str, span: tuple[int, int], end: int) -> bool:
    """Whether a mode word on a short line states the mode ("Workshop · Online",
    "Online (Zoom)", "Online seminar") rather than a topic ("Online safety",
    "Hybrid working"): nothing, a delivery word or an event word follows it."""
    following = NEXT_WORD.match(text, span[1], end)  # the line's end (a slice: a copy)
    if following is None:
        return True
    return following.group(1).lower() in _patterns().follow_words


def _segments_stated(text: str, start: int, end: int,
                     modes: tuple[str, ...]) -> Iterator[tuple[str, tuple[int, int]]]:
    """The modes the short items of a line split by bars or dots state ("Masterclass |
    In person | Free"), as a short line would; nothing for a line with no such bar."""
    if not _SEGMENT_MARK.search(text, start, end):
        return
    position = start
    for mark in [*_SEGMENT_MARK.finditer(text, start, end), None]:
        stop = mark.start() if mark else end
        if len(text[position:stop].split()) <= SHORT_LINE_WORDS:
            for mode, span in _stated(text, position, stop, _patterns().modes, modes):
                if _says_mode(text, span, stop):
                    yield mode, span
        position = mark.end() if mark else stop


def _gather(ctx: Context) -> _Evidence:
    found = _Evidence()
    patterns = _patterns()
    text = ctx.doc.text
    if not patterns.any_word.in_text(text):
        return found
    for section in ctx.sections:
        if section.kind in SKIPPED_SECTIONS:
            continue
        blocks = ([section.heading] if section.heading else []) + section.blocks
        # Every pattern (in prose too) needs one of its phrases: the other blocks are skipped.
        for block in patterns.any_word.blocks_holding(text, blocks):
            start, end = block.start, block.end
            modes = tuple(m for m in MODES if patterns.words[m].in_text(text, start, end))
            if _is_delivery_line(block, section.kind):
                for mode, span in _stated(text, start, end, patterns.modes, modes):
                    if mode == "online" and _place_then_online(block, text, span):
                        mode = "hybrid"
                    found.strong[mode].append(span)
            elif _is_short_line(block):
                for mode, span in _stated(text, start, end, patterns.modes, modes):
                    if _says_mode(text, span, end):
                        found.strong[mode].append(span)
            else:
                # "Thursday 19 November | 9.30am | In person, central Birmingham": each
                # item of a meta line split by bars is read as a short line of its own.
                for mode, span in _segments_stated(text, start, end, modes):
                    found.strong[mode].append(span)
                for mode, span in _stated(text, start, end, patterns.in_prose, modes):
                    found.prose[mode].append(span)
                # "join in the room or online" says hybrid wherever it stands
                if patterns.words["both"].in_text(text, start, end):
                    found.prose["hybrid"].extend(
                        m.span() for m in patterns.both.finditer(text, start, end))
            if patterns.words["remote"].in_text(text, start, end):
                found.remote.extend(m.span() for m in patterns.remote.finditer(text, start, end))
    return found


def _decide(ctx: Context, found: _Evidence) -> tuple[str, list[tuple[int, int]], str] | None:
    """(mode, evidence spans, rule) from the stated modes, the venue and the platform."""
    place: Candidate[object] | None = ctx.shared.get(venue.SHARED_KEY)
    product: Candidate[object] | None = ctx.shared.get(platform.SHARED_KEY)
    strong, prose = found.strong, found.prose
    place_spans = list(place.spans) if place else []
    product_spans = list(product.spans) if product else []
    if strong["hybrid"] or prose["hybrid"]:
        return "hybrid", strong["hybrid"] + prose["hybrid"], "mode:hybrid-stated"
    if strong["online"] and strong["in_person"]:
        return "hybrid", strong["online"] + strong["in_person"], "mode:both-stated"
    product_is_strong = product is not None and product.score >= STRONG_PLATFORM_SCORE
    if place and not strong["in_person"] and (found.remote or product_is_strong):
        return "hybrid", place_spans + found.remote + product_spans, "mode:venue-and-remote"
    if strong["in_person"]:
        return "in_person", strong["in_person"], "mode:in-person-stated"
    if strong["online"]:
        return "online", strong["online"], "mode:online-stated"
    if place or ctx.shared.get(venue.PENDING_KEY):
        return "in_person", place_spans, "mode:venue"
    if product:
        return "online", product_spans, "mode:platform"
    for mode in ("in_person", "online"):
        if prose[mode]:
            return mode, prose[mode], f"mode:{mode}-in-prose"
    return _declared(ctx)


def _declared(ctx: Context) -> tuple[str, list[tuple[int, int]], str] | None:
    """The mode the page declares for machines (schema.org eventAttendanceMode)."""
    for item in ctx.doc.structured:
        if item.attendance_mode in MODES:
            spans = [item.span] if item.span else []
            return item.attendance_mode, spans, "mode:structured"
    return None


def extract(ctx: Context) -> list[Candidate[object]]:
    """One candidate: the mode the evidence supports, with the spans it rests on."""
    decided = _decide(ctx, _gather(ctx))
    if decided is None:
        return []
    mode, spans, rule = decided
    return [Candidate(mode, tuple(spans[:4]), rule)]
