"""The pane of snapshot dates: one row per snapshot, newest first, undated last."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from store.models import Snapshot
from tui.text import untrusted
from tui.widgets.fitted_row import FittedRow


def snapshot_row(snapshot: Snapshot) -> FittedRow:
    """"20 Feb 2026 ······ 6"; an undated snapshot shows its file name, marked."""
    count = Content.styled(str(snapshot.article_count), "$text-muted")
    if snapshot.is_dated:
        return FittedRow(Content(snapshot.short_label), count)
    return FittedRow(
        Content.styled("undated", "$text-warning italic"),
        count,
        below=untrusted(snapshot.label, "$text-muted", single_line=True),
    )


class SnapshotList(OptionList):
    """Lists snapshots; highlighting one posts :class:`SnapshotList.SnapshotHighlighted`."""

    BINDINGS = [
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
        Binding("enter", "select", "Show articles"),
    ]

    @dataclass
    class SnapshotHighlighted(Message):
        snapshot: Snapshot

    @dataclass
    class SnapshotChosen(Message):
        """Enter on a snapshot: the reader wants to move on to its articles."""

        snapshot: Snapshot

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.border_title = "Snapshots"
        self._snapshots: list[Snapshot] = []

    @property
    def snapshots(self) -> Sequence[Snapshot]:
        return self._snapshots

    @property
    def current(self) -> Snapshot | None:
        index = self.highlighted
        return None if index is None else self._snapshots[index]

    def show_snapshots(self, snapshots: Sequence[Snapshot]) -> None:
        """Replace the rows; the first snapshot (the newest) ends up highlighted."""
        self._snapshots = list(snapshots)
        self.set_options(Option(snapshot_row(s), id=str(s.id)) for s in self._snapshots)
        self.border_subtitle = f"{len(self._snapshots)}"
        if self._snapshots:
            self.highlighted = 0

    def move(self, step: int) -> None:
        """Highlight the snapshot ``step`` rows away, stopping at either end."""
        if not self._snapshots:
            return
        current = self.highlighted or 0
        self.highlighted = max(0, min(len(self._snapshots) - 1, current + step))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.SnapshotHighlighted(self._snapshots[event.option_index]))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.SnapshotChosen(self._snapshots[event.option_index]))
