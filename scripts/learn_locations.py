"""Learn the place vocabulary of seminar announcements from a tagged corpus.

    python scripts/learn_locations.py ../shared/corpora/seminars/dev \
        [--out src/eventparse/vocab/locations.json]

Reads ``N.tagged.txt`` files (inline ``<location>`` tags, CMU Seminar
Announcements format) and writes a vocabulary, never an answer per document:

- ``words``: each word (lower case) seen inside tagged locations in at least
  ``--min-docs`` documents, with the share of its occurrences that are inside
  one ("wean" ~1.0, "hall" high, "room" lower): building names, abbreviations
  ("weh", "dh", "hbh") and room words.
- ``number_shapes``: shapes of room numbers inside locations (digits -> 9,
  letters -> A: "5409" -> "9999", "A18C" -> "A99A", "BH-129" -> "AA-999"),
  kept when seen in at least ``--min-docs`` documents, with the same share.
- ``not_place_words``: words seen in at least ``--common-docs`` documents that are
  almost never inside a location ("cmu", "professor", "university"): a
  capitalised one is no building's name.
- ``max_words``: the longest location seen, in words (a bound for the finder).

Fixed, not learned (general English, written into the ``given`` block): the
connectors a place phrase may hold between its words, the head nouns a
building's name stands before ("... Hall", "... Tower"), the words that
introduce a place ("in", "at", "Place:") and the words that mark a place as
not the talk's (a reception's, a contact's office). Run it again on a new corpus to
rebuild; the output is deterministic (sorted keys).
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

# The extractor's own tokeniser: the vocabulary must split text exactly as venue.py reads it.
from eventparse.extract.venue import TOKEN

TAG = re.compile(r"</?(paragraph|sentence|stime|etime|location|speaker)>")
MIN_DOCS = 2
MIN_SHARE = 0.05
COMMON_DOCS = 8
RARE_SHARE = 0.05
GIVEN = {
    "connectors": ["of", "the", "in", "and", "&", "located"],
    "heads": ["hall", "building", "bldg", "center", "centre", "room", "rm", "auditorium",
              "library", "tower", "wing", "lounge", "theater", "theatre", "ballroom", "chapel",
              "house", "quadrangle", "lab", "laboratory", "club", "museum", "annex", "gym",
              "gymnasium", "arena", "pavilion", "suite", "studio", "cafe", "commons", "forum",
              "floor", "union", "quad", "plaza", "hotel", "campus", "avenue", "ave", "boulevard",
              "blvd", "street", "road"],
    "street_heads": ["avenue", "ave", "boulevard", "blvd", "street", "road"],
    "cues": ["in", "at", "in the", "at the", "near", "near the", "place", "location", "where",
             "room", "venue", "held in", "held at", "meet in", "located in"],
    "not_talk": ["reception", "receptions", "refreshments", "refreshment", "coffee", "tea",
                 "cookies", "lunch", "dinner", "pizza", "party", "social", "food",
                 "snacks", "drinks", "breakfast", "buffet", "rsvp", "office", "mailbox",
                 "call", "phone", "contact", "parking"],
}


@dataclass
class Tally:
    inside: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    docs: Counter[str] = field(default_factory=Counter)
    """documents where the form is inside a location"""
    seen_in: Counter[str] = field(default_factory=Counter)
    """documents where the form occurs at all"""


def strip_tags(raw: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without tags, and the spans of its ``<location>`` elements."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    opened: int | None = None
    position = 0
    for match in TAG.finditer(raw):
        chunk = raw[position:match.start()]
        out.append(chunk)
        length += len(chunk)
        if match.group(1) == "location":
            if match.group(0).startswith("</"):
                if opened is not None:
                    spans.append((opened, length))
                opened = None
            else:
                opened = length
        position = match.end()
    out.append(raw[position:])
    return "".join(out), spans


def shape(token: str) -> str:
    """A token's shape: digits -> 9, letters -> A.

    >>> shape("A18C"), shape("BH-129")
    ('A99A', 'AA-999')
    """
    return re.sub(r"[A-Za-z]", "A", re.sub(r"\d", "9", token))


def _key(token: str) -> tuple[str, str]:
    """('word', lower-case form) or ('number', shape)."""
    if any(ch.isdigit() for ch in token):
        return "number", shape(token)
    return "word", token.lower()


def learn(folder: Path) -> dict[str, object]:
    words, numbers = Tally(), Tally()
    longest = 0
    for path in sorted(folder.glob("*.tagged.txt")):
        text, spans = strip_tags(path.read_text(encoding="latin-1"))
        tokens = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
        seen: dict[str, set[str]] = {"word": set(), "number": set()}
        words.seen_in.update({t.lower() for _, _, t in tokens if t.isalpha()})
        for start, end, token in tokens:
            kind, form = _key(token)
            tally = words if kind == "word" else numbers
            tally.total[form] += 1
            if any(a <= start and end <= b for a, b in spans):
                tally.inside[form] += 1
                seen[kind].add(form)
        for kind, forms in seen.items():
            (words if kind == "word" else numbers).docs.update(forms)
        for a, b in spans:
            longest = max(longest, len(TOKEN.findall(text[a:b])))
    return {
        "_doc": (__doc__ or "").strip().splitlines()[0]
        + " Built by scripts/learn_locations.py; do not edit by hand.",
        "source_documents": len(list(folder.glob("*.tagged.txt"))),
        "words": _shares(words),
        "number_shapes": _shares(numbers),
        "not_place_words": sorted(
            form for form, count in words.total.items()
            if words.seen_in[form] >= COMMON_DOCS and words.inside[form] / count <= RARE_SHARE
            and form.isalpha()),
        "max_words": longest,
        "given": GIVEN,
    }


def _shares(tally: Tally) -> dict[str, float]:
    kept = {}
    for form in sorted(tally.inside):
        share = tally.inside[form] / tally.total[form]
        if tally.docs[form] >= MIN_DOCS and share >= MIN_SHARE:
            kept[form] = round(share, 3)
    return kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="folder of N.tagged.txt files")
    default_out = Path(__file__).resolve().parents[1] / "src/eventparse/vocab/locations.json"
    parser.add_argument("--out", type=Path, default=default_out)
    args = parser.parse_args()
    vocabulary = learn(args.corpus)
    args.out.write_text(json.dumps(vocabulary, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    words = vocabulary["words"]
    shapes = vocabulary["number_shapes"]
    assert isinstance(words, dict) and isinstance(shapes, dict)
    print(f"{len(words)} words, {len(shapes)} number shapes -> {args.out}")


if __name__ == "__main__":
    main()
