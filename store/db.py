"""Opening a tca-tui database: checks, pragmas, schema creation and migrations.

The schema version lives in ``PRAGMA user_version``. Each entry of ``MIGRATIONS`` takes
a database from version N-1 to N inside one transaction, so an old database is carried
forward and one written by a newer tca-tui is refused rather than damaged.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

from .errors import NotADatabaseError, ReadOnlyError, SchemaTooNewError

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000

_SCHEMA_V1 = """
CREATE TABLE snapshots (
    id INTEGER PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    source_name TEXT NOT NULL,
    label TEXT NOT NULL,
    date TEXT,
    claimed_total INTEGER,
    article_count INTEGER NOT NULL,
    loaded_at TEXT NOT NULL
);
CREATE INDEX snapshots_by_date ON snapshots (date DESC, id DESC);

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    title_key TEXT NOT NULL,
    body TEXT NOT NULL,
    caption_paragraphs TEXT,
    truncated INTEGER NOT NULL
);
CREATE INDEX articles_by_title_key ON articles (title_key);

CREATE TABLE appearances (
    snapshot_id INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    PRIMARY KEY (snapshot_id, position)
) WITHOUT ROWID;
CREATE INDEX appearances_by_article ON appearances (article_id, snapshot_id);

CREATE TABLE quotes (
    snapshot_id INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    pair TEXT NOT NULL,
    rate TEXT NOT NULL,
    change TEXT NOT NULL,
    PRIMARY KEY (snapshot_id, position)
) WITHOUT ROWID;
CREATE INDEX quotes_by_pair ON quotes (pair, snapshot_id);

-- Named as sqlite-utils names them, so db["articles"].search() works on it.
CREATE VIRTUAL TABLE articles_fts USING FTS5 (
    title, body, tokenize = 'unicode61 remove_diacritics 2', content = articles
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body)
    VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body)
    VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
"""


def _statements(script: str) -> list[str]:
    """Split a script into statements (executescript would COMMIT our transaction)."""
    statements, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    return statements


def _migrate_to_1(db: sqlite_utils.Database) -> None:
    for statement in _statements(_SCHEMA_V1):
        db.conn.execute(statement)


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_migrate_to_1]
SCHEMA_VERSION = len(MIGRATIONS)


def check_file(path: Path) -> None:
    """Refuse a file that is not SQLite before SQLite gets a chance to touch it."""
    if path.is_dir():
        raise NotADatabaseError(f"{path}: is a folder, not a database file")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        return
    except OSError as error:
        raise NotADatabaseError(f"{path}: cannot be read ({error.strerror})") from error
    if header and header != SQLITE_MAGIC:
        raise NotADatabaseError(f"{path}: not an SQLite database; left untouched")


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A raw connection with the pragmas every tca-tui connection needs."""
    if readonly:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
    else:
        conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def is_empty(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT NOT EXISTS (SELECT 1 FROM snapshots)").fetchone()[0] == 1


def open_database(path: Path | str, *, readonly: bool = False) -> sqlite_utils.Database:
    """Open (creating and migrating as needed) the database at ``path``.

    Raises ``NotADatabaseError`` for a file that is not a healthy tca-tui database,
    ``SchemaTooNewError`` for one from a newer version and ``ReadOnlyError`` when a
    read-only database would need a migration. None of these modify the file.
    """
    path = Path(path)
    check_file(path)
    if readonly and not path.exists():
        raise NotADatabaseError(f"{path}: no such database")
    try:
        conn = connect(path, readonly=readonly)
        version = schema_version(conn)
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as error:
        raise NotADatabaseError(f"{path}: damaged database ({error}); left untouched") from error
    if version > SCHEMA_VERSION:
        conn.close()
        raise SchemaTooNewError(
            f"{path}: written by a newer tca-tui (schema {version}, this one knows "
            f"{SCHEMA_VERSION}); left untouched"
        )
    if version == 0 and tables:
        conn.close()
        raise NotADatabaseError(f"{path}: an SQLite database, but not a tca-tui one; left untouched")
    db = sqlite_utils.Database(conn)
    if version < SCHEMA_VERSION:
        if readonly:
            conn.close()
            raise ReadOnlyError(f"{path}: needs upgrading to schema {SCHEMA_VERSION} but is read-only")
        _migrate(db, version)
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    return db


def _migrate(db: sqlite_utils.Database, version: int) -> None:
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have migrated while we waited for the write lock.
        version = schema_version(conn)
        for target, step in enumerate(MIGRATIONS[version:], start=version + 1):
            step(db)
            conn.execute(f"PRAGMA user_version = {target}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
