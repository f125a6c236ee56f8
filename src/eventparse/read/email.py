"""E-mail (RFC 822 / MIME) -> Document, with Python's ``email`` package.

The headers go to ``Document.headers`` (lower-cased names, RFC 2047 words
decoded); the Date header's day is ``reference_date_hint``. The text starts with
the From, Date, To and Subject lines (as an e-mail copied into plain text does,
so the Subject has a span), then the body: the first ``text/plain`` part,
else the first ``text/html`` part read by the HTML reader. Quoted-printable and
base64 bodies are decoded, each part in its own charset.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import email
import email.policy
import email.utils
from email.message import Message

from eventparse.document import Block, Document, LayoutLine, document_from_lines
from eventparse.errors import EventParseError
from eventparse.read.detect import decode_bytes
from eventparse.read.html import read_html
from eventparse.read.text import read_text

SHOWN_HEADERS = ("from", "date", "to", "subject")
MIN_PLAIN_CHARS = 40
"""A text/plain part shorter than this ("view this e-mail in a browser") yields to the HTML."""


def read_email(message: str) -> Document:
    r"""Read an RFC 822 message into a Document: header lines, then the best body part.

    >>> doc = read_email("From: Training <t@example.org>\nDate: Mon, 9 Feb 2026 08:47:00 +0000\n"
    ...                  "Subject: Knife crime briefing\n"
    ...                  "Content-Transfer-Encoding: quoted-printable\n"
    ...                  "\nDate: 3 March 2026, 10:00=E2=80=9311:00\n")
    >>> doc.headers["subject"], doc.reference_date_hint
    ('Knife crime briefing', datetime.date(2026, 2, 9))
    >>> doc.text.splitlines()[-1]
    'Date: 3 March 2026, 10:00–11:00'
    """
    parsed = email.message_from_string(message, policy=email.policy.default)
    headers = _headers(parsed)
    body, is_html = _best_body(parsed)
    header_lines = [_header_line(name.capitalize(), headers[name])
                    for name in SHOWN_HEADERS if headers.get(name)]
    if is_html:
        doc = _joined(document_from_lines(header_lines, "email"), read_html(body))
    else:
        header_text = "\n".join(line.text for line in header_lines)
        doc = read_text(f"{header_text}\n\n{body}" if header_text else body)
    doc.format = "email"
    doc.headers.update(headers)
    doc.reference_date_hint = _sent_date(headers.get("date")) or doc.reference_date_hint
    return doc


def _headers(message: Message) -> dict[str, str]:
    """Each header's first value, RFC 2047 words decoded; a malformed one as written."""
    found: dict[str, str] = {}
    for name, raw in message.raw_items():
        try:
            value = str(message.policy.header_fetch_parse(name, raw))
        except (ValueError, TypeError, LookupError, AttributeError):
            value = str(raw)  # the stdlib's header parser fails on some malformed headers
        found.setdefault(name.lower(), " ".join(value.split()))
    return found


def _header_line(name: str, value: str) -> LayoutLine:
    return LayoutLine(f"{name}: {value}", "key_value", key_end=len(name),
                      value_start=len(name) + 2)


def _best_body(message: Message) -> tuple[str, bool]:
    """(body, is_html): the first text/plain part with content, else the first HTML part."""
    plain: str | None = None
    html: str | None = None
    for part in message.walk():
        if part.is_multipart() or part.get_content_disposition() == "attachment":
            continue
        kind = part.get_content_type()
        if kind == "text/plain" and plain is None:
            plain = _part_text(part)
        elif kind == "text/html" and html is None:
            html = _part_text(part)
    if plain is not None and (len(plain.strip()) >= MIN_PLAIN_CHARS or not html):
        return plain, False
    if html is not None:
        return html, True
    return plain or "", False


def _part_text(part: Message) -> str:
    """A part's text: transfer encoding (quoted-printable, base64) and charset undone."""
    payload = part.get_payload()
    encoding = str(part.get("content-transfer-encoding", "")).strip().lower()
    if isinstance(payload, str) and encoding not in ("quoted-printable", "base64"):
        return payload  # 7bit/8bit: already text
    raw = part.get_payload(decode=True)
    if not isinstance(raw, bytes):
        return str(payload)
    charset = part.get_content_charset()
    if charset and charset not in ("us-ascii", "ascii"):
        try:
            return raw.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown label: detect instead
    try:
        return decode_bytes(raw)[0]
    except EventParseError:
        return raw.decode("utf-8", errors="replace")


def _sent_date(value: str | None) -> dt.date | None:
    """The day of an RFC 5322 Date header, in the sender's own zone."""
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def _joined(head: Document, body: Document) -> Document:
    """The header lines' Document followed by the body's, spans shifted to match."""
    if not head.text:
        return body
    gap = "\n\n"
    shift = len(head.text) + len(gap)
    blocks = head.blocks + [_shifted(block, shift) for block in body.blocks]
    structured = [dataclasses.replace(item, span=(item.span[0] + shift, item.span[1] + shift))
                  if item.span else item for item in body.structured]
    return Document(text=head.text + gap + body.text, blocks=blocks, format="email",
                    structured=structured, extras=body.extras)


def _shifted(block: Block, shift: int) -> Block:
    value_start = None if block.value_start is None else block.value_start + shift
    return dataclasses.replace(block, start=block.start + shift, end=block.end + shift,
                               value_start=value_start)
