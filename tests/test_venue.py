"""Venue rules that the corpus examples state as positives, checked from the other side:
what must not be joined on or taken as the venue."""

from __future__ import annotations

import eventparse


def _venue(text: str, **options: str) -> str | None:
    event = eventparse.parse(text, reference_date="2026-01-15", nlp_model="blank", **options)
    return event.delivery.venue


def test_a_second_place_line_without_an_address_is_not_joined_on() -> None:
    text = ("Court skills workshop\nDate: 4 March 2026, 10:00-12:00\n"
            "Venue: Brook Centre\nWhere: Room 4\n\nAbout\nA workshop.\n")
    assert _venue(text) == "Brook Centre"


def test_an_address_block_in_a_speakers_bio_is_not_the_venue() -> None:
    text = ("Court skills workshop\nDate: 4 March 2026, 10:00-12:00\n\n"
            "About\nA workshop on giving evidence.\n\nFacilitators\n"
            "Dr Ann Hale, Senior Lecturer\nSchool of Law\n3 College Road\nSelbury SL1 2AB\n")
    assert _venue(text) is None


def test_an_address_block_far_down_an_event_with_a_platform_is_not_the_venue() -> None:
    text = ("Court skills session\nDate: 4 March 2026, 10:00-12:00\nJoin on Zoom.\n\n"
            "About\nA session on giving evidence.\n\nSelbury Safeguarding Partnership\n"
            "Civic Centre\nSelbury SL1 1AA\n")
    assert _venue(text) is None


def test_a_json_ld_location_that_is_only_online_gives_no_venue() -> None:
    html = ('<html><head><script type="application/ld+json">{"@type": "Event", '
            '"name": "Court skills", "startDate": "2026-03-04T10:00", "location": '
            '[{"@type": "VirtualLocation", "url": "https://learn.example.org/court"}]}'
            '</script></head><body><h1>Court skills</h1><p>4 March 2026, 10:00-12:00</p>'
            '</body></html>')
    assert _venue(html, format="html") is None


def test_a_json_ld_address_given_as_text_is_joined_to_the_place_name() -> None:
    html = ('<html><head><script type="application/ld+json">{"@type": "Event", '
            '"name": "Court skills", "startDate": "2026-03-04T10:00", "location": '
            '{"@type": "Place", "name": "Brook Centre", "address": "12 High Street, '
            'Bexley DA5 1AA"}}</script></head><body><h1>Court skills</h1>'
            '<p>4 March 2026, 10:00-12:00</p></body></html>')
    assert _venue(html, format="html") == "Brook Centre, 12 High Street, Bexley DA5 1AA"


def test_a_microdata_place_gives_its_name_and_address_joined() -> None:
    html = ('<html><body><div itemscope itemtype="https://schema.org/Event">'
            '<h1 itemprop="name">Court skills</h1><p><time itemprop="startDate" '
            'datetime="2026-03-04T10:00">4 March 2026, 10am</time></p>'
            '<div itemprop="location" itemscope itemtype="https://schema.org/Place">'
            '<meta itemprop="name" content="Brook Centre"><div itemprop="address" itemscope '
            'itemtype="https://schema.org/PostalAddress"><meta itemprop="streetAddress" '
            'content="12 High Street"><meta itemprop="addressLocality" content="Bexley">'
            '<meta itemprop="postalCode" content="DA5 1AA"></div></div>'
            '<p>A workshop.</p></div></body></html>')
    assert _venue(html, format="html") == "Brook Centre, 12 High Street, Bexley DA5 1AA"
