"""Loading snapshot files into a real SQLite database."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import write_snapshot

import store.ingest.load
from store.archive import Archive
from store.db import SCHEMA_VERSION, open_database
from store.errors import NotADatabaseError, SchemaTooNewError
from store.ingest.load import load_paths

SEED_FACTS = {
    "snapshots": 5,
    "undated_snapshots": 1,
    "articles": 25,
    "appearances": 27,
    "quotes": 20,
    "truncated_articles": 20,
}


def dump(path: Path) -> list[tuple]:
    """Every row of every table, to compare a database before and after."""
    conn = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'articles_fts%'"
                " AND name != 'headline_index'"
            )
        ]
        return [(t, *row) for t in sorted(tables) for row in conn.execute(f"SELECT * FROM {t}")]
    finally:
        conn.close()


def test_seeds_load_to_the_known_facts(archive):
    assert archive.stats().as_dict() == SEED_FACTS


def test_article_on_two_dates_is_stored_once_and_linked_to_both(archive):
    by_label = {s.label: s for s in archive.snapshots()}
    jan7 = {a.title: a for a in archive.articles_in(by_label["07 January 2025"].id)}
    jan10 = {a.title: a for a in archive.articles_in(by_label["10 January 2025"].id)}
    shared = set(jan7) & set(jan10)
    assert len(shared) == 2
    for title in shared:
        assert jan7[title].id == jan10[title].id
        article = archive.article(jan7[title].id)
        assert [s.label for s in article.appearances] == ["07 January 2025", "10 January 2025"]


def test_loading_again_changes_nothing(seeded_db, seeds_dir):
    before = dump(seeded_db)
    report = load_paths(seeded_db, [seeds_dir])
    assert (report.snapshots_added, report.already_loaded, report.errors) == (0, 5, [])
    assert dump(seeded_db) == before


def test_same_file_under_another_name_is_already_loaded(seeded_db, seeds_dir, tmp_path):
    copy = tmp_path / "renamed.txt"
    shutil.copy(next(seeds_dir.glob("000_*.txt")), copy)
    report = load_paths(seeded_db, [copy])
    assert report.already_loaded == 1 and report.snapshots_added == 0


def test_bad_file_beside_good_ones_is_reported_and_the_rest_loads(tmp_path, seeds_dir):
    db = tmp_path / "t.db"
    load_paths(db, [next(seeds_dir.glob("000_*.txt"))])
    before = dump(db)
    bad = write_snapshot(
        seeds_dir, "zz_bad.txt", "10 January 2025\n\nThis body has no headline at all, sadly.\n"
    )
    report = load_paths(db, [seeds_dir])
    assert report.errors == [f"{bad}:3: body text with no headline above it"]
    assert report.snapshots_added == 4
    assert Archive(db).stats().as_dict() == SEED_FACTS
    assert set(before) <= set(dump(db))


def test_a_failure_mid_file_keeps_earlier_files_and_nothing_of_that_file(
    tmp_path, seeds_dir, monkeypatch
):
    db = tmp_path / "t.db"
    load_paths(db, [next(seeds_dir.glob("001_*.txt"))])
    before = dump(db)
    real = store.ingest.load.SnapshotWriter._article_id
    seen: list[str] = []

    def fail_in_second_file(writer, title, *rest):
        seen.append(title)
        if len(seen) == 6 + 3:  # the third article of the second file
            raise RuntimeError("disk fell off")
        return real(writer, title, *rest)

    monkeypatch.setattr(store.ingest.load.SnapshotWriter, "_article_id", fail_in_second_file)
    with pytest.raises(RuntimeError):
        load_paths(db, [next(seeds_dir.glob("000_*.txt")), next(seeds_dir.glob("002_*.txt"))])
    archive = Archive(db)
    assert [s.label for s in archive.snapshots()] == ["10 January 2025", "07 January 2025"]
    assert set(before) < set(dump(db))
    # Nothing of the failed file: no article of 15 May 2025 is stored.
    assert not [h for h in archive.headlines() if h.title.startswith("Breaking Old Ties")]


def test_full_text_index_follows_loads_and_growing_excerpts(tmp_path):
    db = tmp_path / "t.db"
    load_paths(
        db, [write_snapshot(tmp_path, "a.txt", "Grain Exports Rise\n\nWheat sales grew and...\n")]
    )
    load_paths(
        db,
        [
            write_snapshot(
                tmp_path, "b.txt", "Grain Exports Rise\n\nWheat sales grew and barley followed.\n"
            )
        ],
    )
    archive = Archive(db)
    assert [h.title for h in archive.search_bodies("barley")] == ["Grain Exports Rise"]
    assert len(archive.search_bodies("wheat")) == 1


def test_an_excerpt_that_grows_keeps_the_longer_text(tmp_path):
    db = tmp_path / "t.db"
    short = "01 March 2025\n\nSteppe Railway Opens to Freight\n\nThe line opened on Monday and...\n"
    full = (
        "02 March 2025\n\nSteppe Railway Opens to Freight\n\n"
        "The line opened on Monday and carries grain to the port.\n"
    )
    first = load_paths(db, [write_snapshot(tmp_path, "a.txt", short)])
    second = load_paths(db, [write_snapshot(tmp_path, "b.txt", full)])
    assert (first.new_articles, second.new_articles, second.known_articles) == (1, 0, 1)
    archive = Archive(db)
    (headline,) = archive.headlines()
    article = archive.article(headline.id)
    assert article.body == "The line opened on Monday and carries grain to the port."
    assert not article.truncated
    assert len(article.appearances) == 2
    # Seeing the excerpt again afterwards must not shrink it back.
    load_paths(db, [write_snapshot(tmp_path, "c.txt", short.replace("01 March", "03 March"))])
    assert archive.article(headline.id).body.endswith("to the port.")


def test_repeats_within_one_page_are_matched_like_repeats_across_pages(tmp_path):
    db = tmp_path / "t.db"
    page = (
        "01 March 2025\n\n"
        "Steppe Railway Opens to Freight\n\nThe line opened on Monday and...\n\n"
        "Weekly Digest\n\nWheat prices rose.\n\n"
        "Steppe Railway Opens to Freight\n\nThe line opened on Monday and carries grain.\n\n"
        "Weekly Digest\n\nElections were held.\n\n"
        "Steppe Railway Opens to Freight\n\nThe line opened on Monday and...\n\n"
        "Weekly Digest\n\nWheat prices rose.\n"
    )
    report = load_paths(db, [write_snapshot(tmp_path, "a.txt", page)])
    assert (report.new_articles, report.known_articles) == (3, 3)
    archive = Archive(db)
    (snapshot,) = archive.snapshots()
    shown = [(a.title, archive.article(a.id).body) for a in archive.articles_in(snapshot.id)]
    railway = ("Steppe Railway Opens to Freight", "The line opened on Monday and carries grain.")
    wheat, elections = (
        ("Weekly Digest", "Wheat prices rose."),
        ("Weekly Digest", "Elections were held."),
    )
    assert shown == [railway, wheat, railway, elections, railway, wheat]
    assert [h.title for h in archive.search_bodies("grain")] == ["Steppe Railway Opens to Freight"]
    # The next page's copies are the same articles.
    report = load_paths(
        db, [write_snapshot(tmp_path, "b.txt", page.replace("01 March", "02 March"))]
    )
    assert (report.new_articles, report.known_articles) == (0, 6)


def test_same_headline_with_a_different_story_is_another_article(tmp_path):
    db = tmp_path / "t.db"
    load_paths(db, [write_snapshot(tmp_path, "a.txt", "Weekly Digest\n\nWheat prices rose.\n")])
    load_paths(db, [write_snapshot(tmp_path, "b.txt", "Weekly Digest\n\nElections were held.\n")])
    assert Archive(db).stats().articles == 2


def test_folder_walk_finds_txt_files_in_subfolders_once(tmp_path, seeds_dir):
    nested = seeds_dir / "more" / "deeper"
    nested.mkdir(parents=True)
    write_snapshot(nested, "extra.txt", "Deep Headline Here\n\nA body sentence.\n")
    (seeds_dir / "notes.md").write_text("not a snapshot")
    (seeds_dir / "more" / "loop").symlink_to(seeds_dir, target_is_directory=True)
    report = load_paths(tmp_path / "t.db", [seeds_dir])
    assert (report.snapshots_added, report.errors) == (6, [])


def test_not_sqlite_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"my notes, not a database\n")
    with pytest.raises(NotADatabaseError, match="not an SQLite database"):
        open_database(path)
    assert path.read_bytes() == b"my notes, not a database\n"


def test_newer_schema_is_refused_and_left_untouched(seeded_db):
    conn = sqlite3.connect(seeded_db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = seeded_db.read_bytes()
    with pytest.raises(SchemaTooNewError, match="newer tca-tui"):
        open_database(seeded_db)
    assert seeded_db.read_bytes() == before


def test_new_database_has_wal_foreign_keys_fts_and_a_version(tmp_path):
    db = open_database(tmp_path / "new.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db["articles_fts"].exists()


def test_a_load_leaves_the_connections_settings_as_it_found_them(tmp_path, seeds_dir):
    db = open_database(tmp_path / "t.db")
    before = [db.execute(f"PRAGMA {name}").fetchone() for name in store.ingest.load.LOAD_PRAGMAS]
    load_paths(db, [seeds_dir])
    assert [
        db.execute(f"PRAGMA {name}").fetchone() for name in store.ingest.load.LOAD_PRAGMAS
    ] == before
