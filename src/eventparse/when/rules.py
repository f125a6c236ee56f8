"""How the grammar reads what a phrase leaves open: the year, the month, am or pm.

Years. A date without a year is the next one on or after the reference (an
announcement's date lies ahead of its publication). A written weekday decides
between that date, the one a year before (when that is within half a year of the
reference) and the one a year after, whichever falls on that weekday. A day
without a month ("Friday the 22nd") is this month's if its weekday matches, else
the next month's on or after the reference that does. A two-digit year is the one
within 80 years before and 20 after the reference ("18-Nov-94" is 1994; "3-7-27"
read in 2016 is 2027). "Every Tuesday in March" (or "Tuesdays in March") is each
Tuesday of the next March that has not ended; "every Monday from 4 May to 1 June"
each Monday of that range of days.

Clock times without am/pm take the reading an announcement means: 1 to 6
o'clock is afternoon (13:00-18:00), 7 to 11 morning, 12 noon. Times written
with a leading zero or on the 24-hour clock (09:30, 13:00) are kept. In a
range an unmarked start takes the end's half of the day when that keeps it
before the end ("9.30 to 4pm" is 09:30-16:00, "11 to 3pm" 11:00-15:00), and an
unmarked end is the first reading after the start ("3:30-5:00" is
15:30-17:00, "8am until 6" 08:00-18:00). One rule for listings, seminars and
``parse_when``.
"""

from __future__ import annotations

import calendar
import datetime as dt

from eventparse.when.grammar import Clock, DateSpec

AFTERNOON_HOURS = range(1, 7)


def full_year(two_digit: int, reference: dt.date) -> int:
    """The year within 80 before and 20 after the reference.

    >>> full_year(94, dt.date(2026, 1, 1)), full_year(27, dt.date(2016, 1, 1))
    (1994, 2027)
    """
    year = reference.year - reference.year % 100 + two_digit
    if year > reference.year + 20:
        year -= 100
    elif year <= reference.year - 80:
        year += 100
    return year


def day_month(spec: DateSpec, day_first: bool) -> None:
    """Fill ``d`` and ``m`` of a numeric date: the order a number > 12 forces, else day_first."""
    if spec.numeric is None:
        return
    a, b = spec.numeric
    if a > 12 or (day_first and b <= 12):
        spec.d, spec.m = a, b
    else:
        spec.m, spec.d = a, b
    spec.numeric = None


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _next_occurrence(month: int, day: int, reference: dt.date) -> dt.date | None:
    for year in range(reference.year, reference.year + 9):
        found = _safe(year, month, day)
        if found is not None and found >= reference:
            return found
    return None


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date | None:
    days = [d for d in range(1, calendar.monthrange(year, month)[1] + 1)
            if dt.date(year, month, d).weekday() == weekday]
    if nth == -1:
        return dt.date(year, month, days[-1])
    return dt.date(year, month, days[nth - 1]) if nth <= len(days) else None


def resolve_date(spec: DateSpec, reference: dt.date, day_first: bool) -> dt.date | None:
    """The calendar date a written date stands for, or None when it names none."""
    if spec.numeric is not None:
        day_month(spec, day_first)
    year = spec.y
    if year is not None and spec.two_digit_year:
        year = full_year(year, reference)
    if spec.nth is not None and spec.wd is not None and spec.m is not None:
        if year is not None:
            return _nth_weekday(year, spec.m, spec.wd, spec.nth)
        this = _nth_weekday(reference.year, spec.m, spec.wd, spec.nth)
        if this is not None and this >= reference:
            return this
        return _nth_weekday(reference.year + 1, spec.m, spec.wd, spec.nth)
    if spec.d is None:
        if spec.wd is None or spec.m is not None:
            return None
        return reference + dt.timedelta(days=(spec.wd - reference.weekday()) % 7)
    if spec.m is None:
        return _day_of_some_month(spec.d, spec.wd, year, reference)
    if year is not None:
        return _safe(year, spec.m, spec.d)
    upcoming = _next_occurrence(spec.m, spec.d, reference)
    if upcoming is None or spec.wd is None or upcoming.weekday() == spec.wd:
        return upcoming
    for other in (_safe(upcoming.year - 1, spec.m, spec.d),
                  _safe(upcoming.year + 1, spec.m, spec.d)):
        if other is not None and other.weekday() == spec.wd and (
                other > reference or (reference - other).days <= RECENT_DAYS):
            return other
    return upcoming


RECENT_DAYS = 183
"""A written weekday may move a date to the year before only when that date is this
recent: a listing read soon after its event. "Wednesday 19 March" in a mail of 2 March
2026 is a slip for Thursday 19 March 2026, not an event of the March before."""


