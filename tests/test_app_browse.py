"""Browsing the seeds: snapshot dates, headlines, the reader and the keys that move between them."""

from __future__ import annotations

import pytest
from support.screen import screen_text, settle, widget_text
from textual import events
from textual.pilot import Pilot

from store.archive import Archive
from tui.app import TcaApp
from tui.widgets.article_list import ArticleList
from tui.widgets.reader import ArticleReader
from tui.widgets.snapshot_list import SnapshotList

TOKAYEV_VISIT = "President Tokayev’s Washington Visit"  # first on 20 Feb 2026
STUFFT = "U.S. Ambassador to Kazakhstan Highlights"  # second on 20 Feb 2026; has a caption
MIDDLE_POWER = "Kazakhstan’s Middle Power Strategy"  # on both 07 and 10 Jan 2025
ROSENBLUM = "U.S. Ambassador to Kazakhstan Daniel Rosenblum Resigns"  # 10 Jan 2025, complete


@pytest.fixture
def app(archive: Archive) -> TcaApp:
    return TcaApp(archive, animate=False)


def pane(app: TcaApp, widget_type: type) -> str:
    return widget_text(app.query_one(widget_type))


def list_row(pane_text: str, starting: str) -> str:
    """The lines of the list row whose headline starts with ``starting``."""
    block = pane_text.split(starting, 1)[1]
    return starting + block.split("───", 1)[0]


def reader_title(app: TcaApp) -> str:
    reader = app.query_one(ArticleReader)
    return reader.article.title if reader.article else ""


async def open_snapshot(pilot: Pilot, label: str) -> None:
    """Press ] until the snapshot pane highlights ``label``."""
    snapshots = pilot.app.query_one(SnapshotList)
    for _ in range(len(snapshots.snapshots)):
        if snapshots.current and snapshots.current.short_label == label:
            break
        await pilot.press("right_square_bracket")
    await settle(pilot)
    assert snapshots.current is not None and snapshots.current.short_label == label


