"""The app under stress: keys in one burst, random key mashing, snapshots loaded meanwhile."""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest
from conftest import write_snapshot
from support.screen import screen_text, settle
from textual import events
from textual.keys import _character_to_key, key_to_character
from textual.widgets import Input, OptionList

from store.archive import Archive
from store.ingest.load import load_paths
from tui.app import TcaApp
from tui.widgets.article_list import ArticleList
from tui.widgets.snapshot_list import SnapshotList
from tui.widgets.ticker import Ticker


def burst(app: TcaApp, text: str) -> None:
    """Post keys as the driver does for one read from the terminal: all at once, with no
    chance for the app to handle one before the next arrives."""
    for char in text:
        key = events.Key("slash" if char == "/" else char, char)
        app.post_message(key)


async def test_keys_typed_straight_after_slash_go_to_the_search_box(archive: Archive) -> None:
    app = TcaApp(archive, animate=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        article_before = app.query_one("ArticleList").highlighted
        burst(app, "/taliban")
        await settle(pilot)
        assert app.query_one(Input).value == "taliban"
        assert not app.query_one(Ticker).paused  # "t" did not pause the ticker
        assert (
            "Taliban" in app.query_one("ArticleList").get_option_at_index(0).prompt.headline.plain
        )
        assert article_before == 0


# --- key mashing -------------------------------------------------------------------------

MASHED_KEYS = [
    "tab",
    "shift+tab",
    "slash",
    "n",
    "p",
    "left_square_bracket",
    "right_square_bracket",
    "escape",
    "t",
    "question_mark",
    "r",
    "j",
    "k",
    "g",
    "G",
    "enter",
    "space",
    "b",
    "pageup",
    "pagedown",
    "home",
    "end",
    "up",
    "down",
    "left",
    "right",
    "backspace",
    "ctrl+t",
]  # every key the app binds (but q, which quits), and editing keys for the search box


def random_keys(rng: random.Random, count: int) -> list[events.Key]:
    keys = []
    for _ in range(count):
        if rng.random() < 0.5:
            char = rng.choice(string.ascii_letters.replace("q", "") + string.digits + " ,.'-é’")
            keys.append(events.Key(_character_to_key(char), char))
        else:
            name = rng.choice(MASHED_KEYS)
            keys.append(events.Key(name, key_to_character(name)))
    return keys


async def test_thousands_of_random_keys_leave_the_app_alive(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # e saves the article as Markdown in the current folder
    rng = random.Random(20260224)
    app = TcaApp(archive, animate=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for round_ in range(30):
            for key in random_keys(rng, 100):
                app.post_message(key)
            await pilot.pause()
            if round_ % 8 == 7:  # and the window changes size under it
                await pilot.resize_terminal(*rng.choice([(20, 6), (60, 15), (100, 30)]))
        await settle(pilot)
        assert app.is_running and app.unexpected_error is None
        await pilot.resize_terminal(100, 30)
        await pilot.press("escape", "escape", "escape", "escape")
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0 and app.unexpected_error is None


# --- snapshots that arrive while the app runs ----------------------------------------------

NEW_SNAPSHOT = "01 March 2026\n\nSteppe Railway Opens to Freight\n\nThe line opened on Monday.\n"


async def test_r_shows_new_snapshots_and_keeps_the_selection(stored: Path, tmp_path: Path) -> None:
    archive = Archive(stored)
    try:
        app = TcaApp(archive, animate=False)
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await settle(pilot)
            await pilot.press("right_square_bracket")  # 15 May 2025
            await settle(pilot)
            chosen = app.query_one(SnapshotList).current
            assert chosen is not None and chosen.short_label == "15 May 2025"
            report = load_paths(stored, [write_snapshot(tmp_path, "new.txt", NEW_SNAPSHOT)])
            assert not report.errors
            await pilot.press("r")
            await settle(pilot)
            dates = app.query_one(SnapshotList)
            assert [s.short_label for s in dates.snapshots][:2] == ["01 Mar 2026", "20 Feb 2026"]
            assert dates.current == chosen and app.snapshot == chosen
            assert "1 new snapshot" in screen_text(app)
            await pilot.press("slash", *"steppe railway")
            await settle(pilot)
            assert "Steppe Railway Opens" in screen_text(app, app.query_one(ArticleList).region)
    finally:
        archive.close()


# --- a worker that fails ---------------------------------------------------------------------


class BrokenIndex:
    """Stands in for store.search.fuzzy.HeadlineIndex however the app builds it."""

    def __init__(self, *args: object) -> None:
        raise OSError("disk went away")

    @classmethod
    def for_archive(cls, archive: Archive) -> BrokenIndex:
        raise OSError("disk went away")


async def test_a_failed_worker_is_a_notification_naming_the_log(
    archive: Archive, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    logged: list[Exception] = []

    def log_error(error: Exception) -> Path:
        logged.append(error)
        return tmp_path / "tca-tui.log"

    monkeypatch.setattr("store.search.fuzzy.HeadlineIndex", BrokenIndex)
    app = TcaApp(archive, animate=False, log_error=log_error)
    notified: list[str] = []
    notify = app.notify
    monkeypatch.setattr(
        app, "notify", lambda message, **kw: [notified.append(message), notify(message, **kw)]
    )
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        assert app.is_running
        assert [str(error) for error in logged] == ["disk went away"]
        assert notified == [f"Search is unavailable; details in {tmp_path / 'tca-tui.log'}"]
        assert "Search is unavailable" in screen_text(app)


async def test_a_highlight_queued_before_new_results_is_ignored(archive: Archive) -> None:
    app = TcaApp(archive, animate=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        # The sixth of the six headlines on 20 Feb 2026, as if its highlight were queued.
        stale = OptionList.OptionHighlighted(articles, articles.get_option_at_index(5), 5)
        await pilot.press("slash", *"brics")  # two results replace the six
        await settle(pilot)
        articles.post_message(stale)
        await settle(pilot)
        assert app.is_running and app.unexpected_error is None


async def test_a_failed_worker_says_what_failed(
    archive: Archive, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def related(*args: object) -> None:
        raise RuntimeError("related lookup broke")

    monkeypatch.setattr(archive, "related", related)
    app = TcaApp(archive, animate=False, log_error=lambda error: tmp_path / "tca-tui.log")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # open an article: its related articles are looked up
        await settle(pilot)
        assert app.is_running
        assert "Related articles are unavailable" in screen_text(app)
        assert "Search is unavailable" not in screen_text(app)


@pytest.mark.parametrize(
    "keys", [("escape", "j", "c", "escape", "d"), ("q", "escape", "k", "question_mark")]
)
async def test_keys_still_on_their_way_when_the_app_quits_are_ignored(
    archive: Archive, keys
) -> None:
    # Keys reach the app again as they bubble up from the focused widget. On a busy
    # machine some arrive only once the screens are closed, when their bindings (Esc:
    # focus the dates pane) have nothing left to act on. Here they arrive just then.
    app = TcaApp(archive, animate=False)
    close_screens = app._close_all

    async def close_screens_then_keys_arrive() -> None:
        await close_screens()
        for key in keys:
            app.post_message(events.Key(key, None))

    app._close_all = close_screens_then_keys_arrive  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
    # Leaving run_test shut the app down, and would have raised what went wrong then.
    assert app.unexpected_error is None
