"""The shapes of dates and times: regexes that find *atoms* in a text.

An atom is one date (``16 March 2026``, ``16/03/2026``, ``Tues 3 Mar``), a range
or list of days written as one phrase (``July 13-15``, ``4 and 5 March``), a clock
time (``10am``, ``3:30``, ``noon``, ``half past seven``), a time range
(``9.30 to 4pm``), a duration (``90 minutes``) or a zone name (``GMT``).
``combine.py`` joins neighbouring atoms into mentions and gives them values.

Every pattern is a chain of bounded pieces with no nested repetition, so matching
stays linear in the length of the text (a 1 MB line is read in one pass per pattern).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TypeAlias

import regex

from eventparse.when import lexicon

FLAGS = regex.VERSION0
"""No IGNORECASE: the patterns are in lower case and read text lowered to it (``atoms.lowered``)."""


DASH_CHARS = "→-–—‐"
"""The characters a dash may be written with (and "->", which opens with one)."""
DASH = "(?:->|" + "|".join(DASH_CHARS) + ")"
"""What joins the two ends of a range of days or times ("13-15 July", "2:00 PM → 3:30 PM")."""
RANGE_WORDS = r"(?:to|till|til|until|untill|thru|through)"
"""The words that do ("10am to noon")."""


Pattern: TypeAlias = re.Pattern[str] | regex.Pattern[str]
Match: TypeAlias = re.Match[str] | regex.Match[str]


def _compile(pattern: str) -> regex.Pattern[str]:
    """Compile with white space that never crosses a line: a date or time is on one line."""
    return regex.compile(_one_line(pattern), FLAGS)


def _compile_plain(pattern: str) -> re.Pattern[str]:
    """As ``_compile``, with the standard ``re`` engine, for a pattern that needs nothing
    of regex's (no repeated group names, no captures, fixed-width lookbehinds). Measured
    on the seminars, the forms that open with a word run 2-3x faster there: its cost at
    each position does not grow with the pattern's size as regex's does. Forms that open
    with digits stay with regex, which skips ahead to a digit faster."""
    return re.compile(_one_line(pattern))


def _one_line(pattern: str) -> str:
    one_line = pattern.replace(r"[\s-]", "[ \t\xa0-]").replace(r"[-\s]", "[- \t\xa0]")
    return one_line.replace(r"\s", "[ \t\xa0]")


@dataclass
class DateSpec:
    """A date as written: any part may be missing (resolved later against the reference)."""

    y: int | None = None
    m: int | None = None
    d: int | None = None
    wd: int | None = None
    wd_span: tuple[int, int] | None = None
    two_digit_year: bool = False
    nth: int | None = None
    """For "the first Tuesday of October": which weekday of the month (-1: last)."""
    numeric: tuple[int, int] | None = None
    """Both numbers of a numeric day/month date, to read day- or month-first later."""
    bare_numeric: bool = False
    """Written as two numbers only ("2/14"): in running text that may be a room or a score."""


@dataclass
class Clock:
    """A clock time as written; ``mer`` is am/pm, ``part`` a part of the day."""

    h: int
    mi: int = 0
    mer: str | None = None
    part: str | None = None
    fixed: bool = False
    """Written so that it needs no am/pm (13:00, 09:30, noon)."""


@dataclass
class Atom:
    kind: str  # date, drange, dlist, time, trange, dur, zone
    start: int
    end: int
    dates: list[DateSpec] = field(default_factory=list)
    times: list[Clock] = field(default_factory=list)
    minutes: int | None = None
    days: int | None = None
    offset: str | None = None
    lead: str = ""
    """A range's opening word (from, between): "between 4 and 5" is a range, "4 and 5" a list."""
    zone: str = ""
    """The zone name written after a time or as a zone atom ("et", "gmt"), lower case."""


# --- shared pieces -------------------------------------------------------------------------

def _w(alternation: str) -> str:
    return rf"(?<![a-z])(?:{alternation})(?![a-z])"


