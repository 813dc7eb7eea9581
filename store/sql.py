"""The SQLite mechanics every part of the store shares: transactions and long IN lists.

Connections are opened with ``isolation_level=None`` (store/db.py): Python's sqlite3
never begins a transaction by itself, so each one is begun and ended here, explicitly.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

# Values in one IN (...) list: well under SQLite's limit on parameters (32,766 since
# 3.32, 999 before), and big enough that a query per chunk costs next to nothing.
IN_CHUNK = 500

T = TypeVar("T")


@contextmanager
def transaction(conn: sqlite3.Connection, *, immediate: bool = False) -> Iterator[None]:
    """Commit what the block does, or roll all of it back if anything escapes it
    (Ctrl-C included). ``immediate`` takes the write lock up front, so that what the block
    reads first is still true when it writes."""
    conn.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def chunks(values: Iterable[T], size: int = IN_CHUNK) -> Iterator[list[T]]:
    """``values`` in lists of at most ``size``, for one IN (...) list each."""
    batch: list[T] = []
    for value in values:
        batch.append(value)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def marks(values: Sequence[object]) -> str:
    """The ``?, ?, …`` of an IN (...) list for ``values``."""
    return ",".join("?" * len(values))


def rows_in(
    execute: Callable[[str, Sequence], Iterable[tuple]], sql: str, values: Iterable[object]
) -> Iterator[tuple]:
    """Rows of ``sql`` (with ``{marks}`` where the IN list goes) for all of ``values``, one
    query per chunk of them: ``rows_in(conn.execute, "SELECT … WHERE id IN ({marks})", ids)``."""
    for batch in chunks(values):
        yield from execute(sql.format(marks=marks(batch)), batch)
