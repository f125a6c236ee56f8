"""Markdown -> Document: a small line-based reader, no Markdown library needed.

Each source line is one line of the Document (as in plain text, where a listing's
``Date:`` and ``Time:`` lines stand on lines of their own), with the Markdown
syntax taken out: ``#`` headings and setext underlines give ``heading`` blocks
with their level; ``*``/``-``/``+`` and ``1.`` bullets give ``list_item`` blocks
(a ``- `` marker outside the span); ``| a | b |`` table rows give ``key_value``
blocks; emphasis, inline code and links keep only their visible text; images,
link definitions, horizontal rules, code fences and HTML comments are dropped.
Other lines are classified by the text reader's rules (``Key: value``).
"""

from __future__ import annotations

import re

from eventparse.document import Document, LayoutLine, document_from_lines
from eventparse.read.html import key_value_split
from eventparse.sections import heading_kind

MAX_HEADING_WORDS = 12
_ATX = re.compile(r" {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*")
_RULE = re.compile(r" {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})")
_BULLET = re.compile(r"([ \t]*)(?:[-*+]|(\d{1,3})[.)])[ \t]+(?:\[[ xX]\][ \t]+)?")
_QUOTE = re.compile(r"[ \t]{0,3}(?:>[ \t]?)+")
_FENCE = re.compile(r"[ \t]{0,3}(```|~~~)")
_LINK_DEFINITION = re.compile(r" {0,3}\[[^\]\n]{1,200}\]:[ \t]*\S+.*")
_TABLE_RULE = re.compile(r"[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*")
_IMAGE = re.compile(r"!\[([^\[\]\n]{0,300})\]\([^()\n]{0,500}\)")
_LINK = re.compile(r"\[([^\[\]\n]{1,300})\](?:\([^()\n]{0,500}\)|\[[^\[\]\n]{0,100}\])")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^<>\s]{1,500})>")
_CODE = re.compile(r"`([^`\n]{1,300})`")
_STRONG = re.compile(r"(\*\*|__)(?=\S)([^\n]{1,300}?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]{1,300}?)(?<=\S)\*(?!\*)"
                       r"|(?<![\w_])_(?=\S)([^_\n]{1,300}?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)([^~\n]{1,300}?)(?<=\S)~~")
# A static-site or CMS export's metadata block (YAML "---" or TOML "+++") at the very top:
# its slug, timestamps and tags are not the listing's text.
_FRONT_MATTER = re.compile(
    r"\A\ufeff?(---|\+\+\+)[ \t]*\n(?:.*\n){0,60}?(?:\1|\.\.\.)[ \t]*(?:\n|\Z)")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_INLINE_TAG = re.compile(r"</?(?:br|b|i|em|strong|span|u|sup|sub|a)\b[^<>\n]{0,500}>",
                         re.IGNORECASE)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_ESCAPED_BASE = 0xF0000  # a private-use plane: never in real text
_ESCAPED = re.compile("[\U000F0000-\U000F007F]")


def read_markdown(markdown: str) -> Document:
    r"""Read Markdown into a Document of its visible text.

    >>> doc = read_markdown("# Knife crime **briefing**\n\n**Date:** 3 March 2026\n\n"
    ...                     "* [Book now](https://example.org/book)")
    >>> doc.text
    'Knife crime briefing\nDate: 3 March 2026\n- Book now'
    >>> [(b.kind, b.level, b.key) for b in doc.blocks]
    [('heading', 1, None), ('key_value', 0, 'Date'), ('list_item', 0, None)]
    >>> read_markdown("* Describe how a plan\n  is agreed.\n* Plan").text
    '- Describe how a plan is agreed.\n- Plan'
    >>> read_markdown("---\ntitle: Forum\ndate: 2026-09-01T09:00:00+01:00\n---\n# Forum").text
    'Forum'
    """
    source = _HTML_COMMENT.sub("", markdown.replace("\r\n", "\n").replace("\r", "\n"))
    source = _FRONT_MATTER.sub("", source, count=1)
    raw_lines = source.split("\n")
    lines: list[LayoutLine] = []
    in_fence = False
    adjoining = False  # the source line before gave a line (no blank line between)
    for raw in raw_lines:
        if _FENCE.match(raw):
            in_fence, adjoining = not in_fence, False
            continue
        if in_fence:
            _append(lines, LayoutLine(raw.strip(), "paragraph"))
            continue
        follows_text = adjoining and lines[-1].kind in ("paragraph", "key_value")
        if follows_text and _SETEXT.fullmatch(raw) and _is_setext_underline(raw, lines):
            lines[-1] = LayoutLine(lines[-1].text, "heading", 1 if "=" in raw else 2)
            adjoining = False
            continue
        if (adjoining and lines[-1].kind == "key_value" and "|" in raw
                and _TABLE_RULE.fullmatch(raw)):
            # The row above the |---| rule is the table's header ("Name | Role"), not a
            # key and its value, as in an HTML table's header row.
            lines[-1] = LayoutLine(lines[-1].text, "paragraph")
        line = _line(raw)
        if adjoining and line is not None and _continues(lines[-1], raw, line):
            lines[-1].text = f"{lines[-1].text} {line.text}"
            continue
        count = len(lines)
        _append(lines, line)
        adjoining = len(lines) > count
    return document_from_lines(lines, "markdown")


