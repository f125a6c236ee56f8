"""Turn the grammar's regex matches into Atoms, and choose the atoms that cover a text best."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cache
from itertools import pairwise
from typing import Any, NamedTuple

import regex

from eventparse.when import lexicon
from eventparse.when.grammar import (
    CLOCK_OPENINGS,
    DASH,
    DASH_CHARS,
    FORM_WORDS,
    RANGE_WORDS,
    Atom,
    Clock,
    DateSpec,
    Match,
    Pattern,
    date_patterns,
    duration_pattern,
    form_openings,
    month_contexts,
    range_patterns,
    time_pattern,
    time_range_pattern,
    titled_zone_word_pattern,
    zone_pattern,
    zone_word_pattern,
)

# Month and weekday spellings that are also ordinary words: in running text
# (strict mode) they count only when capitalised ("May 5", not "you may 5").
_COMMON_WORDS = {"may", "mar", "sun", "sat", "wed", "jun", "jan", "dec", "tue", "thu", "fri",
                 "mon", "aug", "sept", "sep", "oct", "nov", "feb", "apr", "jul"}
_PHRASE_ONLY = {"day_only", "compact", "numeric_spaced"}


# Where a date or time can be: a digit, or the start of a month, weekday, number word
# or noon/midnight. The grammar runs only in windows around these. A run of digits is
# one anchor (its windows merge anyway). Each number word starts no other ("fourth" is
# "four"), so the trie ends every anchor where the word list did. A month or weekday
# is bounded as the grammar bounds it (by no letter: "14april"), so its whole words are
# anchors, and the month and weekday keys are read off them; a number word starts
# after no word character.
_ANCHOR_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct",
                  "nov", "dec", "mon", "tue", "tues", "wed", "weds", "thu", "thur", "thurs",
                  "fri", "sat", "sun"]
_ANCHOR_NUMBERS = ["noon", "mid", "one", "two", "three", "four", "five", "six", "seven", "eight",
                   "nine", "ten", "eleven", "twelve", "half", "quarter", "first", "second",
                   "third", "fifth", "ninth", "thirteen", "twenty", "thirty", "fifteen",
                   "forty", "fifty"]


# Letters and digits from the most to the least common in English text: the scan tries
# _ANCHOR's branches in this order.
_COMMONEST_FIRST = "etaoinshrdlcumwf0123456789gypbvkjxqz"


def _anchor_source(titled: bool) -> str:
    """_ANCHOR's pattern, or with ``titled`` _ANCHOR_TITLED's: for an ASCII text as
    ``bytes.title()`` writes it, where the letters that start words, and only they, are
    capitals, so a month's first letter needs no look back and a number word's only for
    a digit or "_". There every branch opens with a character, which lets ``re`` skip,
    in C, every character no anchor starts with: the scan is tried only at the starts
    of words and at digits. In lower case a word branch reads two letters before it
    looks back for the start of a word: most of the letters it is tried at lie inside
    words, and fail at the second letter at no more cost than a character comparison.
    The commonest first characters come first."""
    branches = {digit: rf"{digit}[0-9]*" for digit in "0123456789"} if titled else {}
    look_backs = ("", r"(?<![0-9_]..)") if titled else (r"(?<![a-z]..)", r"(?<!\w..)")
    for letter in {word[0] for word in _ANCHOR_MONTHS + _ANCHOR_NUMBERS}:
        branches[letter] = ((letter.upper() if titled else letter)
                            + _after_first_letter(letter, *look_backs))
    ordered = [branches[first] for first in sorted(branches, key=_COMMONEST_FIRST.index)]
    return "|".join(ordered if titled else [r"\d\d*", *ordered])


def _after_first_letter(letter: str, month_not_after: str, number_not_after: str) -> str:
    """The rest of the month and number words that open with ``letter``: a month
    follows no letter and runs to the end of its word (a weekday or a month's whole
    name); a number word follows no word character. The look-backs given stand after
    the second letter."""
    months = [word[1:] for word in _ANCHOR_MONTHS if word[0] == letter]
    numbers = [word[1:] for word in _ANCHOR_NUMBERS if word[0] == letter]
    suffix = r"(?:[a-z]{0,6}day|uary|ruary|ch|il|e|y|ust|ember|ober)?(?![a-z])"
    seconds = sorted({word[0] for word in months + numbers}, key=_COMMONEST_FIRST.index)
    branches = []
    for second in seconds:
        month_rests = [word[1:] for word in months if word[0] == second]
        number_rests = [word[1:] for word in numbers if word[0] == second]
        rests = ([f"{month_not_after}{lexicon.word_trie(month_rests)}{suffix}"]
                 if month_rests else []) + (
                    [f"{number_not_after}{lexicon.word_trie(number_rests)}"]
                    if number_rests else [])
        branches.append(f"{second}(?:{'|'.join(rests)})")
    return f"(?:{'|'.join(branches)})"


_ANCHOR = re.compile(_anchor_source(titled=False))
_ANCHOR_TITLED = re.compile(_anchor_source(titled=True).encode("ascii"))
_BEFORE, _AFTER = 40, 60
MAX_SCAN = 150_000
"""At most this many characters of windows are read: an announcement has a few dozen
dates; a text with more candidate characters than this is read up to that point."""


class _Window(NamedTuple):
    start: int
    end: int
    anchors: list[tuple[int, int]]
    """The anchors the window was drawn around: its digit runs and number words among them."""


def windows(text: str, titled: bytes | None = None) -> list[_Window]:
    """Stretches of ``text`` (lower case) that may hold a date or time, merged, in
    order; ``titled`` is its ``title_cased`` when the caller has it."""
    found: list[_Window] = []
    total = 0
    length = len(text)
    start, end = -1, -_BEFORE - 1  # the first anchor opens a window
    anchors: list[tuple[int, int]] = []
    for anchor in _anchors(text, titled):
        if total > MAX_SCAN:
            # the last window is read to its end: the anchors in it are its keys
            if anchor[0] >= end:
                break
            anchors.append((anchor[0], min(anchor[1], end)))
            continue
        near_end = anchor[1] + _AFTER
        if near_end > length:
            near_end = length
        if anchor[0] - _BEFORE <= end:
            total += near_end - end
            end = near_end
        else:
            if anchors:
                found.append(_Window(start, end, anchors))
            start = anchor[0] - _BEFORE if anchor[0] > _BEFORE else 0
            total += near_end - start
            end, anchors = near_end, []
        anchors.append(anchor)
    if anchors:
        found.append(_Window(start, end, anchors))
    return found


def _anchors(text: str, titled: bytes | None) -> list[tuple[int, int]]:
    """Where the anchors of ``text`` (lower case; ``titled``: its ``title_cased``) are."""
    if titled is None:
        titled = title_cased(text)
    if titled is not None:
        return [m.span() for m in _ANCHOR_TITLED.finditer(titled)]
    return [m.span() for m in _ANCHOR.finditer(text)]


def title_cased(text: str) -> bytes | None:
    """An ASCII ``text`` as ``bytes.title()`` writes it, None for any other text: the
    capitals stand exactly at the starts of its words, which a pattern opening with
    a capital finds without trying the letters inside words."""
    return text.encode("ascii").title() if text.isascii() else None


def find_atoms(text: str, *, strict: bool) -> list[Atom]:
    """Every atom in ``text``, the overlaps settled so that atoms cover the most text."""
    found: list[Atom] = []
    folded = lowered(text)
    titled = title_cased(folded)
    for window in windows(folded, titled):
        found.extend(_atoms_in(text, folded, titled, window, strict))
    return _best_cover(found)


def lowered(text: str) -> str:
    """``text`` in lower case, character for character, as the grammar reads it.

    The patterns are written in lower case and run without IGNORECASE, which makes
    the regex engine much slower. ("İ" lowers to two characters: it stays as it is.)
    """
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


# What a window must contain for a duration to be worth looking for.
_DURATIONISH = re.compile(r"hour|hr|min|day")


@cache
def _forms_worth_running(strict: bool, has_month: bool, has_weekday: bool,
                         has_digit: bool) -> list[tuple[str, Pattern]]:
    """The date forms to run in a window: a form keyed to months or weekdays needs one
    in the window; the others a digit."""
    return [(name, pattern) for name, pattern in date_patterns()
            if _worth_running(name, strict, has_month, has_weekday, has_digit)]


def _worth_running(name: str, strict: bool, has_month: bool, has_weekday: bool,
                   has_digit: bool) -> bool:
    if strict and name in _PHRASE_ONLY:
        return False
    key = _KEY_REACH[name][0] if name in _KEY_REACH else None
    if key == "month":
        return has_month
    if key == "weekday":
        return has_weekday
    return has_digit or name == "day_only"


def _atoms_in(text: str, folded: str, titled: bytes | None, window: _Window,
              strict: bool) -> list[Atom]:
    """The atoms of one window; the patterns read ``folded`` (``titled``: its
    ``title_cased``), capitals are seen in ``text``."""
    found: list[Atom] = []
    pos, endpos = window.start, window.end
    spans = _KeyedSpans(folded, titled, window, strict)
    # the patterns that need a month or weekday scan only near its keys, so without
    # keys they find nothing
    has_month = spans.has("month")
    has_weekday = spans.has("weekday")
    has_digit = spans.has_digits()
    for name, pattern in _forms_worth_running(strict, has_month, has_weekday, has_digit):
        for m in spans.finditer(name, pattern):
            atom = _date_atom(name, m, strict, text)
            if atom is not None:
                found.append(atom)
    if has_month:
        for name, pattern in range_patterns():
            for m in spans.finditer(name, pattern):
                atom = _days_atom(name, m, strict, text)
                if atom is not None:
                    found.append(atom)
    if not spans.has_clockish():
        return found
    if spans.has("clock"):
        for m in spans.finditer("time", time_pattern(strict)):
            atom = _time_atom(m, strict)
            if atom is not None:
                found.append(atom)
        for m in spans.finditer("time_range", time_range_pattern(strict)):
            atom = _time_range_atom(m, strict)
            if atom is not None:
                found.append(atom)
    if _DURATIONISH.search(folded, pos, endpos) and spans.has("unit"):
        for m in spans.finditer("duration", duration_pattern()):
            found.append(duration_atom(m))
    if found:
        for m in spans.finditer("zone", zone_pattern()):
            found.append(_zone_atom(m))
    return found


# Patterns whose every match holds a key (a month, a weekday, a unit, a zone, a clock
# number or word) run only near their keys: (key, characters a match may reach before
# the key's start and after its end, lines it may run on past the key's own). No
# pattern reads across a line break but a time range ("2:00 to\n3:30"). Generous:
# "Wednesday the 4th, ..., Sunday the 10th of March" has seven days before its month.
# Sub-spans that meet are merged, so a scan meets the same matches as one over the
# whole window.
_KEY_REACH: dict[str, tuple[str, int, int, int]] = {
    "day_month": ("month", 100, 80, 0),
    "month_day": ("month", 40, 120, 0),
    "year_month_day": ("month", 40, 60, 0),
    "month_year_day": ("month", 20, 40, 0),
    "day_year_month": ("month", 40, 20, 0),
    "nth_weekday": ("month", 80, 80, 0),
    "days_month": ("month", 400, 80, 0),
    "month_days": ("month", 40, 400, 0),
    "day_to_month_day": ("month", 80, 100, 0),
    "every_weekday": ("month", 60, 60, 0),
    "weekday_day": ("weekday", 20, 80, 0),
    "weekday": ("weekday", 20, 40, 0),
    "duration": ("unit", 60, 40, 0),
    "zone": ("zone", 40, 40, 0),
    "time": ("clock", 100, 100, 0),
    "time_range": ("clock", 100, 240, 1),
}
# The date forms that open with a run of digits before a separator ("16/03",
# "2026-03-16"), and how long that run is: they are tried only at such runs (each run
# of digits is an anchor), not scanned over whole windows, which mail headers fill.
_SEPARATED_RUNS: dict[str, tuple[int, int]] = {"numeric": (1, 2), "year_first": (4, 4)}
_LONGEST_SEPARATED_RUN = max(longest for _, longest in _SEPARATED_RUNS.values())
_RUN_SEPARATOR = re.compile(r"[ \t\xa0]*[-/.]")
# The forms whose every match starts at one of their own keys, at a key of the kinds
# named, or at one of the words named just before a key of their own: they are tried
# only there, within their keys' reach, not at every character of it.
_OPENED_AT: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {
    "month_days": ((), frozenset({"from", "between"})),
    "month_day": (("weekday",), frozenset()),
    "month_year_day": ((), frozenset()),
}
_UNIT = re.compile(r"(?:hours?|hrs?|minutes?|mins?|days?)(?![a-z])")
# What follows the minutes that start a time ("25 past 4", grammar._time_side's rel).
_MINUTES_BEFORE = re.compile(
    r"\s+(?:(?:minutes?|mins?)\s+)?(?:past|after)|\s+to\s+(?:noon|midnight)")
# How a time side that opens with a word runs on in running text: noon or midnight,
# or a number word (with its minutes) before "o'clock" or am/pm, or minutes before
# "past" or "to" ("a quarter to", "twenty five minutes past"): grammar._time_side.
_WORD_SIDE = re.compile(
    r"noon|mid|[a-z]+(?:[\s-]+[a-z]+)?(?:\s+(?:minutes?|mins?))?"
    r"(?:\s*(?:o['’]?\s?c|[ap](?:\s?\.\s?|\s)?m(?![a-z]))|\s+(?:past|after|to|before)\s)")
# The words time_pattern's lead may end in with no space before the hours, and "T".
_GLUED_LEAD = re.compile(r"(?:at|around|about|approximately|approx|for|from|\dt)$")
# What every clock time holds: a run of digits or a clock word (below). A side's hours
# are at most 4 digits and never follow ":" or "." (the time patterns' lookbehinds), so
# runs of 5 or more digits (message ids, phone numbers) and runs after ":", ".", ","
# or "/" (minutes, seconds, addresses, versions) are no keys: the minutes of a time
# lie within reach of its hours. Keys are read off the anchors.
_CLOCK_WORD = re.compile(
    r"\b(?:noon|mid|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half"
    r"|quarter|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)")


@cache
def _keys() -> dict[str, Pattern]:
    # The grammar's own month and weekday words (whole words), matched at the anchors.
    return {"month": re.compile(rf"(?<![a-z])(?:{lexicon.month_words()})(?![a-z])"),
            "weekday": re.compile(rf"(?<![a-z])(?:{lexicon.weekday_words()})(?![a-z])"),
            "unit": _UNIT, "zone": zone_word_pattern()}


def _may_be_clock(text: str, start: int, end: int, strict: bool) -> bool:
    """Whether a clock key can hold a time side's first number.

    After a letter a side starts only when a lead word is glued to it. In running
    text (``strict``) a number is a time side only when marked after it (":30", "pm",
    "o'clock", "in the afternoon", a range's separator) or led before it ("at 3",
    "until 5", "evening 7"): room numbers, counts and years are no keys; and a number
    word only as ``_WORD_SIDE`` reads ("two or three" is none).
    """
    if not text[start].isdigit():
        return not strict or _WORD_SIDE.match(text, start) is not None
    if not _may_be_hours(text[start:end]) and (
            end - start > 2 or _MINUTES_BEFORE.match(text, end) is None):
        # a number past 24 starts a time only as the minutes of "25 past 4";
        # 3 or 4 digits are hours and minutes or no time ("5409", "1994")
        return False
    if start > 0 and text[start - 1].isalpha():
        # glued to a word only after a lead ("at3pm") or an ISO date's "T" ("16T10:30")
        return _GLUED_LEAD.search(text, max(0, start - 14), start) is not None
    if not strict:
        return True
    marked_after, led_before, *_ = _side_context()
    return (marked_after.match(text, end) is not None
            or led_before.search(text, max(0, start - 16), start) is not None)


def _may_be_hours(key: str) -> bool:
    """Whether a clock key can be a side's hours: a word, up to 24, or hours and
    minutes written as 3 or 4 digits (the grammar's ``h`` and ``hmm``)."""
    if not key.isdigit():
        return True
    if len(key) <= 2:
        return int(key) <= 24
    return int(key[:-2]) <= 23 and int(key[-2:]) <= 59


@cache
def _side_context() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str],
                             re.Pattern[str]]:
    """What may follow a time side's hours, what may lead them, and what joins a
    range's sides: a superset of what the grammar reads (it decides), for folded text.
    After: minutes, am/pm, o'clock, hours, "ish", a part of the day, minutes past or
    to, or a range's separator before a second side that starts like one. Before: a
    lead word, a part of the day, "half past", a label's colon, or a range's
    separator. Between: a range's separator, perhaps a part of the day ("in the
    evening"), and the start of a second side; and the same after a number, whose
    side reads no dash before the separator (minutes, am/pm, o'clock, a part of the
    day hold none), so "3-may-95" has no separator after its "3"."""
    sep = rf"(?:{DASH}|\(\s*{DASH}|(?:{RANGE_WORDS}|and)\s)"
    part = (r"(?:(?:in\s+the|at|this)\s+)?(?:(?:early|late)\s+)?"
            r"(?:morning|afternoon|evening|night|lunch|midnight)")
    second = (rf"(?:\d|noon|mid|half|quarter|a\s|{lexicon.hour_words()}"
              rf"|{lexicon.minute_words()})")
    after = re.compile(
        rf"[:.][0-5]\d(?::[0-5]\d)?(?!\d|\.\d)"
        rf"|h|\.?\s*(?:[ap](?![a-z])|[ap](?:\s?\.\s?|\s)?m(?![a-z])|o['’]?\s?c|ish"
        rf"|noon|mid|hrs?|hours|minutes?|mins?|past|after|to|before|{part}|{sep}\s*{second})")
    before = re.compile(
        rf"(?:at|around|about|approx|approximately|for|from|between|time|past|after|before"
        rf"|half|morning|afternoon|evening|night|{RANGE_WORDS}|and|[@:(]|{DASH})\.?\s*$")
    # matched from the end of the first side's last key: no line break before the separator
    joins = (rf"(?:{DASH}|\s(?:{RANGE_WORDS}|and)\s)\s*"
             rf"(?:in\s+the\s+(?:morning|afternoon|evening)\s+)?{second}")
    between = re.compile(rf"[^\n]*?{joins}")
    between_after_number = re.compile(rf"[^\n{re.escape(DASH_CHARS)}]*?{joins}")
    return after, before, between, between_after_number


