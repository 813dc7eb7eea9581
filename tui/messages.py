"""Messages that thread workers post back to the app."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # store.search.fuzzy loads numpy and rapidfuzz: not on the start-up path
    from store.models import BodyHit
    from store.search.fuzzy import HeadlineIndex, SearchResult


@dataclass
class IndexReady(Message):
    """The headline index finished building in its worker."""

    index: HeadlineIndex


@dataclass
class SearchFinished(Message):
    """A search worker's result; only the newest one waiting in the queue matters."""

    result: SearchResult
    country: str | None = None  # the country the search was narrowed to
    countries: dict[int, tuple[str, ...]] = field(default_factory=dict)  # of the matches

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, SearchFinished)


@dataclass
class TextSearchFinished(Message):
    """A full-text search worker's hits for ``query``; only the newest one matters."""

    query: str
    hits: list[BodyHit]
    country: str | None = None  # the country the search was narrowed to
    countries: dict[int, tuple[str, ...]] = field(default_factory=dict)  # of the hits

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, TextSearchFinished)
