"""Scraped text shows literally: no markup is parsed and no control code is painted."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_snapshot
from support.screen import screen_text, settle

from store.archive import Archive
from store.ingest.load import load_paths
from tui.app import TcaApp
from tui.textual_compat import screen_strips
from tui.widgets.article_list import ArticleList
from tui.widgets.reader import ArticleReader

HEADLINE = "[bold]x[/bold] and [/] \x1b[31mred\x07 [link=http://e.vil]click[/link]"
BODY = "Body with [red]markup[/red], \x1b]0;pwned\x07 title, \u009b C1 and \x7f del."

SHOWN_HEADLINE = "[bold]x[/bold] and [/] \u241b[31mred\u2407 [link=http://e.vil]click[/link]"
SHOWN_BODY = "Body with [red]markup[/red], \u241b]0;pwned\u2407 title, \ufffd C1 and \u2421 del."


@pytest.fixture
def hostile_archive(tmp_path: Path):
    page = f"  • KZT/USD = 0.00190 0%\n12 March 2025\n\n{HEADLINE}\n\n{BODY}\n"
    db_path = tmp_path / "hostile.db"
    report = load_paths(db_path, [write_snapshot(tmp_path, "hostile.txt", page)])
    assert not report.errors
    archive = Archive(db_path)
    title = archive.articles_in(archive.snapshots()[0].id)[0].title
    assert "\x1b" in title, "the store is expected to keep the text as captured"
    yield archive
    archive.close()


def painted_controls(app: TcaApp) -> set[str]:
    """Control characters in the text of every cell about to be written to the terminal."""
    strips = screen_strips(app)
    return {
        char
        for strip in strips
        for segment in strip
        for char in segment.text
        if ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0
    }


async def test_headline_and_body_show_literally(hostile_archive: Archive) -> None:
    app = TcaApp(hostile_archive, animate=False)
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        headlines = screen_text(app, app.query_one(ArticleList).region)
        reader = screen_text(app, app.query_one(ArticleReader).region)
        assert "[bold]x[/bold] and [/] \u241b[31mred\u2407" in headlines
        assert SHOWN_HEADLINE in reader
        assert SHOWN_BODY in reader
        assert painted_controls(app) == set()


async def test_search_results_show_literally(hostile_archive: Archive) -> None:
    app = TcaApp(hostile_archive, animate=False)
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"bold")
        await settle(pilot)
        headlines = screen_text(app, app.query_one(ArticleList).region)
        assert "[bold]x[/bold] and [/] \u241b[31mred\u2407" in headlines
        assert "1 of 1" in headlines
        assert painted_controls(app) == set()
