"""The read API over a tca-tui database: the only way the UI and the CLI read data.

An ``Archive`` may be used from several threads (Textual workers): each thread gets
its own SQLite connection, so a search in a worker never waits on the UI thread.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, overload

from store import country_tags
from store.db import connect, is_empty, open_connection
from store.errors import Cancelled
from store.models import (
    Article,
    ArticleSummary,
    BodyHit,
    Headline,
    Paragraph,
    Quote,
    QuoteAt,
    Snapshot,
    SnapshotDiff,
    Stats,
)
from store.search import fulltext, headline_index
from store.sql import rows_in

if TYPE_CHECKING:
    import sqlite_utils

_SNAPSHOT_COLUMNS = "s.id, s.label, s.date, s.claimed_total, s.article_count, s.source_name"
# Dated newest first; undated after them, by file name.
_SNAPSHOT_ORDER = (
    "s.date IS NULL, s.date DESC, CASE WHEN s.date IS NULL THEN s.label END, s.id DESC"
)
RELATED_TERMS = 3  # a headline's rarest words that related articles share two of
RELATED_SINGLE_WORD_MIN = 50  # one shared word will do if it is this rare (or 1% of all)
RECENT_WINDOW = 4  # recent_rates reads this many times `count` dated snapshots, at most
# Words too common to say what a headline is about (FTS5 folds case, so lower case here).
_STOPWORDS = frozenset(
    [
        "about",
        "after",
        "against",
        "amid",
        "and",
        "are",
        "as",
        "at",
        "before",
        "between",
        "but",
        "by",
        "can",
        "could",
        "does",
        "for",
        "from",
        "has",
        "have",
        "how",
        "into",
        "its",
        "new",
        "not",
        "now",
        "off",
        "over",
        "says",
        "than",
        "that",
        "the",
        "their",
        "this",
        "through",
        "to",
        "under",
        "was",
        "were",
        "what",
        "when",
        "who",
        "why",
        "will",
        "with",
    ]
)


def _snapshot(row: tuple) -> Snapshot:
    id_, label, date, claimed, count, source = row
    return Snapshot(
        id_, label, dt.date.fromisoformat(date) if date else None, claimed, count, source
    )


class SnapshotPages(Sequence[Snapshot]):
    """A read-only sequence of snapshots that fetches them in pages on first access."""

    PAGE = 256

    def __init__(self, archive: Archive, count: int) -> None:
        self._archive = archive
        self._count = count
        self._pages: dict[int, list[Snapshot]] = {}

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Snapshot: ...
    @overload
    def __getitem__(self, index: slice) -> list[Snapshot]: ...

    def __getitem__(self, index: int | slice) -> Snapshot | list[Snapshot]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        number, offset = divmod(index, self.PAGE)
        page = self._pages.get(number)
        if page is None:
            page = self._pages[number] = self._archive._snapshot_page(number * self.PAGE, self.PAGE)
        if offset >= len(page):  # the archive changed under us; a refresh re-reads it
            raise IndexError(index)
        return page[offset]


class Archive:
    def __init__(self, path: Path | str, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._local = threading.local()
        self._lock = threading.Lock()
        self._connections: list[sqlite3.Connection] = []
        self._term_counts: dict[str, int] = {}  # see _document_frequency
        # Validates, creates or migrates the database once, up front.
        self._adopt(open_connection(self.path, readonly=readonly))

    def _adopt(self, conn: sqlite3.Connection) -> sqlite3.Connection:
        self._local.conn = conn
        with self._lock:
            self._connections.append(conn)
        return conn

    @property
    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        return conn if conn is not None else self._adopt(connect(self.path, readonly=self.readonly))

    @property
    def db(self) -> sqlite_utils.Database:
        """This thread's connection as a sqlite-utils ``Database``, for the loader."""
        import sqlite_utils  # only writers need it; readers start faster without it

        return sqlite_utils.Database(self._conn)

    def data_version(self) -> int:
        """A number that changes whenever another connection commits to the archive.

        Free to read (SQLite's ``PRAGMA data_version``): the app polls it to notice what
        ``tca-tui load`` adds from another process.
        """
        return self._conn.execute("PRAGMA data_version").fetchone()[0]

    def is_empty(self) -> bool:
        return is_empty(self._conn)

    def _rows(self, sql: str, params: tuple | dict = ()) -> list[tuple]:
        return self._conn.execute(sql, params).fetchall()

    def snapshots(self) -> list[Snapshot]:
        """All snapshots, newest date first, undated ones last (by file name)."""
        rows = self._rows(f"SELECT {_SNAPSHOT_COLUMNS} FROM snapshots s ORDER BY {_SNAPSHOT_ORDER}")
        return [_snapshot(row) for row in rows]

    def snapshot_pages(self) -> SnapshotPages:
        """All snapshots in the same order, read a page at a time as they are looked at.

        Reading 50,000 snapshots up front costs ~0.4 s; the first screen shows forty.
        """
        (count,) = self._rows("SELECT count(*) FROM snapshots")[0]
        return SnapshotPages(self, count)

    def _snapshot_page(self, offset: int, limit: int) -> list[Snapshot]:
        rows = self._rows(
            f"SELECT {_SNAPSHOT_COLUMNS} FROM snapshots s ORDER BY {_SNAPSHOT_ORDER}"
            " LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [_snapshot(row) for row in rows]

    def snapshot(self, snapshot_id: int) -> Snapshot | None:
        rows = self._rows(
            f"SELECT {_SNAPSHOT_COLUMNS} FROM snapshots s WHERE s.id = ?", (snapshot_id,)
        )
        return _snapshot(rows[0]) if rows else None

    def articles_in(self, snapshot_id: int) -> list[ArticleSummary]:
        """A snapshot's articles in page order, each with the other dates it was seen on."""
        others: dict[int, list[dt.date]] = {}
        for article_id, date in self._rows(
            "SELECT DISTINCT ap.article_id, s.date FROM appearances ap"
            " JOIN appearances other ON other.article_id = ap.article_id"
            "  AND other.snapshot_id != ap.snapshot_id"
            " JOIN snapshots s ON s.id = other.snapshot_id"
            " WHERE ap.snapshot_id = ? AND s.date IS NOT NULL ORDER BY s.date",
            (snapshot_id,),
        ):
            others.setdefault(article_id, []).append(dt.date.fromisoformat(date))
        rows = self._rows(
            "SELECT ap.position, a.id, a.title, a.truncated FROM appearances ap"
            " JOIN articles a ON a.id = ap.article_id"
            " WHERE ap.snapshot_id = ? ORDER BY ap.position",
            (snapshot_id,),
        )
        countries = self.countries_of(row[1] for row in rows)
        return [
            ArticleSummary(
                id_,
                title,
                bool(truncated),
                position,
                tuple(others.get(id_, ())),
                countries.get(id_, ()),
            )
            for position, id_, title, truncated in rows
        ]

    def article(self, article_id: int) -> Article | None:
        rows = self._rows(
            f"SELECT title, body, caption_paragraphs, truncated, {self._author_column}"
            " FROM articles WHERE id = ?",
            (article_id,),
        )
        if not rows:
            return None
        title, body, captions, truncated, author = rows[0]
        caption_indices = {int(i) for i in captions.split(",")} if captions else set()
        paragraphs = tuple(
            Paragraph(text, i in caption_indices)
            for i, text in enumerate(body.split("\n\n") if body else [])
        )
        appearances = self._rows(
            f"SELECT DISTINCT {_SNAPSHOT_COLUMNS} FROM appearances ap"
            " JOIN snapshots s ON s.id = ap.snapshot_id WHERE ap.article_id = ?"
            " ORDER BY s.date IS NULL, s.date, s.label, s.id",
            (article_id,),
        )
        return Article(
            article_id,
            title,
            paragraphs,
            bool(truncated),
            tuple(map(_snapshot, appearances)),
            author,
            self.countries_of([article_id]).get(article_id, ()),
        )

    def authors(self, article_ids: Sequence[int]) -> dict[int, str]:
        """The named authors of these articles (those with none are left out)."""
        ids = list(article_ids)
        if not ids or self._author_column == "NULL":
            return {}
        return dict(
            self._rows(
                "SELECT id, author FROM articles WHERE author IS NOT NULL"
                " AND id IN (SELECT value FROM json_each(?))",
                (json.dumps(ids),),
            )
        )

    @functools.cached_property
    def _author_column(self) -> str:
        # A read-only archive from before authors were stored is browsed as it is.
        columns = {row[1] for row in self._rows("PRAGMA table_info(articles)")}
        return "author" if "author" in columns else "NULL"

    def headlines(self, after: int = 0) -> list[Headline]:
        """Distinct articles' headlines in id order (those with an id above ``after``)."""
        rows = self._rows("SELECT id, title FROM articles WHERE id > ? ORDER BY id", (after,))
        return [Headline(id_, title) for id_, title in rows]

    def stored_headline_index(self) -> dict[str, bytes] | None:
        """The fuzzy index the last load saved (see store/search/headline_index.py), if usable."""
        return headline_index.read(self._conn)

    def search_bodies(
        self,
        query: str,
        limit: int = 50,
        cancelled: Callable[[], bool] | None = None,
        country: str | None = None,
    ) -> list[BodyHit]:
        """Full-text search over headlines and bodies, best (bm25) first (store/search/fulltext.py).
        Raises :class:`Cancelled` as soon as ``cancelled()`` says so. With ``country``,
        only articles tagged with it are searched.
        """
        if country is not None and not self._has_country_tags():
            return []
        with self._cancellable(cancelled):
            return fulltext.search(self._conn, query, limit, country)

    @contextmanager
    def _cancellable(self, cancelled: Callable[[], bool] | None) -> Iterator[None]:
        """Queries in this block stop (Cancelled) soon after ``cancelled()`` is true."""
        if cancelled is None:
            yield
            return
        if cancelled():
            raise Cancelled
        conn = self._conn
        conn.set_progress_handler(lambda: int(cancelled()), 1000)  # every ~0.1 ms of work
        try:
            yield
        except sqlite3.OperationalError as error:
            if cancelled():
                raise Cancelled from error
            raise
        finally:
            conn.set_progress_handler(None, 0)

    def quotes(self, snapshot_id: int) -> list[Quote]:
        """A snapshot's ticker quotes in page order."""
        rows = self._rows(
            "SELECT pair, rate, change FROM quotes WHERE snapshot_id = ? ORDER BY position",
            (snapshot_id,),
        )
        return [Quote(*row) for row in rows]

    def quote_history(self, pair: str) -> list[QuoteAt]:
        """One pair's quote in every dated snapshot, oldest first."""
        rows = self._rows(
            f"SELECT {_SNAPSHOT_COLUMNS}, q.pair, q.rate, q.change FROM quotes q"
            " JOIN snapshots s ON s.id = q.snapshot_id"
            " WHERE q.pair = ? AND s.date IS NOT NULL ORDER BY s.date, s.id",
            (pair,),
        )
        return [QuoteAt(_snapshot(row[:6]), Quote(*row[6:])) for row in rows]

    def recent_rates(self, snapshot_id: int, count: int = 8) -> dict[str, list[float]]:
        """Each pair's rates in the dated snapshots up to and including this one, oldest
        first, at most ``count`` of them: what the ticker's sparklines draw.

        Only the last ``RECENT_WINDOW * count`` dated snapshots are read (through the
        date index), never a pair's whole history, so a pair missing from most of them
        gets fewer rates. An undated or unknown snapshot has none: {}. Rates that are
        not finite numbers are left out.
        """
        rows = self._rows(
            "SELECT q.pair, q.rate FROM ("
            "  SELECT s.id, s.date FROM snapshots s JOIN snapshots this ON this.id = ?"
            "  WHERE s.date IS NOT NULL AND (s.date, s.id) <= (this.date, this.id)"
            "  ORDER BY s.date DESC, s.id DESC LIMIT ?"
            ") s JOIN quotes q ON q.snapshot_id = s.id ORDER BY s.date, s.id, q.position",
            (snapshot_id, RECENT_WINDOW * count),
        )
        rates: dict[str, list[float]] = {}
        for pair, rate in rows:
            try:
                value = float(rate)
            except (TypeError, ValueError):
                continue
            if math.isfinite(value):
                rates.setdefault(pair, []).append(value)
        return {pair: values[-count:] for pair, values in rates.items()}

    # --- countries (store/countries.py tags them, store/country_tags.py stores them) --

    def _has_country_tags(self) -> bool:
        """False for a read-only archive from before articles were tagged."""
        if not hasattr(self, "_country_tags"):
            self._country_tags = country_tags.has_tags(self._conn)
        return self._country_tags

    def countries_of(self, article_ids: Iterable[int]) -> dict[int, tuple[str, ...]]:
        """Each article's country codes, in the names file's order; untagged ones left out."""
        if not self._has_country_tags():
            return {}
        return country_tags.countries_of(self._conn, article_ids)

    def article_ids_in_country(self, code: str) -> list[int]:
        """Every article mentioning the country ``code``, in id order."""
        if not self._has_country_tags():
            return []
        return country_tags.article_ids_in(self._conn, code)

    def country_counts(self) -> dict[str, int]:
        """How many articles mention each country (countries none mention left out)."""
        return country_tags.counts(self._conn) if self._has_country_tags() else {}

    def articles_in_country(self, code: str, limit: int) -> list[ArticleSummary]:
        """Up to ``limit`` articles mentioning ``code``, newest snapshot first."""
        if not self._has_country_tags() or limit <= 0:
            return []
        ids = []
        for id_ in country_tags.newest_in(self._conn, code, _SNAPSHOT_ORDER):
            ids.append(id_)
            if len(ids) >= limit:
                break
        titles = dict(
            (id_, (title, truncated))
            for id_, title, truncated in self._rows(
                "SELECT id, title, truncated FROM articles"
                " WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(ids),),
            )
        )
        countries = self.countries_of(ids)
        return [
            ArticleSummary(
                id_,
                titles[id_][0],
                bool(titles[id_][1]),
                position,
                countries=countries.get(id_, ()),
            )
            for position, id_ in enumerate(ids)
            if id_ in titles
        ]

    def stats(self) -> Stats:
        (row,) = self._rows(
            "SELECT (SELECT count(*) FROM snapshots),"
            " (SELECT count(*) FROM snapshots WHERE date IS NULL),"
            " (SELECT count(*) FROM articles),"
            " (SELECT count(*) FROM appearances),"
            " (SELECT count(*) FROM quotes),"
            " (SELECT count(*) FROM articles WHERE truncated)"
        )
        return Stats(*row)

    def close(self) -> None:
        with self._lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self._local = threading.local()

    # --- keys for the reader's own state (store/reading.py) -----------------------------

    def article_keys(self, article_ids: Iterable[int]) -> dict[int, str]:
        """Each article's key: a hash of its normalised headline, the same in any archive
        the same snapshots are loaded into, so a reader's state can be kept by it."""
        return dict(
            rows_in(
                self._rows, "SELECT id, title_key FROM articles WHERE id IN ({marks})", article_ids
            )
        )

    def snapshot_article_keys(self, snapshot_id: int) -> dict[int, str]:
        """A snapshot's articles (id → key), in page order."""
        return dict(
            self._rows(
                "SELECT a.id, a.title_key FROM appearances ap JOIN articles a ON a.id = ap.article_id"
                " WHERE ap.snapshot_id = ? ORDER BY ap.position",
                (snapshot_id,),
            )
        )

    def articles_with_keys(self, keys: Sequence[str]) -> list[ArticleSummary]:
        """One article per key (the latest stored), in the order of ``keys``; keys of
        articles not in this archive are left out."""
        found: dict[str, tuple[int, str, int]] = {}
        for key, id_, title, truncated in rows_in(
            self._rows,
            "SELECT title_key, max(id), title, truncated FROM articles"
            " WHERE title_key IN ({marks}) GROUP BY title_key",
            keys,
        ):
            found[key] = (id_, title, truncated)
        present = [found[key] for key in keys if key in found]
        return [
            ArticleSummary(id_, title, bool(truncated), position)
            for position, (id_, title, truncated) in enumerate(present)
        ]

    # --- what changed between snapshots -----------------------------------------------

    def new_article_ids(self, snapshot_id: int) -> set[int]:
        """A dated snapshot's articles that no earlier dated snapshot showed (an undated
        snapshot has no "earlier": none). Costs one index look-up per article listed."""
        return {
            id_
            for (id_,) in self._rows(
                "SELECT ap.article_id FROM appearances ap JOIN snapshots this"
                " ON this.id = ap.snapshot_id AND this.date IS NOT NULL"
                " WHERE ap.snapshot_id = ? AND NOT EXISTS ("
                "  SELECT 1 FROM appearances o JOIN snapshots s ON s.id = o.snapshot_id"
                "  WHERE o.article_id = ap.article_id AND s.date IS NOT NULL"
                "  AND (s.date < this.date OR (s.date = this.date AND s.id < this.id)))",
                (snapshot_id,),
            )
        }

    def previous_snapshot(self, snapshot_id: int) -> Snapshot | None:
        """The dated snapshot just before this one (by date, then by id); None if none.

        A row value, not ``date < … OR (date = … AND id < …)``: SQLite then seeks the
        date index to this snapshot and reads one row back. Spelled with OR it gathered
        every earlier snapshot and sorted them (~17 ms for the newest of 50,000).
        """
        rows = self._rows(
            f"SELECT {_SNAPSHOT_COLUMNS} FROM snapshots s JOIN snapshots this ON this.id = ?"
            " WHERE this.date IS NOT NULL AND s.date IS NOT NULL"
            " AND (s.date, s.id) < (this.date, this.id)"
            " ORDER BY s.date DESC, s.id DESC LIMIT 1",
            (snapshot_id,),
        )
        return _snapshot(rows[0]) if rows else None

    def diff(self, snapshot_id: int) -> SnapshotDiff | None:
        """This snapshot against the previous dated one; None for an unknown snapshot."""
        snapshot = self.snapshot(snapshot_id)
        if snapshot is None:
            return None
        current = self.articles_in(snapshot_id)
        previous = self.previous_snapshot(snapshot_id)
        before = self.articles_in(previous.id) if previous else []
        before_ids = {a.id for a in before}
        current_ids = {a.id for a in current}
        return SnapshotDiff(
            snapshot,
            previous,
            new=tuple(a for a in current if a.id not in before_ids),
            kept=tuple(a for a in current if a.id in before_ids),
            dropped=tuple(a for a in before if a.id not in current_ids),
        )

    # --- ticker history ---------------------------------------------------------------

    def pairs(self) -> list[str]:
        """Every currency pair any ticker showed, alphabetically."""
        return [pair for (pair,) in self._rows("SELECT DISTINCT pair FROM quotes ORDER BY pair")]

    def undated_quote_count(self, pair: str) -> int:
        """How many undated snapshots quoted ``pair`` (left out of its history)."""
        (row,) = self._rows(
            "SELECT count(DISTINCT q.snapshot_id) FROM quotes q JOIN snapshots s"
            " ON s.id = q.snapshot_id WHERE q.pair = ? AND s.date IS NULL",
            (pair,),
        )
        return row[0]

    # --- related articles -------------------------------------------------------------

    def _document_frequency(self, term: str) -> int:
        """How many articles contain ``term``, from the full-text index's own vocabulary
        (remembered: looking up a common word walks its whole posting list)."""
        cached = self._term_counts.get(term)
        if cached is None:
            cached = self._term_counts[term] = fulltext.document_frequency(self._conn, term)
        return cached

    def key_terms(self, title: str, count: int = RELATED_TERMS) -> list[str]:
        """A headline's rarest words (in the archive), rarest first: what it is about."""
        words = {w.casefold() for w in fulltext.WORD.findall(title)}
        words = {w for w in words if len(w) > 2 and w not in _STOPWORDS and not w.isdigit()}
        frequency = {w: self._document_frequency(w) for w in words}
        # A word only this article has (count 1) cannot lead to another one.
        found = sorted((w for w in words if frequency[w] > 1), key=lambda w: (frequency[w], w))
        return found[:count]

    def related(self, article_id: int, limit: int = 5) -> list[ArticleSummary]:
        """Articles about the same thing, best first: those whose headlines share two of
        this headline's three rarest words, then (if that finds too few) one rare word.

        Each step is one FTS5 query on the headlines over the short posting lists of
        rare words, ranked by bm25, and steps stop once ``limit`` are found: it stays
        fast at a million articles (tens of milliseconds). The article itself, and other
        versions of it (the same headline), are left out.
        """
        rows = self._rows("SELECT title, title_key FROM articles WHERE id = ?", (article_id,))
        if not rows:
            return []
        title, key = rows[0]
        terms = self.key_terms(title)
        (largest_id,) = self._rows("SELECT coalesce(max(id), 0) FROM articles")[0]
        rare_enough = max(RELATED_SINGLE_WORD_MIN, largest_id // 100)
        matches = [f'"{a}" AND "{b}"' for i, a in enumerate(terms) for b in terms[i + 1 :]]
        matches += [f'"{t}"' for t in terms if self._document_frequency(t) <= rare_enough]
        found: dict[int, ArticleSummary] = {}
        for match in matches:
            for id_, found_title, truncated in fulltext.title_matches(
                self._conn, match, key, limit
            ):
                if id_ not in found and len(found) < limit:
                    found[id_] = ArticleSummary(id_, found_title, bool(truncated), len(found))
            if len(found) >= limit:
                break
        return list(found.values())
