"""Group a Document's blocks into Sections by heading words and layout.

Layout cues, never line numbers, decide where a section starts:

* a heading (or a short line, or a lead-in ending with ``:`` such as "By the end
  of this session you will:") that the heading vocabulary knows opens a section
  of that kind, holding the blocks under it;
* a labelled line (``Cost: Free``, "Who is this for? Social workers ...",
  "Presented by ...") is a one-block section of its label's kind, and the
  blocks after it continue the section it interrupted;
* an unknown heading that is clearly a heading (a structured reader's ``h2``, an
  empty ``Key:`` line, a line followed by a bullet run) opens an ``other``
  section, so its content is not mistaken for the section above it; a sub-heading
  (deeper level than the section's own heading) stays inside its section;
* everything else (an unknown short line such as "Course | Harrowden Family
  Safeguarding Service") stays in the section it sits in.

The blocks before the first known heading form the ``preamble`` (where titles live).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Literal, NamedTuple

import regex

from eventparse import vocab
from eventparse.document import Block, Document

_FOLD = regex.compile(r"[^\p{L}\p{N}'’:& ]+")
_ASCII_WORD = re.compile(r"[a-z0-9]+")


def ascii_fold_table(keep: str = "") -> bytes:
    """A bytes.translate table that folds ASCII text as a ``[^\\p{L}\\p{N}...]+`` pattern
    does after lower case: ASCII letters and digits lower-cased, the characters of ``keep``
    kept, every other ASCII character a space (bytes beyond ASCII are left alone)."""
    return bytes(ord(chr(c).lower()) if chr(c).isalnum() or chr(c) in keep else 32
                 for c in range(128)) + bytes(range(128, 256))


_ASCII_FOLD = ascii_fold_table("':& ")
"""_FOLD for ASCII text: what _FOLD keeps is kept, every other character becomes a space."""
MAX_LABEL = 60
_TYPE_SLOT = "{type}"
LONG_BLOCK = 100
"""Blocks longer than this are prose: only their lead or label can name a section."""
OTHER = "other"
HEADERS = "headers"

Role = Literal["heading", "inline"]


@dataclass
class Section:
    """A run of blocks of one kind, with the heading (if any) that opened it."""

    kind: str
    heading: Block | None
    blocks: list[Block] = field(default_factory=list)
    label: str | None = None
    """The label as written when the section was opened by a heading or an inline label."""
    continues: bool = False
    """True for the rest of a section that a labelled line interrupted."""

    @property
    def start(self) -> int:
        # A continued section starts at its own first block, not at the heading it shares.
        head = None if self.continues else self.heading
        first = head or (self.blocks[0] if self.blocks else self.heading)
        return first.start if first else 0

    @property
    def end(self) -> int:
        last = self.blocks[-1] if self.blocks else self.heading
        return last.end if last else 0

    @property
    def level(self) -> int:
        """The heading's level (0 for a plain-text heading or no heading)."""
        return self.heading.level if self.heading else 0


def fold(heading: str) -> str:
    """Lower case, punctuation to spaces, white space collapsed, trailing colon dropped.

    >>> fold("  Who should attend?  "), fold("Who’s it for?")
    ('who should attend', "who's it for")
    """
    if heading.isascii():  # the common case, without the regex (each block is folded)
        ascii_folded = heading.encode("ascii").translate(_ASCII_FOLD).strip().rstrip(b":").strip()
        return b" ".join(ascii_folded.split()).decode("ascii")
    # A curly apostrophe is the straight one the vocabulary writes ("Who’s it for?").
    folded = _FOLD.sub(" ", heading.lower().replace("’", "'")).strip().rstrip(":").strip()
    return " ".join(folded.split())


def _expand(phrase: str) -> list[str]:
    """Entries with ``{type}`` stand for one entry per event-type word."""
    if _TYPE_SLOT not in phrase:
        return [phrase]
    words = {w for kind, names in vocab.load("event_types").items()
             if not kind.startswith("_") for w in names}
    return [phrase.replace(_TYPE_SLOT, word) for word in sorted(words)]


Prefixes = dict[str, tuple[tuple[str, str], ...]]


@cache
def _heading_table() -> tuple[dict[str, str], Prefixes]:
    """Exact headings, and prefix entries indexed by their first word (longest first).

    A one-word prefix with no space after it ("cookies*") may match a longer word, so
    it is indexed under "" and tried for every heading.
    """
    exact: dict[str, str] = {}
    prefixes: dict[str, list[tuple[str, str]]] = {}
    for kind, phrases in vocab.load("headings").items():
        if kind.startswith("_"):
            continue
        for entry in phrases:
            for phrase in _expand(entry):
                if phrase.endswith("*"):
                    # A space before the '*' asks for a whole word: "dear *" is not "dearth".
                    space = " " if phrase.endswith(" *") else ""
                    prefix = fold(phrase[:-1]) + space
                    words = prefix.split(" ")
                    key = words[0] if len(words) > 1 else ""
                    prefixes.setdefault(key, []).append((prefix, kind))
                else:
                    exact.setdefault(fold(phrase), kind)
    # Longest prefix first, so "pqs:kss" beats "pqs".
    return exact, {key: tuple(sorted(entries, key=lambda item: -len(item[0])))
                   for key, entries in prefixes.items()}


