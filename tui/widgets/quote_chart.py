"""A currency pair's rate and change across the dated snapshots, as sparklines."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Sparkline, Static

from store.models import QuoteAt
from tui.text import untrusted

LISTED = 30  # the latest rows listed under the charts; the charts take every snapshot


def extremes(values: Sequence[float], labels: Sequence[str], texts: Sequence[str]) -> Content:
    """ "min 0.00189 (07 Jan 2025) · max 0.00203 (20 Feb 2026) · last 0.00203" """
    low = min(range(len(values)), key=values.__getitem__)
    high = max(range(len(values)), key=values.__getitem__)
    parts = [
        Content.assemble(
            "min ", untrusted(texts[low], "bold", single_line=True), f" ({labels[low]})"
        ),
        Content.assemble(
            "max ", untrusted(texts[high], "bold", single_line=True), f" ({labels[high]})"
        ),
        Content.assemble("last ", untrusted(texts[-1], "bold", single_line=True)),
    ]
    return Content(" · ").join(parts)


def date_axis(labels: Sequence[str], width: int) -> Content:
    """The first date at the left, the last at the right, the middle one if it fits."""
    if not labels:
        return Content("")
    if len(labels) == 1 or width < len(labels[0]) + len(labels[-1]) + 1:
        return Content(labels[0])
    line = [" "] * width
    placed = [(0, labels[0]), (width - len(labels[-1]), labels[-1])]
    # The sparkline gives each value an equal share of the width: the middle date goes
    # under the middle of its share.
    index = len(labels) // 2
    middle = labels[index]
    start = int((index + 0.5) / len(labels) * width) - len(middle) // 2
    if len(labels) > 2 and start > len(labels[0]) + 1 and start + len(middle) < placed[1][0] - 1:
        placed.append((start, middle))
    for at, label in placed:
        line[at : at + len(label)] = label
    return Content.styled("".join(line), "$text-muted")


class QuoteChart(Vertical):
    """Rate and change sparklines over the dates, with min / max / last and a listing.

    ``history`` is the pair's quotes in dated snapshots, oldest first; ``undated`` says
    how many undated snapshots quoted it too (they cannot be placed on a time line).
    """

    DEFAULT_CSS = """
    QuoteChart {
        height: auto;
        & > .heading { text-style: bold; color: $text-primary; margin-bottom: 1; }
        & > .label { color: $text-muted; }
        & > Sparkline { height: 3; margin: 0 0; }
        & > .axis { margin-bottom: 1; }
        & > .note { color: $text-warning; margin-bottom: 1; }
        & > .listing { height: auto; color: $text; }
    }
    """

    def __init__(self, pair: str, history: Sequence[QuoteAt], undated: int = 0) -> None:
        super().__init__()
        self.pair = pair
        self.history = list(history)
        self.undated = undated
        self._labels = [h.snapshot.short_label for h in self.history]

    def compose(self) -> ComposeResult:
        count = len(self.history)
        yield Static(
            Content.assemble(
                untrusted(self.pair, single_line=True),
                f" across {count} dated snapshot{'s' if count != 1 else ''}",
            ),
            classes="heading",
        )
        if not self.history:
            yield Static("No dated snapshot quotes this pair.", classes="note")
        else:
            rates = [h.quote.rate_value for h in self.history]
            changes = [h.quote.change_value for h in self.history]
            yield Static(
                Content.assemble(
                    "Rate   ", extremes(rates, self._labels, [h.quote.rate for h in self.history])
                ),
                classes="label",
            )
            yield Sparkline(rates, classes="rate")
            yield Static(classes="axis")
            yield Static(
                Content.assemble(
                    "Change ",
                    extremes(changes, self._labels, [h.quote.change for h in self.history]),
                ),
                classes="label",
            )
            yield Sparkline(changes, classes="change")
            yield Static(classes="axis")
        if self.undated:
            plural = "s" if self.undated != 1 else ""
            yield Static(
                f"{self.undated} undated snapshot{plural} quoted it too: left out, having no date.",
                classes="note",
            )
        else:
            yield Static("Undated snapshots are left out: they have no date.", classes="note")
        yield Static(self._listing(), classes="listing")

    def _listing(self) -> Content:
        shown = self.history[-LISTED:]
        lines = [
            Content.assemble(
                f"{h.snapshot.short_label:<12} ",
                untrusted(f"{h.quote.rate:>12}  {h.quote.change:>8}", single_line=True),
            )
            for h in reversed(shown)
        ]
        if len(self.history) > LISTED:
            lines.append(
                Content.styled(f"… and {len(self.history) - LISTED} earlier", "$text-muted")
            )
        return Content("\n").join(lines)

    def on_resize(self) -> None:
        for axis in self.query(".axis").results(Static):
            axis.update(date_axis(self._labels, max(self.content_size.width, 1)))
