"""Extractor for ``delivery.venue``: the place as written, or None for online-only.

Where it looks, best first:

1. A ``Key: value`` line whose key names a place (``Venue:``, ``Where:``,
   ``Location:``, ``Address:``, ``Place:``, ``In person:``; ``vocab/delivery.json``;
   also such a key qualified by an in-person mode word, ``In-person venue:``), with the
   address lines that follow it joined by ", " (postcode kept), or with the
   ``Address:`` line right below it ("Venue: Oakfield Hall" / "Address: 27 Mill Lane").
2. A ``Venue``/``Location`` heading (or a bare ``Venue:``) and the address lines
   under it; a sentence saying where it is "held at", with a postcode; unlabelled
   lines ending in a postcode near the top, or a block of two or more such address
   lines anywhere else outside a bio or boilerplate.
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

import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from eventparse import vocab
from eventparse.document import Block
from eventparse.extract import platform
from eventparse.extract.base import Candidate, Context
from eventparse.extract.event_type import find_types
from eventparse.extract.platform import platform_name
from eventparse.extract.title import title_text_of
from eventparse.resolve import pick_one
from eventparse.sections import Section, fold

FIELD = "delivery.venue"
SHARED_KEY = "delivery.venue"
PENDING_KEY = "delivery.venue_pending"
ONLINE_KEY = "delivery.online_place"
"""Set when a place line says only "Online": no prose room is then the venue."""
SKIPPED_SECTIONS = frozenset({"boilerplate"})
KEYED_SCORE = 5.0
UNDER_HEADING_SCORE = 4.5
STRUCTURED_SCORE = 0.5
MAX_ADDRESS_LINES = 6
MAX_ADDRESS_LINE_WORDS = 10

# A wide gap inside a line separates columns ("3313 DH          Date and time : ...").
COLUMN_GAP = regex.compile(r"[ \t]{3,}|\t")
# "Hybrid – Room 3, ...", "In person at The Hub": the mode before the place.
LEADING_MODE = regex.compile(
    r"[ \t]*(?:hybrid|in[ -]person|face[ -]to[ -]face|on[ -]site)[ \t]*(?:[-–—:,]|at\b)[ \t]*",
    regex.I)
# "... LS1 1UR and online via Teams", "(or join online)": the other way to attend.
ONLINE_ALTERNATIVE = regex.compile(
    r"[ \t]*[,;(]?[ \t]*\b(?:and|or|plus|with)[ \t]+(?:join[ \t]+|attend[ \t]+)?"
    r"(?:online|virtually|remotely|via)\b", regex.I)
# A UK postcode ("LS1 1UR", "SW1A2AA"), without its word boundaries.
POSTCODE_BODY = r"[A-Z]{1,2}\d[A-Z\d]?[ \t]*\d[A-Z]{2}"
POSTCODE = regex.compile(rf"\b{POSTCODE_BODY}\b")
IN_PERSON_WORDS = r"in[ \t-]person|face[ \t-]to[ \t-]face"
# "... LS1 1UR. Parking is ...", "... HB4 2JN + Google Map": a sentence or a link after it.
POSTCODE_THEN_SENTENCE = regex.compile(
    rf"(\b{POSTCODE_BODY}\b)\.?[ \t]+(?:[+|»›>][ \t]*)?\p{{Lu}}\p{{Ll}}")
# "The workshop will be held at Riverside House, 2 Canal Wharf, Northampton NN1 5DA."
HELD_AT = regex.compile(
    r"\b(?i:held|take[sn]?[ \t]+place|taking[ \t]+place|hosted|located|venue[ \t]+is|meet"
    rf"|{IN_PERSON_WORDS})"
    r"[ \t]+(?i:at|in)[ \t]+(?:the[ \t]+)?"
    rf"([\p{{Lu}}\d][^.\n;]{{2,150}}?\b{POSTCODE_BODY}\b)")
# "Join us in person at the Riverside Centre, or online": the place up to the other way
# to attend or the sentence's end, when no postcode closes it.
IN_PERSON_AT = regex.compile(
    rf"\b(?i:{IN_PERSON_WORDS})[ \t]+(?i:at)[ \t]+(?:the[ \t]+)?(?=\p{{Lu}})")
# The postcode of HELD_AT and the words of IN_PERSON_AT without their boundaries: a text
# with neither holds no match in any block.
ANY_POSTCODE = regex.compile(POSTCODE_BODY)
# An ASCII text's bytes with each digit as "9" and each capital as "A" (the others kept):
# a postcode in it holds "A9" (a capital before its first digit) and "9AA" (its end).
POSTCODE_CLASSES = bytes.maketrans((string.digits + string.ascii_uppercase).encode(),
                                   b"9" * len(string.digits) + b"A" * len(string.ascii_uppercase))
ANY_IN_PERSON = regex.compile(IN_PERSON_WORDS, regex.I)
ANY_IN_PERSON_LOWER = re.compile(IN_PERSON_WORDS)
PLACE_END = regex.compile(r"[ \t]*(?:,[ \t]*)?[ \t](?i:or)[ \t]|[ \t]*[.;\n]")
MAX_PLACE_CHARS = 120
MAX_PROSE_ADDRESSES = 20
ADDRESS_IN_PROSE_SCORE = 4.0
POSTCODE_LINES_SCORE = 3.5
ADDRESS_ELEMENT_SCORE = 4.2
POSTCODE_LINES_KINDS = frozenset({"preamble", "schedule", "details", "delivery", "other"})
"""Sections near the top and the when-and-where lines, where an unlabelled address is the
event's; not a description, a presenter's bio or boilerplate."""
MAX_POSTCODE_LINE_WORDS = 16
ANYWHERE_KINDS = frozenset({"schedule", "details", "delivery"})
MAX_TOP_BLOCKS = 15
"""In the preamble and unknown sections, only a postcode line among the first blocks counts."""
ADDRESS_BLOCK_SCORE = 3.0
ADDRESS_WORD = regex.compile(r"[\p{L}\d][\p{L}\d'’.-]*")
ADDRESS_SMALL_WORDS = frozenset({"of", "the", "and", "upon", "on", "in", "at", "by", "under",
                                 "le", "de"})
NOT_ADDRESS_BLOCK_KINDS = frozenset({"presenters", "host"})
"""A speaker's or host's address lines are theirs, not the event's."""
# A postcode that ends its line, perhaps before a full stop or a bracketed remark.
POSTCODE_AT_END = regex.compile(
    rf"\b{POSTCODE_BODY}\b[.,;]?[ \t]*(?:\([^()\n]*\))?[ \t]*$")