def _day_of_some_month(day: int, weekday: int | None, year: int | None,
                       reference: dt.date) -> dt.date | None:
    y, m = (year, 1) if year is not None else (reference.year, reference.month)
    for _ in range(36):
        found = _safe(y, m, day)
        if found is not None:
            if weekday is None and found >= reference:
                return found
            if weekday is not None and found.weekday() == weekday and (
                    found >= reference or (found.year, found.month) == (reference.year,
                                                                         reference.month)):
                return found
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return None


MAX_REPEATS = 53
"""At most this many days of one "every Tuesday ..." (a year of weeks)."""


def every_weekday(specs: list[DateSpec], reference: dt.date, day_first: bool) -> list[dt.date]:
    """Each day of a weekday in a month or between two days, in order.

    ``specs`` is the weekday, then the month ("every Tuesday in March": the next
    March that has not ended, unless a year is written) or the first and last day
    ("every Monday from 4 May to 1 June": read as a range of days).

    >>> every_weekday([DateSpec(wd=1), DateSpec(m=3, y=2026)], dt.date(2026, 1, 15), True)[-1]
    datetime.date(2026, 3, 31)
    """
    weekday = specs[0].wd
    if weekday is None:
        return []
    if len(specs) == 2:
        month, year = specs[1].m, specs[1].y
        if month is None:
            return []
        if year is not None and specs[1].two_digit_year:
            year = full_year(year, reference)
        if year is None:
            year = reference.year if month >= reference.month else reference.year + 1
        first: dt.date | None = dt.date(year, month, 1)
        last: dt.date | None = dt.date(year, month, calendar.monthrange(year, month)[1])
    else:
        start, end = DateSpec(**vars(specs[1])), DateSpec(**vars(specs[2]))
        inherit(start, end, day_first)
        if end.y is None:
            upcoming = resolve_date(DateSpec(**vars(end)), reference, day_first)
            if upcoming is not None:
                end.y = upcoming.year
                inherit(start, end, day_first)
        first, last = resolve_date(start, reference, day_first), resolve_date(end, reference,
                                                                              day_first)
    if first is None or last is None or last < first:
        return []
    day = first + dt.timedelta(days=(weekday - first.weekday()) % 7)
    days: list[dt.date] = []
    while day <= last and len(days) < MAX_REPEATS:
        days.append(day)
        day += dt.timedelta(days=7)
    return days


def inherit(first: DateSpec, last: DateSpec, day_first: bool) -> None:
    """Share the month and year between the two ends of a range of days."""
    day_month(first, day_first)
    day_month(last, day_first)
    if first.m is None and last.m is not None and first.d is not None:
        first.m = last.m
    if first.y is None and last.y is not None and first.m is not None and last.m is not None:
        first.y, first.two_digit_year = last.y, last.two_digit_year
        if (first.m, first.d or 0) > (last.m, last.d or 0):
            first.y -= 1
    elif last.y is None and first.y is not None and first.m is not None and last.m is not None:
        last.y, last.two_digit_year = first.y, first.two_digit_year
        if (last.m, last.d or 0) < (first.m, first.d or 0):
            last.y += 1


def hour_24(clock: Clock) -> int:
    """The 24-hour clock hour of a time, by the announcement rule."""
    h = clock.h
    if clock.mer == "am":
        return h % 12
    if clock.mer == "pm":
        return h % 12 + 12
    if clock.fixed:
        return h
    if clock.part == "am":
        return h % 12
    if clock.part == "pm":
        return h % 12 + 12 if h <= 12 else h
    if clock.part == "noon":
        return h if h >= 11 else h + 12
    return h + 12 if h in AFTERNOON_HOURS else h


def _minutes(clock: Clock, hour: int) -> int:
    return hour * 60 + clock.mi


def _marked(clock: Clock) -> bool:
    return bool(clock.mer or clock.part or clock.fixed)


def range_24(first: Clock, last: Clock, same_day: bool = True) -> tuple[int, int]:
    """Start and end of a time range in minutes after midnight."""
    end_hint = last.mer or (last.part if last.part in ("am", "pm") else None)
    if _marked(first):
        start = _minutes(first, hour_24(first))
    elif end_hint:
        end = _minutes(last, hour_24(last))
        start = _minutes(first, hour_24(Clock(first.h, first.mi, end_hint)))
        if start > end and first.h <= 12:
            other = "am" if end_hint == "pm" else "pm"
            start = _minutes(first, hour_24(Clock(first.h, first.mi, other)))
    else:
        start = _minutes(first, hour_24(first))
    if _marked(last):
        return start, _minutes(last, hour_24(last))
    if not same_day:
        return start, _minutes(last, last.h)
    options = [last.h, last.h + 12] if last.h < 12 else [last.h]
    for hour in options:
        if _minutes(last, hour) > start:
            return start, _minutes(last, hour)
    return start, _minutes(last, last.h)


def clock_text(minutes: int) -> str:
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
