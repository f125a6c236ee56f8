"""Extractor for ``audiences``: who the event is for, as the listing labels them.

Where the labels come from, best first:

1. an audience heading ("Audience Types", "Who should attend", "Suitable for:",
   "Who is it for?") and the label lines or the one prose list under it (a line such
   as "This webinar is aimed at:" only introduces the lines below it);
2. an audience key or question with its list on the same line
   ("Suitable for: social workers, ...", "Who is this for? Social workers, ...");
3. a sentence anywhere: "This workshop is for social workers, youth workers and
   police officers."

A prose list is split on commas and on "and"/"or" where both sides are roles
("speech and language therapists" stays whole); a clause after the last role
("... who carry out direct work") is dropped, and so is a qualifier on the last role
alone ("... and senior practitioners working in adult social care"), which says where
the whole list works; a leading "including" or "especially" ("..., including
students") is no part of its label. Each label is kept as the listing words it, with a leading
capital only (acronyms such as NHS or SENCOs kept; a role of the vocabulary,
vocab/audiences.json, in the same words takes its capitals). The vocabulary only
decides whether a label is a known role: a role, a plural or slip of spelling of
one (never another word: "Ward managers" is not "Care managers"), or a label whose
head noun is a role word ("workers", "officers", "nurses"). Anything else
("Everyone!") is flagged ``unknown-audience``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

import regex
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from eventparse import vocab
from eventparse.document import Block
from eventparse.extract.base import Candidate, Context, Phrases
from eventparse.extract.base import fold_words as fold
from eventparse.sections import heading_kind

FIELD = "audiences"
GROUP = "audiences"
MAX_LIST_CHARS = 600  # a prose list longer than this is a paragraph, not a list of roles
MAX_LABEL_WORDS = 8
MAX_HEADING_WORDS = 6  # 'Who is this event for?'; longer is a sentence
MAX_JOINERS = 6  # 'and'/'or' in one comma piece worth trying to split on
MAX_OPENERS = 20  # sentence openers ("For ...") tried in one block; bounds a pathological text
MAX_ROLE_EDITS = 2
MIN_NEAR_LENGTH = 6
LETTERS_PER_EDIT = 4  # a slip of spelling: one edit in a word of 4-7 letters, two from 8
HEAD_CUTOFF = 88.0
SECTION_SCORE, INLINE_SCORE, PROSE_SCORE = 1.0, 0.9, 0.7

_SPLIT_LIST = regex.compile(r"\s*[,;|]\s*(?:(?:and|or)\s+)?|\s*•\s*")
_JOINER = regex.compile(r"\s+(?:and|or|&)\s+", regex.IGNORECASE)
_SENTENCE_END = regex.compile(r"[.!?](?=\s|$)")
_SENTENCE_START = regex.compile(r"[.!?]\s")  # what the opener's look-behind asks for
_ASCII_SENTENCE_START = re.compile(_SENTENCE_START.pattern)  # as the lower-case patterns read
MAX_QUESTION_CHARS = 60  # "Who is this for?" or a key: a short lead before its '?' or ':'
_QUESTION = regex.compile(rf"[^?:\n]{{3,{MAX_QUESTION_CHARS}}}[?:]\s+")
_WORD = regex.compile(r"\S+")
_LEADING_MARK = regex.compile(r"[^\p{L}\p{N}(\s]+\s*")  # a tick or arrow the reader left
_PAREN = regex.compile(r"\([^()]*\)")
_ASIDE = regex.compile(r"\s[-–—]\s|:")  # "Social workers – all levels": the role comes first
_TRIM = " \t.,;:–—-"


@dataclass(frozen=True)
class Label:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Roles:
    canonical: dict[str, str]
    choices: dict[str, tuple[str, ...]]  # folded roles by their first letter
    heads: frozenset[str]
    heads_by_initial: dict[str, tuple[str, ...]]
    function_words: frozenset[str]
    head_cut: frozenset[str]
    scope_words: frozenset[str]
    clause_cut: regex.Pattern[str]
    label_end_words: frozenset[str]
    lead_in: regex.Pattern[str]
    lead_in_line: regex.Pattern[str]
    label_lead: regex.Pattern[str]
    opener: regex.Pattern[str]
    articles: frozenset[str]
    lead_words: Phrases
    """The longest word of each lead-in ("interest" of "of interest to"): a text with none
    of them has no lead-in, so neither lead-in pattern need be run on it."""
    stated: re.Pattern[str] | None
    opened: re.Pattern[str] | None
    """What ``lead_in`` and ``opener`` need of a text, in lower case: a verb then a lead-in,
    and a lead-in opening the text or a sentence. An ASCII text without it (most lines
    that hold "for") is not searched with the full patterns; None when a word is not
    ASCII."""


@cache
def _roles() -> Roles:
    data = vocab.load("audiences")
    canonical = {fold(role): role for role in data["roles"]}
    heads = frozenset(fold(h) for h in data["head_nouns"])
    lead_in = "|".join(_phrase(p) for p in data["lead_in"])
    verbs = "|".join(_phrase(v) for v in data["lead_in_verbs"])
    clause = "|".join(regex.escape(w) for w in data["clause_cut_words"])
    label_lead = "|".join(_phrase(p) for p in data["label_lead_words"])
    return Roles(
        canonical=canonical,
        choices=_by_initial(canonical),
        heads=heads,
        heads_by_initial=_by_initial(heads),
        function_words=frozenset(data["function_words"]),
        head_cut=frozenset(data["head_cut_words"]),
        scope_words=frozenset(data["scope_words"]),
        clause_cut=regex.compile(rf"\s+(?:{clause})\b", regex.IGNORECASE),
        label_end_words=frozenset(data["label_end_words"]),
        lead_in=regex.compile(
            rf"\b(?:this|the|our|these|it)\s+(?:[\p{{L}}'’-]+\s+){{0,4}}?(?:{verbs})\s+"
            rf"(?:\p{{L}}+ly\s+)?(?:{lead_in})\s+",
            regex.IGNORECASE),
        # A line that only introduces the list below it: "This webinar is aimed at:".
        lead_in_line=regex.compile(rf"(?:^|\s)(?:{lead_in})\s*:?\s*$", regex.IGNORECASE),
        # "..., including students": the word singles a role out; it is no part of it.
        label_lead=regex.compile(rf"(?:{label_lead})\s+", regex.IGNORECASE),
        # A sentence opening on the lead-in itself: "Aimed at ...", "Especially relevant to ...".
        opener=regex.compile(rf"(?:^|(?<=[.!?]\s))(?:\p{{L}}+ly\s+)?(?:{lead_in})\s+",
                             regex.IGNORECASE),
        articles=frozenset(data["articles"]),
        lead_words=Phrases(max(phrase.split(), key=len) for phrase in data["lead_in"]),
        stated=_lower_pattern(rf"\s(?:{verbs})\s+(?:[a-z]+ly\s+)?(?:{lead_in})\s"),
        opened=_lower_pattern(rf"(?:^|(?<=[.!?]\s))(?:[a-z]+ly\s+)?(?:{lead_in})\s"),
    )


def _lower_pattern(pattern: str) -> re.Pattern[str] | None:
    """``pattern`` for the standard library, to search an ASCII text in lower case (its white
    space holds the regex module's); None when it spells a word beyond ASCII or in capitals."""
    return re.compile(pattern) if pattern.isascii() and pattern == pattern.lower() else None


def _by_initial(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Words grouped by their first character: a slip of spelling keeps a word's first
    letter, so a near match need only be sought among words sharing it."""
    grouped: dict[str, list[str]] = {}
    for word in sorted(words):
        grouped.setdefault(word[:1], []).append(word)
    return {initial: tuple(group) for initial, group in grouped.items()}


def _phrase(words: str) -> str:
    return r"\s+".join(regex.escape(w) for w in words.split())


def capitalise(label: str) -> str:
    """A leading capital only; words with two capitals (acronyms) are kept.

    >>> capitalise("Practice Supervisors"), capitalise("NHS staff AND SENCOs")
    ('Practice supervisors', 'NHS staff and SENCOs')
    >>> capitalise("SOCIAL WORKERS")
    'Social workers'
    """
    shouted = label.isupper() and len(label.split()) > 1
    words = [w if _is_acronym(w) and not shouted else w.lower() for w in label.split(" ")]
    joined = " ".join(words)
    return joined[:1].upper() + joined[1:]


def _is_acronym(word: str) -> bool:
    return sum(c.isupper() for c in word) >= 2 and word.casefold() not in _roles().function_words


@lru_cache(maxsize=4096)
def normalise(label: str) -> tuple[str, bool]:
    """The label as it should read (the listing's words), and whether it is a known role.

    >>> normalise("social worker"), normalise("GPS")
    (('Social worker', True), ('GPs', True))
    >>> normalise("Ward managers"), normalise("Everyone!")
    (('Ward managers', True), ('Everyone!', False))
    """
    written = capitalise(label)
    roles = _roles()
    folded = fold(label)
    role = roles.canonical.get(folded)
    if role is not None:
        # The vocabulary's capitals (acronyms) where the words are the same as written.
        return (role if role.casefold() == written.casefold() else written), True
    return written, _near_role(folded) or is_role(label)


def _near_role(folded: str) -> bool:
    """Whether a folded label is a plural or a slip of spelling of a role: word for word,
    each word with its first letter and a few edits for its length ("socail workers",
    not "ward managers" for "care managers").

    >>> _near_role("family suport worker"), _near_role("care co ordinators")
    (True, True)
    >>> _near_role("yard managers"), _near_role("care manager")
    (False, True)
    """
    if len(folded) < MIN_NEAR_LENGTH:
        return False
    choices = _roles().choices.get(folded[:1], ())
    near = process.extractOne(folded, choices, scorer=Levenshtein.distance,
                              score_cutoff=MAX_ROLE_EDITS)
    if near is None:
        return False
    words, role_words = folded.split(), str(near[0]).split()
    if "".join(words) == "".join(role_words):
        return True  # spaced or hyphenated otherwise: "care co-ordinators"
    return len(words) == len(role_words) and all(
        word[:1] == role_word[:1]
        and Levenshtein.distance(word, role_word) <= len(role_word) // LETTERS_PER_EDIT
        for word, role_word in zip(words, role_words, strict=True))


@lru_cache(maxsize=4096)
def is_role(label: str) -> bool:
    """Whether a label's head noun names people in a role.

    >>> is_role("Heads of year"), is_role("Staff working in adult services"), is_role("Anyone")
    (True, True, False)
    >>> is_role("Social workers – all levels")
    True
    """
    roles = _roles()
    words = fold(_ASIDE.split(_PAREN.sub(" ", label), maxsplit=1)[0]).split()
    core: list[str] = []
    for word in words:
        if core and word in roles.head_cut:
            break
        core.append(word)
    if not core:
        return False
    head = core[-1]
    if head in roles.heads:
        return True
    if len(head) >= 5:  # a slip of spelling, which keeps the word's first letter
        return process.extractOne(head, roles.heads_by_initial.get(head[:1], ()),
                                  scorer=fuzz.ratio, score_cutoff=HEAD_CUTOFF) is not None
    return False


def extract(ctx: Context) -> list[Candidate[str]]:
    labels = _best_labels(ctx)
    if labels is None:
        return []
    found: list[Candidate[str]] = []
    score, rule, items = labels
    seen: set[str] = set()
    for label in items:
        value, known = normalise(label.text)
        if value in seen:
            continue
        seen.add(value)
        if not known:
            ctx.flag("unknown-audience", f"audience '{value}' is not a role we know",
                     label.start, label.end)
        found.append(Candidate(value, ((label.start, label.end),), rule, score, GROUP))
    return found


def _best_labels(ctx: Context) -> tuple[float, str, list[Label]] | None:
    """The first labels found by the best kind of evidence (heading > key > sentence).

    One pass over the blocks finds the first audience heading with labels under it (which
    wins at once) and, until one is found, the first key or question naming the audience;
    the blocks that are neither may hold a sentence, and are read only when neither of
    the two is found. So a long document costs one cheap look at each block rather than
    a parse of every sentence."""
    blocks = ctx.content_blocks()
    lead_in = _roles().lead_in
    first_inline: list[Label] | None = None
    plain: list[Block] = []  # blocks neither a heading nor a key or question naming the audience
    for index, block in enumerate(blocks):
        # Is it an audience heading: a heading line ("Who should attend?") or a key with
        # nothing after it ("Suitable for:")? (heading_kind first: a cached look-up, which
        # rules out nearly every block.)
        key = block.key if block.kind == "key_value" else None
        if key is not None:
            key_names_audience = heading_kind(key) == "audience"
            heading = key_names_audience and not block.value.strip()
        else:
            text = block.text.strip(" ?")
            heading = (heading_kind(text) == "audience" and len(text.split()) <= MAX_HEADING_WORDS
                       and lead_in.search(text) is None)
        if heading:
            labels = _under_heading(blocks, index + 1)
            if labels:
                return SECTION_SCORE, "audience-section", labels
            continue
        if first_inline is not None:
            continue  # only a heading can beat it now
        # A key or question naming the audience with its list after it on the same line?
        found: list[Label] | None
        if key is not None and block.value_start is not None:
            found = _prose_list(block.value, block.value_start) if key_names_audience else None
        else:
            head = block.text[:MAX_QUESTION_CHARS + 1]
            # (no question or key the pattern could match: not run)
            found = _question_list(block) if "?" in head or ":" in head else None
        if found:
            first_inline = found
        elif found is None:
            plain.append(block)
    if first_inline is not None:
        return INLINE_SCORE, "audience-key", first_inline
    # The blocks that may hold a lead-in word, from one search of the document's text.
    for block in _roles().lead_words.blocks_holding(ctx.doc.text, plain):
        labels = _lead_in_list(block.text, block.start)
        if labels:
            return PROSE_SCORE, "audience-sentence", labels
    return None


def _question_list(block: Block) -> list[Label] | None:
    """The list after a question or key naming the audience ("Who is this for? Social
    workers, ...") on a line that is no ``Key: value`` block, or None."""
    question = _QUESTION.match(block.text)
    if question and heading_kind(question.group().strip(" ?:")) == "audience":
        return _prose_list(block.text[question.end():], block.start + question.end())
    return None


def _under_heading(blocks: list[Block], first: int) -> list[Label]:
    """Label lines under an audience heading, or the one prose list that follows it."""
    labels: list[Label] = []
    run: Block | None = None  # the first label line: the layout the list keeps
    for block in blocks[first:]:
        if _ends_section(block) or (run is not None and _leaves_layout(run, block)):
            break
        text = block.text.strip()
        if not labels and _roles().lead_in_line.search(text[-MAX_QUESTION_CHARS:]):
            continue  # "This webinar is aimed at:" introduces the list; it is no label
        if _is_label_line(text):
            run = run or block
            lead = _LEADING_MARK.match(text)
            skip = lead.end() if lead else 0
            labels.append(Label(text[skip:].rstrip(_TRIM), block.start + skip,
                                block.start + len(text.rstrip(_TRIM))))
            continue
        if not labels:
            return _prose(block.text, block.start) or _prose_list(block.text, block.start)
        break
    return labels


def _ends_section(block: Block) -> bool:
    kind = heading_kind(block.key) if block.key else heading_kind(block.text)
    return kind not in (None, "audience") and fold(block.text) not in _roles().canonical


def _leaves_layout(run: Block, block: Block) -> bool:
    """A line laid out unlike the label lines above it (a plain line after a bullet run, a
    heading of another level) that is no role: a heading of the page's next part."""
    return _layout(block) != _layout(run) and not normalise(block.text.strip())[1]


def _layout(block: Block) -> tuple[bool, int]:
    # A bullet or not, and a structured heading's level; a plain line's heading/paragraph
    # kind is only the reader's guess ("Everyone!" reads as a paragraph), so it is no cue.
    return block.kind == "list_item", block.level


def _is_label_line(text: str) -> bool:
    return (0 < len(text.split()) <= MAX_LABEL_WORDS and not text.endswith((".", ":"))
            and "," not in text)


def _prose(text: str, offset: int) -> list[Label]:
    """The list after "This workshop is for ..." or "Aimed at ..." in a sentence, or nothing."""
    # (a substring test for the lead-ins' words, far cheaper than the lead-in patterns)
    return _lead_in_list(text, offset) if _roles().lead_words.in_text(text) else []


def _lead_in_list(text: str, offset: int) -> list[Label]:
    """``_prose`` of a text known to hold a lead-in word."""
    head = text[:MAX_LIST_CHARS]
    lead = _roles().lead_in.search(head) if _may_hold(_roles().stated, head) else None
    if lead is None:
        return _opened_list(text, offset) if _may_open(text) else []
    return _prose_list(text[lead.end():], offset + lead.end())


def _may_hold(needs: re.Pattern[str] | None, text: str) -> bool:
    """False only when ``text`` is ASCII and its lower case lacks what ``needs`` asks for."""
    return needs is None or not text.isascii() or needs.search(text.lower()) is not None


def _may_open(text: str) -> bool:
    """``_may_hold`` of the ``opened`` pattern, tried only where a sentence starts (the
    text's start, or after ". "), where alone it can match: not a search of every position.
    """
    opened = _roles().opened
    if opened is None or not text.isascii():
        return True
    lower = text.lower()
    if opened.match(lower) is not None:
        return True
    return any(opened.match(lower, boundary.end()) is not None
               for boundary in _ASCII_SENTENCE_START.finditer(lower))


def _opened_list(text: str, offset: int) -> list[Label]:
    """The list of a sentence that opens on its lead-in ("Open to social workers and students.").

    With no subject saying the event is for them, every label must be a role: "For more
    information ..." and "For booking, ..." open sentences too.
    """
    for tried, opener in enumerate(_openers(text)):
        if tried >= MAX_OPENERS:
            break
        labels = _prose_list(text[opener.end():], offset + opener.end())
        if labels and all(_names_a_role(label.text) for label in labels):
            return labels
    return []


def _openers(text: str) -> Iterator[regex.Match[str]]:
    """The opener pattern's matches in order, tried only where a sentence starts (the
    text's start, or after ". "): the same matches as a search of every position."""
    opener = _roles().opener
    found = opener.match(text)
    if found is not None:
        yield found
    resume = found.end() if found is not None else 0  # a search resumes after its last match
    for boundary in _SENTENCE_START.finditer(text):
        if boundary.end() < resume:
            continue
        found = opener.match(text, boundary.end())
        if found is not None:
            yield found
            resume = found.end()


def _names_a_role(label: str) -> bool:
    """A known role, and a bare noun phrase: an article before the head noun makes it a
    clause ("more information contact the training team"), not a role label."""
    if not normalise(label)[1]:
        return False
    roles = _roles()
    for word in fold(label).split()[1:]:
        if word in roles.head_cut:
            return True
        if word in roles.articles:
            return False
    return True


def _prose_list(text: str, offset: int) -> list[Label]:
    """Labels in "social workers, youth workers and police officers who ...": one sentence."""
    end = _SENTENCE_END.search(text, 0, MAX_LIST_CHARS)
    stop = end.start() if end else len(text)
    if stop > MAX_LIST_CHARS:
        return []  # a "list" that long is a paragraph
    stop = _clause_start(text, stop)
    labels: list[Label] = []
    position = 0
    for separator in [*_SPLIT_LIST.finditer(text, 0, stop), None]:
        piece_end = separator.start() if separator else stop
        labels.extend(_split_joined(text, position, piece_end, offset))
        position = separator.end() if separator else stop
    return _unscoped(labels)


def _clause_start(text: str, stop: int) -> int:
    """Where a clause after the list's roles opens ("... who carry out direct work"), or
    ``stop``. A clause word that ends its label ("Anyone interested, social workers") opens
    no clause: it is part of that label, and the list goes on after it.

    >>> text = "anyone interested, nurses interested in law"
    >>> text[:_clause_start(text, len(text))]
    'anyone interested, nurses'
    """
    roles = _roles()
    for clause in roles.clause_cut.finditer(text, 0, stop):
        rest = text[clause.end():stop].lstrip()
        ends_label = not rest or _SPLIT_LIST.match(rest) is not None
        if not ends_label or clause.group().strip().casefold() not in roles.label_end_words:
            return int(clause.start())
    return stop


def _unscoped(labels: list[Label]) -> list[Label]:
    """The list with a qualifier that only its last label carries ("... community care
    assessors and senior practitioners working in adult social care") dropped: it says
    where the whole list works, so the last label is its role alone, as the others are.

    >>> [label.text for label in _unscoped([Label("nurses", 0, 6),
    ...                                     Label("team managers based in Leeds", 11, 39)])]
    ['nurses', 'team managers']
    """
    if len(labels) < 2 or any(_scope_start(label.text) for label in labels[:-1]):
        return labels
    last = labels[-1]
    cut = _scope_start(last.text)
    if not cut or fold(last.text) in _roles().canonical:
        return labels  # no qualifier, or one that is part of a role's name
    role = last.text[:cut].rstrip(_TRIM)
    if not is_role(role) or (" " not in role and fold(role) not in _roles().canonical):
        return labels  # a bare "staff" needs its qualifier to say who
    return [*labels[:-1], Label(role, last.start, last.start + len(role))]


def _scope_start(label: str) -> int:
    """Where a qualifier opens in a label (a scope word after its first word), or 0."""
    scope_words = _roles().scope_words
    for index, word in enumerate(_WORD.finditer(label)):
        if index and word.group().casefold() in scope_words:
            return int(word.start())
    return 0


def _split_joined(text: str, start: int, end: int, offset: int) -> list[Label]:
    """One comma piece, split on 'and'/'or' where the parts are roles: the split with the
    fewest non-roles, then the most parts ("speech and language therapists and nurses")."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    lead = _roles().label_lead.match(text, start, end)
    if lead is not None:
        start = lead.end()
    if start >= end:
        return []
    joiners = list(_JOINER.finditer(text, start, end))[:MAX_JOINERS]
    bounds = [start, *(j.start() for j in joiners), end]
    resumes = [start, *(j.end() for j in joiners)]
    # best[i]: (non-roles, -parts, spans) for the parts before boundary i
    best: list[tuple[int, int, list[tuple[int, int]]]] = [(0, 0, [])]
    for stop in range(1, len(bounds)):
        options = []
        for first in range(stop):
            unknown, parts, spans = best[first]
            span = (resumes[first], bounds[stop])
            options.append((unknown + (not is_role(text[span[0]:span[1]])), parts - 1,
                            [*spans, span]))
        best.append(min(options, key=lambda o: (o[0], o[1])))
    return [Label(text[s:e], offset + s, offset + e) for s, e in best[-1][2]]
