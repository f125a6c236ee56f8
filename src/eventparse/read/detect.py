"""Decode bytes to text, repair mojibake, and tell formats apart by content and file name.

Format rules, in order (the first that holds wins):

1. The file name's extension: ``.html``/``.htm``/``.xhtml`` -> html,
   ``.md``/``.markdown`` -> markdown, ``.eml`` -> email. Any other extension
   (``.txt`` included) leaves it to the content.
2. An RFC 822 message: the text opens with a block of ``Name: value`` header
   lines ending in a blank line, and that block holds a ``Date:`` header in the
   RFC 5322 form (``Mon, 9 Feb 2026 08:47:00 +0000``: with a zone, and a comma
   after any weekday, so a pasted ``Date: Mon 1 Dec 2025 09:12`` is not one) and
   at least one of
   From, To, Subject, Message-ID, MIME-Version, Received or Content-Type. An
   Outlook block quoted into plain text (``From:/Sent:/To:/Subject:``, no RFC
   Date) and CMU seminar posts (a message-id line, then ``Type:/Topic:/PostedBy:``)
   are not messages: they stay text for the text reader.
3. HTML: the text starts with ``<!doctype html``, ``<html``, ``<?xml`` or a
   known HTML element (``<p>``, ``<div>``, ``<h1>``...), or it has at least
   ``MIN_HTML_TAGS`` known tags of which two close, in its first 64 KB.
4. Markdown: an ATX heading line (``# Title``), or two kinds of Markdown
   inline syntax (``[text](url)``, ``**bold**``, a setext underline).
5. Otherwise text.
"""

from __future__ import annotations

import email.utils
import re
from pathlib import PurePath

from eventparse.errors import UnreadableInputError

EXTENSIONS = {
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown",
    ".eml": "email",
}
SNIFF_CHARS = 65_536
WESTERN_ENCODINGS = ("cp1252", "latin_1", "iso8859_15", "cp1250")
TIE_CHAOS = 0.01
MIN_HTML_TAGS = 4
_HTML_TAG = re.compile(
    r"<(/?)(html|head|body|div|p|h[1-6]|ul|ol|li|table|tr|td|th|br|span|a|strong|em|b|i|"
    r"section|article|main|header|footer|nav|dl|dt|dd|time|meta|title|script|style|address)"
    r"\b[^<>]{0,2000}>",
    re.IGNORECASE,
)
_HTML_START = re.compile(r"\s*(?:<!--.{0,2000}?-->\s*)?<(?:!doctype\s+html|html\b|\?xml\b)",
                         re.IGNORECASE | re.DOTALL)
_HEADER_LINE = re.compile(r"([A-Za-z][A-Za-z0-9-]{0,40}):[ \t]*(.*)")
_RFC_DATE = re.compile(
    r"(?:[A-Za-z]{3},[ \t]*)?\d{1,2}[ \t]+[A-Za-z]{3}[ \t]+\d{2,4}[ \t]+\d{1,2}:\d{2}(?::\d{2})?"
    r"[ \t]+(?:[+-]\d{4}|UT|GMT|[ECMP][SD]T|Z)(?:[ \t]*\([^()]{0,40}\))?")
_MESSAGE_HEADERS = frozenset(
    {"from", "to", "subject", "message-id", "mime-version", "received", "content-type"})
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.MULTILINE)
_MD_LINK = re.compile(r"\[[^\[\]\n]{1,300}\]\([^()\s]{1,500}\)")
_MD_BOLD = re.compile(r"(\*\*|__)[^*_\n]{1,200}\1")
# A setext heading's underline; the line above it must hold 1 to 200 characters.
_MD_UNDERLINE = re.compile(r"\n {0,3}(?:=+|-{3,})[ \t]*$", re.MULTILINE)
MAX_SETEXT_CHARS = 200
_MOJIBAKE_HINT = re.compile("[\u00c2\u00c3\u00c5\u00e2\u00c4\u00d0\u00d1\u00ce\u00cf\u00ef]")
_LOST_CLOSING_QUOTE = re.compile("\u00e2\u20ac(?![\u0080-\u00bf\u0152\u0153\u0160\u0161"
                                 "\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122])")
_CHARSET = re.compile(rb"""<meta[^>]{0,200}charset\s*=\s*["']?([A-Za-z0-9_:.-]{1,40})""",
                      re.IGNORECASE)


def decode_bytes(data: bytes) -> tuple[str, bool]:
    """Decode bytes as UTF-8 (or a BOM's encoding), else by detection; repair mojibake.

    Returns the text and whether mojibake was repaired.

    >>> decode_bytes("Caf\\u00e9 \\u2013 10am".encode("cp1252"))
    ('Café – 10am', False)
    >>> decode_bytes("It\\u2019s".encode("utf-8").decode("cp1252").encode("utf-8"))
    ('It’s', True)
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return repair_mojibake(data.decode("utf-16"))
    if b"\x00" in data[:8192]:
        raise UnreadableInputError("input looks binary (it holds NUL bytes), not text")
    try:
        return repair_mojibake(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data)
    if declared:
        try:
            return repair_mojibake(data.decode(declared))
        except (UnicodeDecodeError, LookupError):
            pass
    return repair_mojibake(_detected(data))


def _detected(data: bytes) -> str:
    """charset-normalizer's reading; among equally clean readings, the Western code page.

    Short texts decode cleanly in many code pages; UK listings that are not UTF-8
    are nearly always Windows-1252, so that wins a tie.
    """
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise UnreadableInputError("could not detect the text encoding of the input")
    cleanest = min(match.chaos for match in matches)
    tied = {match.encoding: match for match in matches if match.chaos <= cleanest + TIE_CHAOS}
    for encoding in WESTERN_ENCODINGS:
        if encoding in tied:
            return str(tied[encoding])
    return str(min(matches, key=lambda match: match.chaos))


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> near its top."""
    found = _CHARSET.search(data[:4096])
    return found.group(1).decode("ascii").lower() if found else None


