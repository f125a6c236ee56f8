"""Professional standards: resolution through the packaged vocabulary, flags, spans."""

from __future__ import annotations

import importlib.util
import json
import time
from pathlib import Path

import eventparse
from eventparse import vocab
from eventparse.extract.standards import resolve_title, set_hint

from .conftest import HANG_GUARD_SECONDS, ROOT, shared_path

TITLE = "Working with families\n10:00 - 11:30 Monday, 16 March 2026\nOnline via Zoom\n"


def _parse(body: str) -> eventparse.Event:
    return eventparse.parse(TITLE + body, reference_date="2026-01-15", nlp_model="blank")


def test_ambiguous_title_keeps_every_candidate_set_and_is_not_flagged() -> None:
    event = _parse("PQS:KSS - Organisational context | Child development\n")
    ambiguous, known = event.standards
    assert ambiguous.name == "Organisational context"
    assert ambiguous.statement_set is None
    assert ambiguous.candidates == ["pqs-kss-cfp", "pqs-kss-adults"]
    assert known.statement_set == "pqs-kss-cfp" and known.number == 3
    assert not [p for p in event.problems if p.code == "unknown-standard"]


def test_set_hint_in_the_line_narrows_an_ambiguous_title() -> None:
    [standard] = _parse("PQS:KSS (adults): Organisational context\n").standards
    assert (standard.statement_set, standard.number, standard.candidates) == (
        "pqs-kss-adults", 9, [])


def test_unknown_title_is_kept_as_written_flagged_with_its_span() -> None:
    event = _parse("PCF: Knowledge; Leadership in practice\n")
    assert [(s.name, s.known) for s in event.standards] == [
        ("Knowledge", True), ("Leadership in practice", False)]
    [flag] = [p for p in event.problems if p.code == "unknown-standard"]
    assert flag.span is not None
    assert event.text[flag.span.start:flag.span.end] == "Leadership in practice"


def test_numbers_resolve_to_titles_of_the_named_set() -> None:
    numbers = _parse("KSS 3 and 6\n").standards
    assert [(s.name, s.number) for s in numbers] == [
        ("Child development", 3), ("Child and family assessment", 6)]
    [adults] = _parse("PQS:KSS (adults) 5\n").standards
    assert adults.name == "Mental capacity"


def test_every_item_keeps_its_span() -> None:
    event = _parse("PCF: Knowledge; Values and ethics\n")
    spans = [event.provenance[f"standards[{i}]"].text for i in range(len(event.standards))]
    assert spans == ["Knowledge", "Values and ethics"]


def test_prose_mentioning_a_framework_is_not_a_standards_line() -> None:
    event = _parse("The KSS - first published in 2014 - sets out what we should know.\n")
    assert event.standards == []
    assert not [p for p in event.problems if p.code == "unknown-standard"]



def test_a_sentence_may_lead_up_to_the_family_name_before_its_list() -> None:
    event = _parse("Welcome. The day is mapped onto the KSS for practice leaders: Quality "
                   "assurance and improvement; Leading with kindness. Lunch is provided.\n")
    assert [(s.name, s.statement_set, s.known) for s in event.standards] == [
        ("Quality assurance and improvement", "pqs-kss-pl", True),
        ("Leading with kindness", None, False)]
    assert [event.provenance[f"standards[{i}]"].text for i in range(2)] == [
        "Quality assurance and improvement", "Leading with kindness"]
    numbers = _parse("You may record it as CPD against Social Work England "
                     "professional standards 2 and 4.\n").standards
    assert [(s.framework, s.number) for s in numbers] == [("SWE", 2), ("SWE", 4)]


def test_a_sentence_about_a_framework_lists_no_standards() -> None:
    for sentence in ("Our trainer helped revise the PCF: Jane Smith, Ali Khan.",
                     "The KSS for practice leaders was updated: see the new guidance.",
                     "We booked the PQS team on 3 and 4 March.",
                     "This course links to the KSS: nothing we teach is new."):
        event = _parse(sentence + "\n")
        assert event.standards == [], sentence
        assert not [p for p in event.problems if p.code == "unknown-standard"], sentence


def test_an_intro_sentence_ending_on_a_family_opens_the_list_below_it() -> None:
    event = _parse("Standards\nThis day links to the following KSS for practice "
                   "supervisors:\nDeveloping excellent practitioners\n"
                   "Performance management and improvement\nBook early.\n")
    assert [(s.name, s.statement_set) for s in event.standards] == [
        ("Developing excellent practitioners", "pqs-kss-ps"),
        ("Performance management and improvement", "pqs-kss-ps")]


def test_known_titles_in_running_prose_after_the_family_name() -> None:
    event = _parse("The session supports the PCF domain Critical reflection and analysis "
                   "and the KSS for adults, notably Person-centred practice.\n")
    assert [(s.framework, s.name) for s in event.standards] == [
        ("PCF", "Critical reflection and analysis"), ("PQS:KSS", "Person-centred practice")]
    for sentence in ("The session supports the PCF, with a focus on knowledge.",
                     "The session draws on the KSS, including Communication skills.",
                     "Communication matters, as the KSS reminds us."):
        assert _parse(sentence + "\n").standards == [], sentence


def test_a_known_title_longer_than_most_titles_is_still_a_title() -> None:
    event = _parse("This supports Social Work England professional standard 3 - Be "
                   "accountable for the quality of my practice and the decisions I make.\n")
    assert [(s.framework, s.number) for s in event.standards] == [("SWE", 3)]


def test_a_list_opening_on_a_narrower_name_takes_its_set() -> None:
    [standard] = _parse("Post-qualifying standards: KSS for practice supervisors - "
                        "Developing excellent practitioners\n").standards
    assert (standard.name, standard.statement_set, standard.number) == (
        "Developing excellent practitioners", "pqs-kss-ps", 2)


def test_statement_numbers_after_the_word_statements() -> None:
    numbers = _parse("KSS (adults): statements 2, 3 and 5\n").standards
    assert [s.name for s in numbers] == ["Person-centred practice", "Safeguarding",
                                         "Mental capacity"]


def test_middle_dot_separates_titles() -> None:
    titles = _parse("PCF: Knowledge · Values and ethics\n").standards
    assert [s.name for s in titles] == ["Knowledge", "Values and ethics"]

def test_near_spelling_resolves_and_hint_helpers() -> None:
    assert resolve_title("Person centred practise", "PQS:KSS")[0].title == "Person-centred practice"
    assert resolve_title("Knowledge", "SWE") == ()
    assert set_hint("Knowledge and skills statement for practice leaders") == {"pqs-kss-pl"}


def test_long_single_line_is_quick_and_harmless() -> None:
    started = time.perf_counter()
    event = _parse("PCF: " + "Knowledge; " * 100_000 + "\n")
    assert time.perf_counter() - started < HANG_GUARD_SECONDS
    assert event.standards == []


def test_packaged_vocabulary_is_what_the_build_script_makes() -> None:
    reference = shared_path("reference", "standards.json")
    spec = importlib.util.spec_from_file_location(
        "build_standards_vocab", ROOT / "scripts" / "build_standards_vocab.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = module.build(json.loads(Path(reference).read_text(encoding="utf-8")))
    assert built == vocab.load("standards")