def _continues(previous: LayoutLine, raw: str, line: LayoutLine) -> bool:
    """A soft-wrapped line: an indented line under a list item, or a line that opens in
    lower case after a paragraph or item line that has not ended its sentence."""
    if line.kind != "paragraph" or previous.kind not in ("paragraph", "list_item"):
        return False
    if previous.kind == "list_item" and raw[:1] in (" ", "\t"):
        return True
    return line.text[:1].islower() and previous.text[-1:] not in ".:!?"


def _append(lines: list[LayoutLine], line: LayoutLine | None) -> None:
    if line is not None and line.text:
        lines.append(line)


def _line(raw: str) -> LayoutLine | None:
    """One source line as a laid-out line, or None for a line of pure syntax."""
    if not raw.strip() or _LINK_DEFINITION.fullmatch(raw):
        return None
    if "|" in raw and _TABLE_RULE.fullmatch(raw):
        return None
    if _RULE.fullmatch(raw):
        return None
    quote = _QUOTE.match(raw)
    if quote:
        raw = raw[quote.end():]
    heading = _ATX.fullmatch(raw)
    if heading:
        return LayoutLine(inline_text(heading.group(2)), "heading", len(heading.group(1)))
    bullet = _BULLET.match(raw)
    if bullet:
        marker = f"{bullet.group(2)}. " if bullet.group(2) else "- "
        level = len(bullet.group(1).expandtabs(4)) // 2
        text = inline_text(raw[bullet.end():])
        key = key_value_split(text)
        if key is not None and heading_kind(text[: key[0]]) is not None:
            # '- **Date:** 3 March' is a detail line set out as a bullet, as in HTML lists
            return LayoutLine(text, "key_value", key_end=key[0], value_start=key[1],
                              marker=marker)
        return LayoutLine(text, "list_item", level, marker=marker)
    if raw.lstrip().startswith("|"):
        return _table_row(raw)
    return _plain(raw)


def _is_setext_underline(raw: str, done: list[LayoutLine]) -> bool:
    """'---' right under a short text line makes it a heading; elsewhere it is a rule."""
    return "=" in raw or len(done[-1].text.split()) <= MAX_HEADING_WORDS


def _table_row(raw: str) -> LayoutLine | None:
    cells = [inline_text(cell) for cell in raw.strip().strip("|").split("|")]
    cells = [cell for cell in cells if cell]
    if not cells:
        return None
    if len(cells) == 1:
        return LayoutLine(cells[0], "paragraph")
    text = " | ".join(cells)
    return LayoutLine(text, "key_value", key_end=len(cells[0]), value_start=len(cells[0]) + 3)


def _plain(raw: str) -> LayoutLine:
    """A paragraph line: bold-only short lines are headings; 'Key: value' by the text rules."""
    text = inline_text(raw)
    stripped = raw.strip()
    if (_STRONG.fullmatch(stripped) and len(text.split()) <= MAX_HEADING_WORDS
            and text[-1:] not in ".;,!?"):
        return LayoutLine(text, "heading", 0)
    key = key_value_split(text)
    if key is not None:
        return LayoutLine(text, "key_value", key_end=key[0], value_start=key[1])
    return LayoutLine(text, "paragraph")


def inline_text(markdown: str) -> str:
    """The visible text of one line of Markdown: syntax out, link text kept.

    >>> inline_text(r"**Date:** 3 March, via [Zoom](https://zoom.us) \\*free\\* `code`")
    'Date: 3 March, via Zoom *free* code'
    >>> inline_text("snake_case_name stays")
    'snake_case_name stays'
    """
    # Escaped characters are set aside first, so '\\*' never opens an emphasis.
    text = _ESCAPE.sub(lambda m: chr(_ESCAPED_BASE + ord(m.group(1))), markdown)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2) or "", text)
    text = _STRIKE.sub(r"\1", text)
    text = _INLINE_TAG.sub("", text)
    text = _ESCAPED.sub(lambda m: chr(ord(m.group()) - _ESCAPED_BASE), text)
    return " ".join(text.split())