@cache
def _pieces() -> dict[str, str]:
    mon = _w(lexicon.month_words())
    wd = _w(lexicon.weekday_words())
    dayw = _w(lexicon.day_words())
    dnum = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
    year = rf"(?:(?P<y>(?:1\d|20)\d\d)(?![\d])(?![:.]\d)|(?P<yw>{lexicon.year_words()})(?![a-z]))"
    yearpart = (rf"(?:(?:\s*,\s*|\s+|\s*[-/]\s*)(?:(?:of|in)\s+)?{year}"
                rf"|\s*(?:[-/]|\s+of\s+|,?\s*')\s*(?P<yy>\d\d)(?![\d:.]))")
    not_time = r"(?!\s*(?:[-–:./]\s*\d(?!\d{3})|h\b|h\d|[ap]\.?\s?m\b|[ap]\b|o['’]?\s?clock|ish\b))"
    return {
        "mon": rf"(?P<mon>{mon})\.?",
        "wd": rf"(?P<wd>{wd})\.?",
        "day": rf"(?P<d>{dnum}|{dayw})",
        "dnum": dnum,
        "dayw": dayw,
        "year": year,
        "yearpart": yearpart,
        "not_time": not_time,
        "rsep": rf"(?:\s*{DASH}\s*|\s+{RANGE_WORDS}\s+)",
        "andsep": r"(?:\s*,?\s*(?:and|&)\s*)",
    }


# The date forms that run faster in re (see _compile_plain); the others need regex or
# open with digits.
_PLAIN_FORMS = {"day_month", "month_day", "nth_weekday", "weekday_day", "weekday"}


