"""The words of the date/time grammar, from ``vocab/calendar.json`` and ``vocab/timezones.json``.

Each ``*_words`` function gives a regex for its word list (a trie that tries the longest
spelling first, so the engine never stops at a prefix); the ``*_value`` functions turn a
matched spelling into a number.
"""

from __future__ import annotations

from functools import cache

import regex

from eventparse import vocab


def word_trie(words: list[str], *, lower: bool = True) -> str:
    r"""Any of ``words`` (lower-cased, as the grammar reads lowered text, unless not
    ``lower``) as a trie: "ten|twelve" is ``t(?:en|welve)``, so a position that starts
    no word fails after a letter or two however long the list is. Where several words
    match, the longest is tried first (a word's longer spellings are its branches,
    taken before the optional end).

    >>> print(word_trie(["ten", "twelve", "twenty one", "twenty"]))
    t(?:en|we(?:lve|nty(?:\s+one)?))

    """
    return _pattern(_trie(words, lower=lower))


def led_trie(words: list[str], not_after: str) -> str:
    r"""``word_trie``'s branches, each opening on its first two characters and only then
    looking back for no ``not_after`` (a character class) before the first. A
    look-behind first is tried at every position; a pattern whose every branch opens
    with a character lets ``re`` skip, in C, the characters no word starts with, and
    a character inside a word mostly fails at the second one, before any look-behind.

    >>> print(led_trie(["ten", "twelve", "noon", "z"], "[a-z]"))
    n(?:o(?<![a-z]..)on)|t(?:e(?<![a-z]..)n|w(?<![a-z]..)elve)|z(?:(?<![a-z].))

    """
    branches = []
    for first, child in sorted(_trie(words).items()):
        if not first:
            continue
        rests = [f"{second}(?<!{not_after}..){_pattern(grandchild)}"
                 if second != r"\s+" else f"(?<!{not_after}.){second}{_pattern(grandchild)}"
                 for second, grandchild in sorted(child.items()) if second]
        if "" in child:  # the word ends at its first character: longer words first
            rests.append(f"(?<!{not_after}.)")
        branches.append(f"{first}(?:{'|'.join(rests)})")
    return "|".join(branches)


def _trie(words: list[str], *, lower: bool = True) -> _Trie:
    root: _Trie = {}
    for word in words:
        node = root
        for unit in _units(word.lower() if lower else word):
            node = node.setdefault(unit, {})
        node[""] = {}
    return root


_Trie = dict[str, "_Trie"]


def _units(word: str) -> list[str]:
    """A word's regex pieces, one a character; a space stands for any white space."""
    return [r"\s+" if ch == " " else regex.escape(ch) for ch in word]


def _pattern(node: _Trie) -> str:
    branches = [unit + _pattern(child) for unit, child in sorted(node.items()) if unit]
    if not branches:
        return ""
    if len(branches) == 1:
        return f"(?:{branches[0]})?" if "" in node else branches[0]
    return "(?:" + "|".join(branches) + (")?" if "" in node else ")")


@cache
def _calendar() -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = vocab.load("calendar")
    return data


@cache
def month_numbers() -> dict[str, int]:
    months: dict[str, list[str]] = _calendar()["months"]  # type: ignore[assignment]
    return {word: int(number) for number, words in months.items() for word in words}


@cache
def weekday_numbers() -> dict[str, int]:
    days: dict[str, list[str]] = _calendar()["weekdays"]  # type: ignore[assignment]
    return {word: int(number) for number, words in days.items() for word in words}


@cache
def week_ordinals() -> dict[str, int]:
    """ "first" / "2nd" / "last" (-1) Tuesday of a month."""
    table: dict[str, int] = _calendar()["week_ordinals"]  # type: ignore[assignment]
    return table


@cache
def parts_of_day() -> dict[str, str]:
    """A part of the day -> the half it puts a clock time in ("evening" -> "pm")."""
    table: dict[str, str] = _calendar()["parts_of_day"]  # type: ignore[assignment]
    return table


@cache
def zones() -> dict[str, str | None]:
    table: dict[str, str | None] = {
        k: v for k, v in vocab.load("timezones").items() if not k.startswith("_")
    }
    return table


@cache
def zone_regions() -> dict[str, str]:
    """Zone names that stand for a place's clock ("ET") -> its IANA zone."""
    regions: dict[str, str] = vocab.load("timezones")["_regions"]
    return {k: v for k, v in regions.items() if not k.startswith("_")}