URL = regex.compile(r"://|\bwww\.")
SPACE_BEFORE_COMMA = re.compile(r" +(?=,)")
WHITE_SPACE = re.compile(r"\s*")
# What a place value says before its remark: "Zoom" of "Zoom (link to follow)".
VALUE_LEAD = regex.compile(r"[ \t]*[(\[;]|[ \t]+[-–—][ \t]")
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
    keys = {fold(k) for k in data["venue_keys"]}
    modes = {fold(m) for m in data["in_person"]}
    # "In-person venue", "Venue (face to face)": a place key qualified by the mode it serves
    qualified = {f"{mode} {key}" for mode in modes for key in keys - modes}
    qualified |= {f"{key} {mode}" for mode in modes for key in keys - modes}
    return _Words(
        venue_keys=frozenset(keys | qualified),
        online=_phrases(data["online"]),
        pending=_phrases(data["pending"]),
    )


@lru_cache(maxsize=4096)
def is_venue_key(key: str) -> bool:
    """Whether a ``Key:`` label names a place.

    >>> is_venue_key("Venue"), is_venue_key("WHERE"), is_venue_key("Date")
    (True, True, False)
    >>> is_venue_key("In-person venue"), is_venue_key("Location (face to face)")
    (True, True)
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
    """Whether a place value says the venue is not known yet; not when the value
    opens with an online room ("Zoom (the link will be sent)": online, not pending).

    >>> is_pending("to be confirmed – details will be sent"), is_pending("Room 2")
    (True, False)
    >>> is_pending("Zoom (the joining link will be sent two days before)")
    False
    """
    return _pending_or_online(value) == "pending"


def _pending_or_online(value: str) -> str | None:
    """"pending" when the value says the venue is not known yet and does not open with
    an online room, else "online" when ``is_online_only(value)``, else None; the value's
    lead is looked up once when it is the whole value."""
    lead = VALUE_LEAD.split(value, maxsplit=1)[0]
    lead_online = is_online_only(lead)
    if not lead_online and _words().pending.search(value):
        return "pending"
    if lead_online if lead == value else is_online_only(value):
        return "online"
    return None


def _noted_not_a_place(ctx: Context, value: str) -> bool:
    """Whether a place value says the venue is still to be confirmed or the event is
    online; either is noted in ``ctx.shared`` for the delivery mode."""
    state = _pending_or_online(value)
    if state is not None:
        ctx.shared[PENDING_KEY if state == "pending" else ONLINE_KEY] = True
    return state is not None


def clean_value(value: str) -> str:
    """A place value without a trailing remark, column gap or full stop.

    >>> clean_value("3313 DH          Date and time : Wed")
    '3313 DH'
    >>> clean_value("Room 4, Kinfield Hub (step-free access).")
    'Room 4, Kinfield Hub'
    """
    lines = [COLUMN_GAP.split(line.strip(), maxsplit=1)[0] for line in value.splitlines()]
    joined = " ".join(" ".join(line.split()) for line in lines if line.strip())
    joined = SPACE_BEFORE_COMMA.sub("", joined)  # "27 Mill Lane , Harrowby": markup's gap
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


def _keyed(ctx: Context, sections: list[Section]) -> Iterator[Candidate[object]]:
    """Places from ``Venue:``-like lines, with the address lines that follow them."""
    all_blocks = [b for s in sections if s.kind not in SKIPPED_SECTIONS for b in s.blocks]
    joined: set[int] = set()  # "Address:" lines already joined onto the "Venue:" above
    # "Address:" alone on its line opens a section of its own, its lines below it
    address_sections = {s.heading.start: s for s in sections if s.heading is not None
                        and s.kind == "delivery" and "address" in fold(s.heading.text)}
    for index, block in enumerate(all_blocks):
        if (block.kind != "key_value" or block.key is None or not is_venue_key(block.key)
                or index in joined):
            continue
        value = block.value
        if not value.strip():  # "Venue:" alone, the address on the lines below
            yield from _lines_below(ctx, all_blocks, index)
            continue
        if _noted_not_a_place(ctx, value):
            continue
        parts = _value_parts(ctx, all_blocks, index)
        address = (_address_key_after(ctx, all_blocks, index)
                   or _address_section_after(ctx, block, address_sections)
                   ) if len(parts) == 1 else None
        if address:  # "Venue: Oakfield Hall" / "Address: 27 Mill Lane, ..."
            parts += address
            joined.add(index + 1)
        found = _candidate(ctx, parts, "venue:key", KEYED_SCORE)
        if found:
            yield found


def _value_parts(ctx: Context, blocks: list[Block], index: int) -> list[tuple[int, int]]:
    """The spans of a key line's place: its value, and the address lines below it when
    the value has no postcode."""
    block = blocks[index]
    value_start = block.value_start if block.value_start is not None else block.start
    parts = [(value_start, _first_line_end(ctx, value_start, block.end))]
    if not POSTCODE.search(block.value):
        parts += [(b.start, b.end) for b in _postcode_run(ctx, blocks, index + 1)]
    parts[0] = _trimmed_span(ctx, *parts[0])
    return parts


def _address_key_after(ctx: Context, blocks: list[Block], index: int
                       ) -> list[tuple[int, int]] | None:
    """The spans of an ``Address:``-like line right below the place line at ``index``
    (and of its own address lines), when the place has no postcode: the building's
    address given as a field of its own. The line below is that address when its key
    says "address" or its value has a postcode; not a second place line alike."""
    block = blocks[index]
    if POSTCODE.search(block.value) or index + 1 >= len(blocks):
        return None
    after = blocks[index + 1]
    if (after.kind != "key_value" or after.key is None or not is_venue_key(after.key)
            or fold(after.key) == fold(block.key or "") or not _adjacent(ctx, block, after)
            or not after.value.strip() or _pending_or_online(after.value)):
        return None
    parts = _value_parts(ctx, blocks, index + 1)
    if "address" in fold(after.key) or any(POSTCODE.search(ctx.text(*p)) for p in parts):
        return parts
    return None


def _address_section_after(ctx: Context, block: Block, address_sections: dict[int, Section]
                           ) -> list[tuple[int, int]] | None:
    """The address lines under an "Address:" heading on the line right below the place
    line ``block``, when they end in a postcode and the place has none."""
    if not address_sections or POSTCODE.search(block.value):
        return None
    gap = WHITE_SPACE.match(ctx.doc.text, block.end)
    if gap is None or gap.group().count("\n") > 2:  # a blank line between them at most
        return None
    section = address_sections.get(gap.end())
    run = _postcode_run(ctx, section.blocks, 0) if section else []
    return [(b.start, b.end) for b in run] or None


def _lines_below(ctx: Context, blocks: list[Block], index: int) -> Iterator[Candidate[object]]:
    run = _address_run(ctx, blocks, index + 1)
    if not run:
        return
    if not _noted_not_a_place(ctx, " ".join(b.text for b in run)):
        found = _candidate(ctx, [(b.start, b.end) for b in run], "venue:key-lines-below",
                           KEYED_SCORE)
        if found:
            yield found


def _trimmed_span(ctx: Context, start: int, end: int) -> tuple[int, int]:
    """A place value's span without a mode word before it ("In person at ..."), an
    online alternative after it ("... and online via Teams") or a sentence after its
    postcode, then without a remark."""
    text = ctx.doc.text
    lead = LEADING_MODE.match(text, start, end)
    if lead:
        start = lead.end()
    tail = ONLINE_ALTERNATIVE.search(text, start, end)
    if tail and tail.start() > start:
        end = tail.start()
    after_postcode = POSTCODE_THEN_SENTENCE.search(text, start, end)
    if after_postcode:
        end = after_postcode.end(1)
    return _without_remark(ctx, start, end)


def _without_remark(ctx: Context, start: int, end: int) -> tuple[int, int]:
    """Drop a trailing remark that names no place: after a comma in lower case
    (", our lab") or after a double dash ("--Transportation Provided")."""
    comma = ctx.doc.text.rfind(", ", start, end)
    tail = ctx.text(comma + 2, end).strip() if comma != -1 else ""
    if tail and tail[0].islower() and not holds_place(tail):
        return start, comma
    dashes = ctx.doc.text.rfind("--", start, end)
    tail = ctx.text(dashes + 2, end).strip() if dashes != -1 else ""
    if tail and not holds_place(tail) and holds_place(ctx.text(start, dashes)):
        return start, dashes
    return start, end


def _first_line_end(ctx: Context, start: int, end: int) -> int:
    """Where a value running over several lines ends: after its first line when that
    line already names a place (the rest adds the institution), else at its end."""
    newline = ctx.doc.text.find("\n", start, end)
    if newline == -1 or not holds_place(ctx.text(start, newline)):
        return end
    return newline


def _postcode_run(ctx: Context, blocks: list[Block], first: int) -> list[Block]:
    """Address lines from ``first`` on (right after a key line, or under an "Address:"
    heading), only when they end in a postcode."""
    run = _address_run(ctx, blocks, first)
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
        if _noted_not_a_place(ctx, " ".join(b.text for b in run)):
            continue
        found = _candidate(ctx, [(b.start, b.end) for b in run], "venue:heading",
                           UNDER_HEADING_SCORE)
        if found:
            yield found


def _address_in_prose(ctx: Context, sections: list[Section],
                      postcodes: bool) -> Iterator[Candidate[object]]:
    """A sentence that says where the event is held, with an address ending in a postcode,
    or where to attend in person ("join us in person at the Lowry Centre, or online").

    ``postcodes``: whether the text holds anything shaped like a postcode."""
    text = ctx.doc.text
    held_at = postcodes
    in_person = _says_in_person(text)
    if not (held_at or in_person):
        return  # most texts: no block to search
    found_count = 0
    for section in sections:
        if section.kind in SKIPPED_SECTIONS:
            continue
        for block in section.blocks:
            spans = [m.span(1) for m in HELD_AT.finditer(text, block.start, block.end)
                     ] if held_at else []
            for span in spans or (_in_person_at(ctx, block) if in_person else ()):
                found = _candidate(ctx, [span], "venue:held-at", ADDRESS_IN_PROSE_SCORE)
                if found:
                    yield found
                    found_count += 1
                if found_count >= MAX_PROSE_ADDRESSES:
                    return  # the place is stated early; a flood of phrases is not read


def _has_postcode(text: str) -> bool:
    """Whether anything shaped like a postcode is in the text. An ASCII text is first
    looked at as classes of bytes: one without a capital before a digit or without a
    digit before two capitals (most texts) holds none, and the pattern's scan, many
    times dearer than the byte searches, is spared.

    >>> _has_postcode("Room 4, Leeds LS2 7EQ"), _has_postcode("Wean Hall 5409, 3:30PM")
    (True, False)
    """
    if text.isascii():
        classes = text.encode("ascii").translate(POSTCODE_CLASSES)
        if b"A9" not in classes or b"9AA" not in classes:
            return False
    return ANY_POSTCODE.search(text) is not None


def _says_in_person(text: str) -> bool:
    """Whether "in person" or "face to face" is anywhere in the text, in any case. An
    ASCII text is searched lower-cased: much faster than a case-blind search."""
    if text.isascii():
        lower = text.lower()
        return (("person" in lower or "face" in lower)
                and ANY_IN_PERSON_LOWER.search(lower) is not None)
    return ANY_IN_PERSON.search(text) is not None


def _in_person_at(ctx: Context, block: Block) -> Iterator[tuple[int, int]]:
    """The place after "in person at", up to the other way to attend (", or online")
    or the sentence's end."""
    text = ctx.doc.text
    for match in IN_PERSON_AT.finditer(text, block.start, block.end):
        limit = min(block.end, match.end() + MAX_PLACE_CHARS)
        end = PLACE_END.search(text, match.end(), limit)
        yield match.end(), end.start() if end else limit


