"""An article full screen, as the text a pager would get: `o` without a pager.

Served readers get it instead of ``$PAGER`` (no program runs on the server for them);
locally it is what ``o`` shows when ``PAGER`` is set empty or cannot start. The text
is shown literally and wrapped, with the reader pane's scroll keys.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from tui.text import untrusted
from tui.widgets.reader import ArticleReader


class ArticleText(VerticalScroll):
    """The scrolling text, moved with the same keys as the reader pane."""

    BINDINGS: ClassVar[list[BindingType]] = ArticleReader.BINDINGS


class ArticleView(Screen[None]):
    """``text`` (an article as Markdown) filling the terminal; q or Esc goes back."""

    DEFAULT_CSS = """
    ArticleView {
        & > ArticleText {
            border: round $primary;
            padding: 0 1;
            & > Static { width: 100%; }
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss", "Back", id="dismiss"),
        Binding("y", "copy", "Copy this text", id="copy"),
    ]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with ArticleText() as scroll:
            scroll.border_title = untrusted(self.title_text, single_line=True)
            scroll.border_subtitle = Content("y copies · q goes back")
            yield Static(untrusted(self.text))

    def on_mount(self) -> None:
        self.query_one(ArticleText).focus()

    def action_copy(self) -> None:
        """OSC 52, as the app's ``y``: the text reaches the reader's own clipboard."""
        self.app.copy_to_clipboard(self.text)
        self.notify("Copied this text to the clipboard.", markup=False)
