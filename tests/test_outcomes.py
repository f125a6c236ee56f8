"""Learning outcomes: lead-ins dropped, joined outcomes split, lists ended in time."""

from __future__ import annotations

import eventparse
from eventparse.extract.outcomes import opens_with_verb, split_joined

TITLE = "Working with families\n10:00 - 11:30 Monday, 16 March 2026\nOnline via Zoom\n"


def _parse(body: str) -> eventparse.Event:
    return eventparse.parse(TITLE + body, reference_date="2026-01-15", nlp_model="blank")


def test_lead_in_bullet_then_joined_then_bullet() -> None:
    event = _parse("Learning Outcomes\n- As a result of attending, participants will be able to:\n"
                   "Learn about A. - Consider B.\n- Reflect on C.\nThis event is a webinar.\n")
    assert event.learning_outcomes == ["Learn about A.", "Consider B.", "Reflect on C."]
    spans = [event.provenance[f"learning_outcomes[{i}]"].text for i in range(3)]
    assert spans == event.learning_outcomes


def test_a_dash_inside_an_outcome_does_not_split_it() -> None:
    [outcome] = split_joined("Recognise risk - in the home and online - early.")
    assert outcome.text == "Recognise risk - in the home and online - early."


def test_inline_numbers_split_only_a_real_sequence() -> None:
    assert [o.text for o in split_joined("Explain section 42 enquiries. 2) Use it.")] == [
        "Explain section 42 enquiries. 2) Use it."]


def test_list_ends_at_the_next_section() -> None:
    event = _parse("Learning outcomes\n- Explain A.\n- Use B.\nAudience Types\nSocial workers\n")
    assert event.learning_outcomes == ["Explain A.", "Use B."]


def test_plain_lines_need_a_verb() -> None:
    assert opens_with_verb("Be able to run a case discussion")
    assert not opens_with_verb("Webinars are short sessions.")
    event = _parse("Learning outcomes\nExplain A.\nWebinars are short, facilitator-led sessions.\n")
    assert event.learning_outcomes == ["Explain A."]


def test_no_outcomes_without_an_anchor() -> None:
    assert _parse("Agenda\n- Welcome\n- Explain the changes.\n").learning_outcomes == []


def test_long_single_line_is_harmless() -> None:
    event = _parse("Learning outcomes: " + "Explain A. - " * 50_000 + "\n")
    assert event.learning_outcomes == []  # a 650 kB line is not a list of outcomes
    event = _parse("Learning outcomes: " + "Explain A. - " * 100 + "\n")
    assert len(event.learning_outcomes) == 100


def test_a_cue_after_a_dash_in_a_lead_in_anchors_the_list() -> None:
    event = _parse("Session plan - by the end you will be able to:\n- Map a family network.\n"
                   "- Plan a review meeting.\n\nBook now.")
    assert event.learning_outcomes == ["Map a family network.", "Plan a review meeting."]


def test_a_wrapped_numbered_outcome_is_one_sentence() -> None:
    event = _parse("Learning outcomes\n 1. Explain how a strategy discussion is convened\n"
                   "    and who should be invited.\n 2. Record decisions.\n")
    assert event.learning_outcomes == [
        "Explain how a strategy discussion is convened and who should be invited.",
        "Record decisions."]