def _address_element(ctx: Context, sections: list[Section]) -> Iterator[Candidate[object]]:
    """A page's <address> element outside boilerplate, its lines joined by ", "."""
    groups = ctx.doc.extras.get("address_lines") or []
    skipped = [(s.start, s.end) for s in sections if s.kind in SKIPPED_SECTIONS]
    for lines in groups:
        start, end = lines[0][0], lines[-1][1]
        text = ctx.text(start, end)
        if any(a <= start < b for a, b in skipped) or _pending_or_online(text):
            continue
        found = _candidate(ctx, list(lines), "venue:address-element", ADDRESS_ELEMENT_SCORE)
        if found:
            yield found


def _postcode_lines(ctx: Context, sections: list[Section],
                    postcodes: bool) -> Iterator[Candidate[object]]:
    """An unlabelled line ending in a postcode, with the address lines right above it
    ("The Guildhall" / "High Street" / "Winchester SO23 9GH"); never the title or a date
    line above it. Near the top or among the when-and-where lines one such line will do;
    elsewhere (under "Details", in a side box at the page's end) only a block of two or
    more lines is an address, and not in a bio, nor for an event with a platform.
    ``postcodes``: whether the text holds anything shaped like a postcode."""
    if ctx.shared.get(ONLINE_KEY) or not postcodes:
        return  # "Where: Online": an address at the top is the sender's letterhead
    # an online event's address lines far down are its organiser's (a platform, a title
    # that names a webinar); so are the sender's when the venue is still to be confirmed
    blocks_anywhere = (ctx.shared.get(platform.SHARED_KEY) is None
                       and not ctx.shared.get(PENDING_KEY) and not _titled_webinar(ctx))
    top = 0  # blocks before this section, in reading order
    for section in sections:
        blocks = section.blocks
        top += len(blocks)
        if section.kind in SKIPPED_SECTIONS or section.kind in NOT_ADDRESS_BLOCK_KINDS:
            continue
        for index, block in enumerate(blocks):
            near_top = section.kind in POSTCODE_LINES_KINDS and (
                section.kind in ANYWHERE_KINDS or top - len(blocks) + index < MAX_TOP_BLOCKS)
            if not (near_top or blocks_anywhere) or not _ends_in_postcode(block):
                continue
            first = index
            while (first > 0 and index - first < MAX_ADDRESS_LINES - 1
                   and _address_line_above(ctx, blocks[first - 1], blocks[first])):
                first -= 1
            if not near_top and first == index and not _one_line_address(block.text):
                continue  # one line far down: a postcode in passing, some other place
            found = _candidate(ctx, [(b.start, b.end) for b in blocks[first:index + 1]],
                               "venue:postcode-lines" if near_top else "venue:address-block",
                               POSTCODE_LINES_SCORE if near_top else ADDRESS_BLOCK_SCORE)
            if found:
                yield found


