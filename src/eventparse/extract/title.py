"""Extractor for ``title``: the event's own name, not the banner above it.

Every short, title-shaped line of the preamble is a candidate (and a page's
``h1`` wherever it is); its score weighs layout cues:

* a page's level-1 heading is the title the page gives itself;
* a subtitle after a colon ("Contextual safeguarding: assessing risk ...") is
  how event titles are written;
* an organisation's or programme's banner ("Nene Valley Safeguarding Children
  Partnership", "Continuing Professional Development – Spring 2026"), a line in
  capitals ("STAFF BRIEFING"), a label line ("Workshop · Online"), a delivery
  line ("Delivered online using Teams") are not titles;
* dates, times, sentences, greetings and lead-ins ending with ":" are not titles;
* earlier lines win over later ones, all else equal.

An e-mail's Subject (``doc.headers["subject"]``) is a weak candidate: a title line
in the body usually wins, since subjects carry "Places available – ...".
A title repeated on the next line is one title (validate flags ``duplicate-text``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from operator import attrgetter

import regex

from eventparse import vocab
from eventparse.document import Block
from eventparse.extract.base import Candidate, Context
from eventparse.extract.event_type import is_type_label
from eventparse.sections import Section, heading_kind, is_exact_heading

FIELD = "title"

MAX_WORDS, MAX_CHARS = 25, 200
BASE, H1_BONUS, SUBTITLE_BONUS, FIRST_BONUS, STEP = 0.5, 1.0, 0.3, 0.15, 0.04
BANNER_PENALTY, CAPS_PENALTY, DELIVERY_PENALTY, LABEL_PENALTY = 0.35, 0.6, 0.5, 0.6
NOTICE_PENALTY = 0.4
SUBJECT_SCORE = 0.2
PAGE_TITLE_SCORE = 0.4
STRUCTURED_SCORE = 0.45
LABELLED_SCORE = 1.6
"""``Title: ...`` / ``Event name: ...`` says so outright: it beats even a page's h1."""
MIN_SCORE = 0.25
"""Below this a line is a banner, a label or a delivery line even when nothing else is there."""
MAX_CANDIDATES, MAX_SCANNED_BLOCKS = 40, 200
"""Titles are near the top: after this many title-shaped lines, or blocks, no more are
weighed (a page's h1 always is)."""
TITLE_KINDS = ("preamble", "details", "other")
TOP_LINE_KINDS = ("standards", "outcomes", "description")
"""Kinds whose opening words may also open a title ("Professional standards in practice")."""
TOP_BLOCKS, TOP_LINE_PENALTY = 2, 0.2

_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")
_ASCII_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\-]*")
"""_WORD for ASCII text: the same words, found faster by the standard library."""
_TIME = regex.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)\b|\b\d{1,2}[:.]\d{2}\b|\bnoon\b",
                      regex.IGNORECASE)
_NUMERIC_DATE = regex.compile(r"\b\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}\b")
_URL = regex.compile(r"https?://|www\.|\S@\S")
_SUBTITLE = regex.compile(r"\S[:?]\s+\S")
_DASHES = "–—|-"
"""What _DASH_SPLIT splits at: a line without one of these is not searched."""
_DASH_SPLIT = regex.compile(rf"\s+[{_DASHES}]\s+")
_ANY_DASH = re.compile(f"[{re.escape(_DASHES)}]")
_PAGE_TITLE_SPLIT = regex.compile(r"\s+(?:::|[|–—»›-])\s+")
_LABEL_BAR = regex.compile(r"\s+[|·•]\s+")
_POSTCODE_END = regex.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?[ \t]*\d[A-Z]{2}[.)]?$")
_BULLET_SEP = regex.compile(r"\s*[·•]\s*")
_DIGIT = regex.compile(r"\d")
"""A time or a numeric date needs a digit (or "noon"): the cheap test before those patterns."""
_ASCII_LOWER = regex.compile(r"[a-z]")
_RULES = ("---", "___", "===", "***", "~~~")
"""A line opening or closing with a run of these is a separator, never a title."""
_LEVEL = attrgetter("level")


@cache
def _cues() -> dict[str, frozenset[str]]:
    data = vocab.load("title")
    return {key: frozenset(value) for key, value in data.items() if not key.startswith("_")}


@cache
def _openers(name: str) -> tuple[str, ...]:
    """A cue list as a tuple, for one ``str.startswith`` call."""
    return tuple(_cues()[name])


@cache
def _banner_phrases() -> re.Pattern[str] | None:
    """The banner entries of several words ("learning and development"), as one pattern
    that finds any of them in a text (None when there are none)."""
    phrases = sorted(phrase for phrase in _cues()["banner_words"] if " " in phrase)
    return re.compile("|".join(map(re.escape, phrases))) if phrases else None


