"""Reading text in the encodings Vietnamese offices used, and refusing the rest."""

import codecs
import unicodedata

import pytest

from ccn_docs.errors import InputError
from ccn_docs.textio import TCVN3_TABLE, decode_text, read_text, write_text_atomically

QUALITY_MARKS = "\u0302\u0306\u031b"  # circumflex, breve, horn
SENTENCE = "Ủy ban nhân dân tỉnh Bắc Giang chỉ đạo các sở, ngành thực hiện nghiêm túc."


def encode_tcvn3(text: str) -> bytes:
    reverse = {char: byte for byte, char in TCVN3_TABLE.items()}
    return bytes(reverse[c] if c in reverse else ord(c) for c in text)


def test_utf8_with_and_without_bom(tmp_path):
    plain, bom = tmp_path / "a.txt", tmp_path / "b.txt"
    plain.write_bytes(SENTENCE.encode("utf-8"))
    bom.write_bytes(codecs.BOM_UTF8 + SENTENCE.encode("utf-8"))
    assert read_text(plain) == SENTENCE
    assert read_text(bom) == SENTENCE


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes(SENTENCE.encode("utf-16"))
    assert read_text(path) == SENTENCE


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 keeps ă, â, ê, ô, ơ, ư, đ as letters and writes tones as combining marks."""
    out = []
    for char in text:
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", char)
            quality = "".join(m for m in marks if m in QUALITY_MARKS)
            tone = "".join(m for m in marks if m not in QUALITY_MARKS)
            out.append(unicodedata.normalize("NFC", base + quality).encode("cp1258") + tone.encode("cp1258"))
    return b"".join(out)


def test_windows_1258(tmp_path):
    path = tmp_path / "cp1258.txt"
    path.write_bytes(encode_cp1258(SENTENCE))
    assert read_text(path) == SENTENCE


def test_tcvn3(tmp_path):
    lower = SENTENCE.lower()  # TCVN3 (ABC) has no capital toned letters
    path = tmp_path / "tcvn3.txt"
    path.write_bytes(encode_tcvn3(lower))
    assert read_text(path) == lower


def test_binary_is_refused_with_the_file_name(tmp_path):
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(InputError, match="image.png.*binary"):
        read_text(path)


def test_undecodable_text_is_a_clear_error(tmp_path):
    path = tmp_path / "cyrillic.txt"
    path.write_bytes("Привет, как дела? Это текст на другом языке.".encode("koi8-r"))
    with pytest.raises(InputError, match="cyrillic.txt"):
        read_text(path)


def test_empty_file_is_empty_text(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert read_text(path) == ""


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="nope.txt"):
        read_text(tmp_path / "nope.txt")


def test_atomic_write_replaces_whole_file(tmp_path):
    path = tmp_path / "out" / "restored.txt"
    write_text_atomically(path, "một")
    write_text_atomically(path, "hai")
    assert path.read_text(encoding="utf-8") == "hai"
    assert [p.name for p in path.parent.iterdir()] == ["restored.txt"]


def test_decode_text_normalises_to_nfc():
    decomposed = unicodedata.normalize("NFD", SENTENCE)
    assert decode_text(decomposed.encode("utf-8"), "x") == SENTENCE
