"""Delivery: mode, platform and venue on listings and seminar announcements."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import eventparse
from eventparse.evaluate import gold_pairs, norm, predicted
from eventparse.extract.delivery_mode import modes_stated
from eventparse.extract.platform import platform_name
from eventparse.extract.venue import clean_value, is_online_only, is_pending

from .conftest import LISTINGS, ROOT, module_from_file, shared_path

DELIVERY_FIELDS = ("delivery_mode", "platform", "venue")


def _parse(text: str) -> eventparse.Event:
    return eventparse.parse(text, reference_date="2026-01-15", nlp_model="blank")


@pytest.mark.parametrize("field_name", DELIVERY_FIELDS)
def test_text_listings_delivery_at_least_95_percent(field_name: str) -> None:
    pairs = gold_pairs(LISTINGS, (".txt",))
    assert pairs
    right = 0
    for path, gold in pairs:
        event = eventparse.parse_file(path, reference_date=gold["reference_date"],
                                      nlp_model="blank")
        right += norm(predicted(event)[field_name]) == norm(gold[field_name])
    assert right / len(pairs) >= 0.95


@pytest.mark.parametrize(("text", "name"), [
    ("Teams", "Microsoft Teams"), ("on MS Teams", "Microsoft Teams"),
    ("Microsoft Teams", "Microsoft Teams"), ("Cisco Webex", "Webex"), ("WebEx", "Webex"),
    ("zoom.us/j/1", "Zoom"), ("Google Meet", "Google Meet"), ("GoTo Webinar", "GoToWebinar"),
    ("meet.google.com/abc-defg-hij", "Google Meet"), ("Skype", "Skype"),
])
def test_platform_spellings(text: str, name: str) -> None:
    assert platform_name(text) == name


def test_lower_case_common_words_are_no_platform() -> None:
    assert platform_name("social work teams zoom in on risk") is None


def test_related_events_do_not_give_the_platform() -> None:
    text = ("Training day\nVenue: Room 1, Town Hall, Leeds LS1 1UR\n\nRelated events\n"
            "Neglect webinar – 9 December 2026, online via Teams\n")
    event = _parse(text)
    assert event.delivery.platform is None
    assert event.delivery.mode == "in_person"


def test_venue_keeps_its_span() -> None:
    event = _parse("Workshop\nVenue: Room 2, Aire House, 18 Wharf Street, Leeds LS2 7EQ\n")
    assert event.delivery.venue == "Room 2, Aire House, 18 Wharf Street, Leeds LS2 7EQ"
    evidence = event.provenance["delivery.venue"]
    assert event.text[evidence.spans[0].start:evidence.spans[0].end].startswith("Room 2")


def test_online_and_pending_values_are_no_venue() -> None:
    assert is_online_only("Online via Google Meet")
    assert is_pending("TBC")
    assert not is_online_only("Conference Room B, Northampton NN1 5DA")
    assert clean_value("Doherty Hall 1112.") == "Doherty Hall 1112"


def test_modes_stated() -> None:
    assert modes_stated("Format: Webinar (Zoom)") == {"online"}
    assert modes_stated("Face-to-face") == {"in_person"}
    assert modes_stated("A hybrid event") == {"hybrid"}


@pytest.mark.parametrize(("meta_line", "expected"), [
    ("Thursday 5 March 2026 | 10:00 to 12:00 | In person, Leeds (venue confirmed on booking)",
     "in_person"),
    ("Workshop • Online • Free for partner agencies and schools across the county", "online"),
    ("Seminar | Online safety for children who game with strangers | Free", None),
])
def test_an_item_of_a_meta_line_states_the_mode(meta_line: str, expected: str | None) -> None:
    assert _parse(f"Working with fathers\n\n{meta_line}\n").delivery.mode == expected


def test_online_listing_gives_online_without_platform_problem() -> None:
    event = _parse("Briefing on neglect\nWhere: Online\nTuesday 3 March 2026, 10:00-11:00\n")
    assert event.delivery.mode == "online"
    assert event.delivery.platform is None
    assert event.delivery.venue is None


def test_one_megabyte_line_is_quick_to_refuse() -> None:
    event = _parse("Venue: " + "Hall " * 200_000)
    assert event.delivery.venue is not None


def test_seminar_sample_location_scores() -> None:
    from benchmarks.seminars import load, score

    folder = shared_path("corpora", "seminars", "dev")
    docs = load(folder, limit=40)
    result = score(docs, lambda text: eventparse.parse(text, nlp_model="blank"))
    assert result.prf("location")[2] >= 0.85  # about .93 on these 40


def _learn_locations_module() -> Any:
    return module_from_file("learn_locations", ROOT / "scripts" / "learn_locations.py")


def test_learn_locations_builds_a_vocabulary_not_answers(tmp_path: Path) -> None:
    made_up = [
        "Talk at 3:30 in <location>Fermat Hall 1201</location>. Coffee in Fermat lobby.",
        "Seminar, <location>FtH 1201</location>, noon. Host: Ann Fermat.",
        "Meeting in <location>Fermat Hall 310B</location> with Dr. Noether.",
        "Lunch talk: <location>Euler Hall 310B</location>, bring lunch.",
    ]
    for number, text in enumerate(made_up):
        (tmp_path / f"{number}.tagged.txt").write_text(text, encoding="latin-1")
    learned = _learn_locations_module().learn(tmp_path)
    assert learned["words"]["hall"] == 1.0
    assert 0 < learned["words"]["fermat"] < 1  # also a surname and a lobby: a share
    assert "euler" not in learned["words"]  # seen in one document only
    assert "9999" in learned["number_shapes"] and "999A" in learned["number_shapes"]
    assert not any("1201" in key for key in learned["words"])


def test_seminar_prose_venue_skips_the_reception() -> None:
    text = ("Control seminar\n\nProfessor Ann Example will speak at 3:30 p.m., Friday, "
            "March 3, in Doherty Hall 2210.\nA reception will follow in Hamerschlag Hall 1112.")
    event = _parse(text)
    assert event.delivery.venue == "Doherty Hall 2210"
    assert event.delivery.mode == "in_person"
