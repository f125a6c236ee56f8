"""Readers: input (str, bytes, path) -> Document. One module per format.

``read(data, format=None)`` picks the reader by the caller's word, else by the
file name and the content (rules: ``eventparse.read.detect``). Bytes are decoded
(UTF-8, a declared charset, else charset-normalizer's guess); mojibake is
repaired where ftfy is sure, and the Document says so (``repaired_encoding``).
"""

from __future__ import annotations

from eventparse.document import Document
from eventparse.read import registry
from eventparse.read.detect import decode_bytes, detect_format, repair_mojibake
from eventparse.read.registry import UnknownFormatError
from eventparse.read.text import read_text

__all__ = ["UnknownFormatError", "decode_bytes", "detect_format", "read", "read_text"]


def read(data: str | bytes, *, format: str | None = None, source: str | None = None) -> Document:
    """Turn raw input into a Document, choosing the reader by ``format`` or by content.

    >>> read("<h1>Knife crime briefing</h1><p>3 March 2026</p>").format
    'html'
    >>> read("weâ€™ll meet", format="text").repaired_encoding
    True
    """
    if isinstance(data, bytes):
        data, repaired = decode_bytes(data)
    else:
        data, repaired = repair_mojibake(data)
    reader = registry.reader_for(format or detect_format(data, source))
    doc = reader(data)
    doc.source = source
    doc.repaired_encoding = doc.repaired_encoding or repaired
    return doc
