"""A one-line currency ticker that scrolls like the site's marquee."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from textual import events
from textual.app import RenderResult
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget

from store.models import Quote
from tui import text
from tui.text import untrusted

_QUIET = "dim"
_BLOCKS = "▁▂▃▄▅▆▇█"
SPARKLINE_MIN_WIDTH = 60
"""Narrower than this, the ticker shows quotes alone: a quote then fits more often."""


def separator() -> Content:
    return Content.styled(f"   {text.glyphs.separator}   ", _QUIET)


def quote_content(quote: Quote) -> Content:
    """``KZT/USD 0.00190 ▲0.22%`` (``+0.22%`` in ASCII): a rise green, a fall red, an
    unchanged quote all dim.

    Each change of style costs an escape sequence on every repaint, so styles come in
    long runs: an unchanged quote shares the separators' dim style and its neighbours'.
    """
    pair_and_rate = untrusted(f"{quote.pair} {quote.rate} ", single_line=True)
    change = quote.change.lstrip("+-")
    if quote.direction > 0:
        return pair_and_rate + untrusted(
            f"{text.glyphs.rise}{change}", "$text-success", single_line=True
        )
    if quote.direction < 0:
        return pair_and_rate + untrusted(
            f"{text.glyphs.fall}{change}", "$text-error", single_line=True
        )
    return (pair_and_rate + untrusted(change, single_line=True)).stylize(_QUIET)


def sparkline(values: Sequence[float]) -> str:
    """``▁▃▅█``: each value's height between the series' lowest and highest; a series
    that never moves is all middle blocks, and a single value draws nothing."""
    if len(values) < 2:
        return ""
    low, high = min(values), max(values)
    if high == low:
        return _BLOCKS[3] * len(values)
    top = len(_BLOCKS) - 1
    return "".join(_BLOCKS[round((value - low) / (high - low) * top)] for value in values)


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

    BYTES_PER_SECOND = 800
    """What the marquee may send while the screen is otherwise idle (over SSH, say)."""
    BYTES_PER_STYLE_RUN = 48
    """A truecolour escape sequence and its reset, sent for each run of one style."""
    FASTEST_TICK = 0.4
    """Seconds between one-cell shifts when the line is cheap to repaint."""

    paused: reactive[bool] = reactive(False)
    offset_cells: reactive[int] = reactive(0, layout=False)

    @dataclass
    class PairClicked(Message):
        """A click on a quote: the screen may show that pair's history."""

        pair: str

    def __init__(self, *, animate: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.animate = animate
        self._quotes: list[Quote] = []
        self._history: dict[str, list[float]] = {}
        self._with_sparklines = False  # whether the loop was built with them
        self._loop = Content("")  # one pass of the marquee, separator included
        self._pair_ends: list[tuple[int, str]] = []  # where each quote ends in the loop
        self._timer: Timer | None = None

    def set_quotes(self, quotes: Sequence[Quote]) -> None:
        """Show these quotes (in page order); an empty sequence shows "no quotes".

        Any earlier history is forgotten: it belonged to other quotes.
        """
        self._quotes = list(quotes)
        self._history = {}
        self._build_loop()
        self.set_class(not quotes, "-empty")
        self.offset_cells = 0
        self._restart_timer()

    def set_history(self, history: Mapping[str, Sequence[float]]) -> None:
        """Recent rates of the quotes shown (pair → rates, oldest first, ending with the
        one shown): each quote gets a sparkline of them where the line is wide enough and
        the terminal can draw the blocks. The caller makes sure they belong to the quotes
        on show; ``set_quotes`` drops them again."""
        self._history = {pair: list(rates) for pair, rates in history.items()}
        self._build_loop()
        self._restart_timer()

    def _sparklines_fit(self) -> bool:
        return self.size.width >= SPARKLINE_MIN_WIDTH and text.glyphs is not text.ASCII

    def _build_loop(self) -> None:
        self._with_sparklines = self._sparklines_fit()
        pieces = []
        self._pair_ends = []
        end = 0
        for quote in self._quotes:
            piece = quote_content(quote)
            trend = sparkline(self._history.get(quote.pair, ())) if self._with_sparklines else ""
            if trend:
                # Dim like the separator after it, so the two share one style run.
                piece += Content.styled(f" {trend}", _QUIET)
            pieces.append(piece)
            end += len(piece) + len(separator())
            self._pair_ends.append((end, quote.pair))
        self._loop = (separator().join(pieces) + separator()).simplify() if pieces else Content("")
        self.offset_cells %= max(len(self._loop), 1)
        self.refresh()

    def toggle_pause(self) -> None:
        self.paused = not self.paused

    def watch_paused(self) -> None:
        self._restart_timer()

    def on_resize(self) -> None:
        if self._history and self._sparklines_fit() != self._with_sparklines:
            self._build_loop()
        self._restart_timer()

    def tick_seconds(self) -> float:
        """Seconds per one-cell shift that keep a repaint within the byte budget.

        Every shift rewrites the whole line: its characters plus an escape sequence per
        run of one style, so a line full of coloured changes moves more slowly.
        """
        width = max(self.size.width, 1)
        runs = len(self._loop.spans) * width / max(len(self._loop), 1) + 2
        line_bytes = width * 1.2 + runs * self.BYTES_PER_STYLE_RUN  # 1.2: some UTF-8
        return max(self.FASTEST_TICK, line_bytes / self.BYTES_PER_SECOND)

    def _restart_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.animate and not self.paused and self._loop and self.is_mounted:
            self._timer = self.set_interval(self.tick_seconds(), self._advance)

    def _advance(self) -> None:
        self.offset_cells = (self.offset_cells + 1) % max(len(self._loop), 1)

    def on_click(self, event: events.Click) -> None:
        if not self._loop or not self._pair_ends:
            return
        at = (self.offset_cells + event.x) % len(self._loop)
        pair = next((pair for end, pair in self._pair_ends if at < end), self._pair_ends[-1][1])
        self.post_message(self.PairClicked(pair))

    def render(self) -> RenderResult:
        if not self._loop:
            return Content("no quotes")
        width = self.size.width
        repeats = (self.offset_cells + width) // len(self._loop) + 1
        shown = Content("").join([self._loop] * repeats)
        # Runs of one style become one span, so one escape sequence per run on the wire.
        return shown[self.offset_cells : self.offset_cells + width].simplify()
