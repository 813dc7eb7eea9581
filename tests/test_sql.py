"""The store's shared SQLite mechanics: all-or-nothing transactions, IN lists of any length."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from store.sql import IN_CHUNK, rows_in, transaction


def numbers_table(tmp_path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(tmp_path / "t.db", isolation_level=None)
    conn.execute("CREATE TABLE n (value INTEGER PRIMARY KEY)")
    return conn


def test_a_transaction_commits_the_block_or_none_of_it(tmp_path: Path) -> None:
    conn = numbers_table(tmp_path)
    with transaction(conn):
        conn.execute("INSERT INTO n VALUES (1)")
    with pytest.raises(KeyboardInterrupt), transaction(conn, immediate=True):
        conn.execute("INSERT INTO n VALUES (2)")
        raise KeyboardInterrupt  # Ctrl-C half-way: what came before it is kept, no more
    assert conn.execute("SELECT value FROM n").fetchall() == [(1,)]
    assert not conn.in_transaction


def test_in_lists_longer_than_one_query_allows_find_every_row(tmp_path: Path) -> None:
    conn = numbers_table(tmp_path)
    conn.executemany("INSERT INTO n VALUES (?)", [(i,) for i in range(5 * IN_CHUNK)])
    wanted = range(1, 5 * IN_CHUNK, 2)  # more values than one IN list takes
    found = rows_in(conn.execute, "SELECT value FROM n WHERE value IN ({marks})", wanted)
    assert sorted(value for (value,) in found) == list(wanted)
    assert list(rows_in(conn.execute, "SELECT value FROM n WHERE value IN ({marks})", [])) == []