@cache
def heading_words(kind: str) -> tuple[str, ...]:
    """One word of every heading (or heading prefix) of ``kind`` in the vocabulary: its
    longest run of ASCII letters and digits.

    ``heading_kind`` folds a line (lower case, punctuation to spaces) and looks the result
    up whole or by prefix; fold keeps letters and digits as they are in lower case, so a
    run of them in a heading it matches is a run of the line in lower case too. A
    heading with no such run rules nothing out (the key "" is in every text)."""
    exact, prefixes = _heading_table()
    phrases = [phrase for phrase, found in exact.items() if found == kind]
    phrases += [phrase for entries in prefixes.values() for phrase, found in entries
                if found == kind]
    return tuple(sorted({max(_ASCII_WORD.findall(phrase), key=len, default="")
                         for phrase in phrases}))


@cache
def _kind_set(name: str) -> frozenset[str]:
    return frozenset(vocab.load("headings").get(name, []))


def heading_kind(heading: str) -> str | None:
    """The section kind a heading or key label names, or None.

    >>> heading_kind("Learning Outcomes"), heading_kind("Who should attend?"), heading_kind("Hi")
    ('outcomes', 'audience', None)
    >>> heading_kind("By the end of this session you will:"), heading_kind("Dear colleagues,")
    ('outcomes', 'greeting')
    >>> heading_kind("Course | Harrowden Family Safeguarding Service") is None
    True
    """
    found = _match(heading)
    return found[0] if found else None


def is_exact_heading(heading: str) -> bool:
    """Whether the whole of ``heading`` is a vocabulary entry ("Date", "Who should attend").

    >>> is_exact_heading("Cost"), is_exact_heading("Social Work England registration")
    (True, False)
    """
    found = _match(heading)
    return found is not None and found[1]


@lru_cache(maxsize=16_384)
def _match(heading: str) -> tuple[str, bool] | None:
    """(kind, whether the whole heading is a vocabulary entry) or None.

    Cached: every extractor asks about the same few hundred lines of a document.
    """
    folded = fold(heading)
    exact, prefixes = _heading_table()
    kind = exact.get(folded)
    if kind is not None:
        return kind, True
    # Each list is longest first: its first match is its longest (the earliest on a tie).
    best: tuple[str, str] | None = None
    for prefix, kind in prefixes.get(folded.partition(" ")[0], ()):
        if folded.startswith(prefix):
            best = prefix, kind
            break
    for prefix, kind in prefixes.get("", ()):
        if folded.startswith(prefix):
            if best is None or len(prefix) > len(best[0]):
                best = prefix, kind
            break
    return (best[1], False) if best is not None else None


def inline_label(text: str) -> str | None:
    """The few words before a first ":" or "?" that a space or the end follows.

    >>> inline_label("Who is this for? Social workers"), inline_label("PQS:KSS - Safeguarding")
    ('Who is this for', None)
    """
    colon, question = text.find(":", 0, MAX_LABEL + 2), text.find("?", 0, MAX_LABEL + 2)
    end = question if colon < 0 else colon if question < 0 else min(colon, question)
    if end < 0:
        return None
    if end + 1 < len(text) and not text[end + 1].isspace():
        return None
    label = text[:end].rstrip()
    return label if 2 <= len(label) <= MAX_LABEL and "\n" not in label else None


class Label(NamedTuple):
    """What names a section in a block: its kind, the label text, and how it was found."""

    kind: str
    text: str
    whole: bool
    """True when the label is the block's key, an explicit ``label:``/``label?``, or an
    exact heading; False when only the block's opening words matched a prefix entry."""


def label_of(block: Block) -> Label | None:
    """The section label a block carries by itself, else None.

    The label is the key of a ``Key: value`` line, an inline label before ``:``
    or ``?``, the whole of a short block, or the opening words of a long one.
    """
    if block.kind == "key_value" and block.key is not None:
        found = _match(block.key)
        if found is not None:
            return Label(found[0], block.key, True)
    text = block.text
    # (most blocks have neither mark where a label can end: no inline_label call for them)
    lead = text[:MAX_LABEL + 2]
    labelled = inline_label(text) if ":" in lead or "?" in lead else None
    if labelled:
        found = _match(labelled)
        if found is not None:
            return Label(found[0], labelled, True)
    head = text if len(text) <= LONG_BLOCK else text[:LONG_BLOCK]
    found = _match(head)
    if found is None:
        return None
    return Label(found[0], head, found[1] and head == text)


