"""The live-filter search box: it reports what was typed and knows nothing else.

Headlines are searched by default (fuzzy); a query starting with ``/`` (so ``//`` from
the lists) searches the articles' text instead, and Ctrl+T switches between the two.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label

from tui import text


class SearchBox(Horizontal):
    """An input posting :class:`Changed` per keystroke, :class:`Submitted` on Enter and
    :class:`Cleared` on Esc; the screen decides what a query means."""

    DEFAULT_CSS = """
    SearchBox {
        height: 1;
        & > Label { width: 2; color: $text-accent; }
        & > Input { width: 1fr; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear", "Clear search", id="clear_search"),
        # Priority, so this runs instead of the inner Input's own Enter binding.
        Binding("enter", "submit", "Open top match", priority=True, id="submit_search"),
        Binding("ctrl+t", "toggle_full_text", "Headlines / article text", id="toggle_full_text"),
    ]

    TEXT_PREFIX = "/"
    # The longest that fits is shown: a hint cut mid-word reads as a bug.
    PLACEHOLDERS = (
        "search all headlines (start with / for article text)",
        "search headlines (start with / for text)",
        "search headlines (/ for text)",
        "search headlines",
        "search",
    )

    @dataclass
    class Changed(Message):
        query: str  # without the prefix
        full_text: bool = False  # search the articles' text, not just headlines

    @dataclass
    class Submitted(Message):
        query: str

    @dataclass
    class Cleared(Message):
        pass

    def compose(self) -> ComposeResult:
        yield Label("/")
        # A blinking cursor repaints twice a second; over SSH an idle screen should be quiet.
        search_input = Input(placeholder=self.PLACEHOLDERS[0], compact=True)
        search_input.cursor_blink = False
        yield search_input

    def on_resize(self) -> None:
        room = self.content_size.width - 2  # beside the "/" label
        fitting = [hint for hint in self.PLACEHOLDERS if len(hint) <= room]
        self.input.placeholder = fitting[0] if fitting else ""

    @property
    def value(self) -> str:
        return self.query_one(Input).value

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    def action_clear(self) -> None:
        search_input = self.query_one(Input)
        with search_input.prevent(Input.Changed):
            search_input.value = ""
        self.post_message(self.Cleared())

    def action_submit(self) -> None:
        self.post_message(self.Submitted(self.value))

    def action_toggle_full_text(self) -> None:
        search_input = self.query_one(Input)
        value = search_input.value
        if value.startswith(self.TEXT_PREFIX):
            search_input.value = value[len(self.TEXT_PREFIX) :]
        else:
            search_input.value = self.TEXT_PREFIX + value
        search_input.cursor_position = len(search_input.value)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        full_text = event.value.startswith(self.TEXT_PREFIX)
        self.query_one(Label).update(text.glyphs.full_text if full_text else "/")
        query = event.value[len(self.TEXT_PREFIX) :] if full_text else event.value
        self.post_message(self.Changed(query, full_text))
