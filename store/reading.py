"""What one reader did with the articles: which they read and which they starred.

This is the reader's own data, kept in its own small database (``reading.db`` in the
user's data folder), apart from the archive: ``tca-tui serve`` shares one read-only
archive between users, each of whom keeps their own state, and loading or reloading
snapshots never touches it.

Articles are named by their *key* (``Archive.article_keys``: a hash of the normalised
headline), not by their id, so the state survives loading the same snapshots into a
fresh archive.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

from store.sql import chunks, marks, rows_in, transaction

IN_MEMORY = ":memory:"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS read (key TEXT PRIMARY KEY, read_at TEXT NOT NULL) WITHOUT ROWID;
-- A rowid table: the rowid orders stars by when they were given.
CREATE TABLE IF NOT EXISTS starred (key TEXT PRIMARY KEY, starred_at TEXT NOT NULL);
"""


def open_reading_state(path: Path) -> ReadingState:
    """The reader's state at ``path`` (the settings say where: ``tui.config.settings``).

    When it cannot be opened (a read-only home, a damaged file), the reader still reads:
    the state is kept in memory for this run and the reason goes to the log.
    """
    try:
        return ReadingState(path)
    except (OSError, sqlite3.Error) as error:
        logging.getLogger("tca-tui").warning("%s: reading state not kept (%s)", path, error)
        return ReadingState(IN_MEMORY)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class ReadingState:
    """Read and starred articles, by key. ``ReadingState(":memory:")`` forgets on exit.

    Every method is a short transaction, so two apps of one user share the file safely.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = path if path == IN_MEMORY else Path(path)
        if isinstance(self.path, Path):
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(
            self.path, timeout=10, check_same_thread=False, isolation_level=None
        )
        with self._lock:
            self._conn.executescript(_SCHEMA)

    def _among(self, table: str, keys: Iterable[str]) -> set[str]:
        sql = f"SELECT key FROM {table} WHERE key IN ({{marks}})"
        with self._lock:
            return {key for (key,) in rows_in(self._conn.execute, sql, keys)}

    def read_among(self, keys: Iterable[str]) -> set[str]:
        """Those of ``keys`` that were read."""
        return self._among("read", keys)

    def starred_among(self, keys: Iterable[str]) -> set[str]:
        return self._among("starred", keys)

    def is_read(self, key: str) -> bool:
        return bool(self.read_among([key]))

    def is_starred(self, key: str) -> bool:
        return bool(self.starred_among([key]))

    def unread_count(self, keys: Iterable[str]) -> int:
        """How many of ``keys`` (distinct) were not read."""
        distinct = set(keys)
        return len(distinct) - len(self.read_among(distinct))

    def mark_read(self, keys: Iterable[str], read: bool = True) -> None:
        """Mark ``keys`` read (or unread with ``read=False``); already so is fine."""
        with self._lock, transaction(self._conn):
            for batch in chunks(keys):
                if read:
                    self._conn.executemany(
                        "INSERT OR IGNORE INTO read (key, read_at) VALUES (?, ?)",
                        [(key, _now()) for key in batch],
                    )
                else:
                    self._conn.execute(f"DELETE FROM read WHERE key IN ({marks(batch)})", batch)

    def mark_all_read(self, keys: Iterable[str]) -> None:
        self.mark_read(keys)

    def toggle_read(self, key: str) -> bool:
        """Flip ``key`` between read and unread; returns whether it is read now."""
        now_read = not self.is_read(key)
        self.mark_read([key], now_read)
        return now_read

    def toggle_star(self, key: str) -> bool:
        """Star or unstar ``key``; returns whether it is starred now."""
        with self._lock:
            gone = self._conn.execute("DELETE FROM starred WHERE key = ?", (key,)).rowcount
            if not gone:
                self._conn.execute(
                    "INSERT INTO starred (key, starred_at) VALUES (?, ?)", (key, _now())
                )
        return not gone

    def starred(self) -> list[str]:
        """Starred keys, the most recently starred first."""
        with self._lock:
            rows = self._conn.execute("SELECT key FROM starred ORDER BY rowid DESC")
            return [key for (key,) in rows]

    def close(self) -> None:
        with self._lock:
            self._conn.close()
