"""The small sparkline after each quote in the ticker: recent rates, where space allows.

The seeds' four dated tickers: TJS/USD 0.09153 (07 Jan 2025), 0.09166 (10 Jan),
0.09636 (15 May), 0.10563 (20 Feb 2026); KGS/USD 0.01149, 0.01149, 0.01144, 0.01144;
UZS/USD 0.00008 throughout.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator

import pytest
from support.screen import screen_text, settle
from test_app_ticker import style_of, ticker_line

from store.archive import Archive
from tui import text
from tui.app import TcaApp
from tui.screens.ticker_history import TickerHistoryScreen
from tui.textual_compat import notifications
from tui.widgets.ticker import Ticker

BLOCKS = set("▁▂▃▄▅▆▇█")


@pytest.fixture(autouse=True)
def unicode_afterwards() -> Iterator[None]:
    yield
    text.use_ascii(False)  # the glyphs are process-wide: leave them as other tests expect


async def test_each_quote_ends_with_its_recent_rates(archive: Archive) -> None:
    app = TcaApp(archive, animate=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)  # 20 Feb 2026
        line = ticker_line(app)
        assert "TJS/USD 0.10563 ▼0.09% ▁▁▃█   ·" in line  # lowest ▁, highest (the last) █
        assert "KGS/USD 0.01144 0% ██▁▁   ·" in line  # it fell
        assert "UZS/USD 0.00008 0% ▄▄▄▄" in line  # it never moved
        # Dim like the separator: the same style run, no extra escape sequences to send.
        spark, separator = style_of(app, "▁▁▃█"), style_of(app, text.glyphs.separator)
        assert (spark.color, spark.bgcolor) == (separator.color, separator.bgcolor)
        assert spark.color != style_of(app, "▼").color


async def test_an_older_snapshot_draws_only_the_rates_up_to_its_date(archive: Archive) -> None:
    app = TcaApp(archive, animate=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket")  # 15 May 2025
        await settle(pilot)
        line = ticker_line(app)
        assert "TJS/USD 0.09636 0% ▁▁█   ·" in line
        assert "KGS/USD 0.01144 0% ██▁   ·" in line
        await pilot.press("right_square_bracket")  # 10 Jan 2025: two rates each
        await settle(pilot)
        assert "TJS/USD 0.09166 ▲0.22% ▁█   ·" in ticker_line(app)
        await pilot.press("right_square_bracket")  # 07 Jan 2025: one rate is no line
        await settle(pilot)
        line = ticker_line(app)
        assert "TJS/USD 0.09153 ▼0.22%   ·" in line and not BLOCKS & set(line)
        await pilot.press("left_square_bracket", "left_square_bracket", "left_square_bracket")
        await settle(pilot)
        assert "TJS/USD 0.10563 ▼0.09% ▁▁▃█" in ticker_line(app)


async def test_a_narrow_ticker_shows_the_quotes_alone(archive: Archive) -> None:
    app = TcaApp(archive, animate=False)
    async with app.run_test(size=(50, 24)) as pilot:
        await settle(pilot)
        line = ticker_line(app)
        assert "KGS/USD 0.01144 0%   ·   KZT/USD" in line and not BLOCKS & set(line)
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert "KGS/USD 0.01144 0% ██▁▁   ·" in ticker_line(app)
        await pilot.resize_terminal(50, 24)
        await settle(pilot)
        assert not BLOCKS & set(ticker_line(app))


async def test_an_ascii_terminal_gets_no_sparklines(archive: Archive) -> None:
    app = TcaApp(archive, animate=False, ascii_only=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        line = ticker_line(app)
        assert "TJS/USD 0.10563 -0.09%   |" in line and not BLOCKS & set(line)


async def test_clicking_a_sparkline_charts_its_pair(archive: Archive) -> None:
    app = TcaApp(archive, animate=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        at = ticker_line(app).index("▁▁▃█") + 3  # TJS/USD's, the third quote
        await pilot.click(Ticker, offset=(at, 0))
        await settle(pilot)
        assert isinstance(app.screen, TickerHistoryScreen)
        assert "TJS/USD across 4 dated snapshots" in screen_text(app)


async def test_rates_for_a_snapshot_no_longer_shown_are_ignored(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    newest = archive.snapshots()[0].id
    read = archive.recent_rates
    release = threading.Event()

    def slow_for_the_newest(snapshot_id: int, count: int = 8) -> dict[str, list[float]]:
        if snapshot_id == newest:
            release.wait(5)
        return read(snapshot_id, count)

    monkeypatch.setattr(archive, "recent_rates", slow_for_the_newest)
    app = TcaApp(archive, animate=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("right_square_bracket")  # 15 May 2025, before 20 Feb's rates came
        await pilot.pause()
        release.set()
        await settle(pilot)
        line = ticker_line(app)
        assert "TJS/USD 0.09636 0% ▁▁█   ·" in line
        assert "▁▁▃█" not in line


async def test_a_failed_rates_lookup_leaves_the_quotes_and_goes_to_the_log(
    archive: Archive, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    def broken(snapshot_id: int, count: int = 8) -> dict[str, list[float]]:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(archive, "recent_rates", broken)
    logged: list[Exception] = []

    def log_error(error: Exception):
        logged.append(error)
        return tmp_path / "tca-tui.log"

    app = TcaApp(archive, animate=False, log_error=log_error)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        line = ticker_line(app)
        assert "TJS/USD 0.10563 ▼0.09%   ·" in line  # the quotes, without their lines
        assert not BLOCKS & set(line)
        assert [str(error) for error in logged] == ["disk I/O error"]
        assert not notifications(app)  # nothing the reader needs to act on
        assert app.is_running