class _KeyLines(NamedTuple):
    start: int
    end: int
    line_start: int
    """Where the key's line starts (not before the window)."""
    next_break: int
    """The index, among the window's line breaks, of the first one after the key."""


_NEWLINE = re.compile("\n")


class _KeyedSpans:
    """The stretches of one window near each kind of key, found once per window."""

    def __init__(self, text: str, titled: bytes | None, window: _Window, strict: bool) -> None:
        self.text, self.pos, self.endpos, self.strict = text, window.start, window.end, strict
        self.titled = titled
        self.anchors = window.anchors
        self._lines: dict[str, list[_KeyLines]] = {}
        self._breaks: list[int] | None = None
        self._runs_before_separator: list[tuple[int, int]] | None = None

    def has_digits(self) -> bool:
        """Whether the window holds a digit (every run of digits is an anchor)."""
        return any(self.text[start].isdigit() for start, _ in self.anchors)

    def has_clockish(self) -> bool:
        """Whether the window holds a digit or a clock word: a clock time holds one."""
        return any(self.text[start].isdigit() or _CLOCK_WORD.match(self.text, start)
                   for start, _ in self.anchors)

    def _clock_keys(self) -> Iterator[tuple[int, int]]:
        """The clock keys among the anchors: runs of up to 4 digits not after ":", ".",
        "," or "/" (see _CLOCK_WORD), and clock words."""
        text = self.text
        for start, end in self.anchors:
            if text[start].isdigit():
                if end - start <= 4 and (start == 0 or text[start - 1] not in ".:,/"):
                    yield start, end
            else:
                word = _CLOCK_WORD.match(text, start)
                if word is not None:
                    yield start, word.end()

    def _word_keys(self, key: str) -> Iterator[tuple[int, int]]:
        """The month or weekday keys among the anchors (their whole words are anchors)."""
        text, pattern = self.text, _keys()[key]
        for start, _ in self.anchors:
            if text[start].isalpha():
                word = pattern.match(text, start)
                if word is not None:
                    yield word.span()

    def finditer(self, name: str, pattern: Pattern) -> Iterator[Match]:
        """``pattern``'s matches in the window, scanning only near its key when it has one."""
        reach = _KEY_REACH.get(name)
        if reach is None:
            if name in _SEPARATED_RUNS:
                yield from self._matched_at(pattern, self._separated_runs(name),
                                            [(self.pos, self.endpos)])
            else:
                yield from self._scan(name, pattern, self.pos, self.endpos)
            return
        words = FORM_WORDS.get(name)
        if words and not any(self.text.find(word, self.pos, self.endpos) >= 0 for word in words):
            return
        key, before, after, lines = reach
        keys = self._lines_of(key)
        context = month_contexts().get(name)
        if context is not None:
            keys = [near for near in keys if self._fits(near, context, before, after)]
        if name == "time_range":
            keys = self._ranged(keys)
        spans = self._near(keys, before, after, lines)
        if name in ("time", "time_range"):
            yield from self._matched_at_starts(pattern, keys, spans, before)
            return
        if name in _OPENED_AT:
            yield from self._matched_at(pattern, self._openings(name, keys), spans)
            return
        for start, end in spans:
            yield from self._scan(name, pattern, start, end)

    def _scan(self, name: str, pattern: Pattern, pos: int, endpos: int) -> Iterator[Match]:
        """``pattern.finditer`` over ``text[pos:endpos]``; for a form with a known
        opening (``grammar.form_openings``), tried only where an opening is."""
        text = self.text
        openings = form_openings().get(name)
        if openings is None:
            yield from pattern.finditer(text, pos, endpos)
            return
        yield from self._matched_at(
            pattern, [m.start() for m in openings.finditer(text, pos, endpos)], [(pos, endpos)])

    def _matched_at(self, pattern: Pattern, starts: list[int],
                    spans: list[tuple[int, int]]) -> Iterator[Match]:
        """The matches a scan of ``spans`` meets, when every match starts at one of
        ``starts`` (in order)."""
        text = self.text
        last_end = index = 0
        for start in starts:
            while index < len(spans) and spans[index][1] <= start:
                index += 1
            if index == len(spans):
                return
            span_start, span_end = spans[index]
            if start >= last_end and start >= span_start:
                m = pattern.match(text, start, span_end)
                if m is not None:
                    yield m
                    last_end = m.end()

    def _openings(self, name: str, keys: list[_KeyLines]) -> list[int]:
        """Where a form of ``_OPENED_AT`` may start, near ``keys``, in order."""
        kinds, words = _OPENED_AT[name]
        starts = [key.start for key in keys]
        for kind in kinds:
            starts += [key.start for key in self._lines_of(kind)]
        if words:
            for key in keys:
                start = _opening_before(self.text, key.line_start, key.start, words)
                if start is not None:
                    starts.append(start)
        return sorted(set(starts))

    def _separated_runs(self, name: str) -> list[int]:
        """Where the runs of digits that may open a form start (``_SEPARATED_RUNS``)."""
        if self._runs_before_separator is None:
            text, length = self.text, len(self.text)
            self._runs_before_separator = [
                (start, end) for start, end in self.anchors
                if end - start <= _LONGEST_SEPARATED_RUN and end < length
                and (text[end] in "-/." or (text[end] in " \t\xa0"
                                            and _RUN_SEPARATOR.match(text, end) is not None))
                and text[start].isdigit()]
        shortest, longest = _SEPARATED_RUNS[name]
        return [start for start, end in self._runs_before_separator
                if shortest <= end - start <= longest]

    def _matched_at_starts(self, pattern: Pattern, keys: list[_KeyLines],
                           spans: list[tuple[int, int]], before: int) -> Iterator[Match]:
        """The matches a scan of ``spans`` meets, tried only where one can start.

        A clock time or range opens at a clock key or at the opening words just before
        one (``grammar.CLOCK_OPENINGS``), on the key's line: matching at those places,
        in order, meets what a scan of every character meets, at a few calls per key.
        A range is scanned from its first side's last key; its first side may start
        at an earlier key within reach.
        """
        text = self.text
        every_key = self._lines_of("clock")
        key_starts = [key.start for key in every_key]
        last_end = self.pos
        span_index = 0
        for key in keys:
            if key.start < last_end:
                continue
            while spans[span_index][1] <= key.start:
                span_index += 1
            span_end = spans[span_index][1]
            low = max(last_end, key.line_start, key.start - before)
            first = bisect.bisect_left(key_starts, low)
            last = bisect.bisect_right(key_starts, key.start)
            for start in _opening_starts(text, low, key_starts[first:last]):
                if start < last_end:
                    continue
                m = pattern.match(text, start, span_end)
                if m is not None:
                    yield m
                    last_end = m.end()
                    if last_end > key.start:
                        break

    def has(self, key: str) -> bool:
        """Whether the window holds a key of this kind."""
        return bool(self._lines_of(key))

    def _ranged(self, keys: list[_KeyLines]) -> list[_KeyLines]:
        """The keys a time range is scanned near: its first side's last key, which holds
        its hours and has, on its line, a range separator and then the start of a
        second side before the next key's end (the separator is no key; the second
        side starts at that key or just before it). That key's reach covers the second
        side, so a key with no such separator after it (most digits in mail headers,
        "24-Jan-94", and second sides) needs no scan of its own."""
        *_, between, between_after_number = _side_context()
        text = self.text
        return [first for first, second in pairwise(keys)
                if _may_be_hours(text[first.start:first.end])
                and (between_after_number if text[first.start].isdigit() else between).match(
                    text, first.end, second.end) is not None]

    def _lines_of(self, key: str) -> list[_KeyLines]:
        """Each key of a kind with its line's start and its first line break after it,
        found once per window: every pattern near that kind of key reads them."""
        if key not in self._lines:
            text, pos = self.text, self.pos
            breaks = self._line_breaks()
            found = []
            keys = (self._clock_keys() if key == "clock"
                    else self._word_keys(key) if key in ("month", "weekday")
                    else self._scanned_keys(key))
            for key_start, key_end in keys:
                if key == "clock" and not _may_be_clock(text, key_start, key_end, self.strict):
                    continue
                before = bisect.bisect_left(breaks, key_start)
                line_start = breaks[before - 1] + 1 if before else pos
                found.append(_KeyLines(key_start, key_end, line_start,
                                       bisect.bisect_left(breaks, key_end, before)))
            self._lines[key] = found
        return self._lines[key]

    def _scanned_keys(self, key: str) -> Iterator[tuple[int, int]]:
        """The unit or zone keys of the window: zone names, whole words, are read in
        the title-cased text when there is one."""
        if key == "zone" and self.titled is not None:
            matches = titled_zone_word_pattern().finditer(self.titled, self.pos, self.endpos)
            return (m.span() for m in matches)
        return (m.span() for m in _keys()[key].finditer(self.text, self.pos, self.endpos))

    def _line_breaks(self) -> list[int]:
        if self._breaks is None:
            self._breaks = [m.start() for m in _NEWLINE.finditer(self.text, self.pos, self.endpos)]
        return self._breaks

    def _fits(self, near: _KeyLines, context: tuple[re.Pattern[str] | None,
                                                     re.Pattern[str] | None],
              before: int, after: int) -> bool:
        """Whether the text around a key is what a form needs there (within its reach)."""
        ends_before, starts_after = context
        return ((ends_before is None or ends_before.search(
                    self.text, max(near.line_start, near.start - before), near.start) is not None)
                and (starts_after is None or starts_after.match(
                    self.text, near.end, min(self.endpos, near.end + after)) is not None))

    def _near(self, keys: list[_KeyLines], before: int, after: int,
              lines: int) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        breaks = self._line_breaks()
        for near in keys:
            start = max(near.line_start, near.start - before)
            end = min(self.endpos, near.end + after)
            # up to and with the line break that ends the key's line (or the next
            # ``lines`` lines), when that many breaks lie within reach
            last = near.next_break + lines
            if last < len(breaks) and breaks[last] < end:
                end = breaks[last] + 1
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
            else:
                spans.append((start, end))
        return spans


