"""Reading text files in whatever encoding Vietnamese offices used, and writing
outputs atomically.

Order of attempts: UTF-8 (BOM allowed), UTF-16 with a BOM, then the legacy
8-bit encodings Windows-1258 and TCVN3 (ABC), of which the one producing
well-formed Vietnamese wins; anything else is a clear error naming the file.
"""

from __future__ import annotations

import codecs
import os
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from .errors import InputError, Msg
from .vietnamese import TONE_MARKS, WORD_RE, nfc

# TCVN3 (ABC): these bytes, in order, are these letters; other bytes are ASCII/Latin-1.
_TCVN3_BYTES = bytes.fromhex(
    "a1a2a3a4a5a6a7 a8a9aaabacadae b5b6b7b8b9 bbbcbdbe c6 c7c8c9cacb cccecfd0d1 d2d3d4d5d6"
    " d7d8dcddde dfe1e2e3e4 e5e6e7e8e9 eaebecedee eff1f2f3f4 f5f6f7f8f9 fafbfcfdfe"
)
_TCVN3_LETTERS = "ĂÂÊÔƠƯĐ ăâêôơưđ àảãáạ ằẳẵắ ặ ầẩẫấậ èẻẽéẹ ềểễếệ ìỉĩíị òỏõóọ ồổỗốộ ờởỡớợ ùủũúụ ừửữứự ỳỷỹýỵ".replace(" ", "")
TCVN3_TABLE = dict(zip(_TCVN3_BYTES, _TCVN3_LETTERS, strict=True))
_TCVN3_DECODE = "".join(TCVN3_TABLE.get(b, chr(b)) for b in range(256))
_CONTROL_OK = set("\t\n\r\f")
_VIETNAMESE_MARKS = set(TONE_MARKS) | {"\u0302", "\u0306", "\u031b"}  # tones, circumflex, breve, horn
MIN_WELL_FORMED = 0.8


def decode_tcvn3(data: bytes) -> str:
    return codecs.charmap_decode(data, "strict", _TCVN3_DECODE)[0]


def looks_binary(text: str) -> bool:
    """NUL bytes or more than 1% control characters: not a text file."""
    if "\x00" in text:
        return True
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in _CONTROL_OK)
    return controls > 0.01 * max(len(text), 1)


def well_formed_share(text: str) -> float:
    """Share of non-ASCII words that are well-formed Vietnamese: letters only from
    the Vietnamese alphabet and at most one tone mark. Legacy text decoded with the
    wrong table fails this (stray symbols, two tone marks per syllable)."""
    words = [w for w in WORD_RE.findall(nfc(text)) if not w.isascii()]
    if not words:
        return 1.0
    good = 0
    for word in words:
        decomposed = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
        tones = sum(1 for c in decomposed if c in TONE_MARKS)
        if tones <= 1 and all(c.isascii() and c.isalnum() or c in _VIETNAMESE_MARKS for c in decomposed):
            good += 1
    return good / len(words)


def decode_text(data: bytes, path: Path | str) -> str:
    """Text of a file's bytes (NFC), or ``InputError`` naming ``path``."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise InputError(Msg.INPUT_ENCODING.format(path=path)) from error
        if looks_binary(text):
            raise InputError(Msg.INPUT_BINARY.format(path=path))
        return nfc(text)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        if looks_binary(text):
            raise InputError(Msg.INPUT_BINARY.format(path=path))
        return nfc(text)
    if b"\x00" in data:
        raise InputError(Msg.INPUT_BINARY.format(path=path))
    readings = []
    for decode in (lambda d: d.decode("cp1258"), decode_tcvn3):
        try:
            reading = nfc(decode(data))
        except UnicodeDecodeError:
            continue
        if not looks_binary(reading):
            readings.append((well_formed_share(reading), reading))
    if not readings:
        raise InputError(Msg.INPUT_BINARY.format(path=path))
    share, best = max(readings, key=lambda r: r[0])
    if share < MIN_WELL_FORMED:
        raise InputError(Msg.INPUT_ENCODING.format(path=path))
    return best


def read_text(path: Path) -> str:
    """A text file's content, decoded (see module doc); errors name the file."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError as error:
        raise InputError(Msg.INPUT_MISSING.format(path=path)) from error
    except OSError as error:
        raise InputError(Msg.INPUT_UNREADABLE.format(path=path, reason=error.strerror or error)) from error
    return decode_text(data, path)


@contextmanager
def atomic_write(path: Path, *, binary: bool = False) -> Iterator[IO[Any]]:
    """Yield a handle on a temporary file beside ``path`` and rename it over
    ``path`` only when the block succeeds: a reader never sees half a file and
    the old file survives a crash."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        mode = {} if binary else {"encoding": "utf-8", "newline": ""}
        with os.fdopen(descriptor, "wb" if binary else "w", **mode) as handle:
            yield handle
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # what a plain open() would have given
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` atomically (see ``atomic_write``)."""
    with atomic_write(path, binary=True) as handle:
        handle.write(data)


def write_text_atomically(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8, atomically (see ``write_bytes_atomically``)."""
    write_bytes_atomically(path, text.encode("utf-8"))
