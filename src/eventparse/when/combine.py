"""Join neighbouring atoms into mentions ("10:00 - 11:30" + "Monday, 16 March 2026") and
give each mention its values.

Joins, in order: a zone after a time; a duration with its start ("90 minutes from
10:00"); two dates around "to"/"-" (a range) or "and" (a list, or a range after
"between"); then a date and a time separated only by small words (",", "at", "on",
"from", "of", "morning"...) make one mention; two dated mentions around "to" make
a range over days; a time after a dated mention and "and" shares its date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import regex

from eventparse.when import lexicon, rules
from eventparse.when.atoms import find_atoms
from eventparse.when.grammar import DASH, RANGE_WORDS, Atom, Clock, DateSpec

MAX_GAP = 40
_JOIN_WORDS = ("at", "on", "from", "of", "between", r"in\s+the", "the", "early", "late",
               "morning", "afternoon", "evening", r"each\s+day", "daily", "starting", "starts",
               "start", "begins", "beginning", "time", "for", "session", "t")
"""The small words that may stand between a date and a time ("Monday at 10:00")."""
_JOIN = regex.compile(
    rf"[\s,;:|·•@()\[\]\-–—/]*(?:(?:{'|'.join(_JOIN_WORDS)})(?![a-z])[\s,;:|·•@()\[\]\-–—/]*)*",
    regex.IGNORECASE)
_JOIN_MARKS = " \t\r\f\v,;:|·•@()[]-–—/"
"""Characters of _JOIN's separator class (a gap holds no line break)."""
_ONE_WORD_JOINS = frozenset(word for word in _JOIN_WORDS if word.isalpha())


def _joins(gap: str) -> bool:
    """``_JOIN.fullmatch(gap)``: the commonest gaps (", ", " at ") are separators around
    at most one of the words, read with a set rather than the pattern."""
    word = gap.strip(_JOIN_MARKS)
    return not word or word.lower() in _ONE_WORD_JOINS or _JOIN.fullmatch(gap) is not None


_RANGE = regex.compile(rf"\s*(?:{DASH}|{RANGE_WORDS})\s*", regex.IGNORECASE)
_AND = regex.compile(r"\s*(?:,\s*)?(?:and|&)\s*|\s*,\s*", regex.IGNORECASE)
_FROM = regex.compile(r"\s*(?:from|starting(?:\s+at)?|beginning(?:\s+at)?)?\s*", regex.IGNORECASE)
_FOR = regex.compile(r"[\s,(]*(?:for|lasting|running\s+for|duration:?)?\s*", regex.IGNORECASE)
_LEAD = regex.compile(r"(?:between|from)\s*$", regex.IGNORECASE)
_DATE_KINDS = {"date", "drange", "dlist"}
_TIME_KINDS = {"time", "trange"}


@dataclass
class Weekday:
    """A weekday as written beside a date, and the date it sits beside."""

    start: int
    end: int
    written: int
    date: dt.date


@dataclass
class Entry:
    """One day (or range of days) of a mention, with its clock times."""

    date: dt.date | None = None
    end_date: dt.date | None = None
    start_min: int | None = None
    end_min: int | None = None
    utc_offset: str | None = None
    region: str | None = None
    """The IANA zone of a zone name that stands for a place's clock ("ET")."""

    def timed(self, date: dt.date | None, end_date: dt.date | None = None) -> Entry:
        """This entry's times (and zone) on another day."""
        return Entry(date, end_date, self.start_min, self.end_min, self.utc_offset, self.region)

    def as_dict(self) -> dict[str, str | None]:
        return {
            "date": self.date.isoformat() if self.date else None,
            "start_time": None if self.start_min is None else rules.clock_text(self.start_min),
            "end_time": None if self.end_min is None else rules.clock_text(self.end_min),
            "end_date": self.end_date.isoformat() if self.end_date else None,
            "utc_offset": self.utc_offset,
            "zone": self.region,
        }


@dataclass
class Mention:
    """A date/time mention in a text: its span, its values, and what it is made of."""

    start: int
    end: int
    entries: list[Entry]
    has_date: bool
    has_time: bool
    year_written: bool = False
    zone_named: bool = False
    weekday_only: bool = False
    bare_numeric: bool = False
    """The date is two numbers alone ("2/14"), no year or weekday beside them."""
    weekdays: list[Weekday] = field(default_factory=list)
    atoms: list[Atom] = field(default_factory=list)

    @property
    def mismatches(self) -> list[Weekday]:
        return [w for w in self.weekdays if w.date.weekday() != w.written]


