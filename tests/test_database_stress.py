"""The database under stress: a reader beside a writer in another process, loads killed
part-way, damaged and foreign files, old and new schemas, read-only files and folders.

Everything runs on real SQLite files and, where another process matters, the real
``tca-tui`` command.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from test_bad_files import FIXTURES, run_as_other_user
from test_load import SEED_FACTS, dump

import store.db
from store.archive import Archive
from store.db import MIGRATIONS, READABLE_FROM, SCHEMA_VERSION, _drop_reading_state, open_database
from store.errors import NotADatabaseError, SchemaTooNewError
from store.ingest.load import SnapshotWriter, load_paths, read_and_parse
from store.search.fuzzy import HeadlineIndex
from tui.cli.commands import main

TCA_TUI = str(Path(sys.executable).with_name("tca-tui"))
PAGES, ARTICLES = 600, 25  # a load of a few seconds (15,000 articles): long enough to act during it


def write_pages(folder: Path, count: int = PAGES, articles: int = ARTICLES) -> Path:
    folder.mkdir()
    for page in range(count):
        lines = [f"{1 + page % 28} March {2000 + page // 28}", ""]
        for n in range(articles):
            lines += [
                f"Story Number {n} From Page {page}",
                "",
                f"The body of story {n} on page {page} says what happened, in a sentence.",
                "",
            ]
        (folder / f"page_{page:04}.txt").write_text("\n".join(lines), encoding="utf-8")
    return folder


# Runs the command as from a terminal, answering Ctrl-C even when the test runner was
# started with SIGINT ignored or blocked (both are inherited).
ANSWER_CTRL_C = (
    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL);"
    " signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT});"
    " os.execv(sys.argv[1], sys.argv[1:])"
)


def start_load(db: Path, folder: Path, home: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", ANSWER_CTRL_C, TCA_TUI, "load", "--db", str(db), str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "HOME": str(home)},
        start_new_session=True,
    )


def snapshot_count(db: Path) -> int:
    conn = sqlite3.connect(db, timeout=10)
    try:
        return conn.execute("SELECT count(*) FROM snapshots").fetchone()[0]
    finally:
        conn.close()


def wait_until(condition: Callable[[], bool], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def assert_consistent(db: Path) -> None:
    """SQLite's own check, the full-text index's, and no snapshot stored in part."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        half_loaded = conn.execute(
            "SELECT s.source_name FROM snapshots s WHERE s.article_count !="
            " (SELECT count(*) FROM appearances a WHERE a.snapshot_id = s.id)"
        ).fetchall()
        assert half_loaded == []
    finally:
        conn.close()


