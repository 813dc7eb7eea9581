"""The pane of snapshot dates: one row per snapshot, newest first, undated last.

A store of a million articles holds tens of thousands of snapshots, so this is a
line-API widget: it paints only the rows on screen, and setting the rows costs nothing
per row. Any ``Sequence[Snapshot]`` will do, including one that loads pages on demand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from store.models import Snapshot
from tui.text import fit, untrusted

_MIN_LABEL_WIDTH = 8  # narrower than this, the count gives way to the label


def snapshot_row(snapshot: Snapshot, width: int) -> Content:
    """Fit a row ("20 Feb 2026 ······ 6") to ``width``; undated rows show their file name."""
    count = Content.styled(str(snapshot.article_count), "$text-muted")
    if snapshot.is_dated:
        label = Content(snapshot.short_label)
    else:
        label = Content.assemble(
            Content.styled("undated ", "$text-warning italic"),
            untrusted(snapshot.label, "$text-muted", single_line=True),
        )
    label_width = width - count.cell_length - 1
    if label_width < _MIN_LABEL_WIDTH:
        return fit(label, width)
    label = fit(label, label_width)
    return label + " " * (width - label.cell_length - count.cell_length) + count


class SnapshotList(ScrollView, can_focus=True):
    """Lists snapshots; moving the cursor posts :class:`SnapshotHighlighted`, Enter or a
    click :class:`SnapshotChosen`."""

    DEFAULT_CSS = """
    SnapshotList {
        background: $surface;
        & > .snapshot-list--cursor {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
        }
        &:focus > .snapshot-list--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        &:nocolor > .snapshot-list--cursor { text-style: bold; }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"snapshot-list--cursor"}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("enter", "choose", "Show articles"),
    ]

    highlighted: reactive[int | None] = reactive(None)

    @dataclass
    class SnapshotHighlighted(Message):
        snapshot: Snapshot

    @dataclass
    class SnapshotChosen(Message):
        """Enter on a snapshot: the reader wants to move on to its articles."""

        snapshot: Snapshot

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Snapshots"
        self._snapshots: Sequence[Snapshot] = ()

    @property
    def snapshots(self) -> Sequence[Snapshot]:
        return self._snapshots

    @property
    def current(self) -> Snapshot | None:
        index = self.highlighted
        return None if index is None else self._snapshots[index]

    def show_snapshots(self, snapshots: Sequence[Snapshot], *, keep_id: int | None = None) -> None:
        """Replace the rows; the snapshot with ``keep_id`` stays highlighted if it is among
        them, else the first (the newest) is."""
        self._snapshots = snapshots
        self.border_subtitle = str(len(snapshots))
        self.virtual_size = Size(self.size.width, len(snapshots))
        kept = 0
        if keep_id is not None:  # reads pages down to it: usually near the top
            kept = next((i for i, s in enumerate(snapshots) if s.id == keep_id), 0)
        self.highlighted = kept if snapshots else None
        self.refresh()

    def move(self, step: int) -> None:
        """Move the cursor ``step`` rows, stopping at either end."""
        if self._snapshots:
            current = self.highlighted or 0
            self.highlighted = max(0, min(len(self._snapshots) - 1, current + step))

    def validate_highlighted(self, index: int | None) -> int | None:
        if index is None or not self._snapshots:
            return None
        return max(0, min(len(self._snapshots) - 1, index))

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        for row in (old, new):
            if row is not None:
                self.refresh_line(row)
        if new is not None:
            self.scroll_to_region(Region(0, new, 1, 1), animate=False, force=True)
            self.post_message(self.SnapshotHighlighted(self._snapshots[new]))

    def action_cursor_down(self) -> None:
        self.move(1)

    def action_cursor_up(self) -> None:
        self.move(-1)

    def action_first(self) -> None:
        self.move(-len(self._snapshots))

    def action_last(self) -> None:
        self.move(len(self._snapshots))

    def action_page_down(self) -> None:
        self.move(max(1, self.scrollable_content_region.height - 1))

    def action_page_up(self) -> None:
        self.move(-max(1, self.scrollable_content_region.height - 1))

    def action_choose(self) -> None:
        if (snapshot := self.current) is not None:
            self.post_message(self.SnapshotChosen(snapshot))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return  # on the border or the scrollbar
        row = offset.y + int(self.scroll_offset.y)
        if row < len(self._snapshots):
            self.highlighted = row
            self.action_choose()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self._snapshots))

    def render_line(self, y: int) -> Strip:
        row = y + int(self.scroll_offset.y)
        width = self.scrollable_content_region.width
        if row >= len(self._snapshots):
            return Strip.blank(width, self.get_visual_style().rich_style)
        if row == self.highlighted:
            style = self.get_visual_style("snapshot-list--cursor")
        else:
            style = self.get_visual_style()
        content = snapshot_row(self._snapshots[row], max(width - 2, 1)).pad(1, 1)
        strips = Visual.to_strips(self, content, width, 1, style, pad=True)
        return strips[0] if strips else Strip.blank(width, style.rich_style)
