"""Format and encoding detection."""

from __future__ import annotations

import pytest

from eventparse import parse
from eventparse.errors import UnreadableInputError
from eventparse.read import read
from eventparse.read.detect import decode_bytes, detect_format, repair_mojibake
from eventparse.read.registry import UnknownFormatError, reader_for

EMAIL = ("From: Ann Lee <ann@example.org>\nTo: team@example.org\nSubject: Briefing\n"
         "Date: Mon, 09 Feb 2026 08:47:00 +0000\n\nDate: 3 March 2026\n")


@pytest.mark.parametrize(("text", "source", "expected"), [
    ("<!DOCTYPE html><html><body><p>Hi</p></body></html>", None, "html"),
    ("<!-- saved page -->\n<html><p>Hi</p></html>", "page.txt", "html"),
    ("<h1>Briefing</h1>\n<p>3 March</p>", "listing.txt", "html"),
    ("Briefing\nUse <br> tags to break lines.", None, "text"),
    ("Date: 3 March 2026", "page.html", "html"),
    ("Date: 3 March 2026", "notes.markdown", "markdown"),
    ("Date: 3 March 2026", "mail.eml", "email"),
    ("## Details\nDate: 3 March", None, "markdown"),
    ("See [the page](https://x.org) and **book**.", None, "markdown"),
    ("Only **bold** here", None, "text"),
    ("#hashtag line\nDate: 3 March", None, "text"),
    (EMAIL, None, "email"),
    ("From abc@example.org Mon Feb  9 08:47:00 2026\n" + EMAIL, None, "email"),
    ("From: Ann\nSent: Monday, 9 February 2026 08:47\nTo: All\nSubject: Hi\n\nBody", None, "text"),
    ("Date: Mon, 09 Feb 2026 08:47:00 +0000\nTime: 10:00\n\nBody", None, "text"),
    ("<0.1.2@host.org>\nType: cmu.talks\nTopic: Talk\nPostedBy: X on 1-Jan-94\n\nBody", None,
     "text"),
    ("", None, "text"),
])
def test_detect_format(text: str, source: str | None, expected: str) -> None:
    assert detect_format(text, source) == expected


def test_decode_utf8_cp1252_bom_and_declared_charset() -> None:
    assert decode_bytes("£45 – “free”".encode()) == ("£45 – “free”", False)
    assert decode_bytes("£45 – “free” café".encode("cp1252"))[0] == "£45 – “free” café"
    assert decode_bytes("\ufeffHi".encode()) == ("Hi", False)
    assert decode_bytes("Caf\u00e9 lunch".encode("utf-16")) == ("Café lunch", False)
    page = '<meta charset="iso-8859-15"><p>Price: 10 €</p>'.encode("iso-8859-15")
    assert decode_bytes(page)[0].endswith("10 €</p>")


def test_binary_input_is_refused_with_a_clear_error() -> None:
    with pytest.raises(UnreadableInputError):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")


@pytest.mark.parametrize(("broken", "fixed"), [
    ("Weâ€™ll meet", "We’ll meet"),
    ("Â£45 + VAT", "£45 + VAT"),
    ("the â€œnext questionâ€. Then", "the “next question”. Then"),
])
def test_mojibake_is_repaired(broken: str, fixed: str) -> None:
    assert repair_mojibake(broken) == (fixed, True)


@pytest.mark.parametrize("clean", ["naïve café", "Wiśniewski – 10am", "Ångström Â", "plain"])
def test_clean_text_is_left_alone(clean: str) -> None:
    assert repair_mojibake(clean) == (clean, False)


def test_the_caller_names_the_format() -> None:
    html = "<p>Briefing</p><p>3 March 2026</p>"
    assert read(html, format="text").text == html
    assert read(html, format="html").text == "Briefing\n3 March 2026"
    assert parse(html, format="html", nlp_model="blank").format == "html"
    with pytest.raises(UnknownFormatError):
        read(html, format="pdf")


def test_reader_aliases() -> None:
    assert reader_for("MD") is reader_for("markdown")
    assert reader_for("eml") is reader_for("email")


def test_a_pasted_date_line_is_not_an_rfc_message() -> None:
    pasted = ("From: Team <team@example.org>\nTo: Heads\nDate: Mon 1 Dec 2025 09:12\n"
              "Subject: Forum\n\nBody")
    assert detect_format(pasted, "forum.txt") == "text"
