"""The presenters extractor: names, roles and bios, hosts left out, both spaCy paths."""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

import pytest

import eventparse
from eventparse import nlp
from eventparse.extract.presenters import name_at, names_in, people_at, same_person

from .conftest import HANG_GUARD_SECONDS, ROOT, from_source, shared_path

MODELS = ["blank", pytest.param("auto", marks=pytest.mark.skipif(
    nlp.resolve_model_name("auto") == nlp.BLANK, reason="no statistical model installed"))]

LISTING = """Working with fathers
Tuesday 17 February 2026, 2pm to 4pm
Online – Zoom
In this webinar, Dr Amina Farouk and Professor Leon Whitby will share findings.
Presenters: Dr Amina Farouk (Consultant Social Worker) and Leon Whitby (Professor of Law)
About the presenters
Dr Farouk is a consultant social worker who has led audits in three authorities.
Hosted by the Family Safeguarding Team. Contact: Nell Price, nell@example.org
"""


def _names(text: str, model: str) -> list[str]:
    event = eventparse.parse(text, reference_date="2026-01-15", nlp_model=model)
    return [p.name for p in event.presenters]


@pytest.mark.parametrize("model", MODELS)
def test_each_person_once_in_order_without_titles_or_hosts(model: str) -> None:
    assert _names(LISTING, model) == ["Amina Farouk", "Leon Whitby"]


def test_role_and_provenance_are_kept() -> None:
    event = eventparse.parse(LISTING, reference_date="2026-01-15", nlp_model="blank")
    roles = {p.name: p.role for p in event.presenters}
    assert roles["Amina Farouk"] == "Consultant Social Worker"
    assert roles["Leon Whitby"] == "Professor of Law"
    span = event.provenance["presenters[0]"].spans[0]
    assert event.text[span.start:span.end] == "Amina Farouk"


def test_bio_from_about_section() -> None:
    text = ("Safer sleep\nDate: 3 March 2026\nAbout the facilitator\n"
            "Maja Lindqvist is a health visitor.\nShe has worked in London.\n")
    event = eventparse.parse(text, reference_date="2026-01-15", nlp_model="blank")
    [person] = event.presenters
    assert person.name == "Maja Lindqvist"
    assert person.bio is not None and person.bio.startswith("Maja Lindqvist is a health visitor")


@pytest.mark.parametrize("model", MODELS)
def test_organisation_after_cue_is_no_presenter(model: str) -> None:
    text = "Drop-in\nWhen: Tues 10 Mar, noon – 1pm\nHosted by the Early Help Team.\n"
    assert _names(text, model) == []


@pytest.mark.parametrize("model", MODELS)
def test_seminar_speaker_comes_first_and_host_is_left_out(model: str) -> None:
    text = ("Type:     seminar\nTopic:    Robot learning\nDates:    12-Oct-94\n"
            "Time:     3:30 PM\nWho:      Dr. Tomas Verhoeven, Delft University\n"
            "Host:     Mariko Tanaka\nAbstract:\nMariko Tanaka will introduce the talk.\n")
    assert _names(text, model)[:1] == ["Tomas Verhoeven"]
    assert "Mariko Tanaka" not in _names(text, model)


def test_name_shapes() -> None:
    found = name_at("Prof. Anne-Marie O'Gorman-Quigley spoke", 0, 40)
    assert found is not None and found.text == "Anne-Marie O'Gorman-Quigley" and found.titled
    assert name_at("Baker Hall 129", 0, 14) is None
    assert name_at("Internal Revenue Service", 0, 24) is None
    assert [n.text for n in names_in("by Dan R. Olsen Jr. and H. T. Kung", 0, 34)] == [
        "Dan R. Olsen Jr.", "H. T. Kung"]


def test_same_person_by_surname_and_forename() -> None:
    full = name_at("Amara Osei-Bonsu", 0, 16)
    short = name_at("Dr Osei-Bonsu", 0, 13)
    other = name_at("Kofi Osei-Bonsu", 0, 15)
    assert full and short and other
    assert same_person(full, short) and not same_person(full, other)