@cache
def date_patterns() -> list[tuple[str, Pattern]]:
    p = _pieces()
    mon, wd, day, yearpart, not_time = p["mon"], p["wd"], p["day"], p["yearpart"], p["not_time"]
    wd_lead = rf"(?:{wd},?\s+(?:the\s+)?)?"
    weekdays = lexicon.weekday_words()
    every = (rf"(?:(?:every|each)\s+(?P<wd>{weekdays})(?![a-z])"
             rf"|(?P<wd>{weekdays})(?<=day)s(?![a-z]))")
    forms = {
        # 16 March 2026, Monday, 16 March 2026, 3rd of March, 18-Nov-94, 14april 2015
        "day_month": rf"{wd_lead}(?:the\s+)?{day}(?:\s+day)?(?:\s+of\s+|\s*[-/.]\s*|\s*){mon}"
                     rf"(?:{yearpart})?",
        # March 16, 2026; Tue May 9; Dec31 , 1994; May/22(Tue); September the twenty-first
        "month_day": rf"(?:{wd},?\s+)?{mon}(?:\s*,\s*|\s+the\s+|\s*[-/]\s*|\s*){day}"
                     rf"{not_time}(?:\s*\(\s*(?P<wd2>{_w(lexicon.weekday_words())})\s*\))?"
                     rf"(?:(?:\s*,\s*|\s+|\s*[-/]\s*)(?:(?:of|in)\s+)?{p['year']}"
                     rf"|\s*,?\s*'\s*(?P<yy>\d\d)(?!\d))?",
        # 2026-03-16, 2019/aug/01
        "year_first": rf"(?<![\d.])(?P<y>(?:1\d|20)\d\d)\s*(?P<sep>[-/.])\s*"
                      rf"(?:(?P<mn>1[0-2]|0?[1-9])|{mon})\s*(?P=sep)\s*(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)",
        "year_month_day": rf"(?<![\d.])(?P<y>(?:1\d|20)\d\d),?\s+{mon},?\s+"
                          rf"(?P<d>{p['dnum']}|{p['dayw']})",
        "month_year_day": rf"{mon}-(?P<y>(?:1\d|20)\d\d)-(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)",
        "day_year_month": rf"(?<!\d)(?P<d>3[01]|[12]\d|0?[1-9])-(?P<y>(?:1\d|20)\d\d)-{mon}",
        # 16/03/2026, 03/18/40, 11.02.2026, 15/2, 08/12,2015
        "numeric": r"(?<![\d/.:,])(?P<a>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<b>\d{1,2})"
                   r"(?:(?:\s*(?P=sep)\s*|\s*,\s*)(?P<ny>\d{4}|\d{2}))?(?!\d|[/:]\d|\.\d)",
        "numeric_spaced": r"(?<![\d/.:])(?P<a>\d{1,2}) (?P<b>\d{1,2}) (?P<ny>\d{4})(?!\d)",
        "compact": r"(?<![\d/.:-])(?P<y>(?:19|20)\d\d)(?P<mn>0[1-9]|1[0-2])"
                   r"(?P<d>0[1-9]|[12]\d|3[01])(?![\d])",
        # the first Tuesday of October 2014
        "nth_weekday": rf"(?:the\s+)?(?P<nth>{lexicon.word_trie(list(lexicon.week_ordinals()))})"
                       rf"\s+{wd}\s+(?:of|in)\s+{mon}(?:\s*,?\s*{p['year']})?",
        # Monday 21, Friday the 22nd
        "weekday_day": rf"{wd},?\s+(?:the\s+)?(?P<d>{p['dnum']}|{p['dayw']}){not_time}",
        # the 15th, on the first
        "day_only": rf"(?<![a-z])the\s+(?P<d>{p['dnum']}|{p['dayw']}){not_time}",
        "weekday": rf"(?<![a-z]){wd}",
        # every Tuesday in March 2026, Mondays from 4 May to 1 June 2026
        "every_weekday": rf"{every},?\s+(?:(?:in|of|during|throughout)\s+{mon}"
                         rf"(?:\s*,?\s*{p['year']})?|(?:from\s+)?(?:the\s+)?(?P<d1>{p['dnum']})(?:\s+of)?"
                         rf"(?:\s+(?P<mon1>{_w(lexicon.month_words())})\.?)?{p['rsep']}(?:the\s+)?"
                         rf"{day}(?:\s+of)?\s+{mon}(?:{yearpart})?"
                         # Mondays from May 4 to June 1, 2026; every Tuesday May 5 - 26
                         rf"|(?:from\s+)?(?P<mon1>{_w(lexicon.month_words())})\.?\s+"
                         rf"(?P<d1>{p['dnum']}){p['rsep']}(?:{mon}\s+)?(?P<d>{p['dnum']}){not_time}"
                         rf"(?:(?:\s*,\s*|\s+){p['year']})?)",
    }
    return [(name, (_compile_plain if name in _PLAIN_FORMS else _compile)(
        rf"(?<![a-z0-9])(?:{pattern})")) for name, pattern in forms.items()]


@cache
def form_openings() -> dict[str, re.Pattern[str]]:
    """Where a match of some date forms can start (a superset, for lowered text).

    These forms run in regex, whose cost at each position grows with the pattern's
    size; atoms.py tries them only where their opening is, which a small re pattern
    finds fast: "every" or "each", or a weekday in the plural. (The forms that open
    with digits are cheaper scanned: regex skips ahead to a digit fast, and mail
    headers hold many.)
    """
    return {
        "every_weekday": re.compile(
            r"(?<![a-z0-9])(?:(?:every|each)[ \t\xa0]|[a-z]+days(?![a-z]))"),
    }


FORM_WORDS: dict[str, tuple[str, ...]] = {"every_weekday": ("every", "each", "days")}
"""Words one of which every match of a form holds (lower case): a window with none of
them is not scanned for that form."""


def _list_pieces() -> tuple[str, str, str]:
    """A list of days' pieces: a weekday before a day, a day, the separator between days."""
    p = _pieces()
    return (rf"(?:(?P<wd>{_w(lexicon.weekday_words())})\.?,?\s+(?:the\s+)?)?",
            rf"(?P<d>{p['dnum']}|{p['dayw']})",
            rf"(?P<sep>{p['rsep']}|{p['andsep']}|\s*,\s*)")


