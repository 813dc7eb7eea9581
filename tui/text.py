"""Turning untrusted snapshot text into something safe to paint.

Headlines, bodies and even ticker pairs come from scraped pages. They must show
literally: never parsed as markup (``Content(str)`` does not parse it, unlike a markup
string) and never able to write a control sequence to the terminal. Every widget builds
its text through :func:`untrusted`, so both guarantees live in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

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


# --- glyphs for terminals with and without UTF-8 -----------------------------------------


@dataclass(frozen=True)
class Glyphs:
    """The app's own symbols; ASCII stand-ins where the terminal's locale is not UTF-8."""

    rise: str
    fall: str
    separator: str  # between ticker quotes and between dates
    ellipsis: str
    open_quote: str
    close_quote: str
    dash: str
    unread: str  # before an unread headline
    star: str  # before a starred one, and on the Starred row
    full_text: str  # the search box's mark while it searches articles' text


UNICODE = Glyphs(
    rise="▲",
    fall="▼",
    separator="·",
    ellipsis="…",
    open_quote="“",
    close_quote="”",
    dash="—",
    unread="●",
    star="★",
    full_text="¶",
)
ASCII = Glyphs(
    rise="+",
    fall="-",
    separator="|",
    ellipsis="...",
    open_quote='"',
    close_quote='"',
    dash="-",
    unread="*",
    star="#",
    full_text="T",
)
glyphs = UNICODE
"""The set in use: the app picks one at start-up with :func:`use_ascii`."""


def use_ascii(ascii_only: bool) -> None:
    global glyphs
    glyphs = ASCII if ascii_only else UNICODE


def locale_is_utf8(environ: Mapping[str, str]) -> bool:
    """Whether the locale the environment names for the terminal is UTF-8.

    The first of LC_ALL, LC_CTYPE and LANG that is set decides, as in C. Python cannot
    tell us: in a C locale it switches its own LC_CTYPE to C.UTF-8 at start-up. With none
    set, UTF-8 is assumed: that is a bare environment (a container, cron) far more often
    than a terminal that cannot show it.
    """
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        if value := environ.get(name):
            return "utf8" in value.lower().replace("-", "")
    return True


def fit(content: Content, width: int) -> Content:
    """``content`` cut to ``width`` cells, ending in an ellipsis when it had to be cut."""
    if content.cell_length <= width:
        return content
    mark = glyphs.ellipsis
    if width <= len(mark):
        return content.truncate(width)
    return content.truncate(width - len(mark)) + mark
