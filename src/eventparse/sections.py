"""Group a Document's blocks into Sections by heading words and layout.

A heading (or a ``Key:`` label) that the heading vocabulary knows opens a section
of that kind; a key-value line is a one-block section of its key's kind. The
blocks before the first known heading form the ``preamble`` (where titles live).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import regex

from eventparse import vocab
from eventparse.document import Block, Document

_FOLD = regex.compile(r"[^\p{L}\p{N}'’:& ]+")


@dataclass
class Section:
    kind: str
    heading: Block | None
    blocks: list[Block] = field(default_factory=list)

    @property
    def start(self) -> int:
        first = self.heading or (self.blocks[0] if self.blocks else None)
        return first.start if first else 0

    @property
    def end(self) -> int:
        last = self.blocks[-1] if self.blocks else self.heading
        return last.end if last else 0


def fold(heading: str) -> str:
    """Lower case, punctuation to spaces, white space collapsed, trailing colon dropped."""
    folded = _FOLD.sub(" ", heading.lower()).strip().rstrip(":").strip()
    return " ".join(folded.split())


@cache
def _heading_table() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    exact: dict[str, str] = {}
    prefixes: list[tuple[str, str]] = []
    for kind, phrases in vocab.load("headings").items():
        if kind.startswith("_"):
            continue
        for phrase in phrases:
            if phrase.endswith("*"):
                prefixes.append((fold(phrase[:-1]), kind))
            else:
                exact.setdefault(fold(phrase), kind)
    return exact, tuple(prefixes)


def heading_kind(heading: str) -> str | None:
    """The section kind a heading or key label names, or None.

    >>> heading_kind("Learning Outcomes"), heading_kind("Who should attend?"), heading_kind("Hi")
    ('outcomes', 'audience', None)
    """
    folded = fold(heading)
    exact, prefixes = _heading_table()
    if folded in exact:
        return exact[folded]
    for prefix, kind in prefixes:
        if folded.startswith(prefix):
            return kind
    return None


def split_sections(doc: Document) -> list[Section]:
    """Sections in reading order; every block belongs to exactly one."""
    sections = [Section("preamble", None)]
    for block in doc.blocks:
        kind = _opens_section(block)
        if block.kind == "key_value" and kind is not None:
            sections.append(Section(kind, None, [block]))
            # Lines after a key-value line continue the section it interrupted.
            sections.append(Section(sections[-2].kind, sections[-2].heading))
        elif kind is not None:
            sections.append(Section(kind, block))
        else:
            sections[-1].blocks.append(block)
    return [s for s in sections if s.blocks or s.heading]


def _opens_section(block: Block) -> str | None:
    if block.kind == "key_value" and block.key is not None:
        return heading_kind(block.key)
    if block.kind in ("heading", "paragraph", "list_item") and len(block.text) <= 80:
        return heading_kind(block.text)
    return None
