"""The plain-text reader: blocks with spans into the original text, and mail headers."""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect

from eventparse.document import Block
from eventparse.read.text import parse_mail_date, read_text

CMU_POST = (
    "<0.15.9.94.22.29.02.sm6t+@andrew.cmu.edu.1>\n"
    "Type:     cmu.andrew.org.cfa.cfa-today\n"
    "Topic:    1994 Art Lecture Series\n"
    "Dates:    29-Nov-94\n"
    "Time:     5:00 PM\n"
    "Place:    University of Pittsburgh\n"
    "          Department of Economics\n"
    "PostedBy: Saul Markowitz on 15-Sep-94 at 22:29 from andrew.cmu.edu\n"
    "Abstract: \n"
    "\n"
    "      The Department of Art presents a lecture in DH 2315.\n"
)


def test_cmu_header_block_into_headers() -> None:
    doc = read_text(CMU_POST)
    assert doc.headers["type"] == "cmu.andrew.org.cfa.cfa-today"
    assert doc.headers["time"] == "5:00 PM"
    assert doc.headers["place"] == "University of Pittsburgh Department of Economics"
    assert doc.headers["postedby"].startswith("Saul Markowitz on 15-Sep-94")
    assert doc.headers["abstract"] == ""
    assert all(key == key.lower() for key in doc.headers)


def test_posted_by_date_is_the_reference_hint_with_two_digit_year() -> None:
    assert read_text(CMU_POST).reference_date_hint == dt.date(1994, 9, 15)


def test_header_blocks_keep_spans_and_continuations() -> None:
    doc = read_text(CMU_POST)
    assert doc.blocks[0].kind == "line"  # the message id is no heading or title
    place = next(b for b in doc.blocks if b.key == "Place")
    assert place.kind == "key_value"
    assert doc.text[place.start:place.end].endswith("Department of Economics")
    assert place.value.split() == ["University", "of", "Pittsburgh", "Department", "of",
                                   "Economics"]
    body = doc.blocks[-1]
    assert doc.text[body.start:body.end] == body.text
    assert body.text.startswith("The Department of Art")


def test_outlook_block_pasted_into_text() -> None:
    text = ("Please see below.\n\n"
            "From: Jane Smith <jane@example.org>\n"
            "Sent: Tuesday, 3 February 2026 14:05\n"
            "To: Training Team\n"
            "Subject: Workshop on neglect\n\n"
            "Date: 4 March 2026\n")
    doc = read_text(text)
    assert doc.headers["from"] == "Jane Smith <jane@example.org>"
    assert doc.headers["subject"] == "Workshop on neglect"
    assert doc.reference_date_hint == dt.date(2026, 2, 3)
    assert "date" not in doc.headers  # the listing's own Date: line is not a mail header


def test_listing_key_lines_are_not_mail_headers() -> None:
    doc = read_text("Date: Tuesday 3 March 2026\nTime: 10:00-11:00\nVenue: Room 2\n")
    assert doc.headers == {}
    assert doc.reference_date_hint is None
    assert [b.kind for b in doc.blocks] == ["key_value"] * 3


def test_plain_blocks_unchanged() -> None:
    text = "Title line\n\n- first outcome\n1. second\nVenue: Room 1\nA sentence ends here."
    doc = read_text(text)
    assert [b.kind for b in doc.blocks] == [
        "heading", "list_item", "list_item", "key_value", "paragraph"]
    for block in doc.blocks:
        assert doc.text[block.start:block.end] == block.text
    assert doc.blocks[1].text == "first outcome"


def test_mail_dates() -> None:
    assert parse_mail_date("1-Feb-94") == dt.date(1994, 2, 1)
    assert parse_mail_date("Wed, 18 Nov 2026 10:00:00 +0000") == dt.date(2026, 11, 18)
    assert parse_mail_date("31-Feb-94") is None


def test_long_single_line_reads() -> None:
    doc = read_text("From: " + "x" * 1_000_000)
    assert len(doc.blocks) == 1


