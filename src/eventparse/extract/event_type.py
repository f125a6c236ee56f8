"""Extractor for ``event_type``: one of the gold list, lower case, or nothing.

Where the listing says what kind of event it is, strongest first:

1. an event-type statement ("This event is a webinar.", ``Event type: Workshop``);
2. a format line (``Format: In person workshop``, ``Format: face-to-face training``);
3. a label line (``Webinar``, ``Workshop · Online``, ``Course | Harrowden ...``,
   ``Virtual seminar | Presented by ...``, ``STAFF BRIEFING``);
4. the title ("... a refresher briefing", "(two-day course)", "Learning lab: ..."),
   then an e-mail's Subject;
5. prose naming the event ("In this webinar", "This full-day workshop").

A listing that says none of these ("This session looks at ...") has no type:
we never guess one from the topic. The words are data (vocab/event_types.json).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from eventparse import vocab
from eventparse.document import Block
from eventparse.extract.base import Candidate, Context, Phrases, innermost
from eventparse.sections import Section, fold

FIELD = "event_type"

STATEMENT, FORMAT_LINE, LABEL_LINE, IN_TITLE, IN_SUBJECT = 1.0, 0.95, 0.9, 0.8, 0.7
PROSE, THE_PROSE, BANNER, SERIES = 0.6, 0.55, 0.52, 0.5
LABEL_MAX_WORDS = 8
# "This full-day workshop", "In this webinar", "Our annual conference", "this year’s
# conference": a few words after "this" or "our"; or a strapline opening "A hybrid seminar".
_THIS_BEFORE = regex.compile(
    r"\b(?:this|our)(?:\s+[\w\-’']+){0,3}\s*$|^\s*an?(?:\s+[\w\-’']+){0,3}\s*$",
    regex.IGNORECASE)
# "The workshop will ...": a sentence that opens on the event itself (weaker).
_THE_BEFORE = regex.compile(r"(?:^|[.!?]\s+)the(?:\s+[\w\-’']+){0,2}\s*$", regex.IGNORECASE)
# "Join us for a live briefing", "We are holding a multi-agency learning briefing",
# "invite you to our annual conference", "pleased to announce a new training session":
# an invitation to (or announcement of) this event names its type.
_INVITE_BEFORE = regex.compile(
    r"\b(?:join(?:ing)?\s+us(?:\s+(?:for|at|in))?|invit(?:e|es|ing)\s+you\s+to"
    r"|we(?:\s+are|['’]re|\s+will\s+be|['’]ll\s+be)\s+(?:holding|hosting|running|organi[sz]ing"
    r"|delivering|putting\s+on)|we\s+(?:will|['’]ll)\s+(?:hold|host|run|deliver)"
    r"|announc(?:e|es|ing))"
    r"\s+(?:a|an|our|this)(?:\s+[\w\-’']+){0,3}\s*$",
    regex.IGNORECASE)
# "--- TRAINING ---", "=== WORKSHOPS ===": a newsletter's section banner names a category
# of its items, weaker than what the listing says of itself.
_BANNER_MARKS = "-=*#~_"
# "reminder about the *Prevent refresher drop-in* this Thursday": a name set in bold or
# italics inside a message (a chat's or markdown's asterisks or underscores).
_EMPHASISED = regex.compile(r"(?<![\w*])\*{1,2}([^*\n]{1,80}?)\*{1,2}(?![\w*])"
                            r"|(?<!\w)_([^_\n]{1,80}?)_(?!\w)")
_SEPARATORS = regex.compile(r"\s+[|·•–—-]\s+|\s*[|·•]\s*")
_WORD = regex.compile(r"[\w\-’']+")
_TRAILING_SYMBOLS = regex.compile(r"[^\p{L}\p{N}]+$")
STATEMENT_RULE = "statement"
SERIES_RULE = "series-name"
EMPHASIS_RULE = "emphasised-name"
MAX_SCANNED_BLOCKS = 400
"""Labels and prose naming the event come early; a huge text is not read to its end."""
PROSE_KINDS = ("preamble", "description", "details", "other", "audience", "event_type")
LEAD_LABEL_KINDS = ("preamble", "details")
"""Where a longer line opening with a label ("Hybrid workshop – join us ...") labels this
event: at the top, not in a description that mentions other offers."""


@dataclass(frozen=True)
class TypeMention:
    """An event-type word in a text: its type and where it is (offsets into that text)."""

    type: str
    start: int
    end: int


@cache
def _matcher() -> tuple[regex.Pattern[str], dict[str, str], frozenset[str]]:
    table = vocab.load("event_types")
    names = {phrase.lower(): kind for kind, phrases in table.items()
             if not kind.startswith("_") for phrase in phrases}
    alternatives = "|".join(regex.escape(p) for p in sorted(names, key=len, reverse=True))
    pattern = regex.compile(rf"(?<![\w\-])(?:{alternatives})(?![\w\-])", regex.IGNORECASE)
    return pattern, names, frozenset(table.get("_not_followed_by", []))


@cache
def _type_keys() -> tuple[str, ...]:
    """The type phrases no other one is part of ("seminar", not "web seminar"): a text
    holding none of them (case-folded) holds no type phrase."""
    keys = sorted(innermost(tuple(_matcher()[1])))
    if not all(key.isascii() for key in keys):
        return ("",)  # a case mapping beyond ASCII: rule nothing out
    return tuple(keys)


@cache
def _any_type_key() -> re.Pattern[str]:
    # A plain pattern of literals: the standard library's scans a short text fastest.
    return re.compile("|".join(re.escape(key) for key in _type_keys()))


@cache
def _type_phrases() -> Phrases:
    """Every type phrase: a block holding none (case-folded) names no type."""
    return Phrases(_matcher()[1])


@lru_cache(maxsize=1024)
def _is_format_key(key: str) -> bool:
    """A 'Key:' label whose value may name the type ("Format", "Delivery mode")."""
    return fold(key) in _folded_keys("_format_keys")


@lru_cache(maxsize=1024)
def _is_what_key(key: str) -> bool:
    """A 'Key:' label whose value describes the event in prose ("What: A seminar on ...")."""
    return fold(key) in _folded_keys("_what_keys")


@cache
def _folded_keys(name: str) -> frozenset[str]:
    """A list of 'Key:' labels of the vocabulary ("_format_keys", "_what_keys"), folded."""
    return frozenset(fold(key) for key in vocab.load("event_types").get(name, []))


@cache
def _type_adjectives() -> frozenset[str]:
    """Words that may qualify a type on a label line ("Virtual seminar")."""
    return frozenset(vocab.load("title")["type_adjectives"])


def find_types(text: str) -> list[TypeMention]:
    """Every event-type word in ``text`` that names an event (not a 'Training Programme').

    >>> [m.type for m in find_types("Multi-agency Training Programme: a two-day course")]
    ['course']
    >>> [m.type for m in find_types("Early help drop-in session, then a Learning Lab")]
    ['drop-in', 'learning lab']
    """
    _, names, blockers = _matcher()
    found = []
    for start, end in _type_spans(text):
        after = _WORD.search(text, end, min(len(text), end + 40))
        if after and after.group().lower() in blockers and _adjacent(text, end, after):
            continue
        found.append(TypeMention(names[text[start:end].lower()], start, end))
    return found


# Where a type phrase may start and end: no word character nor hyphen on either side
# (the matcher's look-behind and look-ahead, tried at one position).
_OPENS = regex.compile(r"(?<![\w\-])")
_CLOSES = regex.compile(r"(?![\w\-])")
_ASCII_WORD_OR_HYPHEN = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
"""What ``[\\w\\-]`` matches of ASCII: a character beyond ASCII is asked of the pattern."""


def _free_before(text: str, start: int) -> bool:
    """``_OPENS`` at ``start``: no word character nor hyphen just before."""
    return start == 0 or _free(text, start - 1, _OPENS, start)


def _free_after(text: str, end: int) -> bool:
    """``_CLOSES`` at ``end``: no word character nor hyphen just after."""
    return end >= len(text) or _free(text, end, _CLOSES, end)


def _free(text: str, index: int, pattern: regex.Pattern[str], at: int) -> bool:
    """Whether ``text[index]`` is no word character nor hyphen: read directly when
    ASCII, else ``pattern`` (a look-around) is asked at ``at``."""
    char = text[index]
    if char.isascii():
        return char not in _ASCII_WORD_OR_HYPHEN
    return pattern.match(text, at) is not None


@cache
def _holders_of() -> dict[str, tuple[tuple[str, int], ...]] | None:
    """Each type key with the phrases holding it and where in them it stands, longest
    phrase first: where a key occurs, the phrases around it are checked. None when a key
    is not ASCII (a case mapping may change lengths)."""
    keys = _type_keys()
    if keys == ("",):
        return None
    by_key: dict[str, list[tuple[str, int]]] = {}
    for phrase in sorted(_matcher()[1], key=len, reverse=True):
        key = next(key for key in keys if key in phrase)  # each phrase holds a key
        by_key.setdefault(key, []).append((phrase, phrase.index(key)))
    return {key: tuple(holders) for key, holders in by_key.items()}


def _type_spans(text: str) -> list[tuple[int, int]]:
    """The spans the matcher finds in ``text`` (its ``finditer``), found from where the
    phrases occur in the case-folded text: the matcher is tried only at those starts
    (its alternatives, longest first, with their boundaries), not at every character.

    Most texts hold no type key at all, which one search of the folded text shows."""
    folded = text.casefold()
    holders_of = _holders_of() if len(folded) == len(text) else None
    if holders_of is None:
        # A character folds to several (dotted I): offsets in the folded text would not
        # point into ``text``.
        return [match.span() for match in _matcher()[0].finditer(text)]
    # Where each key occurs: one search from just after the last (keys may overlap, and
    # at most one starts at a place: none is the start of another), not a scan per key.
    search = _any_type_key().search
    found = search(folded)
    if found is None:
        return []
    lengths_at: dict[int, list[int]] = {}  # start -> lengths of the phrases there
    while found is not None:
        at = found.start()
        for phrase, offset in holders_of[found.group()]:
            start = at - offset
            if start >= 0 and folded.startswith(phrase, start):
                lengths_at.setdefault(start, []).append(len(phrase))
        found = search(folded, at + 1)
    spans: list[tuple[int, int]] = []
    resume = 0  # a match resumes the matcher's search after its end
    for start in sorted(lengths_at):
        if start < resume or not _free_before(text, start):
            continue
        for length in sorted(lengths_at[start], reverse=True):
            if _free_after(text, start + length):
                spans.append((start, start + length))
                resume = start + length
                break
    return spans


def _adjacent(text: str, end: int, after: regex.Match[str]) -> bool:
    return text[end:after.start()].strip() == ""


def extract(ctx: Context) -> list[Candidate[str]]:
    """The earliest candidate of each rule; the rule's strength is its score."""
    found: list[Candidate[str]] = []
    title_span = ctx.shared.get("title_span")
    rules_found: set[str] = set()
    scanned = [0]  # blocks read so far, across sections
    # Every text read below but the Subject is part of the document's: a document holding
    # no type phrase (case-folded, one look at its text) names no type in any of them.
    may_name = _type_phrases().in_text(ctx.doc.text)
    for section in ctx.sections if may_name else ():
        if section.kind == "boilerplate":
            continue
        for candidate in _from_section(section, title_span, rules_found, scanned, ctx.doc.text):
            # The earliest of each rule is the one that can win: keep no others.
            if candidate.rule not in rules_found:
                rules_found.add(candidate.rule)
                found.append(candidate)
        if STATEMENT_RULE in rules_found:
            break  # nothing later can beat a statement
    if title_span and may_name:
        found.extend(_mentions(ctx.text(*title_span), title_span[0], "title", IN_TITLE, first=True))
    subject = ctx.doc.headers.get("subject")
    if subject:
        # An e-mail's Subject names the event too ("Spring term DSL forum – 15 January").
        start = ctx.doc.text.find(subject)
        found.extend(_mentions(subject, max(start, 0), "subject", IN_SUBJECT, first=True))
    return found


