"""The Markdown reader: headings, bullets, emphasis and links as visible text and blocks."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventparse import parse
from eventparse.document import Document
from eventparse.read import read
from eventparse.read.markdown import inline_text, read_markdown

READERS = Path(__file__).resolve().parent / "data" / "readers"


@pytest.fixture(scope="module")
def listing() -> Document:
    return read_markdown((READERS / "listing.md").read_text(encoding="utf-8"))


def blocks(doc: Document) -> list[tuple[str, int, str | None, str]]:
    return [(b.kind, b.level, b.key, b.value) for b in doc.blocks]


def test_atx_and_setext_headings_keep_their_level(listing: Document) -> None:
    found = blocks(listing)
    assert found[0] == ("heading", 1, None, "Working with neurodivergent parents")
    assert ("heading", 2, None, "About the speaker") in found
    assert ("heading", 2, None, "Learning outcomes") in found


def test_bold_keys_become_key_value_lines(listing: Document) -> None:
    found = blocks(listing)
    assert ("key_value", 0, "Date", "Thursday 19 March 2026") in found
    assert ("key_value", 0, "Where", "Online via Microsoft Teams") in found
    assert ("key_value", 0, "Booking", "free, via the booking page.") in found  # in a quote


def test_bullets_of_every_kind_are_list_items(listing: Document) -> None:
    items = [(b.level, b.text) for b in listing.blocks if b.kind == "list_item"]
    assert items == [(0, "Describe how neurodivergence can shape parenting."),
                     (0, "Adapt assessments using reasonable adjustments."),
                     (0, "Plan support with the family."),
                     (1, "Agree a communication plan.")]
    assert "\n- Describe how" in listing.text and "\n1. Agree" in listing.text


def test_syntax_is_gone_from_the_text(listing: Document) -> None:
    for syntax in ("**", "](", "<!--", "[book]", "|---", "`", "portrait", "\n---"):
        assert syntax not in listing.text
    assert "snake_case_notes are *not* emphasis" in listing.text


def test_table_rows_are_key_value_lines(listing: Document) -> None:
    assert ("key_value", 0, "Part 1", "19 March 2026") in blocks(listing)


def test_spans_cover_block_text(listing: Document) -> None:
    for block in listing.blocks:
        assert listing.text[block.start:block.end] == block.text


@pytest.mark.parametrize(("markdown", "visible"), [
    ("**Date:** 3 March", "Date: 3 March"),
    ("via [Zoom](https://zoom.us/j/1) or <https://example.org>", "via Zoom or https://example.org"),
    ("*online* and _in person_", "online and in person"),
    ("~~10am~~ 11am", "10am 11am"),
    (r"5 \* 3", "5 * 3"),
    ("2 * 3 * 4", "2 * 3 * 4"),
])
def test_inline_text(markdown: str, visible: str) -> None:
    assert inline_text(markdown) == visible


def test_markdown_is_detected_by_content_and_extension() -> None:
    assert read("# Briefing\n\nDate: 3 March 2026").format == "markdown"
    assert read("Briefing\nDate: 3 March", source="notes.md").format == "markdown"
    assert read("Briefing\nDate: 3 March 2026").format == "text"


def test_a_markdown_listing_parses_like_its_text() -> None:
    event = parse((READERS / "listing.md").read_text(encoding="utf-8"),
                  reference_date="2026-02-01", nlp_model="blank")
    assert event.format == "markdown"
    assert event.title == "Working with neurodivergent parents"
    assert event.learning_outcomes[:2] == ["Describe how neurodivergence can shape parenting.",
                                           "Adapt assessments using reasonable adjustments."]


def test_long_and_odd_markdown_reads_quickly() -> None:
    doc = read_markdown("*" * 100_000 + "\n" + "[" * 50_000 + "\n" + "_a " * 100_000)
    assert doc.blocks


def test_soft_wrapped_lines_rejoin_their_item_or_paragraph() -> None:
    doc = read_markdown("A webinar for practitioners who assess\nand support parents.\n"
                        "**Date:** 3 March 2026\n**Time:** 10am\n\n"
                        "* Describe how neurodivergence can shape\n  family life.\n* Plan support.")
    assert blocks(doc) == [
        ("paragraph", 0, None, "A webinar for practitioners who assess and support parents."),
        ("key_value", 0, "Date", "3 March 2026"),
        ("key_value", 0, "Time", "10am"),
        ("list_item", 0, None, "Describe how neurodivergence can shape family life."),
        ("list_item", 0, None, "Plan support."),
    ]


def test_a_bulleted_detail_line_is_a_key_value_line() -> None:
    doc = read_markdown("# Briefing\n- **Date:** 3 March 2026\n- Note: bring a laptop")
    assert blocks(doc)[1:] == [("key_value", 0, "Date", "3 March 2026"),
                               ("list_item", 0, None, "Note: bring a laptop")]


def test_a_table_header_row_is_not_a_key_and_its_value() -> None:
    doc = read_markdown("| Name | Role |\n|---|---|\n| Ana Ruiz | Lead trainer |")
    assert [(b.kind, b.key) for b in doc.blocks] == [("paragraph", None),
                                                     ("key_value", "Ana Ruiz")]
