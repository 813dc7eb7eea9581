"""What changed between snapshots: NEW marks, the d diff, first and last seen."""

from __future__ import annotations

import pytest
from support.screen import screen_text, settle, widget_text
from test_app_browse import MIDDLE_POWER, ROSENBLUM, open_snapshot
from textual import events

from store.archive import Archive
from tui.app import TcaApp
from tui.screens.snapshot_diff import SnapshotDiffScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.reader import ArticleReader


@pytest.fixture
def app(archive: Archive) -> TcaApp:
    return TcaApp(archive, animate=False)


def row_of(app: TcaApp, title: str) -> str:
    return next(
        line for line in widget_text(app.query_one(ArticleList)).splitlines() if title[:20] in line
    )


async def test_articles_first_seen_on_a_snapshot_are_marked_new(app: TcaApp) -> None:
    async with app.run_test(size=(160, 40)) as pilot:
        await open_snapshot(pilot, "10 Jan 2025")
        assert "NEW" in row_of(app, ROSENBLUM)
        assert "NEW" not in row_of(app, MIDDLE_POWER)  # also on 07 Jan 2025
        assert widget_text(app.query_one(ArticleList)).count("NEW") == 4


async def test_d_shows_new_kept_and_dropped_and_opens_one(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await open_snapshot(pilot, "10 Jan 2025")
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, SnapshotDiffScreen)
        text = screen_text(app)
        assert "10 Jan 2025 against 07 Jan 2025" in text
        assert "New (4)" in text and "Still there (2)" in text and "Dropped (1)" in text
        assert text.index("New (4)") < text.index(ROSENBLUM) < text.index("Still there")
        await pilot.press("enter")  # the first new article
        await settle(pilot)
        assert not isinstance(app.screen, SnapshotDiffScreen)
        reader = app.query_one(ArticleReader)
        assert reader.article.title == ROSENBLUM and app.focused is reader

        await pilot.press("d")
        await settle(pilot)
        await pilot.press("d")  # the same key closes it
        await settle(pilot)
        assert not isinstance(app.screen, SnapshotDiffScreen)


async def test_d_on_the_oldest_and_an_undated_snapshot_says_why(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await open_snapshot(pilot, "07 Jan 2025")
        await pilot.press("d")
        await settle(pilot)
        text = screen_text(app)
        assert "everything on it is new" in text and "New (3)" in text and "Dropped" not in text
        await pilot.press("escape")
        await pilot.press("right_square_bracket", "d")
        await settle(pilot)
        assert "undated snapshot has no earlier one" in screen_text(app)


async def test_the_reader_says_when_an_article_was_first_and_last_seen(app: TcaApp) -> None:
    async with app.run_test(size=(160, 40)) as pilot:
        await open_snapshot(pilot, "10 Jan 2025")
        await pilot.press("j")
        await settle(pilot)
        reader = screen_text(app, app.query_one(ArticleReader).region)
        assert MIDDLE_POWER[:30] in reader
        assert "First seen 07 Jan 2025, last seen 10 Jan 2025, 2 snapshots" in reader
        assert "Seen on 07 Jan 2025 · 10 Jan 2025" in reader


async def test_keys_typed_fast_close_the_diff_once(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        for key in ("escape", "enter", "d", "escape", "enter"):
            app.post_message(events.Key(key, None))
        await settle(pilot)
        assert app.is_running and not isinstance(app.screen, SnapshotDiffScreen)
