"""Plain values that travel between the store, the search index and the UI.

Everything here is immutable and free of SQL and Textual, so widgets and tests can
hold these objects without caring where they came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Quote:
    """One currency pair as the site's ticker printed it."""

    pair: str
    rate: str  # kept as printed ("0.00190") so trailing zeros survive
    change: str  # kept as printed ("-0.14%", "-0%")

    @property
    def rate_value(self) -> float:
        return float(self.rate)

    @property
    def change_value(self) -> float:
        """The change in percent, as a number (``-0%`` is 0.0)."""
        return float(self.change.rstrip("%"))

    @property
    def direction(self) -> int:
        """1 when the rate went up, -1 when down, 0 when unchanged."""
        value = self.change_value
        return (value > 0) - (value < 0)


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    is_caption: bool = False


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One loaded snapshot file: a page as it was on one day."""

    id: int
    label: str  # "10 January 2025", or the file name when the page showed no date
    date: dt.date | None
    claimed_total: int | None  # what "Viewing results 1 - 6 of N" said, if anything
    article_count: int  # articles actually listed on the page
    source_name: str

    @property
    def is_dated(self) -> bool:
        return self.date is not None

    @property
    def short_label(self) -> str:
        """A compact label for narrow places: "07 Jan 2025", or the file name."""
        return self.date.strftime("%d %b %Y") if self.date else self.label


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """A row of a snapshot's article list."""

    id: int
    title: str
    truncated: bool
    position: int  # 0-based place on the page
    other_dates: tuple[dt.date, ...] = ()  # dated snapshots it also appeared in


@dataclass(frozen=True, slots=True)
class Article:
    """An article with its full body and every snapshot it appeared in."""

    id: int
    title: str
    paragraphs: tuple[Paragraph, ...]
    truncated: bool
    appearances: tuple[Snapshot, ...] = field(default=())  # dated oldest first, undated last
    author: str | None = None  # the writer a page named, if any

    @property
    def body(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)


@dataclass(frozen=True, slots=True)
class Headline:
    """What the fuzzy index needs of an article."""

    id: int
    title: str


@dataclass(frozen=True, slots=True)
class BodyHit:
    """A full-text search result; the snippet is split into (text, is_match) spans."""

    article_id: int
    title: str
    snippet: tuple[tuple[str, bool], ...]
    rank: float


@dataclass(frozen=True, slots=True)
class QuoteAt:
    """A pair's quote in one dated snapshot (for the ticker history)."""

    snapshot: Snapshot
    quote: Quote


@dataclass(frozen=True, slots=True)
class Stats:
    snapshots: int
    undated_snapshots: int
    articles: int
    appearances: int
    quotes: int
    truncated_articles: int

    def as_dict(self) -> dict[str, int]:
        return {
            "snapshots": self.snapshots,
            "undated_snapshots": self.undated_snapshots,
            "articles": self.articles,
            "appearances": self.appearances,
            "quotes": self.quotes,
            "truncated_articles": self.truncated_articles,
        }


@dataclass(frozen=True, slots=True)
class SnapshotDiff:
    """A snapshot against the dated snapshot before it: what came, stayed and went."""

    snapshot: Snapshot
    previous: Snapshot | None  # None for the oldest dated snapshot, or an undated one
    new: tuple[ArticleSummary, ...]  # on this page, not on the previous one (page order)
    kept: tuple[ArticleSummary, ...]  # on both (this page's order)
    dropped: tuple[ArticleSummary, ...]  # on the previous page only (its order)
