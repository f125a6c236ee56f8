"""The date/time grammar: its own corpus, the public times corpus, and unit tests."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

import pytest

import eventparse
from eventparse import When, parse_when
from eventparse.when import atoms, corpus, rules
from eventparse.when.atoms import find_atoms
from eventparse.when.combine import find_mentions
from eventparse.when.grammar import Clock

from .conftest import HANG_GUARD_SECONDS, from_source, shared_path

WHEN_CORPUS = Path(eventparse.__file__).parent / "extract" / "corpora" / "when.jsonl"
REF = dt.date(2026, 1, 15)


def _when_cases() -> list[Any]:
    lines = WHEN_CORPUS.read_text(encoding="utf-8").splitlines()
    return [pytest.param(json.loads(line), id=f"when:{n}")
            for n, line in enumerate(lines, 1) if line.strip()]


@pytest.mark.parametrize("case", _when_cases())
def test_when_corpus(case: dict[str, Any]) -> None:
    got = parse_when(case["text"], reference=dt.date.fromisoformat(case["reference"]),
                     day_first=case["day_first"])
    assert [w.model_dump(exclude_none=True) for w in got] == case["expect"], case["text"]


def test_times_corpus_accuracy() -> None:
    """At least 93% right overall and 85% in each kind on the public dev corpus."""
    path = shared_path("corpora", "times", "dev.jsonl")
    result = corpus.score(corpus.load(path))
    assert sum(result.total.values()) > 500
    per_kind = {k: round(result.accuracy(k), 3) for k in corpus.KINDS}
    assert result.accuracy() >= 0.93, per_kind
    assert all(v >= 0.85 for v in per_kind.values()), per_kind


def _one(text: str, reference: dt.date = REF, day_first: bool = True) -> dict[str, str]:
    [when] = parse_when(text, reference=reference, day_first=day_first)
    return when.model_dump(exclude_none=True)


@pytest.mark.parametrize(("text", "start", "end"), [
    ("3:30", "15:30", None),          # 1-6 o'clock: afternoon
    ("9:30", "09:30", None),          # 7-11: morning
    ("12:15", "12:15", None),
    ("3:30-5:00", "15:30", "17:00"),  # the end after the start
    ("11:30 - 1:00", "11:30", "13:00"),
    ("9.30 to 4pm", "09:30", "16:00"),  # the start takes the end's half when it fits
    ("11 to 3pm", "11:00", "15:00"),
    ("8am until 6", "08:00", "18:00"),
    ("15:30 – 14:00", "15:30", "14:00"),  # 24-hour times are kept as written
    ("noon – 1pm", "12:00", "13:00"),
])
def test_am_pm_rule(text: str, start: str, end: str | None) -> None:
    got = _one(text)
    assert (got["start_time"], got.get("end_time")) == (start, end)


def test_year_less_dates_lie_ahead_of_the_reference() -> None:
    assert _one("3 March")["date"] == "2026-03-03"
    assert _one("5 January")["date"] == "2027-01-05"
    # a written weekday chooses the year that matches it
    assert _one("Fri 9 January")["date"] == "2026-01-09"
    assert _one("Sunday, Feb 10", dt.date(2013, 2, 12), False)["date"] == "2013-02-10"


def test_two_digit_years() -> None:
    assert _one("18-Nov-94", dt.date(1994, 11, 14))["date"] == "1994-11-18"
    assert _one("18-Nov-94", dt.date(2026, 1, 1))["date"] == "1994-11-18"
    assert rules.full_year(27, dt.date(2016, 1, 1)) == 2027


def test_day_first_and_month_first() -> None:
    assert _one("04/03/2026")["date"] == "2026-03-04"
    assert _one("04/03/2026", day_first=False)["date"] == "2026-04-03"
    assert _one("03/16/2026")["date"] == "2026-03-16"  # 16 cannot be a month


def test_two_days_are_two_entries() -> None:
    got = parse_when("Wednesday 4 and Thursday 5 March 2026, 9.30am – 4.00pm", reference=REF)
    assert [(w.date, w.start_time, w.end_time) for w in got] == [
        ("2026-03-04", "09:30", "16:00"), ("2026-03-05", "09:30", "16:00")]


def test_named_zone_gives_offset() -> None:
    assert _one("Thursday 9 am (BST)", dt.date(2013, 2, 12))["utc_offset"] == "+01:00"
    assert _one("4pm UTC+8")["utc_offset"] == "+08:00"
    assert "utc_offset" not in _one("14:00-15:30 (UK time)")


def test_reference_may_be_a_datetime_and_unreadable_gives_empty() -> None:
    assert parse_when("3 March 2026", reference=dt.datetime(2026, 1, 1, 12)) == [
        When(date="2026-03-03")]
    assert parse_when("", reference=REF) == []
    assert parse_when("the quick brown fox", reference=REF) == []
    assert parse_when("99/99/9999 25:99", reference=REF) == []


def test_finder_reports_spans_and_weekday_mismatch() -> None:
    text = "Booking opens soon.\nDate: Tuesday 12 February 2026\nTime: 10:00 – 12:00\n"
    mentions = find_mentions(text, REF)
    assert [text[m.start:m.end] for m in mentions] == ["Tuesday 12 February 2026",
                                                       "10:00 – 12:00"]
    [wrong] = mentions[0].mismatches
    assert text[wrong.start:wrong.end] == "Tuesday"
    assert wrong.date == dt.date(2026, 2, 12)


def test_finder_in_running_text_is_strict() -> None:
    text = "You may 3 times a week. Places are limited to 20. Ages 11-16. Call 0161 234 5678."
    assert find_mentions(text, REF) == []


def test_hour_rule_helpers() -> None:
    assert rules.hour_24(Clock(4)) == 16
    assert rules.hour_24(Clock(4, mer="am")) == 4
    assert rules.hour_24(Clock(12, mer="am")) == 0
    assert rules.range_24(Clock(10, 10, "pm"), Clock(3)) == (22 * 60 + 10, 3 * 60)


def test_a_long_single_line_does_not_hang() -> None:
    line = ("Monday 3 March 2026 10:00-11:00 and 1 2 3-4 " * 25_000)[:1_000_000]
    started = time.perf_counter()
    find_mentions(line, REF)
    parse_when("a" * 1_000_000, reference=REF)
    # generous bound: a catastrophic backtrack would take hours, not seconds
    assert time.perf_counter() - started < HANG_GUARD_SECONDS


@pytest.mark.parametrize("text", [
    "Doors at 3 sharp.", "Starts 3pm.", "Starts 3.pm.", "Starts 3 o'clock.", "Lunch 12 noon.",
    "Tea at half past 3.", "Tea 20 past 3.", "Talk 3 in the afternoon.", "Open 9 to 5pm.",
    "Parade 0930hrs.", "Ends about 1430.", "Dinner evening 7.", "Talk 3:30-5.",
    "Seminar 16h30.", "From 9 -\n5pm, daily.", "Talk 9AM-10AM.",
])
def test_running_text_finds_marked_or_led_times(text: str) -> None:
    kinds = {atom.kind for atom in find_atoms(text, strict=True)}
    assert kinds & {"time", "trange"}, text


@pytest.mark.parametrize("text", ["Room 5409 is open.", "29 people came.", "Call x8-3823."])
def test_running_text_numbers_alone_are_no_times(text: str) -> None:
    assert not {atom.kind for atom in find_atoms(text, strict=True)} & {"time", "trange"}


def _texts_for_scan_check() -> list[str]:
    corpora = Path(eventparse.__file__).parent / "extract" / "corpora"
    texts = [json.loads(line)["text"] for name in ("when.jsonl", "sessions.jsonl")
             for line in (corpora / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    listings = Path(__file__).parent / "data" / "listings"
    texts += [path.read_text(encoding="utf-8") for path in sorted(listings.glob("*.txt"))]
    return texts


def test_titled_anchor_scan_finds_what_the_lower_case_one_finds() -> None:
    # ASCII text is scanned title-cased, as bytes; other text in lower case
    texts = [atoms.lowered(text) for text in _texts_for_scan_check() if text.isascii()]
    texts += ["14april 3fifteen x_one 9-may it's o'clock, mid-day twelve (sept.)"]
    assert len(texts) > 100
    for text in texts:
        assert atoms._anchors(text, None) == [m.span() for m in atoms._ANCHOR.finditer(text)]
    assert [w.anchors for w in atoms.windows("on ١٢ may")] == [[(3, 5), (6, 9)]]


@pytest.mark.parametrize("strict", [True, False])
def test_keyed_scan_finds_what_a_scan_of_every_character_finds(
        strict: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    # atoms.py runs each pattern only near its keys, and times only where one can
    # start: on real text that must meet every match a plain scan of each window meets.
    texts = _texts_for_scan_check()
    source = from_source("eventparse.when.atoms")  # (the scan swapped below is reached)
    fast = [source.find_atoms(text, strict=strict) for text in texts]

    def every_character(self: Any, name: str, pattern: Any) -> Any:
        return pattern.finditer(self.text, self.pos, self.endpos)

    monkeypatch.setattr(source._KeyedSpans, "finditer", every_character)
    plain = [source.find_atoms(text, strict=strict) for text in texts]
    assert len(texts) > 100
    assert fast == plain
    # and the module as installed (compiled, maybe) finds the same
    assert [repr(find_atoms(text, strict=strict)) for text in texts] == list(map(repr, fast))
