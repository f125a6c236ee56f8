"""Readers: input (str, bytes, path) -> Document. One module per format.

``read(data, format=None)`` picks the reader by the caller's word, else by content.
"""

from __future__ import annotations

from eventparse.document import Document
from eventparse.read import registry
from eventparse.read.detect import decode_bytes, detect_format
from eventparse.read.text import read_text

__all__ = ["decode_bytes", "detect_format", "read", "read_text"]


def read(data: str | bytes, *, format: str | None = None, source: str | None = None) -> Document:
    """Turn raw input into a Document, choosing the reader by ``format`` or by content."""
    repaired = False
    if isinstance(data, bytes):
        data, repaired = decode_bytes(data)
    fmt = format or detect_format(data, source)
    doc = registry.reader_for(fmt)(data)
    doc.source = source
    doc.repaired_encoding = doc.repaired_encoding or repaired
    return doc

