"""Extractor for ``presenters``: the people who present, facilitate or speak.

Rules first, in two tiers:

* strong cues name presenters for certain: a ``Who:`` / ``Speaker:`` /
  ``Facilitators:`` line, a presenters section ("About the facilitator",
  "Speakers") whose blocks open with a name, a phrase before the names
  ("Presented by", "Delivered by", "led by", "The speaker is") or after them
  ("Dr X will speak on", "X, Dept. of ECE, will present"), a table's column of
  names ("| Name | Role |"), the writer of "I'll be presenting with X". Every
  person they name is a presenter, in order of first mention (where the text
  first writes the full name, whichever rule read it).
* weak cues only guess at one speaker when no strong cue speaks: a name
  followed by "talk"/"lecture", a line holding just a name (often above an
  affiliation line), a titled name, a person spaCy finds. spaCy's named
  entities, run only over those few lines, confirm a guess when a statistical
  model is loaded.

Hosts, contacts, organisers and e-mail signatures are never presenters. Names
lose their titles (Dr, Professor); one person is listed once however often the
text names them ("Dr Amara Osei-Bonsu" ... "Dr Osei-Bonsu").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache, cached_property, lru_cache
from typing import Any, NamedTuple, TypeAlias

import regex

from eventparse import vocab
from eventparse.document import Block
from eventparse.extract.base import Candidate, Context
from eventparse.model import Presenter
from eventparse.sections import Section, fold

FIELD = "presenters"

STRONG = 0.75
"""Mentions scoring at least this are certain presenters; below it, guesses."""
LIST_LIMIT = 12
"""People one list may name."""
MENTIONS_KEPT = 8
"""Mentions of one person kept for their role, bio and spans."""
NEAR = 200
"""How far around a name its line is read (characters): keeps a 1 MB line linear."""
NER_LINES = 6
"""At most this many of the best guesses' lines go through spaCy."""
NER_CONTEXT_WORDS = 3
"""Words either side of a guess that spaCy reads with it: enough for its reading
(a name alone reads worse), and spaCy's time grows with every word."""
NER_LIFT = 0.15
"""How much a guess gains when spaCy reads it as a person."""
NER_DOUBT = 0.15
"""How much a guess loses when spaCy reads it as a place or an organisation."""
GUESS = 0.45
"""A guess scoring below this is not worth giving."""
GROUP = "presenters"
SEGMENT_LIMIT = 400
"""How far a list of names after a cue may run (characters)."""
CLAUSE_LIMIT = 250
"""How far before 'will speak' the speaker's name may start (characters)."""
APPOSITIVE_LIMIT = 60
"""How long a role before the name it describes may be ("our Principal Social Worker, X")."""
EXCLUDED_SECTIONS = frozenset({"booking", "boilerplate", "host", "price", "greeting"})
CONTACT_LINES = 6
"""Lines a contact's own block under a "Contact:" label may take (name, role, e-mail...)."""
CONTACT_LINE_WORDS = 8
CONTACT_LINE_CHARS = 80
"""A contact's line is short (words, characters): a longer one is the page going on."""

# One word of a name: "Osei-Bonsu", "McAllister", "O'Gorman", "MERCE", an initial "J." / "J".
_WORD = r"(?:\p{Lu}['’])?\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}+)?(?:-(?:\p{Lu}['’])?\p{Lu}\p{Ll}+)*"
_CAPS = r"\p{Lu}{2,}(?:['’-]\p{Lu}+)*"
_TOKEN = rf"(?:(?:{_WORD}|{_CAPS}|\p{{Lu}})\.?|\(\p{{Lu}}\p{{Ll}}+\))"
_PARTICLE = r"(?:de|van|von|der|den|da|di|du|le|la|del|della|ter|ten|bin|al|el)"
_SEP = r"(?: {1,2}|(?<=(?<!\p{L})\p{Lu}\.)(?=\p{Lu}))"
RUN_WORDS = 7
"""Words a run of RUN or RUN_ASCII may take, particles aside: its first and six more."""
# Not inside an e-mail address or a dotted login ("Barbara.R.Moore@...").
# "word" captures every word of the run (particles too), as TOKEN would find them one by
# one; "rest" holds the words after the first: empty for a run of one word.
RUN = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}.@_+])(?P<word>{_TOKEN})"
    rf"(?P<rest>(?:{_SEP}(?:(?P<word>{_PARTICLE}) )?(?P<word>{_TOKEN})){{0,{RUN_WORDS - 1}}})")
TOKEN = regex.compile(rf"{_TOKEN}|{_PARTICLE}(?=[ \t])")
# RUN and TOKEN for ASCII text in the standard re module, which scans about twice as fast
# and takes a tenth of the regex module's time a call. They match alike on ASCII text,
# where \p{Lu}, \p{Ll}, \p{L} and \p{N} are A-Z, a-z, A-Za-z and 0-9. The re module has
# no captures of a repeated group: a run's words come from TOKEN_ASCII.
# Their optional and repeated groups are written as alternations with an empty branch
# (_optional, _repeated, _at_most): the same matches, tried in the same order, but the re
# module allocates a repeat for each optional group it enters, and RUN_ASCII is tried at
# every capital of a text (a fifth fewer instructions for the scan of a document).


def _optional(pattern: str) -> str:
    """``(?:pattern)?`` as an alternation with an empty branch (see above).

    >>> re.fullmatch(_optional("ab") + "c", "c") is not None
    True
    """
    return rf"(?:{pattern}|)"


def _repeated(pattern: str) -> str:
    """``(?:pattern)*``: a repeat entered only once the pattern has matched."""
    return _optional(rf"{pattern}(?:{pattern})*")


def _at_most(pattern: str, times: int) -> str:
    """``(?:pattern){0,times}``, greedy: ``times`` nested optional alternations."""
    return "" if times == 0 else _optional(pattern + _at_most(pattern, times - 1))


_WORD_ASCII_TAIL = _optional("[A-Z][a-z]+") + _repeated("-" + _optional("[A-Z]'") + "[A-Z][a-z]+")
_WORD_ASCII = _optional("[A-Z]'") + "[A-Z][a-z]+" + _WORD_ASCII_TAIL
_CAPS_ASCII = "[A-Z]{2,}" + _repeated("['-][A-Z]+")
_TOKEN_ASCII = rf"(?:(?:{_WORD_ASCII}|{_CAPS_ASCII}|[A-Z])\.?|\([A-Z][a-z]+\))"
_SEP_ASCII = r"(?: {1,2}|(?<=[A-Z]\.)(?<![A-Za-z][A-Z]\.)(?=[A-Z]))"
# A run's first word is _TOKEN_ASCII after the lookbehind, written with its first character
# (a capital or a bracket) matched first and the lookbehind reading the one before it: the
# scan then skips in C from one such character to the next instead of trying the lookbehind
# at every position. Its branches are _TOKEN_ASCII's, in the same order.
_FIRST_TOKEN_ASCII = (
    r"[A-Z(](?<![A-Za-z0-9.@_+].)"
    r"(?:(?<=\()[A-Z][a-z]+\)"  # "(Word)"
    rf"|(?<=[A-Z])(?:'[A-Z][a-z]+{_WORD_ASCII_TAIL}|[a-z]+{_WORD_ASCII_TAIL}"  # _WORD_ASCII
    r"|[A-Z]+" + _repeated("['-][A-Z]+") + r"|)\.?)")  # _CAPS_ASCII, or an initial
_NEXT_WORD_ASCII = _SEP_ASCII + _optional(_PARTICLE + " ") + _TOKEN_ASCII
RUN_ASCII = re.compile(
    _FIRST_TOKEN_ASCII + "(?P<rest>" + _at_most(_NEXT_WORD_ASCII, RUN_WORDS - 1) + ")")
# RUN_ASCII less most runs of one word, which name no one (``_lone_word``): its "rest" is
# empty only where a line break may follow (``_wrap_at`` then decides, within NEAR). Most
# capitalised words are such lone words ("The", "Date:"); skipped in C, they cost Python no
# Match object and no test. The first word is atomic, as RUN_ASCII's is in effect (its rest
# always matches): a lone word is not tried again in shorter forms. ``_ascii_runs`` keeps
# the scan in step with RUN_ASCII's.
_FIRST_CHAR_ASCII = "[A-Z(](?<![A-Za-z0-9.@_+].)"
RUN_ASCII_NOT_LONE = re.compile(
    _FIRST_CHAR_ASCII + "(?>" + _FIRST_TOKEN_ASCII.removeprefix(_FIRST_CHAR_ASCII) + ")(?P<rest>"
    + _NEXT_WORD_ASCII + _at_most(_NEXT_WORD_ASCII, RUN_WORDS - 2)
    + r"|(?=[ \t]*\n[ \t]*[^\t-\r ]))")
INSIDE_WORD_ASCII = frozenset("'-(")
"""What a run may start after inside a word that RUN_ASCII takes whole ("AB-Cd")."""
TOKEN_ASCII = re.compile(rf"{_TOKEN_ASCII}|{_PARTICLE}(?=[ \t])")
Run: TypeAlias = "regex.Match[str] | re.Match[str]"
"""A match of RUN or RUN_ASCII."""
# Kept with the name: generations, and degrees (the CMU protocol scores "X, PhD" whole).
SUFFIX = regex.compile(
    r",?[ \t]*(?:Jr\.?|Sr\.?|III|II|IV|3rd|Ph\.?[ ]?D\.?|PH\.?[ ]?D\.?|M\.D\.|MD)(?![\p{L}\p{N}])")
SUFFIX_FIRST = frozenset("JSI3PM")
"""What SUFFIX's words begin with."""
PHONE = regex.compile(
    r"\(?\d{3}\)?[ \t]*\d{3}-\d{4}|\b[xX][ -]?\d(?:-?\d){3,4}\b|\b\d-\d{4}\b")
PREPOSITION = regex.compile(
    r"\b(?:in|at|on|to|from|of|near|with|by|for|and)[ \t]*\n?[ \t]*$", regex.I)
SENTENCE_END = regex.compile(r"[.!?](?=\s|$)|\n[ \t]*\n")
# Where the next person of a list may start: "; ", ", and ", " and ", " & ", ", ",
# ", with " ("led by X, with Dr Y, a consultant").
PERSON_BREAK = regex.compile(r";[ \t]*|,?\s+(?:and|&|with)\s+|,[ \t]*|\n[ \t]*")
NON_SPACE = regex.compile(r"\S+")
BREAK_PAIRS = frozenset(blank + after for blank in " \t" for after in " \t\n")
"""How a line break (blanks, a new line, blanks, then text) starts when blanks come first:
with ``text.startswith("\\n", pos)`` a test in C that rules out a break after most words."""
SPACE = regex.compile(r"\s")
ASCII_SPACE = r"[\t-\r ]"
"""What SPACE matches in ASCII text (the re module's \\s also takes \\x1c-\\x1f)."""
ASCII_SPACES = frozenset("\t\n\x0b\x0c\r ")
NOT_IN_WORD_ASCII = "(?<![a-z-])"
"""How an ASCII twin of a phrase cue starts (``_ascii_twin``): not inside a word."""
PERSON_BREAK_ASCII = re.compile(PERSON_BREAK.pattern.replace(r"\s", ASCII_SPACE))
BLANKS = r"[ \t]+"
LEAD_WORD = regex.compile(r"[\p{L}']+")
AND = regex.compile(r"(?:and|&)\s")
AFFILIATION_LEAD = regex.compile(r"(?:from|of|at)\s")
LAST_WORD = regex.compile(r"(?<![\p{L}'’])\p{L}+$")
BIO_VERB = regex.compile(
    r"(?:is|was|has|works|leads|teaches|joined|specialises|specializes)\b")
