"""Loading snapshot files into the database.

Each file loads in one transaction: it is stored whole or not at all, so a bad file
never damages what is already there. A file is identified by its text, so loading it
again (under any name) changes nothing. An article seen in several snapshots is stored
once; when a later page shows more of an excerpt, the longer text is kept.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from .db import open_database
from .errors import SnapshotFormatError
from .models import Paragraph
from .parse import ParsedArticle, ParsedSnapshot, parse_snapshot
from .text import body_key, content_hash, decode_snapshot, title_key

MAX_FILE_BYTES = 64 * 1024 * 1024


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
    if not isinstance(db, sqlite_utils.Database):
        db = open_database(db)
    files, errors = find_snapshot_files(paths)
    report = LoadReport(errors=errors)
    for done, path in enumerate(files, start=1):
        outcome = load_file(db, path)
        report.add(outcome)
        if on_file:
            on_file(outcome, done, len(files))
    return report


def load_file(db: sqlite_utils.Database, path: Path) -> FileOutcome:
    """Load one file in one transaction; never raises for bad content."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return FileOutcome(path, "refused", f"{path}: larger than {MAX_FILE_BYTES >> 20} MB")
        data = path.read_bytes()
    except OSError as error:
        return FileOutcome(path, "refused", f"{path}: cannot read ({error.strerror})")
    try:
        text, notes = decode_snapshot(data)
        parsed = parse_snapshot(text)
    except SnapshotFormatError as error:
        return FileOutcome(path, "refused", error.located(str(path)))
    outcome = FileOutcome(path, "added", notes=notes + [f"line {w}" for w in parsed.warnings])
    store_snapshot(db, parsed, content_hash(text), path.name, outcome)
    return outcome


def store_snapshot(
    db: sqlite_utils.Database,
    parsed: ParsedSnapshot,
    identity: str,
    source_name: str,
    outcome: FileOutcome,
) -> None:
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        if conn.execute("SELECT 1 FROM snapshots WHERE content_hash = ?", (identity,)).fetchone():
            conn.execute("ROLLBACK")
            outcome.status = "already loaded"
            return
        snapshot_id = conn.execute(
            "INSERT INTO snapshots (content_hash, source_name, label, date, claimed_total,"
            " article_count, loaded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                identity,
                source_name,
                parsed.date.strftime("%d %B %Y") if parsed.date else source_name,
                parsed.date.isoformat() if parsed.date else None,
                parsed.claimed_total,
                len(parsed.articles),
                dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            ),
        ).lastrowid
        links = []
        for position, article in enumerate(parsed.articles):
            article_id, is_new = _article_id(conn, article)
            outcome.new_articles += is_new
            outcome.known_articles += not is_new
            links.append((snapshot_id, position, article_id))
        conn.executemany(
            "INSERT INTO appearances (snapshot_id, position, article_id) VALUES (?, ?, ?)", links
        )
        conn.executemany(
            "INSERT INTO quotes (snapshot_id, position, pair, rate, change) VALUES (?, ?, ?, ?, ?)",
            [(snapshot_id, i, q.pair, q.rate, q.change) for i, q in enumerate(parsed.quotes)],
        )
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _body_fields(paragraphs: tuple[Paragraph, ...]) -> tuple[str, str | None]:
    captions = ",".join(str(i) for i, p in enumerate(paragraphs) if p.is_caption)
    return "\n\n".join(p.text for p in paragraphs), captions or None


def _article_id(conn: sqlite3.Connection, article: ParsedArticle) -> tuple[int, bool]:
    """The stored article this one is, or a new one; returns (id, is_new)."""
    tkey = title_key(article.title)
    body, captions = _body_fields(article.paragraphs)
    new_key = body_key(body)
    rows = conn.execute(
        "SELECT id, body, truncated FROM articles WHERE title_key = ?", (tkey,)
    ).fetchall()
    for article_id, stored_body, stored_truncated in rows:
        stored_key = body_key(stored_body)
        grew = len(new_key) > len(stored_key) or (stored_truncated and not article.truncated)
        if stored_key.startswith(new_key) and not grew:
            return article_id, False
        if new_key.startswith(stored_key):
            # A later page showed more of the excerpt: keep the longer text.
            conn.execute(
                "UPDATE articles SET body = ?, caption_paragraphs = ?, truncated = ? WHERE id = ?",
                (body, captions, int(article.truncated), article_id),
            )
            return article_id, False
    cursor = conn.execute(
        "INSERT INTO articles (title, title_key, body, caption_paragraphs, truncated)"
        " VALUES (?, ?, ?, ?, ?)",
        (article.title, tkey, body, captions, int(article.truncated)),
    )
    return cursor.lastrowid, True
