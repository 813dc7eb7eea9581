"""The app under stress: keys that arrive in one burst, random key mashing, refreshes."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from store.archive import Archive
from tui.app import TcaApp
from tui.screenshots import settle
from tui.widgets.ticker import Ticker


def burst(app: TcaApp, text: str) -> None:
    """Post keys as the driver does for one read from the terminal: all at once, with no
    chance for the app to handle one before the next arrives."""
    for char in text:
        key = events.Key("slash" if char == "/" else char, char)
        app.post_message(key)


async def test_keys_typed_straight_after_slash_go_to_the_search_box(archive: Archive) -> None:
    app = TcaApp(archive, animate=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        article_before = app.query_one("ArticleList").highlighted
        burst(app, "/taliban")
        await settle(pilot)
        assert app.query_one(Input).value == "taliban"
        assert not app.query_one(Ticker).paused  # "t" did not pause the ticker
        assert (
            "Taliban" in app.query_one("ArticleList").get_option_at_index(0).prompt.headline.plain
        )
        assert article_before == 0