@dataclass
class _Unit:
    start: int
    end: int
    date: Atom | None = None
    time: Atom | None = None
    atoms: list[Atom] = field(default_factory=list)
    end_unit: _Unit | None = None
    inherited: _Unit | None = None
    zone: Atom | None = None


def find_mentions(text: str, reference: dt.date, day_first: bool = True,
                  strict: bool = True) -> list[Mention]:
    """Every date/time mention in ``text``, in order.

    ``strict`` (for running text) asks more of a phrase before it counts: a
    capitalised "May", a number after "at" rather than alone. ``parse_when`` reads
    a single phrase with ``strict=False``.
    """
    atoms = _pair(text, find_atoms(text, strict=strict))
    units = _units(text, atoms)
    return [_mention(u, reference, day_first) for u in _link(text, units)]


def _lead_before(text: str, atom: Atom) -> str:
    if atom.lead:
        return atom.lead
    return "between" if _LEAD.search(text[max(0, atom.start - 12):atom.start]) else ""


def _pair(text: str, atoms: list[Atom]) -> list[Atom]:
    """Zones onto times, durations onto their start, two dates into a range or list."""
    out: list[Atom] = []
    last: Atom | None = None  # the last of out
    for atom in atoms:
        # the gap to the last, when within MAX_GAP and on one line
        if last is not None and atom.start - last.end <= MAX_GAP:
            gap = text[last.end:atom.start]
            if "\n" not in gap:
                merged = _merge(text, last, atom, gap)
                if merged is not None:
                    out[-1] = last = merged
                    continue
        out.append(atom)
        last = atom
    return out


def _merge(text: str, last: Atom, atom: Atom, gap: str) -> Atom | None:
    if atom.kind == "zone":
        if last.kind in _TIME_KINDS and not gap.strip(" \t("):
            last.offset, last.end, last.zone = atom.offset, atom.end, atom.zone
            last.lead = last.lead or "zone"
            last.days = -1  # marks "a zone was named"
            return last
        return None
    if last.kind == "time" and last.days == -1 and atom.kind == "time" and _RANGE.fullmatch(gap):
        # "2:00 PM (GMT) - 3:30 PM": the zone stands between the two ends of a range
        return Atom("trange", last.start, atom.end, times=[last.times[0], atom.times[0]],
                    offset=last.offset, days=-1, lead=last.lead, zone=last.zone)
    if atom.kind == "dur" and last.kind == "time" and atom.minutes is not None and (
            _FOR.fullmatch(gap)):
        return _timed(last, atom.minutes, last.start, atom.end)
    if last.kind == "dur" and atom.kind == "time" and last.minutes is not None and \
            _FROM.fullmatch(gap) and "from" in gap.lower():
        return _timed(atom, last.minutes, last.start, atom.end)
    if last.kind == "dur" and atom.kind == "date" and last.days and "from" in gap.lower():
        return _dayspan(atom, last.days, last.start, atom.end)
    if atom.kind == "dur" and last.kind == "date" and atom.days and (
            atom.lead == "for" or "for" in gap.lower()) and not gap.strip(" for"):
        return _dayspan(last, atom.days, last.start, atom.end)
    if atom.kind == "date" and last.kind == "date":
        first, second = last.dates[0], atom.dates[0]
        if first.d is None and first.m is None and first.wd is not None and second.wd is None \
                and (second.d is not None or second.numeric is not None) \
                and not gap.strip(" ,"):
            second.wd, second.wd_span = first.wd, first.wd_span
            return Atom("date", last.start, atom.end, dates=[second])
        if second.d is None and second.m is None and not _date_complete(first):
            return None
        if _RANGE.fullmatch(gap):
            return Atom("drange", last.start, atom.end, dates=[first, second])
        if _AND.fullmatch(gap) and second.d is not None and first.d is not None:
            if _lead_before(text, last) == "between" and gap.strip().lower() in ("and", "&"):
                return Atom("drange", last.start, atom.end, dates=[first, second])
            return Atom("dlist", last.start, atom.end, dates=[first, second])
    if atom.kind == "dlist" and last.kind == "date" and _AND.fullmatch(gap) \
            and last.dates[0].d is not None and atom.lead != "every":
        return Atom("dlist", last.start, atom.end, dates=[last.dates[0], *atom.dates])
    return None