def _opening_starts(text: str, low: int, key_starts: list[int]) -> list[int]:
    """Each key's start and the starts of the opening words just before it, in order."""
    starts: list[int] = []
    for key_start in key_starts:
        openings: list[int] = []
        end = key_start
        while True:
            start = _opening_before(text, low, end)
            if start is None:
                break
            openings.append(start)
            end = start
        starts.extend(reversed(openings))
        starts.append(key_start)
    return starts


def _opening_before(text: str, low: int, end: int,
                    words: frozenset[str] = CLOCK_OPENINGS) -> int | None:
    """Where the opening word ("at", "@", "approx.") that ends at ``end``, spaces
    aside, starts; None when the word before is none of ``words`` (or lies before
    ``low``)."""
    stop = end
    while stop > low and text[stop - 1] in " \t\xa0":
        stop -= 1
    if stop > low and text[stop - 1] == "@":
        return stop - 1
    word_end = stop - 1 if stop > low and text[stop - 1] == "." else stop
    start = word_end
    while start > low and text[start - 1].isalpha():
        start -= 1
    return start if start < word_end and text[start:word_end] in words else None


def _best_cover(atoms: list[Atom]) -> list[Atom]:
    """Weighted interval scheduling: the non-overlapping atoms covering the most characters.

    Each atom costs a little, so one long atom beats two short ones over the same text;
    on a tie the atom found first (dates before times) stays.
    """
    atoms = sorted(atoms, key=lambda a: (a.end, a.start))
    ends = [a.end for a in atoms]
    score = [0.0] * (len(atoms) + 1)
    took = [False] * len(atoms)
    before = [0] * len(atoms)
    for index, atom in enumerate(atoms):
        before[index] = bisect.bisect_right(ends, atom.start, 0, index)
        bonus = 3 if atom.kind in ("trange", "drange", "dlist") else 0
        take = score[before[index]] + (atom.end - atom.start) - 0.01 + bonus
        took[index] = take > score[index]
        score[index + 1] = take if took[index] else score[index]
    picked: list[Atom] = []
    position = len(atoms)
    while position > 0:
        if took[position - 1]:
            picked.append(atoms[position - 1])
            position = before[position - 1]
        else:
            position -= 1
    picked.reverse()
    return picked