def _from_section(section: Section, title_span: tuple[int, int] | None,
                  rules_found: set[str], scanned: list[int],
                  text: str) -> Iterator[Candidate[str]]:
    """Candidates of one section; rules that already have one are not tried again.

    ``text``: the document's text, which each block's span points into."""
    if section.kind == "event_type":
        for block in _with_heading(section):
            yield from _mentions(block.text, block.start, STATEMENT_RULE, STATEMENT, first=True)
        return
    if section.heading is not None and section.kind == "outcomes":
        # "By the end of this webinar ..." names the event in its lead-in.
        yield from _prose(section.heading)
    if section.heading is not None and section.kind == "description":
        # "About the workshop", "About this seminar".
        yield from _mentions(section.heading.text, section.heading.start, "about-heading",
                             PROSE, first=True)
    title_start, title_end = title_span if title_span else (-1, -1)
    blocks = section.blocks
    # A line with no type word is no label, and its prose names no type: only the lines
    # holding one (found from where the words are) and 'Key:' lines are read.
    holding = ({block.start for block in _type_phrases().blocks_holding(text, blocks)}
               if section.kind in PROSE_KINDS else set())
    for block in blocks:
        if block.start == title_start and block.end == title_end:
            continue
        scanned[0] += 1
        if scanned[0] > MAX_SCANNED_BLOCKS:
            return
        if block.kind == "key_value" and block.key:
            if _is_format_key(block.key):
                yield from _mentions(block.value, block.value_start or block.start,
                                     "format-line", FORMAT_LINE, first=True)
                continue
            if _is_what_key(block.key):
                # "WHAT: A practical seminar on ...": the value describes the event as prose.
                yield from _prose_text(block.value, block.value_start or block.start)
                continue
        if block.start not in holding:
            continue
        if section.kind in LEAD_LABEL_KINDS and SERIES_RULE not in rules_found:
            yield from _series(block)
        if _is_label_line(block) or (section.kind in LEAD_LABEL_KINDS
                                       and _opens_with_label(block)):
            if "label-line" not in rules_found:
                yield from _label_line(block)
        elif "this-type" not in rules_found:  # nothing beats the first "this <type>"
            yield from _prose(block)
        if EMPHASIS_RULE not in rules_found and ("*" in block.text or "_" in block.text):
            yield from _emphasised(block)


