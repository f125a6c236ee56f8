"""The sectioner: headings, labelled lines, lead-ins and bullet runs, never line numbers."""

from __future__ import annotations

from eventparse.document import Block, Document
from eventparse.read.text import read_text
from eventparse.sections import Section, heading_kind, split_sections


def _kinds(text: str) -> list[tuple[str, list[str]]]:
    return [(s.kind, [b.text for b in s.blocks]) for s in split_sections(read_text(text))]


def _section_of(sections: list[Section], text: str) -> str:
    for section in sections:
        if any(b.text == text for b in section.blocks):
            return section.kind
    raise AssertionError(f"{text!r} is in no section")


def test_heading_with_content_under_it_opens_its_kind() -> None:
    kinds = _kinds("A title\nAbout the workshop\nSome text here.\nMore text here.")
    assert kinds[1] == ("description", ["Some text here.", "More text here."])


def test_key_value_line_is_one_block_and_the_interrupted_section_continues() -> None:
    sections = split_sections(read_text(
        "About the course\nFirst paragraph.\nCost: Free\nSecond paragraph."))
    assert [s.kind for s in sections] == ["description", "price", "description"]
    assert sections[2].continues and sections[2].heading is sections[0].heading


def test_empty_key_opens_a_section_over_the_bullets_under_it() -> None:
    sections = split_sections(read_text(
        "Title\nSuitable for:\n- Social workers\n- Team managers\nLearning outcomes\n- Learn"))
    assert _section_of(sections, "Social workers") == "audience"
    assert _section_of(sections, "Team managers") == "audience"
    assert _section_of(sections, "Learn") == "outcomes"


def test_lead_in_ending_with_colon_opens_outcomes() -> None:
    sections = split_sections(read_text(
        "Who should attend\nSocial workers.\n\nBy the end of this session you will:\n"
        "• Understand the principles.\n• Be able to map peer groups."))
    assert _section_of(sections, "Understand the principles.") == "outcomes"


def test_inline_label_with_a_question_mark() -> None:
    sections = split_sections(read_text(
        "Title\nWho is this for? Social workers and personal advisers.\nLearning outcomes\n- A"))
    assert _section_of(sections, "Who is this for? Social workers and personal advisers.") == (
        "audience")


def test_presented_by_line_stands_alone() -> None:
    sections = split_sections(read_text(
        "A title: its subtitle\nPresented by Dr Amara Osei-Bonsu\n\n"
        "Assessing capacity is rarely a one-off event, and practitioners find it hard."))
    assert _section_of(sections, "Presented by Dr Amara Osei-Bonsu") == "presenters"
    assert _section_of(sections, "Assessing capacity is rarely a one-off event, and "
                                 "practitioners find it hard.") == "preamble"


def test_event_type_statement_ends_the_outcomes_section() -> None:
    sections = split_sections(read_text(
        "Learning Outcomes\n- Recognise risk.\nThis event is a webinar.\n"
        "Webinars are short online sessions.\nAudience Types\nPractitioners\nSocial workers"))
    assert _section_of(sections, "Webinars are short online sessions.") == "event_type"
    assert _section_of(sections, "Practitioners") == "audience"


def test_standards_line_without_a_heading() -> None:
    sections = split_sections(read_text(
        "Learning outcomes\n- Learn things.\n\nPCF domains 5 (Knowledge) and 7 (Skills)\n"))
    assert _section_of(sections, "PCF domains 5 (Knowledge) and 7 (Skills)") == "standards"


def test_unknown_banner_line_is_not_a_heading() -> None:
    assert heading_kind("Course | Harrowden Family Safeguarding Service") is None
    sections = split_sections(read_text(
        "Children living with domestic abuse\n\nCourse | Harrowden Family Safeguarding "
        "Service\n\nDate: Tuesday 12 February 2026"))
    assert sections[0].kind == "preamble"
    assert [b.text for b in sections[0].blocks] == [
        "Children living with domestic abuse", "Course | Harrowden Family Safeguarding Service"]


