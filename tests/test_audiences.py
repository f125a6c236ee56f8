"""Audiences: where labels come from, how they are normalised, what is unknown."""

from __future__ import annotations

import eventparse
from eventparse.extract.audiences import capitalise, is_role, normalise

TITLE = "Working with families\n10:00 - 11:30 Monday, 16 March 2026\nOnline via Zoom\n"


def _parse(body: str) -> eventparse.Event:
    return eventparse.parse(TITLE + body, reference_date="2026-01-15", nlp_model="blank")


def _unknown(event: eventparse.Event) -> list[str]:
    return [event.text[p.span.start:p.span.end] for p in event.problems
            if p.code == "unknown-audience" and p.span is not None]


def test_a_label_that_is_not_a_role_is_kept_and_flagged_at_its_span() -> None:
    event = _parse("Audience Types\nSocial workers\nEveryone!\nHealth visitors\n")
    assert event.audiences == ["Social workers", "Everyone!", "Health visitors"]
    assert _unknown(event) == ["Everyone!"]


def test_ordinary_roles_not_in_the_list_are_known_by_their_head_noun() -> None:
    for label in ("Hospital discharge coordinators", "Speech and language therapists",
                  "Heads of virtual schools", "Paediatric registrars' supervisors",
                  "Staff working in adult social care"):
        assert is_role(label), label
    for label in ("Everyone", "All welcome", "Anyone interested", "Open to all"):
        assert not is_role(label), label


def test_section_beats_a_sentence_in_the_description() -> None:
    event = _parse("This masterclass is for senior leaders who want to learn.\n\n"
                   "Who should attend\nService managers\nPrincipal social workers\n")
    assert event.audiences == ["Service managers", "Principal social workers"]
    assert _unknown(event) == []


def test_and_splits_only_between_roles() -> None:
    event = _parse("This course is for children and families social workers, speech and "
                   "language therapists and school nurses.\n")
    assert event.audiences == ["Children and families social workers",
                               "Speech and language therapists", "School nurses"]



def test_a_qualifier_on_the_last_role_alone_applies_to_the_whole_list() -> None:
    event = _parse("This course is for health visitors, midwives and school nurses "
                   "based in the east of the city.\n")
    assert event.audiences == ["Health visitors", "Midwives", "School nurses"]
    assert event.provenance["audiences[2]"].text == "school nurses"


def test_a_qualifier_stays_where_it_is_not_the_whole_lists() -> None:
    kept = {
        "This course is for practice educators working in universities.\n":
            ["Practice educators working in universities"],
        "This course is for nurses in hospitals and social workers in the community.\n":
            ["Nurses in hospitals", "Social workers in the community"],
        "This course is for teachers and staff working in nurseries.\n":
            ["Teachers", "Staff working in nurseries"],
    }
    for body, audiences in kept.items():
        assert _parse(body).audiences == audiences, body


def test_normalisation() -> None:
    assert capitalise("SENCOs AND Heads Of Year") == "SENCOs and heads of year"
    assert capitalise("SOCIAL WORKERS") == "Social workers"
    assert normalise("Health Visitor") == ("Health visitor", True)  # the listing's words
    assert normalise("gps") == ("GPs", True)  # a role's capitals where the words are its own
    assert normalise("Designated Safeguarding Leads (DSLs)") == (
        "Designated safeguarding leads (DSLs)", True)


def test_a_near_role_is_known_but_never_replaces_the_words() -> None:
    for label, known in (("Ward managers", True), ("Yard managers", True),
                         ("Socail workers", True), ("Care co-ordinators", True),
                         ("Fmaily support workers", True), ("Wardens", True),
                         ("Everyone!", False)):
        assert normalise(label) == (label, known), label
    event = _parse("Who should attend?\nRegistered nurses, ward managers and doctors.\n")
    assert event.audiences == ["Registered nurses", "Ward managers", "Doctors"]
    assert _unknown(event) == []


def test_a_clause_word_ending_its_label_belongs_to_it() -> None:
    event = _parse("Audience: Anyone interested, Social workers, Team managers\n")
    assert event.audiences == ["Anyone interested", "Social workers", "Team managers"]
    assert _unknown(event) == ["Anyone interested"]
    event = _parse("Audience: Social workers interested in law, ethics and rights\n")
    assert event.audiences == ["Social workers"]  # a clause after the roles still ends the list


def test_provenance_of_each_label() -> None:
    event = _parse("Suitable for: social workers and team managers.\n")
    assert [event.provenance[f"audiences[{i}]"].text for i in range(2)] == [
        "social workers", "team managers"]


def test_no_audience_without_a_cue() -> None:
    event = _parse("Our conference for everyone who supports young people into adult life.\n")
    assert event.audiences == []
    assert _unknown(event) == []


def test_long_single_line_is_harmless() -> None:
    event = _parse("This session is for " + "social workers, " * 60_000 + "\n")
    assert event.audiences == []  # a list that long is not a list of roles


def test_a_lead_in_line_under_the_heading_introduces_the_list() -> None:
    for lead in ("This course is suitable for", "The day is open to:"):
        event = _parse(f"Who should attend\n{lead}\n- Youth workers\n- Personal advisers\n")
        assert event.audiences == ["Youth workers", "Personal advisers"]
        assert _unknown(event) == []


def test_including_or_especially_is_no_part_of_a_label() -> None:
    event = _parse("This session is for social workers, including team managers.\n")
    assert event.audiences == ["Social workers", "Team managers"]
    event = _parse("It is aimed at nurses and GPs, particularly practice nurses.\n")
    assert event.audiences == ["Nurses", "GPs", "Practice nurses"]