def _with_heading(section: Section) -> Iterable[Block]:
    return ([section.heading] if section.heading else []) + section.blocks


def _mentions(text: str, offset: int, rule: str, score: float,
              first: bool = False) -> list[Candidate[str]]:
    mentions = find_types(text)
    if first:
        mentions = mentions[:1]
    return [Candidate(m.type, ((offset + m.start, offset + m.end),), rule, score)
            for m in mentions]


def _is_label_line(block: Block) -> bool:
    """A short line that is not a sentence: "Webinar", "Workshop · Online", "STAFF BRIEFING"."""
    text = block.text.strip()
    return (block.kind in ("heading", "paragraph", "line") and not text.endswith((".", ":"))
            and len(_WORD.findall(text)) <= LABEL_MAX_WORDS)


def _opens_with_label(block: Block) -> bool:
    """A longer line that opens with a label before a dash or a bar: "Hybrid workshop –
    join us in the room or online", "Online seminar | Presented by ..."."""
    if block.kind not in ("heading", "paragraph", "line"):
        return False
    lead = _SEPARATORS.split(block.text.strip(), maxsplit=1)
    return len(lead) > 1 and is_type_label(lead[0])


def is_type_label(text: str) -> bool:
    """Words that say what kind of event this is, not what it is called: a type word,
    perhaps after words that qualify it ("Virtual seminar"), and no words after it.

    >>> is_type_label("Online seminar"), is_type_label("Seminar on risk")
    (True, False)
    """
    mentions = find_types(text)
    if not mentions or _WORD.search(text, mentions[-1].end):
        return False
    adjectives = _type_adjectives()
    return all(w.lower() in adjectives for w in _WORD.findall(text[:mentions[0].start]))