FORENAME = regex.compile(r"\p{Lu}\p{Ll}+")
RELATIVE = regex.compile(r"\b(?:who|which|that)\b")
WORDS = regex.compile(r"[\p{L}&]+")
WORDS_ASCII = re.compile(r"[A-Za-z&]+")
AFFILIATION_AFTER = regex.compile(r"(?:,|\s+(?:from|of|at))\s+\S")
AFFILIATION_AFTER_ASCII = re.compile(
    AFFILIATION_AFTER.pattern.replace(r"\s", ASCII_SPACE).replace(r"\S", r"[^\t-\r ]"))
"""AFFILIATION_AFTER's twin for ASCII text (a regex module call costs several times more)."""
ROLE_WORDS = regex.compile(r"[\p{L}'’()&/ \t-]*\p{L}[\p{L}'’()&/ \t-]*")
LOWER_WORDS = regex.compile(r"(?:\p{Ll}[\p{Ll}-]*,?\s+){1,3}")
WILL_WORDS = ("will", "shall", "is going to", "are going to")
WILL = regex.compile(rf"\b(?:{'|'.join(WILL_WORDS)})\s+(?:also\s+)?")
# Twins of the patterns above in the standard re module, for ASCII text (where \b and
# the classes agree), much cheaper to scan with and to call.
# PHONE's branches in the same order, each after the character it starts with (the bracket
# or first digit of a number, the "x" of an extension; a "\\b" before it becomes a lookbehind
# that reads the character before): the scan then skips in C to where a number may start.
PHONE_ASCII = re.compile(
    r"[(0-9xX](?:(?<=\()[0-9]{3}\)?[ \t]*[0-9]{3}-[0-9]{4}"
    r"|(?<=[0-9])[0-9]{2}\)?[ \t]*[0-9]{3}-[0-9]{4}"
    r"|(?<=[xX])(?<![A-Za-z0-9_].)[ -]?[0-9](?:-?[0-9]){3,4}\b"
    r"|(?<=[0-9])(?<![A-Za-z0-9_].)-[0-9]{4}\b)")
# Its first character first: the scan then skips in C to the next full stop or new line.
SENTENCE_END_ASCII = re.compile(r"[.!?\n](?:(?<=[.!?])(?=[\t-\r ]|$)|(?<=\n)[ \t]*\n)")
LAST_WORD_ASCII = re.compile(r"(?<![A-Za-z'’])[A-Za-z]+$")
WILL_ASCII = re.compile(WILL.pattern.replace(r"\s", ASCII_SPACE))
# "X is joined on every date by Y", "joined for the afternoon by Y": a short phrase
# opening on a preposition between 'joined' and 'by' ("joined by" alone is a cue word).
_JOINED = r"joined\s+(?:on|for|in|at|throughout|during|across)\s+(?:[a-z'-]+\s+){0,3}by\s+"
JOINED = regex.compile(rf"(?<![\p{{L}}-]){_JOINED.replace('a-z', chr(92) + 'p{L}')}", regex.I)
JOINED_ASCII = re.compile(NOT_IN_WORD_ASCII + _JOINED.replace(chr(92) + "s", ASCII_SPACE))
"""JOINED's twin for lower-cased ASCII text (see ``_ascii_twin``)."""
CUE_TAIL = r"(?:\s*:)?\s+"
"""What follows a cue phrase before the names: white space, perhaps after a colon."""
ROLE_TRIM = " \t\n,;:–—-()."
# A programme row's time at the start of its line: "09:45", "9.30am", "10:00-10:45".
_CLOCK_TIME = r"[0-9]{1,2}[:.][0-9]{2}(?:[ \t]?[ap]\.?m\.?)?"
PROGRAMME_TIME = re.compile(
    rf"^[ \t]*{_CLOCK_TIME}(?:[ \t]*[-–—][ \t]*{_CLOCK_TIME})?[ \t]", re.M | re.I)
PROGRAMME_TIME_AFTER_BREAK = re.compile(r"\n" + PROGRAMME_TIME.pattern[1:], re.I)
"""PROGRAMME_TIME after the new line that starts its line: a literal first character lets
the scan skip from one new line to the next instead of trying every position."""
PROGRAMME_ROWS = 3
"""Lines starting with a time that make a programme."""
# The dash before a row's speaker: spaced ("Talk title – Jo Bloggs, Org"); all as long.
ROW_DASH = (" – ", " — ", " - ")
LIST_GOES_ON = re.compile(r"(?:,|\band|&)[ \t]*$")
"""How a line ends whose list of names goes on to the next line."""
ITEM_END = re.compile(r"[,;()\n]|[.](?:\s|$)")
"""Where a list item (a name, or an organisation after a role) ends."""
ROLE_NOUN_AFTER = regex.compile(r"[ \t]+(\p{Lu}[\p{Ll}-]+)[ \t]+(?=\p{Lu})")
ROLE_NOUN_BEFORE = regex.compile(r"(?<![\p{L}-])(\p{Lu}[\p{Ll}-]+)[ \t]+$")
"""A capitalised word straight after a name, or straight before one (a role noun?)."""
ORG_JOINS = frozenset({"and", "&", "of", "for", "the", "in", "on"})
"""Lower-case words an organisation's name may hold ("Fire and Rescue Service")."""
LOWER_WORD = re.compile(r"(?<![\w@./-])[a-z]+(?![\w@-])")
"""A word written in lower case, not in an address."""
TABLE_CELL = " | "
"""What readers put between a table row's cells."""
FIRST_PERSON = re.compile(r"I(?:['’](?:ll|m)|[ \t]+(?:will|am|shall))\b")
"""How the writer's "I'll be presenting" starts (``Cues.first_person`` reads it whole)."""
CO_PRESENTER = regex.compile(r"\b(?:with|alongside)\s+")
"""What names the writer's co-presenters in "I'll be presenting it with/alongside X"."""
SIGNATURE_LINES = 3
"""Lines under a closing ("Many thanks,") where the writer's name may be."""
TRAILING_KEY_CHARS = 50
TRAILING_KEY = regex.compile(r"[.!?][ \t]+(\p{Lu}[\p{L}'’ \t]{0,40}):\s*$")
"""A presenter key closing a paragraph after its last sentence ("... North West. Speakers:")."""


@dataclass(frozen=True)
class Name:
    """A person's name as found: the text without titles, and its span."""

    text: str
    start: int
    end: int
    titled: bool
    """Written with a title (Dr, Professor, Mr) before it."""
    title_start: int
    """Where the name starts including its title."""

    @cached_property
    def words(self) -> list[str]:
        """The name's words in lower case, initials left out."""
        return [w.rstrip(".").lower() for w in self.text.split() if len(w.rstrip(".")) > 1]


@dataclass(frozen=True)
class Mention:
    """One place the text names someone as a presenter (or a guess at one)."""

    name: Name
    rule: str
    score: float
    role: str | None = None
    bio: str | None = None


@dataclass(frozen=True)
class Cues:
    """The presenter vocabulary (vocab/presenter_cues.json, vocab/honorifics.json)."""

    keys: frozenset[str]
    key_nouns: frozenset[str]
    subject_keys: frozenset[str]
    excluded_keys: frozenset[str]
    ignored_keys: frozenset[str]
    before: regex.Pattern[str]
    before_ascii: re.Pattern[str] | None
    excluded_before: regex.Pattern[str]
    excluded_before_ascii: re.Pattern[str] | None
    host_before: regex.Pattern[str]
    host_before_ascii: re.Pattern[str] | None
    host_piece: str
    """What every host cue holds ("host"): see ``_shared_piece``."""
    verbs: regex.Pattern[str]
    verbs_ascii: re.Pattern[str] | None
    event_clause: regex.Pattern[str]
    event_clause_ascii: re.Pattern[str] | None
    event_lead: regex.Pattern[str]
    talk_nouns: regex.Pattern[str]
    talk_nouns_ascii: re.Pattern[str] | None
    """``talk_nouns`` for ASCII text in the ``re`` module; None if a noun is not ASCII."""
    group_words: frozenset[str]
    not_name_words: frozenset[str]
    org_words: frozenset[str]
    org_surnames: frozenset[str]
    role_nouns: frozenset[str]
    given_names: frozenset[str]
    word_endings: tuple[str, ...]
    affiliation_words: frozenset[str]
    closings: frozenset[str]
    titles: frozenset[str]
    ranks: frozenset[str]
    first_person: regex.Pattern[str]


def _ascii_twin(phrases: list[str], tail: str,
                lead: str = NOT_IN_WORD_ASCII) -> re.Pattern[str] | None:
    """``_phrase_cue(phrases, tail)`` (which the regex module runs case-insensitively)
    for lower-cased ASCII text in the standard ``re`` module (several times faster at
    both scanning and single calls). On such text the two match alike: \\p{L} is a-z
    there, and \\s is ``ASCII_SPACE``. None when a phrase is not ASCII. ``lead`` is
    what comes before the phrases (by default: not inside a word).

    >>> twin = _ascii_twin(["talk by", "led by"], r"\\s+$")
    >>> [bool(twin.search(t)) for t in ("a talk by ", "unled by ", "led\\t by\\n", "led by x")]
    [True, False, True, False]
    """
    if not all(p.isascii() for p in phrases):
        return None
    body = _alternation([p.lower() for p in phrases], space=ASCII_SPACE + "+")
    twin = re.compile(rf"{lead}(?:{body})" + tail.replace(r"\s", ASCII_SPACE))
    if lead == NOT_IN_WORD_ASCII and all(p.strip()[:1].isalpha() for p in phrases):
        titled = _alternation([p.lower().title() for p in phrases], space=ASCII_SPACE + "+")
        _TITLED_TWINS[twin.pattern] = re.compile(
            f"(?:{titled}){tail.replace(chr(92) + 's', ASCII_SPACE)}".encode("ascii"))
    return twin


_TITLED_TWINS: dict[str, re.Pattern[bytes]] = {}
"""A twin whose phrases all open with a letter, for the text as ``bytes.title()``
writes it (capitals at the starts of words, and only there), by the twin's pattern:
its phrases are written the same way, so a scan tries the starts of words only, not
every character a phrase may follow."""


def _event_clause_ascii(leads: list[str], nouns: list[str]) -> re.Pattern[str] | None:
    """``Cues.event_clause`` for lower-cased ASCII text in the ``re`` module: the leads'
    ``_ascii_twin``, the nouns after them; None when a phrase is not ASCII."""
    if not all(p.isascii() for p in nouns):
        return None
    noun = _alternation([p.lower() for p in nouns], space=ASCII_SPACE + "+")
    return _ascii_twin(leads, rf"\s+(?:[a-z'-]+\s+)?(?:{noun})s?\b", lead=r"[\t-\r *_#>|-]*")


def _phrase_cue(phrases: list[str], tail: str) -> regex.Pattern[str]:
    """One of the phrases, not inside a word, then ``tail``; any case."""
    return regex.compile(rf"(?<![\p{{L}}-])(?:{_alternation(phrases)}){tail}", regex.I)


def _cue_matches(pattern: regex.Pattern[str], twin: re.Pattern[str] | None,
                 text: str, piece: str = "") -> Iterator[regex.Match[str]]:
    """What ``pattern.finditer(text)`` finds, tried only where its ASCII twin (see
    ``_ascii_twin``) finds a phrase in the lower-cased text: the regex module's own scan
    of every position costs several times more. Text that is not ASCII gets that scan.
    ``piece``: what every phrase holds (``_shared_piece``); ASCII text without it in
    lower case holds none of them, and is not scanned.

    >>> [m.group() for m in _cue_matches(cues().before, cues().before_ascii,
    ...                                  "Unled talk. Talk by  Jo, led by Al")]
    ['Talk by  ', 'led by ']
    """
    if twin is None or not text.isascii():
        yield from pattern.finditer(text)
        return
    # The twin's finds, by its leading form, in the text after a blank (what a phrase at
    # the text's start follows): a find there at i is the twin's at i in the text, ending
    # a character earlier, where the twin's next search starts.
    spaced = " " + text.lower()
    if piece not in spaced:
        return  # one test in C instead of a scan ("" is in every text)
    titled = _TITLED_TWINS.get(twin.pattern)
    if titled is not None:
        yield from _titled_cue_matches(pattern, titled, text)
        return
    leading = _leading_form(twin)
    last = pos = 0
    while (found := leading.search(spaced, pos)) is not None:
        at, pos = found.start(), found.end() - 1
        if at >= last and (cue := pattern.match(text, at)) is not None:
            last = cue.end()
            yield cue


