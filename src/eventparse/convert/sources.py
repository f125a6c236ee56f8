"""Input discovery for ``convert``: files, folders, globs, archives and stdin, streamed.

``discover(inputs, limits)`` yields one ``Item`` per document, in a stable
order (folders and globs sorted, archive members in archive order), without
reading any document's content: ``Item.load()`` reads it when the caller wants
it, so a resumed run skips finished documents cheaply and memory holds one
document at a time. An item that is known to be bad already (an unsafe archive
member name, a path that does not exist) carries its ``error`` instead.

Nothing is ever extracted to disk: archive members are read into memory, each
through a size bound (``Limits.document_bytes``) and every archive through a
total bound (``Limits.archive_bytes``), so a zip bomb stops at the bound with an
error record instead of filling memory.
"""

from __future__ import annotations

import glob
import json
import os
import stat
import sys
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from eventparse.read.detect import EXTENSIONS

KNOWN_SUFFIXES = (".txt", ".text", *EXTENSIONS)
"""Plain text, and every extension the readers know (``read.detect.EXTENSIONS``)."""
ZIP_SUFFIXES = (".zip",)
TAR_SUFFIXES = (".tar.gz", ".tgz", ".tar")
CHUNK = 1 << 16


@dataclass(frozen=True)
class Limits:
    """Size bounds: per document, and per archive (all its members together)."""

    document_bytes: int = 20_000_000
    archive_bytes: int = 1_000_000_000


class TooLargeError(Exception):
    """A document (or an archive's members together) passed its size bound."""


@dataclass
class Item:
    """One input document: its source name, and how to read it (or why it cannot be)."""

    source: str
    load: Callable[[], str | bytes] | None = None
    error: str | None = None


def discover(inputs: list[str], limits: Limits, exclude: frozenset[Path] = frozenset()
             ) -> Iterator[Item]:
    """Every document the inputs name, in order, except the files in ``exclude``
    (the run's own output and journal, which a folder or glob may well cover)."""
    skip = {_resolved(path) for path in exclude}
    for raw in inputs:
        for item in _one_input(raw, limits):
            if item.source == "-" or _resolved(Path(item.source)) not in skip:
                yield item


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return path


def _one_input(raw: str, limits: Limits) -> Iterator[Item]:
    if raw == "-":
        yield from stdin_items(sys.stdin.buffer, limits.document_bytes)
        return
    path = Path(raw)
    if path.is_dir():
        yield from _folder(path, limits)
    elif os.path.lexists(path):
        yield from _file(path, limits, named=True)
    elif glob.has_magic(raw):
        matches = sorted(glob.glob(raw, recursive=True))
        if not matches:
            yield Item(raw, error="no file matches this pattern")
        for match in matches:
            match_path = Path(match)
            if match_path.is_dir():
                yield from _folder(match_path, limits)
            else:
                yield from _file(match_path, limits, named=True)
    else:
        yield Item(raw, error="no such file or folder")


def _folder(folder: Path, limits: Limits) -> Iterator[Item]:
    """Known documents and archives under a folder, recursively, sorted, hidden ones skipped."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and (is_document(name) or is_archive(name)):
                yield from _file(Path(root) / name, limits, named=False)


def is_document(name: str) -> bool:
    """True for the file names convert reads in folders and archives.

    >>> is_document("a/Notes.HTML"), is_document("page.xhtml"), is_document("photo.jpg")
    (True, True, False)
    """
    return name.lower().endswith(KNOWN_SUFFIXES)


def is_archive(name: str) -> bool:
    return name.lower().endswith(ZIP_SUFFIXES + TAR_SUFFIXES)


def _file(path: Path, limits: Limits, *, named: bool) -> Iterator[Item]:
    source = str(path)
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        yield Item(source, error=f"cannot read: {exc.strerror or exc}")
        return
    if not stat.S_ISREG(mode):
        yield Item(source, error="not a regular file")  # a FIFO or device would block a read
    elif path.name.lower().endswith(ZIP_SUFFIXES):
        yield from zip_items(path, limits)
    elif path.name.lower().endswith(TAR_SUFFIXES):
        yield from tar_items(path, limits)
    elif named or is_document(path.name):
        yield Item(source, load=lambda: read_file(path, limits.document_bytes))


def read_file(path: Path, bound: int) -> bytes:
    with path.open("rb") as handle:
        return read_bounded(handle, bound)


def read_bounded(handle: IO[bytes], bound: int) -> bytes:
    """Read at most ``bound`` bytes; raise TooLargeError past it (memory never exceeds it)."""
    data = handle.read(bound + 1)
    if len(data) > bound:
        raise TooLargeError(f"larger than the bound of {bound:,} bytes")
    return data


def unsafe_member_name(name: str) -> bool:
    """True for a member name that would land outside a folder it was extracted to.

    >>> [unsafe_member_name(n) for n in ("a/b.txt", "../x.txt", "/etc/x.txt", "a/../../x")]
    [False, True, True, True]
    """
    normal = name.replace("\\", "/")
    if normal.startswith("/") or (len(normal) > 1 and normal[1] == ":"):
        return True
    return ".." in PurePosixPath(normal).parts


class _Budget:
    """How many bytes an archive may still expand to."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.left = total