def test_mail_headers_greeting_and_signature() -> None:
    sections = split_sections(read_text(
        "From: Team <team@example.org>\nDate: Mon 1 Dec 2025 09:12\nSubject: A forum\n\n"
        "Dear colleagues,\n\nThe forum title: spring 2026\n\nDate: Thursday 15 January 2026\n\n"
        "Kind regards,\nSarah\nEducation Team"))
    assert _section_of(sections, "Dear colleagues,") == "greeting"
    assert _section_of(sections, "The forum title: spring 2026") == "preamble"
    assert _section_of(sections, "Sarah") == "boilerplate"
    kinds_of_dates = [s.kind for s in sections for b in s.blocks if b.key == "Date"]
    assert kinds_of_dates == ["headers", "schedule"]


def _html_like(*blocks: tuple[str, str, int]) -> Document:
    text, out = "", []
    for kind, content, level in blocks:
        start = len(text)
        text += content + "\n"
        out.append(Block(kind, start, start + len(content), content, level=level))  # type: ignore[arg-type]
    return Document(text=text, blocks=out, format="html")


def test_structured_headings_sub_headings_stay_in_their_section() -> None:
    doc = _html_like(("heading", "A page title", 1), ("heading", "Speakers", 2),
                     ("heading", "Dr Nadia Okafor", 3), ("paragraph", "Nadia is a researcher.", 0),
                     ("heading", "Getting there", 2), ("paragraph", "Take the bus.", 0))
    sections = split_sections(doc)
    assert [(s.kind, s.level) for s in sections] == [("preamble", 0), ("presenters", 2),
                                                     ("other", 2)]
    assert _section_of(sections, "Dr Nadia Okafor") == "presenters"
    assert _section_of(sections, "Take the bus.") == "other"
    assert _section_of(sections, "A page title") == "preamble"


def test_every_block_is_in_exactly_one_section() -> None:
    doc = read_text("T\nDate: 1 May 2026\nAbout\nText.\nKey information\nCost: Free\n"
                    "Speakers\n- A\n- B\nDear all,\nThanks")
    placed = [b for s in split_sections(doc) for b in s.blocks]
    headings = [s.heading for s in split_sections(doc) if s.heading and not s.continues]
    assert sorted(id(b) for b in placed + headings) == sorted(id(b) for b in doc.blocks)


def test_one_megabyte_line_splits_without_trouble() -> None:
    doc = read_text("Who is this for? " + "social workers and " * 60_000)
    sections = split_sections(doc)
    assert sections[0].kind == "audience"


def test_labels_with_a_tail_still_name_their_section() -> None:
    sections = split_sections(read_text(
        "Title here: sub\nLearning outcomes include:\n- One\n- Two\nThe speakers are:\n"
        "- Jane Smith\nJoin the meeting now:\nhttps://example.org/join"))
    assert _section_of(sections, "One") == "outcomes"
    assert _section_of(sections, "Jane Smith") == "presenters"
    # An unknown lead-in opens an 'other' section rather than joining the one above.
    assert _section_of(sections, "https://example.org/join") == "other"


def test_from_and_to_in_the_body_are_not_mail_headers() -> None:
    sections = split_sections(read_text("Knife crime: a briefing\nFrom: 10am to 12pm\nTo: all"))
    assert [s.kind for s in sections] == ["preamble"]


def test_a_curly_apostrophe_matches_the_straight_one_in_headings() -> None:
    assert heading_kind("Who’s this event for?") == heading_kind("Who's this event for?")
    assert heading_kind("What you’ll be able to do") == heading_kind("What you'll be able to do")


def test_headers_under_an_original_message_line_are_mail_headers() -> None:
    sections = split_sections(read_text(
        "----- Original Message -----\nFrom: Lee Grant\nTo: Team managers\n"
        "Subject: Audit day\n\nHi all,\nSee you there."))
    assert _section_of(sections, "From: Lee Grant") == "headers"
    assert _section_of(sections, "To: Team managers") == "headers"


def test_an_h1_after_a_sidebar_box_ends_the_box() -> None:
    doc = Document(
        text="Upcoming events\nCarers' forum\nDomestic abuse and older people\nDate: 3 May",
        blocks=[Block("paragraph", 0, 15, "Upcoming events"),
                Block("paragraph", 16, 29, "Carers' forum"),
                Block("heading", 30, 61, "Domestic abuse and older people", level=1),
                Block("key_value", 62, 73, "Date: 3 May", key="Date", value_start=68)],
        format="html")
    sections = split_sections(doc)
    assert _section_of(sections, "Carers' forum") == "boilerplate"
    headed = [s for s in sections if s.heading and s.heading.text.startswith("Domestic")]
    assert len(headed) == 1 and headed[0].kind != "boilerplate"
