"""Small helpers shared by the app's Pilot tests."""

from __future__ import annotations

from textual import events
from textual.pilot import Pilot

from support.screen import settle, widget_text
from tui.app import TcaApp
from tui.widgets.article_list import ArticleList


def headlines_pane(app: TcaApp) -> str:
    return widget_text(app.query_one(ArticleList))


def unwrapped(pane: str) -> str:
    """A pane's text as one line, borders dropped: a wrapped headline reads whole."""
    return " ".join(line.strip("│ ") for line in pane.splitlines() if line.strip("│ "))


async def search_for(pilot: Pilot, query: str) -> None:
    """``/`` then the query pasted in one go (typing letter by letter has its own tests)."""
    await pilot.press("slash")
    pilot.app.focused.post_message(events.Paste(query))
    await settle(pilot)
