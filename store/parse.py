"""Snapshot text → ``ParsedSnapshot``: pure functions, no database.

A snapshot is a page as captured: an optional ticker block, an optional date line, an
optional "Viewing results" line, then articles. Real pages are messier than the seeds,
so articles are found by the *shape* of their lines, not by strict alternation: a
headline is short, title-cased and has no sentence-ending punctuation; everything up to
the next headline is its body, paragraphs kept.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .errors import SnapshotFormatError
from .models import Paragraph, Quote
from .text import normalise_newlines

MAX_HEADLINE_CHARS = 200
MAX_HEADLINE_WORDS = 35
# No page has a line this long (a whole article is ~20,000 characters); a longer one is a
# page that lost its line breaks, or not a page at all.
MAX_LINE_CHARS = 1_000_000
MAX_CLAIMED_DIGITS = 9
MAX_WARNINGS = 20

_TICKER = re.compile(
    r"^(?:[•·*\-–]\s*)?(?P<pair>[A-Z]{3}/[A-Z]{3})\s*=\s*(?P<rate>\d+(?:\.\d+)?)\s+"
    r"(?P<change>[+\-−]?\d+(?:\.\d+)?%)$"
)
_MONTH_NAMES = [
    ("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"),
    ("May",), ("June", "Jun"), ("July", "Jul"), ("August", "Aug"),
    ("September", "Sep", "Sept"), ("October", "Oct"), ("November", "Nov"),
    ("December", "Dec"),
]
# Russian-language pages write the month in the genitive: "12 марта 2025".
_RUSSIAN_MONTHS = (
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"
)
_MONTHS = {
    name.lower(): number
    for number, names in enumerate(_MONTH_NAMES, start=1)
    for name in (*names, _RUSSIAN_MONTHS.split()[number - 1])
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_MONTH_YEAR = re.compile(
    rf"^(\d{{1,2}})\s+({_MONTH})\.?\s+(\d{{4}})(?:\s*г\.?)?$", re.IGNORECASE
)
_MONTH_DAY_YEAR = re.compile(rf"^({_MONTH})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})$", re.IGNORECASE)
_RESULTS = re.compile(r"^Viewing results\s+(\d+)\s*[-–]\s*(\d+)\s+of\s+(\d+)$", re.IGNORECASE)

_CAPTION = re.compile(r"\[caption\b[^\]]*\](.*?)\[/caption\]", re.IGNORECASE | re.DOTALL)
# Media shortcodes carry no readable text; [embed]URL[/embed] keeps its URL.
_EMBED = re.compile(r"\[embed\b[^\]]*\](.*?)\[/embed\]", re.IGNORECASE | re.DOTALL)
_MEDIA = re.compile(r"\[/?(?:gallery|video|audio|playlist)\b[^\]]*\]", re.IGNORECASE)
# Where the last closing tag ends: no shortcode can match past it (see _shortcodes).
_CAPTION_END = re.compile(r".*\[/caption\]", re.IGNORECASE | re.DOTALL)
_EMBED_END = re.compile(r".*\[/embed\]", re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"<[^<>]{0,500}>")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_SPACES = re.compile(r"\s+")

_ELLIPSES = ("...", "…")
_SENTENCE_END = (".", ",", ";", ":") + _ELLIPSES
_CLOSERS = "\"”’')]»"  # a sentence may end inside quotes: ...forward-looking.”
# A full stop after a lower-case word, then a capital: two sentences, so not a headline.
# ("U.S. Ambassador" and "vs. Russia" are not sentence breaks.)
_SENTENCE_BREAK = re.compile(r"\b(?!(?:vs|etc)\b)[a-z]{2,}[.!?][\"”’»]?\s+[\"“«]?[A-Z]")
_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into is it its nor of on or per than the to up via vs"
    " with amid over after about".split()
)


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    title: str
    paragraphs: tuple[Paragraph, ...]
    truncated: bool
    line: int


@dataclass(frozen=True, slots=True)
class ParsedSnapshot:
    date: dt.date | None
    claimed_total: int | None
    quotes: tuple[Quote, ...]
    articles: tuple[ParsedArticle, ...]
    warnings: tuple[str, ...] = field(default=())  # "LINE: what was odd", still loaded


@dataclass(slots=True)
class _Block:
    """Consecutive non-blank lines; blank lines separate blocks."""

    line: int
    lines: list[str]

    @property
    def text(self) -> str:
        return " ".join(self.lines)


def parse_date(line: str) -> dt.date | None:
    """A date line ("10 January 2025", "January 10, 2025") or None if it is not one."""
    if m := _DAY_MONTH_YEAR.match(line):
        day, month, year = m.group(1), m.group(2), m.group(3)
    elif m := _MONTH_DAY_YEAR.match(line):
        month, day, year = m.group(1), m.group(2), m.group(3)
    else:
        return None
    try:
        return dt.date(int(year), _MONTHS[month.lower()], int(day))
    except ValueError:
        return None


def _is_cyrillic(text: str) -> bool:
    """Mostly Cyrillic letters (Russian, Kazakh, Kyrgyz...): headlines in sentence case."""
    if text.isascii() or not _CYRILLIC.search(text):
        return False
    return 2 * len(_CYRILLIC.findall(text)) > sum(map(str.isalpha, text))


def _ends_a_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS).endswith(_SENTENCE_END)


def looks_like_headline(text: str) -> bool:
    """True for a short, title-cased line without sentence-ending punctuation.

    Cyrillic headlines are written in sentence case, so for them a capital first letter
    is enough.
    """
    if not text or len(text) > MAX_HEADLINE_CHARS or _ends_a_sentence(text):
        return False
    if _SENTENCE_BREAK.search(text):
        return False
    words = text.split()
    if len(words) > MAX_HEADLINE_WORDS:
        return False
    if _is_cyrillic(text):
        return next((ch for ch in text if ch.isalpha()), "").isupper()
    significant = [w for w in words if w[:1].isalpha() and w.lower() not in _SMALL_WORDS]
    if not significant:
        return False
    capitalised = sum(1 for w in significant if w[0].isupper())
    return capitalised / len(significant) >= 0.6


def _could_be_headline(text: str) -> bool:
    """Weaker test for the first block after the page header (any script, any casing)."""
    return 0 < len(text) <= 160 and not _ends_a_sentence(text)


def clean_paragraph(text: str) -> list[Paragraph]:
    """Drop shortcode syntax, keep caption text as a paragraph of its own."""
    if "[" not in text:  # no shortcode: most paragraphs
        text = text.strip()
        return [Paragraph(text)] if text else []
    with_embeds, rest = _shortcodes(text, _EMBED_END)
    text = _EMBED.sub(r"\1", with_embeds) + rest
    media_end = text.rfind("]") + 1
    text = _MEDIA.sub("", text[:media_end]) + text[media_end:]
    pieces: list[Paragraph] = []
    cursor = 0
    with_captions, _ = _shortcodes(text, _CAPTION_END)
    for m in _CAPTION.finditer(text, 0, len(with_captions)):
        pieces.append(Paragraph(text[cursor : m.start()]))
        caption = _SPACES.sub(" ", _HTML_TAG.sub("", m.group(1)))
        pieces.append(Paragraph(caption, is_caption=True))
        cursor = m.end()
    pieces.append(Paragraph(text[cursor:]))
    return [Paragraph(p.text.strip(), p.is_caption) for p in pieces if p.text.strip()]


def _shortcodes(text: str, last_end: re.Pattern[str]) -> tuple[str, str]:
    """``text`` split after the last closing tag: the part where shortcodes may be.

    Searching the rest is pointless, and quadratic: each unclosed "[caption" would scan
    to the end of the paragraph.
    """
    m = last_end.match(text)
    end = m.end() if m else 0
    return text[:end], text[end:]


def is_truncated(paragraphs: list[Paragraph] | tuple[Paragraph, ...]) -> bool:
    body = [p for p in paragraphs if not p.is_caption]
    return bool(body) and body[-1].text.endswith(_ELLIPSES)


def _blocks(lines: list[str], start: int) -> list[_Block]:
    blocks: list[_Block] = []
    current: _Block | None = None
    for number, raw in enumerate(lines[start:], start=start + 1):
        line = raw.strip()
        if not line:
            current = None
        elif current is None:
            current = _Block(number, [line])
            blocks.append(current)
        else:
            current.lines.append(line)
    return blocks


def _quote(m: re.Match[str]) -> Quote:
    # U+2212 MINUS SIGN is what typeset pages use; float() only reads "-".
    return Quote(m["pair"], m["rate"], m["change"].replace("−", "-"))


def _refuse_long_lines(lines: list[str]) -> None:
    lengths = list(map(len, lines))
    if max(lengths) > MAX_LINE_CHARS:
        number, length = next((i, n) for i, n in enumerate(lengths, 1) if n > MAX_LINE_CHARS)
        raise SnapshotFormatError(
            f"a line of {length:,} characters, longer than any page has"
            f" (at most {MAX_LINE_CHARS:,}): not a snapshot",
            number,
        )


def _capped(warnings: list[str]) -> tuple[str, ...]:
    if len(warnings) <= MAX_WARNINGS:
        return tuple(warnings)
    extra = warnings[MAX_WARNINGS:]
    first_line = extra[0].partition(":")[0]
    return (*warnings[:MAX_WARNINGS], f"{first_line}: and {len(extra)} more warnings from here on")


def parse_snapshot(text: str) -> ParsedSnapshot:
    """Parse snapshot text; raise ``SnapshotFormatError`` when it is not a snapshot.

    Runs in time linear in the text; nothing else is ever raised, whatever the text.
    """
    text = normalise_newlines(text)
    lines = text.split("\n")
    if len(text) > MAX_LINE_CHARS:
        _refuse_long_lines(lines)
    quotes: dict[str, Quote] = {}
    date: dt.date | None = None
    claimed: int | None = None
    warnings: list[str] = []

    # The page header: ticker, date and results lines, in any order, before the articles.
    body_start = len(lines)
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        if m := _TICKER.match(line):
            if m["pair"] not in quotes:  # the first quote of a pair is kept
                quotes[m["pair"]] = _quote(m)
        elif (found := parse_date(line)) is not None:
            if date is None:
                date = found
            elif found != date:
                warnings.append(f"{index + 1}: a second date line ({line}); kept the first")
        elif m := _RESULTS.match(line):
            total = m.group(3).lstrip("0") or "0"
            if len(total) <= MAX_CLAIMED_DIGITS:
                claimed = int(total)
            else:
                warnings.append(f"{index + 1}: claims {len(total)}-digit results; ignored")
        else:
            body_start = index
            break

    articles = _articles(_blocks(lines, body_start), quotes, warnings)
    if not articles and not quotes:
        if body_start == len(lines) and date is None and claimed is None:
            raise SnapshotFormatError("empty file: no ticker, date or articles")
        raise SnapshotFormatError("no articles and no ticker quotes found")
    return ParsedSnapshot(date, claimed, tuple(quotes.values()), tuple(articles), _capped(warnings))


def _articles(
    blocks: list[_Block], quotes: dict[str, Quote], warnings: list[str]
) -> list[ParsedArticle]:
    articles: list[ParsedArticle] = []
    title: str | None = None
    title_line = 0
    body: list[Paragraph] = []

    def finish() -> None:
        if title is None:
            return
        if not body:
            warnings.append(f"{title_line}: headline with no body")
        articles.append(ParsedArticle(title, tuple(body), is_truncated(body), title_line))

    for i, block in enumerate(blocks):
        # A marquee repeated at the foot of the page is still the ticker, never a headline.
        if _TICKER.match(block.lines[0]) and all(_TICKER.match(line) for line in block.lines):
            for line in block.lines:
                m = _TICKER.match(line)
                assert m is not None
                if m["pair"] not in quotes:
                    quotes[m["pair"]] = _quote(m)
            continue
        first, rest = block.lines[0], block.lines[1:]
        headline = looks_like_headline(first) or (title is None and _could_be_headline(first))
        if title is not None and not body and headline and not rest:
            # Straight after a headline comes its body, unless this block is itself a
            # headline followed by a body: then the previous headline had none.
            following = blocks[i + 1].lines[0] if i + 1 < len(blocks) else None
            headline = following is not None and not looks_like_headline(following)
        if headline:
            finish()
            title, title_line, body = first, block.line, []
            if rest:
                body.extend(clean_paragraph(" ".join(rest)))
        elif title is None:
            raise SnapshotFormatError("body text with no headline above it", block.line)
        else:
            body.extend(clean_paragraph(block.text))
    finish()
    return articles