def test_list_with_roles_containing_and() -> None:
    text = ("Nia Roberts, Head of Service for Children in Need and Child Protection, "
            "and Ewan Gilchrist, Principal Social Worker.")
    people = people_at(text, 0, len(text), "test", 1.0)
    assert [(m.name.text, m.role) for m in people] == [
        ("Nia Roberts", "Head of Service for Children in Need and Child Protection"),
        ("Ewan Gilchrist", "Principal Social Worker")]


def test_huge_single_line_is_linear() -> None:
    line = "Presented by Ann Lee and Bob Ray, and " * 20_000
    started = time.perf_counter()
    event = eventparse.parse(line, reference_date="2026-01-15", nlp_model="blank")
    assert [p.name for p in event.presenters] == ["Ann Lee", "Bob Ray"]
    assert time.perf_counter() - started < HANG_GUARD_SECONDS


@pytest.mark.parametrize("model", MODELS)
def test_seminar_sample_speaker_f1(model: str) -> None:
    folder = shared_path("corpora", "seminars", "dev")
    sys.path.insert(0, str(ROOT))
    try:
        from benchmarks.seminars import load, score
    finally:
        sys.path.remove(str(ROOT))
    docs = load(Path(folder), limit=60)
    result = score(docs, lambda text: eventparse.parse(text, nlp_model=model))
    assert result.prf("speaker")[2] >= 0.8


def test_who_from_document_headers() -> None:
    import datetime as dt

    from eventparse.document import Document
    from eventparse.extract import presenters
    from eventparse.extract.base import Context
    from eventparse.sections import split_sections
    from eventparse.settings import Settings

    value = "George Cobb, Mount Holyoke College"
    doc = Document(text=f"Robot talk\n{value}\n", blocks=[], headers={"who": value})
    ctx = Context(doc=doc, sections=split_sections(doc), settings=Settings(),
                  reference_date=dt.date(2026, 1, 15))
    [candidate] = presenters.extract(ctx)
    assert candidate.value.name == "George Cobb"
    assert candidate.value.role == "Mount Holyoke College"
    assert doc.text[slice(*candidate.spans[0])] == "George Cobb"


def test_ranks_are_left_off_but_surnames_kept() -> None:
    cases = {"Detective Chief Inspector Ravi Mehta": "Ravi Mehta",
             "DS Ellen Moss": "Ellen Moss", "Cllr Kwame Boateng": "Kwame Boateng",
             "Ch Supt Irene Walsh": "Irene Walsh", "Catherine Lord": "Catherine Lord",
             "Peter Judge": "Peter Judge"}
    for written, name in cases.items():
        found = name_at(written, 0, len(written))
        assert found is not None and found.text == name, written
    assert name_at("PC World", 0, 8) is None  # a rank in CAPITALS alone names no one


def test_role_before_name_and_second_person_with() -> None:
    text = ("Delivered by our Designated Safeguarding Lead, Omar Haddad, with Dr Lena Brandt, "
            "a consultant psychologist.")
    assert _names(text, "blank") == ["Omar Haddad", "Lena Brandt"]
    joint = "Talk by Mei Lin, about joint work with Arjun Rao and colleagues."
    assert _names(joint, "blank")[:1] == ["Mei Lin"]
    assert "Arjun Rao" not in _names(joint, "blank")


PROGRAMME = """Adoption support day
Monday 8 June 2026, Quayside Centre, 4 Dock Road, Eastmoor EM2 7JJ

Agenda
10:00  Welcome and introductions - Nora Quinn, Service Manager
10:15  "Life after placement order" - Professor Hugh Barras, Eastmoor University
11:00  Coffee - Riverside Room, first floor
11:15  Breakout - Signs Safety Refresher (Room 2)
11:20  Breakout - Trauma Informed Practice (Room 3)
11:30  Workshops
         a) Letterbox contact - Ama Mensah, Adoption Social Worker
12:30  Lunch
"""


@pytest.mark.parametrize("model", MODELS)
def test_programme_rows_name_speakers_not_welcomes(model: str) -> None:
    assert _names(PROGRAMME, model) == ["Hugh Barras", "Ama Mensah"]


def test_organisation_after_a_role_is_no_person() -> None:
    text = "Rhona Beck, mediator, Eastgate Chambers"
    assert [(m.name.text, m.role) for m in people_at(text, 0, len(text), "x", 1.0)] == [
        ("Rhona Beck", "mediator, Eastgate Chambers")]
    text = "Rhona Beck, mediator, and Sarah Chambers"
    assert [m.name.text for m in people_at(text, 0, len(text), "x", 1.0)] == [
        "Rhona Beck", "Sarah Chambers"]