def _one_line_address(text: str) -> bool:
    """An address laid out on one line: three or more parts between commas, every word
    capitalised or a number but for a few small words ("Newcastle upon Tyne"); not a
    sentence that ends in one ("Send forms to Training Team, County Hall, ...").

    >>> _one_line_address("The Reading Room, Ashworth Library, 14 Church Street, Ashworth AS1 3RT")
    True
    >>> _one_line_address("Send forms to Training Team, County Hall, Leeds LS1 1UR")
    False
    """
    if text.count(",") < 2:
        return False
    return all(word[0].isupper() or word[0].isdigit() or word in ADDRESS_SMALL_WORDS
               for word in ADDRESS_WORD.findall(text))


def _in_title(ctx: Context, start: int, end: int) -> bool:
    """Whether the span overlaps the title's (``ctx.shared["title_span"]``)."""
    title_start, title_end = ctx.shared.get("title_span") or (0, 0)
    return start < title_end and title_start < end


def _titled_webinar(ctx: Context) -> bool:
    """Whether the title names the event a webinar: an online event, whatever its
    platform."""
    start, end = ctx.shared.get("title_span") or (0, 0)
    return any(m.type == "webinar" for m in find_types(ctx.text(start, end)))


def _ends_in_postcode(block: Block) -> bool:
    text = block.text.strip()
    if block.kind not in ("paragraph", "heading", "line") or not text:
        return False
    return ((text[0].isupper() or text[0].isdigit())
            and len(text.split()) <= MAX_POSTCODE_LINE_WORDS
            and POSTCODE_AT_END.search(text) is not None)


def _address_line_above(ctx: Context, block: Block, below: Block) -> bool:
    """Whether ``block`` is an earlier line of the address that ``below`` continues:
    adjacent, address-shaped, not a date or time, not the title."""
    if _in_title(ctx, block.start, block.end):
        return False
    return (_adjacent(ctx, block, below) and _looks_like_address_line(block)
            and not POSTCODE.search(block.text) and title_text_of(block.text.strip()) is not None)


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
    postcodes = _has_postcode(ctx.doc.text)  # one look for both rules
    candidates: list[Candidate[object]] = [*_keyed(ctx, sections), *_under_heading(ctx, sections),
                                           *_address_in_prose(ctx, sections, postcodes),
                                           *_address_element(ctx, sections),
                                           *_postcode_lines(ctx, sections, postcodes)]
    online = ctx.shared.get(platform.SHARED_KEY) is not None or ctx.shared.get(ONLINE_KEY)
    if (not candidates and not online and not ctx.shared.get(PENDING_KEY)
            and not _titled_webinar(ctx)):
        # an online event's prose names rooms in passing, not where it is held; nor does
        # the prose of one whose venue is still to be confirmed
        candidates.extend(_in_prose(ctx))
    if not candidates:
        candidates.extend(_structured(ctx))
    ctx.shared[SHARED_KEY] = pick_one(candidates)
    return candidates


# Prose: runs of place tokens ----------------------------------------------------------

