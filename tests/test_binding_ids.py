"""Every key binding has an id, so a reader's keymap (``[keys]`` in the settings) can name it."""

from __future__ import annotations

from textual.binding import Binding

from tui.app import TcaApp
from tui.screens.help import HelpScreen
from tui.screens.snapshot_diff import SnapshotDiffScreen
from tui.screens.ticker_history import TickerHistoryScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.reader import ArticleReader
from tui.widgets.search_box import SearchBox
from tui.widgets.snapshot_list import SnapshotList

DECLARERS = [
    TcaApp,
    HelpScreen,
    SnapshotDiffScreen,
    TickerHistoryScreen,
    ArticleList,
    ArticleReader,
    SearchBox,
    SnapshotList,
]


def test_every_binding_has_an_id() -> None:
    missing = [
        f"{owner.__name__}: {binding.key} -> {binding.action}"
        for owner in DECLARERS
        for binding in Binding.make_bindings(owner.BINDINGS)
        if not binding.id
    ]
    assert missing == []


def test_one_id_means_one_action() -> None:
    """An id shared by two classes (the lists' cursor_down) must do the same there, so
    remapping it cannot move one key to two different actions."""
    actions: dict[str, set[str]] = {}
    for owner in DECLARERS:
        for binding in Binding.make_bindings(owner.BINDINGS):
            actions.setdefault(binding.id or "", set()).add(binding.action)
    assert {id_: acts for id_, acts in actions.items() if len(acts) > 1} == {}


def test_numbered_related_keys_have_their_own_ids() -> None:
    ids = {b.id for b in Binding.make_bindings(TcaApp.BINDINGS)}
    assert {f"open_related_{n}" for n in range(1, 6)} <= ids
