"""A ticker pair's history across the dated snapshots; ← → step through the pairs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from store.models import QuoteAt
from tui.text import untrusted
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
        Binding("escape,c", "close", "Close the chart", id="close_chart"),
        Binding("right,l", "step(1)", "Next pair", key_display="→", id="next_pair"),
        Binding("left,h", "step(-1)", "Previous pair", key_display="←", id="previous_pair"),
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
            reading = Content.assemble("Reading ", untrusted(self.pair, single_line=True), "…")
            yield Static(reading, classes="loading")

    def on_mount(self) -> None:
        self.load_chart(self.pair)

    @work(thread=True, exclusive=True, group="chart", exit_on_error=False)
    def load_chart(self, pair: str) -> None:
        """A pair's history reads a quote per dated snapshot (tens of thousands at a
        million articles): off the UI thread, a newer pair's read winning."""
        history, undated = self.history_of(pair)
        self.app.call_from_thread(self._show_chart, pair, history, undated)

    async def _show_chart(self, pair: str, history: Sequence[QuoteAt], undated: int) -> None:
        if pair != self.pair or not self.is_attached:
            return
        scroll = self.query_one(VerticalScroll)
        await scroll.remove_children()
        await scroll.mount(QuoteChart(pair, history, undated))

    def action_step(self, step: int) -> None:
        if len(self.pairs) < 2 or self.pair not in self.pairs or not self.is_current:
            return
        self.pair = self.pairs[(self.pairs.index(self.pair) + step) % len(self.pairs)]
        self.load_chart(self.pair)

    def action_close(self) -> None:
        if self.is_current:  # keys typed fast can ask twice before the screen is gone
            self.dismiss(None)