def _titled_cue_matches(pattern: regex.Pattern[str], titled: re.Pattern[bytes],
                        text: str) -> Iterator[regex.Match[str]]:
    """``_cue_matches`` on ASCII text by a twin's titled form (``_TITLED_TWINS``): its
    finds start at the starts of words, and a phrase after "-" is inside a word."""
    title_cased = text.encode("ascii").title()
    last = pos = 0
    while (found := titled.search(title_cased, pos)) is not None:
        at = found.start()
        if at and text[at - 1] == "-":
            pos = at + 1
            continue
        pos = found.end()
        if at >= last and (cue := pattern.match(text, at)) is not None:
            last = cue.end()
            yield cue


def _shared_piece(phrases: list[str]) -> str:
    """The longest piece of a word that every phrase holds, in lower case; "" if none.
    Lower-cased ASCII text without it holds none of the phrases as ``_ascii_twin`` reads
    them (a blank between their words may be any white space, so a piece keeps to a word).

    >>> _shared_piece(["Hosted by", "your host is", "your hosts are"])
    'host'
    """
    lowered = [phrase.lower() for phrase in phrases]
    best = ""
    for word in lowered[0].split() if lowered else []:
        for start in range(len(word)):
            for stop in range(len(word), start + len(best), -1):
                if all(word[start:stop] in phrase for phrase in lowered[1:]):
                    best = word[start:stop]
                    break
    return best


@cache  # of the vocabulary's few twins
def _leading_form(twin: re.Pattern[str]) -> re.Pattern[str]:
    """An ASCII twin that starts "not inside a word" written to match the character
    before its phrase instead of looking behind at it: the scan then skips in C over the
    letters, where no phrase starts, instead of trying the lookbehind at each of them."""
    assert twin.pattern.startswith(NOT_IN_WORD_ASCII)
    return re.compile("[^a-z-]" + twin.pattern[len(NOT_IN_WORD_ASCII):])


def _alternation(phrases: Iterable[str], space: str = r"\s+") -> str:
    """The phrases as one regex alternation, factored by shared beginnings.

    A trie reads each character once where a flat list retries every phrase at
    every position; the longest phrase that fits still wins. A space matches any
    white space (``space``).

    >>> print(_alternation(["led by", "lecture by", "lectures by"]))
    le(?:cture(?:\\s+by|s\\s+by)|d\\s+by)
    """
    trie: dict[str, Any] = {}
    for phrase in {p.strip() for p in phrases if p.strip()}:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie, space)