# --- dates --------------------------------------------------------------------------------

def _number(text: str | None) -> int | None:
    if not text:
        return None
    digits = "".join(ch for ch in text if ch.isdigit())
    if digits:
        return int(digits)
    return lexicon.word_value(text)


def _month(word: str | None) -> int | None:
    if not word:
        return None
    return lexicon.month_numbers().get(word.lower().rstrip("."))


def _weekday(word: str | None) -> int | None:
    if not word:
        return None
    return lexicon.weekday_numbers().get(word.lower().rstrip("."))


def _groups(m: Match) -> dict[str, str | Any]:
    """``m.groupdict()``, built from ``m.groups()``: the regex module's own groupdict
    takes 12-20 us on the time patterns' dozens of groups, this about 1 us."""
    values = m.groups()
    return {name: values[index] for name, index in _group_slots(m.re)}


_SLOTS: dict[str, tuple[tuple[str, int], ...]] = {}


def _group_slots(pattern: Pattern) -> tuple[tuple[str, int], ...]:
    # keyed by the pattern's source: hashing an re.Pattern hashes its compiled code
    # (about 6 us for a form with the month names), a str's hash is kept
    slots = _SLOTS.get(pattern.pattern)
    if slots is None:
        slots = _SLOTS[pattern.pattern] = tuple(
            (name, number - 1) for name, number in pattern.groupindex.items())
    return slots


