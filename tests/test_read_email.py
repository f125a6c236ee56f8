"""The e-mail reader: headers, Date as the reference hint, MIME bodies, and what stays text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from eventparse import parse_file
from eventparse.read import read
from eventparse.read.email import read_email

READERS = Path(__file__).resolve().parent / "data" / "readers"


def test_multipart_prefers_text_plain_and_decodes_quoted_printable() -> None:
    doc = read((READERS / "multipart.eml").read_bytes(), source="multipart.eml")
    assert doc.format == "email"
    assert doc.headers["subject"] == "Places available – Mental Capacity Act masterclass"
    assert doc.headers["from"].startswith("Learning and Development")
    assert doc.reference_date_hint == dt.date(2026, 2, 9)
    assert "Time: 10am–12.30pm" in doc.text and "It’s free" in doc.text
    assert "(HTML part)" not in doc.text


def test_subject_is_a_key_value_line_with_a_span() -> None:
    doc = read_email((READERS / "multipart.eml").read_text(encoding="utf-8"))
    subject = next(b for b in doc.blocks if b.key == "Subject")
    assert doc.text[subject.value_start:subject.end] == doc.headers["subject"]


def test_html_only_message_goes_through_the_html_reader() -> None:
    doc = read((READERS / "html_only.eml").read_bytes())
    assert doc.format == "email"
    assert doc.reference_date_hint == dt.date(2026, 3, 10)
    assert "Court skills workshop" in doc.text and "Café lunch" in doc.text  # base64, cp1252
    assert "1 July 2026" not in doc.text  # hidden preheader
    assert "Unsubscribe" not in doc.text and "Attachment text" not in doc.text
    assert any(b.kind == "heading" and b.level == 1 for b in doc.blocks)
    for block in doc.blocks:
        assert doc.text[block.start:block.end] == block.text


def test_date_header_is_the_reference_date_when_none_is_given() -> None:
    event = parse_file(READERS / "multipart.eml", nlp_model="blank")
    assert event.format == "email" and event.reference_date == dt.date(2026, 2, 9)


def test_a_quoted_outlook_block_stays_text() -> None:
    doc = read((READERS / "outlook_quote.txt").read_bytes(), source="outlook_quote.txt")
    assert doc.format == "text"
    assert doc.headers["subject"] == "Places on the safeguarding briefing"


def test_a_bulletin_board_post_stays_text() -> None:
    doc = read((READERS / "bulletin_post.txt").read_bytes(), source="bulletin_post.txt")
    assert doc.format == "text"


def test_a_message_without_body_or_headers_reads() -> None:
    assert read_email("").text == ""
    doc = read_email("Subject: Hi\n\n")
    assert doc.headers == {"subject": "Hi"} and doc.reference_date_hint is None


def test_a_bad_date_header_gives_no_hint() -> None:
    doc = read_email("Subject: Hi\nDate: sometime soon\n\nBriefing on 3 March")
    assert doc.reference_date_hint is None and "Briefing on 3 March" in doc.text
