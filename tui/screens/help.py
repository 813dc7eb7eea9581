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
_NUMBERED = re.compile(r"(\w+)_(\d+)")  # one of a numbered family: open_related_3


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
        rows = [row for _, block in blocks for row in block]
        key_width = max((len(keys) for keys, _, _ in rows), default=0)
        text_width = max((len(description) for _, description, _ in rows), default=0)
        lines: list[Content] = []
        for title, block in blocks:
            if lines:
                lines.append(Content(""))
            lines.append(Content.styled(title, "bold $text-primary"))
            lines.extend(
                Content.assemble(
                    Content.styled(keys.rjust(key_width), "bold $text-accent"),
                    "  ",
                    description.ljust(text_width),
                    "  ",
                    Content.styled(binding_id, "$text-muted"),
                )
                for keys, description, binding_id in block
            )
        return Content("\n").join(lines)

    def _rows(self, bindings: Sequence[BindingType]) -> list[tuple[str, str, str]]:
        """("j / ↓", "Down", "cursor_down") rows: every key that triggers an action, not
        only the first, and the id that names it in the settings' ``[keys]``. A numbered
        family (``open_related_3``, "Open related article 3") is one row:
        ("1…5", "Open related article", "open_related_1…5") while its keys run 1 to 5."""
        keys_by_id: dict[str, list[str]] = {}
        descriptions: dict[str, str] = {}
        for binding in Binding.make_bindings(bindings):
            if binding.description:
                # Textual's own palette binding has no id, so nothing in [keys] to name.
                binding_id = binding.id or f"({binding.action})"
                descriptions[binding_id] = binding.description
                display = self.app.get_key_display(Binding(binding.key, binding.action))
                keys_by_id.setdefault(binding_id, []).append(display)
        rows: list[tuple[str, str, str]] = []
        families: dict[str, list[tuple[str, str]]] = {}
        for binding_id, keys in keys_by_id.items():
            numbered = _NUMBERED.fullmatch(binding_id)
            description = descriptions[binding_id]
            if numbered and description.endswith(f" {numbered[2]}") and len(keys) == 1:
                family = families.setdefault(numbered[1], [])
                if not family:
                    rows.append((numbered[1], description[: -len(numbered[2]) - 1], ""))
                family.append((keys[0], binding_id))
                continue
            shown_id = "" if binding_id.startswith("(") else binding_id
            rows.append((" / ".join(keys), description, shown_id))
        expanded: list[tuple[str, str, str]] = []
        for row in rows:
            expanded.extend(self._family_rows(row, families, descriptions))
        return expanded

    @staticmethod
    def _family_rows(
        row: tuple[str, str, str],
        families: dict[str, list[tuple[str, str]]],
        descriptions: dict[str, str],
    ) -> list[tuple[str, str, str]]:
        """A family's placeholder row, as one row or one per member."""
        if row[2] or row[0] not in families:
            return [row]
        members = families[row[0]]
        keys = [key for key, _ in members]
        if (span := _digit_run(keys)) is not None:
            first, last = members[0][1], members[-1][1].rsplit("_", 1)[1]
            return [(span, row[1], f"{first}…{last}")]
        return [(key, descriptions[binding_id], binding_id) for key, binding_id in members]


def _digit_run(keys: list[str]) -> str | None:
    """``1…5`` for a run of digit keys."""
    if len(keys) > 2 and all(key.isdigit() for key in keys):
        numbers = [int(key) for key in keys]
        if numbers == list(range(numbers[0], numbers[0] + len(numbers))):
            return f"{keys[0]}…{keys[-1]}"
    return None