def _too_common(text: str, m: Match, group: str) -> bool:
    """A month or weekday written in lower case that is also an ordinary word ("may")."""
    start, end = m.span(group)
    word = text[start:end]
    return start >= 0 and word.islower() and word.rstrip(".") in _COMMON_WORDS


def _year(groups: dict[str, str | Any]) -> tuple[int | None, bool]:
    if groups.get("y"):
        return int(groups["y"]), False
    if groups.get("yw"):
        return lexicon.year_word_value(groups["yw"]), False
    if groups.get("yy"):
        return int(groups["yy"]), True
    return None, False


def _date_atom(name: str, m: Match, strict: bool, text: str) -> Atom | None:
    if name == "every_weekday":
        return _every_atom(m)
    groups = _groups(m)
    if strict and ((groups.get("mon") and _too_common(text, m, "mon"))
                   or (groups.get("wd") and _too_common(text, m, "wd"))):
        return None
    spec = DateSpec()
    if groups.get("wd"):
        spec.wd = _weekday(groups["wd"])
        spec.wd_span = m.span("wd")
    elif groups.get("wd2"):
        spec.wd = _weekday(groups["wd2"])
        spec.wd_span = m.span("wd2")
    if name in ("numeric", "numeric_spaced"):
        a, b = int(groups["a"]), int(groups["b"])
        ny = groups.get("ny")
        if not (1 <= a <= 31 and 1 <= b <= 31) or (a > 12 and b > 12):
            return None
        if ny is None and groups.get("sep") == "." and (
                strict or (len(groups["b"]) == 2 and (b > 12 or groups["b"] in ("00", "15", "30",
                                                                                  "45")))):
            return None  # 9.30 is a time
        if ny is None and strict and groups.get("sep") != "/":
            return None
        spec.numeric = (a, b)
        spec.bare_numeric = ny is None
        if ny is not None:
            spec.y, spec.two_digit_year = int(ny), len(ny) == 2
    else:
        spec.d = _number(groups.get("d"))
        spec.m = _month(groups.get("mon")) or (int(groups["mn"]) if groups.get("mn") else None)
        spec.y, spec.two_digit_year = _year(groups)
        if groups.get("nth"):
            spec.nth = lexicon.week_ordinals()[groups["nth"].lower()]
        if spec.d is not None and not 1 <= spec.d <= 31:
            return None
    if name == "weekday" and strict and m.group("wd").lower().rstrip(".") in ("sun", "sat"):
        return None
    return Atom("date", m.start(), m.end(), dates=[spec])


