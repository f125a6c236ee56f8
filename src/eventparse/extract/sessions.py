"""Extractor for ``sessions``: which date/time mentions are sittings of the event.

The grammar (``eventparse.when``) finds every mention in the text; this module
decides which of them the event sits on:

1. Mentions whose line says they are something else are dropped: booking
   deadlines, registration or arrival times, refreshments and receptions, the
   e-mail's own date (``Sent:``, ``Date:`` among the mail headers, ``PostedBy:``),
   past events ("previous", "last year", "took place", "last ran on"), other events
   ("Also coming up: ..."), agenda rows before the start ("09:00 | Arrival and
   coffee"); a past date said in a sentence beside sittings to come is an aside.
2. The rest are ranked: schedule lines first (``Date:``/``Time:``/``When:`` lines,
   a schedule section), then lines at the top of the document that lead with a
   date or time; running prose only when neither gives a date or a time.
3. In document order, a date line and the time lines after it combine ("Thursday
   19th February 2026" + "Morning session: 10:00-11:30" + "Afternoon session:
   14:00-15:30" = two sessions); a list of days shares its times ("Wednesday 4 and
   Thursday 5 March" + "9.30am - 4.00pm each day" = two sessions); a date with its
   own time is a session by itself (a series is several).
4. A start without an end takes the end of a range elsewhere in the text that
   starts at the same time ("Time: 3:30" + "from 3:30 to 5:00"), or of a closing
   agenda row ("15:30 | Close").

A weekday that does not match its date is flagged ``weekday-mismatch``. Other
date problems (``date-in-past``, ``missing-date``, ``missing-time``,
``end-before-start``) are validate.py's: sessions keep the values as written.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from operator import attrgetter

import regex

from eventparse import vocab
from eventparse.document import Block
from eventparse.extract.base import Candidate, Context
from eventparse.when import When
from eventparse.when.combine import Entry, Mention, find_mentions
from eventparse.when.lexicon import word_trie, word_value

FIELD = "sessions"

_END_CUE = regex.compile(
    r"\b(?:until|till|to|end(?:s|ing)?(?:\s+at)?|finish(?:es|ing)?(?:\s+at)?|conclud(?:es|ing)"
    r"(?:\s+at)?|close[sd]?\s+at)\s+(?:around\s+|about\s+|approximately\s+)?$", regex.IGNORECASE)
_END_KEY = regex.compile(r"\b(?:finish(?:es|ing)?|ends?|end\s+time|closes?|until)\b",
                          regex.IGNORECASE)
_SENTENCE_END = regex.compile(r"[.;!?](?:\s+|$)")
_CLAUSE_END = regex.compile(r"[,(](?:\s+|$)")
_ARRIVAL = regex.compile(r"[ \t]*for[ \t]+(?:an?[ \t]+)?\d{1,2}(?:[:.]\d\d)?[ \t]*"
                         r"(?:[ap]\.?m\.?[ \t]*)?(?:start|prompt)", regex.IGNORECASE)
_MAIL_KEYS = {"from", "sent", "to", "cc", "bcc", "subject", "date", "reply-to", "received",
              "message-id", "posted", "postedby", "newsgroups", "organization"}
_MAIL_ANCHORS = {"from", "sent", "to", "subject"}
_SCHEDULE_KINDS = {"schedule", "details"}
_TOP_KINDS = {"preamble", "schedule", "details", "event_type", "delivery", "greeting"}
_LEAD_LIMIT = 25
MAX_DAYS = 14
"""A range of days up to this long is a sitting on each day (a course, a conference)."""
_LEAD_WINDOW = 200
_START = attrgetter("start")
_NEARBY = 160

SCHEDULE, TOP, PROSE = 0, 1, 2
_RULES = {SCHEDULE: "sessions:schedule-line", TOP: "sessions:top-line", PROSE: "sessions:prose"}


@cache
def _cue(kind: str) -> regex.Pattern[str]:
    """A phrase list of vocab/session_cues.json as one whole-word pattern.

    ``kind`` may name several lists joined by "+" ("not_a_sitting+past_events"): one
    search for a phrase of either. The phrases share their prefixes in a trie (the date
    grammar's ``word_trie``): the same matches as an alternation of whole phrases tried
    longest first, but far fewer branches tried at each offset of the text.
    """
    return regex.compile(rf"\b(?:{word_trie(_phrases(kind))})\b", regex.IGNORECASE)


def _phrases(kind: str) -> list[str]:
    """The phrases of the lists ``kind`` names (see ``_cue``)."""
    cues = vocab.load("session_cues")
    return [phrase for name in kind.split("+") for phrase in cues[name]["phrases"]]


_WORD_RUN = re.compile(r"[a-z0-9_]+")
"""A run of word characters in lower-case ASCII text."""


@cache
def _first_words(kind: str) -> frozenset[str] | None:
    """The first word of each phrase of ``_cue(kind)``, or None when a phrase does not
    open with an ASCII word character (then no word of a text rules a phrase out)."""
    firsts = set()
    for phrase in _phrases(kind):
        first = _WORD_RUN.match(phrase.lower())
        if first is None or not phrase.isascii():
            return None
        firsts.add(first.group())
    return frozenset(firsts)


@cache
def _whole_phrases(kind: str) -> frozenset[str]:
    """The phrases of ``_cue(kind)`` that open and close on an ASCII word character: a
    text that is one of them, lower-cased, is a match of the pattern ("PostedBy")."""
    lowered = [phrase.lower() for phrase in _phrases(kind)]
    return frozenset(phrase for phrase in lowered if phrase.isascii()
                     and _WORD_RUN.match(phrase) and _WORD_RUN.match(phrase[-1]))


def _says(kind: str, text: str) -> bool:
    """``_cue(kind)`` finds a phrase in ``text``.

    A phrase opens at the start of a word (the pattern's ``\b``) with its first word
    whole, so in ASCII text it can match only where a word of the text, lower-cased, is
    a phrase's first word. Most leads and keys ("Time: ", "Dates") have none, and a key
    that says no ("PostedBy") is mostly a phrase itself: set tests spare the phrase
    pattern, whose every search costs far more (it sets up the trie's many repeats) than
    the short text it reads.
    """
    if text.isascii() and text.lower() in _whole_phrases(kind):
        return True
    return not _none_in(kind, text) and _cue(kind).search(text) is not None


def _none_in(kind: str, text: str) -> bool:
    """No phrase of ``_cue(kind)`` can match in ``text`` (``_says``'s word test)."""
    firsts = _first_words(kind)
    return firsts is not None and text.isascii() \
        and firsts.isdisjoint(_WORD_RUN.findall(text.lower()))


@dataclass
class _Placed:
    mention: Mention
    tier: int
    block: Block | None
    section: str
    clause: str = ""
    """The words before the mention in its own clause ("finishing at")."""
    lead: str = ""
    """The words before the mention in its own sentence, stripped ("" on a date line)."""
    closes: bool = False
    """An agenda row whose label ends the day ("15:30 | Close")."""

    @property
    def prose(self) -> bool:
        """Words come before the mention in its own sentence (not a date line or table
        cell). Read of the few mentions that could be a past aside, so not made for all."""
        return any(ch.isalpha() for ch in self.lead)


def extract(ctx: Context) -> list[Candidate[When]]:
    mentions = find_mentions(ctx.doc.text, ctx.reference_date,
                             day_first=ctx.settings.day_first, strict=True)
    page = _Page(ctx)
    placed = [p for m in mentions if (p := _place(page, m)) is not None]
    usable = _drop_past_asides([p for p in placed if p.tier < PROSE and _useful(p.mention)],
                               ctx.reference_date)
    if not usable:
        usable = [p for p in placed if _useful(p.mention)][:1]
    usable = _drop_restated(ctx.doc.text, usable)
    chosen = _each_day(_shared_time(ctx, _sessions(usable), usable))
    if chosen and all(s.entry.start_min is None for s in chosen):
        chosen = _times_nearby(ctx, chosen, placed)
    _fill_ends(ctx, chosen, placed)
    _flag_weekdays(ctx, usable)
    return [
        Candidate(When(**sitting.entry.as_dict()), sitting.spans, _RULES[sitting.tier], 1.0,
                  "sessions")
        for sitting in _unique(chosen)
    ]


def _useful(mention: Mention) -> bool:
    return mention.has_time or (mention.has_date and not mention.weekday_only)


def _drop_past_asides(usable: list[_Placed], reference: dt.date) -> list[_Placed]:
    """A date before the reference said in a sentence, beside sittings on or after it,
    is an aside ("the course last ran in October"), not a sitting."""
    any_current = False
    past_only: list[bool] = []  # each mention: it has dates, all before the reference
    for p in usable:
        past = current = False
        for entry in p.mention.entries:
            if entry.date is not None:
                if entry.date < reference:
                    past = True
                else:
                    current = True
        any_current = any_current or current
        past_only.append(past and not current)
    if not any_current or True not in past_only:
        return usable
    return [p for p, past in zip(usable, past_only, strict=True) if not (past and p.prose)]


_RESTATED = regex.compile(r"[\s(\[/|,;]*(?:or|i\.?e\.?|which\s+is|that\s+is)?[\s(\[/|,;:]*",
                          regex.IGNORECASE)


def _drop_restated(text: str, usable: list[_Placed]) -> list[_Placed]:
    """ "9am-5pm CET (8am-4pm UK time)": the same sitting on another zone's clock is
    not a second sitting. A time in a named zone right after another's is dropped."""
    out: list[_Placed] = []
    for placed in usable:
        last = out[-1].mention if out else None
        mention = placed.mention
        if last is not None and last.zone_named and mention.zone_named and last.has_time \
                and not mention.has_date and mention.start > last.end \
                and _RESTATED.fullmatch(text, last.end, mention.start):
            continue
        out.append(placed)
    return out


# --- where a mention sits -----------------------------------------------------------------

class _Page:
    """What placing reads of one document, looked up once for all its mentions: the
    text, its blocks in order of their starts (a bisect finds a mention's block) and
    the ``Date:`` lines among the mail headers that open it."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.text = ctx.doc.text
        self._blocks: list[Block] | None = None
        self._kinds: list[str] = []
        self._starts: list[int] = []
        self._mail_run: set[int] | None = None

    def _index(self) -> list[Block]:
        """The blocks (headings included) with their sections' kinds, by start.

        Sections come in reading order, a heading before its blocks, so the blocks
        are in order already (checked; else sorted, ties kept in section order). A
        section that goes on after a labelled line repeats its heading: that heading
        is read once, with the kind it has in both.
        """
        blocks: list[Block] = []
        kinds: list[str] = []
        for section in self.ctx.sections:
            if section.heading is not None and not section.continues:
                blocks.append(section.heading)
                kinds.append(section.kind)
            blocks += section.blocks
            kinds += [section.kind] * len(section.blocks)
        starts = list(map(_START, blocks))
        ordered = sorted(starts)
        if ordered != starts:
            order = sorted(range(len(blocks)), key=starts.__getitem__)
            blocks = [blocks[i] for i in order]
            kinds = [kinds[i] for i in order]
            starts = ordered
        self._blocks, self._kinds, self._starts = blocks, kinds, starts
        return blocks

    def block_at(self, offset: int) -> tuple[Block | None, str]:
        """The block around ``offset`` and its section's kind."""
        blocks = self._blocks if self._blocks is not None else self._index()
        index = bisect.bisect_right(self._starts, offset) - 1
        if index >= 0:
            block = blocks[index]
            if block.end >= offset:
                return block, self._kinds[index]
        return None, "preamble"

    def is_mail_header(self, block: Block) -> bool:
        """A ``Sent:``/``Date:`` line of the mail headers that open the document (``block``
        is a ``Key: value`` line)."""
        key = (block.key or "").lower()
        if key in ("sent", "postedby", "posted", "received"):
            return True
        if key != "date":
            return False
        if self._mail_run is None:
            self._mail_run = _mail_run(self.ctx.doc.blocks)
        return block.start in self._mail_run


def _mail_run(blocks: list[Block]) -> set[int]:
    """The starts of the mail header lines among the first blocks, when they include a
    From:/Sent:/To:/Subject: line."""
    run: set[int] = set()
    for other in blocks[:12]:
        if other.kind != "key_value" or (other.key or "").lower() not in _MAIL_KEYS:
            if run:
                break
            continue
        run.add(other.start)
    keys = {(b.key or "").lower() for b in blocks if b.start in run}
    return run if _MAIL_ANCHORS & keys else set()


def _sentence_tail(stretch: str) -> str:
    """The stretch after its last sentence end (the last piece _SENTENCE_END splits it
    into); most stretches ("Time: ") have no mark that could end one."""
    if "." in stretch or ";" in stretch or "!" in stretch or "?" in stretch:
        tail: str = _SENTENCE_END.split(stretch)[-1]
        return tail
    return stretch


def _place(page: _Page, mention: Mention) -> _Placed | None:
    text = page.text
    start = mention.start
    block, section = page.block_at(start)
    window = start - _LEAD_WINDOW if start > _LEAD_WINDOW else 0
    line_start = text.rfind("\n", window, start) + 1 or window
    before = text[line_start:start]
    # the key first: a "PostedBy:" line's key says so in a word, its lead in a sentence
    key = block.key if block is not None and block.kind == "key_value" else None
    if key and _says("not_a_sitting", key.lower()):
        return None
    lead = _sentence_tail(before)
    # no comma or bracket (most leads, "Time: "): no split needed
    clause = _CLAUSE_END.split(lead)[-1] if "," in lead or "(" in lead else lead
    if clause is lead and len(lead) <= 80:
        # one search for the clause's cues and the sentence's (the same words here)
        if _says("not_a_sitting+past_events+other_events", lead):
            return None
    elif _says("not_a_sitting+past_events", clause[-80:]) or _says("other_events", lead):
        return None
    has_time = mention.has_time
    if mention.bare_numeric and not has_time and section not in _SCHEDULE_KINDS:
        return None  # "Room 2/14" outside a Date: line
    end = mention.end
    if "[" in before and _STAMP.match(before) and _STAMPED.match(text, end):
        return None  # "[02/03/2026, 18:47] Jo Whitlock: ..." when a chat message was sent
    # bounded by the line (the pattern never crosses one): a search without an end reads
    # on to the end of the text for its literal words, slow on a megabyte line
    line_end = text.find("\n", end)
    if line_end < 0:
        line_end = len(text)
    # the pattern opens with spaces and "for" (F, O and R are the only other letters that
    # match f, o and r); past a dozen spaces the pattern decides
    after = text[end:end + 12].lstrip(" \t")
    if (after[:3].lower() == "for" or not after) and _ARRIVAL.match(text, end, line_end):
        return None  # "09:30 for 10:00 start": the first time is when to arrive
    # an agenda row's label speaks of its one time alone
    row = _agenda_row(text, before, mention, line_end) \
        if has_time and not mention.has_date else ""
    if row == "before":
        return None  # "09:00 | Arrival and coffee": the row before the start
    if key and block is not None and page.is_mail_header(block):
        return None
    if block is not None and block.value_start is not None and start >= block.value_start:
        # the value's own sentence: "Day one 9.30am - 4.30pm; day two 9.30am - 1pm"
        if block.value_start >= line_start:
            # the lead's line holds the value's start: the sentence starts at the later of
            # the two (give or take white space after a sentence's end, which the tests
            # below ignore); no need to split again
            lead = text[max(start - len(lead), block.value_start):start]
        else:
            lead = _sentence_tail(text[block.value_start:start])
    stripped = lead.strip()
    if len(stripped) > _LEAD_LIMIT:
        tier = PROSE
    elif section in _SCHEDULE_KINDS:
        tier = SCHEDULE
    elif section in _TOP_KINDS:
        tier = TOP
    else:
        tier = PROSE
    return _Placed(mention, tier, block, section, clause, stripped, row == "end")


# A chat export's message stamp: "[02/03/2026, 18:47] Name: message".
_STAMP = regex.compile(r"[ \t]*\[[ \t]*\Z")
_STAMPED = regex.compile(r"[ \t]*\][ \t]*[^\n:\]]{1,60}:")
_ROW_MARKS = " \t|*•·>#-–—"
"""What may stand before an agenda row's time: bullets, bars, dashes, white space."""
_ROW_GAP = regex.compile(r"[ \t|:.)\-–—]*")
_ROW_END = regex.compile(r"[ \t|.]*")
_OF_THE_DAY = regex.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?(?:day|event|conference|course|workshop"
                            r"|session|programme|program)")


def _agenda_row(text: str, before: str, mention: Mention, line_end: int) -> str:
    """What an agenda row ("09:00 | Arrival and coffee") says of its one time (a
    mention with a time and no date).

    "before" when its label is an arrival, coffee or registration, "end" when the
    label is a close ("Close", "Questions and close", "End of day"), else "".
    """
    if before.strip(_ROW_MARKS) or any(e.end_min is not None for e in mention.entries):
        return ""  # words before the time on its line, or a range
    label_start = _ROW_GAP.match(text, mention.end, line_end).end()
    if label_start == mention.end and label_start < line_end:
        return ""  # "10:00am" runs on into its words: not a row label
    label = text[label_start:min(line_end, label_start + 80)]
    if not _none_in("agenda_before_start", label) and _cue("agenda_before_start").match(label):
        return "before"
    if _none_in("agenda_end", label):
        return ""
    for found in _cue("agenda_end").finditer(label):
        before = label[:found.start()].rstrip().lower()
        if before and not before.endswith(("and", "&")):
            continue
        rest = found.end()
        of_the_day = _OF_THE_DAY.match(label, rest)
        if of_the_day is not None:
            rest = of_the_day.end()
        if _ROW_END.fullmatch(label, rest):
            return "end"
    return ""


# --- from mentions to sessions ------------------------------------------------------------

@dataclass
class _Sitting:
    """One session: its values and the mentions it came from."""

    entry: Entry
    parts: list[_Placed]

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        return tuple([(p.mention.start, p.mention.end) for p in self.parts])

    @property
    def tier(self) -> int:
        return min(p.tier for p in self.parts)


def _sessions(usable: list[_Placed]) -> list[_Sitting]:
    """Dates and times in document order, paired: a date line takes the time lines after it."""
    out: list[_Sitting] = []
    pending: _Placed | None = None
    pending_used = False
    any_dated = any(p.mention.has_date and not p.mention.weekday_only for p in usable)
    usable = _date_before_time(usable)

    def flush() -> None:
        if pending is not None and not pending_used:
            out.extend(_Sitting(e, [pending]) for e in pending.mention.entries)

    for placed in usable:
        mention = placed.mention
        dated = mention.has_date and not (mention.weekday_only and any_dated)
        if dated and mention.has_time:
            flush()
            pending, pending_used = None, False
            out.extend(_Sitting(e, [placed]) for e in mention.entries)
        elif dated:
            flush()
            pending, pending_used = placed, False
        elif mention.has_time:
            if _ends_previous(placed, out):
                continue
            labelled = _labelled_day(placed, pending)
            if labelled is not None and pending is not None:
                out.extend(_Sitting(time.timed(labelled), [pending, placed])
                           for time in mention.entries)
                pending_used = True
                continue
            if ((pending is not None and pending_used) or _dated_range_before(pending, out)) \
                    and _agenda_item(mention, out):
                continue
            if pending is not None:
                for day in pending.mention.entries:
                    for time in mention.entries:
                        out.append(_Sitting(time.timed(day.date, day.end_date),
                                            [pending, placed]))
                pending_used = True
            else:
                out.extend(_Sitting(e.timed(None), [placed]) for e in mention.entries)
    flush()
    return out


_DAY_LABEL = regex.compile(r"\b(?:day\s+(?P<n>\d{1,2}|[a-z]+)|(?P<n>[a-z]+)\s+day)"
                           r"[\s:\-–—]*$", regex.IGNORECASE)


def _labelled_day(placed: _Placed, pending: _Placed | None) -> dt.date | None:
    """The day a "Day two 9.30am - 1pm" time belongs to: that day of the dates before it
    ("Thursday 14 - Friday 15 May 2026"), when they have that many."""
    if pending is None or "day" not in placed.clause[-30:].lower():
        return None  # (D, A and Y are the only letters the pattern's "day" matches)
    label = _DAY_LABEL.search(placed.clause[-30:])
    if label is None:
        return None
    number = label.group("n")
    index = int(number) if number.isdigit() else word_value(number)
    days = [entry.date + dt.timedelta(days=offset)
            for entry in pending.mention.entries if entry.date is not None
            for offset in range(((entry.end_date - entry.date).days if entry.end_date else 0) + 1)]
    return days[index - 1] if index is not None and 0 < index <= len(days) else None


def _shared_time(ctx: Context, sittings: list[_Sitting],
                 usable: list[_Placed]) -> list[_Sitting]:
    """One time stated for a whole list of dates is every date's time.

    "Dates (all 12:30-13:30):" over a list, "Sessions run 10:00-11:30 on:" before
    bullets, "Time: 14:00-15:00" after a "Dates:" list: the reading in document
    order pairs that time with one date only. When several dates have no time of
    their own, the only time-only mention is a single range or start, and its line
    stands apart from any date (a lead-in, a ``Time:`` line, "all"/"each"), each
    untimed date takes it. Dates that carry their own times are left alone.
    """
    dated = [s for s in sittings if s.entry.date is not None]
    if len(dated) < 2 or len({s.entry.date for s in dated}) < 2:
        return sittings  # one date (most listings): nothing to share
    untimed = {s.entry.date for s in dated if s.entry.start_min is None}
    times = [p for p in usable if p.mention.has_time
             and (not p.mention.has_date or _weekday_of_all(p.mention, untimed))]
    if len(times) != 1 or len(times[0].mention.entries) != 1:
        return sittings
    shared = times[0]
    if any(s.entry.start_min is not None and shared not in s.parts for s in sittings) \
            or all(s.entry.start_min is not None for s in dated) \
            or not _stands_apart(ctx, shared):
        return sittings
    time = shared.mention.entries[0]
    return [s if s.entry.date is None or s.entry.start_min is not None
            else _Sitting(time.timed(s.entry.date, s.entry.end_date), [*s.parts, shared])
            for s in sittings]


def _weekday_of_all(mention: Mention, dates: set[dt.date | None]) -> bool:
    """"Every Tuesday 10:00-12:00" over a list of Tuesdays: a weekday and a time said
    of every date in the list, as a time alone would be."""
    weekday = mention.entries[0].date if mention.weekday_only and mention.entries else None
    return weekday is not None and bool(dates) and all(
        d is not None and d.weekday() == weekday.weekday() for d in dates)


_TIME_KEY = regex.compile(r"\b(?:times?|when)\b", regex.IGNORECASE)
_AFTER_TIME = regex.compile(r"[ \t]*[(\[,\-–—]?[ \t]*")


def _stands_apart(ctx: Context, placed: _Placed) -> bool:
    """A time said of the whole list, not of something else on its line.

    A ``Time:`` line; a time that is its own item ("Monthly forum, 12:30-13:30",
    "| 10:00-11:00 |"); "all"/"each" right before or after it ("(all 12:30-13:30",
    "14:00-15:00 (each session)"); or a lead-in ending in a colon ("Sessions run
    10:00-11:30 on:"). "The building opens at 9:00 for all visitors" is none.
    """
    key = (placed.block.key or "") if placed.block is not None \
        and placed.block.kind == "key_value" else ""
    if _TIME_KEY.search(key):
        return True
    clause = placed.clause[-40:]
    if not any(ch.isalpha() for ch in clause) or _cue("shared_time").search(clause):
        return True
    text = ctx.doc.text
    line_end = text.find("\n", placed.mention.end)
    line_end = len(text) if line_end < 0 else line_end
    after = _AFTER_TIME.match(text, placed.mention.end, line_end).end()
    if _cue("shared_time").match(text[after:min(line_end, after + 40)]):
        return True
    return text[placed.mention.end:line_end].rstrip().endswith(":") \
        and len(text[placed.mention.end:line_end].strip()) <= 10


def _times_nearby(ctx: Context, chosen: list[_Sitting],
                  placed: list[_Placed]) -> list[_Sitting]:
    """Dates without times take a time said in the prose right after the date
    ("Thursday 5 March 2026. Doors open 6pm, talk starts 6.30pm.")."""
    text = ctx.doc.text
    date_end = max(p.mention.end for s in chosen for p in s.parts)
    for p in placed:
        mention = p.mention
        if mention.start < date_end or mention.has_date or not mention.has_time:
            continue
        between = text[date_end:mention.start]
        if len(between) > _NEARBY or "\n\n" in between:
            break
        entry = mention.entries[0]
        return [_Sitting(entry.timed(s.entry.date, s.entry.end_date), [*s.parts, p])
                for s in chosen]
    return chosen


def _each_day(sittings: list[_Sitting]) -> list[_Sitting]:
    """A range of days ("2-4 March 2026, 9:30-16:00") is a sitting on each day."""
    out: list[_Sitting] = []
    for sitting in sittings:
        entry = sitting.entry
        days = (entry.end_date - entry.date).days if entry.end_date and entry.date else 0
        if not 0 < days <= MAX_DAYS or not any(
                a.kind == "drange" for p in sitting.parts for a in p.mention.atoms):
            out.append(sitting)
            continue
        for offset in range(days + 1):
            day = entry.date + dt.timedelta(days=offset) if entry.date else None
            out.append(_Sitting(entry.timed(day), sitting.parts))
    return out


def _date_before_time(usable: list[_Placed]) -> list[_Placed]:
    """"Time: 10:00-12:00" then "Date: 3 March 2026": read the date first."""
    out = list(usable)
    for index in range(len(out) - 1):
        first, second = out[index].mention, out[index + 1].mention
        if (first.has_time and not first.has_date
                and second.has_date and not second.has_time and not second.weekday_only):
            out[index], out[index + 1] = out[index + 1], out[index]
        if out[index].mention.has_date:
            break  # a date read: no later time moves before its date
    return out


def _ends_previous(placed: _Placed, so_far: list[_Sitting]) -> bool:
    """ "Start: 10:00" then "Finish: 12:30": the second time ends the sitting before it."""
    key = (placed.block.key or "") if placed.block is not None else ""
    entry = placed.mention.entries[0]
    if not so_far or entry.end_min is not None or not (
            _END_KEY.search(key) or _END_KEY.search(placed.clause[-25:]) or placed.closes):
        return False
    last = so_far[-1].entry
    if last.start_min is None or last.end_min is not None:
        return False
    last.end_min = entry.start_min
    so_far[-1].parts.append(placed)
    return True


def _dated_range_before(pending: _Placed | None, so_far: list[_Sitting]) -> bool:
    """The last sitting is a date with its own range ("Tuesday 16 June 2026, 09:30 - 16:00"):
    the times of a programme after it are its items."""
    if pending is not None or not so_far:
        return False
    last = so_far[-1].entry
    return last.date is not None and last.start_min is not None and last.end_min is not None


def _agenda_item(mention: Mention, so_far: list[_Sitting]) -> bool:
    """A time after a date already has its times: a programme item, not another sitting.

    Another sitting on the same day is a range of its own that does not fall
    inside the ones already found (a morning and an afternoon repeat).
    """
    for entry in mention.entries:
        if entry.end_min is None or entry.start_min is None:
            return True
        for sitting in so_far:
            earlier = sitting.entry
            if earlier.start_min is not None and earlier.end_min is not None and (
                    earlier.start_min <= entry.start_min < earlier.end_min):
                return True
    return False


def _fill_ends(ctx: Context, chosen: list[_Sitting], placed: list[_Placed]) -> None:
    """A start without an end takes one from elsewhere in the text.

    First a range that starts at the same time ("Time: 3:30" + "from 3:30 to
    5:00"), then an end cue after a mention of that start ("begin at 3:30 and run
    until around 5:00"), then a range on a schedule line starting within a
    quarter of an hour of it (a sign-in time and the talk's own range).
    Each source is read once, not once per sitting: a programme of hundreds of
    timed rows stays linear.
    """
    if not any(s.entry.start_min is not None and s.entry.end_min is None for s in chosen):
        return  # every sitting has its end, or no start to take one
    ranges = _ranges(placed)
    by_start: dict[int | None, list[Entry]] = {}
    for _, other in ranges:
        by_start.setdefault(other.start_min, []).append(other)
    on_schedule = [other for p, other in ranges if p.tier == SCHEDULE]
    cued = _cued_ends(ctx, placed)
    for sitting in chosen:
        entry = sitting.entry
        if entry.start_min is None or entry.end_min is not None:
            continue
        entry.end_min = (_same_start_range(entry, by_start) or cued.get(entry.start_min)
                         or _near_start_range(entry, on_schedule))


def _ranges(placed: list[_Placed]) -> list[tuple[_Placed, Entry]]:
    return [(p, Entry(None, None, e.start_min, e.end_min) if p.mention.weekday_only else e)
            for p in placed if p.section != "agenda" for e in p.mention.entries
            if e.start_min is not None and e.end_min is not None]


def _same_start_range(entry: Entry, by_start: dict[int | None, list[Entry]]) -> int | None:
    for other in by_start.get(entry.start_min, ()):
        if other.date in (None, entry.date):
            return other.end_min
    return None


def _near_start_range(entry: Entry, on_schedule: list[Entry]) -> int | None:
    assert entry.start_min is not None
    for other in on_schedule:
        if other.date in (None, entry.date) and other.start_min is not None \
                and abs(other.start_min - entry.start_min) <= 15:
            return other.end_min
    return None


def _cued_ends(ctx: Context, placed: list[_Placed]) -> dict[int, int]:
    """Start -> the end an end cue gives it: the first mention of a start alone followed,
    in the same paragraph, by "until"/"finishing at" and a later time of the same day."""
    text = ctx.doc.text
    ends: dict[int, int] = {}
    for index, p in enumerate(placed[:-1]):
        if not p.mention.has_time:
            continue  # no start (a start is a time)
        starts = {e.start_min for e in p.mention.entries
                  if e.start_min is not None and e.end_min is None} - ends.keys()
        if not starts:
            continue
        after = placed[index + 1]
        between = text[p.mention.end:after.mention.start]
        if len(between) > 100 or "\n\n" in between or not _END_CUE.search(between):
            continue
        for start in sorted(starts):
            for e in after.mention.entries:
                if e.date is None and e.start_min is not None and e.end_min is None and \
                        0 < e.start_min - start <= 300:
                    ends[start] = e.start_min
                    break
    return ends


def _unique(chosen: list[_Sitting]) -> list[_Sitting]:
    """Each sitting once; an untimed or undated copy of a fuller one is dropped."""
    if len(chosen) < 2:
        return chosen  # (one sitting is no copy of another)
    keys = [(s.entry.date, s.entry.start_min, s.entry.end_min) for s in chosen]
    timed_dates = {date for date, start, _ in keys if start is not None}
    dated_starts = {start for date, start, _ in keys if date is not None}
    ended = {(date, start) for date, start, end in keys if end is not None}
    out: list[_Sitting] = []
    seen: set[tuple[object, ...]] = set()
    for sitting, key in zip(chosen, keys, strict=True):
        date, start, end = key
        if key in seen or (start is None and date in timed_dates) \
                or (date is None and start is not None and start in dated_starts) \
                or (end is None and (date, start) in ended):
            continue
        seen.add(key)
        out.append(sitting)
    return out


def _flag_weekdays(ctx: Context, placed: list[_Placed]) -> None:
    flagged: set[int] = set()
    for p in placed:
        if not p.mention.weekdays:
            continue
        for w in p.mention.mismatches:
            if w.start in flagged:
                continue
            flagged.add(w.start)
            ctx.flag("weekday-mismatch",
                     f"{ctx.text(w.start, w.end)} does not match {w.date.isoformat()}, "
                     f"a {calendar.day_name[w.date.weekday()]}", w.start, w.end)
