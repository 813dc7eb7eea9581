"""The live-filter search box: it reports what was typed and knows nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label


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
        Binding("escape", "clear", "Clear search"),
        # Priority, so this runs instead of the inner Input's own Enter binding.
        Binding("enter", "submit", "Open top match", priority=True),
    ]

    @dataclass
    class Changed(Message):
        query: str

    @dataclass
    class Submitted(Message):
        query: str

    @dataclass
    class Cleared(Message):
        pass

    def compose(self) -> ComposeResult:
        yield Label("/")
        # A blinking cursor repaints twice a second; over SSH an idle screen should be quiet.
        search_input = Input(placeholder="search all headlines", compact=True)
        search_input.cursor_blink = False
        yield search_input

    @property
    def value(self) -> str:
        return self.query_one(Input).value

    def focus_input(self) -> None:
        self.query_one(Input).focus()

    def action_clear(self) -> None:
        search_input = self.query_one(Input)
        with search_input.prevent(Input.Changed):
            search_input.value = ""
        self.post_message(self.Cleared())

    def action_submit(self) -> None:
        self.post_message(self.Submitted(self.value))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))
