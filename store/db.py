"""Opening a tca-tui database: checks, pragmas, schema creation and migrations.

The schema version lives in ``PRAGMA user_version``. Each entry of ``MIGRATIONS`` takes
a database from version N-1 to N inside one transaction, so an old database is carried
forward and one written by a newer tca-tui is refused rather than damaged.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING

from store.errors import NotADatabaseError, ReadOnlyError, SchemaTooNewError, StoreError
from store.sql import transaction

if TYPE_CHECKING:
    import sqlite_utils

SQLITE_MAGIC = b"SQLite format 3\x00"
# Told (done, total) by a long migration as it goes, when the caller sets it (the CLI
# draws a progress bar with it); migrations otherwise run silently.
migration_progress: ContextVar[Callable[[int, int], None] | None] = ContextVar(
    "migration_progress", default=None
)
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

-- Named as sqlite-utils names them, so db["articles"].search() works on it. There are no
-- triggers: the loader feeds the index once per batch (store/ingest/load.py), which is several
-- times faster than a trigger per row.
CREATE VIRTUAL TABLE articles_fts USING FTS5 (
    title, body, tokenize = 'unicode61 remove_diacritics 2', content = articles
);
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


_SCHEMA_V2 = """
-- What the reader did with an article (read, starred): the reader's own data, apart from
-- the loaded tables so that loading and reloading snapshots never touch it.
CREATE TABLE reading_state (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id),
    read_at TEXT,
    starred INTEGER NOT NULL DEFAULT 0
);
"""


def _migrate_to_1(conn: sqlite3.Connection) -> None:
    for statement in _statements(_SCHEMA_V1):
        conn.execute(statement)


def _migrate_to_2(conn: sqlite3.Connection) -> None:
    for statement in _statements(_SCHEMA_V2):
        conn.execute(statement)


_SCHEMA_V3 = """
-- The fuzzy headline index (store/search/fuzzy.py) as named blobs, extended by each load, so
-- that opening the app maps it instead of tokenising every headline again.
CREATE TABLE headline_index (
    part TEXT PRIMARY KEY,
    data BLOB NOT NULL
);
-- Snapshots in the order the dates pane shows them (store/archive.py), so that a page
-- of them is read without sorting tens of thousands of rows first.
CREATE INDEX snapshots_in_order ON snapshots (
    date IS NULL, date DESC, (CASE WHEN date IS NULL THEN label END), id DESC
);
"""


def _migrate_to_3(conn: sqlite3.Connection) -> None:
    for statement in _statements(_SCHEMA_V3):
        conn.execute(statement)


def _add_article_author(conn: sqlite3.Connection) -> None:
    # Who wrote an article, when a page named them (store/ingest/furniture.py). Articles loaded
    # before stay NULL: the store keeps no page text, so nothing is re-read by itself.
    conn.execute("ALTER TABLE articles ADD COLUMN author TEXT")


def _drop_reading_state(conn: sqlite3.Connection) -> None:
    # Nothing ever wrote to it: the reader's state lives in its own database
    # (store/reading.py), so that a shared read-only archive serves every reader.
    conn.execute("DROP TABLE IF EXISTS reading_state")


def _tag_articles_with_countries(conn: sqlite3.Connection) -> None:
    from store.country_tags import create_and_tag_all  # the tagger's names are read only here

    create_and_tag_all(conn, migration_progress.get())


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _migrate_to_1,
    _migrate_to_2,
    _migrate_to_3,
    _add_article_author,
    _drop_reading_state,
    _tag_articles_with_countries,
]
SCHEMA_VERSION = len(MIGRATIONS)
# The oldest schema the read API works on as it is: a read-only database this old or
# newer is browsed without migrating it. Raise it when a migration changes what is read
# (dropping the unused reading_state table did not: nothing read it).
READABLE_FROM = 1


def read_only_reason(path: Path) -> str | None:
    """Why tca-tui could not write the database at ``path``, or None if it could.

    SQLite writes beside the file (the ``-wal`` and ``-shm`` files of WAL mode), so the
    folder must be writable as well as the file; a missing file needs a folder to be made in.
    """
    try:
        if path.exists():
            if not os.access(path, os.W_OK):
                return "the file is not writable"
            folder = path.parent
        else:
            folder = next(p for p in path.parents if p.exists())
    except OSError as error:
        return f"it cannot be reached: {error.strerror}"
    if not os.access(folder, os.W_OK | os.X_OK):
        return "its folder is not writable"
    return None


def explain(error: sqlite3.Error, path: Path) -> StoreError | None:
    """The user's sentence for an SQLite error met while using ``path``; None for a bug."""
    name = getattr(error, "sqlite_errorname", None) or ""
    if name.startswith("SQLITE_READONLY"):
        return ReadOnlyError(f"{path}: read-only, cannot write to it")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StoreError(f"{path}: busy, another program is writing to it; try again later")
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return NotADatabaseError(
            f"{path}: damaged database ({error}); stopped without writing more to it"
        )
    if name.startswith("SQLITE_FULL"):
        return StoreError(f"{path}: the disk is full")
    if name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")):
        return StoreError(f"{path}: cannot be read or written ({error})")
    return None


