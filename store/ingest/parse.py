"""Snapshot text → ``ParsedSnapshot``: pure functions, no database.

A snapshot is a page as captured: an optional ticker block, an optional date line, an
optional "Viewing results" line, then articles. The page header is read here; the
articles are put together by ``store.ingest.assemble`` from the shapes of their lines
(``store.ingest.shape``) and the site's conventions for bylines, teasers and page furniture
(``store.ingest.furniture``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from store.errors import SnapshotFormatError
from store.ingest.assemble import ParsedArticle, assemble_articles, blocks_of
from store.ingest.shape import TICKER, clean_paragraph, is_truncated, looks_like_headline, quote_of
from store.models import Quote
from store.text import normalise_newlines

__all__ = [
    "MAX_LINE_CHARS",
    "MAX_WARNINGS",
    "ParsedArticle",
    "ParsedSnapshot",
    "clean_paragraph",
    "is_truncated",
    "looks_like_headline",
    "parse_date",
    "parse_snapshot",
]

# No page has a line this long (a whole article is ~20,000 characters); a longer one is a
# page that lost its line breaks, or not a page at all.
MAX_LINE_CHARS = 1_000_000
MAX_CLAIMED_DIGITS = 9
MAX_WARNINGS = 20

_MONTH_NAMES = [
    ("January", "Jan"),
    ("February", "Feb"),
    ("March", "Mar"),
    ("April", "Apr"),
    ("May",),
    ("June", "Jun"),
    ("July", "Jul"),
    ("August", "Aug"),
    ("September", "Sep", "Sept"),
    ("October", "Oct"),
    ("November", "Nov"),
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


@dataclass(frozen=True, slots=True)
class ParsedSnapshot:
    date: dt.date | None
    claimed_total: int | None
    quotes: tuple[Quote, ...]
    articles: tuple[ParsedArticle, ...]
    warnings: tuple[str, ...] = field(default=())  # "LINE: what was odd", still loaded


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
        if m := TICKER.match(line):
            if m["pair"] not in quotes:  # the first quote of a pair is kept
                quotes[m["pair"]] = quote_of(m)
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

    articles = assemble_articles(blocks_of(lines, body_start), quotes, warnings)
    if not articles and not quotes:
        if body_start == len(lines) and date is None and claimed is None:
            raise SnapshotFormatError("empty file: no ticker, date or articles")
        raise SnapshotFormatError("no articles and no ticker quotes found")
    return ParsedSnapshot(date, claimed, tuple(quotes.values()), tuple(articles), _capped(warnings))
