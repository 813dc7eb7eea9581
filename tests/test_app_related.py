"""Related articles under the one being read, opened with 1–5."""

from __future__ import annotations

import pytest
from support.screen import screen_text, settle
from test_app_browse import ROSENBLUM, open_snapshot

from store.archive import Archive
from tui.app import TcaApp
from tui.widgets.reader import ArticleReader
from tui.widgets.related_list import RelatedArticles

STUFFT = "U.S. Ambassador to Kazakhstan Highlights Cultural Diplomacy"


@pytest.fixture
def app(archive: Archive) -> TcaApp:
    return TcaApp(archive, animate=False)


async def test_related_articles_are_listed_and_open_with_a_digit(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await open_snapshot(pilot, "10 Jan 2025")
        await pilot.press("enter", "G")  # read Rosenblum's resignation, to its end
        await settle(pilot)
        related = app.query_one(RelatedArticles)
        assert related.display and related.articles[0].title.startswith(STUFFT)
        text = screen_text(app, app.query_one(ArticleReader).region)
        assert "Related" in text and "1 U.S. Ambassador to Kazakhstan Highlights" in text
        assert ROSENBLUM not in [a.title for a in related.articles]
        await pilot.press("1")
        await settle(pilot)
        reader = app.query_one(ArticleReader)
        assert reader.article.title.startswith(STUFFT) and app.focused is reader
        assert all(a.title != reader.article.title for a in related.articles)


async def test_a_digit_without_a_related_article_does_nothing(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = app.query_one(ArticleReader).article
        await pilot.press("5", "9")
        await settle(pilot)
        assert app.is_running and app.query_one(ArticleReader).article == before