@cache
def range_patterns() -> list[tuple[str, regex.Pattern[str]]]:
    """Days written as one phrase: 13-15 July, July 13 thru 15, Wednesday 4 and Thursday 5 March."""
    p = _pieces()
    wd, d, sep = _list_pieces()
    lead = r"(?:(?P<lead>from|between)\s+)?"
    forms = {
        "days_month": rf"{lead}(?:the\s+)?{wd}{d}(?:{sep}(?:the\s+)?{wd}{d}){{1,6}}"
                      rf"(?:\s+day)?(?:\s+of\s+|\s*-\s*|\s*){p['mon']}(?:{p['yearpart']})?",
        "month_days": rf"{lead}{p['mon']}\s*(?:(?P<lead>between)\s+|the\s+)?(?:the\s+)?{d}"
                      rf"(?:{sep}(?:the\s+)?{d}){{1,6}}{p['not_time']}(?:{p['yearpart']})?",
        "day_to_month_day": rf"(?P<lead>from|between)\s+(?:the\s+)?{d}{p['rsep']}{p['mon']}\s+"
                            rf"(?:the\s+)?{d}(?:{p['yearpart']})?",
    }
    return [(name, _compile(rf"(?<![a-z0-9])(?:{pattern})")) for name, pattern in forms.items()]


@cache
def month_contexts() -> dict[str, tuple[re.Pattern[str] | None, re.Pattern[str] | None]]:
    """For the forms whose month (or weekday) word sits between fixed pieces: a pattern
    for what must end just before the word (searched up to it) and one for what must
    follow it (matched after it). atoms.py scans for such a form only near words that
    fit: a month in a mail header or in prose seldom stands after a list of days."""
    p = _pieces()
    wd, d, sep = (re.sub(r"\(\?P<\w+>", "(?:", piece) for piece in _list_pieces())  # unnamed
    day = rf"(?:\d|{p['dayw']})"
    return {
        # the list's last two days and what joins the last to the month
        "days_month": (_compile_plain(rf"{d}{sep}(?:the\s+)?{wd}{d}(?:\s+day)?"
                                      rf"(?:\s+of\s+|\s*-\s*|\s*)$"), None),
        "month_days": (None, _compile_plain(rf"\.?\s*(?:between\s+|the\s+)?(?:the\s+)?{day}")),
        "day_to_month_day": (_compile_plain(rf"{p['rsep']}$"),
                             _compile_plain(rf"\.?\s+(?:the\s+)?{day}")),
        "month_day": (None, _compile_plain(rf"\.?(?:\s*,\s*|\s+the\s+|\s*[-/]\s*|\s*){day}")),
        "weekday_day": (None, _compile_plain(rf"\.?,?\s+(?:the\s+)?{day}")),
        "nth_weekday": (_compile_plain(r"\s(?:of|in)\s+$"), None),
        # 2026 March 16; March-2026-16; 16-2026-March
        "year_month_day": (_compile_plain(r"(?:1\d|20)\d\d,?\s+$"),
                           _compile_plain(rf"\.?,?\s+{day}")),
        "month_year_day": (None, _compile_plain(r"\.?-(?:1\d|20)\d\d-\d")),
        "day_year_month": (_compile_plain(r"\d-(?:1\d|20)\d\d-$"), None),
    }


# --- clock times -------------------------------------------------------------------------

MER = r"(?:(?P<ap{s}>[ap])(?:\s?\.\s?|\s)?m(?![a-z])(?:\s?\.)?|(?<=\d)(?P<ap{s}>[ap])(?![a-z])\.?)"
HRS = r"(?:hrs|hours|hr|h)\.?(?![a-z])"
"""A 24-hour clock suffix after hours and minutes: "09:30hrs", "1430 hours", "16:30h"."""
PART = (r"(?:\s+(?:in\s+the\s+|at\s+|this\s+)?(?:early\s+|late\s+)?"
        r"(?P<part{s}>morning|afternoon|evening|night|lunch\s?time|midnight))")