def _trie_pattern(node: dict[str, Any], space: str) -> str:
    """One trie node as a pattern: its branches, longest first, optional where a phrase ends."""
    branches = [(space if char == " " else regex.escape(char)) + _trie_pattern(child, space)
                for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    if "" not in node:
        return body
    return f"(?:{body})?" if len(branches) == 1 else f"{body}?"


@cache
def cues() -> Cues:
    """The presenter cue vocabulary, compiled once."""
    data = vocab.load("presenter_cues")
    honorifics = vocab.load("honorifics")
    # How a clause opens on the event ("In this", "During the"), then blanks.
    event_lead = rf"[\s*_#>|-]*(?:{_alternation(data['event_clause_leads'])})\s+"
    return Cues(
        keys=frozenset(fold(k) for k in data["keys"]),
        key_nouns=frozenset(data["key_nouns"]),
        subject_keys=frozenset(fold(k) for k in data["subject_keys"]),
        excluded_keys=frozenset(fold(k) for k in data["excluded_keys"]),
        ignored_keys=frozenset(fold(k) for k in data["ignored_keys"]),
        before=_phrase_cue(data["before"], CUE_TAIL),
        before_ascii=_ascii_twin(data["before"], CUE_TAIL),
        excluded_before=_phrase_cue(data["excluded_before"], CUE_TAIL + "$"),
        excluded_before_ascii=_ascii_twin(data["excluded_before"], CUE_TAIL + "$"),
        host_before=_phrase_cue(data["host_before"], CUE_TAIL),
        host_before_ascii=_ascii_twin(data["host_before"], CUE_TAIL),
        host_piece=_shared_piece(data["host_before"]),
        verbs=regex.compile(rf"(?:{_alternation(data['verbs'])})\b", regex.I),
        verbs_ascii=_ascii_twin(data["verbs"], r"\b", lead=""),
        event_clause=regex.compile(
            rf"{event_lead}(?:[\p{{L}}'’-]+\s+)?(?:{_alternation(data['event_clause_nouns'])})s?\b",
            regex.I),
        event_clause_ascii=_event_clause_ascii(data["event_clause_leads"],
                                               data["event_clause_nouns"]),
        event_lead=regex.compile(event_lead + "$", regex.I),
        talk_nouns=regex.compile(rf"(?:['’]s)?[ \t]+(?:{_alternation(data['talk_nouns'])})\b",
                                 regex.I),
        talk_nouns_ascii=re.compile(
            rf"(?:['’]s)?[ \t]+(?:{_alternation(data['talk_nouns'], space=ASCII_SPACE + '+')})\b",
            re.I) if all(noun.isascii() for noun in data["talk_nouns"]) else None,
        group_words=frozenset(data["group_words"]),
        not_name_words=frozenset(data["not_name_words"]),
        org_words=frozenset(data["org_words"]),
        org_surnames=frozenset(data["org_surnames"]),
        role_nouns=frozenset(data["role_nouns"]),
        given_names=frozenset(vocab.load("given_names")["names"]),
        word_endings=tuple(data["word_endings"]),
        affiliation_words=frozenset(data["affiliation_words"]),
        closings=frozenset(fold(c) for c in data["closings"]),
        titles=frozenset(honorifics["titles"]),
        ranks=frozenset(honorifics["ranks"]),
        first_person=regex.compile(
            rf"(?<![\p{{L}}'’]){FIRST_PERSON.pattern}[ \t]+(?:also[ \t]+)?(?:be[ \t]+)?"
            rf"(?:{_alternation(data['first_person'], space=BLANKS)})\b"),
    )


# ---------------------------------------------------------------- names


@lru_cache(maxsize=1024)  # the same few keys come back in every document
def _fold_key(key: str) -> str:
    return fold(key)


@lru_cache(maxsize=1024)
def _is_presenter_key(key: str) -> bool:
    """A label whose value names presenters: a known one ("Who", "Speakers") or two or
    three words ending in a presenter noun ("Course tutors", "Workshop facilitator").

    >>> _is_presenter_key("Course tutors"), _is_presenter_key("Course name")
    (True, False)
    """
    folded = _fold_key(key)
    if folded in cues().keys:
        return True
    words = folded.split()
    return (1 < len(words) <= 3 and words[-1] in cues().key_nouns
            and folded not in cues().excluded_keys)


class _Word(NamedTuple):
    """What the name rules ask of one word of a run (a capitalised word, an initial,
    a particle, a bracketed word), worked out once per distinct word."""

    title: bool
    """A title ("Dr", "Prof."), left off the name."""
    rank: bool
    """A rank or office ("Detective", "DI", "Judge", "Lord"), left off the front of a
    name, but a word of a name too ("Catherine Lord")."""
    initial: bool
    """One letter ("J", "J.")."""
    upper: bool
    """Starts with a capital."""
    full: bool
    """A whole word starting with a capital: no initial, particle or "(Word)"."""
    caps: bool
    """Written in CAPITALS (full stop aside)."""
    short: bool
    """Three letters or fewer (full stop aside): in capitals, an acronym."""
    org: bool
    """Names an institution or a building ("Institute", "Hall"): no person."""
    org_surname: bool
    """Names an institution ("Chambers") unless the name reads as a person's."""
    plain: bool
    """An ordinary word, no initial, that no name goes on through ("The", "Abstract")."""
    ends_sentence: bool
    """A full word with a full stop ("Industry.")."""
    starts_nothing: bool
    """No name starts here: a particle ("de"), or an ordinary word that is no title
    ("The", "Abstract"), since a name stops before such a word."""


@lru_cache(maxsize=4096)  # asked of every capitalised word, many times over
def _word(token: str) -> _Word:
    bare = token.rstrip(".")
    folded = bare.lower()
    initial = len(bare) == 1
    upper = token[0].isupper()
    title = folded in cues().titles
    rank = upper and folded in cues().ranks
    plain = folded in cues().not_name_words and not initial
    return _Word(title=title, rank=rank, initial=initial, upper=upper,
                 full=upper and not initial, caps=bare.isupper(), short=len(bare) <= 3,
                 org=folded in cues().org_words, plain=plain,
                 org_surname=folded in cues().org_surnames,
                 ends_sentence=_ends_sentence(token),
                 starts_nothing=token[0].islower() or (plain and not title and not rank))


def _is_title(token: str) -> bool:
    return _word(token).title


def _valid(words: int, full: int, caps: int, long_caps: bool, titled: bool,
           allow_single: bool) -> bool:
    """Whether a run of name words (titles removed, the last one a full word) can be a
    person's name: ``full`` of the ``words`` are full words, ``caps`` of those in
    CAPITALS (one of them more than three letters long if ``long_caps``)."""
    if not full:
        return False
    if caps and not long_caps:
        return False  # "CEE EES", "HCI", "TBC": acronyms
    if words == 1:
        return titled or allow_single
    # A mix of CAPITALS and Capitalised words is a heading or an acronym, not a name.
    return not caps or caps == full


def _suffix_at(text: str, pos: int, end: int) -> regex.Match[str] | None:
    """``SUFFIX.match(text, pos, end)``, tried only where one of its words may begin
    (after an optional comma and blanks): most names have no suffix."""
    at = pos + 1 if pos < end and text[pos] == "," else pos
    while at < end and text[at] in " \t":
        at += 1
    if at >= end or text[at] not in SUFFIX_FIRST:
        return None
    return SUFFIX.match(text, pos, end)


def name_at(text: str, pos: int, end: int, allow_single: bool = False) -> Name | None:
    """The name that starts at ``pos`` (after white space), without its title, or None.

    >>> name_at("Dr Amara Osei-Bonsu and Professor Glyn Heywood", 0, 46).text
    'Amara Osei-Bonsu'
    >>> name_at("the Early Help Practice Development Team", 0, 40) is None
    True
    """
    while pos < end and text[pos] in " \t":
        pos += 1
    return _name_at(text, pos, end, allow_single, _runs_at(text, pos, end))


def _runs_at(text: str, pos: int, end: int) -> regex.Pattern[str] | re.Pattern[str]:
    """RUN_ASCII where a run from ``pos`` can read ASCII text only, else RUN. A run reads
    no further than its line (no element of it takes a new line) or ``end``, and from the
    character before ``pos`` (its lookbehind); a line longer than NEAR is not checked."""
    stop = min(end, pos + NEAR)
    line_end = text.find("\n", pos, stop)
    if line_end == -1 and stop < end:
        return RUN
    return RUN_ASCII if text[max(0, pos - 1):stop if line_end == -1 else line_end].isascii() \
        else RUN


def _name_at(text: str, pos: int, end: int, allow_single: bool,
             runs: regex.Pattern[str] | re.Pattern[str]) -> Name | None:
    """``name_at`` with the runs found by RUN, or by RUN_ASCII in ASCII text."""
    run = runs.match(text, pos, end)
    if run is None or (not allow_single and _lone_word(text, run)):
        return None
    if _word(text[pos:run.start("rest")]).starts_nothing:
        return None  # the commonest case, known from the run's first word alone
    spans = _run_words(text, run)
    return _name_in_run(text, run.span(), spans, _words(text, spans), end, allow_single)


def _words(text: str, spans: list[tuple[int, int]]) -> list[_Word]:
    """What the name rules ask of the words at ``spans``."""
    return [_word(text[start:stop]) for start, stop in spans]


def _run_words(text: str, run: Run) -> list[tuple[int, int]]:
    """Where the words of a run are (particles too)."""
    if isinstance(run, re.Match):
        return _ascii_run(text, run.start(), run.start("rest"), run.end())[0]
    spans: list[tuple[int, int]] = run.spans("word")
    return spans


def _ascii_run(text: str, start: int, rest: int,
               end: int) -> tuple[list[tuple[int, int]], list[_Word]]:
    """Where TOKEN_ASCII finds the words of a RUN_ASCII run from ``start`` to ``end`` (its
    "rest" at ``rest``), and what ``_word`` says of them, mostly without a regex: a run of
    one word is that word, and the words of a run without a full stop are what single or
    double spaces part (RUN_ASCII's other separator follows an initial's full stop). The
    words are read from those parts, not cut from the text again.

    >>> text = "Prof. J.K. de Vries and Ada  Lovelace"
    >>> [text[s:e] for s, e in _ascii_run(text, 24, 27, 37)[0]]
    ['Ada', 'Lovelace']
    >>> [text[s:e] for s, e in _ascii_run(text, 0, 5, 19)[0]]
    ['Prof.', 'J.', 'K.', 'de', 'Vries']
    """
    if rest == end:
        return [(start, end)], [_word(text[start:end])]
    words = text[start:end]
    if "." in words:
        spans = [word.span() for word in TOKEN_ASCII.finditer(text, start, end)]
        return spans, _words(text, spans)
    parts = words.split(" ")
    if len(parts) == 2:  # the commonest run: two words, one space between
        return [(start, rest), (rest + 1, end)], [_word(parts[0]), _word(parts[1])]
    spans = []
    found = []
    for part in parts:
        if part:
            spans.append((start, start + len(part)))
            found.append(_word(part))
        start += len(part) + 1
    return spans, found


def _name_in_run(text: str, run: tuple[int, int], spans: list[tuple[int, int]],
                 run_words: list[_Word], end: int, allow_single: bool) -> Name | None:
    """``name_at`` for a run of capitalised words already matched at its start (``run``
    is where it starts and ends), whose words are at ``spans`` (``run_words``: what
    ``_word`` says of them, worked out once by the caller for all it asks)."""
    run_end = run[1]
    if text.startswith("\n", run_end) or text[run_end:run_end + 2] in BREAK_PAIRS:
        wrapped = _wrapped_words(text, run_end, run_words)  # only a run ending its line goes on
        if wrapped:
            spans = spans + wrapped
            run_words = run_words + _words(text, wrapped)
    lead = run_words[0]
    # Most runs start with no title: no need to count them.
    first, titled = (_leading_titles([text[start:stop] for start, stop in spans])
                     if lead.title or lead.rank else (0, False))
    # The name is the run's words from ``first`` up to ``kept`` (no list made of them).
    kept = first
    last_caps: bool | None = None  # whether the last full word so far is in CAPITALS
    full = caps = 0  # full words, and those in CAPITALS
    long_caps = False  # one of those longer than three letters
    for index in range(first, len(run_words)):
        word = run_words[index]
        if index > first and (word.title or run_words[index - 1].ends_sentence):
            break  # "... Industry. Mr. Hancock": a new name starts
        if word.org and index > first:
            return None  # "Internal Revenue Service", "Baker Hall": not a person
        if word.plain:
            break
        if word.full and last_caps is not None and last_caps != word.caps:
            break  # "Robert Stevens HCI": a name, then an acronym
        kept = index + 1
        if word.full:
            last_caps = word.caps
            full += 1
            if word.caps:
                caps += 1
                long_caps = long_caps or not word.short
    while kept > first and (run_words[kept - 1].initial or not run_words[kept - 1].upper):
        kept -= 1  # no full word: the counts stand
    if kept == first or not _valid(kept - first, full, caps, long_caps, titled, allow_single):
        return None
    start, stop = spans[first][0], spans[kept - 1][1]
    if not titled:
        for index in range(first + 1, kept):  # a loop, not any(): no generator for each name
            if run_words[index].org_surname:
                if text[start:spans[first][1]].lower() not in cues().given_names:
                    return None  # "Eastgate Chambers" is an organisation; "Sarah Chambers" a person
                break
    suffix = _suffix_at(text, stop, end)
    if suffix and text[stop:suffix.end()].strip(" ,\t").rstrip(".").lower() \
            != text[spans[kept - 1][0]:stop].lower():  # not the last word again
        stop = suffix.end()
    elif text[stop - 1] == "." and not _keeps_stop(text[start:stop]):
        stop -= 1
    return Name(" ".join(text[start:stop].split()), start, stop, titled, run[0])


def _leading_titles(tokens: list[str]) -> tuple[int, bool]:
    """How many of a run's first words are titles or ranks ("Detective Chief Inspector"),
    and whether they make the name a titled one: a rank in CAPITALS ("DI", "PC") is as
    often an acronym, so it alone does not.

    >>> _leading_titles(["DI", "Rob", "Haines"]), _leading_titles(["Dr", "Ann", "Lord"])
    ((1, False), (1, True))
    """
    first = 0
    titled = False
    while first < len(tokens):
        word = _word(tokens[first])
        if not (word.title or word.rank):
            break
        titled = titled or word.title or not word.caps
        first += 1
    return first, titled


def _lone_word(text: str, run: Run) -> bool:
    """A run of one word that does not go on to the next line: never a name without a
    title (a title alone names no one). Most capitalised words are these ("The",
    "Date:"); ruling them out here spares ``name_at`` the rest of its work."""
    return run.start("rest") == run.end() and not _goes_on(text, run.end())


def _goes_on(text: str, pos: int) -> bool:
    """Whether a line break (see ``_wrap_at``) is at ``pos``: first a test in C that
    rules one out after most words, then ``_wrap_at``."""
    return (text.startswith("\n", pos) or text[pos:pos + 2] in BREAK_PAIRS) \
        and _wrap_at(text, pos) is not None


def _wrap_at(text: str, pos: int) -> int | None:
    """Where the next line's text starts if a line break is at ``pos`` (blanks, a new
    line, blanks, then text), else None. Read in Python: a character or two settle it
    for most words, cheaper than a regex call. Bounded by NEAR (a 1 MB line stays linear)."""
    limit = min(len(text), pos + NEAR)
    at = pos
    while at < limit and text[at] in " \t":
        at += 1
    if at >= limit or text[at] != "\n":
        return None
    at += 1
    while at < limit and text[at] in " \t":
        at += 1
    if at >= limit or _is_space(text[at]):
        return None
    return at


def _is_space(char: str) -> bool:
    """What the regex module's \\s matches."""
    return char in ASCII_SPACES if char.isascii() else SPACE.match(char) is not None


def _wrapped_words(text: str, pos: int, words: list[_Word]) -> list[tuple[int, int]]:
    """The rest of a name broken across lines ("Dr. David" / "J. Fink") whose run of
    ``words`` ends at ``pos``, where the caller saw a line break may start.

    Only a name cut short (a title, or a first name alone) goes on to the next
    line: "Ralph D. Hill" above "Bellcore" is whole already.
    """
    # First what the words say (most runs are whole), then whether the line break is one.
    titled = False
    for word in words:  # a loop, not any(): no generator made for each run
        if word.title or word.rank:
            titled = True
            break
    if not titled and len(words) != 1:
        return []
    full = [w for w in words if not w.title and not w.rank and not w.initial]
    if not (titled and len(full) <= 1) and not (len(words) == 1 and len(full) == 1):
        return []
    next_line = _wrap_at(text, pos)
    if next_line is None:
        return []
    following = _runs_at(text, next_line, len(text)).match(text, next_line)
    return _run_words(text, following) if following else []


def _ends_sentence(token: str) -> bool:
    """A full word with a full stop ("Industry.") ends a sentence, not a name."""
    return token.endswith(".") and len(token) > 2 and not _keeps_stop(token)


def _keeps_stop(name: str) -> bool:
    last = name.split()[-1].rstrip(".")
    return last.lower() in ("jr", "sr")


def _ascii_runs(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """What ``RUN_ASCII.finditer(text, start, end)`` finds, less most of the runs of one
    word that ``_lone_word`` rules out. RUN_ASCII_NOT_LONE's lookahead reads no further
    than ``end``: only a stretch to the end of the text is scanned with it.

    Where RUN_ASCII goes on after a lone word's end, RUN_ASCII_NOT_LONE tries the positions
    after its start: a run it finds just after an apostrophe, hyphen or bracket may start
    inside a word RUN_ASCII took whole ("AB-Cd Ef"), and is checked against RUN_ASCII's
    runs from where the two scans last agreed (rarely asked: "(Carnegie Mellon)")."""
    if end != len(text):
        yield from RUN_ASCII.finditer(text, start, end)
        return
    agreed = start
    while True:
        for run in RUN_ASCII_NOT_LONE.finditer(text, agreed, end):
            at = run.start()
            if at > agreed and text[at - 1] in INSIDE_WORD_ASCII:
                covering = next(plain for plain in RUN_ASCII.finditer(text, agreed, end)
                                if plain.end() > at)  # RUN_ASCII matches at ``at`` if no sooner
                if covering.start() < at:
                    agreed = covering.end()  # inside a lone word of RUN_ASCII's: after it
                    break
            yield run
            agreed = run.end()
        else:
            return


def names_in(text: str, start: int, end: int) -> Iterator[Name]:
    """Every name in a stretch of text (each run of capitalised words tried from each word)."""
    done = start
    # The lookbehind of a run reads the character before its start.
    ascii = text[max(0, start - 1):end].isascii()
    runs = RUN_ASCII if ascii else RUN
    rest_group = runs.groupindex["rest"]
    for run in _ascii_runs(text, start, end) if ascii else RUN.finditer(text, start, end):
        rest, run_end = run.span(rest_group)  # the run's other words, which end it
        if rest == run_end and (not (text.startswith("\n", run_end)
                                     or text[run_end:run_end + 2] in BREAK_PAIRS)
                                or _wrap_at(text, run_end) is None):
            continue  # _lone_word (what name_at would say), asked of most runs: _goes_on inlined
        pos = run.start()
        if pos < done:
            continue  # the second line of a name broken across two
        if ascii:  # what _word says of the run's words is asked from each word on
            spans, run_words = _ascii_run(text, pos, rest, run_end)
        else:
            spans = _run_words(text, run)
            run_words = _words(text, spans)
        # From the run's start the match is the run itself: no need to make it again.
        found = None if run_words[0].starts_nothing else _name_in_run(
            text, (pos, run_end), spans, run_words, end, False)
        if found is not None and found.end >= run_end:
            yield found  # the commonest name: the whole run
            done = found.end
            continue
        word_end: int | None = spans[0][1]
        # The run's words before ``after`` start before ``pos``, which only grows: a cursor
        # finds the word at ``pos`` without a dict of the word starts for each run.
        after = 1
        while True:
            if found is not None:
                yield found
                pos = done = found.end
            else:
                pos = run_end if word_end is None else word_end
            while pos < run_end and text[pos] in " \t":
                pos += 1
            if pos >= run_end:
                break
            while after < len(spans) and spans[after][0] < pos:
                after += 1
            index = after if after < len(spans) and spans[after][0] == pos else None
            word: _Word | None
            if index is None:  # not at one of the run's words: after a name's last word
                token = TOKEN.match(text, pos, run_end)
                word_end = token.end() if token else None
                word = None if token is None else _word(token.group())
            else:
                word_end = spans[index][1]
                word = run_words[index]
            if word is not None and word.starts_nothing:
                found = None  # a word no name starts at ("de", "The") spares name_at its work
            elif index is not None and text[pos - 1] in " \t" and len(spans) < RUN_WORDS:
                found = _name_in_rest(text, spans[index:], run_words[index:], run_end, end)
            else:
                found = _name_at(text, pos, end, False, runs)


def _name_in_rest(text: str, spans: list[tuple[int, int]], run_words: list[_Word],
                  run_end: int, end: int) -> Name | None:
    """What ``_name_at`` finds at a word of a run after a blank, where the run's words
    from there (at ``spans``) are all it has left: RUN, matched again from there, would
    find just those words (the run stopped before its word limit), so neither the match
    nor its words need making again."""
    if len(spans) == 1 and not _goes_on(text, run_end):
        return None  # _lone_word
    return _name_in_run(text, (spans[0][0], run_end), spans, run_words, end, False)


def same_person(a: Name, b: Name) -> bool:
    """Whether two names can be the same person: the same surname, compatible forenames.

    >>> x = name_at("Amara Osei-Bonsu", 0, 16); y = name_at("Dr Osei-Bonsu", 0, 13)
    >>> same_person(x, y)
    True
    """
    wa, wb = a.words, b.words
    if not wa or not wb or _surname(wa) != _surname(wb):
        return False
    fa, fb = wa[:-1], wb[:-1]
    return not fa or not fb or fa[0] == fb[0]


def _surname(words: list[str]) -> str:
    if len(words) > 1 and words[-1] in ("jr", "sr", "iii", "ii", "iv", "3rd"):
        return words[-2]
    return words[-1]


# ---------------------------------------------------------------- lists of people


def _group_lead(text: str, pos: int, end: int) -> int | None:
    """Past "the Trust Safeguarding Team:" to the names after it; None if no names follow.

    A cue followed by an organisation ("Hosted by the Early Help Team.") names no one.
    """
    while pos < end and text[pos] in " \t\n":
        pos += 1
    word = LEAD_WORD.match(text, pos, end)
    if word is None or word.group().lower() not in cues().group_words:
        return pos
    colon = text.find(":", pos, end)
    return colon + 1 if colon != -1 else None


def people_at(text: str, pos: int, end: int, rule: str, score: float,
              allow_single: bool = False, skip_words: bool = False) -> list[Mention]:
    """The people listed from ``pos``: names with the roles written after them.

    ``skip_words`` lets a few lower-case words come first ("architect Jo Bloggs"), or a
    role with a comma ("our Principal Social Worker, Jo Bloggs").

    >>> s = "Hannah Kowalczyk, Principal Social Worker (Adults), and Marcus Oyelaran, Manager."
    >>> [(m.name.text, m.role) for m in people_at(s, 0, len(s), "x", 1.0)]
    [('Hannah Kowalczyk', 'Principal Social Worker (Adults)'), ('Marcus Oyelaran', 'Manager')]
    """
    found: list[Mention] = []
    start = _group_lead(text, pos, end)
    name = None if start is None else name_at(text, start, end, allow_single)
    if name is None and skip_words and start is not None:
        lead = LOWER_WORDS.match(text, start, end)
        name = name_at(text, lead.end(), end, allow_single) if lead else None
    if name is None and skip_words:
        name = _after_role(text, pos, end, allow_single)
    while name is not None and len(found) < LIST_LIMIT:
        name = _past_job_title(text, name, end, allow_single)
        stop, following = _next_person(text, name.end, end, allow_single)
        found.append(Mention(name, rule, score, role=_short_role(text[name.end:stop])))
        name = following
    if len(found) > 1 and _ends_in_organisation(text, found[-2], found[-1]):
        last = found.pop()
        found[-1] = replace(found[-1], role=_short_role(text[found[-1].name.end:last.name.end]))
    return [m for m in found if not _reads_as_organisation(text, m.name)]


def _past_job_title(text: str, name: Name, end: int, allow_single: bool) -> Name:
    """The person after a capitalised job title that ends in a role noun: "Young Carers"
    in "our Young Carers Lead Ruth Adebayo" is the title's start, Ruth Adebayo the person."""
    role = ROLE_NOUN_AFTER.match(text, name.end, end)
    if role is None or role.group(1).lower() not in cues().role_nouns:
        return name
    return name_at(text, role.end(), end, allow_single) or name


def _after_job_title(text: str, name: Name) -> bool:
    """Whether a name follows a capitalised job title ending in a role noun ("our Young
    Carers Lead Ruth Adebayo")."""
    role = ROLE_NOUN_BEFORE.search(text, max(0, name.title_start - 30), name.title_start)
    return role is not None and role.group(1).lower() in cues().role_nouns


def _reads_as_organisation(text: str, name: Name) -> bool:
    """Capitalised words that name an organisation, not a person ("Delivered by Safe
    Lives."): no title, no known given name, and every word written in lower case
    elsewhere in the text ("keeping families safe"), or the words read as ordinary ones
    ("Lives") and one of them is."""
    words = name.text.split()
    if name.titled or len(words) < 2 or words[0].lower() in cues().given_names:
        return False
    in_lower_case = _lower_words(text)
    lower = [w.lower() in in_lower_case for w in words if len(w) > 2 and w.isalpha()]
    return bool(lower) and (all(lower) or (_reads_as_words(name) and any(lower)))


@lru_cache(maxsize=2)  # one document's at a time; read once, whatever its size
def _lower_words(text: str) -> frozenset[str]:
    """The words written in lower case, as words, in the text (not in an e-mail address
    or a web address)."""
    return frozenset(LOWER_WORD.findall(text))


def _ends_in_organisation(text: str, before: Mention, last: Mention) -> bool:
    """Whether the last item of a list is the organisation of the person before it:
    "Jo Bloggs, barrister, Eastgate Chambers" (a role after a comma, then a comma, then
    words with nothing after them that read as no one's name: no title, no known given
    name); an 'and' before the last item makes it a person."""
    name = last.name
    between = text[before.name.end:name.title_start].rstrip()
    if before.role is None or last.role is not None or not between.startswith(",") \
            or not between.endswith(","):
        return False
    return not name.titled and name.text.split()[0].lower() not in cues().given_names


def _after_role(text: str, pos: int, end: int, allow_single: bool) -> Name | None:
    """The name after a role and a comma ("led by our Principal Social Worker, Jo
    Bloggs, ..."): only words before the comma, and the name a whole list item."""
    while pos < end and text[pos] in " \t\n":
        pos += 1
    comma = text.find(",", pos, min(end, pos + APPOSITIVE_LIMIT))
    if comma == -1 or ROLE_WORDS.fullmatch(text, pos, comma) is None:
        return None
    name = name_at(text, comma + 1, end, allow_single)
    return name if name is not None and _ends_item(text, name.end, end) else None


def _next_person(text: str, pos: int, end: int, allow_single: bool) -> tuple[int, Name | None]:
    """Where the role after a name ends, and the next person's name if the list goes on."""
    depth = 0
    last = pos
    breaks = PERSON_BREAK_ASCII if text[pos:end].isascii() else PERSON_BREAK
    for brk in breaks.finditer(text, pos, end):
        depth += text.count("(", last, brk.start()) - text.count(")", last, brk.start())
        last = brk.start()
        if depth > 0 or _with_in_phrase(text, brk):
            continue
        following = name_at(text, brk.end(), end, allow_single and ";" not in brk.group())
        if following is not None and _ends_item(text, following.end, end) \
                and not _in_role(text, pos, brk, following) \
                and not _in_organisation(text, brk, following, end):
            return brk.start(), following
    return end, None


def _with_in_phrase(text: str, brk: regex.Match[str] | re.Match[str]) -> bool:
    """A 'with' that goes on a phrase ("joint work with", "who works with") rather than
    adding a person to the list: a lower-case word comes straight before it."""
    return (brk.group().rstrip()[-4:] == "with" and not brk.group().startswith(",")
            and text[brk.start() - 1:brk.start()].islower())


def _in_role(text: str, pos: int, brk: regex.Match[str] | re.Match[str], following: Name) -> bool:
    """Whether capitalised words after 'and' go on a job title rather than name someone:
    "Gwen Thackeray, Head of Safeguarding and Quality Assurance" (a role was begun
    after the name, and the words read as ordinary ones, with no title before them)."""
    plain_and = brk.group().strip() in ("and", "&")
    role_begun = text[pos:brk.start()].lstrip(" \t").startswith(",")
    return plain_and and role_begun and not following.titled and _reads_as_words(following)


def _in_organisation(text: str, brk: regex.Match[str] | re.Match[str], following: Name,
                     end: int) -> bool:
    """Whether capitalised words after 'and' go on an organisation's name rather than name
    someone: "Tyne and Wear Fire and Rescue Service", "Leeds and York Partnership Trust"
    (capitalised words and joining words up to the item's end, the last an organisation's
    word). A title before them makes them a person."""
    if following.titled or brk.group().strip(" \t\n,") not in ("and", "&"):
        return False
    stop = min(end, following.start + NEAR)
    item_end = ITEM_END.search(text, following.start, stop)
    words = text[following.start:item_end.start() if item_end else stop].split()
    return (len(words) > 1 and words[-1].rstrip(".").lower() in cues().org_words
            and all(w[0].isupper() or w in ORG_JOINS for w in words))


def _ends_item(text: str, pos: int, end: int) -> bool:
    """Whether a name is a whole list item (followed by a role, the next name, where the
    person is from ("... and Sean McAllister from the training pool") or the end)."""
    rest = text[pos:min(end, pos + 12)].lstrip(" \t")
    return (not rest or rest[0] in ",;()–—-.:\n" or AND.match(rest) is not None
            or AFFILIATION_LEAD.match(rest) is not None)


def _short_role(written: str) -> str | None:
    """A role as written after a name, without the punctuation around it."""
    role = written.strip(ROLE_TRIM)
    if role.count("(") > role.count(")"):
        role += ")"
    if not role or len(role) > 200:
        return None
    return " ".join(role.split())


def _segment_end(text: str, pos: int) -> int:
    """The end of the sentence (or paragraph) that starts at ``pos``, within a limit."""
    limit = min(len(text), pos + SEGMENT_LIMIT)
    found = next(_sentence_ends(text, pos, limit), None)
    return limit if found is None else found.start()


def _sentence_ends(text: str, start: int, end: int,
                   backwards: bool = False) -> Iterator[regex.Match[str] | re.Match[str]]:
    """The ends of sentences (or paragraphs) within ``[start, end)``, an abbreviation's
    full stop ("Dept.", "Dr.") left out; the last first if ``backwards`` (a clause's
    start needs only the last: the others are not asked whether they end a word like "Dr.")."""
    ends = SENTENCE_END_ASCII if text[start:end].isascii() else SENTENCE_END
    candidates: Iterable[regex.Match[str] | re.Match[str]] = ends.finditer(text, start, end)
    for found in reversed(list(candidates)) if backwards else candidates:
        if not (found.group() in ".!?" and _is_abbreviation(text, found.start())):
            yield found


def _is_abbreviation(text: str, dot: int) -> bool:
    lead = text[max(0, dot - 12):dot]
    word = LAST_WORD_ASCII.search(lead) if lead.isascii() else LAST_WORD.search(lead)
    return word is not None and (len(word.group()) <= 2 or _is_title(word.group())
                                 or word.group().lower() in ("dept", "univ", "inc", "corp"))


# ---------------------------------------------------------------- the document


@dataclass
class Scan:
    """What the rules found in one document."""

    ctx: Context
    mentions: list[Mention]
    section_starts: list[int]
    section_kinds: list[str]
    block_folds: dict[int, str] = field(default_factory=dict)
    found_names: list[Name] = field(default_factory=list)
    """The names read so far, in order of their starts (title included)."""
    found_starts: list[int] = field(default_factory=list)
    name_finder: Iterator[Name] | None = None
    """Where the names of the text come from, read only as far as the rules ask
    (``names_in`` gives them in order); None once all are read."""
    ascii: bool = False
    """Whether the text is ASCII, where the ``re`` twins of patterns serve."""

    @classmethod
    def of(cls, ctx: Context) -> Scan:
        starts: list[int] = []
        kinds: list[str] = []
        # Each section's start worked out once (a property that reads its blocks).
        for start, _, section in sorted((s.start, n, s) for n, s in enumerate(ctx.sections)):
            starts.append(start)
            kinds.append(section.kind)
            contact_end = _contact_end(section)
            if contact_end is not None:
                starts.append(contact_end)
                kinds.append("other")
        text = ctx.doc.text
        return cls(ctx, [], starts, kinds, name_finder=names_in(text, 0, len(text)),
                   ascii=text.isascii())

    def kind_at(self, offset: int) -> str:
        index = bisect.bisect_right(self.section_starts, offset) - 1
        return self.section_kinds[index] if index >= 0 else "preamble"

    def add(self, mentions: Iterable[Mention]) -> None:
        for mention in mentions:
            if self.kind_at(mention.name.start) not in EXCLUDED_SECTIONS:
                self.mentions.append(mention)

    def is_excluded(self, name: Name) -> bool:
        return any(same_person(name, other) for other in self.excluded)

    @cached_property
    def excluded(self) -> list[Name]:
        """Hosts, contacts, senders; found only when a rule asks (a document whose
        speaker a key line gives, with no 'will speak', never needs every name)."""
        return _excluded_people(self)

    @property
    def names(self) -> list[Name]:
        """Every name in the text, found once and shared by the rules."""
        self._read_names(None)
        return self.found_names

    def _read_names(self, end: int | None) -> None:
        """Reads names on until one starts at ``end`` or later (None: all of them). A
        document whose rules stop early (a key line gives the speaker; the last 'will
        speak' is halfway down) never looks for the names further on."""
        while self.name_finder is not None and (
                end is None or not self.found_starts or self.found_starts[-1] < end):
            name = next(self.name_finder, None)
            if name is None:
                self.name_finder = None
            else:
                self.found_names.append(name)
                self.found_starts.append(name.title_start)

    def folded_block(self, index: int) -> str:
        """A block's text folded (and without a trailing comma), made once."""
        if index not in self.block_folds:
            self.block_folds[index] = fold(self.ctx.doc.blocks[index].text).rstrip(",")
        return self.block_folds[index]

    def names_between(self, start: int, end: int) -> list[Name]:
        """The names that start (title included) within ``[start, end)``; a name
        broken across two lines may end past ``end``."""
        self._read_names(end)
        first = bisect.bisect_left(self.found_starts, start)
        last = bisect.bisect_left(self.found_starts, end, lo=first)
        return self.found_names[first:last]


def _contact_end(section: Section) -> int | None:
    """Where the contact's own lines (name, role, e-mail, phone) end under a bare
    "Contact:" label, whose section would otherwise run on to the next heading over
    the rest of a page without headings; None for any other section, or one whose
    lines all read as the contact's."""
    head = section.heading
    if section.kind not in EXCLUDED_SECTIONS or head is None or head.level > 0:
        return None
    if head.kind == "key_value" and head.value.strip(" \t:"):
        return None  # "Contact: Jo Bloggs": a line of its own, no section
    if _fold_key(head.key or head.text) not in cues().excluded_keys:
        return None
    for count, block in enumerate(section.blocks):
        if count == CONTACT_LINES or len(block.text) > CONTACT_LINE_CHARS \
                or len(block.text.split()) > CONTACT_LINE_WORDS:
            return block.start
    return None


def extract(ctx: Context) -> list[Candidate[Presenter]]:
    """Presenters in order of first mention, each once, with role and bio where given."""
    scan = Scan.of(ctx)
    _key_lines(scan, _table_columns(scan))
    _header_fields(scan)
    _presenter_sections(scan)
    _trailing_keys(scan)
    _before_cues(scan)
    _after_cues(scan)
    _programme_rows(scan)
    _first_person(scan)
    # A host or contact may well "introduce" or "talk" too: only an explicit cue overrides.
    strong = [m for m in scan.mentions if m.score >= STRONG
              and (m.rule != "cue-will" or not scan.is_excluded(m.name))]
    if strong:
        return _candidates(ctx, _merge(ctx.doc.text, strong, scan.mentions))
    guess = _best_guess(scan)
    if guess:
        return _candidates(ctx, _merge(ctx.doc.text, [guess], [guess]))
    hosts = _hosts(scan)
    return _candidates(ctx, _merge(ctx.doc.text, hosts, hosts))


def _hosts(scan: Scan) -> list[Mention]:
    """ "Hosted by Bernadette Kowalczyk, Practice Learning Lead.": with no presenter named
    or guessed otherwise, the person hosting a session runs it. Only the phrase counts: a
    "Host:" line is a seminar's inviting professor, and "Hosted by the Early Help Team"
    names no one."""
    text = scan.ctx.doc.text
    found: list[Mention] = []
    covered = 0
    for cue in _cue_matches(cues().host_before, cues().host_before_ascii, text,
                            cues().host_piece):
        if cue.start() < covered or scan.kind_at(cue.start()) in EXCLUDED_SECTIONS - {"host"}:
            continue  # inside the list the last cue read; another event's host, a contact
        people = people_at(text, cue.end(), _segment_end(text, cue.end()), "hosted-by", 0.6)
        covered = people[-1].name.end if people else covered
        found.extend(people)
    return found


def _candidates(ctx: Context, people: list[list[Mention]]) -> list[Candidate[Presenter]]:
    out: list[Candidate[Presenter]] = []
    for mentions in people:
        best = max(mentions, key=lambda m: (len(m.name.words), len(m.name.text), m.score))
        role = next((m.role for m in mentions if m.role), None)
        bio = next((m.bio for m in mentions if m.bio), None)
        spans = tuple(dict.fromkeys((m.name.start, m.name.end) for m in mentions))
        rule = max(mentions, key=lambda m: m.score).rule
        score = max(m.score for m in mentions)
        value = Presenter(name=best.name.text, role=role, bio=bio)
        out.append(Candidate(value, spans, rule, score, GROUP))
    return out


def _merge(text: str, chosen: list[Mention], every: list[Mention]) -> list[list[Mention]]:
    """The chosen mentions grouped by person, people in order of first mention.

    Other mentions of the same person (a bio paragraph, a weaker cue) join them,
    so a role or bio given elsewhere is kept. A person keeps at most
    ``MENTIONS_KEPT`` mentions, so a name repeated through a huge text stays cheap.
    """
    people: list[list[Mention]] = []
    taken: set[int] = set()
    for mention in sorted(chosen, key=lambda m: m.name.start):
        _join(people, mention)
        taken.add(id(mention))
    for mention in every:
        if id(mention) not in taken:
            _join(people, mention, may_start=False)
    if 1 < len(people) <= LIST_LIMIT:
        people.sort(key=lambda person: _first_seen(text, person))
    return people


def _first_seen(text: str, person: list[Mention]) -> int:
    """Where the text first names a person: a name that different rules read (a
    programme row the rules passed over, a bio further down) may be written in full
    earlier than any mention the rules kept."""
    first = min(m.name.start for m in person)
    for written in {m.name.text for m in person if " " in m.name.text}:
        at = text.find(written, 0, first)
        while at != -1 and not _whole_words(text, at, at + len(written)):
            at = text.find(written, at + 1, first)
        if at != -1:
            first = at
    return first


def _whole_words(text: str, start: int, end: int) -> bool:
    before = text[start - 1:start]
    after = text[end:end + 1]
    return not (before.isalnum() or after.isalnum())


def _join(people: list[list[Mention]], mention: Mention, may_start: bool = True) -> None:
    for person in people:
        if any(mention.name.text == m.name.text or same_person(mention.name, m.name)
               for m in person):
            if len(person) < MENTIONS_KEPT:
                person.append(mention)
            return
    if may_start:
        people.append([mention])


# ---------------------------------------------------------------- strong rules


def _excluded_people(scan: Scan) -> list[Name]:
    """Hosts, contacts, senders: from their key lines and the phrases before their names."""
    text = scan.ctx.doc.text
    excluded: list[Name] = []
    for block in scan.ctx.doc.blocks:
        key = _fold_key(block.key) if block.kind == "key_value" and block.key else None
        if key in cues().excluded_keys and key not in cues().ignored_keys:
            value_start = block.value_start or block.start
            excluded.extend(names_in(text, value_start, block.end))
    twin = cues().excluded_before_ascii
    leading = None if twin is None else _leading_form(twin)  # after a blank: see _cue_matches
    for name in scan.names:
        lead = text[max(0, name.title_start - 40):name.title_start]
        if (leading.search(" " + lead.lower()) if leading is not None and lead.isascii()
                else cues().excluded_before.search(lead)):
            excluded.append(name)
    return excluded


def _key_lines(scan: Scan, table_heads: set[int]) -> None:
    """``Who:`` / ``Speaker:`` / ``Facilitators:`` lines: every person in the value;
    not a table's header row ("Name | Role", at ``table_heads``), whose cells are labels."""
    text = scan.ctx.doc.text
    blocks = scan.ctx.doc.blocks
    for index, block in enumerate(blocks):
        if block.kind != "key_value" or not block.key or not _is_presenter_key(block.key):
            continue
        if block.start in table_heads:
            continue
        start = block.value_start or block.start
        end = block.end
        if LIST_GOES_ON.search(text, max(start, end - 5), end) and index + 1 < len(blocks) \
                and blocks[index + 1].kind != "key_value" \
                and "\n\n" not in text[end:blocks[index + 1].start]:
            end = blocks[index + 1].end  # "Facilitators: Dr X (Univ) and" / "Sgt Y (Police)"
        found = people_at(text, start, end, "key-line", 0.95, allow_single=True)
        if found and _opens_phrase(text, found[0].name, end):
            found = []
        if not found:
            found = _first_name_in(text, start, end, "key-line", 0.9)
        scan.add(found)


def _table_columns(scan: Scan) -> set[int]:
    """The people in a table's column of names: the first column whose header is a
    presenter label ("| Name | Role |", "| Time | Session | Speaker |"), or, in a
    presenters section, a first column of names with no header. The rows must name
    someone in that column: "| Speaker | Jo Bloggs |" over "| Date | 3 May |" is a table
    of labels and values, which the key lines read. Gives where the header rows start."""
    text = scan.ctx.doc.text
    blocks = scan.ctx.doc.blocks
    heads: set[int] = set()
    if TABLE_CELL not in text:
        return heads  # most documents: one scan in C, not a call per block
    index = 0
    while index < len(blocks):
        if not _is_table_row(blocks[index]):
            index += 1
            continue
        rows = index + 1
        while rows < len(blocks) and _is_table_row(blocks[rows]):
            rows += 1
        head = blocks[index]
        column = next((n for n, (s, e) in enumerate(_cells(head))
                       if _is_presenter_key(text[s:e])), None)
        first = index + 1
        if column is None and scan.kind_at(head.start) == "presenters":
            column, first = 0, index  # a table of people without a header row
        found = [] if column is None else _column_people(text, blocks[first:rows], column)
        if found:
            heads.add(head.start)
            scan.add(found)
        index = rows
    return heads


def _is_table_row(block: Block) -> bool:
    """A table's row, which readers set out as "first cell | cell | cell" (a key line
    when its first cell is a data cell, a paragraph when all are header cells)."""
    return TABLE_CELL in block.text


def _cells(block: Block) -> list[tuple[int, int]]:
    """Where the cells of a table row are in the text."""
    spans = []
    start = 0
    while True:
        end = block.text.find(TABLE_CELL, start)
        stop = len(block.text) if end == -1 else end
        spans.append((block.start + start, block.start + stop))
        if end == -1:
            return spans
        start = end + len(TABLE_CELL)


def _column_people(text: str, rows: list[Block], column: int) -> list[Mention]:
    """The people named in one column of a table's rows; none unless its first row
    names someone there."""
    found: list[Mention] = []
    for number, row in enumerate(rows):
        cells = _cells(row)
        if column >= len(cells):
            continue
        people = people_at(text, cells[column][0], cells[column][1], "table", 0.9)
        if not people and number == 0:
            return []
        if len(people) == 1 and people[0].role is None and column + 1 < len(cells):
            role = _short_role(text[cells[column + 1][0]:cells[column + 1][1]])
            people[0] = replace(people[0], role=role)  # "| Jo Bloggs | Trainer |"
        found.extend(people)
    return found


def _opens_phrase(text: str, name: Name, end: int) -> bool:
    """A lone capitalised word going on in lower case opens a phrase, not a list of names:
    "Panel: Living with risk - who decides?" is the panel's topic."""
    if name.titled or " " in name.text:
        return False
    rest = text[name.end:min(end, name.end + 12)].lstrip(" \t")
    return rest[:1].islower()


def _header_fields(scan: Scan) -> None:
    """A ``Who:`` the reader took into ``doc.headers`` without a block of its own."""
    if any(m.rule == "key-line" for m in scan.mentions):
        return
    text = scan.ctx.doc.text
    for key, value in scan.ctx.doc.headers.items():
        if not _is_presenter_key(key) or not value.strip():
            continue
        start = text.find(value.strip())
        if start != -1:
            end = start + len(value.strip())
            scan.add(people_at(text, start, end, "header", 0.95, allow_single=True))


def _first_name_in(text: str, start: int, end: int, rule: str, score: float) -> list[Mention]:
    """The first name in a value that is no list ("Who: Maxion (maxion@cs)")."""
    for name in names_in(text, start, end):
        return [Mention(name, rule, score)]
    return []


def _presenter_sections(scan: Scan) -> None:
    """Blocks of an "About the facilitator" / "Speakers" section that open with a name."""
    text = scan.ctx.doc.text
    for section in scan.ctx.sections_of("presenters"):
        current: Mention | None = None
        found: list[Mention] = []
        for block in section.blocks:
            if block.kind == "key_value":
                continue
            people = people_at(text, block.start, block.end, "section", 0.9)
            starts_bio = bool(people) and _is_bio(text, people[0].name.end, block.end)
            if people and (starts_bio or _is_name_line(text, people, block.end)):
                if starts_bio:
                    people[0] = replace(people[0], role=None, bio=block.text)
                found.extend(people)
                current = people[-1]
            elif current is not None and text[block.start] in "–—-,(":
                found[-1] = replace(current, role=_short_role(block.text))
                current = found[-1]
            elif current is not None and current.bio is not None:
                found[-1] = replace(current, bio=f"{current.bio} {block.text}")
                current = found[-1]
            else:
                _bio_by_forename(found, text, block.start, block.end, block.text)
        scan.add(found)


def _trailing_keys(scan: Scan) -> None:
    """The name lines after a paragraph that ends on a presenter key ("... Speakers:"),
    read as the lines under a "Speakers:" line of their own would be."""
    text = scan.ctx.doc.text
    blocks = scan.ctx.doc.blocks
    for index, block in enumerate(blocks):
        tail = block.text[-TRAILING_KEY_CHARS:]
        if block.kind == "key_value" or ":" not in tail:
            continue  # most blocks: no colon, no key
        key = TRAILING_KEY.search(tail)
        if key is None or not _is_presenter_key(key.group(1)):
            continue
        found: list[Mention] = []
        for line in blocks[index + 1:]:
            if line.kind == "key_value" or line.level:
                break  # a key or a marked-up heading opens the page's next part
            people = people_at(text, line.start, line.end, "section", 0.9)
            if not people or not _is_name_line(text, people, line.end):
                break
            found.extend(people)
        scan.add(found)


def _is_bio(text: str, pos: int, end: int) -> bool:
    """Whether a name is the subject of a biography sentence ("X is a midwife ...")."""
    rest = text[pos:min(end, pos + 20)].lstrip(" \t,")
    return BIO_VERB.match(rest) is not None


def _is_name_line(text: str, people: list[Mention], end: int) -> bool:
    """A block of names: several people, or a name and at most a role after a dash,
    comma or bracket."""
    if len(people) > 1:
        return True
    after = text[people[-1].name.end:end].lstrip(" \t")
    return not after or after[0] in "–—-,(:|" or (people[-1].role is not None and len(after) < 120)


def _bio_by_forename(found: list[Mention], text: str, start: int, end: int,
                     block_text: str) -> None:
    """ "Martin is professor of ..." under "Professor Martin Helliwell": his bio."""
    word = FORENAME.match(text, start, end)
    if word is None or not _is_bio(text, word.end(), end):
        return
    for index, mention in enumerate(found):
        if mention.name.words and mention.name.words[0] == word.group().lower():
            found[index] = replace(mention, bio=block_text)


def _before_cues(scan: Scan) -> None:
    """ "Presented by A and B", "The speaker is X", "led by X (role), with guest speaker Y"."""
    text = scan.ctx.doc.text
    covered = 0
    found = _cue_matches(cues().before, cues().before_ascii, text)
    if "oined" in text:  # rare: one more scan only where it may find something
        found = iter(sorted([*found, *_cue_matches(JOINED, JOINED_ASCII, text)],
                            key=lambda cue: cue.start()))
    for cue in found:
        if cue.start() < covered:
            continue  # inside the list the last cue read
        end = _segment_end(text, cue.end())
        row = PROGRAMME_TIME.search(text, cue.end(), end)
        end = row.start() if row else end  # a programme's next row is no role of the last name
        people = people_at(text, cue.end(), end, "cue-before", 0.85, skip_words=True)
        covered = people[-1].name.end if people else covered
        scan.add(people)


def _after_cues(scan: Scan) -> None:
    """ "Dr X will speak on ...", "X, Dept. of ECE, will present ...": the subject of 'will'.

    In a clause about the event itself ("In this webinar X and Y will set out ...")
    whoever 'will' do something is presenting it, whatever the verb.
    """
    text = scan.ctx.doc.text
    # The verb after 'will' and the event's clause, looked for in the lower-cased text by
    # ASCII twins where the text is ASCII (a regex module call costs several times more).
    lowered = text.lower() if text.isascii() else None
    verbs, verbs_text = _case_blind(cues().verbs, cues().verbs_ascii, text, lowered)
    for will in _wills(text):
        speaking = verbs.match(verbs_text, will.end()) is not None
        clause_start = _clause_start(text, will.start())
        if not speaking and not _in_event_clause(text, lowered, clause_start, will.start()):
            continue
        for name in scan.names_between(clause_start, will.start()):
            if PREPOSITION.search(text, max(clause_start, name.title_start - 12), name.title_start):
                continue
            if not _may_be_subject(text, clause_start, name):
                continue
            people = people_at(text, name.title_start, will.start(), "cue-will", 0.8)
            if people and _reaches(text, people[-1], will.start()):
                scan.add(people)
                break


def _first_person(scan: Scan) -> None:
    """ "I'll be presenting with Tom Ellery", "I will be delivering it alongside Dr X": the
    writer presents, and so do the people the sentence names after 'with' or 'alongside'.
    The writer is the name under the first closing ("Many thanks,") after the sentence,
    else the name on the last From: line above it."""
    text = scan.ctx.doc.text
    cue = next((found for lead in FIRST_PERSON.finditer(text)
                if (found := cues().first_person.match(text, lead.start())) is not None), None)
    if cue is None:
        return
    writer = _writer(scan, cue.start())
    if writer is not None:
        # Added whatever section holds it: a signature is in the message's sign-off.
        scan.mentions.append(Mention(writer, "first-person", 0.85))
    end = _segment_end(text, cue.end())
    partner = CO_PRESENTER.search(text, cue.end(), end)
    if partner is not None:
        scan.add(people_at(text, partner.end(), end, "first-person", 0.85))


def _writer(scan: Scan, pos: int) -> Name | None:
    """Who wrote the message around ``pos``: the full name signing it off, else the
    person on the last From: line above, unless the sign-off gives another forename
    (a colleague's message sent from someone else's account)."""
    signed, forename = _signer(scan, pos)
    if signed is not None:
        return signed
    sender = _sender(scan, pos)
    if sender is None or (forename and sender.words[:1] != [forename.lower()]):
        return None
    return sender


def _signer(scan: Scan, pos: int) -> tuple[Name | None, str | None]:
    """The name that signs a message off, on a line of its own, one of the few lines
    under the first closing line ("Kind regards,") after ``pos``; and the forename that
    signs it if a line holds just that ("Ruth")."""
    text = scan.ctx.doc.text
    blocks = scan.ctx.doc.blocks
    forename = None
    for index in range(len(blocks)):
        if blocks[index].start < pos or scan.folded_block(index) not in cues().closings:
            continue
        for block in blocks[index + 1:index + 1 + SIGNATURE_LINES]:
            name = name_at(text, block.start, block.end)
            if name is not None and _line_rest_short(text, name.end, block.end):
                return name, forename
            if forename is None and FORENAME.fullmatch(block.text.strip()):
                forename = block.text.strip()
        break
    return None, forename


def _sender(scan: Scan, pos: int) -> Name | None:
    """The person on the last From: line above ``pos`` ("From: Ruth Adeyemi <ruth@...>")."""
    text = scan.ctx.doc.text
    sender = None
    for block in scan.ctx.doc.blocks:
        if block.start >= pos:
            break
        if block.kind == "key_value" and block.key and _fold_key(block.key) == "from":
            sender = name_at(text, block.value_start or block.start, block.end)
    return sender


def _programme_rows(scan: Scan) -> None:
    """A programme's rows that end in a speaker: "09:45 Keynote: "Title" – Prof Jo Bloggs,
    University of X", and the rows between its timed lines ("A. Workshop title – Jo
    Bloggs, Advocacy Manager"). The name must follow the row's last spaced dash, after a
    talk's title, and be followed by a role or organisation."""
    text = scan.ctx.doc.text
    times = _line_times(text)
    if len(times) < PROGRAMME_ROWS:
        return
    end = text.find("\n", times[-1])
    end = len(text) if end == -1 else end
    line_start = times[0]
    while line_start < end:
        line_end = text.find("\n", line_start, end)
        line_end = end if line_end == -1 else line_end
        scan.add(_row_speakers(text, line_start, line_end))
        line_start = line_end + 1


def _line_times(text: str) -> list[int]:
    """Where PROGRAMME_TIME's matches start (lines that open on a time), found with
    PROGRAMME_TIME_AFTER_BREAK past the first line."""
    times = [0] if PROGRAMME_TIME.match(text) else []
    times += [m.start() + 1 for m in PROGRAMME_TIME_AFTER_BREAK.finditer(text)]
    return times


def _row_speakers(text: str, start: int, end: int) -> list[Mention]:
    """The people after the last spaced dash of one programme row, with their roles;
    none on a row of welcome or introductions, which a host gives."""
    dash = max(text.rfind(d, start, end) for d in ROW_DASH)
    if dash == -1:
        return []
    time = PROGRAMME_TIME.match(text, start, dash)
    lead = LEAD_WORD.search(text, time.end() if time else start, dash)
    if lead is None or _fold_key(lead.group()) in cues().excluded_keys:
        return []
    people = people_at(text, dash + len(ROW_DASH[0]), end, "programme-row", 0.85)
    if not people or not _role_follows(text, people[-1].name, end):
        return []
    return [m for m in people if not _reads_as_words(m.name)]


def _role_follows(text: str, name: Name, end: int) -> bool:
    """Whether a role or organisation follows a name straight after a comma, or after a
    bracket when the name reads as a person's (a title, a known given name): "Jo Bloggs,
    NSPCC", "Dr Jo Bloggs (NSPCC)"; not "Trauma Informed Practice (Room 2)"."""
    rest = text[name.end:min(end, name.end + NEAR)].lstrip(" \t")
    if len(rest) < 2 or not any(c.isalpha() for c in rest):
        return False
    return rest[0] == "," or (rest[0] == "(" and (name.titled or _has_given_name(name)))


def _wills(text: str) -> Iterator[regex.Match[str] | re.Match[str]]:
    """What ``WILL.finditer(text)`` finds, tried only where one of its words is: ``str.find``
    is many times faster than a regex's scan of every position."""
    starts: set[int] = set()
    for word in WILL_WORDS:
        at = text.find(word)
        while at != -1:
            starts.add(at)
            at = text.find(word, at + 1)
    will = WILL_ASCII if text.isascii() else WILL
    last = 0
    for at in sorted(starts):
        if at >= last and (found := will.match(text, at)) is not None:
            last = found.end()
            yield found


def _case_blind(pattern: regex.Pattern[str], twin: re.Pattern[str] | None, text: str,
                lowered: str | None) -> tuple[regex.Pattern[str] | re.Pattern[str], str]:
    """What to match a case-blind cue in, and with: its ASCII twin in ``lowered`` (the
    text lower-cased, if it is ASCII) where both are at hand, else the cue in ``text``."""
    return (twin, lowered) if twin is not None and lowered is not None else (pattern, text)


def _in_event_clause(text: str, lowered: str | None, start: int, will: int) -> bool:
    """Whether the clause before 'will' (from ``start``) opens on the event ("In this
    webinar", "During the session"), at its start or at the start of one of its lines (a
    heading above runs on). ``lowered`` is the text lower-cased if it is ASCII."""
    clause, clause_text = _case_blind(cues().event_clause, cues().event_clause_ascii, text,
                                      lowered)
    while start != -1:
        if clause.match(clause_text, start, will) is not None:
            return True
        start = text.find("\n", start + 1, will)
    return False


def _clause_start(text: str, pos: int) -> int:
    """Where the clause before ``pos`` starts: after the last sentence's end before it."""
    start = max(0, pos - CLAUSE_LIMIT)
    last = next(_sentence_ends(text, start, pos, backwards=True), None)
    return start if last is None else last.end()


def _may_be_subject(text: str, clause_start: int, name: Name) -> bool:
    """Whether a name may be the subject of a 'will' clause. Capitalised words straight
    after "In this" / "During the" name the event ("In this Grand Round, Dr X will
    present"). After a clause's opening on the event ("In this webinar"), a name straight
    after it is the subject; one further on ("In this evening webinar our Young Carers
    Lead Jo Bloggs will ...") must read as a person's: a title or a known given name."""
    # The clause, or its line when a heading or key line above has no full stop.
    start = max(clause_start, text.rfind("\n", clause_start, name.title_start) + 1)
    if cues().event_lead.fullmatch(text, start, name.title_start) is not None:
        return False
    opening = cues().event_clause.match(text, start, name.title_start)
    if opening is None or not text[opening.end():name.title_start].strip(" \t\n,"):
        return True
    return name.titled or _has_given_name(name) or _after_job_title(text, name)


def _reaches(text: str, last: Mention, will: int) -> bool:
    """Whether the list of names runs up to 'will' (only a role or affiliation between, or
    a relative clause set off by commas: "A and B, who cared for his mum, will talk")."""
    between = text[last.name.end:will]
    if len(between) > 160:
        return False
    relative = RELATIVE.search(between)
    return relative is None or (between[:relative.start()].strip(" \t\n") == ","
                                and between.rstrip(" \t\n").endswith(","))


# ---------------------------------------------------------------- guesses


def _best_guess(scan: Scan) -> Mention | None:
    """One speaker when nothing says so outright: the best-supported weak mention."""
    guesses = [m for m in _guesses(scan) if not scan.is_excluded(m.name)]
    guesses = [m for m in _with_entities(scan, guesses) if round(m.score, 3) >= GUESS]
    return max(guesses, key=lambda m: (m.score, -m.name.start), default=None)


def _guesses(scan: Scan) -> list[Mention]:
    found: list[Mention] = []
    blocks = scan.ctx.doc.blocks
    # Every block is asked: all the names are read, and each block's are found in place
    # (as ``names_between`` finds them, without a call for each of the many blocks).
    every = scan.names
    starts = scan.found_starts
    for index, block in enumerate(blocks):
        first = bisect.bisect_left(starts, block.value_start or block.start)
        if first == len(starts) or starts[first] >= block.end:
            continue  # most blocks: no names, no need to ask what they are
        names = every[first:bisect.bisect_left(starts, block.end, lo=first)]
        if scan.kind_at(block.start) in EXCLUDED_SECTIONS:
            continue
        key = _fold_key(block.key) if block.kind == "key_value" and block.key else None
        if key in cues().excluded_keys or key in cues().ignored_keys:
            continue
        if _is_contact(scan, index):  # last: the dearest question
            continue
        found.extend(_weigh(scan, name, index, key) for name in names)
    return [m for m in found if m.score > 0]


def _weigh(scan: Scan, name: Name, index: int, key: str | None) -> Mention:
    """How strongly a name looks like the speaker's, from what surrounds it."""
    text = scan.ctx.doc.text
    block = scan.ctx.doc.blocks[index]
    hints = 0.1 * (_has_given_name(name) + name.titled) - 0.2 * _reads_as_words(name)
    talk_nouns = cues().talk_nouns_ascii if scan.ascii else None
    talk = (talk_nouns or cues().talk_nouns).match(text, name.end) is not None
    if talk and not _all_caps(name) and key is None:
        return Mention(name, "talk-noun", 0.4 + hints)
    if key in cues().subject_keys:
        return Mention(name, "subject-name", 0.4 + hints + 0.1 * talk)
    start = block.value_start or block.start
    before = text[max(start, name.title_start - NEAR):name.title_start].strip(" \t|*")
    if not before and name.title_start - start <= NEAR and _line_rest_short(text, name.end,
                                                                           block.end):
        if _signs_off(scan, name, index):
            return Mention(name, "signature", 0.0)
        return Mention(name, "name-line", 0.4 + hints + 0.1 * _has_affiliation(scan, name, index))
    affiliation_after = AFFILIATION_AFTER_ASCII if scan.ascii else AFFILIATION_AFTER
    if affiliation_after.match(text, name.end) and _has_affiliation(scan, name, index):
        return Mention(name, "name-affiliation", 0.35 + hints)
    if name.titled:
        return Mention(name, "titled-name", 0.35 + hints)
    return Mention(name, "name", 0.1 + hints)


def _reads_as_words(name: Name) -> bool:
    """ "Ongoing Reading", "Markov Random Fields": ordinary words, not a name."""
    words = name.words
    if not words or words[0] in cues().given_names:
        return False
    return any(len(w) >= 5 and w.endswith(cues().word_endings) for w in words)


def _has_given_name(name: Name) -> bool:
    words = name.words
    return len(words) > 1 and words[0] in cues().given_names


def _signs_off(scan: Scan, name: Name, index: int) -> bool:
    """A name on the last line, or "Name," on one of the last lines, signs the message."""
    blocks = scan.ctx.doc.blocks
    rest = scan.ctx.text(name.end, min(blocks[index].end, name.end + NEAR)).strip()
    if index == len(blocks) - 1:
        return not rest.startswith(('"', "“", "'", "‘"))  # a talk's title follows a speaker
    return rest == "," and index >= len(blocks) - 3


def _line_rest_short(text: str, pos: int, end: int) -> bool:
    """Whether only an affiliation or a bracket follows a name on its line."""
    rest = text[pos:min(end, pos + NEAR)].lstrip(" \t")
    if not rest or rest[0] in ",(<[/|\t-–\"“" or text[pos:pos + 2] == "  ":
        return True
    if AND.match(rest):
        return True
    words = rest.split()
    return end - pos <= NEAR and len(words) <= 4 and all(w[0].isupper() for w in words)


def _all_caps(name: Name) -> bool:
    return name.text.replace(" ", "").replace(".", "").isupper()


def _has_affiliation(scan: Scan, name: Name, index: int) -> bool:
    """An institution on the rest of the name's line or on the next line."""
    blocks = scan.ctx.doc.blocks
    texts = [scan.ctx.text(name.end, min(blocks[index].end, name.end + NEAR))]
    if index + 1 < len(blocks):
        texts.append(blocks[index + 1].text[:NEAR])
    affiliations = cues().affiliation_words
    for piece in texts:
        if piece.isascii():  # lower-cased whole (as its words would be), one call
            words = WORDS_ASCII.findall(piece.lower())
        else:
            words = [w.lower() for w in WORDS.findall(piece)]
        if not affiliations.isdisjoint(words):
            return True
    return False


def _is_contact(scan: Scan, index: int) -> bool:
    """A signature under a sign-off ("Kind regards,"), a contact with a phone number,
    or a line under "For information please contact:"."""
    blocks = scan.ctx.doc.blocks
    block_text = blocks[index].text
    if (PHONE_ASCII if block_text.isascii() else PHONE).search(block_text):
        return True
    for before in range(max(0, index - 2), index):
        if _closing_word().search(blocks[before].text.lower()) is None:
            continue  # most lines: folding them (dear for a paragraph) would find nothing
        folded = scan.folded_block(before)
        if folded and (folded in cues().closings or folded.endswith("contact")):
            return True
    return False


@cache
def _closing_word() -> re.Pattern[str]:
    """The last word of a closing, or "contact": a line folds to a closing or to words
    ending in "contact" only if its lower-cased text holds one of these words (folding
    lower-cases, and turns what it drops into blanks: it never joins letters)."""
    words = {closing.split()[-1] for closing in cues().closings} | {"contact"}
    return re.compile("|".join(re.escape(word) for word in sorted(words)))


def _with_entities(scan: Scan, guesses: list[Mention]) -> list[Mention]:
    """With a statistical model, raise the guesses spaCy reads as a person and lower
    those it reads as a place or an organisation (NER runs over their lines only)."""
    if not scan.ctx.has_ner or not guesses:
        return guesses
    contested = _contested(guesses)
    if not contested:
        return guesses
    lines = sorted({_line_of(scan.ctx.doc.text, m.name) for m in contested})
    entities = scan.ctx.entities_in(lines, recase=True)
    weighed: list[Mention] = []
    for mention in guesses:
        labels = {label for label, s, e in entities
                  if s < mention.name.end and mention.name.start < e}
        change = NER_LIFT if "PERSON" in labels else -NER_DOUBT if labels else 0.0
        weighed.append(replace(mention, score=mention.score + change))
    return weighed


def _contested(guesses: list[Mention]) -> list[Mention]:
    """The guesses whose order or fate spaCy's reading could change (often none: the
    model is then not run at all, which is most of its cost)."""
    top = max(m.score for m in guesses)
    floor = max(GUESS, top - NER_DOUBT)
    rivals = [m for m in guesses if m.score + NER_LIFT >= floor]
    if len(rivals) == 1 and round(top - NER_DOUBT, 3) >= GUESS:
        return []  # rounded as _best_guess rounds: 0.6 - 0.15 is 0.4499... in floats
    return sorted(rivals, key=lambda m: -m.score)[:NER_LINES]


def _line_of(text: str, name: Name) -> tuple[int, int]:
    """The line holding a name, without its indentation (which puts spaCy off), and
    no more than ``NER_CONTEXT_WORDS`` words either side of the name."""
    start = max(text.rfind("\n", max(0, name.start - NEAR), name.start) + 1, name.start - NEAR)
    end = text.find("\n", name.end, name.end + NEAR)
    end = min(len(text), name.end + NEAR) if end == -1 else end
    while start < name.start and text[start] in " \t|*":
        start += 1
    while end > name.end and text[end - 1] in " \t|*":
        end -= 1
    before = [w.start() for w in NON_SPACE.finditer(text, start, name.start)]
    after = [w.end() for w in NON_SPACE.finditer(text, name.end, end)]
    if len(before) > NER_CONTEXT_WORDS:
        start = before[-NER_CONTEXT_WORDS]
    if len(after) > NER_CONTEXT_WORDS:
        end = after[NER_CONTEXT_WORDS - 1]
    return start, end
