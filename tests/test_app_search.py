"""The live-filter search box: fuzzy matches over every headline, off the UI thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import write_snapshot
from support.app_helpers import headlines_pane, search_for
from support.screen import screen_text, settle
from textual.widgets import Input

from store.archive import Archive
from store.errors import Cancelled
from store.ingest.load import load_paths
from store.search.fuzzy import HeadlineIndex, SearchResult
from tui.app import SHOWN_MATCHES, TcaApp
from tui.widgets.article_list import ArticleList
from tui.widgets.reader import ArticleReader

TOKAYEV_VISIT = "President Tokayev’s Washington Visit: Peace is Not a Bridge Too Far"


@pytest.fixture
def app(archive: Archive) -> TcaApp:
    return TcaApp(archive, animate=False)


def first_row(app: TcaApp) -> str:
    """The first row of the headline list, inside its border."""
    inside = headlines_pane(app).split("\n", 1)[1]
    return inside.split("───", 1)[0]


def reader_title(app: TcaApp) -> str:
    reader = app.query_one(ArticleReader)
    return reader.article.title if reader.article else ""


async def test_typing_filters_all_headlines_best_first(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"tokayev washington")
        await settle(pilot)
        pane = headlines_pane(app)
        assert "Search “tokayev washington”" in pane
        assert "President Tokayev’s Washington" in first_row(app)
        assert app.query_one(ArticleList).border_subtitle.endswith(" of 25 headlines")


async def test_typos_case_and_word_order_still_find_it(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for query in ("washington tokayev", "tokaev washingtn", "TOKAYEV   Washington"):
            await search_for(pilot, query)
            assert "President Tokayev’s Washington" in first_row(app), query
            await pilot.press("escape")


async def test_a_search_that_finds_nothing_says_so(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "uzbek gas")
        pane = headlines_pane(app)
        assert "No headline matches “uzbek gas”" in pane
        assert "0 of 25 headlines" in pane
        await pilot.press("enter", "tab", "j", "enter", "G")  # nothing to open, no crash
        await settle(pilot)
        assert app.is_running and app.query_one(ArticleList).current_article_id is None


async def test_search_reaches_beyond_the_selected_snapshot(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "brics")
        pane = headlines_pane(app)
        assert "Kazakhstan Decides to Abstain" in pane  # from the undated snapshot
        assert "2 of 25" in pane


async def test_matched_characters_are_highlighted(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "rahmon")
        region = app.query_one(ArticleList).region
        lines = headlines_pane(app).splitlines()
        row = next(i for i, line in enumerate(lines) if "Rahmon" in line)
        x, y = region.x + lines[row].index("Rahmon"), region.y + row
        matched = app.screen.get_style_at(x, y)
        unmatched = app.screen.get_style_at(region.x + lines[row].index("Tajikistan"), y)
        assert matched.bold and matched.underline
        assert not unmatched.underline


async def test_enter_opens_the_top_match(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "afghan exhibition")
        await pilot.press("enter")
        await settle(pilot)
        assert reader_title(app) == "Afghan Businesses to Hold Exhibition in Almaty"
        assert app.focused is app.query_one(ArticleReader)
        assert "Search “afghan exhibition”" in headlines_pane(app)  # the filter stays


async def test_enter_on_a_selected_match_opens_that_one(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "tokayev")
        await pilot.press("tab")  # from the search box to its results
        assert app.focused is app.query_one(ArticleList)
        await pilot.press("j")
        await settle(pilot)
        second = reader_title(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is app.query_one(ArticleReader)
        assert reader_title(app) == second
        assert second != app.index.search("tokayev").matches[0].title


async def test_enter_before_results_arrive_opens_them_when_they_do(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"rahmon", "enter")
        await settle(pilot)
        assert (
            reader_title(app) == "Tajikistan’s Rahmon: No Military Solution to Palestinian Conflict"
        )


async def test_escape_clears_the_filter_and_returns_to_the_snapshot(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "brics")
        await pilot.press("escape")
        await settle(pilot)
        pane = headlines_pane(app)
        assert "20 Feb 2026" in pane and "6 articles" in pane
        assert "BRICS" not in pane
        assert app.query_one(Input).value == ""
        assert app.focused is app.query_one(ArticleList)


async def test_escape_from_the_results_list_clears_too(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "brics")
        await pilot.press("tab")
        await pilot.press("escape")
        await settle(pilot)
        assert "6 articles" in headlines_pane(app)
        assert app.query_one(Input).value == ""


async def test_keys_type_into_the_box_instead_of_acting(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"q t?[]/ngp")
        await settle(pilot)
        assert app.is_running
        assert app.query_one(Input).value == "q t?[]/ngp"


async def test_search_typed_before_the_index_is_ready_waits_for_it(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = threading.Event()

    class SlowToBuild(HeadlineIndex):
        @classmethod
        def for_archive(cls, archive: Archive) -> HeadlineIndex:
            gate.wait(10)
            return super().for_archive(archive)

    monkeypatch.setattr("store.search.fuzzy.HeadlineIndex", SlowToBuild)
    app = TcaApp(archive, animate=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"rahmon")
        assert "indexing…" in headlines_pane(app)
        gate.set()
        await settle(pilot)
        pane = headlines_pane(app)
        assert "Tajikistan’s Rahmon" in pane and "1 of 25" in pane


class FirstSearchHangs:
    """Wraps a real index; the search for ``hanging`` spins until it is cancelled."""

    def __init__(self, index: HeadlineIndex, hanging: str) -> None:
        self.index = index
        self.hanging = hanging
        self.started = threading.Event()
        self.cancelled: list[str] = []

    def search(
        self,
        query: str,
        limit: int = 200,
        cancelled: Callable[[], bool] | None = None,
        only: object = None,
    ) -> SearchResult:
        if query == self.hanging:
            self.started.set()
            deadline = time.monotonic() + 10
            while not (cancelled and cancelled()):
                assert time.monotonic() < deadline, "the old search was never cancelled"
                time.sleep(0.005)
            self.cancelled.append(query)
            raise Cancelled
        return self.index.search(query, limit, cancelled, only)


async def test_a_newer_keystroke_cancels_the_older_search(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        hanging = FirstSearchHangs(app.index, hanging="taj")
        app.index = hanging
        await pilot.press("slash", *"taj")
        assert hanging.started.wait(5)
        # The UI keeps taking keys while that search runs.
        await pilot.press(*"ikistan")
        await settle(pilot)
        assert app.query_one(Input).value == "tajikistan"
        assert hanging.cancelled == ["taj"]
        pane = headlines_pane(app)
        assert "Search “tajikistan”" in pane and "Tajikistan’s Rahmon" in pane


def many_headlines(folder: Path, count: int) -> Path:
    articles = "\n".join(
        f"Steppe Grain Report Number {n}\n\nHarvest figures for district {n} were published.\n"
        for n in range(count)
    )
    return write_snapshot(folder, "many.txt", f"01 March 2025\n\n{articles}")


async def test_results_are_capped_but_the_count_is_not(tmp_path: Path) -> None:
    db_path = tmp_path / "many.db"
    report = load_paths(db_path, [many_headlines(tmp_path, SHOWN_MATCHES + 50)])
    assert not report.errors
    archive = Archive(db_path)
    try:
        app = TcaApp(archive, animate=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await search_for(pilot, "steppe grain")
            articles = app.query_one(ArticleList)
            assert articles.option_count == SHOWN_MATCHES
            assert "250 of 250" in headlines_pane(app)
    finally:
        archive.close()


async def test_a_failed_index_is_reported_not_fatal(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_headlines() -> list:
        raise OSError("disk went away")

    monkeypatch.setattr(archive, "headlines", broken_headlines)
    app = TcaApp(archive, animate=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await search_for(pilot, "rahmon")
        assert app.is_running
        assert "search unavailable" in headlines_pane(app)
        assert "Search is unavailable" in screen_text(app)
