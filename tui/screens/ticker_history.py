"""A ticker pair's history across the dated snapshots; ← → step through the pairs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen

from store.models import QuoteAt
from tui.widgets.quote_chart import QuoteChart

# What the screen needs of the store: a pair's dated quotes (oldest first) and how many
# undated snapshots quoted it. The app passes these in; the screen never queries.
HistoryOf = Callable[[str], tuple[Sequence[QuoteAt], int]]


class TickerHistoryScreen(ModalScreen[None]):
    """Shows one pair's :class:`QuoteChart`; the arrows move to the other pairs."""

    DEFAULT_CSS = """
    TickerHistoryScreen {
        align: center middle;
        & > VerticalScroll {
            width: 90%;
            max-width: 110;
            height: auto;
            max-height: 90%;
            border: round $primary;
            background: $surface;
            padding: 0 1;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,c", "close", "Close the chart"),
        Binding("right,l", "step(1)", "Next pair", key_display="→"),
        Binding("left,h", "step(-1)", "Previous pair", key_display="←"),
    ]

    def __init__(self, pairs: Sequence[str], pair: str, history_of: HistoryOf) -> None:
        super().__init__()
        self.pairs = list(pairs)
        self.pair = pair
        self.history_of = history_of

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Ticker history"
            scroll.border_subtitle = "← → other pairs · esc closes"
            yield self._chart()

    def _chart(self) -> QuoteChart:
        history, undated = self.history_of(self.pair)
        return QuoteChart(self.pair, history, undated)

    async def action_step(self, step: int) -> None:
        if len(self.pairs) < 2 or self.pair not in self.pairs or not self.is_current:
            return
        self.pair = self.pairs[(self.pairs.index(self.pair) + step) % len(self.pairs)]
        scroll = self.query_one(VerticalScroll)
        await scroll.remove_children()
        await scroll.mount(self._chart())

    def action_close(self) -> None:
        if self.is_current:  # keys typed fast can ask twice before the screen is gone
            self.dismiss(None)
