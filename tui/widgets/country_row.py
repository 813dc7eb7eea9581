"""The country row above the headlines: how many of the shown snapshot's articles
mention each country, with the country the list is narrowed to set apart.

It knows nothing of articles or searches: the screen gives it counts and the active
country, and a click on a country (or on "All") posts :class:`CountryRow.Chosen`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

ALL = "All"
ACTIVE_STYLE = "bold reverse $text-accent"


class CountryRow(Widget):
    """``All 25  KZ 24  KG 8  TJ 5  TM 3  UZ 6  AF 4`` on one line."""

    DEFAULT_CSS = """
    CountryRow {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    """

    active: reactive[str | None] = reactive(None)
    """The country the list is narrowed to; None for all of them."""

    @dataclass
    class Chosen(Message):
        """The reader clicked a country (``None``: "All")."""

        country: str | None

    def __init__(self, codes: Sequence[str], *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.codes = tuple(codes)
        self._counts: dict[str, int] = {}
        self._total = 0
        self._spans: list[tuple[int, int, str | None]] = []  # cells of each choice

    def set_counts(self, counts: Mapping[str, int], total: int) -> None:
        """Articles per country in what is shown, and how many articles there are."""
        self._counts = dict(counts)
        self._total = total
        self.refresh()

    def render(self) -> Content:
        parts: list[Content] = []
        self._spans = []
        at = 0
        for choice, label in [
            (None, f"{ALL} {self._total}"),
            *((code, f"{code} {self._counts.get(code, 0)}") for code in self.codes),
        ]:
            if parts:
                parts.append(Content("  "))
                at += 2
            style = (
                ACTIVE_STYLE
                if choice == self.active
                else ("$text" if choice is None or self._counts.get(choice) else "$text-disabled")
            )
            parts.append(Content.styled(label, style))
            self._spans.append((at, at + len(label), choice))
            at += len(label)
        return Content.assemble(*parts)

    def watch_active(self) -> None:
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        x = event.x - self.styles.padding.left
        for start, end, choice in self._spans:
            if start <= x < end:
                self.post_message(self.Chosen(choice))
                return