def test_from_to_times_are_not_a_mail_block() -> None:
    doc = read_text("Workshop\nFrom: 10am\nTo: 12.30pm\n")
    assert doc.headers == {}


def test_double_hyphen_bullets_are_list_items() -> None:
    doc = read_text("Objectives\n-- Plan a visit.\n-- Record what you saw.")
    assert [(b.kind, b.text) for b in doc.blocks[1:]] == [
        ("list_item", "Plan a visit."), ("list_item", "Record what you saw.")]


def test_an_opener_line_above_headers_is_a_line_not_content() -> None:
    doc = read_text("-----Original Appointment-----\nFrom: Kim Roy\nSent: 4 May 2026 10:00\n"
                    "Subject: Team day\n\nHello")
    assert doc.blocks[0].kind == "line"
    assert doc.headers["subject"] == "Team day"


def test_a_sentence_broken_once_is_one_block_with_its_span() -> None:
    text = "Neglect in adolescence: seeing what is\nmissing\n\nDate: 3 June 2026"
    first = read_text(text).blocks[0]
    assert first.text == "Neglect in adolescence: seeing what is missing"
    assert text[first.start:first.end].replace("\n", " ") == first.text


def test_a_dangling_and_joins_the_next_line_and_an_indented_item_line_joins_its_item() -> None:
    doc = read_text("Led by: Dr Ana Ruiz (Hallam University) and\nMr Tom Pike (Hallam Police)\n\n"
                    "Outcomes\n  1. Describe how thresholds are applied and\n"
                    "     Identify gaps.\n  2. Plan a review.")
    texts = [" ".join(b.text.split()) for b in doc.blocks]
    assert texts[0] == "Led by: Dr Ana Ruiz (Hallam University) and Mr Tom Pike (Hallam Police)"
    assert texts[2:] == ["Describe how thresholds are applied and Identify gaps.", "Plan a review."]


def test_a_wrapped_paragraph_keeps_its_lines_and_short_lines_are_not_joined() -> None:
    paragraph = ("Speaker: Ann Lee\n\nThe talk looks at how teams share the work of\n"
                 "planning a visit, and at what gets lost when the\n"
                 "notes are written up a week later\n\nWho should attend\nsocial workers")
    texts = [b.text for b in read_text(paragraph).blocks]
    assert "planning a visit, and at what gets lost when the" in texts
    assert texts[-2:] == ["Who should attend", "social workers"]
    assert read_text("It ends here.\nand a new line").blocks[0].text == "It ends here."


def test_an_icon_that_opens_a_line_is_not_part_of_it() -> None:
    doc = read_text("Open morning\n📍 The Community Room, 22 Station Road, Mardale MD4 6HT\n"
                    "🕙 Time: 10:00 - 12:00\n▪ a bullet stays a bullet")
    kinds = [(b.kind, b.text) for b in doc.blocks[1:]]
    assert kinds == [("heading", "The Community Room, 22 Station Road, Mardale MD4 6HT"),
                     ("key_value", "Time: 10:00 - 12:00"), ("list_item", "a bullet stays a bullet")]


def test_a_quoted_message_is_read_without_its_quote_marks() -> None:
    doc = read_text("Can you share this?\n\n> > Open to:\n> > - Team managers\n>\n"
                    "> > Date: 16 January 2026")
    assert [(b.kind, b.text) for b in doc.blocks[1:]] == [
        ("key_value", "Open to:"), ("list_item", "Team managers"),
        ("key_value", "Date: 16 January 2026")]


def test_block_init_sets_every_field() -> None:
    # Block's __init__ is written out for speed: it must take and set every field.
    names = [field.name for field in dataclasses.fields(Block)]
    assert list(inspect.signature(Block.__init__).parameters)[1:] == names
    block = Block("key_value", 0, 9, "Date: now", 1, "Date", 6)
    assert [getattr(block, name) for name in names] == [
        "key_value", 0, 9, "Date: now", 1, "Date", 6]