def _every_atom(m: regex.Match[str]) -> Atom:
    """"every Tuesday in March 2026": the weekday and the month, or the weekday and the
    first and last day ("Mondays from 4 May to 1 June"); rules.every_weekday lists the days."""
    weekday = DateSpec(wd=_weekday(m.group("wd")), wd_span=m.span("wd"))
    year, two_digit = _year(_groups(m))
    month = DateSpec(y=year, m=_month(m.group("mon")), two_digit_year=two_digit)
    if m.group("d1") is None:
        return Atom("dlist", m.start(), m.end(), dates=[weekday, month], lead="every")
    first = DateSpec(d=_number(m.group("d1")), m=_month(m.group("mon1")))
    month.d = _number(m.group("d"))
    month.m = month.m or first.m  # "May 5 - 26": the last day is in the first's month
    return Atom("dlist", m.start(), m.end(), dates=[weekday, first, month], lead="every")


def _days_atom(name: str, m: regex.Match[str], strict: bool, text: str) -> Atom | None:
    if strict and _too_common(text, m, "mon"):
        return None
    month = _month(m.group("mon"))
    year, two_digit = _year(_groups(m))
    days = [_number(d) for d in m.captures("d")]
    if any(d is None or not 1 <= d <= 31 for d in days):
        return None
    seps = [s.strip().lower() for s in m.captures("sep")] if "sep" in m.re.groupindex else ["to"]
    texts = m.captures("d")
    for index, sep in enumerate(seps):
        if sep in ("-", "–", "—") and index + 1 < len(texts) and (
                texts[index].isalpha() or texts[index + 1].isalpha()):
            return None  # "twenty-first" is one day
    lead = (m.group("lead") or "").lower()
    has_wd = "wd" in m.re.groupindex
    weekdays = dict(zip(m.starts("wd"), m.captures("wd"), strict=False)) if has_wd else {}
    wd_spans = list(zip(m.starts("wd"), m.ends("wd"), strict=False)) if has_wd else []
    day_starts = m.starts("d")
    specs = []
    for index, day in enumerate(days):
        spec = DateSpec(y=year, m=month, d=day, two_digit_year=two_digit)
        # a weekday written just before this day belongs to it
        before = [s for s in wd_spans if s[1] <= day_starts[index]
                  and (index == 0 or s[0] > day_starts[index - 1])]
        if before:
            spec.wd = _weekday(weekdays[before[-1][0]])
            spec.wd_span = before[-1]
        specs.append(spec)
    if name == "day_to_month_day":
        specs[0].m = None
    is_range = len(specs) == 2 and (seps[0] not in ("and", "&", ",", ", and")
                                    or lead == "between")
    if is_range:
        return Atom("drange", m.start(), m.end(), dates=specs, lead=lead)
    if any(s in ("-", "–", "—", "->", "→", "to", "till", "until", "thru", "through") for s in seps):
        return None
    return Atom("dlist", m.start(), m.end(), dates=specs, lead=lead)