@cache
def _time_side(s: str, strict: bool) -> str:
    """One clock time; group names carry the suffix ``s`` so two can share a pattern."""
    hw = _w(lexicon.hour_words())
    mw = _w(lexicon.minute_words())
    mer = MER.format(s=s)
    part = PART.format(s=s)
    h = r"(?:2[0-4]|[01]?\d)"
    rel = (rf"(?P<rel{s}>half|(?:a\s+)?quarter|three\s+quarters"
           rf"|\d{{1,2}}(?=\s+(?:(?:minutes?|mins?)\s+)?(?:past|after))"
           rf"|\d{{1,2}}(?=\s+to\s+(?:noon|midnight))|{mw})(?:\s+(?:minutes?|mins?))?\s+(?P<dir{s}>past|after|to|before)\s+"
           rf"(?P<rh{s}>{h}(?!\d)|{hw}|noon|midnight)")
    # a bare 1430 is a time only after words that announce one (years look the same)
    hmm_after = r"at|around|approximately|approx\.?|about|time:?|-|–"
    if not strict:
        hmm_after += r"|^|from|between|to|until|till|and"
    word = rf"(?P<hw{s}>{hw})(?:[\s-]+(?P<mw{s}>{mw}))?"
    cores = [
        rf"(?P<h{s}>{h})(?P<sep{s}>[:.])(?P<mi{s}>[0-5]\d)(?::[0-5]\d)?(?![\d]|\.\d)",
        rf"(?P<h{s}>{h})(?P<hsep{s}>h)(?P<mi{s}>[0-5]\d)?(?![a-z\d])",
        rf"(?P<hmm{s}>[01]?\d[0-5]\d)(?=\s?{MER.format(s='x' + s)})",
        rf"(?P<hmm{s}>[01]\d[0-5]\d|2[0-3][0-5]\d)(?<=(?:{hmm_after})\s*\d{{4}})(?!\d)",
        rel,
        rf"(?P<noon{s}>noon|midday|mid[-\s]?day)(?:ish)?",
        rf"(?P<mid{s}>mid[-\s]?night)",
        rf"12\s*(?P<noon{s}>noon)",
        rf"12\s*(?P<mid{s}>midnight)",
        rf"(?P<h{s}>{h})(?!\d)(?![/.]\d|-\d\d?-)",
        rf"(?P<hmm{s}>[01]\d[0-5]\d|2[0-3][0-5]\d)(?={HRS})",  # 0930hrs (not "1000 hours")
    ]
    if not strict:
        cores.insert(0, rf"(?<=\bat\s)(?P<h{s}>{h})\s(?P<mi{s}>[0-5]\d)(?!\d)")
        cores.insert(5, rf"half\s+(?P<half{s}>{hw}|1[0-2]|[1-9])(?![a-z\d])(?!\s*(?:an?\s|hour))")
        cores.insert(7, word)
    else:
        cores.insert(6, rf"{word}(?=\s*(?:o['’]?\s?clock|{MER.format(s='y' + s)}))")
    core = "|".join(cores)
    return (rf"(?:{core})(?:(?<=[:.h\d][0-5]\d)(?P<hrs{s}>\s?{HRS}))?"
            rf"(?P<oc{s}>\s*o['’]?\s?clock)?(?P<ish{s}>ish)?"
            rf"(?:(?:\s*|\.){mer})?{part}?")


CLOCK_OPENINGS = frozenset({
    # time_pattern's and time_range_pattern's part of the day and lead
    "early", "late", "in", "the", "morning", "afternoon", "evening", "night", "lunch",
    "lunchtime", "time", "at", "around", "about", "approximately", "approx", "for",
    "starting", "from", "begins", "starts", "between",
    # the first words of minutes that are no clock keys ("a quarter past", "thirty
    # five minutes past", "oh five past")
    "a", "thirty", "forty", "fifty", "o", "oh"})
