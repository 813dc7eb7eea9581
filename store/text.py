"""Turning the bytes of a captured page into text, and text into comparison keys."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from .errors import SnapshotFormatError

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8", "UTF-8 byte-order mark removed"),
    (b"\xff\xfe", "utf-16-le", "decoded as UTF-16"),
    (b"\xfe\xff", "utf-16-be", "decoded as UTF-16"),
)
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\xa0": " "})
_SPACES = re.compile(r"\s+")
_TRAILING_ELLIPSIS = re.compile(r"(?:\.\.\.|…)\s*$")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_snapshot(data: bytes) -> tuple[str, list[str]]:
    """Decode a captured page, returning the text and notes on anything unusual.

    UTF-8 is expected; pages saved by other tools arrive with a BOM, cut in the middle of
    a character, or in a legacy code page (Windows-1251 for Cyrillic, Windows-1252 /
    Latin-1 otherwise). Binary data is refused rather than guessed at.
    """
    notes: list[str] = []
    for bom, codec, note in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), [note]
            except UnicodeDecodeError as error:
                raise SnapshotFormatError(f"not valid {codec} after its byte-order mark") from error
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise SnapshotFormatError("binary data (NUL byte), not a text snapshot", line)
    try:
        return data.decode("utf-8"), notes
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data" and error.end == len(data):
            notes.append("file ends inside a UTF-8 character; that partial character dropped")
            return data[: error.start].decode("utf-8"), notes
        bad_line = data.count(b"\n", 0, error.start) + 1
    text, codec = _decode_legacy(data)
    if _looks_binary(text):
        raise SnapshotFormatError("binary data, not a text snapshot", bad_line)
    notes.append(f"not UTF-8 (line {bad_line}); decoded as {codec}")
    return text, notes


def _decode_legacy(data: bytes) -> tuple[str, str]:
    high = [b for b in data if b >= 0x80]
    # Cyrillic text in Windows-1251 is mostly letters in 0xC0-0xFF; Western text has
    # only the odd accented letter or typographic quote among ASCII.
    letters = sum(1 for b in high if b >= 0xC0)
    if high and letters / len(high) > 0.7 and letters > len(data) * 0.05:
        return data.decode("cp1251", errors="replace"), "Windows-1251"
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Latin-1"


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / len(sample) > 0.1


def content_hash(text: str) -> str:
    """The identity of a snapshot: its text, whatever the encoding or line endings."""
    return hashlib.sha256(normalise_newlines(text).strip().encode("utf-8")).hexdigest()


def comparison_key(text: str) -> str:
    """Text folded so that typography, case and spacing do not make two copies differ."""
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return _SPACES.sub(" ", folded).strip()


def body_key(body: str) -> str:
    """A body's comparison key without the ellipsis that marks an excerpt."""
    return _TRAILING_ELLIPSIS.sub("", comparison_key(body)).rstrip()


def title_key(title: str) -> str:
    return hashlib.blake2b(comparison_key(title).encode("utf-8"), digest_size=12).hexdigest()