def repair_mojibake(text: str) -> tuple[str, bool]:
    """UTF-8 read as Windows-1252 (``â€™`` for ``’``) put right, where ftfy is sure.

    >>> repair_mojibake("weâ€™ll")
    ('we’ll', True)
    >>> repair_mojibake("the â€œnext questionâ€. Weâ€™ll")
    ('the “next question”. We’ll', True)
    >>> repair_mojibake("naïve café")
    ('naïve café', False)
    """
    if text.isascii() or not _MOJIBAKE_HINT.search(text):
        return text, False  # the common case: nothing that could be mojibake, skip ftfy
    import ftfy

    # Only lines that could hold mojibake go through ftfy: most of a page cannot.
    lines = text.split("\n")
    fixed = [ftfy.fix_encoding(line) if _MOJIBAKE_HINT.search(line) else line
             for line in lines]
    repaired = fixed != lines
    if not repaired:
        return text, False
    # '”' is E2 80 9D in UTF-8, and 9D has no Windows-1252 character, so it is often
    # lost on the way: in text already shown to be mojibake, a bare 'â€' was a '”'.
    return _LOST_CLOSING_QUOTE.sub("\u201d", "\n".join(fixed)), True


def detect_format(text: str, source: str | None = None) -> str:
    """The reader for ``text``: 'html', 'markdown', 'email' or 'text' (rules: module doc).

    >>> detect_format("<p>Knife crime briefing</p><p>3 March</p>", "listing.txt")
    'html'
    >>> detect_format("# Knife crime briefing\\n\\n* 3 March 2026")
    'markdown'
    >>> detect_format("From: Training Team\\nSent: 9 February 2026\\nSubject: Places\\n\\nHi")
    'text'
    """
    by_name = format_by_extension(source)
    if by_name is not None:
        return by_name
    head = text[:SNIFF_CHARS]
    if looks_like_email(head):
        return "email"
    if looks_like_html(head):
        return "html"
    if looks_like_markdown(head):
        return "markdown"
    return "text"


def format_by_extension(source: str | None) -> str | None:
    """The format a file name's extension names, if it names one.

    >>> format_by_extension("events/kinship.HTM"), format_by_extension("notes.txt")
    ('html', None)
    """
    if not source:
        return None
    return EXTENSIONS.get(PurePath(source).suffix.lower())


def looks_like_email(head: str) -> bool:
    """An RFC 822 header block at the top with an RFC 5322 Date and a message header."""
    names: set[str] = set()
    has_rfc_date = False
    head = head.lstrip("\r\n")
    if not head.startswith(("From ", " ", "\t")) and not _HEADER_LINE.match(head):
        # the first line is blank or no header (it would have to match whole): no need
        # to split the lines
        return False
    lines = head.splitlines()
    if lines and lines[0].startswith("From "):  # an mbox separator line
        lines = lines[1:]
    for line in lines[:200]:
        if not line.strip():
            break
        if line[0] in " \t":  # a folded continuation of the header before
            continue
        match = _HEADER_LINE.fullmatch(line)
        if match is None:
            return False
        name = match.group(1).lower()
        names.add(name)
        if name == "date":
            has_rfc_date = _is_rfc_date(match.group(2))
    else:
        return False
    return has_rfc_date and bool(names & _MESSAGE_HEADERS)


def _is_rfc_date(value: str) -> bool:
    """An RFC 5322 date: optional 'Mon,', day, month name, year, time and a zone."""
    if not _RFC_DATE.fullmatch(value.strip()):
        return False
    try:
        parsed = email.utils.parsedate_tz(value.strip())
    except (TypeError, ValueError, IndexError):
        return False
    return parsed is not None


def looks_like_html(head: str) -> bool:
    """A document or fragment made of HTML elements, not text that mentions a tag."""
    if _HTML_START.match(head) or _HTML_TAG.match(head.lstrip()):
        return True
    tags = _HTML_TAG.findall(head)
    if not tags:
        return False
    closing = sum(1 for slash, _ in tags if slash)
    return len(tags) >= MIN_HTML_TAGS and closing >= 2


def looks_like_markdown(head: str) -> bool:
    """An ATX heading, or two kinds of Markdown inline syntax."""
    # Each pattern needs a few characters of its own: text without them is not scanned.
    if "#" in head and _ATX_HEADING.search(head):
        return True
    # (A one-character test first: it is far cheaper than looking for two characters.)
    kinds = sum((
        "]" in head and "](" in head and _MD_LINK.search(head) is not None,
        (("*" in head and "**" in head) or ("_" in head and "__" in head))
        and _MD_BOLD.search(head) is not None,
        ("=" in head or "---" in head) and _has_setext_heading(head),
    ))
    return kinds >= 2


def _has_setext_heading(head: str) -> bool:
    """A line of text underlined with ``===`` or ``---``."""
    for underline in _MD_UNDERLINE.finditer(head):
        newline = underline.start()
        above = newline - (head.rfind("\n", 0, newline) + 1)
        if 1 <= above <= MAX_SETEXT_CHARS:
            return True
    return False
