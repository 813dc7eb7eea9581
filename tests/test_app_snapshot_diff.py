"""The d diff is looked up in a worker: the UI keeps answering keys meanwhile, a second d
waits for the same lookup, and an answer for somewhere the reader has left is dropped.

``Archive.diff`` is held at a gate (a ``threading.Event``) so that keys can be pressed
while the lookup is known to be running; nothing here depends on how long anything takes.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from support.screen import screen_text, settle
from test_app_browse import ROSENBLUM, open_snapshot
from textual.pilot import Pilot

from store.archive import Archive
from store.models import SnapshotDiff
from tui.app import TcaApp
from tui.screens.help import HelpScreen
from tui.screens.snapshot_diff import SnapshotDiffScreen
from tui.textual_compat import notifications
from tui.widgets.article_list import ArticleList
from tui.widgets.reader import ArticleReader
from tui.widgets.snapshot_list import SnapshotList

WAIT = 10.0  # seconds before a test gives up on a gate: a hang fails, never passes


class GatedDiff:
    """Stands in for ``Archive.diff``: each call waits for ``open()``, then answers."""

    def __init__(self, archive: Archive) -> None:
        self.real = archive.diff
        self.calls: list[int] = []
        self.started = threading.Event()
        self.gate = threading.Event()

    def __call__(self, snapshot_id: int) -> SnapshotDiff | None:
        self.calls.append(snapshot_id)
        self.started.set()
        assert self.gate.wait(WAIT), "the test never opened the gate"
        return self.real(snapshot_id)

    def open(self) -> None:
        self.gate.set()


@pytest.fixture
def app(archive: Archive) -> TcaApp:
    return TcaApp(archive, animate=False)


@pytest.fixture
def gated(archive: Archive, monkeypatch: pytest.MonkeyPatch) -> GatedDiff:
    gated = GatedDiff(archive)
    monkeypatch.setattr(archive, "diff", gated)
    return gated


def diff_screens(app: TcaApp) -> list[SnapshotDiffScreen]:
    return [screen for screen in app.screen_stack if isinstance(screen, SnapshotDiffScreen)]


async def press_d_and_wait_for_the_lookup(pilot: Pilot, gated: GatedDiff) -> None:
    await pilot.press("d")
    assert gated.started.wait(WAIT)  # the worker is inside Archive.diff, at the gate


async def test_d_opens_the_diff_once_the_worker_has_it(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await open_snapshot(pilot, "10 Jan 2025")
        await pilot.press("d")
        await settle(pilot)
        (screen,) = diff_screens(app)
        assert screen.diff.snapshot.short_label == "10 Jan 2025"
        assert [len(screen.diff.new), len(screen.diff.kept), len(screen.diff.dropped)] == [4, 2, 1]
        text = screen_text(app)
        assert "New (4)" in text and "Still there (2)" in text and "Dropped (1)" in text


async def test_keys_are_handled_while_the_diff_is_looked_up(app: TcaApp, gated: GatedDiff) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await open_snapshot(pilot, "10 Jan 2025")
        articles = app.query_one(ArticleList)
        first = articles.current_article_id
        await press_d_and_wait_for_the_lookup(pilot, gated)
        await pilot.press("j")  # handled while the worker waits at the gate
        await pilot.pause()
        assert articles.current_article_id != first
        assert app.query_one(ArticleReader).article.id == articles.current_article_id
        assert not diff_screens(app)
        gated.open()
        await settle(pilot)
        (screen,) = diff_screens(app)
        assert app.screen is screen and ROSENBLUM[:30] in screen_text(app)


async def test_d_twice_while_looking_up_opens_one_diff(app: TcaApp, gated: GatedDiff) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await open_snapshot(pilot, "10 Jan 2025")
        await press_d_and_wait_for_the_lookup(pilot, gated)
        await pilot.press("d")  # the same lookup is still running: wait for it
        gated.open()
        await settle(pilot)
        assert len(diff_screens(app)) == 1 and isinstance(app.screen, SnapshotDiffScreen)
        assert len(gated.calls) == 1
        await pilot.press("d")  # then d closes it, as before
        await settle(pilot)
        assert not diff_screens(app)


async def test_a_diff_for_a_snapshot_left_meanwhile_is_dropped(
    app: TcaApp, gated: GatedDiff
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await open_snapshot(pilot, "10 Jan 2025")
        await press_d_and_wait_for_the_lookup(pilot, gated)
        await pilot.press("right_square_bracket")  # on to 07 Jan 2025
        gated.open()
        await settle(pilot)
        assert app.query_one(SnapshotList).current.short_label == "07 Jan 2025"
        assert not diff_screens(app)

        await pilot.press("d")  # nothing is left pending: d works for the new snapshot
        await settle(pilot)
        (screen,) = diff_screens(app)
        assert screen.diff.snapshot.short_label == "07 Jan 2025"
        assert "everything on it is new" in screen_text(app)


async def test_escape_while_looking_up_means_never_mind(app: TcaApp, gated: GatedDiff) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await open_snapshot(pilot, "10 Jan 2025")
        await press_d_and_wait_for_the_lookup(pilot, gated)
        await pilot.press("escape")  # as it would have closed the diff had it been open
        gated.open()
        await settle(pilot)
        assert app.is_running and not diff_screens(app)
        assert isinstance(app.focused, SnapshotList)  # Esc still did what it does

        await pilot.press("d")
        await settle(pilot)
        assert len(diff_screens(app)) == 1


async def test_a_diff_is_not_stacked_on_a_screen_opened_meanwhile(
    app: TcaApp, gated: GatedDiff
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await open_snapshot(pilot, "10 Jan 2025")
        await press_d_and_wait_for_the_lookup(pilot, gated)
        await pilot.press("question_mark")
        gated.open()
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen) and not diff_screens(app)


async def test_a_failed_diff_says_so_and_d_works_again(
    archive: Archive, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    real = archive.diff
    failures = [sqlite3.OperationalError("disk I/O error")]

    def diff(snapshot_id: int) -> SnapshotDiff | None:
        if failures:
            raise failures.pop()
        return real(snapshot_id)

    monkeypatch.setattr(archive, "diff", diff)
    app = TcaApp(archive, animate=False, log_error=lambda error: tmp_path / "tca-tui.log")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_snapshot(pilot, "10 Jan 2025")
        await pilot.press("d")
        await settle(pilot)
        assert app.is_running and not diff_screens(app)
        notified = [str(n.message) for n in notifications(app)]
        assert notified == [f"What changed is unavailable; details in {tmp_path / 'tca-tui.log'}"]

        await pilot.press("d")
        await settle(pilot)
        assert len(diff_screens(app)) == 1