@cache
def number_words() -> dict[str, int]:
    """Cardinal and ordinal words 0-59 ("twenty-one", "thirty first", "oh five")."""
    cal = _calendar()
    units: dict[str, int] = cal["units"]  # type: ignore[assignment]
    tens: dict[str, int] = cal["tens"]  # type: ignore[assignment]
    ordinals: dict[str, int] = cal["ordinals"]  # type: ignore[assignment]
    table: dict[str, int] = dict(units)
    table.update(ordinals)
    small_units = {w: n for w, n in units.items() if 1 <= n <= 9 and w != "oh"}
    small_ords = {w: n for w, n in ordinals.items() if 1 <= n <= 9}
    for ten_word, ten in tens.items():
        table[ten_word] = ten
        for unit_word, unit in [*small_units.items(), *small_ords.items()]:
            for joint in (" ", "-"):
                table[f"{ten_word}{joint}{unit_word}"] = ten + unit
    for unit_word, unit in small_units.items():
        table[f"oh {unit_word}"] = unit
        table[f"o {unit_word}"] = unit
    return table


def word_value(text: str) -> int | None:
    """The number a spelled-out word group stands for ("Twenty-second" -> 22)."""
    key = " ".join(text.lower().replace("-", " - ").split()).replace(" - ", "-")
    if key in number_words():
        return number_words()[key]
    return number_words().get(key.replace("-", " "))


def day_words() -> str:
    """Spelled-out days of the month, 1-31 (cardinal and ordinal)."""
    return word_trie([w for w, n in number_words().items() if 1 <= n <= 31
                         and not w.startswith("o")])


def hour_words() -> str:
    """Spelled-out clock hours, one to twenty-three."""
    units: dict[str, int] = _calendar()["units"]  # type: ignore[assignment]
    words = [w for w, n in units.items() if 1 <= n <= 19 and w != "oh"] + ["twenty"]
    words += [f"twenty{joint}{unit}" for unit in ("one", "two", "three") for joint in " -"]
    return word_trie(words)


def minute_words() -> str:
    """Spelled-out minutes, one to fifty-nine ("oh five", "forty five")."""
    ordinals: dict[str, int] = _calendar()["ordinals"]  # type: ignore[assignment]
    return word_trie([w for w, n in number_words().items() if 1 <= n <= 59
                         and w not in ordinals and not any(o in w for o in ordinals)])


def month_words() -> str:
    return word_trie(list(month_numbers()))


def weekday_words() -> str:
    return word_trie(list(weekday_numbers()))


def zone_words() -> str:
    return word_trie(list(zones()))


def year_words() -> str:
    """A year spelled out: "nineteen eighty six", "two thousand and eighteen"."""
    cal = _calendar()
    units: dict[str, int] = cal["units"]  # type: ignore[assignment]
    tens: dict[str, int] = cal["tens"]  # type: ignore[assignment]
    century = word_trie([w for w, n in units.items() if 10 <= n <= 19] + ["twenty"])
    ten = word_trie(list(tens))
    unit = word_trie([w for w, n in units.items() if 1 <= n <= 9 and w != "oh"])
    teen = word_trie([w for w, n in units.items() if 10 <= n <= 19])
    tail = rf"(?:(?:{ten})(?:[\s-]+(?:{unit}))?|(?:zero|oh)\s+(?:{unit})|{teen}|{unit})"
    return (rf"(?:(?:{century})\s+(?:hundred\s+(?:and\s+)?)?{tail}"
            rf"|two\s+thousand(?:\s+(?:and\s+)?{tail})?)")


def year_word_value(text: str) -> int | None:
    """The year a spelled-out year stands for.

    >>> year_word_value("nineteen eighty six"), year_word_value("two thousand and eighteen")
    (1986, 2018)
    >>> year_word_value("seventeen hundred thirty three"), year_word_value("nineteen zero one")
    (1733, 1901)
    """
    words = text.lower().replace("-", " ").split()
    words = [w for w in words if w != "and"]
    if words[:2] == ["two", "thousand"]:
        rest = words[2:]
        return 2000 + (_small(rest) if rest else 0)
    head = word_value(words[0])
    if head is None:
        return None
    rest = words[1:]
    if rest and rest[0] == "hundred":
        rest = rest[1:]
    if rest and rest[0] in ("zero", "oh"):
        rest = rest[1:]
    return head * 100 + _small(rest)


def _small(words: list[str]) -> int:
    return sum(word_value(w) or 0 for w in words)
