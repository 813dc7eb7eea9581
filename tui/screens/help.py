"""The help screen: every key binding, read from the classes that declare them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

HelpSection = tuple[str, Sequence[BindingType]]
_NUMBERED = re.compile(r"(\w+)\((\d+)\)")  # an action taking a number: open_related(3)


class HelpScreen(ModalScreen[None]):
    """Lists each section's bindings; the app passes the classes' own BINDINGS, so the
    help can never disagree with what the keys do."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        & > VerticalScroll {
            width: auto;
            max-width: 90%;
            height: auto;
            max-height: 90%;
            border: round $primary;
            background: $surface;
            padding: 0 2;
            & > Static { width: auto; }
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="close_help")
    ]

    def __init__(self, sections: Sequence[HelpSection]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Keys"
            scroll.border_subtitle = "esc closes"
            yield Static(self._listing())

    def _listing(self) -> Content:
        blocks = [(title, self._rows(bindings)) for title, bindings in self.sections]
        key_width = max((len(keys) for _, rows in blocks for keys, _ in rows), default=0)
        lines: list[Content] = []
        for title, rows in blocks:
            if lines:
                lines.append(Content(""))
            lines.append(Content.styled(title, "bold $text-primary"))
            lines.extend(
                Content.assemble(
                    Content.styled(keys.rjust(key_width), "bold $text-accent"), "  ", description
                )
                for keys, description in rows
            )
        return Content("\n").join(lines)

    def _rows(self, bindings: Sequence[BindingType]) -> list[tuple[str, str]]:
        """("j / ↓", "Down") rows: every key that triggers an action, not only the first.
        A numbered family (``open_related(3)``, "Open related article 3") is one row:
        ("1…5", "Open related article")."""
        keys_by_action: dict[tuple[str, str], list[str]] = {}
        for binding in Binding.make_bindings(bindings):
            if binding.description:
                action, description = binding.action, binding.description
                if (numbered := _NUMBERED.fullmatch(action)) and description.endswith(
                    f" {numbered[2]}"
                ):
                    action, description = numbered[1], description[: -len(numbered[2]) - 1]
                display = self.app.get_key_display(Binding(binding.key, binding.action))
                keys_by_action.setdefault((action, description), []).append(display)
        return [(_keys_text(keys), description) for (_, description), keys in keys_by_action.items()]


def _keys_text(keys: list[str]) -> str:
    """``1…5`` for a run of digit keys, else ``j / ↓``."""
    if len(keys) > 2 and all(key.isdigit() for key in keys):
        numbers = [int(key) for key in keys]
        if numbers == list(range(numbers[0], numbers[0] + len(numbers))):
            return f"{keys[0]}…{keys[-1]}"
    return " / ".join(keys)
