"""The HTML reader: main content, boilerplate out, layout as blocks, structured evidence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from eventparse import parse, parse_file
from eventparse.document import Document, StructuredEvent
from eventparse.model import Delivery, DeliveryMode, Event, Evidence, Session, Span
from eventparse.read import read
from eventparse.read.html import read_html
from eventparse.validate import mojibake, structured_data_mismatch

READERS = Path(__file__).resolve().parent / "data" / "readers"
LISTINGS = Path(__file__).resolve().parent / "data" / "listings"
LONDON = ZoneInfo("Europe/London")


def page(name: str) -> Document:
    return read_html((READERS / name).read_text(encoding="utf-8"))


def kinds(doc: Document) -> list[tuple[str, int, str | None, str]]:
    return [(b.kind, b.level, b.key, b.value) for b in doc.blocks]


# --- boilerplate -----------------------------------------------------------------------------

@pytest.mark.parametrize("other_event", [
    "7 July 2026", "14 July 2026", "1 September 2026", "20 June 2026", "1 August 2026",
    "5 May 2026", "1 January 2026", "2 June 2026", "3 June 2026",
])
def test_other_events_dates_in_boilerplate_are_dropped(other_event: str) -> None:
    assert other_event not in page("related_cards.html").text


@pytest.mark.parametrize("furniture", [
    "Home", "cookies", "Share this event", "newsletter", "Related events", "Upcoming events",
    "You might also like", ".card",
])
def test_page_furniture_is_not_text(furniture: str) -> None:
    assert furniture not in page("related_cards.html").text


def test_related_and_other_cards_leave_the_listings_dates_alone() -> None:
    for path in sorted(LISTINGS.glob("*.html")):
        text = read_html(path.read_text(encoding="utf-8")).text
        for phrase in ("Related events", "You might also like", "More in this series",
                       "Also coming up", "Other safeguarding training", "Other events",
                       "cookies", "Subscribe"):
            assert phrase not in text, (path.name, phrase)


def test_a_page_without_main_drops_menus_and_footers() -> None:
    doc = page("no_main.html")
    assert "Mental capacity" not in doc.text and "Copyright" not in doc.text
    assert doc.text.startswith("Domestic abuse awareness\n")


# --- layout ----------------------------------------------------------------------------------

def test_headings_key_values_lists_and_rows_become_blocks() -> None:
    blocks = kinds(page("related_cards.html"))
    assert ("heading", 1, None, "Trauma-informed supervision for team managers") in blocks
    assert ("heading", 2, None, "About this webinar") in blocks
    assert ("key_value", 0, "Date", "Tuesday 16 June 2026") in blocks
    assert ("key_value", 0, "Time", "9.30am to 12pm") in blocks  # <dt>Time:</dt> keeps one colon
    assert ("key_value", 0, "Cost", "Free") in blocks  # a label span with no colon
    assert ("key_value", 0, "Venue", "Online") in blocks  # a <th> row header
    assert ("key_value", 0, "09:30", "Welcome, and introductions") in blocks
    assert ("list_item", 0, None, "Team managers") in blocks
    assert ("list_item", 0, None, "Practice supervisors") in blocks  # <li><p>...</p></li>
    assert ("list_item", 0, None, "Plan a reflective supervision session.") in blocks


def test_spans_point_at_the_block_text_and_markers_stay_outside() -> None:
    doc = page("related_cards.html")
    for block in doc.blocks:
        assert doc.text[block.start:block.end] == block.text
    assert "\n2. Plan a reflective supervision session." in doc.text
    assert "\n- Team managers" in doc.text


def test_br_breaks_a_line_and_white_space_collapses() -> None:
    doc = page("related_cards.html")
    assert ("Supervision is where practice is made sense of. This session looks at how "
            "managers can hold the emotional impact of the work.\n"
            "It includes time for questions.") in doc.text


def test_bold_only_paragraph_is_a_heading_and_key_lines_split() -> None:
    doc = read_html("<div><p><b>Who should attend</b></p><p>Social workers.</p>"
                    "<p><strong>Date:</strong> 3 March 2026</p></div>")
    assert kinds(doc) == [("heading", 0, None, "Who should attend"),
                          ("paragraph", 0, None, "Social workers."),
                          ("key_value", 0, "Date", "3 March 2026")]


def test_deeply_nested_markup_does_not_overflow() -> None:
    html = "<div>" * 5000 + "Knife crime briefing" + "</div>" * 5000
    assert read_html(html).text == "Knife crime briefing"


def test_a_one_megabyte_line_reads() -> None:
    doc = read_html("<p>" + "word " * 200_000 + "</p>")
    assert len(doc.blocks) == 1 and len(doc.text) > 900_000


def test_empty_and_broken_markup_give_a_document() -> None:
    assert read_html("").text == ""
    assert read_html("<p>unclosed <b>bold <i>and").text == "unclosed bold and"


# --- structured evidence -----------------------------------------------------------------------

def test_json_ld_in_a_graph_is_read() -> None:
    found = [s for s in page("related_cards.html").structured if s.source == "json-ld"]
    assert found == [StructuredEvent(
        source="json-ld", name="Trauma-informed supervision for team managers",
        start="2026-06-16T08:30:00Z", end="2026-06-16T11:00:00Z",
        location="https://example.org/join", attendance_mode="online")]


def test_time_elements_keep_the_span_of_their_visible_text() -> None:
    doc = page("related_cards.html")
    times = [s for s in doc.structured if s.source == "time"]
    assert [(t.start, t.text) for t in times] == [("2026-06-16", "Tuesday 16 June 2026"),
                                                 ("2026-06-16T09:30", "9.30am")]
    for item in times:
        assert item.span is not None and doc.text[item.span[0]:item.span[1]] == item.text


def test_microdata_event() -> None:
    found = [s for s in page("microdata.html").structured if s.source == "microdata"]
    assert found == [StructuredEvent(
        source="microdata", name="Signs of Safety refresher", start="2026-03-16T10:00",
        end="2026-03-16T12:00", location="Room 2, County Hall", attendance_mode="in_person")]


def test_broken_json_ld_is_ignored() -> None:
    doc = read_html('<script type="application/ld+json">{"@type": "Event", </script><p>Hi</p>')
    assert doc.structured == [] and doc.text == "Hi"


# --- the two rules -----------------------------------------------------------------------------

def _event(start: dt.datetime, end: dt.datetime, mode: DeliveryMode = "online",
           title: str = "Trauma-informed supervision for team managers") -> Event:
    session = Session(date=start.date(), start_time=start.time(), end_time=end.time(),
                      start=start, end=end)
    evidence = Evidence(spans=[Span(start=0, end=5)], rule="test", text="x")
    return Event(title=title, sessions=[session], delivery=Delivery(mode=mode),
                 provenance={"sessions[0]": evidence})


def _doc(*items: StructuredEvent) -> Document:
    return Document(text="Tuesday 16 June 2026 9.30am", blocks=[], structured=list(items))


def test_utc_in_json_ld_is_the_same_instant_as_bst_text() -> None:
    event = _event(dt.datetime(2026, 6, 16, 9, 30, tzinfo=LONDON),
                   dt.datetime(2026, 6, 16, 12, 0, tzinfo=LONDON))
    item = StructuredEvent("json-ld", start="2026-06-16T08:30:00Z", end="2026-06-16T11:00:00Z",
                           attendance_mode="online",
                           name="Trauma-informed supervision for team managers")
    assert structured_data_mismatch(event, _doc(item)) == []


def test_a_different_end_is_a_mismatch_naming_both_values() -> None:
    event = _event(dt.datetime(2026, 11, 26, 10, 0, tzinfo=LONDON),
                   dt.datetime(2026, 11, 26, 12, 30, tzinfo=LONDON))
    item = StructuredEvent("json-ld", start="2026-11-26T10:00:00Z", end="2026-11-26T12:00:00Z")
    problems = structured_data_mismatch(event, _doc(item))
    assert [p.code for p in problems] == ["structured-data-mismatch"]
    assert "12:00" in problems[0].message and "12:30" in problems[0].message


def test_mode_and_name_disagreements_are_mismatches() -> None:
    event = _event(dt.datetime(2026, 6, 16, 9, 30, tzinfo=LONDON),
                   dt.datetime(2026, 6, 16, 12, 0, tzinfo=LONDON), mode="in_person")
    item = StructuredEvent("microdata", name="Court skills for beginners",
                           attendance_mode="online")
    messages = [p.message for p in structured_data_mismatch(event, _doc(item))]
    assert len(messages) == 2
    assert any("online" in m and "in_person" in m for m in messages)
    assert any("Court skills" in m for m in messages)


def test_a_time_element_is_checked_only_against_the_session_it_marks() -> None:
    event = _event(dt.datetime(2026, 6, 16, 9, 30, tzinfo=LONDON),
                   dt.datetime(2026, 6, 16, 12, 0, tzinfo=LONDON))
    elsewhere = StructuredEvent("time", start="2026-05-01", text="1 May", span=(40, 45))
    on_it = StructuredEvent("time", start="2026-06-17", text="Tuesday", span=(0, 7))
    assert structured_data_mismatch(event, _doc(elsewhere)) == []
    assert len(structured_data_mismatch(event, _doc(on_it))) == 1


def test_mojibake_is_repaired_and_flagged() -> None:
    event = parse_file(LISTINGS / "dev-016.html", reference_date="2026-01-05", nlp_model="blank")
    assert "“professional curiosity”" in event.text and "â€" not in event.text
    assert "mojibake" in {p.code for p in event.problems}
    clean = parse("<h1>Briefing</h1><p>It’s on 3 March 2026</p>", nlp_model="blank",
                  reference_date="2026-01-05")
    assert "mojibake" not in {p.code for p in clean.problems}


def test_mojibake_rule_reads_the_document_flag() -> None:
    doc = read("weâ€™ll meet on Zoom", format="text")
    assert doc.repaired_encoding and doc.text == "we’ll meet on Zoom"
    assert [p.code for p in mojibake(Event(), doc)] == ["mojibake"]


# --- the listings, whole -------------------------------------------------------------------

@pytest.mark.parametrize("path", sorted(LISTINGS.glob("*.html")), ids=lambda p: p.name)
def test_listing_pages_read_as_html_with_their_title_as_h1(path: Path) -> None:
    doc = read(path.read_bytes(), source=str(path))
    assert doc.format == "html"
    assert any(b.kind == "heading" and b.level == 1 for b in doc.blocks)
    assert "<" not in doc.text.replace("< ", "")


def test_other_events_declared_on_the_page_are_not_compared() -> None:
    event = _event(dt.datetime(2026, 6, 16, 9, 30, tzinfo=LONDON),
                   dt.datetime(2026, 6, 16, 12, 0, tzinfo=LONDON))
    own = StructuredEvent("json-ld", name="Trauma-informed supervision for team managers",
                          start="2026-06-16T08:30:00Z")
    other = StructuredEvent("json-ld", name="Court skills day", start="2026-09-01T09:00:00Z")
    assert structured_data_mismatch(event, _doc(own, other)) == []


def test_microdata_on_a_related_card_is_not_evidence() -> None:
    doc = read_html('<main><h1>Briefing</h1><p>On 3 March 2026, online.</p>'
                    '<div class="related-events" itemscope itemtype="https://schema.org/Event">'
                    '<span itemprop="name">Other</span></div></main>')
    assert doc.structured == []


def test_a_data_table_with_one_paragraph_per_cell_keeps_its_rows() -> None:
    doc = read_html("<table><tr><td><p>1</p></td><td><p>Tue 13 Jan 2026</p></td>"
                    "<td><p>13:30-15:30</p></td></tr></table>")
    assert kinds(doc) == [("key_value", 0, "1", "Tue 13 Jan 2026 | 13:30-15:30")]


def test_a_layout_table_gives_a_line_per_paragraph() -> None:
    doc = read_html("<table><tr><td><p>Court skills</p><p>Date: 3 March 2026</p></td></tr></table>")
    assert kinds(doc) == [("paragraph", 0, None, "Court skills"),
                          ("key_value", 0, "Date", "3 March 2026")]


def test_a_site_name_h1_in_the_masthead_is_furniture() -> None:
    doc = read_html('<body><header id="masthead"><h1>Eastshire SAB</h1></header>'
                    "<div><h1>Self-neglect workshop</h1><p>On 12 March 2026.</p></div></body>")
    assert doc.text == "Self-neglect workshop\nOn 12 March 2026."


def test_values_without_a_term_are_lines_of_their_own() -> None:
    doc = read_html("<dl><dd>Riverside Centre</dd><dd><address>1 High St<br>Eastshire ES1 1AA"
                    "</address></dd></dl>")
    assert doc.text == "Riverside Centre\n1 High St, Eastshire ES1 1AA"


def test_a_details_box_beside_main_is_kept_and_other_sidebars_are_not() -> None:
    doc = read_html("<body><main><h1>Court skills</h1><p>A workshop on writing for court.</p>"
                    "</main><aside><h2>Event details</h2><p><b>Date:</b> 3 March 2026</p></aside>"
                    "<aside><h2>Other events</h2><p>Date: 5 May 2026</p></aside>"
                    "<aside><h2>Contact</h2><p>Call 01632 960000</p></aside></body>")
    assert doc.text == ("Court skills\nA workshop on writing for court.\n\n"
                        "Event details\nDate: 3 March 2026")


def test_preformatted_text_keeps_its_lines() -> None:
    doc = read_html("<h1>Talk</h1><pre>Topic:    Robots\nDates:    3-Mar-26\n\n * first point\n"
                    "A <b>bold</b> word\n</pre><p>after</p>")
    assert doc.text == ("Talk\nTopic:    Robots\nDates:    3-Mar-26\n* first point\n"
                        "A bold word\nafter")
    assert [(b.kind, b.key) for b in doc.blocks][1:4] == [
        ("key_value", "Topic"), ("key_value", "Dates"), ("list_item", None)]


def test_a_hero_banner_above_main_gives_the_title() -> None:
    doc = read_html('<body><header class="site-header"><nav>Home</nav><div class="hero">'
                    "<h1>Court skills</h1><p>Date: 3 March 2026</p></div></header>"
                    "<main><h2>About</h2><p>A workshop.</p></main><footer>x</footer></body>")
    assert doc.text == "Court skills\nDate: 3 March 2026\n\nAbout\nA workshop."


@pytest.mark.parametrize(("opening", "closing"), [("<!--", "-->"), ("//<![CDATA[", "//]]>")])
def test_json_ld_wrapped_in_a_comment_or_cdata_is_read(opening: str, closing: str) -> None:
    doc = read_html(f'<script type="application/ld+json">{opening}\n'
                    f'{{"@type": "Event", "name": "Briefing"}}\n{closing}</script><p>Hi</p>')
    assert [s.name for s in doc.structured] == ["Briefing"]


def test_address_element_lines_are_marked() -> None:
    doc = read_html("<main><h1>Workshop</h1><address>The Guildhall<br>High Street<br>"
                    "Winchester</address><p>Lunch provided.</p></main>")
    groups = doc.extras["address_lines"]
    assert [[doc.text[a:b] for a, b in lines] for lines in groups] == [
        ["The Guildhall", "High Street", "Winchester"]]


def test_a_list_in_a_definition_keeps_its_items() -> None:
    doc = read_html("<dl><dt>Venue</dt><dd>Room 2</dd><dt>Objectives</dt><dd><ul>"
                    "<li>Plan a visit.</li><li>Write it up.</li></ul></dd></dl>")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("key_value", "Venue: Room 2"), ("paragraph", "Objectives"),
        ("list_item", "Plan a visit."), ("list_item", "Write it up.")]


def test_a_large_bold_line_stands_for_a_missing_h1() -> None:
    doc = read_html("<body><div class='menu'>Home | Events</div><div class='main'>"
                    "<p style='font-size: 20px'><strong>Sibling contact: a practice guide"
                    "</strong></p><p>Date: 2 June 2026</p></div></body>")
    heading = [b for b in doc.blocks if b.kind == "heading"]
    assert [(b.level, b.text) for b in heading] == [(1, "Sibling contact: a practice guide")]
    # Plain bold in ordinary text, or a label, is not promoted; nor is anything beside an h1.
    plain = read_html("<body><p><b>Please note</b> the change.</p><p style='font-size:24px'>"
                      "<b>Date:</b></p></body>")
    assert all(b.level != 1 for b in plain.blocks)
    with_h1 = read_html("<body><h1>Real title</h1><font size='5'><b>Big words here</b></font>"
                        "</body>")
    assert [b.text for b in with_h1.blocks if b.level == 1] == ["Real title"]


def test_a_label_cell_and_its_value_cell_are_one_key_value_line() -> None:
    doc = read_html("<div class='row'><div class='label'>Where:</div><div>Online (Zoom)</div>"
                    "</div><div class='row'><div>Suitable for:</div><div>Social workers<br>"
                    "Team managers</div></div>")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("key_value", "Where: Online (Zoom)"), ("key_value", "Suitable for:"),
        ("paragraph", "Social workers"), ("paragraph", "Team managers")]


def test_a_line_break_in_a_value_leaves_no_space_before_its_comma_and_map_links_go() -> None:
    doc = read_html("<dl><dt>Address:</dt><dd><span>4 Mill Lane</span>\n<br>"
                    "<span>Harrowby</span> <a class='venue-gmap' href='#'>+ Google Map</a>"
                    "</dd></dl>")
    assert doc.blocks[0].text == "Address: 4 Mill Lane, Harrowby"


def test_a_form_that_wraps_the_page_is_read_and_a_booking_form_is_not() -> None:
    page = ('<body><form id="aspnetForm" method="post"><h1>Coercive control</h1>'
            "<p>Date: Thursday 5 March 2026</p><p>Online via Microsoft Teams</p>"
            '<input type="hidden" name="__VIEWSTATE" value="x"></form></body>')
    assert read_html(page).text.splitlines()[:2] == ["Coercive control",
                                                     "Date: Thursday 5 March 2026"]
    booking = ("<body><main><h1>Coercive control</h1><p>Date: Thursday 5 March 2026. A workshop "
               "on coercive control in families and what practitioners can do.</p>"
               "<form><label>First name</label><input></form></main></body>")
    assert "First name" not in read_html(booking).text


def test_text_laid_out_in_its_own_lines_keeps_them() -> None:
    page = ("<body><h1>DASH training</h1><div class='desc'>Partnership training\n\n"
            "Date: Tuesday 10 February 2026\nTime: 9:30 - 12:30\n\nLearning outcomes:\n"
            "- Complete a risk checklist.\n- Know the referral route.</div></body>")
    lines = read_html(page).text.splitlines()
    assert "Time: 9:30 - 12:30" in lines and "- Know the referral route." in lines
    prose = ("<body><h1>Title</h1><p>A paragraph wrapped in the source\nat eighty columns,"
             "\nas editors leave it,\nwith no labels in it.</p></body>")
    assert read_html(prose).text.splitlines()[1].startswith("A paragraph wrapped in the source at")


def test_an_accordion_toggle_is_a_line_and_an_action_button_is_not() -> None:
    page = ("<body><h1>Capacity conference</h1><h2>Speakers</h2>"
            "<div class='panel-group'><button aria-controls='p1'>Dr Priya Natarajan</button>"
            "<div id='p1' hidden><p>Consultant</p></div></div>"
            "<div class='collapse-item'><button type='button'>Owen Marsh</button></div>"
            "<form><button type='submit'>Register</button></form><button>Share</button></body>")
    lines = [block.text for block in read_html(page).blocks]
    assert lines[2:] == ["Dr Priya Natarajan", "Owen Marsh"]


def test_a_data_table_inside_a_layout_table_keeps_its_rows_and_a_menu_column_goes() -> None:
    page = ("<body><table><tr><td><table><tr><td><a href='/'>Home</a></td></tr>"
            "<tr><td><a href='/c'>Courses</a></td></tr><tr><td><a href='/x'>Contact us</a>"
            "</td></tr></table></td><td><table border='1'><tr><td>Course title</td>"
            "<td>Domestic abuse and children</td></tr><tr><td>Day 1</td><td>2 March 2026</td>"
            "</tr><tr><td>Day 2</td><td>9 March 2026</td></tr></table></td></tr></table></body>")
    blocks = read_html(page).blocks
    assert [(b.kind, b.key) for b in blocks] == [
        ("key_value", "Course title"), ("key_value", "Day 1"), ("key_value", "Day 2")]


def test_numbered_lines_split_by_line_breaks_are_list_items() -> None:
    doc = read_html("<p>Aims<br>1. Map the family network.<br>2. Plan the next visit.</p>"
                    "<p>In 2. weeks<br>see you</p>")
    assert [(b.kind, b.text) for b in doc.blocks[1:3]] == [
        ("list_item", "Map the family network."), ("list_item", "Plan the next visit.")]
    assert "\n1. Map the family network.\n2. Plan" in doc.text
    assert doc.blocks[-1].kind == "paragraph"


def test_a_cms_field_label_without_colon_is_a_key_not_a_heading() -> None:
    page = ("<body><h1>Neglect toolkit workshop</h1><div class='field field--label-inline'>"
            "<div class='field-label'>Venue</div><div class='field-item'>Town Hall, Oxley</div>"
            "</div><p>The workshop is led by Sam Ortiz.</p></body>")
    blocks = read_html(page).blocks
    assert (blocks[1].kind, blocks[1].text) == ("key_value", "Venue: Town Hall, Oxley")
    assert blocks[2].kind == "paragraph"
    long_value = ("<div><div class='field__label'>Cost</div><div class='field__item'>"
                  + "word " * 30 + "</div></div>")
    assert read_html(long_value).blocks[0].kind != "key_value"