def _label_line(block: Block) -> Iterator[Candidate[str]]:
    """The type a label line opens with, or the type in its first segment."""
    first_segment = _SEPARATORS.split(block.text, maxsplit=1)[0]
    segments = [first_segment] if find_types(first_segment) else _SEPARATORS.split(block.text)
    adjectives = _type_adjectives()
    for segment in segments:
        mentions = find_types(segment)
        if not mentions:
            continue
        offset = block.start + block.text.find(segment)
        # The segment is all event words ("Virtual seminar") or ends with the type
        # ("Practice Development Briefing"): it labels this event.
        leading = segment[:mentions[0].start].lower()
        # Trailing symbols, emoji and punctuation ("Lunchtime drop-in ☕") don't count.
        ends_at = len(_TRAILING_SYMBOLS.sub("", segment))
        if all(w in adjectives for w in _WORD.findall(leading)) or mentions[-1].end >= ends_at - 1:
            m = mentions[0]
            span = ((offset + m.start, offset + m.end),)
            if _is_banner(block.text):
                yield Candidate(m.type, span, "banner-line", BANNER)
            else:
                yield Candidate(m.type, span, "label-line", LABEL_LINE)
            return


def _is_banner(text: str) -> bool:
    """ "--- TRAINING ---": a line set between runs of marks, with no lower-case letter.

    >>> _is_banner("--- TRAINING ---"), _is_banner("Training - Online")
    (True, False)
    """
    line = text.strip()
    marked = line[:2] + line[-2:]
    return (len(line) > 4 and all(c in _BANNER_MARKS for c in marked)
            and not any(c.islower() for c in line))


