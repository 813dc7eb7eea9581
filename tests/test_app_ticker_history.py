"""The ticker history: a pair's rate and change over the seeds' four dated snapshots."""

from __future__ import annotations

import asyncio
import time

import pytest
from support.screen import screen_text, settle, widget_text
from textual import events

from store.archive import Archive
from tui.app import TcaApp
from tui.screens.ticker_history import TickerHistoryScreen
from tui.textual_compat import notifications
from tui.widgets.quote_chart import QuoteChart, date_axis
from tui.widgets.ticker import Ticker


@pytest.fixture
def app(archive: Archive) -> TcaApp:
    return TcaApp(archive, animate=False)


def chart_text(app: TcaApp) -> str:
    return screen_text(app, app.screen.query_one(QuoteChart).region)


async def test_c_charts_each_pair_over_the_dated_snapshots(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, TickerHistoryScreen)
        text = chart_text(app)
        assert "KGS/USD across 4 dated snapshots" in text  # the ticker's first pair
        await pilot.press("right")
        await settle(pilot)
        text = chart_text(app)
        assert "KZT/USD across 4 dated snapshots" in text
        assert "min 0.00189 (07 Jan 2025) · max 0.00203 (20 Feb 2026) · last 0.00203" in text
        assert "Undated snapshots are left out" in text
        axis = next(
            line for line in text.splitlines() if "07 Jan 2025" in line and "20 Feb" in line
        )
        assert axis.index("07 Jan 2025") < axis.index("20 Feb 2026")
        for row in ("20 Feb 2026       0.00203", "07 Jan 2025       0.00189"):
            assert row in text
        assert any(ch in text for ch in "▁▂▃▄▅▆▇█")  # the sparklines
        await pilot.press("left", "left")
        await settle(pilot)
        assert "UZS/USD" in chart_text(app) or "TMT/USD" in chart_text(app)  # wraps around
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, TickerHistoryScreen)


async def test_clicking_a_pair_in_the_ticker_charts_it(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        line = widget_text(app.query_one(Ticker))
        await pilot.click(Ticker, offset=(line.index("TJS/USD") + 2, 0))
        await settle(pilot)
        assert isinstance(app.screen, TickerHistoryScreen)
        assert "TJS/USD across 4 dated snapshots" in chart_text(app)
        assert "▼0.09%" not in chart_text(app)  # values as printed: -0.09%
        assert "-0.09%" in chart_text(app)


def test_the_axis_puts_dates_at_the_ends_and_one_in_the_middle() -> None:
    labels = ["07 Jan 2025", "10 Jan 2025", "15 May 2025", "20 Feb 2026"]
    axis = date_axis(labels, 60).plain
    assert axis.startswith("07 Jan 2025") and axis.endswith("20 Feb 2026")
    assert "15 May 2025" in axis and len(axis) == 60
    assert date_axis(labels, 15).plain == "07 Jan 2025"
    assert date_axis([], 10).plain == ""


async def test_keys_typed_fast_close_the_chart_once(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key in ("c", "right", "escape", "c", "escape", "escape", "left"):
            app.post_message(events.Key(key, None))
        await settle(pilot)
        assert app.is_running  # no second close of a chart already closed


async def test_closing_the_chart_before_its_rates_come_is_fine(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    history = archive.quote_history

    def slow(pair: str):
        time.sleep(0.3)  # a long history on a busy archive
        return history(pair)

    monkeypatch.setattr(archive, "quote_history", slow)
    app = TcaApp(archive, animate=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        waiting = asyncio.create_task(settle(pilot))  # as a test waits for the chart...
        await asyncio.sleep(0.1)
        await pilot.press("escape")  # ...its lookup is cancelled while it runs
        await waiting
        await settle(pilot)
        assert not isinstance(app.screen, TickerHistoryScreen)
        assert not notifications(app)
        await pilot.press("c")  # and the next chart still comes
        await settle(pilot)
        assert "KGS/USD across 4 dated snapshots" in chart_text(app)
