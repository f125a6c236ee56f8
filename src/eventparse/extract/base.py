"""What every extractor receives (Context) and returns (Candidate)."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter
from typing import Any

import regex

from eventparse import nlp
from eventparse.document import Block, Document
from eventparse.extract.candidate import Candidate as Candidate  # (re-exported)
from eventparse.model import Problem
from eventparse.sections import Section, heading_words
from eventparse.settings import Settings

_START = attrgetter("start")
_TEXT = attrgetter("text")
_FOLD_DROP = regex.compile(r"[^\p{L}\p{N} ]+")


@dataclass
class Context:
    """One document on its way through the extractors. Read-only for them."""

    doc: Document
    sections: list[Section]
    settings: Settings
    reference_date: dt.date
    """"Today" for the listing: the caller's date, else the document's own (an
    e-mail's Date header), else today's date. Resolves year-less dates and decides
    ``date-in-past``."""
    nlp_name: str = nlp.BLANK
    shared: dict[str, Any] = field(default_factory=dict)
    """Results one extractor leaves for a later one (e.g. the title's span for venue)."""
    problems: list[Problem] = field(default_factory=list)
    """Problems an extractor notices on its way (a weekday that does not match its
    date, an audience label not in the vocabulary); validate adds them to the Event."""
    # (Not init=False: a class compiled by mypyc leaves such a field unset.)
    _blocks_lower: str | None = field(default=None, repr=False)
    """The blocks' text in lower case, one a line (made on first use)."""
    _content: list[Block] | None = field(default=None, repr=False)
    """The blocks outside boilerplate sections (made on first use)."""

    def flag(self, code: str, message: str, start: int | None = None,
             end: int | None = None) -> None:
        """Record a problem at a span of the text (codes and severities: validate.py)."""
        from eventparse.validate import problem

        self.problems.append(problem(self.doc, code, message, start, end))

    @property
    def has_ner(self) -> bool:
        return self.nlp_name != nlp.BLANK

    def entities_in(self, spans: Sequence[tuple[int, int]],
                    recase: bool = False) -> list[tuple[str, int, int]]:
        """spaCy's named entities (label, start, end) over a few spans of the text.

        Only these spans go through the model (in one batch), not the whole text.
        Offsets point into the whole text; [] without NER.
        ``recase`` reads a span in CAPITALS as Title Case (the model misses
        "MERCE CUNNINGHAM" but not "Merce Cunningham"); the offsets stay the same.
        """
        if not self.has_ner or not spans:
            return []
        pipeline = nlp.load(self.nlp_name)
        texts = [self.doc.text[s:e] for s, e in spans]
        if recase:
            texts = [_title_case(t) if t.isupper() else t for t in texts]
        found: list[tuple[str, int, int]] = []
        for (start, _), piece in zip(spans, pipeline.pipe(texts), strict=True):
            found.extend((e.label_, start + e.start_char, start + e.end_char) for e in piece.ents)
        return found

    def sections_of(self, *kinds: str) -> Iterator[Section]:
        return (s for s in self.sections if s.kind in kinds)

    def blocks_of(self, *kinds: str) -> Iterator[Block]:
        for section in self.sections_of(*kinds):
            yield from section.blocks

    def content_blocks(self) -> list[Block]:
        """The document's blocks without its boilerplate (related events, footers,
        sign-offs), where another event's blurb could otherwise be read as this one's.
        Made once per document for every extractor that reads them; not to be changed."""
        if self._content is None:
            skipped = {id(b) for s in self.sections_of("boilerplate") for b in s.blocks}
            # (most documents have no boilerplate: their blocks are all content)
            self._content = ([b for b in self.doc.blocks if id(b) not in skipped] if skipped
                             else self.doc.blocks)
        return self._content

    def text(self, start: int, end: int) -> str:
        return self.doc.text[start:end]

    def may_hold_heading(self, kind: str, absent: Collection[str] = ()) -> bool:
        """False only when no block, nor any part of one, is a heading ``heading_kind``
        reads as ``kind``: one substring test per heading of that kind, on the blocks'
        text in lower case, instead of a look at every block.

        ``absent``: words the caller knows are not in that text (not looked for again)."""
        lowered = self._blocks_lower
        if lowered is None:
            lowered = self._blocks_lower = "\n".join(map(_TEXT, self.doc.blocks)).lower()
        return any(key in lowered for key in heading_words(kind) if key not in absent)


def innermost(phrases: Sequence[str]) -> list[str]:
    """The phrases no other one is part of, in order. A phrase that holds another ("online
    or in person" holds "online") lies in a text only where the other does too: a text
    holding none of these holds none of ``phrases``.

    >>> innermost(["web seminar", "seminar", "webinar"])
    ['seminar', 'webinar']
    """
    return [p for p in phrases if not any(q != p and q in p for q in phrases)]


MIN_OPENING = 4
"""Characters phrases must share at their start to be looked for together."""
MIN_GROUP = 3
"""Phrases that must share an opening for it to be looked for instead of them: every
occurrence of the opening is checked in Python, which costs about as much as a scan of
its own for each of two phrases when the opening is a common one ("inte")."""


def _by_opening(needles: Iterable[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The needles grouped by the opening they share ("goto webinar", "gotomeeting":
    "goto"), each group with its longest shared opening: one scan of a text finds where
    the opening is, and each needle of the group is checked there, instead of one scan
    per needle. Fewer than ``MIN_GROUP`` needles, or one shorter than ``MIN_OPENING``,
    are looked for one by one.

    >>> _by_opening(["goto webinar", "gotomeeting", "goto.com", "zoom"])
    (('goto', ('goto webinar', 'goto.com', 'gotomeeting')), ('zoom', ('zoom',)))
    """
    groups: dict[str, list[str]] = {}
    for needle in sorted(set(needles)):
        groups.setdefault(needle[:MIN_OPENING], []).append(needle)
    found: list[tuple[str, tuple[str, ...]]] = []
    for group in groups.values():
        if len(group) >= MIN_GROUP:
            found.append((_shared_opening(group[0], group[-1]), tuple(group)))
        else:
            found.extend((needle, (needle,)) for needle in group)
    return tuple(found)


def _shared_opening(first: str, last: str) -> str:
    """The opening two strings share (the first and last of a sorted group: all share it)."""
    size = 0
    while size < min(len(first), len(last)) and first[size] == last[size]:
        size += 1
    return first[:size]


def _title_case(text: str) -> str:
    """Title Case of the same length (so offsets still point into the original)."""
    titled = text.title()
    return titled if len(titled) == len(text) else text


def fold_words(text: str) -> str:
    """Case-folded words: apostrophes dropped, other punctuation to spaces, spaces collapsed.

    >>> fold_words("Care co-ordinators' review!")
    'care co ordinators review'
    """
    text = text.casefold().replace("’", "'").replace("'", "")
    return " ".join(_FOLD_DROP.sub(" ", text).split())


@lru_cache(maxsize=2)  # the document being read: its hash and folded case made once
def _folded(text: str) -> str | None:
    """``text`` case-folded, when every character folds to one (offsets stay), else None.

    Of the characters a case-insensitive pattern of ASCII words matches, the only
    non-ASCII ones are the Kelvin sign and the long s (both fold to one ASCII letter)
    and the dotted capital I (which folds to two characters: None).
    """
    folded = text.casefold()
    return folded if len(folded) == len(text) else None


class Phrases:
    """A fixed list of phrases, and where any of them occurs in a text, in any case.

    A cheap test before scanning a block with a case-insensitive pattern of these
    phrases: the occurrences are found once per text (plain substring search on the
    case-folded text), then each block asks whether one lies inside it.

    >>> online = Phrases(["online", "virtual"])
    >>> text = "Venue: Wean Hall. Online via Zoom"
    >>> online.in_text(text, 0, 16), online.in_text(text, 18, len(text))
    (False, True)
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        self.phrases = tuple(dict.fromkeys(p.lower() for p in phrases if p))
        self._ascii = all(p.isascii() for p in self.phrases)
        self._openings = _by_opening(innermost(self.phrases))
        self._last: tuple[str, list[int] | None, list[int]] | None = None
        """The last text scanned, and its occurrences' starts (None: cannot rule
        out) and ends, in order of start."""

    def in_text(self, text: str, start: int = 0, end: int | None = None) -> bool:
        """False only when no phrase lies wholly inside ``text[start:end]``."""
        last = self._last
        if last is None or last[0] is not text:
            last = self._last = self._scan(text)
        starts, ends = last[1], last[2]
        if starts is None:
            return True  # a case mapping may change lengths: cannot rule out
        if not starts:
            return False
        end = len(text) if end is None else end
        index = bisect.bisect_left(starts, start)
        while index < len(starts) and starts[index] < end:
            if ends[index] <= end:
                return True
            index += 1
        return False

    def blocks_holding(self, text: str, blocks: Sequence[Block]) -> list[Block]:
        """The blocks for which ``in_text`` of their span is not False, in their order.

        ``blocks`` are spans of ``text`` in document order that do not overlap (a
        document's blocks, or some of them): each occurrence lies in at most one, the
        last to start at or before it, so the occurrences are looked up, not the blocks.

        >>> from eventparse.document import Block
        >>> text = "Venue: Wean Hall. Online via Zoom"
        >>> lines = [Block("line", 0, 16, text[:16]), Block("line", 18, 33, text[18:])]
        >>> [block.start for block in Phrases(["online", "hall"]).blocks_holding(text, lines)]
        [0, 18]
        >>> Phrases(["zoom"]).blocks_holding(text, lines[:1])
        []
        """
        last = self._last
        if last is None or last[0] is not text:
            last = self._last = self._scan(text)
        starts, ends = last[1], last[2]
        if starts is None:
            return list(blocks)  # cannot rule out
        if not starts or not blocks:
            return []
        # The occurrences starting inside the blocks' stretch of the text.
        first = bisect.bisect_left(starts, blocks[0].start)
        stop = bisect.bisect_left(starts, blocks[-1].end, first)
        if first == stop:
            return []
        block_starts = list(map(_START, blocks))
        holding: dict[int, None] = {}  # indices of the blocks holding an occurrence
        for at in range(first, stop):
            index = bisect.bisect_right(block_starts, starts[at]) - 1
            if index >= 0 and ends[at] <= blocks[index].end:
                holding[index] = None
        return [blocks[index] for index in sorted(holding)]

    def _scan(self, text: str) -> tuple[str, list[int] | None, list[int]]:
        folded = _folded(text) if self._ascii else None
        if folded is None:
            return text, None, []
        found: list[tuple[int, int]] = []
        for opening, needles in self._openings:
            at = folded.find(opening)
            while at >= 0:
                found.extend((at, at + len(needle)) for needle in needles
                             if needle == opening or folded.startswith(needle, at))
                at = folded.find(opening, at + 1)
        found.sort()
        return text, [s for s, _ in found], [e for _, e in found]