def extract(ctx: Context) -> list[Candidate[str]]:
    """Title candidates, scored; leaves the best one's span in ``ctx.shared["title_span"]``."""
    found = list(_labelled(ctx.sections)) + list(_body_candidates(ctx.sections, ctx.doc.blocks))
    page_title = ctx.doc.extras.get("html_title")
    if isinstance(page_title, str) and not any(c.rule == "h1" for c in found):
        named = page_title_name(page_title)
        if named:
            found.append(Candidate(named, (), "html-title", PAGE_TITLE_SCORE))
    for declared in ctx.doc.structured[:1]:
        # The page's schema.org name, when no h1 says it (weaker than the text's own lines).
        if declared.name and title_text_of(declared.name) and not any(
                c.rule == "h1" for c in found):
            found.append(Candidate(declared.name.strip(), (), "structured-name",
                                   STRUCTURED_SCORE))
    subject = ctx.doc.headers.get("subject")
    cleaned = clean_subject(subject) if subject else ""
    if subject and cleaned:
        # The span of the cleaned title inside the Subject line, when the text shows it.
        start = ctx.doc.text.find(subject)
        start = ctx.doc.text.find(cleaned, start) if start >= 0 else -1
        span = ((start, start + len(cleaned)),) if start >= 0 else ()
        found.append(Candidate(cleaned, span, "email-subject", SUBJECT_SCORE))
    if found:
        best = max(found, key=lambda c: (c.score, -(c.spans[0][0] if c.spans else 0)))
        if best.spans:
            ctx.shared["title_span"] = best.spans[0]
    return found


def page_title_name(page_title: str) -> str | None:
    """The segment of a page's ``<title>`` that names the event: not the site's or the
    organisation's name, nor a breadcrumb such as 'Events' or 'View Event'.

    >>> page_title_name("Fathers in focus | Events | Harrowden Council")
    'Fathers in focus'
    >>> page_title_name("Course details - Court skills: giving evidence - Learning Zone")
    'Court skills: giving evidence'
    >>> page_title_name("Harrowden Safeguarding Partnership :: Events :: View Event") is None
    True
    """
    generic = _cues()["page_title_generic"]
    for segment in _PAGE_TITLE_SPLIT.split(page_title):
        text = str(segment).strip()
        if not text or " ".join(text.lower().split()) in generic or not title_text_of(text):
            continue
        words = [w.lower() for w in _words(text)]
        if _banner_penalty(text, words) >= BANNER_PENALTY:
            continue  # the organisation's name
        return text
    return None


def _labelled(sections: list[Section]) -> Iterator[Candidate[str]]:
    """``Title: ...`` or a "Course title" heading with the title under it."""
    for section in sections:
        if section.kind != "title":
            continue
        for block in section.blocks[:1]:
            start = block.value_start if block.value_start is not None else block.start
            value = block.text[start - block.start:].strip()
            if value and title_text_of(value):
                offset = start + block.text[start - block.start:].find(value)
                yield Candidate(value, ((offset, offset + len(value)),), "labelled",
                                LABELLED_SCORE)


def _body_candidates(sections: list[Section],
                     doc_blocks: list[Block]) -> Iterator[Candidate[str]]:
    """``doc_blocks``: the document's (a page's h1 is looked for only when it has one)."""
    # (levels first, without a Python call a block: most documents have no level at all)
    has_h1 = 1 in map(_LEVEL, doc_blocks) and any(map(_is_h1, doc_blocks))
    position = 0
    seen: set[str] = set()
    scanned = 0
    for section in sections:
        if not _may_hold_title(section, scanned) and not (has_h1 and _holds_h1(section)):
            # none of its blocks would be weighed
            scanned += len(section.blocks) + (section.heading is not None)
            continue
        blocks = ([section.heading] if section.heading else []) + section.blocks
        for block in blocks:
            is_h1 = has_h1 and _is_h1(block)
            scanned += 1
            if scanned > MAX_SCANNED_BLOCKS and not is_h1:
                continue
            penalty = 0.0
            if section.kind not in TITLE_KINDS and not is_h1:
                if not _opens_the_text(section, block, scanned):
                    continue
                # "Social Work England registration: what changes" named a section kind
                # by its first words, but stands at the top of the text: maybe a title.
                penalty = TOP_LINE_PENALTY
            if section.kind == "boilerplate":
                continue
            text = title_text(block)
            if text is None or text.lower() in seen:
                continue
            seen.add(text.lower())
            if position >= MAX_CANDIDATES and not is_h1:
                continue
            span = (block.start, block.end)
            after_label = _after_type_label(text) if position == 0 else None
            if after_label is not None:  # "Webinar | Sibling relationships in care planning"
                text = after_label[1]
                offset = block.start + max(0, block.text.find(text))
                span = (offset, offset + len(text))
            score = _score(text, is_h1) + max(0.0, FIRST_BONUS - STEP * position) - penalty
            position += 1
            if score < MIN_SCORE:
                continue
            yield Candidate(text, (span,), "h1" if is_h1 else "title-line", round(score, 3))