# --- times --------------------------------------------------------------------------------

def _clock(g: dict[str, str | None], s: str) -> Clock | None:
    """The Clock of one time side (group suffix ``s``), or None when it is not a time."""
    ap = g.get(f"ap{s}")
    mer = ap.lower() + "m" if ap else None
    part = g.get(f"part{s}")
    part = lexicon.parts_of_day().get(" ".join(part.lower().split())) if part else None
    if g.get(f"noon{s}"):
        return Clock(12, 0, None, part, fixed=True)
    if g.get(f"mid{s}"):
        return Clock(0, 0, None, part, fixed=True)
    if g.get(f"rh{s}"):
        return _relative(g, s, mer, part)
    if g.get(f"half{s}"):
        hour = _number(g[f"half{s}"])
        return None if hour is None else Clock(hour, 30, mer, part)
    hour_word, minute_word = g.get(f"hw{s}"), g.get(f"mw{s}")
    if hour_word:
        hour = lexicon.word_value(hour_word)
        minute = lexicon.word_value(minute_word) if minute_word else 0
        if hour is None or minute is None or hour > 23:
            return None
        return Clock(hour, minute, mer, part, fixed=hour > 12)
    digits = g.get(f"hmm{s}")
    if digits:
        hour, minute = int(digits[:-2]), int(digits[-2:])
        if hour > 23 or minute > 59:
            return None
        return Clock(hour, minute, mer, part, fixed=len(digits) == 4 and mer is None)
    hour_text = g.get(f"h{s}")
    if hour_text is None:
        return None
    hour = int(hour_text)
    minute_text = g.get(f"mi{s}")
    minute = int(minute_text) if minute_text else 0
    if hour > 24 or (hour == 24 and minute) or (mer and not 0 <= hour <= 12):
        return None
    fixed = hour == 0 or hour > 12 or (len(hour_text) == 2 and hour_text.startswith("0")) or bool(
        g.get(f"hsep{s}"))
    return Clock(hour % 24, minute, mer, part, fixed=fixed)


