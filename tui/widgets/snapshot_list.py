"""The pane of snapshot dates: one row per snapshot, newest first, undated last,
under a "Starred" row that lists the reader's starred articles.

A store of a million articles holds tens of thousands of snapshots, so this is a
line-API widget: it paints only the rows on screen, and setting the rows costs nothing
per row. Any ``Sequence[Snapshot]`` will do, including one that loads pages on demand.
Unread counts come from a callback, asked only for the rows painted, and remembered.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from store.models import Snapshot
from tui import text
from tui.text import fit, untrusted
from tui.textual_compat import style_lookup

_MIN_LABEL_WIDTH = 8  # narrower than this, the count gives way to the label


def starred_label() -> str:
    return f"{text.glyphs.star} Starred"


def count_content(total: int, unread: int | None) -> Content:
    """The count: "6" when none is unread (or not known), else "2/6", the unread set apart."""
    if not unread:
        return Content.styled(str(total), "$text-muted")
    return Content.assemble(
        Content.styled(str(unread), "bold $text-accent"), Content.styled(f"/{total}", "$text-muted")
    )


def fit_row(label: Content, count: Content, width: int) -> Content:
    """``label ····· count`` in ``width`` cells; when narrow, the count gives way."""
    label_width = width - count.cell_length - 1
    if label_width < _MIN_LABEL_WIDTH:
        return fit(label, width)
    label = fit(label, label_width)
    return label + " " * (width - label.cell_length - count.cell_length) + count


def snapshot_row(snapshot: Snapshot, width: int, unread: int | None = None) -> Content:
    """Fit a row ("20 Feb 2026 ···· 2/6") to ``width``; undated rows show their file name."""
    count = count_content(snapshot.article_count, unread)
    if snapshot.is_dated:
        label = Content(snapshot.short_label)
    else:
        label = Content.assemble(
            Content.styled("undated ", "$text-warning italic"),
            untrusted(snapshot.label, "$text-muted", single_line=True),
        )
    return fit_row(label, count, width)


def starred_row(count: int, width: int) -> Content:
    return fit_row(
        Content.styled(starred_label(), "$text-warning"), count_content(count, None), width
    )


class SnapshotList(ScrollView, can_focus=True):
    """Lists snapshots; moving the cursor posts :class:`SnapshotHighlighted`, Enter or a
    click :class:`SnapshotChosen`. The top row is "Starred": :class:`StarredHighlighted`.

    Row 0 is the Starred row, row ``i`` the snapshot ``i - 1``.
    """

    DEFAULT_CSS = """
    SnapshotList {
        background: $surface;
        overflow-x: hidden;  /* rows are fitted to the width: nothing to scroll to */
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
        Binding("down,j", "cursor_down", "Down", show=False, id="cursor_down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="cursor_up"),
        Binding("home,g", "first", "First", show=False, id="first"),
        Binding("end,G", "last", "Last", show=False, id="last"),
        Binding("pagedown", "page_down", "Page down", show=False, id="dates_page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="dates_page_up"),
        Binding("enter", "choose", "Show articles", id="choose"),
    ]

    highlighted: reactive[int | None] = reactive(None)

    @dataclass
    class SnapshotHighlighted(Message):
        snapshot: Snapshot

    @dataclass
    class SnapshotChosen(Message):
        """Enter on a snapshot: the reader wants to move on to its articles."""

        snapshot: Snapshot

    class StarredChosen(Message):
        """Enter on the Starred row."""

    class StarredHighlighted(Message):
        """The cursor is on the Starred row."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Snapshots"
        self._snapshots: Sequence[Snapshot] = ()
        self._starred_count = 0
        self.unread_count: Callable[[Snapshot], int] | None = None
        self._unread: dict[int, int] = {}

    @property
    def snapshots(self) -> Sequence[Snapshot]:
        return self._snapshots

    @property
    def current(self) -> Snapshot | None:
        """The highlighted snapshot; None on the Starred row."""
        index = self.highlighted
        return None if not index else self._snapshots[index - 1]

    @property
    def _row_count(self) -> int:
        return len(self._snapshots) + 1

    def show_snapshots(self, snapshots: Sequence[Snapshot], *, keep_id: int | None = None) -> None:
        """Replace the rows; the snapshot with ``keep_id`` stays highlighted if it is among
        them, else the first (the newest) is."""
        self._snapshots = snapshots
        self._unread.clear()
        self.border_subtitle = str(len(snapshots))
        self.virtual_size = Size(self.size.width, self._row_count)
        kept = 0
        if keep_id is not None:  # reads pages down to it: usually near the top
            kept = next((i for i, s in enumerate(snapshots) if s.id == keep_id), 0)
        self.highlighted = kept + 1 if snapshots else None  # row 0 is Starred
        self.refresh()

    def set_starred_count(self, count: int) -> None:
        self._starred_count = count
        self.refresh_line(0)

    def forget_unread(self, snapshot_ids: Sequence[int] | None = None) -> None:
        """Ask again for these snapshots' unread counts (all, by default) when painted."""
        if snapshot_ids is None:
            self._unread.clear()
        else:
            for snapshot_id in snapshot_ids:
                self._unread.pop(snapshot_id, None)
        self.refresh()

    def move(self, step: int) -> None:
        """Move the cursor ``step`` rows, stopping at either end."""
        current = self.highlighted or 0
        self.highlighted = max(0, min(self._row_count - 1, current + step))

    def validate_highlighted(self, index: int | None) -> int | None:
        return None if index is None else max(0, min(self._row_count - 1, index))

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        for row in (old, new):
            if row is not None:
                self.refresh_line(row)
        if new is not None:
            # The newest snapshot brings the Starred row above it into view with it.
            top = 0 if new == 1 else new
            self.scroll_to_region(Region(0, top, 1, new - top + 1), animate=False, force=True)
            if new == 0:
                self.post_message(self.StarredHighlighted())
            else:
                self.post_message(self.SnapshotHighlighted(self._snapshots[new - 1]))

    def action_cursor_down(self) -> None:
        self.move(1)

    def action_cursor_up(self) -> None:
        self.move(-1)

    def action_first(self) -> None:
        self.move(-self._row_count)

    def action_last(self) -> None:
        self.move(self._row_count)

    def action_page_down(self) -> None:
        self.move(max(1, self.scrollable_content_region.height - 1))

    def action_page_up(self) -> None:
        self.move(-max(1, self.scrollable_content_region.height - 1))

    def action_choose(self) -> None:
        if self.highlighted == 0:
            self.post_message(self.StarredChosen())
        elif (snapshot := self.current) is not None:
            self.post_message(self.SnapshotChosen(snapshot))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return  # on the border or the scrollbar
        row = offset.y + int(self.scroll_offset.y)
        if row < self._row_count:
            self.highlighted = row
            self.action_choose()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self._row_count)

    def _unread_of(self, snapshot: Snapshot) -> int | None:
        if self.unread_count is None:
            return None
        if snapshot.id not in self._unread:
            self._unread[snapshot.id] = self.unread_count(snapshot)
        return self._unread[snapshot.id]

    def render_line(self, y: int) -> Strip:
        row = y + int(self.scroll_offset.y)
        width = self.scrollable_content_region.width
        if row >= self._row_count:
            return Strip.blank(width, self.get_visual_style().rich_style)
        if row == self.highlighted:
            style = self.get_visual_style("snapshot-list--cursor")
        else:
            style = self.get_visual_style()
        inner = max(width - 2, 1)
        if row == 0:
            content = starred_row(self._starred_count, inner).pad(1, 1)
        else:
            snapshot = self._snapshots[row - 1]
            content = snapshot_row(snapshot, inner, self._unread_of(snapshot)).pad(1, 1)
        # Rows are fitted to the width already: their segments are the strip. (Textual's
        # general path wraps, aligns and marks every cell for selection: ~0.7 ms a row,
        # 25 ms of the first frame.)
        segments = [
            Segment(text, part.rich_style)
            for text, part in content.render(style, "", style_lookup(self))
        ]
        return Strip(segments).adjust_cell_length(width, style.rich_style)
