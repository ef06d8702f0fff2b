"""Finding inputs and turning bytes into text.

Discovery streams: folders are walked depth-first in sorted order and each file
is read only when its turn comes.  Symlink loops, broken links and unreadable
files become :class:`ReadFailure` items instead of exceptions.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass

from brinkwatch.ingest.failures import failure
from brinkwatch.ingest.lexicon import load_lexicon
from brinkwatch.records import ReadFailure

# Share of control characters above which decoded bytes are not text.
_MAX_CONTROL_SHARE = 0.05
SNIFF_BYTES = 8192
MAX_FILE_BYTES = 64 * 1024 * 1024
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1b")


@dataclass(frozen=True, slots=True)
class FoundFile:
    """A regular file to read, named as the user's path leads to it."""

    path: str


def discover(path: str) -> Iterator[FoundFile | ReadFailure]:
    """``path`` itself if it is a file, every file under it if it is a folder."""
    try:
        info = os.stat(path)
    except OSError as exc:
        yield _stat_failure(path, exc)
        return
    if stat.S_ISDIR(info.st_mode):
        yield from _walk(path, frozenset({os.path.realpath(path)}))
    elif stat.S_ISREG(info.st_mode):
        yield FoundFile(path)
    else:
        yield failure(path, "unreadable", "not a regular file or folder")


def _walk(directory: str, ancestors: frozenset[str]) -> Iterator[FoundFile | ReadFailure]:
    """Depth-first, sorted by name; hidden entries and README-like files are skipped."""
    try:
        names = sorted(n for n in os.listdir(directory) if not _skipped(n))
    except OSError as exc:
        yield failure(directory, "unreadable", f"cannot list the folder ({exc.strerror})")
        return
    for name in names:
        path = os.path.join(directory, name)
        try:
            info = os.stat(path)
        except OSError as exc:
            yield _stat_failure(path, exc)
            continue
        if stat.S_ISDIR(info.st_mode):
            real = os.path.realpath(path)
            if real in ancestors:
                yield failure(path, "symlink-loop", f"links back to {real}")
            else:
                yield from _walk(path, ancestors | {real})
        elif stat.S_ISREG(info.st_mode):
            yield FoundFile(path)


def _skipped(name: str) -> bool:
    """Hidden entries and documentation files (README.md ...) are not articles."""
    stem = os.path.splitext(name)[0].lower()
    return name.startswith(".") or stem in load_lexicon().skip_stems


def _stat_failure(path: str, exc: OSError) -> ReadFailure:
    if exc.errno == errno.ELOOP:
        return failure(path, "symlink-loop", "too many levels of symbolic links")
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return failure(path, "not-found", "no such file or folder")
    return failure(path, "unreadable", f"cannot read ({exc.strerror or exc})")


def read_file_bytes(path: str) -> bytes:
    """The file's bytes (a seam the tests use to simulate unreadable files)."""
    with open(path, "rb") as handle:
        return handle.read(MAX_FILE_BYTES + 1)


def decode_bytes(data: bytes) -> str:
    """Text from bytes: UTF-16/UTF-8 with a byte-order mark, UTF-8, else CP-1252,
    else Latin-1 (which decodes anything).  Line ends are normalised to "\\n"."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        text = _first_decoding(data.removeprefix(b"\xef\xbb\xbf"))
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _first_decoding(data: bytes) -> str:
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _sample_text(sample: bytes) -> str:
    """Decode the start of a file; a UTF-8 character cut at the end is not an error."""
    try:
        return codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return _first_decoding(sample)


def looks_binary(data: bytes) -> bool:
    """NUL bytes (outside UTF-16 text) or a high share of control characters."""
    sample = data[:SNIFF_BYTES]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in sample:
        return True
    text = _sample_text(sample)
    controls = sum(
        1 for c in text if (c < " " or "\x7f" <= c <= "\x9f") and c not in _TEXT_CONTROLS
    )
    return controls > _MAX_CONTROL_SHARE * max(len(text), 1)