async def test_first_paint_shows_newest_snapshot(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        dates = pane(app, SnapshotList)
        order = ["20 Feb 2026", "15 May 2025", "10 Jan 2025", "07 Jan 2025", "undated"]
        positions = [dates.index(label) for label in order]
        assert positions == sorted(positions)
        assert "undated 004_2" in dates  # the undated one is marked and named by its file
        assert "07 Jan 2025    3/3" in dates  # each row: unread / articles

        headlines = pane(app, ArticleList)
        assert "20 Feb 2026" in headlines and "6 articles" in headlines
        assert headlines.index("President Tokayev’s") < headlines.index("U.S. Ambassador")
        assert "KZT/USD 0.00203" in screen_text(app).splitlines()[0]
        assert reader_title(app).startswith(TOKAYEV_VISIT)
        assert app.focused is app.query_one(ArticleList)


async def test_rows_mark_excerpts_and_other_dates(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await open_snapshot(pilot, "10 Jan 2025")
        headlines = pane(app, ArticleList)
        assert "also 07 Jan 2025" in list_row(headlines, MIDDLE_POWER)
        assert "excerpt" not in list_row(headlines, "U.S. Ambassador")  # a complete body
        assert "also" not in list_row(headlines, "U.S. Ambassador")  # seen only on 10 Jan
        assert headlines.count("…excerpt") == 4  # Rosenblum and Middle Power are complete

        await open_snapshot(pilot, "07 Jan 2025")
        assert "also 10 Jan 2025" in pane(app, ArticleList)


async def test_snapshot_pane_keys_fill_the_article_list(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("shift+tab", "shift+tab")
        assert app.focused is app.query_one(SnapshotList)
        await pilot.press("j")
        await settle(pilot)
        assert "15 May 2025" in pane(app, ArticleList)
        assert "Astana Forum" in pane(app, ArticleList)
        assert "KZT/USD" in screen_text(app).splitlines()[0]

        await pilot.press("G")
        await settle(pilot)
        assert "Diplomatic Renaissance" in pane(app, ArticleList)
        assert "no quotes" in screen_text(app).splitlines()[0]

        await pilot.press("enter")
        assert app.focused is app.query_one(ArticleList)


async def test_brackets_step_through_snapshots_from_anywhere(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(pilot)
        assert "10 Jan 2025" in pane(app, ArticleList)
        assert reader_title(app) == ROSENBLUM  # the reader follows the list's first row
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert "15 May 2025" in pane(app, ArticleList)


async def test_enter_opens_article_in_reader(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await open_snapshot(pilot, "10 Jan 2025")
        await pilot.press("j", "enter")
        await settle(pilot)
        assert app.focused is app.query_one(ArticleReader)
        reader = pane(app, ArticleReader)
        assert MIDDLE_POWER in reader
        assert "Seen on 07 Jan 2025 · 10 Jan 2025" in reader
        assert "On December 5, a telephone conversation" in reader
        assert "Excerpt — the page showed only" not in reader  # complete body: no note


async def test_reader_sets_captions_apart_and_labels_excerpts(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter", "G")  # Stufft's article ends with a photo caption
        await settle(pilot)
        reader = pane(app, ArticleReader)
        assert "Excerpt — the page showed only the beginning" in reader
        lines = reader.splitlines()
        caption = next(line for line in lines if "U.S. Ambassador Julie Stufft presents" in line)
        body = next(line for line in lines if "Addressing commercial ties" in line)
        assert caption.index("U.S.") > body.index("Addressing")  # indented
        assert "▌" in caption  # with a rule beside it


async def test_reader_scrolls_by_keyboard(app: TcaApp) -> None:
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert TOKAYEV_VISIT in pane(app, ArticleReader)
        for key in ("space", "pagedown", "j", "down"):
            before = pane(app, ArticleReader)
            await pilot.press(key)
            await settle(pilot)
            assert pane(app, ArticleReader) != before, key
        await pilot.press("b", "pageup", "k", "up")
        await settle(pilot)
        assert TOKAYEV_VISIT in pane(app, ArticleReader)
        await pilot.press("G")
        await settle(pilot)
        assert "Excerpt — the page showed only" in pane(app, ArticleReader)
        await pilot.press("g")
        await settle(pilot)
        assert TOKAYEV_VISIT in pane(app, ArticleReader)


async def test_n_and_p_step_through_articles(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "n")
        await settle(pilot)
        assert reader_title(app).startswith(STUFFT)
        assert app.focused is app.query_one(ArticleReader)  # reading continues in place
        await pilot.press("n", "n", "p")
        await settle(pilot)
        assert reader_title(app).startswith("Tokayev Praises Trump")


async def test_g_and_G_jump_to_first_and_last_headline(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("G")
        await settle(pilot)
        assert reader_title(app).startswith("Astana and Tashkent Engage")
        await pilot.press("k")
        await settle(pilot)
        assert reader_title(app).startswith("Jackson-Vanik Repeal")
        await pilot.press("g")
        await settle(pilot)
        assert reader_title(app).startswith(TOKAYEV_VISIT)


async def test_escape_walks_back_out(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        assert app.focused is app.query_one(ArticleReader)
        await pilot.press("escape")
        assert app.focused is app.query_one(ArticleList)
        await pilot.press("escape")
        assert app.focused is app.query_one(SnapshotList)


async def test_tab_cycles_through_the_panes(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        seen = []
        for _ in range(4):
            await pilot.press("tab")
            seen.append(type(app.focused).__name__)
        assert seen == ["ArticleReader", "SnapshotList", "Input", "ArticleList"]


async def test_mouse_picks_a_snapshot_and_opens_an_article(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        row = pane(app, SnapshotList).splitlines().index("│ 07 Jan 2025    3/3 │")
        await pilot.click(SnapshotList, offset=(4, row))
        await settle(pilot)
        assert "07 Jan 2025" in pane(app, ArticleList).splitlines()[0]
        assert app.focused is app.query_one(ArticleList)
        lines = pane(app, ArticleList).splitlines()
        row = next(i for i, line in enumerate(lines) if "New Fighting in Syria" in line)
        await pilot.click(ArticleList, offset=(4, row))
        await settle(pilot)
        assert reader_title(app) == "New Fighting in Syria Throws Astana Talks Off Track"
        assert app.focused is app.query_one(ArticleReader)


async def test_footer_follows_the_focused_pane(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "Open" in footer and "Page down" not in footer
        await pilot.press("enter")
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "Page down" in footer and "Quit" in footer


async def test_q_quits(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_dates_run_through_fast_show_only_where_the_cursor_stops(
    app: TcaApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Holding j in the dates pane: each date's articles, reader and ticker take a whole
    # frame to draw (~0.25 s at 1M); the dates the cursor only passes are not drawn.
    shown: list[str] = []
    show = TcaApp.show_snapshot

    def recording(self: TcaApp, snapshot) -> None:
        shown.append(snapshot.short_label)
        show(self, snapshot)

    monkeypatch.setattr(TcaApp, "show_snapshot", recording)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.query_one(SnapshotList).focus()
        shown.clear()
        for _ in range(3):  # as a terminal hands over keys that came while it drew
            app.post_message(events.Key("j", None))
        await settle(pilot)
        assert shown[-1] == "07 Jan 2025" and len(shown) < 3, shown
        assert "07 Jan 2025" in pane(app, ArticleList).splitlines()[0]
        await pilot.press("k")  # one key at a time: each date is shown at once
        await settle(pilot)
        assert shown[-1] == "10 Jan 2025"