# A token: letters, or an alphanumeric run with inner "." "-" or "'" ("8.220", "BH-129").
# Its repeats are possessive: nothing follows them to give back to, and it scans faster.
# A mark is taken only before a letter or digit (what the run after it needs anyway): a
# mark that ends a token ("Hall.", "4-") is then passed over without entering the repeat.
_TOKEN = r"[A-Za-z0-9]++(?:[.\-'’](?=[A-Za-z0-9])[A-Za-z0-9]++)*+"
TOKEN = regex.compile(_TOKEN)  # (scripts/learn_locations.py splits text with it too)
# The same in a group: a split on it gives the tokens and the text between them.
TOKEN_SPLIT = re.compile(f"({_TOKEN})")
OF = frozenset({"of", "Of", "oF", "OF"})
NAME_GAPS = frozenset({" ", "  "})  # between a building's name and its place word: a space or two
# What may stand between two words of one place on a line: a space or two, a comma, a
# dash or a bracket; not a full stop, a colon or a column gap.
SAME_LINE_GAP = regex.compile(r"[ ]{0,2}(?:[,&/()\-]{1,2}[ ]{0,2})?")
LINE_BREAK_GAP = regex.compile(r"[ ]{0,2}\n[ \t]{0,40}")
# A clock time or its meridiem is never part of a place ("7pm", "PM").
TIME_WORD = regex.compile(
    r"(?i)\d{1,2}(?:[.:]\d{2})?(?:-\d{1,2}(?:[.:]\d{2})?)?(?:am|pm|a\.m|p\.m)?|[ap]\.?m|noon")
ORDINAL = regex.compile(r"(?i)\d{1,2}(?:st|nd|rd|th)")
ROOM_WORDS = frozenset({"room", "rm", "rooms"})
LETTERS_DIGITS = regex.compile(r"([A-Za-z]+)?(\d[\w.\-]*?)([A-Za-z]+)?")
YEAR = regex.compile(r"19[5-9]\d|20[0-3]\d")
# "WH7220", "DH2315": a building's capitals and its room number in one token.
BUILDING_AND_ROOM = regex.compile(r"[A-Z][A-Za-z]{0,3}\d{3,4}[A-Z]?")
YEAR_RANGE = regex.compile(r"(?:19|20)\d\d[-/]\d{2,4}")
PROSE_LIMIT = 50_000
STRONG_SHARE = 0.6
WORD_SHARE = 0.2
SHAPE_WEIGHT = 0.6
NUMBER_WEIGHT = 0.3
MIN_NUMBER_CHARS = 3
NAME_WEIGHT = 0.3
MAX_ABBREVIATION = 4
CUE_BONUS = 1.0
# Below this a phrase is a name in passing ("the Career Center"), not where the talk is.
MIN_PROSE_SCORE = 0.9
MIN_ROOM_SCORE = 0.5  # a room number makes a weaker phrase a place ("HH B131")
NOT_TALK_PENALTY = 3.0
LOOK_BACK = 80
MAX_NAME_WORDS = 3
WRAPPED_LINE = 40  # characters: a line this long that breaks mid-phrase is wrapped prose
SENTENCE_END = regex.compile(r"[.!?](?:\s|$)|\n\s*\n")


@dataclass(frozen=True)
class _Places:
    words: dict[str, float]
    shapes: dict[str, float]
    heads: frozenset[str]
    streets: frozenset[str]
    connectors: frozenset[str]
    cue: regex.Pattern[str]
    not_talk: regex.Pattern[str]
    not_talk_words: re.Pattern[str] | None
    """``not_talk``'s words in lower case, anywhere (None when one is not ASCII): an ASCII
    text whose lower case holds none of them holds no match, and is not searched."""
    not_place: frozenset[str]
    weak: dict[str, float]
    max_words: int


@cache
def _places() -> _Places:
    data = vocab.load("locations")
    given = data["given"]
    cues = "|".join(regex.escape(c) for c in sorted(given["cues"], key=len, reverse=True))
    return _Places(
        words=data["words"],
        shapes=data["number_shapes"],
        heads=frozenset(given["heads"]),
        streets=frozenset(given["street_heads"]),
        connectors=frozenset(given["connectors"]),
        cue=regex.compile(rf"(?<!\w)(?:{cues})[ \t]*:?[ \t\n]*$", regex.I),
        not_talk=_phrases(given["not_talk"]),
        not_talk_words=re.compile("|".join(re.escape(w.lower()) for w in given["not_talk"]))
        if all(w.isascii() for w in given["not_talk"]) else None,
        not_place=frozenset(data["not_place_words"]),
        weak={w: share for w, share in data["words"].items() if share < WORD_SHARE},
        max_words=int(data["max_words"]),
    )


# A token's shape: its letters as "A", its digits as "9" (a token is ASCII).
SHAPE_TABLE = str.maketrans(string.ascii_letters + string.digits,
                            "A" * len(string.ascii_letters) + "9" * len(string.digits))


def _shape(token: str) -> str:
    return token.translate(SHAPE_TABLE)


@dataclass
class _Token:
    start: int
    end: int
    text: str
    weight: float = 0.0
    role: str = ""
    """'place' (a learned place word or a head noun), 'number' (a room number),
    'name' (a capitalised word before a place word), 'connector', or ''."""

    @property
    def lower(self) -> str:
        return self.text.lower()


def _word_weight(word: str) -> float:
    found = _places()
    if found.words.get(word, 0.0) >= WORD_SHARE:
        return found.words[word]
    return WORD_SHARE if word in found.heads else 0.0


def _number_weight(token: str) -> float:
    """A room number's weight: a learned shape ("5409", "A18C"), or any short code."""
    if _shape(token) in _places().shapes:
        return SHAPE_WEIGHT
    has_letter = any(ch.isalpha() for ch in token)
    if (len(token) >= MIN_NUMBER_CHARS or has_letter) and len(token) <= MAX_ABBREVIATION + 3:
        return NUMBER_WEIGHT
    return 0.0


@lru_cache(maxsize=65_536)
def _token_class(text: str) -> tuple[str, float]:
    """(role, weight) a token has by itself; cached, as the same words recur in every text."""
    lower = text.lower()
    word = _word_weight(lower)
    if word:
        return "place", word
    if TIME_WORD.fullmatch(text) or ORDINAL.fullmatch(text) or YEAR_RANGE.fullmatch(text):
        return "", 0.0
    if any(ch.isdigit() for ch in text):
        parts = LETTERS_DIGITS.fullmatch(text)
        letters = [p.lower() for p in (parts.group(1), parts.group(3)) if p] if parts else []
        known = max((_word_weight(p) for p in letters), default=0.0)
        number = _number_weight(text)
        if known:  # "DH2315", "1004HBH": a building and its room in one token
            return "place", number + known
        if number:
            return "number", number
        return "", 0.0
    if lower in _places().connectors:
        return "connector", 0.0
    return "", 0.0


