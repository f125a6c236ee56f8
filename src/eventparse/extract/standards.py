"""Extractor for ``standards``: the professional standards a listing cites.

A standards line names a family and lists statements::

    PQS:KSS - Relationships and effective direct work | Organisational context
    PQS:KSS (adults): Safeguarding | Mental capacity
    PCF: Knowledge; Critical reflection and analysis
    KSS: 5 Abuse and neglect of children; 8 The law and the family and youth justice systems
    KSS 3 and 6
    PCF domains 5 (Knowledge), 7 (Skills and interventions)
    Social Work England professional standards: 1 Promote the rights, ...; 2 Establish ...
    Knowledge and Skills Statement (child and family): statements 5, 7 and 8
    This course maps to the KSS for practice leaders: Quality assurance and improvement.

Each statement is resolved through the packaged vocabulary (vocab/standards.json,
built from the shared reference by scripts/build_standards_vocab.py): whole titles
between separators, rapidfuzz for near spellings, numbers to titles. A title in more
than one statement set keeps every set in ``candidates`` unless the line names the
set ("(adults)", "child and family practitioners"). A title the framework does not
have is kept as written and flagged ``unknown-standard``. A sentence may lead up to the
family's name in its own words ("Social workers can record this as CPD against Social
Work England professional standards 3 and 5"): the list must then follow the name (and
the set it names) at once and hold a statement we know. Under a standards heading
("Professional standards", "PCF domains") bare titles count too, but only known ones:
an unknown bare line ends the list, since it is more likely the next part of the page.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

import regex
from rapidfuzz import fuzz, process

from eventparse import vocab
from eventparse.document import Block
from eventparse.extract.base import Candidate, Context, fold_words
from eventparse.model import Standard
from eventparse.sections import heading_kind

FIELD = "standards"
GROUP = "standards"
MAX_LINE = 2000  # longer blocks are prose, never a standards line (and keeps work bounded)
MAX_PREFIX = 160
FUZZY_CUTOFF = 90.0
FUZZY_MIN_LENGTH = 8
MAX_HEADING_WORDS = 6  # "Links to professional standards"; longer is a sentence
MAX_TITLE_WORDS = 12  # the longest official title has 17 words, but it is known
MAX_NAME_WORDS = 8  # "for social workers in adult services" between a family cue and its list
MAX_LEAD_IN = 240  # a sentence's words up to its list: "Social workers can record ... standards"
MAX_SENTENCE = 800  # a longer "sentence" is no standards sentence (and keeps work bounded)
MAX_SEPARATORS = 8  # places in one sentence tried as the end of its lead-in

# Where a line's family name ends and its list begins: "Key: ", " - ", " | ",
# or the first statement number ("KSS 3 and 6"). "PQS:KSS" has no space after its colon.
_SEPARATOR = regex.compile(r":(?=\s|$)|\s[-–—]\s|\s?\|\s?|\s(?=\d{1,2}\b)")
_STRONG = regex.compile(r"\s*[|;•·]\s*|\s+/\s+|,\s*(?=\d{1,2}[.)]?\s+\p{L})")
_SOFT = regex.compile(r",\s*|\s+(?:and|&)\s+")
_NUMBERED = regex.compile(r"(\d{1,2})\s*\(([^()\n]{1,150})\)")
_NUMBERS_ONLY = regex.compile(r"\d{1,2}(?:\s*(?:,|and|&)\s*\d{1,2})*")
_LEAD_NUMBER = regex.compile(r"(?:[\p{L}:]+\s+){0,2}?(\d{1,2})\s*[.):]?\s*(?:[-–—]\s*)?(?=\p{L})")
_WORD = regex.compile(r"[\p{L}\p{N}:&'’]+")
_WORDS_BEFORE_NUMBER = regex.compile(r"(?:\p{L}+\s+){1,2}(?=\d{1,2}\b)")  # "statements 5"
_SENTENCE_BREAK = regex.compile(r"(?<=[.!?])\s+")
_TRIM = " \t.,;:-–—|"
_LIST_GOES_ON = (";", ",")  # a line ending so wraps its list onto the next
_TITLE_JOINT = regex.compile(r"\s*(?:[,;]\s*(?:and\s+|&\s+)?|\s(?:and|&)\s+)")
_LIST_END = regex.compile(r"\s*(?:$|[^\p{L}\p{N}\s]|(?:and|or)\b)")


@dataclass(frozen=True)
class Statement:
    family: str
    set_id: str
    number: int
    title: str


@dataclass(frozen=True)
class Vocabulary:
    by_title: dict[str, tuple[Statement, ...]]
    by_number: dict[tuple[str, int], Statement]
    default_set: dict[str, str]
    family_of_set: dict[str, str]
    cues: tuple[tuple[str, str], ...]
    hints: tuple[tuple[str, str], ...]
    lead_words: frozenset[str]
    cue_keys: tuple[str, ...]
    name_words: frozenset[str]  # words that may stand between a family cue and its list


@dataclass(frozen=True)
class Item:
    """One statement as the line gives it: its text (title or number) and span."""

    text: str
    start: int
    end: int
    number: int | None = None


Found = list[tuple[Standard, int, int, str]]  # each standard with its span and rule


def fold(text: str) -> str:
    """Lower case, '&' as 'and', hyphens and punctuation to spaces, spaces collapsed.

    >>> fold("Analysis, decision-making, planning & review.")
    'analysis decision making planning and review'
    """
    return fold_words(text.replace("&", " and "))


@cache
def _vocabulary() -> Vocabulary:
    data = vocab.load("standards")
    by_title: dict[str, list[Statement]] = {}
    by_number: dict[tuple[str, int], Statement] = {}
    default_set: dict[str, str] = {}
    family_of_set: dict[str, str] = {}
    hints: list[tuple[str, str]] = []
    for statement_set in data["sets"]:
        set_id, family = statement_set["id"], statement_set["family"]
        default_set.setdefault(family, set_id)
        family_of_set[set_id] = family
        hints.extend((fold(h), set_id) for h in statement_set["hints"])
        for entry in statement_set["statements"]:
            statement = Statement(family, set_id, entry["number"], entry["title"])
            by_number[(set_id, entry["number"])] = statement
            for title in (entry["title"], *entry["aliases"]):
                by_title.setdefault(fold(title), []).append(statement)
    cues = [(fold(cue), family) for family, words in data["cues"].items() for cue in words]
    lead_words = frozenset(fold(w) for w in data["lead_words"])
    return Vocabulary(
        by_title={k: tuple(v) for k, v in by_title.items()},
        by_number=by_number,
        default_set=default_set,
        family_of_set=family_of_set,
        cues=tuple(sorted(cues, key=lambda c: -len(c[0]))),
        hints=tuple(sorted(hints, key=lambda h: -len(h[0]))),
        lead_words=lead_words,
        cue_keys=_cue_keys(cue for cue, _ in cues),
        name_words=lead_words.union(*(text.split() for text, _ in (*cues, *hints))),
    )


def _cue_keys(cues: Iterable[str]) -> tuple[str, ...]:
    """One word of every family cue (folded): a text holding none of them names no family.

    A cue holding a shorter cue ("pcf domains", "pcf") needs no word of its own; of the
    others, the longest word is taken, as the least common."""
    cues = set(cues)
    shortest = [cue for cue in cues
                if not any(other != cue and f" {other} " in f" {cue} " for other in cues)]
    return tuple(sorted({max(cue.split(), key=len) for cue in shortest}))


def _may_name_family(text: str, keys: tuple[str, ...] | None = None) -> bool:
    """False only when no family cue can be in ``text`` (or any part of it).

    Every word of a folded text is a run of letters and digits in the text as ``fold``
    has it before its punctuation goes ('&' as 'and', case-folded, apostrophes dropped),
    so a cue word missing from that is missing from the fold of every part of it.
    ``keys``: the cue words to look for (all of them when None)."""
    folded = _cue_folded(text)
    return any(key in folded for key in (_vocabulary().cue_keys if keys is None else keys))


def _cue_keys_in(text: str) -> tuple[str, ...]:
    """The cue words ``_may_name_family`` finds in ``text``: the only ones a part of it
    (a line of the document) can hold."""
    folded = _cue_folded(text)
    return tuple(key for key in _vocabulary().cue_keys if key in folded)


def _cue_folded(text: str) -> str:
    return text.replace("&", " and ").casefold().replace("’", "").replace("'", "")


def _contains(folded: str, phrase: str) -> int:
    """Index of a whole-word phrase in folded text, or -1."""
    padded = f" {folded} "
    index = padded.find(f" {phrase} ")
    return index


def family_of(prefix: str) -> str | None:
    """The family a line's prefix names, when only lead words come before it.

    >>> family_of("Mapped to the Knowledge and Skills Statement for social workers")
    'PQS:KSS'
    >>> family_of("PCF domains"), family_of("The course"), family_of("Professional standards")
    ('PCF', None, None)
    """
    found = _family_and_position(prefix)
    return found[0] if found else None


@lru_cache(maxsize=4096)
def _family_and_position(prefix: str) -> tuple[str, int] | None:
    if not _may_name_family(prefix):
        return None
    folded = fold(prefix)
    vocabulary = _vocabulary()
    best: tuple[str, int] | None = None
    padded = f" {folded} "  # what _contains pads, made once for every cue
    for cue, family in vocabulary.cues:
        index = padded.find(f" {cue} ")
        if index >= 0 and (best is None or index < best[1]):
            best = (family, index)
    if best is None:
        return None
    before = folded[: best[1]].split()
    if any(word not in vocabulary.lead_words for word in before):
        return None
    return best


def set_hint(prefix: str) -> frozenset[str]:
    """The PQS:KSS statement sets a line's prefix narrows to (the longest hint wins).

    >>> sorted(set_hint("PQS:KSS (adults)")), sorted(set_hint("PQS:KSS"))
    (['pqs-kss-adults'], [])
    """
    folded = fold(prefix)
    found: set[str] = set()
    longest = 0
    for hint, set_id in _vocabulary().hints:
        if len(hint) < longest:
            break
        if _contains(folded, hint) >= 0:
            longest = len(hint)
            found.add(set_id)
    return frozenset(found)


@lru_cache(maxsize=4096)
def resolve_title(title: str, family: str | None,
                  hint: frozenset[str] = frozenset()) -> tuple[Statement, ...]:
    """Every statement a title can be: exact (folded) first, then a near spelling.

    >>> [s.set_id for s in resolve_title("Organisational context", "PQS:KSS")]
    ['pqs-kss-cfp', 'pqs-kss-adults']
    >>> [s.number for s in resolve_title("Organisational context", "PQS:KSS",
    ...                                   frozenset({"pqs-kss-adults"}))]
    [9]
    >>> resolve_title("Critical reflection and analysys", "PCF")[0].title
    'Critical reflection and analysis'
    """
    folded = fold(title)
    vocabulary = _vocabulary()
    matches = _in_family(vocabulary.by_title.get(folded, ()), family)
    if not matches and len(folded) >= FUZZY_MIN_LENGTH:
        choices = [t for t, s in vocabulary.by_title.items() if _in_family(s, family)]
        near = process.extractOne(folded, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if near is not None:
            matches = _in_family(vocabulary.by_title[near[0]], family)
    narrowed = tuple(s for s in matches if s.set_id in hint)
    return narrowed or matches


def _in_family(statements: tuple[Statement, ...], family: str | None) -> tuple[Statement, ...]:
    return tuple(s for s in statements if family is None or s.family == family)


def standard_for(statements: tuple[Statement, ...]) -> Standard:
    """One Standard: the set and number when the title has one set, else every candidate."""
    first = statements[0]
    sets = list(dict.fromkeys(s.set_id for s in statements))
    if len(sets) == 1:
        return Standard(framework=first.family, name=first.title, statement_set=first.set_id,
                        number=first.number)
    return Standard(framework=first.family, name=first.title, candidates=sets)


def extract(ctx: Context) -> list[Candidate[Standard]]:
    found: list[Candidate[Standard]] = []
    seen: set[tuple[str, str]] = set()
    for standard, start, end, rule in _standards(ctx):
        key = (standard.framework, fold(standard.name))
        if key in seen:
            continue
        seen.add(key)
        if not standard.known:
            ctx.flag("unknown-standard",
                     f"'{standard.name}' is not a {standard.framework} statement we know",
                     start, end)
        found.append(Candidate(standard, ((start, end),), rule, 1.0, GROUP))
    return found


def _standards(ctx: Context) -> Iterator[tuple[Standard, int, int, str]]:
    """Standards in document order: from family lines, and known titles under a heading."""
    under: str | None = None  # family of the open standards heading ("" for none named)
    hint: frozenset[str] = frozenset()  # the statement set that heading names, if any
    # Most documents, and most lines, name no family: such a line is no family line (each
    # one needs a family), and as a heading it can only be a plain "Professional standards".
    cues = _cue_keys_in(ctx.doc.text)  # a line can hold only the cue words its document holds
    # A cue word missing from the folded text is missing from its lower case too (folding
    # and lower case agree on every character that becomes ASCII): not looked for again.
    if not cues and not ctx.may_hold_heading("standards", absent=_vocabulary().cue_keys):
        return  # no family line, and no heading for bare titles to follow
    for block in ctx.doc.blocks:
        if len(block.text) > MAX_LINE:
            under = None
            continue
        families = bool(cues) and _may_name_family(block.text, cues)
        line = _parse_line(block.text, block.start) if families else None
        if line is not None:
            yield from line
            under = None if line else _heading_family(block.text)
            if line and block.text.rstrip().endswith(_LIST_GOES_ON):
                # "KSS ...: A;" wrapped: the next line goes on with the list's titles.
                under, hint = line[-1][0].framework, set_hint(block.text)
            continue
        opened = _heading_family(block.text, families)
        if opened is not None:
            under, hint = opened, set_hint(block.text)
            continue
        if under is None:
            continue
        bare = _bare_titles(block, under or None, hint)
        if bare is None:
            under = None
        else:
            yield from bare


def _heading_family(text: str, families: bool = True) -> str | None:
    """'' for a standards heading naming no family, the family for 'PCF domains', else None.

    ``families`` False says the text is known to name no family (a cheaper look)."""
    stripped = text.strip(_TRIM)
    if len(stripped) > MAX_PREFIX:
        return None
    family = family_of(stripped) if families else None
    if family is not None and not text.rstrip().endswith("."):
        # "PCF domains", "Knowledge and skills statement for practice leaders": a heading
        return family
    if len(stripped.split()) <= MAX_HEADING_WORDS and heading_kind(stripped) == "standards":
        return family or ""
    if families and text.rstrip().endswith(":"):
        # "This course maps to the following Knowledge and Skills Statement (child and
        # family practitioners):" leads into the list below it, as a heading does.
        named = _named_family(stripped)
        return named[0] if named else None
    return None


def _is_cue(word: str) -> bool:
    return any(word in cue.split() for cue, _ in _vocabulary().cues)


def _parse_line(text: str, offset: int) -> Found | None:
    """The standards a family line lists, or None when the line names no family."""
    split = _split_prefix(text)
    if split is None:
        return _prose_line(text, offset)
    prefix, rest_start = split
    family = family_of(prefix)
    if family is None:
        # "Standards: PQS:KSS - ..." names its family after a plain key.
        if len(prefix.split()) > MAX_HEADING_WORDS or heading_kind(prefix) != "standards":
            return _prose_line(text, offset)
        return _parse_line(text[rest_start:], offset + rest_start)
    items, family, hint = _list_after(text, rest_start, family, _hint_of(prefix, family))
    found = _found(items, family, hint, offset, "family-line")
    if not any(standard.known for standard, *_ in found) and _reads_as_prose(prefix, items):
        return None
    return found


def _hint_of(name: str, family: str) -> frozenset[str]:
    return set_hint(name) if family == "PQS:KSS" else frozenset()


def _list_after(text: str, start: int, family: str,
                hint: frozenset[str]) -> tuple[list[Item], str, frozenset[str]]:
    """The items after a family's name, with the family and set they belong to: the list may
    open on a narrower name of its own ("Post-qualifying standards: Knowledge and skills
    statement for practice supervisors - ..."), which then names both."""
    nested = _split_prefix(text[start:])
    if nested is not None:
        inner = family_of(nested[0])
        if inner is not None:
            family, hint = inner, _hint_of(nested[0], inner) or hint
            start += nested[1]
    return _items(text, start, family), family, hint


def _found(items: list[Item], family: str, hint: frozenset[str], offset: int,
           rule: str) -> Found:
    return [(_standard(item, family, hint), offset + item.start, offset + item.end, rule)
            for item in items]


def _prose_line(text: str, offset: int) -> Found | None:
    """The standards a line's sentences list after naming their family in their own words
    ("This workshop maps to the KSS for child and family practitioners: A; B."), or None."""
    found: Found = []
    position = 0
    for boundary in [*_SENTENCE_BREAK.finditer(text), None]:
        stop = boundary.start() if boundary else len(text)
        sentence = text[position:stop]
        if len(sentence) <= MAX_SENTENCE and _may_name_family(sentence):
            found.extend(_prose_sentence(sentence, offset + position))
        position = boundary.end() if boundary else stop
    return found or None


def _prose_sentence(sentence: str, offset: int) -> Found:
    """A sentence's list after a lead-in ending on a family's name (and the set it names).

    With no key to say a list follows, the list must hold a statement we know and
    nothing longer than a title: else it is a sentence about the framework."""
    separators = _SEPARATOR.finditer(sentence, 0, MAX_LEAD_IN)
    for tried, separator in enumerate(separators):
        if tried >= MAX_SEPARATORS:
            break
        named = _named_family(sentence[: separator.start()])
        if named is None:
            continue
        family, name = named
        items, family, hint = _list_after(sentence, separator.end(), family,
                                          _hint_of(name, family))
        if any(_too_long(item, family) for item in items):
            continue
        found = _found(items, family, hint, offset, "family-sentence")
        if any(standard.known for standard, *_ in found):
            return _with_prose_titles(found, sentence, offset)
    return _with_prose_titles([], sentence, offset)


def _with_prose_titles(found: Found, sentence: str, offset: int) -> Found:
    """``found`` with the known titles the sentence names in running prose, in order."""
    taken = [(start, end) for _, start, end, _ in found]
    more = [entry for entry in _prose_titles(sentence, offset)
            if not any(entry[1] < end and start < entry[2] for start, end in taken)]
    return sorted(found + more, key=lambda entry: entry[1]) if more else found


def _prose_titles(sentence: str, offset: int) -> Found:
    """Known titles that follow a family's name in running prose, with no colon or dash
    to start a list: "supports the Professional Capabilities Framework domain Professional
    leadership", "the KSS for adult social workers, in particular Safeguarding and Mental
    capacity". Each must be a whole official title of that family, written with a capital
    and ending where the list does (not "Communication skills"), after nothing but the
    family's name and a connector ("in particular")."""
    found: Found = []
    padded = f" {fold(sentence)} "
    named_here = {family for cue, family in _vocabulary().cues if f" {cue} " in padded}
    for family, pattern in _title_patterns().items():
        if family not in named_here:
            continue  # the sentence names no such family: no title of it can follow its name
        first = pattern.search(sentence)
        while first is not None and not sentence[first.start()].isupper():
            first = pattern.search(sentence, first.end())
        if first is None:
            continue
        named = _named_family(_without_connector(sentence[: first.start()]))
        if named is None or named[0] != family:
            continue
        hint = _hint_of(named[1], family)
        titles = _title_run(sentence, first, pattern)
        found.extend((standard_for(resolve_title(match.group(), family, hint)),
                      offset + match.start(), offset + match.end(), "prose-title")
                     for match in titles)
    return found


def _title_run(sentence: str, first: regex.Match[str],
               pattern: regex.Pattern[str]) -> list[regex.Match[str]]:
    """The titles joined by ',', ';' or 'and' from ``first`` on; none unless the run ends
    the list (punctuation, the sentence's end, or 'and'/'or' follow it)."""
    run = [first]
    while True:
        joint = _TITLE_JOINT.match(sentence, run[-1].end())
        following = pattern.match(sentence, joint.end()) if joint else None
        if following is None or not sentence[following.start()].isupper():
            break
        run.append(following)
    return run if _LIST_END.match(sentence, run[-1].end()) else []


def _without_connector(lead: str) -> str:
    """A lead-in without the connector before its first title ("..., in particular")."""
    lead = lead.rstrip(_TRIM + " (")
    folded_end = fold(lead[-40:])
    for connector in _connectors():
        if folded_end == connector or folded_end.endswith(f" {connector}"):
            return lead[: len(lead) - len(connector)].rstrip(_TRIM + " (")
    return lead


@cache
def _connectors() -> tuple[str, ...]:
    return tuple(sorted((fold(c) for c in vocab.load("standards_prose")["connectors"]),
                        key=len, reverse=True))


@cache
def _title_patterns() -> dict[str, regex.Pattern[str]]:
    """Per family, a pattern of every official title and alias, as written in prose:
    any punctuation between words, '&' for 'and', any case."""
    titles: dict[str, set[str]] = {}
    for folded, statements in _vocabulary().by_title.items():
        for statement in statements:
            titles.setdefault(statement.family, set()).add(folded)
    patterns = {}
    for family, folded_titles in titles.items():
        alternatives = "|".join(
            r"[^\p{L}\p{N}]+".join("(?:and|&)" if word == "and" else regex.escape(word)
                                    for word in title.split())
            for title in sorted(folded_titles, key=len, reverse=True))
        patterns[family] = regex.compile(
            rf"(?<![\p{{L}}\p{{N}}])(?:{alternatives})(?![\p{{L}}\p{{N}}])", regex.IGNORECASE)
    return patterns


@lru_cache(maxsize=4096)
def _named_family(lead_in: str) -> tuple[str, str] | None:
    """The family whose name ends a lead-in, and that name as folded (with the set it
    names): the last family cue in it, followed by nothing but words of such names.

    >>> _named_family("This course maps to the KSS for practice leaders")
    ('PQS:KSS', 'kss for practice leaders')
    >>> _named_family("The KSS was revised for practice leaders") is None
    True
    """
    if not _may_name_family(lead_in):
        return None
    padded = f" {fold(lead_in)} "
    vocabulary = _vocabulary()
    last: tuple[int, str, str] | None = None  # where the last cue starts (the longest there)
    for cue, family in vocabulary.cues:
        index = padded.rfind(f" {cue} ")
        if index >= 0 and (last is None or index > last[0]):
            last = (index, cue, family)
    if last is None:
        return None
    index, cue, family = last
    after = padded[index + len(cue) + 1:].split()
    if len(after) > MAX_NAME_WORDS or any(w not in vocabulary.name_words for w in after):
        return None
    return family, padded[index:].strip()


def _reads_as_prose(prefix: str, items: list[Item]) -> bool:
    """A line none of whose items is known is prose ("The KSS - introduced in 2014 - ...")
    unless its prefix is only a family's name and its items are title-sized."""
    return not _only_cue_words(prefix) or any(_too_long(item, None) for item in items)


def _too_long(item: Item, family: str | None) -> bool:
    """An item longer than a title is prose, unless it is a title we know (the longest
    official ones, "Be accountable for the quality of my practice and the decisions I
    make", are longer than most sentences about a framework)."""
    return len(item.text.split()) > MAX_TITLE_WORDS and not resolve_title(item.text, family)


def _split_prefix(text: str) -> tuple[str, int] | None:
    separator = _SEPARATOR.search(text, 0, MAX_PREFIX)
    if separator is None:
        return None
    return text[: separator.start()], separator.end()


def _standard(item: Item, family: str, hint: frozenset[str]) -> Standard:
    """The Standard for one item: its title resolved, or its number looked up in the set
    the line names (the family's first set when it names none: KSS 1-10 for children)."""
    vocabulary = _vocabulary()
    item, hint = _set_qualified(item, hint)
    if item.text:
        statements = resolve_title(item.text, family, hint)
        if statements:
            return standard_for(statements)
        return Standard(framework=family, name=item.text, known=False)
    set_id = min(hint) if len(hint) == 1 else vocabulary.default_set.get(family, "")
    statement = vocabulary.by_number.get((set_id, item.number or 0))
    if statement is None:
        return Standard(framework=family, name=f"{family} {item.number}", known=False)
    return standard_for((statement,))


def _set_qualified(item: Item, hint: frozenset[str]) -> tuple[Item, frozenset[str]]:
    """A title with its statement set in brackets after it ("Developing excellent
    practitioners (practice supervisors)"): the title alone and the set it names; any
    other item as it is, with the line's own hint.

    >>> item, named = _set_qualified(Item("Organisational context (adults)", 0, 31), frozenset())
    >>> item.text, item.end, sorted(named)
    ('Organisational context', 22, ['pqs-kss-adults'])
    """
    opening = item.text.rfind("(")
    if opening <= 0 or not item.text.endswith(")"):
        return item, hint
    named = set_hint(item.text[opening + 1:-1])
    title = item.text[:opening].rstrip(_TRIM)
    if not named or not title:
        return item, hint
    return Item(title, item.start, item.start + len(title), item.number), named


def _items(text: str, start: int, family: str | None) -> list[Item]:
    """The statements after a line's prefix: numbers, titles, or 'N (title)' pairs."""
    end = len(text)
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    while start < end and text[start] in _TRIM:
        start += 1
    rest = text[start:end]
    pairs = list(_NUMBERED.finditer(rest))
    if pairs:
        return [Item(p.group(2).strip(), start + p.start(2), start + p.end(2), int(p.group(1)))
                for p in pairs]
    items: list[Item] = []
    for piece_start, piece_end in _pieces(rest, _STRONG):
        items.extend(_piece_items(text, start + piece_start, start + piece_end, family))
    return items


def _pieces(text: str, separator: regex.Pattern[str]) -> list[tuple[int, int]]:
    """(start, end) of the non-empty stretches between separators, trimmed."""
    spans: list[tuple[int, int]] = []
    position = 0
    for match in [*separator.finditer(text), None]:
        stop = match.start() if match else len(text)
        piece_start, piece_end = position, stop
        while piece_start < piece_end and text[piece_start] in _TRIM:
            piece_start += 1
        while piece_end > piece_start and text[piece_end - 1] in _TRIM:
            piece_end -= 1
        if piece_end > piece_start:
            spans.append((piece_start, piece_end))
        position = match.end() if match else stop
    return spans


def _piece_items(text: str, start: int, end: int, family: str | None) -> list[Item]:
    before = _WORDS_BEFORE_NUMBER.match(text, start, end)  # "statements 5, 7 and 8"
    if before and all(_is_cue(w) or w in _vocabulary().lead_words
                      for w in fold(before.group()).split()):
        start = before.end()
    piece = text[start:end]
    if _NUMBERS_ONLY.fullmatch(piece):
        return [Item("", start + m.start(), start + m.end(), int(m.group()))
                for m in regex.finditer(r"\d{1,2}", piece)]
    lead = _LEAD_NUMBER.match(piece)
    if lead and _only_cue_words(piece[: lead.start(1)]):
        start += lead.end()
        piece = text[start:end]
    return _titles(text, start, end, family)


def _only_cue_words(text: str) -> bool:
    return all(_is_cue(w) for w in fold(text).split())


def _titles(text: str, start: int, end: int, family: str | None) -> list[Item]:
    """Whole known titles, longest first, where a piece holds several joined by ',' or 'and'.

    A piece none of whose parts is known stays whole: one unknown title, as written.
    """
    piece = text[start:end]
    if resolve_title(piece, family):
        return [Item(piece, start, end)]
    chunks = _pieces(piece, _SOFT)
    items: list[Item] = []
    pending: tuple[int, int] | None = None  # unknown chunks waiting to be joined
    index = 0
    while index < len(chunks):
        stop = _longest_known(piece, chunks, index, family)
        if stop is None:
            first = pending[0] if pending else chunks[index][0]
            pending = (first, chunks[index][1])
            index += 1
            continue
        if pending:
            items.append(Item(piece[pending[0]:pending[1]], start + pending[0], start + pending[1]))
            pending = None
        chunk_start, chunk_end = chunks[index][0], chunks[stop - 1][1]
        items.append(Item(piece[chunk_start:chunk_end], start + chunk_start, start + chunk_end))
        index = stop
    if pending:
        items.append(Item(piece[pending[0]:pending[1]], start + pending[0], start + pending[1]))
    return items


def _longest_known(piece: str, chunks: list[tuple[int, int]], index: int,
                   family: str | None) -> int | None:
    for stop in range(len(chunks), index, -1):
        if resolve_title(piece[chunks[index][0]:chunks[stop - 1][1]], family):
            return stop
    return None


def _bare_titles(block: Block, family: str | None, hint: frozenset[str]) -> Found | None:
    """Titles on a line under a standards heading, when every one of them is known."""
    if block.kind == "heading" and heading_kind(block.text) is not None:
        return None
    qualified = [_set_qualified(item, hint) for item in _items(block.text, 0, family)]
    items = [item for item, _ in qualified]
    resolved = [resolve_title(item.text, family, item_hint) if item.text else ()
                for item, item_hint in qualified]
    if not items or not all(resolved):
        return None
    return [(standard_for(statements), block.start + item.start, block.start + item.end,
             "under-heading") for item, statements in zip(items, resolved, strict=True)]