def cli(*argv: str) -> tuple[int, str, str]:
    """``tca-tui ARGV`` in this process: (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(argv))
    return status, out.getvalue(), err.getvalue()


# --- a reader and a writer in two processes ----------------------------------------------


def test_archive_reads_while_tca_tui_load_writes_in_another_process(stored, tmp_path):
    pages = write_pages(tmp_path / "pages")
    archive = Archive(stored)
    seen: list[int] = []
    loader = start_load(stored, pages, tmp_path)
    try:
        while loader.poll() is None:
            # Everything the app does on a refresh, including opening the database anew.
            seen.append(len(archive.snapshots()))
            archive.stats()
            archive.search_bodies("story page")
            HeadlineIndex(archive.headlines()).search("story numbr")
            Archive(stored).close()
    finally:
        _, err = loader.communicate(timeout=60)
    assert loader.returncode == 0, err
    assert seen == sorted(seen), "snapshots never disappear while loading"
    final = SEED_FACTS["snapshots"] + PAGES
    assert any(SEED_FACTS["snapshots"] < n < final for n in seen), "saw the load's progress"
    assert len(archive.snapshots()) == final  # the same connection sees the end too
    last = PAGES - 1
    assert (
        archive.search_bodies(f"story 24 page {last}")[0].title
        == f"Story Number 24 From Page {last}"
    )
    archive.close()


# --- loads interrupted part-way ------------------------------------------------------------


@pytest.mark.parametrize(
    ("sig", "whole_group"),
    [(signal.SIGKILL, False), (signal.SIGINT, False), (signal.SIGINT, True)],
    ids=["SIGKILL", "SIGINT", "Ctrl-C (SIGINT to the process group)"],
)
def test_an_interrupted_load_leaves_a_consistent_database(sig, whole_group, stored, tmp_path):
    pages = write_pages(tmp_path / "pages")
    before = dump(stored)
    loader = start_load(stored, pages, tmp_path)
    wait_until(
        lambda: snapshot_count(stored) > SEED_FACTS["snapshots"] or loader.poll() is not None
    )
    assert loader.poll() is None, "the load ended before it could be interrupted"
    (os.killpg if whole_group else os.kill)(loader.pid, sig)
    out, err = loader.communicate(timeout=60)
    assert loader.returncode != 0, f"the signal was not acted on: {out!r} {err!r}"
    if sig == signal.SIGKILL:
        assert loader.returncode == -signal.SIGKILL
    else:
        assert (loader.returncode, err) == (130, "tca-tui: interrupted\n"), err
    assert_consistent(stored)
    assert set(before) <= set(dump(stored))
    # Interrupted after its first commit: at most its last batch is lost.
    assert SEED_FACTS["snapshots"] < snapshot_count(stored) <= SEED_FACTS["snapshots"] + PAGES

    again = subprocess.run(
        [TCA_TUI, "load", "--db", str(stored), str(pages)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert again.returncode == 0, again.stderr
    assert_consistent(stored)
    assert snapshot_count(stored) == SEED_FACTS["snapshots"] + PAGES


class CtrlCAfter:
    """A connection on which Ctrl-C lands just after ``statement`` has run."""

    def __init__(self, conn: sqlite3.Connection, statement: str) -> None:
        self._conn, self._statement, self._fired = conn, statement, False

    def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
        cursor = self._conn.execute(sql, *args)
        if sql.startswith(self._statement) and not self._fired:
            self._fired = True
            raise KeyboardInterrupt
        return cursor

    def __getattr__(self, name: str) -> object:
        return getattr(self._conn, name)


@pytest.mark.parametrize(
    "statement",
    ["SAVEPOINT", "INSERT INTO snapshots", "RELEASE", "INSERT INTO articles_fts", "COMMIT"],
)
def test_ctrl_c_between_any_two_statements_leaves_each_file_whole_or_absent(statement, stored):
    """The timing the signal tests can only hit by chance, made certain."""
    db = open_database(stored)
    writer = SnapshotWriter(db)
    writer.conn = CtrlCAfter(db.conn, statement)  # type: ignore[assignment]
    outcome, parsed = read_and_parse(FIXTURES / "latin1.txt")
    with pytest.raises(KeyboardInterrupt), writer:
        writer.add(parsed, outcome)
    db.conn.close()
    assert_consistent(stored)
    assert snapshot_count(stored) in (SEED_FACTS["snapshots"], SEED_FACTS["snapshots"] + 1)


# --- damaged and foreign files -------------------------------------------------------------


def damaged(kind: str, template: Path) -> bytes:
    good = template.read_bytes()
    junk = random.Random(kind).randbytes
    return {
        "text": b"shopping list\nmilk\n",
        "header then junk": good[:16] + junk(8000),
        "schema page damaged": good[:100] + junk(3996) + good[4096:],
        "every page but the first": good[:4096] + junk(len(good) - 4096),
        "cut in half": good[: len(good) // 2],
        "tables damaged": good[: 8 * 4096] + junk(len(good) - 8 * 4096),
    }[kind]


DAMAGE = [
    "text",
    "header then junk",
    "schema page damaged",
    "every page but the first",
    "cut in half",
    "tables damaged",
]


@pytest.mark.parametrize("kind", DAMAGE)
@pytest.mark.parametrize("command", [["stats"], ["load", str(FIXTURES / "latin1.txt")]])
def test_a_damaged_or_foreign_file_exits_2_and_is_left_untouched(
    kind, command, seeded_template, tmp_path
):
    path = tmp_path / "tca.db"
    path.write_bytes(damaged(kind, seeded_template))
    before = path.read_bytes()
    status, out, err = cli(*command, "--db", str(path))
    assert (status, out) == (2, "")
    assert err.startswith(f"tca-tui: {path}: ") and err.count("\n") == 1
    assert "not an SQLite database" in err or "damaged database" in err
    assert path.read_bytes() == before, "never repaired, never overwritten by the seeds"


@pytest.mark.parametrize("command", [[], ["search", "brics"]])
def test_the_app_and_search_refuse_a_damaged_file_before_anything_else(
    command, seeded_template, tmp_path
):
    path = tmp_path / "tca.db"
    path.write_bytes(damaged("every page but the first", seeded_template))
    before = path.read_bytes()
    result = subprocess.run(
        [TCA_TUI, "--db", str(path), *command],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert "damaged database" in result.stderr and "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_another_programs_sqlite_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NotADatabaseError, match="not a tca-tui one"):
        open_database(path)
    assert path.read_bytes() == before


def stats_facts(output: str) -> dict:
    """``stats --json`` without its per-country counts (tests/test_countries.py checks them)."""
    stats = json.loads(output)
    stats.pop("countries")
    return stats


# --- schema versions -----------------------------------------------------------------------


def database_at(version: int, path: Path, data_from: Path | None = None) -> Path:
    """A database at schema ``version``, made by the real migrations up to it, holding
    the rows of ``data_from``'s tables that exist at that version (and still exist now)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for step in MIGRATIONS[:version]:
        step(conn)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute("COMMIT")
    if data_from is not None:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'articles_fts%'"
                " AND name != 'headline_index' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        conn.execute("ATTACH ? AS source", (str(data_from),))
        current = {r[0] for r in conn.execute("SELECT name FROM source.sqlite_master")}
        for table in (t for t in tables if t in current):
            # Only the columns the table had at that version (later ones add columns).
            columns = ", ".join(r[1] for r in conn.execute(f"PRAGMA main.table_info({table})"))
            conn.execute(f"INSERT INTO main.{table} SELECT {columns} FROM source.{table}")
        conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
        conn.execute("DETACH source")
    conn.close()
    return path


def tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


@pytest.mark.parametrize("start", ["missing", "empty file", "empty SQLite (version 0)"])
def test_a_new_or_version_0_database_migrates_to_the_current_schema(start, tmp_path):
    path = tmp_path / "tca.db"
    if start == "empty file":
        path.write_bytes(b"")
    elif start == "empty SQLite (version 0)":
        sqlite3.connect(path).execute("VACUUM").connection.close()
    db = open_database(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.conn.close()
    assert {"snapshots", "articles", "appearances", "quotes", "headline_index"} <= tables(path)
    assert "reading_state" not in tables(path)


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_an_older_database_keeps_all_its_data_when_migrated(version, seeded_template, tmp_path):
    old = database_at(version, tmp_path / "old.db", data_from=seeded_template)
    kept = dump(old)
    archive = Archive(old)  # migrates
    assert archive.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    # Every row is still there, whole; a migration may add columns after its values.
    widths = {len(row) for row in kept}
    assert set(kept) <= {row[:n] for row in dump(old) for n in widths}
    assert archive.stats().as_dict() == SEED_FACTS
    assert archive.search_bodies("Stufft credentials")[0].title.startswith("U.S. Ambassador")
    report = load_paths(archive.db, [FIXTURES / "latin1.txt"])
    assert report.snapshots_added == 1
    archive.close()
    assert_consistent(old)


def test_the_unused_reading_state_table_is_dropped_and_nothing_else(seeded_template, tmp_path):
    before_drop = MIGRATIONS.index(_drop_reading_state)
    old = database_at(before_drop, tmp_path / "old.db", data_from=seeded_template)
    assert "reading_state" in tables(old)
    kept = dump(old)
    had = tables(old) - {"reading_state"}
    open_database(old).conn.close()
    conn = sqlite3.connect(old)
    assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    conn.close()
    assert "reading_state" not in tables(old)
    # Every loaded row, none gained or lost (tables of later migrations aside).
    assert set(kept) == {row for row in dump(old) if row[0] in had}
    assert_consistent(old)


def test_a_migration_that_fails_leaves_the_database_at_its_old_version(
    seeded_template, tmp_path, monkeypatch
):
    old = database_at(1, tmp_path / "v1.db", data_from=seeded_template)
    before = dump(old)

    def half_done_then_fails(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("power cut")

    monkeypatch.setattr(store.db, "MIGRATIONS", [MIGRATIONS[0], half_done_then_fails])
    monkeypatch.setattr(store.db, "SCHEMA_VERSION", 2)
    with pytest.raises(RuntimeError):
        open_database(old)
    conn = sqlite3.connect(old)
    assert conn.execute("PRAGMA user_version").fetchone() == (1,)
    conn.close()
    assert "half_done" not in tables(old) and dump(old) == before


def test_a_newer_database_is_refused_by_every_command_and_left_untouched(seeded_template, tmp_path):
    path = tmp_path / "new.db"
    shutil.copy(seeded_template, path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    for command in (["stats"], ["load", str(FIXTURES / "latin1.txt")], ["search", "x"], []):
        status, out, err = cli("--db", str(path), *command)
        assert (status, out) == (2, ""), command
        assert "written by a newer tca-tui" in err and err.count("\n") == 1
    assert path.read_bytes() == before
    with pytest.raises(SchemaTooNewError):
        Archive(path, readonly=True)


def test_a_read_only_database_of_a_readable_older_schema_is_browsed_as_it_is(
    seeded_template, tmp_path
):
    old = database_at(READABLE_FROM, tmp_path / "old.db", data_from=seeded_template)
    before = old.read_bytes()
    archive = Archive(old, readonly=True)
    assert archive.stats().as_dict() == SEED_FACTS
    archive.close()
    assert old.read_bytes() == before


# --- read-only files and folders -----------------------------------------------------------


def test_cli_opens_a_database_it_may_not_write_read_only(stored, monkeypatch):
    """Unit level: the file system says no (as it would to a user; root needs the
    end-to-end test below)."""
    before = stored.read_bytes()
    monkeypatch.setattr(store.db.os, "access", lambda path, mode: not mode & os.W_OK)
    status, out, err = cli("stats", "--json", "--db", str(stored))
    assert (status, stats_facts(out), err) == (0, SEED_FACTS, "")
    status, out, err = cli("load", "--db", str(stored), str(FIXTURES / "latin1.txt"))
    assert (status, out) == (2, "")
    assert err == f"tca-tui: {stored}: read-only, cannot load into it (the file is not writable)\n"
    assert stored.read_bytes() == before


def test_cli_says_why_when_sqlite_refuses_to_write(stored, monkeypatch):
    """The file system said yes, SQLite said 'attempt to write a readonly database'
    (a read-only mount, an NFS export...): searching still works, loading says why."""
    real_connect = store.db.connect

    def read_only_connection(path, *, readonly=False):
        conn = real_connect(path, readonly=readonly)
        conn.execute("PRAGMA query_only = ON")
        return conn

    monkeypatch.setattr(store.db, "connect", read_only_connection)
    monkeypatch.setattr("store.archive.connect", read_only_connection)
    before = dump(stored)
    status, out, err = cli("search", "brics", "--db", str(stored))
    assert status == 0 and "BRICS" in out
    status, out, err = cli("load", "--db", str(stored), str(FIXTURES / "latin1.txt"))
    assert status == 2 and err.startswith(f"tca-tui: {stored}: read-only") and err.count("\n") == 1
    assert dump(stored) == before


@pytest.mark.parametrize(
    ("folder_mode", "file_mode", "reason"),
    [
        (0o555, 0o444, "the file is not writable"),
        (0o777, 0o444, "the file is not writable"),
        (0o555, 0o666, "its folder is not writable"),
    ],
    ids=["file and folder read-only", "file read-only", "folder read-only"],
)
def test_a_read_only_database_browses_searches_and_refuses_loads(
    folder_mode, file_mode, reason, shared_dir, seeded_template
):
    """End to end, as a user who may not write: as root, the check runs as nobody."""
    folder = shared_dir / "archive"
    folder.mkdir()
    db = folder / "tca.db"
    shutil.copy(seeded_template, db)  # checkpointed: no -wal or -shm beside it
    page = shared_dir / "page.txt"
    shutil.copy(FIXTURES / "latin1.txt", page)
    db.chmod(file_mode)
    folder.chmod(folder_mode)
    before = db.read_bytes()
    home = shared_dir / "home"
    home.mkdir(mode=0o777)
    home.chmod(0o777)

    def as_a_user() -> list[tuple[int, str, str]]:
        old_home = os.environ["HOME"]
        os.environ["HOME"] = str(home)
        try:
            return [
                cli("stats", "--json", "--db", str(db)),
                cli("search", "brics", "--db", str(db)),
                cli("load", "--db", str(db), str(page)),
                cli("--db", str(db), "load", str(page)),
            ]
        finally:
            os.environ["HOME"] = old_home

    (stats, search, load, load_again) = run_as_other_user(as_a_user)
    assert (stats[0], stats_facts(stats[1]), stats[2]) == (0, SEED_FACTS, "")
    assert search[0] == 0 and "BRICS" in search[1]
    assert load == (2, "", f"tca-tui: {db}: read-only, cannot load into it ({reason})\n")
    assert load_again == load
    assert db.read_bytes() == before
    if folder_mode == 0o555:
        assert sorted(p.name for p in folder.iterdir()) == ["tca.db"]
