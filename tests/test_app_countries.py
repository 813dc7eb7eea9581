"""The country filter in the app: the row of counts, f / F, a click, the palette, search."""

from __future__ import annotations

import pytest
from support.app_helpers import headlines_pane, search_for, unwrapped
from support.screen import screen_text, settle, widget_text
from test_countries import SEED_COUNTRIES

from store.archive import Archive
from tui.app import TcaApp
from tui.widgets.article_list import ArticleList
from tui.widgets.country_row import CountryRow
from tui.widgets.reader import ArticleReader

ORDER = ["KZ", "KG", "TJ", "TM", "UZ", "AF"]


@pytest.fixture
def app(archive: Archive) -> TcaApp:
    return TcaApp(archive, animate=False)


def listed_titles(app: TcaApp) -> list[str]:
    return [a.title for a in app.query_one(ArticleList).summaries]


def newest_snapshot_titles(archive: Archive) -> list[str]:
    newest = archive.snapshots()[0]
    return [a.title for a in archive.articles_in(newest.id)]


async def test_f_narrows_the_list_to_each_country_in_turn(app: TcaApp, archive: Archive) -> None:
    everything = newest_snapshot_titles(archive)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        row = widget_text(app.query_one(CountryRow))
        expected_counts = "  ".join(
            f"{code} {sum(code in SEED_COUNTRIES[t] for t in everything)}" for code in ORDER
        )
        assert row.strip() == f"All {len(everything)}  {expected_counts}"
        for code in ORDER:
            await pilot.press("f")
            await settle(pilot)
            assert listed_titles(app) == [t for t in everything if code in SEED_COUNTRIES[t]]
            assert f"· {code}" in headlines_pane(app).splitlines()[0]
        await pilot.press("f")  # after the last: every country again
        await settle(pilot)
        assert listed_titles(app) == everything
        await pilot.press("F")  # and back to the last
        await settle(pilot)
        assert app.country_filter.active == "AF"


async def test_rows_and_reader_show_each_articles_countries(app: TcaApp) -> None:
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        pane = unwrapped(headlines_pane(app))
        title = listed_titles(app)[0]
        codes = " ".join(c for c in ORDER if c in SEED_COUNTRIES[title])
        assert f"{codes}" in pane
        await pilot.press("enter")
        await settle(pilot)
        reader = widget_text(app.query_one(ArticleReader))
        names = {
            "KZ": "Kazakhstan",
            "KG": "Kyrgyzstan",
            "TJ": "Tajikistan",
            "TM": "Turkmenistan",
            "UZ": "Uzbekistan",
            "AF": "Afghanistan",
        }
        assert " · ".join(names[c] for c in ORDER if c in SEED_COUNTRIES[title]) in reader


async def test_search_and_the_country_filter_combine(app: TcaApp) -> None:
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "central asia")
        everywhere = set(unwrapped(headlines_pane(app)).split("───"))
        app.show_country("UZ")  # as the palette does: f would be typed into the box
        await settle(pilot)
        pane = headlines_pane(app)
        assert pane.splitlines()[0].count("UZ")  # the title says what it is narrowed to
        shown = unwrapped(pane)
        in_uzbekistan = [
            t for t in SEED_COUNTRIES if "UZ" in SEED_COUNTRIES[t] and "Central Asia" in t
        ]
        assert in_uzbekistan and all(t in shown for t in in_uzbekistan)
        not_uzbek = [
            t for t in SEED_COUNTRIES if "UZ" not in SEED_COUNTRIES[t] and "Central Asia" in t
        ]
        assert not_uzbek and not any(t in shown for t in not_uzbek)
        assert len(everywhere) > 1


async def test_clicking_a_country_in_the_row_narrows_the_list(
    app: TcaApp, archive: Archive
) -> None:
    everything = newest_snapshot_titles(archive)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        row = widget_text(app.query_one(CountryRow))
        column = row.index("KG")
        await pilot.click(CountryRow, offset=(column, 0))
        await settle(pilot)
        assert app.country_filter.active == "KG"
        assert listed_titles(app) == [t for t in everything if "KG" in SEED_COUNTRIES[t]]
        await pilot.click(CountryRow, offset=(row.index("All"), 0))
        await settle(pilot)
        assert listed_titles(app) == everything


async def test_the_palette_offers_each_country(app: TcaApp) -> None:
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Only Kyrgyzstan" in titles and "Every country" in titles
        assert "Next country" in titles  # the f key, under its own name
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"only tajik")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.country_filter.active == "TJ"
        assert "TJ" in screen_text(app).splitlines()[0] or "TJ" in headlines_pane(app)
