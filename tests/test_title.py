"""The title: the event's own name, with the span it came from."""

from __future__ import annotations

import eventparse
from eventparse.extract.title import clean_subject


def _parse(text: str, **options: str) -> eventparse.Event:
    return eventparse.parse(text, reference_date="2026-01-15", nlp_model="blank", **options)


def test_title_below_organisation_and_programme_banner() -> None:
    text = ("Nene Valley Safeguarding Children Partnership\nMulti-agency Training Programme "
            "2025–26\n\nContextual safeguarding: assessing risk beyond the front door\n\n"
            "Date: 16/03/2026")
    event = _parse(text)
    assert event.title == "Contextual safeguarding: assessing risk beyond the front door"
    span = event.provenance["title"].spans[0]
    assert text[span.start:span.end] == event.title


def test_capitals_label_is_not_the_title() -> None:
    event = _parse("STAFF BRIEFING\n\nCounty lines: what every practitioner needs to know\n\n"
                   "11.02.2026 | 15:30 – 16:30")
    assert event.title == "County lines: what every practitioner needs to know"


def test_repeated_title_is_one_title_and_a_duplicate_problem() -> None:
    text = "Working with fathers\nWorking with fathers\nOnline via Zoom\n3 March 2026, 10:00-11:00"
    event = _parse(text)
    assert event.title == "Working with fathers"
    [duplicate] = [p for p in event.problems if p.code == "duplicate-text"]
    assert duplicate.span is not None and duplicate.line == 2
    assert text[duplicate.span.start:duplicate.span.end] == "Working with fathers"


def test_email_greeting_and_lead_in_are_skipped() -> None:
    event = _parse("Subject: Places available – Capacity masterclass, 3rd March\n\n"
                   "Dear colleagues,\n\nWe still have places on the next session:\n\n"
                   "Assessing fluctuating capacity: a masterclass\n\nDate: 3rd March 2026")
    assert event.title == "Assessing fluctuating capacity: a masterclass"


def test_subject_is_the_title_when_the_body_has_none() -> None:
    assert clean_subject("Fwd: Re: Places available – Knife crime briefing – 3 March 2026") == (
        "Knife crime briefing")


def test_h1_of_a_page_wins() -> None:
    html = ("<html><head><title>Kinship carers | Events | Collaborative</title></head><body>"
            "<main><p>Webinar</p><h1>Supporting kinship carers: assessment in practice</h1>"
            "<h2>About this webinar</h2><p>Grandparents step in.</p></main></body></html>")
    assert _parse(html, format="html").title == "Supporting kinship carers: assessment in practice"


def test_date_delivery_and_type_lines_are_not_titles() -> None:
    event = _parse("Perinatal mental health and safeguarding babies\nWebinar\n\n"
                   "Date: Wednesday 14 January 2026\nOnline: Microsoft Teams")
    assert event.title == "Perinatal mental health and safeguarding babies"
    assert _parse("Thursday 5 March 2026\nDelivered online using Teams\n").title is None


def test_no_title_in_key_value_only_text() -> None:
    assert _parse("Date: 3 March 2026\nTime: 10:00 - 11:00").title is None


def test_one_megabyte_line_has_no_title_and_returns() -> None:
    event = _parse("word " * 210_000)
    assert event.title is None


def test_a_separator_line_is_never_the_title_and_the_subject_is() -> None:
    event = _parse("-----Original Appointment-----\nFrom: Kim Roy\nSent: 4 May 2026 10:00\n"
                   "To: Duty team\nSubject: RE: Hospital discharge planning update\n"
                   "When: 12 May 2026 10:00-11:00\n\nHi all,\nPlease join if you can.")
    assert event.title == "Hospital discharge planning update"


def test_the_page_title_segment_that_names_the_event() -> None:
    page = ("<html><head><title>Ashdown Safeguarding Partnership :: Events :: View Event"
            "</title></head><body><p>Date: 5 May 2026</p></body></html>")
    assert _parse(page, format="html").title is None
    named = page.replace("View Event", "Elder abuse: a practice update")
    assert _parse(named, format="html").title == "Elder abuse: a practice update"


def test_a_title_wrapped_over_two_lines_is_whole() -> None:
    event = _parse("Planning for adulthood: transitions for disabled young\npeople\n\n"
                   "Date: 16/03/2026, 10:00-12:00")
    assert event.title == "Planning for adulthood: transitions for disabled young people"