def zip_items(path: Path, limits: Limits) -> Iterator[Item]:
    """The documents of a zip archive; member names are checked, sizes bounded.

    A member's declared size may lie, so every read is bounded; once the
    archive's members together pass ``archive_bytes``, each further member is
    an error record without being decompressed.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        yield Item(str(path), error=f"not a readable zip archive: {exc}")
        return
    budget = _Budget(limits.archive_bytes)
    with archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            source = f"{path}!{info.filename}"
            if unsafe_member_name(info.filename):
                yield Item(source, error="unsafe member name (absolute or with ..); not read")
            elif _wanted_member(info.filename):
                yield Item(source, load=_zip_loader(archive, info, limits, budget))


def _zip_loader(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits,
                budget: _Budget) -> Callable[[], bytes]:
    def load() -> bytes:
        if budget.left <= 0:
            raise TooLargeError(f"the archive expands past its bound of {budget.total:,} bytes; "
                                "member not read")
        bound = min(limits.document_bytes, budget.left)
        try:
            with archive.open(info) as handle:
                data = handle.read(bound + 1)
        except (zipfile.BadZipFile, zlib.error, OSError, NotImplementedError,
                RuntimeError, EOFError) as exc:  # RuntimeError: an encrypted member
            raise OSError(f"cannot read the archive member: {exc}") from exc
        budget.left -= len(data)
        if len(data) <= bound:
            return data
        if bound == limits.document_bytes:
            raise TooLargeError(f"expands past the bound of {bound:,} bytes per document")
        raise TooLargeError(f"the archive expands past its bound of {budget.total:,} bytes")

    return load


def _wanted_member(name: str) -> bool:
    base = PurePosixPath(name.replace("\\", "/")).name
    return is_document(base) and not base.startswith(".")


def tar_items(path: Path, limits: Limits) -> Iterator[Item]:
    """The documents of a tar (optionally gzip) archive, read as a stream.

    Members must be read as the stream passes them, so each item's ``load`` is
    valid only until the next item is taken (the converter loads at once). The
    stream decompresses every member it passes, so the archive bound counts
    each member's size before it is passed; past the bound, or in a damaged
    archive, one error item for the archive ends it.
    """
    budget = _Budget(limits.archive_bytes)
    try:
        with tarfile.open(path, "r|*") as archive:
            for member in archive:
                if member.size > budget.left:
                    yield Item(str(path), error="the archive expands past its bound of "
                               f"{budget.total:,} bytes; the rest was not read")
                    return
                budget.left -= member.size
                yield from _tar_member(path, archive, member, limits)
    except (tarfile.TarError, zlib.error, OSError, EOFError) as exc:
        yield Item(str(path), error=f"not a readable tar archive (or damaged): {exc}")


def _tar_member(path: Path, archive: tarfile.TarFile, member: tarfile.TarInfo,
                limits: Limits) -> Iterator[Item]:
    source = f"{path}!{member.name}"
    if member.isdir():
        return
    if unsafe_member_name(member.name):
        yield Item(source, error="unsafe member name (absolute or with ..); not read")
    elif not _wanted_member(member.name):
        return
    elif not member.isreg():
        yield Item(source, error="not a regular file (a link or device); not read")
    elif member.size > limits.document_bytes:
        yield Item(source, error=f"expands past the bound of {limits.document_bytes:,} "
                   "bytes per document")
    else:
        yield Item(source, load=_tar_loader(archive, member, limits))


def _tar_loader(archive: tarfile.TarFile, member: tarfile.TarInfo,
                limits: Limits) -> Callable[[], bytes]:
    def load() -> bytes:
        handle = archive.extractfile(member)
        if handle is None:
            raise OSError("the member has no content")
        return read_bounded(handle, limits.document_bytes)

    return load


def stdin_items(stream: IO[bytes], bound: int = Limits.document_bytes) -> Iterator[Item]:
    """JSON Lines of ``{"id", "text"}``; a bad line becomes an error item ``-:LINE``.

    >>> import io
    >>> [(i.source, i.error) for i in stdin_items(io.BytesIO(b'{"id": 7, "text": "x"}\\n[]\\n'))]
    [('7', None), ('-:2', 'expected an object with a "text" string')]
    """
    for number, line in enumerate(_bounded_lines(stream, bound), 1):
        fallback = f"-:{number}"
        if line is None:
            yield Item(fallback, error=f"larger than the bound of {bound:,} bytes")
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield Item(fallback, error=f"not a JSON line: {exc}")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield Item(fallback, error='expected an object with a "text" string')
            continue
        source = str(record["id"]) if record.get("id") is not None else fallback
        text: str = record["text"]
        yield Item(source, load=lambda text=text: text)  # type: ignore[misc]


def _bounded_lines(stream: IO[bytes], bound: int) -> Iterator[bytes | None]:
    """The lines of a stream; None for a line past ``bound`` (skipped, never held whole)."""
    while line := stream.readline(bound + 1):
        if len(line) <= bound:
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = stream.readline(CHUNK)
        yield None