def test_contact_label_excludes_only_the_contact_lines() -> None:
    text = ("Fostering panel skills\nWhen:\n4 June 2026, 10:00-12:00\nContact:\n"
            "Lee Pryor\nlee.pryor@example.org\n"
            "This practical session for panel members is presented by Mirela Novak, "
            "who chaired our panel for six years, and looks at how to ask good questions.\n")
    assert _names(text, "blank") == ["Mirela Novak"]


def test_table_column_of_names_gives_the_presenters() -> None:
    text = ("# Family group conferences\n\n**Date:** 5 May 2026\n\n## Speakers\n\n"
            "| Name | Organisation |\n|---|---|\n| Yusuf Demir | Family Rights Group |\n"
            "| Dr Agnes Lowe | University of Eastmoor |\n")
    assert _names(text, "blank") == ["Yusuf Demir", "Agnes Lowe"]


def test_writer_who_is_presenting_is_a_presenter() -> None:
    text = ("From: Nadia Price <nadia.price@example.org>\nSubject: Drop-in on 2 June 2026\n\n"
            "Hi all,\n\nI'll be facilitating the drop-in on 2 June 2026 at 13:00.\n\n"
            "Thanks,\nNadia\n")
    assert _names(text, "blank") == ["Nadia Price"]


def test_the_ascii_twins_of_the_name_patterns_match_alike() -> None:
    """presenters scans ASCII text with ``re`` copies of its ``regex`` patterns (faster);
    on ASCII text each copy must find exactly what its original finds."""
    from eventparse.extract import presenters as p

    corpus = ROOT / "src/eventparse/extract/corpora/presenters.jsonl"
    listings = sorted((ROOT / "tests/data/listings").glob("*.txt"))
    texts = [path.read_text(encoding="utf-8") for path in listings]
    texts += [json.loads(line)["text"] for line in corpus.read_text().splitlines() if line]
    texts = [t for t in texts if t.isascii()]
    assert len(texts) > 20
    # And short texts made of the pieces names are built from, where the twins' rewritten
    # patterns (RUN_ASCII matches a run's first character first) could part ways.
    pieces = ["A", "Mc", "O'", "a", "ab", "de ", " ", "  ", ".", "(", ")", "-", "'", "\n",
              "@", "1", "Jo", "Smith", "J.", "Dr", "!", ",", " and ", "412", "-1234", "x", "X8"]
    rng = random.Random(7)
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(5000)]
    pairs = [(p.RUN, p.RUN_ASCII), (p.TOKEN, p.TOKEN_ASCII), (p.PHONE, p.PHONE_ASCII),
             (p.SENTENCE_END, p.SENTENCE_END_ASCII), (p.WILL, p.WILL_ASCII),
             (p.PERSON_BREAK, p.PERSON_BREAK_ASCII), (p.WORDS, p.WORDS_ASCII)]
    for original, twin in pairs:
        for text in texts:
            assert [m.span() for m in original.finditer(text)] == \
                [m.span() for m in twin.finditer(text)], (twin.pattern, text[:60])
    # The twins of case-blind patterns read the lower-cased text.
    cues = p.cues()
    blind = [(cues.event_clause, cues.event_clause_ascii), (cues.verbs, cues.verbs_ascii),
             (cues.before, cues.before_ascii)]
    for original, lowered_twin in blind:
        assert lowered_twin is not None
        for text in texts:
            assert [m.span() for m in original.finditer(text)] == \
                [m.span() for m in lowered_twin.finditer(text.lower())], text[:60]
    # The cues found by the twins' leading forms are the cues the originals find.
    for text in texts:
        for original, ascii_twin in [(cues.before, cues.before_ascii),
                                     (cues.host_before, cues.host_before_ascii),
                                     (p.JOINED, p.JOINED_ASCII)]:
            assert [m.span() for m in p._cue_matches(original, ascii_twin, text)] == \
                [m.span() for m in original.finditer(text)], text[:60]
    # A run's words, which are found mostly by splitting at spaces, are TOKEN_ASCII's.
    for text in texts:
        for run in p.RUN_ASCII.finditer(text):
            assert p._run_words(text, run) == \
                [w.span() for w in p.TOKEN_ASCII.finditer(text, run.start(), run.end())], text


