"""What changed on the front page: a snapshot against the dated snapshot before it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from store.models import ArticleSummary, SnapshotDiff
from tui.text import untrusted

GROUPS = (
    ("new", "New", "bold $text-success"),
    ("kept", "Still there", "bold $text-primary"),
    ("dropped", "Dropped", "bold $text-error"),
)


def diff_title(diff: SnapshotDiff) -> Content:
    this = untrusted(diff.snapshot.short_label, single_line=True)
    if diff.previous is None:
        return this
    return Content.assemble(
        this, " against ", untrusted(diff.previous.short_label, single_line=True)
    )


def diff_note(diff: SnapshotDiff) -> str | None:
    """Why there is nothing to compare with, if so."""
    if not diff.snapshot.is_dated:
        return "An undated snapshot has no earlier one to compare with."
    if diff.previous is None:
        return "The oldest dated snapshot: everything on it is new."
    return None


class SnapshotDiffScreen(ModalScreen[int | None]):
    """New, still there and dropped articles; Enter opens one (the screen returns its id)."""

    DEFAULT_CSS = """
    SnapshotDiffScreen {
        align: center middle;
        & > OptionList {
            width: 80%;
            max-width: 100;
            height: auto;
            max-height: 90%;
            border: round $primary;
            background: $surface;
            &:focus { border: round $primary; }
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,d", "close", "Close the diff", id="close_diff"),
        Binding("enter", "open", "Open article", show=False, id="open_diff_article"),
    ]

    def __init__(self, diff: SnapshotDiff) -> None:
        super().__init__()
        self.diff = diff
        self._article_ids: list[int | None] = []

    def compose(self) -> ComposeResult:
        options: list[Option] = []
        if (note := diff_note(self.diff)) is not None:
            options.append(Option(Content.styled(note, "italic $text-muted"), disabled=True))
            self._article_ids.append(None)
        for name, heading, style in GROUPS:
            articles: Sequence[ArticleSummary] = getattr(self.diff, name)
            if name != "new" and self.diff.previous is None:
                continue
            options.append(
                Option(Content.styled(f"{heading} ({len(articles)})", style), disabled=True)
            )
            self._article_ids.append(None)
            for article in articles:
                options.append(
                    Option(Content.assemble("  ", untrusted(article.title, single_line=True)))
                )
                self._article_ids.append(article.id)
        option_list = OptionList(*options, markup=False)
        option_list.border_title = diff_title(self.diff)
        option_list.border_subtitle = "enter opens · d closes"
        yield option_list

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        first = next((i for i, id_ in enumerate(self._article_ids) if id_ is not None), None)
        option_list.highlighted = first
        option_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._close(self._article_ids[event.option_index])

    def action_open(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None and self._article_ids[index] is not None:
            self._close(self._article_ids[index])

    def action_close(self) -> None:
        self._close(None)

    def _close(self, article_id: int | None) -> None:
        # Keys typed fast can ask twice (Esc, then Enter) before the screen is gone.
        if self.is_current:
            self.dismiss(article_id)