"""The words a clock time or time range may open with before its first clock key (a
number, or a word such as "noon", "half" or "ten"), and "@": atoms.py tries a match
only at a key and at these words just before it. A word the patterns above may open
with must be here."""


@cache
def time_pattern(strict: bool) -> regex.Pattern[str]:
    side = _time_side("", strict)
    lead = (r"(?:(?P<pre>at|@|around|about|approximately|approx\.?|for|starting\s+at|from"
            r"|begins\s+at|starts\s+at)\s*)?")
    part_before = (r"(?:(?:early\s+|late\s+)?(?:in\s+the\s+)?(?P<partb>morning|afternoon|evening|"
                   r"night|lunch\s?time)\s+(?:at\s+|@\s*|for\s+)?)?")
    return _compile(rf"(?:(?<![\w:.,/])|(?<=\d\dt)){part_before}{lead}(?<![\d.]){side}")


@cache
def time_range_pattern(strict: bool) -> regex.Pattern[str]:
    a, b = _time_side("1", strict), _time_side("2", strict)
    return _compile(
        rf"(?<![\w:.,/])(?:(?:early\s+|late\s+)?(?:in\s+the\s+)?(?P<partb>morning|afternoon|evening)"
        rf"\s+)?(?:(?P<lead>from|between|around|about|approximately)\s+)?(?<![\d.]){a}"
        rf"(?P<sep>\s*{DASH}\s*|\s*\(\s*(?:-|–)\s*"
        rf"|\s+(?:to|till|til|until|untill|thru|through|and)(?:\s+|\s*\n\s*))"
        rf"(?:(?P<podb>in\s+the\s+(?:morning|afternoon|evening))\s+)?(?<![\d.]){b}")


@cache
def duration_pattern() -> re.Pattern[str]:
    count = _w(lexicon.word_trie([w for w, n in lexicon.number_words().items()
                                      if 1 <= n <= 99 and w not in ("oh",)]))
    n = rf"(?:\d{{1,3}}(?:\.\d)?|an?|half\s+an|{count})"
    return _compile_plain(
        rf"(?<![\w.])(?P<for>for\s+)?(?P<n>{n})\s*(?:-\s*)?(?P<unit>hours?|hrs?|minutes?|mins?|days?)"
        rf"(?:\s+(?:and\s+)?(?P<n2>\d{{1,2}}|{count})\s*(?:minutes?|mins?))?(?![a-z])")


@cache
def zone_pattern() -> re.Pattern[str]:
    return _compile_plain(
        rf"\(?\s*(?<![a-z])(?P<z>{lexicon.zone_words()})(?![a-z])"
        # "GMT+1", "UTC-05:00"; not "BST - 3:30 PM" (a range) or "BST -3:30pm"
        r"(?:\s?(?P<zo>[+-]\d{1,2})(?::?(?P<zm>\d\d))?(?![\d:.])(?!\s*[ap]\.?\s?m(?![a-z]))"
        r"(?:h(?![a-z]))?)?\s*\)?")


@cache
def titled_zone_word_pattern() -> re.Pattern[bytes]:
    """zone_word_pattern for an ASCII text as ``bytes.title()`` writes it, where a
    capital starts each word (atoms.title_cased): no look-back is needed."""
    words = lexicon.word_trie([word.title() for word in lexicon.zones()], lower=False)
    return re.compile(_one_line(rf"(?:{words})(?![a-z])").encode("latin-1"))


@cache
def zone_word_pattern() -> re.Pattern[str]:
    """A zone name alone: every zone_pattern match holds one (atoms.py scans near them)."""
    return _compile_plain(rf"(?:{lexicon.led_trie(list(lexicon.zones()), '[a-z]')})(?![a-z])")
