"""Read state and stars in the app, and that they outlive it (a file of the reader's own)."""

from __future__ import annotations

from pathlib import Path

from support.app_helpers import unwrapped
from support.screen import settle, widget_text

from store.archive import Archive
from store.ingest.load import load_paths
from store.reading import ReadingState
from tui import text
from tui.app import TcaApp
from tui.widgets.article_list import ArticleList
from tui.widgets.reader import ArticleReader
from tui.widgets.snapshot_list import SnapshotList

TOKAYEV_VISIT = "President Tokayev’s Washington Visit"  # first on 20 Feb 2026
STUFFT = "U.S. Ambassador to Kazakhstan"  # second on 20 Feb 2026 (and a headline wraps)


def dates(app: TcaApp) -> str:
    return widget_text(app.query_one(SnapshotList))


def headlines(app: TcaApp) -> str:
    return widget_text(app.query_one(ArticleList))


def row_of(app: TcaApp, title: str) -> str:
    """The headline list's line that holds the start of ``title``."""
    return next(line for line in headlines(app).splitlines() if title[:20] in line)


async def test_reading_marks_read_and_m_toggles(archive: Archive) -> None:
    app = TcaApp(archive, animate=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "20 Feb 2026    6/6" in dates(app)
        assert "●" in row_of(app, TOKAYEV_VISIT)  # unread
        assert "●" in row_of(app, STUFFT)  # highlighting alone does not count as reading
        await pilot.press("enter")
        await settle(pilot)
        assert "20 Feb 2026    5/6" in dates(app)
        assert "●" not in row_of(app, TOKAYEV_VISIT)
        await pilot.press("m")  # in the reader: the article being read
        await settle(pilot)
        assert "●" in row_of(app, TOKAYEV_VISIT)
        await pilot.press("escape", "j", "m")  # in the list: the highlighted one
        await settle(pilot)
        assert "●" not in row_of(app, STUFFT)
        assert "20 Feb 2026    5/6" in dates(app)


async def test_capital_m_marks_the_whole_snapshot_read(archive: Archive) -> None:
    app = TcaApp(archive, animate=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("M")
        await settle(pilot)
        assert "20 Feb 2026      6" in dates(app)
        assert "●" not in headlines(app)
        assert "15 May 2025    6/6" in dates(app)


async def test_s_stars_and_the_starred_row_lists_them(archive: Archive) -> None:
    app = TcaApp(archive, animate=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        assert "★ Starred        0" in dates(app)
        await pilot.press("j", "s")
        await settle(pilot)
        assert "★" in row_of(app, STUFFT)
        assert "★ Starred        1" in dates(app)
        await pilot.press("left_square_bracket")  # from the newest snapshot up to Starred
        await settle(pilot)
        pane = headlines(app)
        assert pane.splitlines()[0].startswith("╭─ ★ Starred")
        assert STUFFT in pane and TOKAYEV_VISIT not in pane
        await pilot.press("s")  # unstar from the starred list
        await settle(pilot)
        assert "★ Starred        0" in dates(app)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert TOKAYEV_VISIT in unwrapped(headlines(app))


async def test_state_survives_a_restart_and_a_reload(tmp_path: Path, seeds_dir: Path) -> None:
    state_path = tmp_path / "reading.db"
    first = tmp_path / "first.db"
    assert not load_paths(first, [seeds_dir]).errors
    archive = Archive(first)
    state = ReadingState(state_path)
    app = TcaApp(archive, animate=False)
    app.use_reading_state(state)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "s")
        await settle(pilot)
        assert app.query_one(ArticleReader).article.title.startswith(TOKAYEV_VISIT)
    state.close()
    archive.close()

    # A second run, on the same snapshots loaded afresh (and loaded twice): nothing reset.
    second = tmp_path / "second.db"
    assert not load_paths(second, [seeds_dir]).errors
    assert not load_paths(second, [seeds_dir]).errors
    archive = Archive(second)
    state = ReadingState(state_path)
    app = TcaApp(archive, animate=False)
    app.use_reading_state(state)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "20 Feb 2026    5/6" in dates(app)
        assert "★ Starred        1" in dates(app)
        assert "●" not in row_of(app, TOKAYEV_VISIT) and "★" in row_of(app, TOKAYEV_VISIT)
    state.close()
    archive.close()


async def test_marks_have_ascii_stand_ins(archive: Archive) -> None:
    app = TcaApp(archive, animate=False, ascii_only=True)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("j", "s")
            await settle(pilot)
            assert row_of(app, TOKAYEV_VISIT).startswith("│ *  ")  # unread
            assert "│ *# U.S. Ambassador" in headlines(app)  # unread and starred
            assert "# Starred        1" in dates(app)
            assert "●" not in headlines(app) and "★" not in dates(app)
    finally:
        text.use_ascii(False)  # the glyphs are global: leave them as the other tests expect