def check_file(path: Path) -> None:
    """Refuse a file that is not SQLite before SQLite gets a chance to touch it."""
    try:
        if path.is_dir():
            raise NotADatabaseError(f"{path}: is a folder, not a database file")
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
        conn = _connect_readonly(path)
    else:
        conn = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False, isolation_level=None
        )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection, even to a WAL database in a folder we cannot write.

    Reading a WAL database needs its ``-shm`` file, which SQLite cannot create in such a
    folder; then the file is opened as immutable, as it was last checkpointed (nobody can
    be writing to it: a writer would need that folder too).
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    conn = _connect_uri(uri)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as error:
        conn.close()
        if not error.sqlite_errorname.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN")):
            raise
    return _connect_uri(f"{uri}&immutable=1")


def _connect_uri(uri: str) -> sqlite3.Connection:
    return sqlite3.connect(
        uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False, isolation_level=None
    )


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def is_empty(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT NOT EXISTS (SELECT 1 FROM snapshots)").fetchone()[0] == 1


def open_database(path: Path | str, *, readonly: bool = False) -> sqlite_utils.Database:
    """``open_connection`` wrapped as a sqlite-utils ``Database``, for writers."""
    import sqlite_utils  # readers never need it, and it costs ~0.3 s to import

    return sqlite_utils.Database(open_connection(path, readonly=readonly))


def open_connection(path: Path | str, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (creating and migrating as needed) the database at ``path``.

    Raises ``NotADatabaseError`` for a file that is not a healthy tca-tui database,
    ``SchemaTooNewError`` for one from a newer version and ``ReadOnlyError`` when a
    read-only database is too old to read (see ``READABLE_FROM``) or SQLite finds the file
    read-only. None of these modify the file. A read-only database of a schema from
    ``READABLE_FROM`` on is opened as it is.
    """
    path = Path(path)
    check_file(path)
    if readonly and not path.exists():
        raise NotADatabaseError(f"{path}: no such database")
    try:
        conn = connect(path, readonly=readonly)
        version = schema_version(conn)
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
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
        raise NotADatabaseError(
            f"{path}: an SQLite database, but not a tca-tui one; left untouched"
        )
    if readonly:
        if version < READABLE_FROM:
            conn.close()
            raise ReadOnlyError(
                f"{path}: needs upgrading to schema {SCHEMA_VERSION} but is read-only"
            )
        return conn
    try:
        # WAL first, so that readers in other processes never wait on the migration.
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        if version < SCHEMA_VERSION:
            _migrate(conn, version)
    except sqlite3.Error as error:
        conn.close()
        if (explained := explain(error, path)) is not None:
            raise explained from error
        raise
    return conn


def _migrate(conn: sqlite3.Connection, version: int) -> None:
    with transaction(conn, immediate=True):
        # Another process may have migrated while we waited for the write lock.
        version = schema_version(conn)
        for target, step in enumerate(MIGRATIONS[version:], start=version + 1):
            step(conn)
            conn.execute(f"PRAGMA user_version = {target}")
