"""Articles' countries as stored: the ``article_countries`` table, written and read.

The loader tags each article as it stores it (store/ingest/load.py), the migration that made
the table tags those stored before it (``create_and_tag_all``), and the read API
(store/archive.py) asks the functions below. An archive from before the table (opened
read-only, so not migrated) simply has no countries.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator

from store.countries import tag, tagger

# By country first: filtering by one is a range of the primary key, and an article's
# countries are a look-up in each of the few countries. One B-tree, not two: the
# loader writes a row or two per article, and a second index cost it as much again.
SCHEMA = """
CREATE TABLE article_countries (
    country TEXT NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    PRIMARY KEY (country, article_id)
) WITHOUT ROWID;
"""
MIGRATION_BATCH = 2000  # articles tagged between two progress reports
_IDS_PER_QUERY = 500


def create_and_tag_all(
    conn: sqlite3.Connection, progress: Callable[[int, int], None] | None = None
) -> None:
    """Make the table and tag every stored article, inside the caller's transaction."""
    for statement in SCHEMA.strip().split(";\n"):
        if statement.strip():
            conn.execute(statement)
    (total,) = conn.execute("SELECT count(*) FROM articles").fetchone()
    done = 0
    after = 0
    while True:
        rows = conn.execute(
            "SELECT id, title, body FROM articles WHERE id > ? ORDER BY id LIMIT ?",
            (after, MIGRATION_BATCH),
        ).fetchall()
        if not rows:
            break
        conn.executemany(
            "INSERT OR IGNORE INTO article_countries (country, article_id) VALUES (?, ?)",
            [(code, id_) for id_, title, body in rows for code in tag(title, body)],
        )
        after = rows[-1][0]
        done += len(rows)
        if progress is not None:
            progress(done, total)


def store_tags(conn: sqlite3.Connection, tags: Iterable[tuple[int, tuple[str, ...]]]) -> None:
    """Store new articles' countries; an article tagged before keeps those tags."""
    conn.executemany(
        "INSERT OR IGNORE INTO article_countries (country, article_id) VALUES (?, ?)",
        [(code, id_) for id_, codes in tags for code in codes],
    )


def replace_tags(conn: sqlite3.Connection, article_id: int, codes: tuple[str, ...]) -> None:
    """An article's countries after its text changed (a longer excerpt arrived)."""
    conn.execute(
        "DELETE FROM article_countries WHERE country IN (SELECT value FROM json_each(?))"
        " AND article_id = ?",
        (json.dumps(_stored_codes(conn)), article_id),
    )
    store_tags(conn, [(article_id, codes)])


def has_tags(conn: sqlite3.Connection) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'article_countries'"
        ).fetchone()
        is not None
    )


def _stored_codes(conn: sqlite3.Connection) -> list[str]:
    """Every country with a tag: the names file's, and any other found stored (a skip
    over the primary key: one look-up per country)."""
    codes: list[str] = []
    while True:
        row = conn.execute(
            "SELECT country FROM article_countries WHERE country > ? ORDER BY country LIMIT 1",
            (codes[-1] if codes else "",),
        ).fetchone()
        if row is None:
            return codes
        codes.append(row[0])


def _in_order(codes: Iterable[str]) -> tuple[str, ...]:
    """Codes in the names file's order (KZ, KG, TJ, ...), whatever order SQL gave them."""
    given = set(codes)
    known = tagger().codes
    return tuple(c for c in known if c in given) + tuple(sorted(given - set(known)))


def countries_of(
    conn: sqlite3.Connection, article_ids: Iterable[int]
) -> dict[int, tuple[str, ...]]:
    """Each article's countries (articles with none are left out)."""
    ids = list(article_ids)
    found: dict[int, list[str]] = {}
    codes = json.dumps(_stored_codes(conn)) if ids else "[]"
    for start in range(0, len(ids), _IDS_PER_QUERY):
        for id_, code in conn.execute(
            "SELECT article_id, country FROM article_countries"
            " WHERE country IN (SELECT value FROM json_each(?))"
            " AND article_id IN (SELECT value FROM json_each(?))",
            (codes, json.dumps(ids[start : start + _IDS_PER_QUERY])),
        ):
            found.setdefault(id_, []).append(code)
    return {id_: _in_order(codes) for id_, codes in found.items()}


def article_ids_in(conn: sqlite3.Connection, code: str) -> list[int]:
    """Every article tagged ``code``, in id order (read through the country index)."""
    return [
        id_
        for (id_,) in conn.execute(
            "SELECT article_id FROM article_countries WHERE country = ? ORDER BY article_id",
            (code,),
        )
    ]


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """How many articles mention each country, in the names file's order."""
    rows = dict(conn.execute("SELECT country, count(*) FROM article_countries GROUP BY country"))
    return {code: rows[code] for code in _in_order(rows)}


def newest_in(conn: sqlite3.Connection, code: str, order: str) -> Iterator[int]:
    """Articles tagged ``code``, each once, from the newest snapshot showing it on
    (``order``: the snapshots' order, columns of ``s``). Read lazily: stop when enough.

    CROSS JOIN keeps SQLite walking the snapshots in order and looking each article's
    tag up; left to choose, it read every tagged article and sorted them (0.37 s for
    Kazakhstan at a million articles, against 11 ms)."""
    seen: set[int] = set()
    for (id_,) in conn.execute(
        "SELECT ap.article_id FROM snapshots s CROSS JOIN appearances ap ON ap.snapshot_id = s.id"
        " JOIN article_countries ac ON ac.article_id = ap.article_id AND ac.country = ?"
        f" ORDER BY {order}, ap.position",
        (code,),
    ):
        if id_ not in seen:
            seen.add(id_)
            yield id_
