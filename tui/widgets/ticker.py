"""A one-line currency ticker that scrolls like the site's marquee."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import RenderResult
from textual.content import Content
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget

from store.models import Quote
from tui.text import untrusted

_SEPARATOR = Content("   ·   ")


def quote_content(quote: Quote) -> Content:
    """``KZT/USD 0.00190 ▲0.22%``: up green, down red, unchanged dim."""
    change = quote.change.lstrip("+-")
    if quote.direction > 0:
        movement = untrusted(f"▲{change}", "$text-success")
    elif quote.direction < 0:
        movement = untrusted(f"▼{change}", "$text-error")
    else:
        movement = untrusted(change, "dim")
    return Content.assemble(
        untrusted(quote.pair, "bold", single_line=True),
        " ",
        untrusted(quote.rate, single_line=True),
        " ",
        movement,
    )


class Ticker(Widget):
    """Shows one snapshot's quotes on a single line, shifting one cell per tick.

    Over SSH every repaint costs bytes, so the marquee moves one cell at a modest rate
    and refreshes only this widget's line; paused or not animated, it never repaints.
    """

    DEFAULT_CSS = """
    Ticker {
        height: 1;
        width: 1fr;
        background: $boost;
        &.-empty { color: $text-muted; }
    }
    """

    TICK_SECONDS = 0.4
    """Seconds between one-cell shifts; each shift rewrites one terminal line."""

    paused: reactive[bool] = reactive(False)
    offset_cells: reactive[int] = reactive(0, layout=False)

    def __init__(self, *, animate: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.animate = animate
        self._loop = Content("")  # one pass of the marquee, separator included
        self._timer: Timer | None = None

    def on_mount(self) -> None:
        if self.animate:
            self._timer = self.set_interval(self.TICK_SECONDS, self._advance, pause=True)
        self._sync_timer()

    def set_quotes(self, quotes: Sequence[Quote]) -> None:
        """Show these quotes (in page order); an empty sequence shows "no quotes"."""
        self._loop = (
            _SEPARATOR.join([quote_content(q) for q in quotes]) + _SEPARATOR
            if quotes
            else Content("")
        )
        self.set_class(not quotes, "-empty")
        self.offset_cells = 0
        self._sync_timer()
        self.refresh()

    def toggle_pause(self) -> None:
        self.paused = not self.paused

    def watch_paused(self) -> None:
        self._sync_timer()

    def _sync_timer(self) -> None:
        if self._timer is None:
            return
        if self.paused or not self._loop:
            self._timer.pause()
        else:
            self._timer.resume()

    def _advance(self) -> None:
        self.offset_cells = (self.offset_cells + 1) % max(len(self._loop), 1)

    def render(self) -> RenderResult:
        if not self._loop:
            return Content("no quotes")
        width = self.size.width
        repeats = (self.offset_cells + width) // len(self._loop) + 1
        shown = Content("").join([self._loop] * repeats)
        return shown[self.offset_cells : self.offset_cells + width]
