"""Loading snapshot files into the database.

Each file is stored whole or not at all (a savepoint of its own), so a bad file never
damages what is already there. A file is identified by its text, so loading it
again (under any name) changes nothing. An article seen in several snapshots is stored
once; when a later page shows more of an excerpt, the longer text is kept.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import signal
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from store.countries import tag
from store.country_tags import replace_tags, store_tags
from store.db import open_database
from store.errors import SnapshotFormatError
from store.ingest.parse import ParsedArticle, ParsedSnapshot, parse_snapshot
from store.models import Headline, Paragraph
from store.search import fulltext, headline_index
from store.sql import rows_in
from store.text import body_key, content_hash, decode_snapshot, readable_name, title_key

if TYPE_CHECKING:
    import multiprocessing.pool

    import sqlite_utils

    from store.search.fuzzy import IndexParts

MAX_FILE_BYTES = 64 * 1024 * 1024
BATCH_ARTICLES = 5000  # commit after about this many rows of work...
BATCH_SECONDS = 1.0
LOAD_PRAGMAS = {"cache_size": -65536, "wal_autocheckpoint": 16384}  # 64 MiB; pages of the WAL
PARALLEL_FROM = 64  # files; below this a second process costs more than it saves  # ...or this long, so readers in other processes see progress


@dataclass(slots=True)
class FileOutcome:
    path: Path
    status: str  # "added", "already loaded" or "refused"
    error: str | None = None
    notes: list[str] = field(default_factory=list)
    new_articles: int = 0
    known_articles: int = 0


@dataclass(slots=True)
class LoadReport:
    snapshots_added: int = 0
    already_loaded: int = 0
    new_articles: int = 0
    known_articles: int = 0
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, outcome: FileOutcome) -> None:
        name = str(outcome.path)
        self.notes.extend(f"{name}: {note}" for note in outcome.notes)
        if outcome.status == "refused":
            self.errors.append(outcome.error or f"{name}: refused")
        elif outcome.status == "already loaded":
            self.already_loaded += 1
        else:
            self.snapshots_added += 1
            self.new_articles += outcome.new_articles
            self.known_articles += outcome.known_articles

    def summary(self) -> str:
        return (
            f"{self.snapshots_added} snapshots added ({self.already_loaded} already loaded), "
            f"{self.new_articles} new articles, {self.known_articles} already known, "
            f"{len(self.errors)} errors"
        )


def find_snapshot_files(paths: Iterable[Path | str]) -> tuple[list[Path], list[str]]:
    """Files named directly, and ``*.txt`` under folders; symlink loops are walked once."""
    files: list[Path] = []
    errors: list[str] = []
    for given in map(Path, paths):
        if given.is_dir():
            files.extend(_walk(given, errors))
        elif given.is_file():
            files.append(given)
        elif given.is_symlink():
            errors.append(f"{given}: broken symbolic link")
        else:
            errors.append(f"{given}: no such file or folder")
    return files, errors


def _walk(root: Path, errors: list[str]) -> list[Path]:
    found: list[Path] = []
    seen: set[tuple[int, int]] = set()

    def unreadable(error: OSError) -> None:
        errors.append(f"{error.filename}: cannot read folder ({error.strerror})")

    for folder, subfolders, names in os.walk(root, followlinks=True, onerror=unreadable):
        stat = os.stat(folder)
        if (stat.st_dev, stat.st_ino) in seen:
            subfolders.clear()
            continue
        seen.add((stat.st_dev, stat.st_ino))
        subfolders.sort()
        found.extend(Path(folder, n) for n in sorted(names) if n.endswith(".txt"))
    return found


def load_paths(
    db: sqlite_utils.Database | Path | str,
    paths: Iterable[Path | str],
    on_file: Callable[[FileOutcome, int, int], None] | None = None,
) -> LoadReport:
    """Load every snapshot file found under ``paths``; ``on_file(outcome, done, total)``."""
    if isinstance(db, (str, Path)):
        db = open_database(db)
    files, errors = find_snapshot_files(paths)
    report = LoadReport(errors=errors)
    with _parsed_in_order(files) as (parsed_files, helper):
        with SnapshotWriter(db, helper) as writer:
            for done, (outcome, parsed) in enumerate(parsed_files, start=1):
                if parsed is not None:
                    writer.add(parsed, outcome)
                report.add(outcome)
                if on_file:
                    on_file(outcome, done, len(files))
        built = helper.finish() if helper else None
    headline_index.extend(db.conn, built)
    return report


@contextmanager
def _parsed_in_order(
    files: list[Path],
) -> Iterator[tuple[Iterable[tuple[FileOutcome, _Parsed | None]], _IndexHelper | None]]:
    """Parsed files in order; many files are parsed in another process meanwhile.

    Parsing needs no database, so on a machine with a spare core it runs beside the
    writer; that process then extends the headline index too (``_IndexHelper``).
    """
    if len(files) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        yield map(read_and_parse, files), None
        return
    # Ctrl-C signals the whole process group: only the loader answers it (and stops the
    # worker), so the worker never prints a traceback of its own.
    ignore_ctrl_c = (signal.SIGINT, signal.SIG_IGN)
    with multiprocessing.get_context("fork").Pool(1, signal.signal, ignore_ctrl_c) as pool:
        yield pool.imap(read_and_parse, files, chunksize=8), _IndexHelper(pool)


class _IndexHelper:
    """Extends the headline index in the parsing process while the writer writes.

    Parsing finishes well before writing does, and extending the fuzzy headline index
    costs about a fifth of the writer's time per article; done by the writer at the end
    it was pure delay. The writer sends each committed batch's new (id, title) pairs
    here; the worker (which never touches SQLite: a forked process must not use its
    parent's) extends the stored index with them. Anything unexpected, such as another
    loader's articles between ours, makes ``finish`` return None, and the writer then
    extends the stored index itself as before.
    """

    def __init__(self, pool: multiprocessing.pool.Pool) -> None:
        self._pool = pool
        self._tasks: list[multiprocessing.pool.AsyncResult] = []
        self._next_id: int | None = None
        self._usable = True

    def wants_base(self) -> bool:
        return self._usable and self._next_id is None

    def start(self, blobs: dict[str, bytes] | None, newest: int) -> None:
        """The stored index (None: not usable) as it was when article ``newest`` was the last."""
        if blobs is None:
            self._usable = False
            return
        self._next_id = newest + 1
        self._tasks.append(self._pool.apply_async(_helper_start, (blobs,)))

    def add(self, headlines: list[tuple[int, str]]) -> None:
        """Committed new articles, in id order."""
        if not headlines or not self._usable:
            return
        if headlines[0][0] != self._next_id:  # someone else's articles came between
            self._usable = False
            return
        self._next_id = headlines[-1][0] + 1
        self._tasks.append(self._pool.apply_async(_helper_add, (headlines,)))

    def finish(self) -> IndexParts | None:
        if not self._usable or self._next_id is None:
            return None
        try:
            for task in self._tasks:
                task.get()
            return self._pool.apply(_helper_finish)
        except Exception:  # the writer builds it instead
            return None


# The parsing process's side of _IndexHelper: the index so far, and headlines not in it.
_helper_parts: IndexParts | None = None
_helper_pending: list[Headline] = []
HELPER_CHUNK = 50_000  # headlines; each extension re-sorts the whole index


def _helper_start(blobs: dict[str, bytes]) -> None:
    from store.search.fuzzy import IndexParts

    global _helper_parts
    _helper_parts = IndexParts.from_blobs(blobs) if blobs else IndexParts.empty()
    _helper_pending.clear()


def _helper_add(headlines: list[tuple[int, str]]) -> None:
    _helper_pending.extend(Headline(id_, title) for id_, title in headlines)
    assert _helper_parts is not None
    if len(_helper_pending) >= max(HELPER_CHUNK, len(_helper_parts.ids) // 8):
        _helper_flush()


def _helper_flush() -> None:
    global _helper_parts
    assert _helper_parts is not None
    _helper_parts = _helper_parts.extended(_helper_pending)
    _helper_pending.clear()


def _helper_finish() -> IndexParts:
    global _helper_parts
    _helper_flush()
    parts, _helper_parts = _helper_parts, None
    assert parts is not None
    return parts


def read_and_parse(path: Path) -> tuple[FileOutcome, _Parsed | None]:
    """Read and parse one file; bad content is refused, never raised."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block the read
            return FileOutcome(path, "refused", f"{path}: not a regular file"), None
        if info.st_size > MAX_FILE_BYTES:
            return FileOutcome(
                path, "refused", f"{path}: larger than {MAX_FILE_BYTES >> 20} MB"
            ), None
        data = path.read_bytes()
    except OSError as error:
        return FileOutcome(path, "refused", f"{path}: cannot read ({error.strerror})"), None
    try:
        text, notes = decode_snapshot(data)
        parsed = parse_snapshot(text)
    except SnapshotFormatError as error:
        return FileOutcome(path, "refused", error.located(str(path))), None
    outcome = FileOutcome(path, "added", notes=notes + [f"line {w}" for w in parsed.warnings])
    return outcome, _Parsed.of(parsed, content_hash(text), readable_name(path.name))


@dataclass(frozen=True, slots=True)
class _Parsed:
    """A parsed file as rows ready to insert: plain tuples cross processes cheaply."""

    identity: str
    source_name: str
    label: str
    date: str | None
    claimed_total: int | None
    # title, key, body, captions, truncated, author, countries
    articles: tuple[tuple[str, str, str, str | None, bool, str | None, tuple[str, ...]], ...]
    quotes: tuple[tuple[str, str, str], ...]

    @classmethod
    def of(cls, parsed: ParsedSnapshot, identity: str, source_name: str) -> _Parsed:
        return cls(
            identity,
            source_name,
            parsed.date.strftime("%d %B %Y") if parsed.date else source_name,
            parsed.date.isoformat() if parsed.date else None,
            parsed.claimed_total,
            tuple(map(_article_fields, parsed.articles)),
            tuple((q.pair, q.rate, q.change) for q in parsed.quotes),
        )


class SnapshotWriter:
    """Writes snapshots, each all-or-nothing, committing them in batches.

    Every file is stored inside a SAVEPOINT: a failure part-way through one file rolls
    back that file alone, and the files before it are committed before the error goes
    on. Files are committed together in batches (about a second of work), and the
    full-text index is fed once per batch rather than by a trigger per row: FTS5 writes
    a new index segment at every commit, which made per-file commits with per-row
    triggers four times slower (bench/RESULTS.md).
    """

    def __init__(self, db: sqlite_utils.Database, helper: _IndexHelper | None = None) -> None:
        self.conn = db.conn
        self._helper = helper
        self._committing: list[tuple[int, str]] = []  # new (id, title) in this batch
        self._pending = 0
        self._started = 0.0
        self._indexed_upto = 0
        # Per file (see _store): stored articles by title key, the articles to write.
        self._same_title: dict[str, list[list]] = {}
        self._new: dict[int, list] = {}
        self._first_new_id = self._next_id = 0

    def __enter__(self) -> SnapshotWriter:
        # A batch dirties several MB of pages: with SQLite's default 2 MB cache they spill
        # to the WAL and are written again, and checkpoints every 4 MB copy pages that
        # the next batch rewrites. Neither setting is stored or weakens durability.
        self._settings = {
            name: self.conn.execute(f"PRAGMA {name}").fetchone()[0] for name in LOAD_PRAGMAS
        }
        for name, value in LOAD_PRAGMAS.items():
            self.conn.execute(f"PRAGMA {name} = {value}")
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.commit()
        finally:
            for name, value in self._settings.items():
                self.conn.execute(f"PRAGMA {name} = {value}")

    def add(self, parsed: _Parsed, outcome: FileOutcome) -> None:
        conn = self.conn
        if not conn.in_transaction:
            conn.execute("BEGIN IMMEDIATE")
            self._indexed_upto = conn.execute(
                "SELECT coalesce(max(id), 0) FROM articles"
            ).fetchone()[0]
            self._started = time.monotonic()
        conn.execute("SAVEPOINT snapshot_file")
        try:
            self._store(parsed, outcome)
        except BaseException:
            conn.execute("ROLLBACK TO snapshot_file")
            conn.execute("RELEASE snapshot_file")
            self.commit()
            raise
        # Outside the try: a Ctrl-C landing just after the RELEASE must not roll back a
        # savepoint that is gone ("no such savepoint"); the file is whole by then.
        conn.execute("RELEASE snapshot_file")
        if self._helper:
            self._committing.extend((row[0], row[1]) for row in self._new.values())
            self._new = {}
        self._pending += len(parsed.articles) + 1
        if self._pending >= BATCH_ARTICLES or time.monotonic() - self._started >= BATCH_SECONDS:
            self.commit()

    def commit(self) -> None:
        if self.conn.in_transaction:
            # Fed once per batch even if COMMIT is interrupted and commit() runs again.
            newest = self.conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]
            fulltext.index_articles_after(self.conn, self._indexed_upto)
            if self._helper and self._committing and self._helper.wants_base():
                self._helper.start(
                    headline_index.read_if_holding(self.conn, self._indexed_upto),
                    self._indexed_upto,
                )
            self._indexed_upto = newest
            self.conn.execute("COMMIT")
            if self._helper:
                self._helper.add(self._committing)
        self._committing = []
        self._pending = 0

    def _store(self, parsed: _Parsed, outcome: FileOutcome) -> None:
        conn = self.conn
        stored = conn.execute(
            "SELECT source_name FROM snapshots WHERE content_hash = ?", (parsed.identity,)
        ).fetchone()
        if stored:
            outcome.status = "already loaded"
            if stored[0] != parsed.source_name:  # say which file it is a copy of
                outcome.notes.append(f"same text as {stored[0]}, already loaded")
            return
        snapshot_id = conn.execute(
            "INSERT INTO snapshots (content_hash, source_name, label, date, claimed_total,"
            " article_count, loaded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                parsed.identity,
                parsed.source_name,
                parsed.label,
                parsed.date,
                parsed.claimed_total,
                len(parsed.articles),
                dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            ),
        ).lastrowid
        self._same_title = self._stored_with_keys({article[1] for article in parsed.articles})
        self._new = {}
        self._first_new_id = self._next_id = conn.execute(
            "SELECT coalesce(max(id), 0) + 1 FROM articles"
        ).fetchone()[0]
        links = []
        for position, article in enumerate(parsed.articles):
            article_id, is_new = self._article_id(*article)
            outcome.new_articles += is_new
            outcome.known_articles += not is_new
            links.append((snapshot_id, position, article_id))
        # The ids given out are the ones SQLite would have chosen: one more than the largest.
        conn.executemany(
            "INSERT INTO articles (id, title, title_key, body, caption_paragraphs, truncated,"
            " author) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (id_, title, tkey, body, captions, truncated, author)
                for id_, title, body, truncated, tkey, captions, author, _ in self._new.values()
            ],
        )
        store_tags(conn, [(row[0], row[7]) for row in self._new.values()])
        conn.executemany(
            "INSERT INTO appearances (snapshot_id, position, article_id) VALUES (?, ?, ?)", links
        )
        conn.executemany(
            "INSERT INTO quotes (snapshot_id, position, pair, rate, change) VALUES (?, ?, ?, ?, ?)",
            [(snapshot_id, i, *quote) for i, quote in enumerate(parsed.quotes)],
        )

    def _stored_with_keys(self, keys: set[str]) -> dict[str, list[list]]:
        """Stored articles by title key, oldest first: [id, title, body, truncated, author]."""
        found: dict[str, list[list]] = {}
        for id_, tkey, title, body, truncated, author in rows_in(
            self.conn.execute,
            "SELECT id, title_key, title, body, truncated, author FROM articles"
            " WHERE title_key IN ({marks})",
            sorted(keys),
        ):
            found.setdefault(tkey, []).append([id_, title, body, truncated, author])
        for rows in found.values():
            rows.sort()
        return found

    def _article_id(
        self,
        title: str,
        tkey: str,
        body: str,
        captions: str | None,
        truncated: bool,
        author: str | None,
        countries: tuple[str, ...],
    ) -> tuple[int, bool]:
        """The stored article this one is, or a new one; returns (id, is_new).

        Looks among the file's articles that share a title key, read in one query per
        file (``_same_title``); new articles are written after the file's last one.
        """
        rows = self._same_title.setdefault(tkey, [])
        article_id, is_new = self._match(
            rows, title, tkey, body, captions, truncated, author, countries
        )
        if not is_new and author is not None:
            self._fill_author(rows, article_id, author)
        return article_id, is_new

    def _fill_author(self, rows: list[list], article_id: int, author: str) -> None:
        """A page that names the writer of a known article without one fills it in."""
        row = next(row for row in rows if row[0] == article_id)
        slot = 6 if article_id >= self._first_new_id else 4  # see _stored_with_keys, _match
        if row[slot] is not None:
            return
        row[slot] = author
        if article_id < self._first_new_id:
            self.conn.execute("UPDATE articles SET author = ? WHERE id = ?", (author, article_id))

    def _match(
        self,
        rows: list[list],
        title: str,
        tkey: str,
        body: str,
        captions: str | None,
        truncated: bool,
        author: str | None,
        countries: tuple[str, ...],
    ) -> tuple[int, bool]:
        new_key = None
        for row in rows:
            article_id, stored_title, stored_body, stored_truncated = row[:4]
            if stored_body == body and stored_truncated == truncated:
                return article_id, False  # the same text: what the keys would find, sooner
            if new_key is None:
                new_key = body_key(body)
            stored_key = body_key(stored_body)
            grew = len(new_key) > len(stored_key) or (stored_truncated and not truncated)
            if stored_key.startswith(new_key) and not grew:
                return article_id, False
            if new_key.startswith(stored_key):
                # A later page showed more of the excerpt: keep the longer text.
                row[2:4] = body, int(truncated)
                if article_id >= self._first_new_id:  # not written yet
                    row[5] = captions
                    row[7] = countries
                    return article_id, False
                self.conn.execute(
                    "UPDATE articles SET body = ?, caption_paragraphs = ?, truncated = ? WHERE id = ?",
                    (body, captions, int(truncated), article_id),
                )
                replace_tags(self.conn, article_id, countries)
                if article_id <= self._indexed_upto:
                    fulltext.reindex(self.conn, article_id, stored_title, stored_body, body)
                return article_id, False
        article_id = self._next_id
        self._next_id += 1
        row = [article_id, title, body, int(truncated), tkey, captions, author, countries]
        rows.append(row)
        self._new[article_id] = row
        return article_id, True


def _article_fields(article: ParsedArticle) -> tuple:
    """An article as ``_Parsed.articles`` holds it; tagged here, in the parsing process."""
    body, captions = _body_fields(article.paragraphs)
    countries = tag(article.title, body)
    return (
        article.title,
        title_key(article.title),
        body,
        captions,
        article.truncated,
        article.author,
        countries,
    )


def _body_fields(paragraphs: tuple[Paragraph, ...]) -> tuple[str, str | None]:
    captions = ",".join(str(i) for i, p in enumerate(paragraphs) if p.is_caption)
    return "\n\n".join(p.text for p in paragraphs), captions or None