def _date_complete(spec: DateSpec) -> bool:
    return spec.numeric is not None or (spec.d is not None and spec.m is not None)


def _timed(start: Atom, minutes: int, begin: int, end: int) -> Atom:
    clock = start.times[0]
    return Atom("trange", begin, end, times=[clock, Clock(-1, minutes)],
                offset=start.offset, days=start.days, lead="duration", zone=start.zone)


def _dayspan(start: Atom, days: int, begin: int, end: int) -> Atom:
    return Atom("drange", begin, end, dates=[start.dates[0], DateSpec(d=-days)], lead="days")


def _units(text: str, atoms: list[Atom]) -> list[_Unit]:
    units: list[_Unit] = []
    unit: _Unit | None = None  # the last of units
    for atom in atoms:
        kind = atom.kind
        gap = None  # to the last unit, when within MAX_GAP and on one line
        if unit is not None and atom.start - unit.end <= MAX_GAP:
            gap = text[unit.end:atom.start]
            if "\n" in gap:
                gap = None
            elif kind == "zone" and not gap.strip(" (\t"):
                unit.zone, unit.end = atom, atom.end  # (a gap, so a unit)
        if kind == "dur" or kind == "zone":
            continue
        is_date = kind in _DATE_KINDS
        # the slot first: the join pattern is read only when the atom could fill it
        if unit is not None and gap is not None \
                and (unit.date if is_date else unit.time) is None \
                and _joins(gap):
            if is_date:
                unit.date = atom
            else:
                unit.time = atom
            unit.atoms.append(atom)
            unit.end = atom.end
            continue
        unit = _Unit(atom.start, atom.end, atom, None, [atom]) if is_date \
            else _Unit(atom.start, atom.end, None, atom, [atom])
        units.append(unit)
    return units


def _link(text: str, units: list[_Unit]) -> list[_Unit]:
    """Ranges over days between dated times; later times that share a date."""
    out: list[_Unit] = []
    last: _Unit | None = None  # the last of out
    for unit in units:
        # the gap to the last, when within MAX_GAP and on one line
        if last is not None and unit.start - last.end <= MAX_GAP \
                and "\n" not in (gap := text[last.end:unit.start]):
            if (last.date is not None and last.time is not None and unit.date is not None
                    and unit.time is not None and last.time.kind == "time"
                    and unit.time.kind == "time" and last.end_unit is None
                    and (_RANGE.fullmatch(gap) or gap.strip() == "/")):
                last.end_unit = unit
                last.end = unit.end
                continue
            if (last.date is not None and unit.date is None and unit.time is not None
                    and _AND.fullmatch(gap)):
                unit.inherited = last
        out.append(unit)
        last = unit
    return out


def _mention(unit: _Unit, reference: dt.date, day_first: bool) -> Mention:
    days, is_range, weekdays = _days(unit, reference, day_first)  # ([] for a time alone)
    time_atom = unit.time
    times = _times(time_atom) if time_atom is not None else (None, None)
    offset = region = None
    zone_named = False
    end_unit = unit.end_unit
    if end_unit is not None or unit.zone is not None \
            or (time_atom is not None and time_atom.days == -1):
        # a zone named after a time or as a unit's zone ("-1 days" marks the first)
        sources = (time_atom, unit.zone) if end_unit is None else (
            time_atom, unit.zone, end_unit.time, end_unit.zone)
        for atom in sources:
            if atom is not None and (atom.days == -1 or atom.kind == "zone"):
                offset, zone_named = atom.offset, True
                region = lexicon.zone_regions().get(atom.zone)
    if end_unit is not None and end_unit.date is not None:
        end_days, _, end_weekdays = _days(end_unit, days[0] if days else reference, day_first)
        weekdays += end_weekdays
        first_clock = time_atom.times[0] if time_atom else None
        last_clock = end_unit.time.times[0] if end_unit.time else None
        start_min = end_min = None
        if first_clock is not None and last_clock is not None:
            start_min, end_min = rules.range_24(first_clock, last_clock, same_day=False)
        entries = [Entry(days[0] if days else None, end_days[-1] if end_days else None,
                         start_min, end_min, offset, region)]
    elif is_range:
        entries = [Entry(days[0], days[1], times[0], times[1], offset, region)]
    elif days:
        entries = [Entry(day, None, times[0], times[1], offset, region) for day in days]
    else:
        entries = [Entry(None, None, times[0], times[1], offset, region)]
    year_written = weekday_only = bare_numeric = False
    date_atom = unit.date
    if date_atom is not None:
        # one pass over the written dates for the three things the mention tells of them
        weekday_only, bare_numeric = date_atom.lead != "every", True
        for spec in date_atom.dates:
            year_written = year_written or spec.y is not None
            weekday_only = weekday_only and spec.d is None and spec.numeric is None
            bare_numeric = bare_numeric and spec.bare_numeric and spec.wd is None
    return Mention(unit.start, unit.end, entries, bool(days), time_atom is not None,
                   year_written, zone_named, weekday_only, bare_numeric, weekdays, unit.atoms)