def _token_code(text: str) -> str:
    """What a token can be, in one letter: "p" a place word, "n" a room number, "c" a
    connector, "w" a word that may take a role from its neighbours (a weak place word,
    an abbreviation, an ordinal), "x" any other word: one that takes a role only as a
    name of up to three words before a place, or between two words of a place."""
    role = _token_class(text)[0]
    if role:
        return CODES[role]
    if (text.lower() in _places().weak or ORDINAL.fullmatch(text)
            or _abbreviation_shaped(text)):
        return "w"
    return "x"


class _WordCodes(dict[str, str]):
    """``_token_code`` of each word seen (a plain dict lookup is much cheaper than a call
    per token); emptied when it holds too many words."""

    def __missing__(self, word: str) -> str:
        if len(self) >= MAX_CODED_WORDS:
            self.clear()
        code = self[word] = _token_code(word)
        return code


MAX_CODED_WORDS = 100_000
WORD_CODES = _WordCodes()
CODES = {"place": "p", "number": "n", "connector": "c"}
ROLE_OF_CODE = {"p": "place", "n": "number", "c": "connector", "w": "", "x": ""}
SEED_CODE = re.compile("[pn]")
ROLE_CODE = re.compile("[pnc]")
INERT_CODES = "x" * 5


def _seed_segments(codes: str) -> list[tuple[int, int]]:
    """The stretches of tokens (start, end) that hold a place word or a room number, cut
    at five or more "x" tokens in a row.

    Roles spread from place words and room numbers, a few tokens each way; a connector
    or a "w" token beyond five "x" tokens from any of them never joins a run. So only the
    tokens of these stretches start the passes, and the rest of a text is not read. The
    last four "x" tokens before a stretch stay with it: a name of up to three words
    before its place, and one to spare.
    """
    segments: list[tuple[int, int]] = []
    seed = SEED_CODE.search(codes)
    while seed:
        inert = codes.rfind(INERT_CODES, 0, seed.start())
        start = 0 if inert == -1 else inert + 1
        inert = codes.find(INERT_CODES, seed.start())
        if inert == -1:
            segments.append((start, len(codes)))
            break
        segments.append((start, inert))
        seed = SEED_CODE.search(codes, inert)  # the next seed after this stretch
    return segments


@dataclass
class _Tokens:
    """A text's tokens as parallel lists. Roles are worked out on these lists, visiting
    only the tokens next to one that has a role (most of a text has none), and a
    ``_Token`` is made only for the tokens of a run."""
    text: str
    parts: list[str]
    """The text split at its tokens: the text before the first token, the first token,
    the text between it and the next, ..."""
    words: list[str]
    gaps: list[str]
    """``gaps[i]``: the text between token ``i - 1`` (or the start) and token ``i``."""
    roles: list[str]
    marked: list[int]
    """The tokens that have or had a role, perhaps repeated, in no order."""
    weights: dict[int, float]
    """The weights of the marked tokens; any other token weighs 0."""
    sorted_marks: int = 0
    """How many of ``marked`` are known to be in order, without repeats."""
    part: int = 0
    offset: int = 0
    """A part of ``parts`` and where it starts in the text: the last one asked about."""

    def start(self, index: int) -> int:
        """Where a token starts: the lengths of the parts between it and the last one
        asked about, summed (most questions go in order, few tokens are asked about)."""
        part = 2 * index + 1
        if part >= self.part:
            self.offset += sum(map(len, self.parts[self.part:part]))
        else:
            self.offset -= sum(map(len, self.parts[part:self.part]))
        self.part = part
        return self.offset

    def end(self, index: int) -> int:
        return self.start(index) + len(self.words[index])

    def weight(self, index: int) -> float:
        return self.weights.get(index, 0.0)

    def having(self, role: str | None = None) -> list[int]:
        """The indices of the tokens with this role (any role when None), in order."""
        roles = self.roles
        if self.sorted_marks != len(self.marked):
            self.marked = sorted(set(self.marked))
            self.sorted_marks = len(self.marked)
        if role is None:
            return [index for index in self.marked if roles[index]]
        return [index for index in self.marked if roles[index] == role]

    def give(self, index: int, role: str, weight: float | None = None) -> None:
        """Give a token a role (and a weight, else it keeps its own)."""
        self.roles[index] = role
        if weight is not None:
            self.weights[index] = weight
        self.marked.append(index)


def _tokens(text: str) -> _Tokens:
    # A split keeps the text between the tokens, so the offsets follow from the lengths
    # alone, without a match object per token.
    parts = TOKEN_SPLIT.split(text)
    words = parts[1::2]
    codes = "".join(map(WORD_CODES.__getitem__, words))
    # the roles of the tokens in the stretches that matter; the others are never read
    marked = [match.start() for start, end in _seed_segments(codes)
              for match in ROLE_CODE.finditer(codes, start, end)]
    roles = [""] * len(words)
    for index in marked:
        roles[index] = ROLE_OF_CODE[codes[index]]
    return _Tokens(text, parts, words, parts[0::2], roles, marked,
                   {index: _token_class(words[index])[1] for index in marked})


def _roles(tokens: _Tokens) -> None:
    """Give each token its role and weight: from the learned vocabulary first (by
    ``_tokens``), then from its neighbours, pass by pass."""
    if not tokens.marked:
        return  # every pass below needs a token with a role to start from
    _mark_ordinals_and_dates(tokens)
    _mark_after_of(tokens)
    _mark_weak_and_bridges(tokens)
    _mark_names(tokens)


