"""The event type: one of the gold list, from what the listing says, or None."""

from __future__ import annotations

import pytest

import eventparse
from eventparse import vocab
from eventparse.extract.event_type import find_types

GOLD_TYPES = {"webinar", "workshop", "conference", "seminar", "course", "learning lab",
              "masterclass", "briefing", "forum", "drop-in", "training"}


def _type(text: str) -> str | None:
    return eventparse.parse(text, reference_date="2026-01-15", nlp_model="blank").event_type


def test_vocabulary_names_only_gold_types() -> None:
    assert {k for k in vocab.load("event_types") if not k.startswith("_")} == GOLD_TYPES


@pytest.mark.parametrize(("text", "expected"), [
    ("A title\nThis event is a webinar.\nA webinar is a facilitator-led online seminar.",
     "webinar"),
    ("A title\nFormat: In person workshop (lunch provided)", "workshop"),
    ("A title\n\nCourse | Harrowden Family Safeguarding Service\n\nDate: 3 March 2026", "course"),
    ("A title: subtitle\nWorkshop · Online\n", "workshop"),
    ("Direct work with children (two-day course)\nWhen: 4 March 2026", "course"),
    ("Making Safeguarding Personal: a refresher briefing\n3 March 2026", "briefing"),
    ("A title\nOnline\nIn this webinar, a researcher will share findings from her study.",
     "webinar"),
    ("A title\nAbout\nThis full-day workshop introduces the approach to practitioners.",
     "workshop"),
    ("Early help drop-in session: your questions answered\nWhen: 10 March 2026", "drop-in"),
    ("Learning lab: genograms and ecomaps\nDate: 8 December 2026", "learning lab"),
])
def test_event_type_shapes(text: str, expected: str) -> None:
    assert _type(text) == expected


def test_statement_beats_prose() -> None:
    assert _type("A title\nIn this seminar we look at risk.\nThis event is a webinar.") == (
        "webinar")


def test_none_when_the_listing_does_not_say() -> None:
    assert _type("Working with fathers\n3 March 2026\nThis session looks at why men are "
                 "overlooked in assessments.") is None


def test_training_programme_banner_is_not_a_type() -> None:
    assert [m.type for m in find_types("Multi-agency Training Programme 2025–26")] == []
    assert _type("Multi-agency Training Programme 2025–26\n\nContextual safeguarding: risk\n"
                 "Date: 16/03/2026") is None


def test_type_keeps_its_span() -> None:
    text = "Knife crime: a practice update\nVirtual seminar | Presented by Dr Leah Whitcombe\n"
    event = eventparse.parse(text, reference_date="2026-01-15", nlp_model="blank")
    assert event.event_type == "seminar"
    span = event.provenance["event_type"].spans[0]
    assert text[span.start:span.end] == "Virtual seminar"


@pytest.mark.parametrize(("sentence", "expected"), [
    ("We are holding a multi-agency practice briefing on the new protocol.", "briefing"),
    ("Please join us for an online forum with the Principal Social Worker.", "forum"),
    ("We'll be running a short course on report writing in the spring.", "course"),
    ("Join us for our next webinar, on fathers, in June.", None),
    ("This session builds on our previous workshop and our other courses.", None),
])
def test_an_invitation_names_this_events_type(sentence: str, expected: str | None) -> None:
    assert _type(f"Working with fathers\n\nDate: 3 March 2026\n\n{sentence}") == expected


def test_a_series_at_the_top_is_the_weakest_evidence() -> None:
    header = "City Hospital – Paediatric Grand Round Seminar Series 2026\n\nWorking with fathers\n"
    assert _type(header + "Date: 3 March 2026\n") == "seminar"
    assert _type(header + "Date: 3 March 2026\n\nThis workshop looks at assessments.") == (
        "workshop")