def _copy(spec: DateSpec) -> DateSpec:
    """A copy to fill in (the rules set its month, year...) without touching the atom's."""
    copy = object.__new__(DateSpec)
    copy.__dict__.update(spec.__dict__)
    return copy


def _days(unit: _Unit, reference: dt.date,
          day_first: bool) -> tuple[list[dt.date], bool, list[Weekday]]:
    atom = unit.date
    if atom is None:
        if unit.inherited is not None and unit.inherited.date is not None:
            days, is_range, _ = _days(unit.inherited, reference, day_first)
            return days, is_range, []
        return [], False, []
    if atom.kind == "date" and atom.lead != "every" and len(atom.dates) == 1:
        return _one_day(atom.dates[0], reference, day_first)
    specs = [_copy(s) for s in atom.dates]
    if atom.lead == "every":
        return rules.every_weekday(specs, reference, day_first), False, []
    if atom.kind == "drange" and atom.lead == "days":
        start = rules.resolve_date(specs[0], reference, day_first)
        if start is None:
            return [], False, []
        end = start + dt.timedelta(days=-(specs[1].d or 0))
        return [start, end], True, _weekdays(specs[:1], [start])
    if len(specs) == 2 and atom.kind == "drange":
        rules.inherit(specs[0], specs[1], day_first)
    elif len(specs) > 1:
        for spec in specs[:-1]:
            rules.inherit(spec, specs[-1], day_first)
    if atom.kind == "drange" and specs[0].y is None and specs[1].y is None \
            and specs[0].m is not None and specs[1].m is not None:
        # a range without a year is the one that has not ended by the reference
        last_day = rules.resolve_date(_copy(specs[1]), reference, day_first)
        if last_day is not None:
            specs[1].y = last_day.year
            rules.inherit(specs[0], specs[1], day_first)
    resolved = [rules.resolve_date(s, reference, day_first) for s in specs]
    if atom.kind == "drange" and resolved[0] is not None and resolved[1] is not None \
            and specs[1].y is None and resolved[1] < resolved[0]:
        resolved[1] = rules.resolve_date(specs[1], resolved[0], day_first)
    days = [d for d in resolved if d is not None]
    if atom.kind == "drange" and len(days) != 2:
        return [], False, []
    return days, atom.kind == "drange", _weekdays(specs, resolved)


def _one_day(spec: DateSpec, reference: dt.date,
             day_first: bool) -> tuple[list[dt.date], bool, list[Weekday]]:
    """_days of a single date (most mentions): nothing to share with another date, and
    only a numeric date is filled in, so only that one is copied."""
    if spec.numeric is not None:
        spec = _copy(spec)
    day = rules.resolve_date(spec, reference, day_first)
    if day is None:
        return [], False, []
    return [day], False, _weekdays([spec], [day]) if spec.wd is not None else []


def _weekdays(specs: list[DateSpec], days: list[dt.date | None]) -> list[Weekday]:
    found = []
    for spec, day in zip(specs, days, strict=False):
        if spec.wd is not None and spec.wd_span is not None and day is not None and (
                spec.d is not None):
            found.append(Weekday(spec.wd_span[0], spec.wd_span[1], spec.wd, day))
    return found


def _times(atom: Atom) -> tuple[int | None, int | None]:
    if atom.kind == "time":
        return rules.hour_24(atom.times[0]) * 60 + atom.times[0].mi, None
    first, last = atom.times
    if atom.lead == "duration":
        start = rules.hour_24(first) * 60 + first.mi
        return start, start + last.mi
    return rules.range_24(first, last)