def _mark_ordinals_and_dates(tokens: _Tokens) -> None:
    words, roles = tokens.words, tokens.roles
    for after in tokens.having("place"):  # "40th floor", "4th Avenue"
        if after and ORDINAL.fullmatch(words[after - 1]):
            tokens.give(after - 1, "number", 0.0)
    for index in tokens.having("number"):  # "3/29": a date, not a room
        if index and tokens.gaps[index] == "/":
            roles[index] = ""
            if roles[index - 1] == "number":
                roles[index - 1] = ""


def _mark_after_of(tokens: _Tokens) -> None:
    """"Cathedral of Learning", "Room 2224 of EDRC": a weak place word or an
    abbreviation after "of" and a place."""
    words, roles = tokens.words, tokens.roles
    weak = _places().weak
    last = len(words) - 1
    # left to right, so "X of Y of Z" chains; "of" is a connector
    for of in tokens.having("connector"):
        if (words[of] not in OF or of == 0 or of == last
                or roles[of - 1] not in ("place", "number") or roles[of + 1]):
            continue
        lower = words[of + 1].lower()
        if lower in weak:
            tokens.give(of + 1, "place", weak[lower])
        elif _is_abbreviation(words[of + 1]):
            tokens.give(of + 1, "name", NAME_WEIGHT)


def _mark_weak_and_bridges(tokens: _Tokens) -> None:
    words, roles, gaps = tokens.words, tokens.roles, tokens.gaps
    weak = _places().weak
    count = len(words)
    for index in tokens.having("place"):  # "Fine Arts": a weak place word after a place
        while index + 1 < count and not roles[index + 1]:
            word = words[index + 1]
            if not (word.lower() in weak and word[0].isupper() and gaps[index + 1] in NAME_GAPS):
                break
            tokens.give(index + 1, "place", weak[word.lower()])
            index += 1  # the new place word may take the next one
    for last in tokens.having("place"):
        # "CMT red conference room", "GSIA in the new building": one lower-case word
        # between the words of a place holds it together
        token, first = last - 1, last - 2
        if (first >= 0 and not roles[token] and words[token].isalpha()
                and words[token].islower() and roles[first] in ("place", "name", "connector")
                and tokens.weight(last) > 0 and gaps[last] in NAME_GAPS
                and SAME_LINE_GAP.fullmatch(gaps[token])):
            tokens.give(token, "connector")
    for number in tokens.having("number"):  # "Room 1004 HbH": the building after its room
        token = number + 1
        if (token < count and not roles[token] and _is_abbreviation(words[token])
                and gaps[token] in NAME_GAPS):
            tokens.give(token, "name", NAME_WEIGHT)


def _mark_names(tokens: _Tokens) -> None:
    """Capitalised words before place words ("Allen Hall") and abbreviations before
    room numbers ("HH B131") are a building's name; right to left, so names chain."""
    for after in reversed(tokens.having()):
        if tokens.roles[after] == "connector":
            continue  # no name before a connector
        index = after - 1
        while index >= 0 and _becomes_name(tokens, index):
            tokens.give(index, "name", NAME_WEIGHT)
            index -= 1  # the new name may take the word before it


def _becomes_name(tokens: _Tokens, index: int) -> bool:
    """Whether the token at ``index``, without a role, names the building of the place
    word, name or room number after it."""
    roles, words, after = tokens.roles, tokens.words, index + 1
    if roles[index] or not (tokens.gaps[after] in NAME_GAPS
                            or _wrapped_before_head(tokens, index)):
        return False
    word = words[index]
    if not word[0].isupper() or TIME_WORD.fullmatch(word):
        return False
    if word.lower() in _places().not_place and words[after].lower() not in _places().heads:
        return False  # "CMU Faculty Dining Room", but "Seminar Room"
    if roles[after] in ("place", "name"):
        return _name_run(roles, after) < MAX_NAME_WORDS
    return (roles[after] == "number" and _is_abbreviation(word)
            and not YEAR.fullmatch(words[after]))


def _wrapped_before_head(tokens: _Tokens, index: int) -> bool:
    """A name wrapped onto the next line of running prose before its head noun
    ("... in the Babcock\nRoom"); a short line is layout, not a wrap."""
    if tokens.words[index + 1].lower() not in _places().heads or not LINE_BREAK_GAP.fullmatch(
            tokens.gaps[index + 1]):
        return False
    line_start = tokens.text.rfind("\n", 0, tokens.start(index)) + 1
    return tokens.end(index) - line_start >= WRAPPED_LINE


def _abbreviation_shaped(word: str) -> bool:
    """A few letters, at least two of them capitals ("WeH", "UCC")."""
    return (word.isalpha() and 2 <= len(word) <= MAX_ABBREVIATION + 1
            and sum(ch.isupper() for ch in word) >= 2)


def _is_abbreviation(word: str) -> bool:
    """A building's short name: abbreviation-shaped and not a word that names no place."""
    return _abbreviation_shaped(word) and word.lower() not in _places().not_place


def _name_run(roles: list[str], index: int) -> int:
    count = 0
    while index + count < len(roles) and roles[index + count] == "name":
        count += 1
    return count


def _joined(tokens: _Tokens, left: int, right: int) -> bool:
    """Whether two neighbouring tokens can be words of one place. A line break joins only
    words ("Doherty\nHall"), never after a head noun ("Warner Hall\nLaboratory") or a
    number."""
    gap, roles = tokens.gaps[right], tokens.roles
    if SAME_LINE_GAP.fullmatch(gap):
        return True
    if LINE_BREAK_GAP.fullmatch(gap) is None:
        return False
    lower = tokens.words[left].lower()
    if lower in ROOM_WORDS:  # "Room\n2315"
        return roles[right] == "number"
    if lower in _places().heads:  # "Conference Room\nBaker Hall 129"
        return roles[right] == "place" and tokens.weight(right) >= STRONG_SHARE
    if roles[left] == "connector":
        return roles[right] in ("place", "name", "number", "connector")
    return roles[left] in ("place", "name") and roles[right] in ("place", "name", "number")


def _runs(text: str) -> list[list[_Token]]:
    """Maximal runs of place, number and name tokens, with connectors inside only."""
    tokens = _tokens(text)
    _roles(tokens)
    runs: list[list[_Token]] = []
    run: list[int] = []
    for index in tokens.having():
        if run and index == run[-1] + 1 and _joined(tokens, run[-1], index):
            run.append(index)
            continue
        _add_trimmed(runs, tokens, run)
        run = [index]
    _add_trimmed(runs, tokens, run)
    return runs


