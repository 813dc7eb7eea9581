"""Textual's command palette, made to close once however fast keys arrive.

A paste or a key held down can deliver several keys before the palette has gone: Textual
8.2's palette then handles an Enter queued behind the one that closed it, pops the screen
below it (``ScreenStackError``, ending the session) or looks for its own removed list
(``NoMatches``). This palette, once dismissed, ignores what is still on its way to it,
and pages its list only when there is one to page.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.command import CommandList
from textual.command import CommandPalette as TextualCommandPalette
from textual.message import Message
from textual.widgets import Button, Input, OptionList


class CommandPalette(TextualCommandPalette):
    BINDINGS: ClassVar[list[BindingType]] = [
        # Textual's own page keys page a list that is not shown yet (nothing typed) by
        # line positions it never worked out, and raise KeyError.
        Binding("pagedown", "page_commands('page_down')", "Next page", show=False, id="page_down"),
        Binding("pageup", "page_commands('page_up')", "Previous page", show=False, id="page_up"),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.closing = False
        """Dismissed already: the screen is off the stack, or on its way off."""

    def dismiss(self, result: Any = None) -> AwaitComplete:
        if self.closing or self not in self.app.screen_stack:
            return AwaitComplete.nothing()
        self.closing = True
        return super().dismiss(result)

    def action_page_commands(self, action: str) -> None:
        commands = self.query_one(CommandList)
        if commands.scrollable_content_region and commands.option_count:
            getattr(commands, f"action_{action}")()

    @on(Input.Changed)
    @on(Input.Submitted)
    @on(Button.Pressed)
    @on(OptionList.OptionHighlighted)
    @on(OptionList.OptionSelected)
    def _ignore_once_closing(self, message: Message) -> None:
        """Keys typed before the palette closed may still be queued here, each able to
        select or run a command again: once closing, Textual's handlers do not see them."""
        if self.closing:
            message.prevent_default()
