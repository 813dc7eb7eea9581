"""Turning the bytes of a captured page into text, and text into comparison keys."""

from __future__ import annotations

import hashlib
import unicodedata

from store.errors import SnapshotFormatError

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# Typography folded away by comparison_key, as (character, replacement) pairs: a few
# str.replace calls are ~40x faster than str.translate with a table on long bodies.
_QUOTES = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"), ("\xa0", " "))

# Bytes that plain text does not contain: C0 controls other than tab, newline, form feed
# and carriage return, and DEL. Above this share a file is binary, not a damaged page.
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
BINARY_SHARE = 0.05
# Letters in both Windows-1251 (Cyrillic) and Windows-1252 (accented Latin): mapped to
# "L" so that runs of them can be counted with bytes.count, at C speed on 20 MB files.
_LETTER_MASK = bytes(
    ord("L") if byte >= 0xC0 or byte in (0xA8, 0xB8) else ord(".") for byte in range(256)
)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_snapshot(data: bytes) -> tuple[str, list[str]]:
    """Decode a captured page, returning the text and notes on anything unusual.

    UTF-8 is expected; pages saved by other tools arrive with a byte-order mark, CR LF
    line ends, NUL padding, cut in the middle of a character, with a few bytes that are
    not UTF-8, or in a legacy code page (Windows-1251 for Cyrillic, Windows-1252 /
    Latin-1 otherwise). Each of these is repaired and noted. Binary data is refused
    (``SnapshotFormatError``) rather than guessed at. Linear in the size of ``data``.
    """
    notes: list[str] = []
    for bom, codec in _UTF16_BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as error:
                raise SnapshotFormatError("not valid UTF-16 after its byte-order mark") from error
            notes.append("decoded as UTF-16")
            # From here on the common path: NUL and binary checks, line ends.
            data = text.encode("utf-8")
            break
    else:
        if data.startswith(_UTF8_BOM):
            data = data[len(_UTF8_BOM) :]
            notes.append("UTF-8 byte-order mark removed")
    data = _without_nuls(data, notes)
    text = _decode(data, notes)
    crlf = text.count("\r\n")
    if crlf:
        notes.append("Windows line ends (CR LF) read as newlines")
    if text.count("\r") > crlf:
        notes.append("carriage returns (CR) read as newlines")
    return text, notes


def _without_nuls(data: bytes, notes: list[str]) -> bytes:
    """Drop NUL padding and stray NULs from text; refuse data that is binary."""
    text_part = data.rstrip(b"\x00")
    if padding := len(data) - len(text_part):
        if not text_part:
            raise SnapshotFormatError("only NUL bytes: the page was never written")
        notes.append(f"{_count(padding, 'NUL byte')} of padding at the end removed")
    controls = len(text_part) - len(text_part.translate(None, _CONTROL_BYTES))
    if controls > len(text_part) * BINARY_SHARE:
        raise SnapshotFormatError("binary data, not a text snapshot")
    if stray := text_part.count(b"\x00"):
        line = text_part.count(b"\n", 0, text_part.index(b"\x00")) + 1
        notes.append(f"{_count(stray, 'NUL byte')} removed (the first on line {line})")
        text_part = text_part.replace(b"\x00", b"")
    return text_part


def _decode(data: bytes, notes: list[str]) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data" and error.end == len(data):
            notes.append("file ends inside a UTF-8 character; that partial character dropped")
            return data[: error.start].decode("utf-8")
        bad_line = data.count(b"\n", 0, error.start) + 1
    # UTF-8 with a few damaged bytes keeps its good characters; a legacy code page has
    # no valid multi-byte sequences to speak of.
    text = data.decode("utf-8", "replace")
    invalid = text.count("\ufffd") - data.count("\ufffd".encode())
    valid_non_ascii = len(text) - len(text.encode("ascii", "ignore")) - invalid
    if valid_non_ascii > invalid:
        notes.append(
            f"{_count(invalid, 'byte')} that {'is' if invalid == 1 else 'are'} not UTF-8"
            f" replaced by U+FFFD (the first on line {bad_line})"
        )
        return text
    text, codec = _decode_legacy(data)
    notes.append(f"not UTF-8 (line {bad_line}); decoded as {codec}")
    return text


def _decode_legacy(data: bytes) -> tuple[str, str]:
    # Cyrillic words are runs of letters above 0xC0 in Windows-1251; Western text has an
    # accented letter here and there among ASCII ones ("Café", "Zürich").
    mask = data.translate(_LETTER_MASK)
    letters = mask.count(b"L")
    if letters and 2 * mask.count(b"LL") > 0.6 * letters:
        return data.decode("cp1251", errors="replace"), "Windows-1251"
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Latin-1"


def _count(n: int, thing: str) -> str:
    return f"{n:,} {thing}{'' if n == 1 else 's'}"


def readable_name(name: str) -> str:
    """A file name as valid text: bytes that are not UTF-8 become U+FFFD.

    Names of files from old archives are often Latin-1 or Windows-1251; Python keeps
    their bytes as lone surrogates, which SQLite (UTF-8 only) cannot store.
    """
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return name.encode("utf-8", "replace").decode("utf-8")


def content_hash(text: str) -> str:
    """The identity of a snapshot: its text, whatever the encoding or line endings."""
    return hashlib.sha256(normalise_newlines(text).strip().encode("utf-8")).hexdigest()


def comparison_key(text: str) -> str:
    """Text folded so that typography, case and spacing do not make two copies differ."""
    folded = unicodedata.normalize("NFKC", text)
    if not folded.isascii():  # none of _QUOTES is ASCII
        for typographic, plain in _QUOTES:
            folded = folded.replace(typographic, plain)
    # str.split() and the regex \s agree on what whitespace is (str.isspace).
    return " ".join(folded.casefold().split())


def body_key(body: str) -> str:
    """A body's comparison key without the ellipsis that marks an excerpt."""
    key = comparison_key(body)  # no space at either end
    # What removing r"(?:\.\.\.|…)\s*$" does, without a regex that tries every position.
    if key.endswith("..."):
        return key[:-3].rstrip()
    if key.endswith("…"):
        return key[:-1].rstrip()
    return key


def title_key(title: str) -> str:
    return hashlib.blake2b(comparison_key(title).encode("utf-8"), digest_size=12).hexdigest()
