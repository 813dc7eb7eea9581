"""The quote ticker: what it shows, how it moves, and when it stands still."""

from __future__ import annotations

import asyncio

from support.screen import settle, widget_text
from textual.pilot import Pilot

from store.archive import Archive
from tui.app import TcaApp
from tui.widgets.ticker import Ticker


def ticker_line(app: TcaApp) -> str:
    return widget_text(app.query_one(Ticker))


async def ticker_moves(pilot: Pilot, seconds: float = 0.7) -> bool:
    before = ticker_line(pilot.app)
    await asyncio.sleep(seconds)
    await pilot.pause()
    return ticker_line(pilot.app) != before


def style_of(app: TcaApp, text: str):
    """The style of the first cell of ``text`` on the ticker line."""
    line = ticker_line(app)
    return app.screen.get_style_at(line.index(text), app.query_one(Ticker).region.y)


async def test_quotes_show_rate_and_direction_or_say_there_are_none(archive: Archive) -> None:
    app = TcaApp(archive, animate=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket")  # 10 Jan 2025
        await settle(pilot)
        line = ticker_line(app)
        for quote in ("KGS/USD 0.01149 0%", "KZT/USD 0.00190 0%", "TJS/USD 0.09166 ▲0.22%"):
            assert quote in line
        await pilot.press("left_square_bracket", "left_square_bracket")  # 20 Feb 2026
        await settle(pilot)
        assert "TJS/USD 0.10563 ▼0.09%" in ticker_line(app)
        down = style_of(app, "▼")
        unchanged = style_of(app, "0%")
        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(pilot)
        up = style_of(app, "▲")
        assert len({up.color, down.color, unchanged.color}) == 3
        assert up.color.triplet.green > up.color.triplet.red  # green
        assert down.color.triplet.red > down.color.triplet.green  # red

        await pilot.press("right_square_bracket", "right_square_bracket")  # undated: no ticker
        await settle(pilot)
        assert ticker_line(app).strip() == "no quotes"


async def test_ticker_scrolls_and_t_pauses_it(archive: Archive) -> None:
    app = TcaApp(archive, animate=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert await ticker_moves(pilot)
        await pilot.press("t")
        assert not await ticker_moves(pilot)
        await pilot.press("t")
        assert await ticker_moves(pilot)


async def test_ticker_stands_still_without_animation(archive: Archive) -> None:
    app = TcaApp(archive, animate=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert ticker_line(app).startswith("KGS/USD")
        assert not await ticker_moves(pilot)


async def test_textual_animations_none_also_stops_it(archive: Archive) -> None:
    app = TcaApp(archive)
    app.animation_level = "none"  # what TEXTUAL_ANIMATIONS=none sets at start-up
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not await ticker_moves(pilot)