def _emphasised(block: Block) -> Iterator[Candidate[str]]:
    """A short name in bold or italics that ends with its type ("*Prevent refresher
    drop-in*"), as a label line would be: this event's name inside a longer message."""
    for match in _EMPHASISED.finditer(block.text):
        group = 1 if match.group(1) is not None else 2
        name, name_start = match.group(group), match.start(group)
        if len(_WORD.findall(name)) > LABEL_MAX_WORDS:
            continue
        mentions = find_types(name)
        if mentions and mentions[-1].end >= len(_TRAILING_SYMBOLS.sub("", name)) - 1:
            m = mentions[-1]
            start = block.start + name_start
            yield Candidate(m.type, ((start + m.start, start + m.end),), EMPHASIS_RULE, PROSE)
            return


def _series(block: Block) -> Iterator[Candidate[str]]:
    """A series the event belongs to, named at the top ("Grand Round Seminar Series
    2025/26"): its type word is the weakest evidence, taken when nothing else names one."""
    if "eries" not in block.text and "ERIES" not in block.text:
        return  # cheap: most lines name no series
    for mention in find_types(block.text):
        after = _WORD.search(block.text, mention.end, min(len(block.text), mention.end + 20))
        if after and after.group().lower() == "series" and _adjacent(block.text, mention.end,
                                                                     after):
            yield Candidate(mention.type, ((block.start + mention.start,
                                            block.start + mention.end),), SERIES_RULE, SERIES)
            return


def _may_lead(stretch: str, words: tuple[str, ...]) -> bool:
    """False only when an ASCII stretch holds none of ``words`` in any case."""
    if not stretch.isascii():
        return True
    lower = stretch.lower()
    return any(word in lower for word in words)


def _names_another_event(lead: str) -> bool:
    """ "our previous webinar", "our other courses": the words before a type word point
    at another event than this one."""
    return not _other_event_words().isdisjoint(w.lower() for w in _WORD.findall(lead))


@cache
def _other_event_words() -> frozenset[str]:
    return frozenset(vocab.load("event_types").get("_other_event_words", []))


def _prose(block: Block) -> Iterator[Candidate[str]]:
    """ "In this webinar", "This full-day workshop introduces ..."."""
    return _prose_text(block.text, block.start)


# What each lead pattern needs before the type word, in lower case: "this" or "our" (or
# the text's start, for "A ... seminar"), an invitation's first word, "the". An ASCII
# stretch with none of them is not searched.
_LEAD_WORDS = {"this-type": ("this", "our"), "invite-type": ("join", "invit", "we", "announc"),
               "the-type": ("the",)}


def _prose_text(text: str, start: int) -> Iterator[Candidate[str]]:
    """``_prose`` of a text starting at ``start`` in the document."""
    mentions = find_types(text)
    for rule, pattern, score, reach in (("this-type", _THIS_BEFORE, PROSE, 40),
                                        ("invite-type", _INVITE_BEFORE, PROSE, 60),
                                        ("the-type", _THE_BEFORE, THE_PROSE, 40)):
        for mention in mentions:
            before = max(0, mention.start - reach)
            if before and not _may_lead(text[before:mention.start], _LEAD_WORDS[rule]):
                continue
            lead = pattern.search(text, before, mention.start)
            if lead and not _names_another_event(lead.group()):
                yield Candidate(mention.type, ((start + mention.start,
                                                start + mention.end),), rule, score)
                return
