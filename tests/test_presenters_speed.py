"""The presenters extractor's fast forms match exactly what the plain ones would."""

from __future__ import annotations

import random
import re

from eventparse.extract import presenters as p

from .conftest import ROOT

# RUN_ASCII and TOKEN_ASCII as written before their optional and repeated groups became
# alternations with an empty branch (p._optional, p._repeated, p._at_most).
_TAIL = r"(?:[A-Z][a-z]+)?(?:-(?:[A-Z]')?[A-Z][a-z]+)*"
_TOKEN = (rf"(?:(?:(?:[A-Z]')?[A-Z][a-z]+{_TAIL}|[A-Z]{{2,}}(?:['-][A-Z]+)*|[A-Z])\.?"
          r"|\([A-Z][a-z]+\))")
_FIRST = (r"[A-Z(](?<![A-Za-z0-9.@_+].)(?:(?<=\()[A-Z][a-z]+\)"
          rf"|(?<=[A-Z])(?:'[A-Z][a-z]+{_TAIL}|[a-z]+{_TAIL}|[A-Z]+(?:['-][A-Z]+)*|)\.?)")
PLAIN_RUN = re.compile(
    rf"{_FIRST}(?P<rest>(?:{p._SEP_ASCII}(?:{p._PARTICLE} )?{_TOKEN}){{0,{p.RUN_WORDS - 1}}})")
PLAIN_TOKEN = re.compile(rf"{_TOKEN}|{p._PARTICLE}(?=[ \t])")


def _texts() -> list[str]:
    listings = sorted((ROOT / "tests/data/listings").glob("*.txt"))
    texts = [path.read_text(encoding="utf-8").encode("ascii", "replace").decode()
             for path in listings]
    pieces = ["A", "Mc", "O'", "a", "de ", "del ", "della ", "van ", " ", "  ", "   ", ".", "-",
              "\n", "Jo ", "Smith ", "J.", "Dr ", "(Bob)", "(", ")", "X-Ray", "AB-CD", "AB'CD",
              "'", "@", "3", "\t", "Ph.D.", "MERCE ", "x", "O'Neil-Smith", "Mary-Jane", "K.L.",
              "-O'B", "Ab-Cd-Ef", "ABC-", "(Ab", "Ab)"]
    rng = random.Random(5)
    return texts + ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
                    for _ in range(3000)]


def _key(found: re.Match[str] | None) -> tuple[tuple[int, int], ...] | None:
    if found is None:
        return None
    return (found.span(),) + ((found.span("rest"),) if "rest" in found.re.groupindex else ())


def test_runs_and_tokens_match_as_their_plain_forms() -> None:
    """RUN_ASCII and TOKEN_ASCII find what their plain forms find, from every position
    (names_in scans with finditer; name_at and _wrapped_words match at a position)."""
    rng = random.Random(7)
    for text in _texts():
        for fast, plain in ((p.RUN_ASCII, PLAIN_RUN), (p.TOKEN_ASCII, PLAIN_TOKEN)):
            assert [_key(m) for m in fast.finditer(text)] == \
                [_key(m) for m in plain.finditer(text)], text[:60]
            for pos in range(0, len(text), max(1, len(text) // 100)):
                end = rng.randint(pos, len(text))
                assert _key(fast.match(text, pos, end)) == _key(plain.match(text, pos, end))


def test_host_cues_skipped_for_want_of_their_piece_are_what_the_scan_finds() -> None:
    """_hosts passes _cue_matches what every host cue holds ("host"): text without it is
    not scanned, and the cues found are those the scan finds."""
    cues = p.cues()
    assert cues.host_piece
    texts = [*_texts()[:200], "Hosted by Jo Bloggs.", "your HOSTS are\nA and B",
             "HoStEd \n by X", "hoſted by X", "ghosted by X", "Your host will be: Dr Y", ""]
    for text in texts:
        found = [m.span() for m in p._cue_matches(cues.host_before, cues.host_before_ascii,
                                                  text, cues.host_piece)]
        assert found == [m.span() for m in cues.host_before.finditer(text)], text[:60]


def test_cues_found_in_the_title_cased_text_are_what_the_scan_finds() -> None:
    """The cue scans of ASCII text read the title-cased text (p._TITLED_TWINS): they
    find what the regex module's own scan finds, a phrase after "-" included."""
    cues = p.cues()
    assert cues.before_ascii is not None and cues.before_ascii.pattern in p._TITLED_TWINS
    texts = [*_texts()[:300], "Presented by Jo; co-presented by Al", "talk-by X", "x-led by Y",
             "x-with guest speaker Jo", "pre-a talk from Al",
             "PRESENTED\tBY: Dr Y", "Speaker's talk by Z", "In conversation with Q", ""]
    for text in texts:
        found = [m.span() for m in p._cue_matches(cues.before, cues.before_ascii, text)]
        assert found == [m.span() for m in cues.before.finditer(text)], text[:60]
