"""Turning untrusted snapshot text into something safe to paint.

Headlines, bodies and even ticker pairs come from scraped pages. They must show
literally: never parsed as markup (``Content(str)`` does not parse it, unlike a markup
string) and never able to write a control sequence to the terminal. Every widget builds
its text through :func:`untrusted`, so both guarantees live in one place.
"""

from __future__ import annotations

from textual.content import Content
from textual.style import Style

_CONTROL_PICTURE_BASE = 0x2400  # U+2400..U+241F picture C0 controls: ESC → ␛
_DELETE_PICTURE = "\u2421"  # ␡
_REPLACEMENT = "\ufffd"  # for C1 controls, which have no pictures

# Terminals and Textual's line splitter treat these as line breaks; a headline is one line.
_LINE_BREAKS = {"\n", "\u2028", "\u2029"}


def _build_table(*, keep_newlines: bool) -> dict[int, str]:
    table = {code: chr(_CONTROL_PICTURE_BASE + code) for code in range(0x20)}
    table[ord("\t")] = " "  # a tab is spacing in prose, not something to point out
    table[0x7F] = _DELETE_PICTURE
    table.update({code: _REPLACEMENT for code in range(0x80, 0xA0)})
    for line_break in _LINE_BREAKS:
        table[ord(line_break)] = "\n" if keep_newlines else " "
    return table


_MULTI_LINE = _build_table(keep_newlines=True)
_SINGLE_LINE = _build_table(keep_newlines=False)


def printable(raw: str, *, single_line: bool = False) -> str:
    """``raw`` with every control character replaced by a visible stand-in.

    C0 controls become their Unicode control pictures (ESC → ␛, BEL → ␇), DEL becomes
    ␡ and C1 controls (U+0080–U+009F, which some terminals obey) become U+FFFD. A tab
    becomes a space. Newlines are kept unless ``single_line``, where they (and Unicode
    line/paragraph separators) become spaces. A Windows line end counts as one newline.
    """
    text = raw.replace("\r\n", "\n")
    return text.translate(_SINGLE_LINE if single_line else _MULTI_LINE)


def untrusted(raw: str, style: Style | str = "", *, single_line: bool = False) -> Content:
    """Untrusted text as Textual ``Content``: shown literally, with ``style`` applied."""
    content = Content(printable(raw, single_line=single_line))
    return content.stylize(style) if style else content
