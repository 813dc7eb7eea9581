"""The search box's second mode: full-text search over the articles' bodies (FTS5)."""

from __future__ import annotations

import time

import pytest
from support.app_helpers import headlines_pane, search_for, unwrapped
from support.screen import settle
from textual.widgets import Input, Label

from store.archive import Archive
from store.errors import Cancelled
from tui.app import TcaApp
from tui.textual_compat import notifications
from tui.widgets.article_list import ArticleList
from tui.widgets.reader import ArticleReader

STUFFT = "U.S. Ambassador to Kazakhstan Highlights"


@pytest.fixture
def app(archive: Archive) -> TcaApp:
    return TcaApp(archive, animate=False)


async def test_a_leading_slash_searches_bodies_with_snippets(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "/credentials")
        pane = headlines_pane(app)
        assert "Text “credentials”" in pane
        # The headline of the best hit starts the list (wrapped over its first rows)...
        first_rows = " ".join(line.strip("│ ") for line in pane.splitlines()[1:3])
        assert first_rows.startswith(STUFFT)
        rest = pane.lower().split("u.s. ambassador", 1)[1]
        assert "credentials" in rest  # ...and its snippet follows
        assert app.query_one("SearchBox Label", Label).content == "¶"

        # The word found is set apart in the snippet.
        region = app.query_one(ArticleList).region
        lines = pane.splitlines()
        row = next(i for i, line in enumerate(lines) if "credentials" in line.lower() and i > 1)
        x = region.x + lines[row].lower().index("credentials")
        style = app.screen.get_style_at(x, region.y + row)
        assert style.bold and style.underline


async def test_enter_opens_the_best_text_hit(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "/credentials")
        await pilot.press("enter")
        await settle(pilot)
        reader = app.query_one(ArticleReader)
        assert reader.article is not None and reader.article.title.startswith(STUFFT)
        assert app.focused is reader


@pytest.mark.parametrize("query", ['/"', "/NEAR(a b", "/title:*", "/a OR (", "/-", "/*"])
async def test_fts_syntax_is_searched_as_text_never_an_error(app: TcaApp, query: str) -> None:
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await search_for(pilot, query)
        assert app.is_running
        assert not notifications(app)  # no "search is unavailable"


async def test_ctrl_t_switches_between_headlines_and_text(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "credentials")
        assert "Search “credentials”" in headlines_pane(app)  # fuzzy on headlines: no match
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert app.query_one(Input).value == "/credentials"
        assert "Text “credentials”" in headlines_pane(app)
        assert STUFFT in unwrapped(headlines_pane(app))
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert app.query_one(Input).value == "credentials"
        assert "Search “credentials”" in headlines_pane(app)
        assert STUFFT not in headlines_pane(app)


async def test_a_slow_text_search_stops_when_the_next_key_comes(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At a million articles a common word's query runs for a while: typing on must
    stop it where it is (not leave it running, nor report its end as a failure)."""
    search = archive.search_bodies
    stopped: list[str] = []

    def slow_until_cancelled(query, limit=50, cancelled=None, country=None):
        if query == "kaz":
            while not cancelled():
                time.sleep(0.01)
            stopped.append(query)
            raise Cancelled
        return search(query, limit, cancelled)

    monkeypatch.setattr(archive, "search_bodies", slow_until_cancelled)
    app = TcaApp(archive, animate=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"/kaz")
        await pilot.pause(0.1)
        await pilot.press(*"akhstan")
        await settle(pilot)
        assert stopped == ["kaz"]
        assert "Text “kazakhstan”" in headlines_pane(app)
        assert not notifications(app)  # a search stopped on purpose is no failure