def _add_trimmed(runs: list[list[_Token]], tokens: _Tokens, run: list[int]) -> None:
    """Add a run without connectors at its ends, if anything is left."""
    roles = tokens.roles
    first, last = 0, len(run)
    while first < last and roles[run[first]] == "connector":
        first += 1
    while first < last and roles[run[last - 1]] == "connector":
        last -= 1
    if first < last:
        found = []
        for index in run[first:last]:
            start = tokens.start(index)
            found.append(_Token(start, start + len(tokens.words[index]), tokens.words[index],
                                tokens.weight(index), roles[index]))
        runs.append(found)


def _merge_lines(text: str, runs: list[list[_Token]]) -> list[list[_Token]]:
    """Join place runs that each fill their line and stand on consecutive lines
    ("EPP Conference Room" / "Baker Hall 129"): one place laid out on two lines."""
    merged: list[list[_Token]] = []
    for run in runs:
        street = any(t.lower in _places().streets for t in run)  # "4400 Fifth Avenue"
        if merged and not street and _ends_line(text, merged[-1]) and _fills_line(text, run) and (
                LINE_BREAK_GAP.fullmatch(text, merged[-1][-1].end, run[0].start)):
            merged[-1] = merged[-1] + run
        else:
            merged.append(run)
    return merged


def _ends_line(text: str, run: list[_Token]) -> bool:
    line_end = text.find("\n", run[-1].end)
    line_end = len(text) if line_end == -1 else line_end
    return not text[run[-1].end:line_end].strip(" \t,.") and _is_place(run)


def _fills_line(text: str, run: list[_Token]) -> bool:
    line_start = text.rfind("\n", 0, run[0].start) + 1
    return not text[line_start:run[0].start].strip() and _ends_line(text, run)


def _is_place(run: list[_Token]) -> bool:
    """A run names a place when it holds a distinctive place word, a room number with a
    building or room word, or a head noun with a building's name ("Allen Hall")."""
    heads = _places().heads
    if len(run) == 1:  # most runs: a year, a time, a phone number
        token = run[0]
        return (token.role == "place" and token.weight >= STRONG_SHARE
                and not token.text[0].islower() and token.lower not in heads)
    if all(t.text[0].islower() for t in run):
        return False  # common words alone ("the lounge and reading room") name no place
    if any(t.role == "place" and t.weight >= STRONG_SHARE and t.lower not in heads
           for t in run):
        return True
    words = [t for t in run if t.role in ("place", "name")]
    has_number = any(t.role == "number" for t in run)
    has_head = any(t.lower in heads for t in run)
    return (has_number and bool(words)) or (has_head and len(words) >= 2)


def holds_place(text: str) -> bool:
    """Whether a piece of text names a room or building the place vocabulary knows.

    >>> holds_place("Wean Hall 5409"), holds_place("Department of Economics")
    (True, False)
    """
    return any(_is_place(run) for run in _runs(text[:PROSE_LIMIT]))


def _lone_room(text: str, run: list[_Token]) -> bool:
    """A room number alone, right after "in"/"room" ("meeting in 2110"); not a year."""
    if len(run) != 1 or run[0].role != "number" or YEAR.fullmatch(run[0].text):
        return False
    after = text[run[0].end:run[0].end + 3]
    if after[:1].isspace() and after[1:2].isalpha():  # "the 100 seat room": a count
        return False
    known_shape = _shape(run[0].text) in _places().shapes or BUILDING_AND_ROOM.fullmatch(
        run[0].text) is not None
    return known_shape and bool(
        _places().cue.search(text[max(0, run[0].start - 12):run[0].start]))


def _run_score(text: str, run: list[_Token]) -> tuple[float, float]:
    """(how surely the run is a place, and how surely it is the talk's)."""
    score = sum(t.weight for t in run)
    before = text[max(0, run[0].start - LOOK_BACK):run[0].start]
    sentence = SENTENCE_END.split(before)[-1]
    if _places().cue.search(before[-30:]):
        score += CUE_BONUS
    penalty = NOT_TALK_PENALTY if _not_talk(sentence) else 0.0
    return score, score - penalty


def _not_talk(sentence: str) -> bool:
    """Whether the sentence before a place says it is not where the talk is held
    ("refreshments in ..."), the full pattern run only on a text that may match it."""
    places = _places()
    if (places.not_talk_words is not None and sentence.isascii()
            and places.not_talk_words.search(sentence.lower()) is None):
        return False
    return places.not_talk.search(sentence) is not None


def _names_event(text: str, run: list[_Token]) -> bool:
    """A run ending in an event word ("Practice conference"): an event, not a room
    ("Conference Room" ends in its head noun)."""
    words = text[run[0].start:run[-1].end]
    return any(m.end == len(words) for m in find_types(words))


def _in_prose(ctx: Context) -> list[Candidate[object]]:
    """Place phrases in running text, scored by their words and what stands before them
    (one after "reception"/"refreshments" scores low)."""
    text = ctx.doc.text[:PROSE_LIMIT]
    candidates: list[Candidate[object]] = []
    # A run that names no place takes no part in merging (both runs of a merge must name
    # one, and its words would stand between the two), and one with no room is never a
    # candidate: it is dropped before merging.
    runs = [run for run in _runs(text) if _is_place(run) or _lone_room(text, run)]
    for run in _merge_lines(text, runs):
        run = run[: _places().max_words + 2]
        if not (_is_place(run) or _lone_room(text, run)):
            continue
        if _in_title(ctx, run[0].start, run[-1].end) or _names_event(text, run):
            continue  # "Practice conference", "Annual Conference 2026: ...": the event's name
        place_score, score = _run_score(text, run)
        value = clean_value(text[run[0].start:run[-1].end])
        has_room = any(t.role == "number" for t in run)
        if value and place_score >= (MIN_ROOM_SCORE if has_room else MIN_PROSE_SCORE):
            candidates.append(Candidate(value, ((run[0].start, run[-1].end),), "venue:prose",
                                        score))
    return candidates