def _is_h1(block: Block) -> bool:
    return block.kind == "heading" and block.level == 1


def _holds_h1(section: Section) -> bool:
    """Whether the section's heading or one of its blocks is a page's h1."""
    return ((section.heading is not None and _is_h1(section.heading))
            or any(map(_is_h1, section.blocks)))


def _may_hold_title(section: Section, scanned: int) -> bool:
    """Whether a line of a section whose first block is block ``scanned + 1`` may be
    weighed (its h1 always is): the loop below skips every other line of the rest."""
    if scanned >= MAX_SCANNED_BLOCKS or section.kind == "boilerplate":
        return False
    return section.kind in TITLE_KINDS or _opens_the_text(section, None, scanned + 1)


def _after_type_label(text: str) -> tuple[int, str] | None:
    """(offset, title) of a top line that opens with an event-type label before a bar
    or a bullet ("Webinar | Sibling relationships", "Online seminar · Risk in practice");
    None when the rest is a label itself ("Presented by ...") or no title.

    >>> _after_type_label("Webinar | Sibling relationships in care planning")
    (10, 'Sibling relationships in care planning')
    >>> _after_type_label("Virtual seminar | Presented by Dr Leah Whitcombe") is None
    True
    """
    if not ("|" in text or "·" in text or "•" in text):
        return None  # (no bar or bullet for _LABEL_BAR to split at)
    parts = _LABEL_BAR.split(text, maxsplit=1)
    if len(parts) != 2 or not _is_label(parts[0]):
        return None
    rest = parts[1].strip()
    words = [w.lower() for w in _WORD.findall(rest)]
    if (title_text_of(rest) is None or heading_kind(rest) is not None or _is_label(rest)
            or _is_delivery_line(rest, words) or _banner_penalty(rest, words)):
        return None  # "Workshop · Online", "Course | Harrowden Safeguarding Service"
    return text.rfind(rest), rest


def _opens_the_text(section: Section, block: Block | None, scanned: int) -> bool:
    """A line at the very top that a sectioner took for an inline label (not a ``Key:``).
    Without a block: whether any line of the section at ``scanned`` might."""
    if not (scanned <= TOP_BLOCKS and section.heading is None and not section.continues
            and section.kind in TOP_LINE_KINDS):
        return False
    return block is None or not (block.kind == "key_value" and (
        block.key is None or is_exact_heading(block.key)))


def title_text(block: Block) -> str | None:
    """The block's text when it is shaped like a title, else None.

    >>> from eventparse.document import Block
    >>> title_text(Block("paragraph", 0, 16, "Dear colleagues,")) is None
    True
    >>> title_text(Block("heading", 0, 22, "Thursday 5 March 2026")) is None
    True
    >>> title_text(Block("heading", 0, 27, "Working with fathers: a guide"))
    'Working with fathers: a guide'
    """
    if block.kind not in ("heading", "paragraph", "key_value", "line"):
        return None
    return title_text_of(block.text.strip())


def title_text_of(text: str) -> str | None:
    """``text`` when it is shaped like a title (not a sentence, a date or a link), else None.

    >>> title_text_of("Book now: reply to this e-mail.") is None
    True
    >>> title_text_of("----- Forwarded meeting -----") is None
    True
    """
    if len(text) > MAX_CHARS or text.endswith((".", ",", ":", ";", "!", "...", "…")):
        return None
    if text.startswith(_RULES) or text.endswith(_RULES):
        return None  # a separator ("-----Original Message-----", "=== Details ===")
    words = _words(text)
    if not words or len(words) > MAX_WORDS or _has_url(text):
        return None
    if _is_date_line(text, words):
        return None
    if "  " in text:  # a hard-wrapped line's break and indent
        text = " ".join(text.split())
    return _unquoted(text)


def _words(text: str) -> list[str]:
    return _ASCII_WORD.findall(text) if text.isascii() else _WORD.findall(text)


def _has_url(text: str) -> bool:
    # _URL needs "://", "www." or "@": most lines have none, and the pattern is not cheap.
    return ("://" in text or "www." in text or "@" in text) and _URL.search(text) is not None


