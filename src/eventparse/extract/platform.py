"""Extractor for ``delivery.platform``: the online product's full name.

Names and their spellings come from ``vocab/platforms.json`` (``Teams``, ``MS Teams``
-> ``Microsoft Teams``); a join link's host name (``teams.microsoft.com``,
``zoom.us``) names its product too. A mention in a delivery section or beside a
delivery word ("online via Zoom") outranks one in passing; related-events and other
boilerplate sections are not read. The chosen name is left in
``ctx.shared["delivery.platform"]`` for the delivery-mode extractor.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import regex

from eventparse import vocab
from eventparse.document import Block
from eventparse.extract.base import Candidate, Context, Phrases
from eventparse.resolve import pick_one

FIELD = "delivery.platform"
SHARED_KEY = "delivery.platform"
SKIPPED_SECTIONS = frozenset({"boilerplate"})
IN_DELIVERY_SECTION = 3.0
FROM_LINK = 2.5
BESIDE_DELIVERY_WORD = 2.0
IN_PASSING = 1.0
# How far before and after a mention a delivery word is looked for ("online using Teams").
CUE_BEFORE = 30
CUE_AFTER = 12  # "Teams meeting", "Zoom link"


@dataclass(frozen=True)
class _Matchers:
    any_case: regex.Pattern[str] | None
    as_written: regex.Pattern[str] | None
    links: regex.Pattern[str] | None
    names: dict[str, str]
    """lower-cased alias or domain -> product name"""
    cue: regex.Pattern[str]
    words: Phrases
    """Every alias and domain: a block without one names no product, so it needs no
    closer look."""


def _alternation(words: list[str]) -> str:
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(regex.escape(w) for w in ordered)


@cache
def _matchers() -> _Matchers:
    names: dict[str, str] = {}
    any_case: list[str] = []
    as_written: list[str] = []
    domains: list[str] = []
    for product in vocab.load("platforms")["platforms"]:
        for alias in product["aliases"] + product["cased_aliases"]:
            names[alias.lower()] = product["name"]
        any_case.extend(product["aliases"])
        as_written.extend(product["cased_aliases"])
        for domain in product["domains"]:
            names[domain.lower()] = product["name"]
            domains.append(domain)
    bound = r"(?<![\w.@/-])(?:{})(?![\w])"
    cue_words = vocab.load("delivery")["platform_cues"]
    return _Matchers(
        any_case=regex.compile(bound.format(_alternation(any_case)), regex.I) if any_case else None,
        as_written=regex.compile(bound.format(_alternation(as_written))) if as_written else None,
        links=regex.compile(r"(?<![\w-])(?:[\w-]{1,63}\.){0,3}(" + _alternation(domains)
                            + r")(?![\w-])", regex.I) if domains else None,
        names=names,
        cue=regex.compile(r"\b(?:" + _alternation(cue_words) + r")\b", regex.I),
        words=Phrases(any_case + as_written + domains),
    )


def _may_name_product(text: str, start: int = 0, end: int | None = None) -> bool:
    return _matchers().words.in_text(text, start, end)


def platform_name(text: str) -> str | None:
    """The product a piece of text names, if any.

    >>> platform_name("Online via MS Teams"), platform_name("https://zoom.us/j/123")
    ('Microsoft Teams', 'Zoom')
    >>> platform_name("our child protection teams") is None
    True
    """
    for _, _, name, _, _ in _mentions(text, 0, len(text)):
        return name
    return None


def _mentions(text: str, start: int, end: int) -> Iterator[tuple[int, int, str, bool, bool]]:
    """(start, end, product, from a link, an ordinary word's spelling) of each platform
    mention in text[start:end]."""
    if not _may_name_product(text, start, end):
        return
    found = _matchers()
    for pattern, cased in ((found.any_case, False), (found.as_written, True)):
        if pattern is not None:
            for match in pattern.finditer(text, start, end):
                yield match.start(), match.end(), found.names[match.group().lower()], False, cased
    if found.links is not None:
        for match in found.links.finditer(text, start, end):
            yield match.start(), match.end(), found.names[match.group(1).lower()], True, False


def _score(ctx: Context, block: Block, span: tuple[int, int], section_kind: str,
           from_link: bool) -> float:
    if section_kind == "delivery":
        return IN_DELIVERY_SECTION
    if from_link:
        return FROM_LINK
    start, end = span
    near = _matchers().cue.search(ctx.doc.text, max(block.start, start - CUE_BEFORE), start) or (
        _matchers().cue.search(ctx.doc.text, end, min(block.end, end + CUE_AFTER)))
    return BESIDE_DELIVERY_WORD if near else IN_PASSING


def extract(ctx: Context) -> list[Candidate[object]]:
    """Every platform mention outside boilerplate, scored by where it stands."""
    candidates: list[Candidate[object]] = []
    for section in ctx.sections if _may_name_product(ctx.doc.text) else ():
        if section.kind in SKIPPED_SECTIONS:
            continue
        blocks = ([section.heading] if section.heading else []) + section.blocks
        for block in blocks:
            for start, end, name, from_link, cased in _mentions(
                    ctx.doc.text, block.start, block.end):
                score = _score(ctx, block, (start, end), section.kind, from_link)
                if cased and score <= IN_PASSING:
                    continue  # "Teams around the child": a word, unless delivery words stand by
                candidates.append(Candidate(name, ((start, end),), f"platform:{section.kind}",
                                            score))
    best = pick_one(candidates)
    ctx.shared[SHARED_KEY] = best
    return candidates