def test_a_name_read_on_from_a_runs_word_is_what_name_at_finds_there(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """names_in reads a name from a later word of a run out of the run's own words
    (_name_in_rest) rather than matching RUN again there: it must find what a new match
    would (``_name_at``), in ASCII text (RUN_ASCII) and in any text (RUN)."""
    p = from_source("eventparse.extract.presenters")  # (the function swapped below is reached)

    listings = sorted((ROOT / "tests/data/listings").glob("*.txt"))
    texts = [path.read_text(encoding="utf-8") for path in listings]
    pieces = ["A", "Mc", "O'", "a", "de ", " ", " ", "  ", ".", "-", "\n", "\n ", "Jo ", "Smith ",
              "J.", "Dr ", "Prof ", "The ", "Report ", ",", " and ", "Élise ", "Ann "]
    rng = random.Random(11)
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(5000)]
    asked = 0
    original = p._name_in_rest

    def checked(text: str, spans: list[tuple[int, int]], run_words: list[p._Word], run_end: int,
                end: int) -> p.Name | None:
        nonlocal asked
        asked += 1
        found = original(text, spans, run_words, run_end, end)
        for runs in (p.RUN, p.RUN_ASCII) if text.isascii() else (p.RUN,):
            assert found == p._name_at(text, spans[0][0], end, False, runs), text[:60]
        return found

    monkeypatch.setattr(p, "_name_in_rest", checked)
    for text in texts:
        list(p.names_in(text, 0, len(text)))
    assert asked > 100


def test_programme_times_are_found_from_line_breaks_alike() -> None:
    """A programme's timed lines are found after each new line (PROGRAMME_TIME_AFTER_BREAK,
    faster to scan): the same lines PROGRAMME_TIME finds at every line start."""
    from eventparse.extract import presenters as p

    texts = [path.read_text(encoding="utf-8")
             for path in sorted((ROOT / "tests/data/listings").glob("*.txt"))]
    texts += ["9:30 Welcome\n 10.15 - 11:00 pm\tTalk\n\n12:00am Lunch\n", "\n09:45 \n\t9.45a.m. x",
              "Doors 9:30 x\n9:3 y\n 19:30–20:00 z\n\n\n", "", "\n", "10:00 \n10:00\n11:15 "]
    for text in texts:
        expected = [m.start() for m in p.PROGRAMME_TIME.finditer(text)]
        assert p._line_times(text) == expected, text[:60]


def test_organisation_name_with_and_is_not_split_into_a_person() -> None:
    text = "Ann Kerr, Station Manager, Bedford and Luton Fire and Rescue Service, and Dr Ian Ross."
    found = people_at(text, 0, len(text), "x", 1.0)
    assert [m.name.text for m in found] == ["Ann Kerr", "Ian Ross"]
    assert found[0].role == "Station Manager, Bedford and Luton Fire and Rescue Service"


def test_job_title_before_a_name_is_no_person() -> None:
    text = "Young Parents Lead Priya Shah and Tom Reid"
    found = people_at(text, 0, len(text), "x", 1.0)
    assert [m.name.text for m in found] == ["Priya Shah", "Tom Reid"]


@pytest.mark.parametrize("model", MODELS)
def test_event_name_after_in_this_is_no_presenter(model: str) -> None:
    text = ("Learning from cases\nDate: 4 June 2026, 12:30-13:30\n"
            "In this Ruskin Round, Dr Eve Lomax will present a case, and Joe Tan will "
            "talk about the plan.\n")
    assert _names(text, model) == ["Eve Lomax", "Joe Tan"]


@pytest.mark.parametrize("model", MODELS)
def test_presenter_key_ending_a_paragraph_opens_the_list_below(model: str) -> None:
    text = ("Court skills\nDate: 4 June 2026, 12:30-13:30\n\n"
            "A lunchtime session for new staff. Speakers:\n"
            "- Rhiannon Vale, Legal Adviser\n- Kwame Asante, Team Manager\n\n"
            "Book early. Places are limited.\n")
    assert _names(text, model) == ["Rhiannon Vale", "Kwame Asante"]