def _unquoted(text: str) -> str:
    """A title without the quotation marks around the whole of it."""
    if len(text) > 2 and text[0] in "\"“‘'" and text[-1] in "\"”’'":
        return text[1:-1].strip()
    return text


def _is_date_line(text: str, words: list[str]) -> bool:
    if (_DIGIT.search(text) or "noon" in text.lower()) and (
            _TIME.search(text) or _NUMERIC_DATE.search(text)):
        return True
    if len(words) > 8:
        return False
    # (_WORD's words hold no ".": a date word as written, lower-cased)
    has_date_word = not _cues()["date_words"].isdisjoint(map(str.lower, words))
    return has_date_word and any(w.isdigit() or w[:-2].isdigit() for w in words)


def _score(text: str, is_h1: bool) -> float:
    score = BASE + (H1_BONUS if is_h1 else 0.0)
    words = [w.lower() for w in _words(text)]
    if _has_subtitle(text):
        score += SUBTITLE_BONUS
    if _is_caps(text):
        score -= CAPS_PENALTY
    # A site's name left in an h1 beside the event's own h1 is a banner too.
    score -= _banner_penalty(text, words)
    if not is_h1:
        if _is_label(text):
            score -= LABEL_PENALTY
        if _is_delivery_line(text, words) or _ends_with_postcode(text):
            score -= DELIVERY_PENALTY  # "Delivered online", "The Guildhall, Winchester SO23 9GH"
        if _is_notice(text):
            score -= NOTICE_PENALTY
    return score


def _has_subtitle(text: str) -> bool:
    # _SUBTITLE needs a ":" or a "?": most lines have neither.
    return (":" in text or "?" in text) and _SUBTITLE.search(text) is not None


def _may_dash_split(text: str) -> bool:
    """False only when _DASH_SPLIT cannot split ``text`` (no dash or bar in it)."""
    return _ANY_DASH.search(text) is not None


def _has_dash_split(text: str) -> bool:
    return _may_dash_split(text) and _DASH_SPLIT.search(text) is not None


def _ends_with_postcode(text: str) -> bool:
    """Whether the line ends with a UK postcode ("... Winchester SO23 9GH")."""
    last = text.rstrip("\n")[-1:]  # (where _POSTCODE_END's "$" may match)
    return (last in (".", ")") or "A" <= last <= "Z") and _POSTCODE_END.search(text) is not None


def _is_caps(text: str) -> bool:
    if _ASCII_LOWER.search(text):
        return False  # the usual case, found without looking at every letter
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _banner_penalty(text: str, words: list[str]) -> float:
    """An organisation's or a programme's banner: its words, a season, a dash with no colon."""
    cues = _cues()
    joined = " ".join(words)
    penalty = 0.0
    phrases = _banner_phrases()
    has_banner_word = not cues["banner_words"].isdisjoint(words) or (
        phrases is not None and phrases.search(joined) is not None)
    if has_banner_word and not _has_subtitle(text):
        penalty += BANNER_PENALTY
    if not cues["season_words"].isdisjoint(words) and any(w[:2].isdigit() for w in words):
        penalty += BANNER_PENALTY / 2
    if _has_dash_split(text) and not _has_subtitle(text):
        penalty += BANNER_PENALTY / 2
    return penalty


def _is_label(text: str) -> bool:
    """A line that says what kind of event this is, not what it is called."""
    if "·" in text or "•" in text:
        text = _BULLET_SEP.sub(" | ", text)
    if _may_dash_split(text):
        text = _DASH_SPLIT.split(text, maxsplit=1)[0]
    return is_type_label(text)


def _is_delivery_line(text: str, words: list[str]) -> bool:
    return len(words) <= 6 and text.lower().startswith(_openers("delivery_openers"))


def _is_notice(text: str) -> bool:
    """ "Booking now open", "Save the date: ...": a notice about the event, not its name."""
    lowered = " ".join(text.lower().split())
    return lowered.startswith(_openers("notice_openers"))


def clean_subject(subject: str) -> str:
    """An e-mail subject without 'Re:', 'Places available –' and a trailing date.

    >>> clean_subject("Re: Places available – Mental Capacity Act masterclass, 3rd March")
    'Mental Capacity Act masterclass'
    """
    prefixes = _cues()["subject_prefixes"]
    text = subject.strip()
    changed = True
    while changed:
        changed = False
        for prefix in prefixes:
            head = regex.match(rf"{regex.escape(prefix)}\s*[:–—\-]\s*", text, regex.IGNORECASE)
            if head:
                text, changed = text[head.end():], True
    parts = regex.split(r"\s*[,–—]\s+|\s+-\s+", text)
    kept = [p for p in parts if not _is_date_line(p, _WORD.findall(p))]
    return ", ".join(kept).strip() if kept else ""