def split_sections(doc: Document) -> list[Section]:
    """Sections in reading order; every block belongs to exactly one.

    >>> from eventparse.read.text import read_text
    >>> doc = read_text("Title here\\nCost: Free\\nAbout the workshop\\nText.\\n"
    ...                 "By the end you will:\\n- Learn\\nThis event is a webinar.")
    >>> [(s.kind, len(s.blocks)) for s in split_sections(doc)]
    [('preamble', 1), ('price', 1), ('description', 1), ('outcomes', 1), ('event_type', 0)]
    """
    sections = [Section("preamble", None)]
    previous: Block | None = None
    blocks = doc.blocks
    last = len(blocks) - 1
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index < last else None
        opened = _opens(block, following, sections[-1])
        in_header_block = (previous is not None and block.kind == "key_value"
                           and _in_header_block(doc, previous, block, sections))
        if in_header_block:
            # A "Date:" line inside a mail header block is the message's date, not the event's.
            opened = (HEADERS, "inline", block.key or "")
        elif opened and opened[0] == HEADERS and not _header_here(block, sections):
            opened = None  # "From: 10am" in the body is not a mail header
        previous = block
        if opened is None:
            sections[-1].blocks.append(block)
            continue
        kind, role, label = opened
        if role == "inline":
            interrupted = sections[-1]
            sections.append(Section(kind, None, [block], label=label))
            # Blocks after a labelled line continue the section it interrupted.
            sections.append(Section(interrupted.kind, interrupted.heading,
                                    label=interrupted.label, continues=True))
        else:
            sections.append(Section(kind, block, label=label))
    return [s for s in sections if s.blocks or (s.heading and not s.continues)]


def _header_here(block: Block, sections: list[Section]) -> bool:
    """A mail header key at the top of the text, or one that is never anything else."""
    # (a message id or an "-----Original Message-----" line above them is no content)
    at_top = all(s.kind == HEADERS or all(b.kind == "line" for b in s.blocks)
                 for s in sections)
    key = fold(block.key or block.text.split(":", 1)[0])
    return at_top or key in _kind_set("_headers_anywhere")


def _in_header_block(doc: Document, previous: Block, block: Block,
                     sections: list[Section]) -> bool:
    """A ``Key:`` line right under a mail header line (no blank line between)."""
    if block.kind != "key_value" or len(sections) < 2:
        return False
    last_inline = sections[-2] if sections[-1].continues and not sections[-1].blocks else None
    return (last_inline is not None and last_inline.kind == HEADERS
            and last_inline.blocks[-1] is previous
            and "\n\n" not in doc.text[previous.end:block.start])


def _opens(block: Block, following: Block | None,
           current: Section) -> tuple[str, Role, str] | None:
    """(kind, role, label) when a block opens a section, else None."""
    found = label_of(block)
    if found is not None:
        return found.kind, _role(block, found), found.text
    if block.kind in _MAY_HEAD and _unknown_heading(block, following, current):
        return OTHER, "heading", block.text
    return None


_MAY_HEAD = frozenset({"heading", "key_value"})
"""The kinds of block that _unknown_heading may take for a heading (a paragraph never)."""


def _role(block: Block, label: Label) -> Role:
    """Whether a known block heads the blocks under it or stands alone."""
    if label.kind in _kind_set("_single_block_kinds"):
        return "inline"
    if block.kind == "key_value":
        return "heading" if not block.value.strip() else "inline"
    if block.kind == "heading" and block.level > 0:
        return "heading"  # a structured reader's h2 heads what is under it
    if block.text.rstrip().endswith((":", "...", "…")):
        return "heading"  # a lead-in: "By the end of this session you will:"
    if label.whole:
        rest = block.text[len(label.text):].strip(" :?.\t")
        return "heading" if not rest else "inline"
    if label.kind in _kind_set("_statement_kinds") and block.kind != "list_item":
        return "heading"
    return "inline"


def _unknown_heading(block: Block, following: Block | None, current: Section) -> bool:
    """An unknown block that is clearly a heading, and not a sub-heading of ``current``."""
    if block.kind == "heading" and block.level > 0:
        if block.level == 1:
            # The page's title stays in the preamble; after a sidebar's "Upcoming events"
            # box it ends that box, which is not the event's.
            return current.kind == "boilerplate"
        return not (current.level and block.level > current.level)
    if current.kind == "boilerplate":
        return False
    if block.kind == "key_value" and not block.value.strip():
        return following is not None and following.kind != "key_value"
    return (block.kind == "heading" and following is not None
            and following.kind == "list_item" and current.kind != "preamble")