def _relative(g: dict[str, str | None], s: str, mer: str | None, part: str | None) -> Clock | None:
    target = (g[f"rh{s}"] or "").lower()
    if target in ("noon", "midnight"):
        hour, fixed = (12 if target == "noon" else 0), True
    else:
        value = _number(target)
        if value is None:
            return None
        hour, fixed = value, value > 12
    rel = " ".join((g[f"rel{s}"] or "").lower().split())
    minutes = {"half": 30, "quarter": 15, "a quarter": 15, "three quarters": 45}.get(rel)
    if minutes is None:
        minutes = _number(rel)
    if minutes is None or minutes >= 60:
        return None
    if (g[f"dir{s}"] or "").lower() in ("to", "before"):
        total = (hour * 60 - minutes) % (24 * 60)
        return Clock(total // 60, total % 60, mer, part, fixed=fixed or hour == 0)
    return Clock(hour, minutes, mer, part, fixed=fixed)


def _marked(g: dict[str, str | None], s: str, clock: Clock) -> bool:
    """Whether a time side is written as a time on its own (not a bare number)."""
    return bool(clock.mer or clock.part or (clock.fixed and not g.get(f"hmm{s}"))
                or g.get(f"mi{s}") or g.get(f"oc{s}") or g.get(f"noon{s}") or g.get(f"mid{s}")
                or g.get(f"rh{s}") or g.get(f"half{s}") or g.get(f"mw{s}"))


def _bare(g: dict[str, str | None], s: str, clock: Clock) -> bool:
    """A number alone (no minutes, am/pm or o'clock), e.g. the 22 of "4-22"."""
    return not (clock.mer or clock.part or g.get(f"mi{s}") or g.get(f"oc{s}") or g.get(f"hsep{s}")
                or g.get(f"noon{s}") or g.get(f"mid{s}"))


def _time_atom(m: regex.Match[str], strict: bool) -> Atom | None:
    if len(m.group()) <= 2 and m.group().isdigit():
        return None  # a number alone is not a time
    g = _groups(m)
    clock = _clock(g, "")
    if clock is None:
        return None
    if g.get("partb"):
        clock.part = lexicon.parts_of_day().get(" ".join(g["partb"].lower().split()))
    pre = (g.get("pre") or "").lower()
    # 9.30 alone in running text: a time only after "at", "from"...
    if g.get("sep") == "." and not (clock.mer or clock.part) and strict and not pre:
        return None
    # a bare number is a time only after "at", "@", "around"...
    number_only = _bare(g, "", clock) and not (g.get("ish") or g.get("hmm") or g.get("hw")
                                               or g.get("rh") or g.get("half"))
    if number_only and (pre not in ("at", "@", "around", "about", "for", "approximately")
                        or (strict and (pre not in ("at", "@") or clock.h > 12))):
        return None  # in running text "at 3" is a time, "at 18" an age or a count
    if g.get("hw") and not (clock.mer or clock.part or g.get("oc") or g.get("mw") or pre):
        return None
    if g.get("hw") and strict and not (clock.mer or g.get("oc")):
        return None
    start = m.start("pre") if pre and pre not in ("at", "@", "for", "from") else m.start()
    if pre in ("at", "@", "for", "from") and not g.get("partb"):
        start = m.end("pre")
        while start < m.end() and m.string[start].isspace():
            start += 1
    return Atom("time", start, m.end(), times=[clock], lead=pre)


def _time_range_atom(m: regex.Match[str], strict: bool) -> Atom | None:
    g = _groups(m)
    first, second = _clock(g, "1"), _clock(g, "2")
    if first is None or second is None:
        return None
    lead = (g.get("lead") or "").lower()
    sep = (g.get("sep") or "").strip(" \t\n(").lower()
    if sep == "and" and lead != "between":
        return None
    dash = sep in ("-", "–", "—", "‐")
    if dash and (g.get("hw1") or g.get("hw2") or g.get("rel1") or g.get("rel2")):
        return None  # "twenty-three" is one number
    if sep == "to" and not lead and first.h > 12 and not first.mer and (
            g.get("noon2") or g.get("mid2") or (g.get("hw1") and not g.get("mw1"))):
        return None  # "15 to noon" is 11:45, "twenty to four" 3:40
    if g.get("partb"):
        part = lexicon.parts_of_day().get(g["partb"].lower())
        for clock in (first, second):
            clock.part = clock.part or part
    marked1 = _marked(g, "1", first) and not (first.fixed and _bare(g, "1", first))
    marked2 = _marked(g, "2", second) and not (second.fixed and _bare(g, "2", second))
    if g.get("podb"):
        second.part = lexicon.parts_of_day().get(g["podb"].split()[-1].lower())
    hmm = bool(g.get("hmm1") and g.get("hmm2"))
    if not (marked1 or marked2 or hmm) and (strict or (not lead and dash)):
        return None
    if lead in ("around", "about", "approximately"):
        lead = ""
    if strict and not (marked1 or marked2 or hmm):
        return None
    if (g.get("hw1") or g.get("hw2")) and strict and not (first.mer or second.mer):
        return None
    if strict and g.get("sep1") == "." and g.get("sep2") is None and not (first.mer or second.mer):
        return None
    start = m.start()
    if lead == "from" and not g.get("partb"):
        start = m.end("lead")
        while start < m.end() and m.string[start].isspace():
            start += 1
    return Atom("trange", start, m.end(), times=[first, second], lead=lead)


def duration_atom(m: Match) -> Atom:
    n_text = m.group("n").lower()
    if n_text in ("a", "an"):
        n = 1.0
    elif n_text.startswith("half"):
        n = 0.5
    elif n_text[0].isdigit():
        n = float(n_text)
    else:
        n = float(lexicon.word_value(n_text) or 0)
    unit = m.group("unit").lower()
    extra = _number(m.group("n2")) or 0
    if unit.startswith("d"):
        return Atom("dur", m.start(), m.end(), days=int(n), lead="for" if m.group("for") else "")
    minutes = int(n * 60) if unit.startswith("h") else int(n)
    return Atom("dur", m.start(), m.end(), minutes=minutes + extra,
                lead="for" if m.group("for") else "")


_LABEL_PLACE = regex.compile(r"[ \t]*(\p{L}+(?:[ \t]\p{L}+)?)")


def _zone_atom(m: Match) -> Atom:
    name = " ".join(m.group("z").lower().split())
    offset = lexicon.zones().get(name)
    zone = name
    if m.group("zo"):
        sign = "-" if m.group("zo").strip().startswith("-") else "+"
        hours = int(m.group("zo").strip("+- \t"))
        offset = f"{sign}{hours:02d}:{m.group('zm') or '00'}"
        zone = _labelled_place(m.string, m.end()) or name
    return Atom("zone", m.start(), m.end(), offset=offset, lead=name, zone=zone)


def _labelled_place(text: str, at: int) -> str | None:
    """A calendar's zone label names its place after the offset: "(UTC+00:00) Dublin,
    Edinburgh, Lisbon, London" is London's clock, summer time included."""
    place = _LABEL_PLACE.match(text, at, min(len(text), at + 40))
    if place is None:
        return None
    words = place.group(1).lower().split()
    for key in (" ".join(words), words[0]):
        if key in lexicon.zone_regions():
            return key
    return None
