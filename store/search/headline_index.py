"""The stored fuzzy headline index: the one module that reads and writes its table.

The index itself (vocabulary, postings) is ``store.search.fuzzy.IndexParts``. It is kept in the
``headline_index`` table as named blobs, plus two marks: ``format`` (``fuzzy.FORMAT``; an
index of another format is rebuilt) and ``newest``, the last article it holds, so that a
load can tell without reading the index whether it is current. ``tca-tui load`` extends
it after each load; the app maps it rather than tokenising every headline again.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from store.models import Headline
from store.sql import transaction

if TYPE_CHECKING:
    from store.search.fuzzy import IndexParts


def _format() -> bytes:
    from store.search.fuzzy import FORMAT  # numpy and rapidfuzz: whoever needs the index loads them

    return str(FORMAT).encode()


def read(conn: sqlite3.Connection) -> dict[str, bytes] | None:
    """The stored index's blobs, if there is one of the current format."""
    try:
        parts = dict(conn.execute("SELECT part, data FROM headline_index").fetchall())
    except sqlite3.OperationalError:  # a read-only archive from before the table existed
        return None
    return parts if parts.get("format") == _format() else None


def _marks(conn: sqlite3.Connection) -> dict[str, bytes]:
    """The stored index's format and newest article, without reading the index."""
    return dict(
        conn.execute("SELECT part, data FROM headline_index WHERE part IN ('format', 'newest')")
    )


def _holds_up_to(marks: dict[str, bytes], newest: int) -> bool:
    """Whether an index with these marks is current and holds every article up to ``newest``."""
    return marks.get("format") == _format() and marks.get("newest") == str(newest).encode()


def read_if_holding(conn: sqlite3.Connection, newest: int) -> dict[str, bytes] | None:
    """The stored index's blobs if it holds exactly the articles up to ``newest`` (an
    archive with neither articles nor an index: {}, an empty start), else None."""
    marks = _marks(conn)
    if not marks and newest == 0:
        return {}
    if not _holds_up_to(marks, newest):
        return None
    return dict(conn.execute("SELECT part, data FROM headline_index"))


def extend(conn: sqlite3.Connection, built: IndexParts | None = None) -> None:
    """Extend the stored fuzzy headline index with the articles added since it was saved.

    Done under the write lock, so two loaders cannot save an index that misses the
    other's articles; extending is cheap next to the load that came before it.
    ``built`` is the index as the loader's parsing process extended it during the load
    (store/ingest/load.py): all articles up to its newest, so only later ones are added here.
    """
    from store.search.fuzzy import IndexParts

    fmt = _format()
    with transaction(conn, immediate=True):
        # A load that added nothing must not read a million titles back to learn that.
        latest = conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]
        if _holds_up_to(_marks(conn), latest):
            return
        if built is not None:
            stored, usable, parts = {}, True, built
        else:
            stored = dict(conn.execute("SELECT part, data FROM headline_index").fetchall())
            usable = stored.get("format") == fmt
            parts = IndexParts.from_blobs(stored) if usable else IndexParts.empty()
        newest = int(parts.ids[-1]) if len(parts.ids) else 0
        new = [
            Headline(id_, title)
            for id_, title in conn.execute(
                "SELECT id, title FROM articles WHERE id > ? ORDER BY id", (newest,)
            )
        ]
        if new or not usable or "newest" not in stored:
            blobs = parts.extended(new).to_blobs() | {"format": fmt, "newest": str(latest).encode()}
            conn.execute("DELETE FROM headline_index")
            conn.executemany("INSERT INTO headline_index (part, data) VALUES (?, ?)", blobs.items())
