"""Authors from bylines and author pages: stored, shown in the reader, printed by
``search --json``; archives loaded before authors were stored still read, and loading
the same pages again adds nothing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from support.screen import settle, widget_text
from test_database_stress import database_at

from store.archive import Archive
from store.db import MIGRATIONS, _add_article_author
from store.ingest.load import load_paths
from tui.app import TcaApp
from tui.cli.commands import main
from tui.widgets.reader import ArticleReader

PAGES = Path(__file__).parent / "real_pages"
AUTHORS_FROM = MIGRATIONS.index(_add_article_author) + 1  # the schema that stores them


def article_titled(archive: Archive, title: str):
    (match,) = [h for h in archive.headlines() if h.title == title]
    return archive.article(match.id)


@pytest.fixture
def pages_db(tmp_path: Path) -> Path:
    path = tmp_path / "tca.db"
    report = load_paths(path, [PAGES])
    assert not report.errors and report.snapshots_added == len(list(PAGES.glob("*.txt")))
    return path


def test_a_byline_naming_a_writer_is_stored_as_the_author(pages_db):
    archive = Archive(pages_db)
    assert (
        article_titled(
            archive, "Gazprom resumes imports from Turkmenistan after a long halt"
        ).author
        == "Vladimir Socor"
    )
    # "Written by TCA" names the house, not a writer.
    assert (
        article_titled(archive, "Kazakhstan digitalizing the market of tourist services").author
        is None
    )
    archive.close()


def test_loading_the_same_pages_again_adds_and_changes_nothing(pages_db):
    archive = Archive(pages_db)
    before = archive.stats()
    report = load_paths(archive.db, [PAGES])
    assert (report.snapshots_added, report.already_loaded) == (0, len(list(PAGES.glob("*.txt"))))
    assert archive.stats() == before
    archive.close()


def test_a_later_page_that_names_the_writer_fills_in_a_known_article(tmp_path):
    path = tmp_path / "tca.db"
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(
        "Tokayev Visits Berlin\n\nASTANA (TCA) — The visit began...\n", encoding="utf-8"
    )
    second.write_text(
        "Tokayev Visits Berlin\n\n  • Written by Sergey Kwan\n\n"
        "ASTANA (TCA) — The visit began on Monday.\n",
        encoding="utf-8",
    )
    load_paths(path, [first])
    load_paths(path, [second])
    archive = Archive(path)
    assert archive.stats().articles == 1
    article = article_titled(archive, "Tokayev Visits Berlin")
    assert article.author == "Sergey Kwan"
    assert article.body == "ASTANA (TCA) — The visit began on Monday."  # the longer text, as before
    archive.close()


def older_archive(path: Path) -> Path:
    """``path`` as a tca-tui from before authors were stored left it: the real migrations
    up to then, holding the rows ``path`` holds now."""
    loaded = path.with_name("loaded-now.db")
    with sqlite3.connect(path) as source, sqlite3.connect(loaded) as copy:
        source.backup(copy)
    source.close()
    copy.close()
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)
    return database_at(AUTHORS_FROM - 1, path, data_from=loaded)


def test_an_older_archive_reads_read_only_and_migrates_with_no_authors(pages_db):
    older_archive(pages_db)
    title = "Gazprom resumes imports from Turkmenistan after a long halt"
    readonly = Archive(pages_db, readonly=True)
    article = article_titled(readonly, title)
    assert (article.author, article.paragraphs[0].text[:8]) == (None, "ASHGABAT")
    assert readonly.authors([article.id]) == {}
    readonly.close()
    migrated = Archive(pages_db)  # an older tca-tui's articles are not re-read
    assert article_titled(migrated, title).author is None
    migrated.close()


def test_search_json_prints_each_match_with_its_author(pages_db, capsys):
    status = main(["search", "--db", str(pages_db), "--json", "Gazprom resumes imports"])
    rows = json.loads(capsys.readouterr().out)
    assert status == 0
    top = rows[0]
    assert (top["title"], top["author"]) == (
        "Gazprom resumes imports from Turkmenistan after a long halt",
        "Vladimir Socor",
    )
    assert all("author" in row for row in rows)


async def test_the_reader_names_the_author_under_the_headline(tmp_path):
    path = tmp_path / "tca.db"
    load_paths(path, [PAGES / "author_kwan.txt"])
    archive = Archive(path)
    app = TcaApp(archive, animate=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        shown = widget_text(app.query_one(ArticleReader))
        assert "Kazakhstan Launches High-Resolution Weather" in shown
        assert "By Sergey Kwan" in shown
        assert "the page showed only the beginning" in shown  # cut off mid-word
    archive.close()
