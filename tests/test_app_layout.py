"""Small terminals, NO_COLOR, the help screen and the command palette."""

from __future__ import annotations

import re

import pytest
from conftest import write_snapshot
from support.screen import screen_text, settle
from textual import events
from textual.binding import Binding

from store.archive import Archive
from store.ingest.load import load_paths
from tui.app import TcaApp
from tui.config.settings import SERVED_ENV, load_settings
from tui.screens.help import HelpScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.reader import ArticleReader
from tui.widgets.search_box import SearchBox
from tui.widgets.snapshot_list import SnapshotList


async def test_80x24_shows_every_pane(archive: Archive) -> None:
    app = TcaApp(archive, animate=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = screen_text(app)
        assert "20 Feb 2026" in screen_text(app, app.query_one(SnapshotList).region)
        assert "President Tokayev’s" in screen_text(app, app.query_one(ArticleList).region)
        assert "President Tokayev’s" in screen_text(app, app.query_one(ArticleReader).region)
        assert screen.splitlines()[0].startswith("KGS/USD")
        for _ in range(50):  # the footer fills in once the bindings settle, a moment later
            if "Quit" in screen_text(app).splitlines()[-1]:
                break
            await pilot.pause(0.05)
        assert "Quit" in screen_text(app).splitlines()[-1]
        for pane in (SnapshotList, ArticleList, ArticleReader):
            assert app.query_one(pane).region.width >= 25, pane.__name__


async def test_tiny_terminals_never_crash(archive: Archive) -> None:
    app = TcaApp(archive, animate=False)
    async with app.run_test(size=(20, 5)) as pilot:
        for size in ((20, 5), (1, 1), (45, 12), (120, 40)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            await pilot.press("j", "enter", "space", "n", "right_square_bracket", "question_mark")
            await pilot.press("escape", "escape", "slash", *"tok", "enter", "escape", "t")
            await settle(pilot)
            assert app.is_running, size
        assert "Reader" in screen_text(app)  # back at full size, the panes are back


async def test_no_color_marks_the_cursor_without_colour(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = TcaApp(archive, animate=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.no_color
        articles = app.query_one(ArticleList)
        style = app.screen.get_style_at(articles.region.x + 3, articles.region.y + 1)
        assert style.bold  # the highlighted row stays visible once colours are gone


def described(bindings) -> list[Binding]:
    return [b for b in Binding.make_bindings(bindings) if b.description]


async def test_help_lists_every_binding(archive: Archive) -> None:
    app = TcaApp(archive, animate=False)
    async with app.run_test(size=(120, 90)) as pilot:  # tall enough for the whole list
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        help_text = screen_text(app)
        for owner in (TcaApp, SnapshotList, ArticleList, ArticleReader, SearchBox):
            for binding in described(owner.BINDINGS):
                # "Open related article 1" … "5" share one row, "1…5  Open related article".
                description = binding.description.removesuffix(f" {binding.key}")
                assert description in help_text, (owner.__name__, binding.key)
        for keys in ("]", "[", "?", "space / pgdn", "b / pgup", "↓ / j", "end / G", "^p"):
            assert keys in help_text
        assert "1…5  Open related article" in help_text
        assert "Open related article 3" not in help_text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_every_binding_has_a_description() -> None:
    for owner in (TcaApp, SnapshotList, ArticleList, ArticleReader, SearchBox, HelpScreen):
        for binding in Binding.make_bindings(owner.BINDINGS):
            assert binding.description, (owner.__name__, binding.key)


async def test_command_palette_offers_the_same_actions(archive: Archive) -> None:
    app = TcaApp(archive, animate=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"pause ticker")
        await settle(pilot)
        assert "Pause ticker" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.query_one("Ticker").paused


@pytest.mark.parametrize(
    "after, paused",
    [
        (("enter", "enter"), {True}),  # run once, not paused and unpaused again
        (("escape", "enter"), {False}),  # closed without running; Enter then opens an article
        (("enter", "escape"), {True, False}),  # Esc may win the race: either, but one screen
    ],
)
async def test_keys_faster_than_the_palette_closes_run_one_command(
    archive: Archive, after, paused
) -> None:
    """A paste or a held key delivers keys before the palette has gone: the first Enter
    or Esc closes it, and what follows must neither end the app (Textual's palette then
    popped the screen below it) nor run the command twice."""
    app = TcaApp(archive, animate=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"pause ticker")
        await settle(pilot)
        for key in after:  # all queued at once, none handled before the next arrives
            app.post_message(events.Key(key, None))
        await settle(pilot)
        assert app.is_running
        assert len(app.screen_stack) == 1  # the palette is gone, the panes are not
        assert app.query_one("Ticker").paused in paused


async def test_an_empty_archive_says_how_to_fill_it(tmp_path) -> None:
    archive = Archive(tmp_path / "empty.db")
    try:
        app = TcaApp(archive, animate=False)
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            await pilot.press("j", "n", "right_square_bracket", "slash", *"tok", "enter")
            await settle(pilot)
            assert "tca-tui load" in screen_text(app)
            assert "no quotes" in screen_text(app).splitlines()[0]
    finally:
        archive.close()


async def test_the_palette_offers_no_screenshot_when_served_over_ssh(archive: Archive) -> None:
    app = TcaApp(archive, animate=False)
    async with app.run_test(size=(120, 40)):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Screenshot" in titles  # locally it saves where the reader can find it
    app = TcaApp(archive, animate=False, settings=load_settings({SERVED_ENV: "1"}))
    async with app.run_test(size=(120, 40)):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Screenshot" not in titles and "Pause ticker" in titles


@pytest.mark.parametrize("size", [(200, 50), (120, 40), (100, 30), (80, 24), (60, 20), (50, 20)])
async def test_the_search_hint_is_whole_at_every_width(archive: Archive, size) -> None:
    app = TcaApp(archive, animate=False)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        box = app.query_one(SearchBox)
        shown = screen_text(app, box.region).strip()
        assert shown.startswith("/ ")
        assert shown[2:] in SearchBox.PLACEHOLDERS, shown  # never cut mid-word
        if size[0] >= 200:
            assert shown[2:] == SearchBox.PLACEHOLDERS[0]


async def test_dates_show_whole_beside_two_digit_counts(generated_corpus) -> None:
    app = TcaApp(Archive(generated_corpus.db, readonly=True), animate=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        rows = screen_text(app, app.query_one(SnapshotList).region).splitlines()[2:-1]
        counted = [row for row in rows if re.search(r"\d+/\d\d\b", row)]
        assert counted, rows  # the corpus has pages of ten articles and more
        for row in counted:
            assert re.search(r"\d\d [A-Z][a-z]{2} \d{4} +\d+/\d+", row), row


def _titles_of_every_length() -> list[str]:
    """Headlines of 30 to 49 characters, each tagged (T01...): at some of these lengths
    the column a scrollbar takes decides whether the headline wraps."""
    filler = "Uranium Talks Resume in Astana Over the Regional Grid and Rail Plans"
    titles = []
    for number, length in enumerate(range(30, 50), start=1):
        title = f"T{number:02d} {filler}"[:length].rstrip()
        titles.append(title + "x" * (length - len(title)))
    return titles


@pytest.mark.parametrize("keys", [["right_square_bracket"], ["slash", *"uranium"]])
async def test_each_headline_keeps_its_divider_in_a_list_that_scrolls(tmp_path, keys) -> None:
    # From a short list to a long one: the list's width shrinks when its scrollbar
    # appears, and a headline measured before that wrapped one line longer than its
    # room and hid the divider below it.
    pages = "".join(
        f"{title}\n\nBody {i}.\n\n" for i, title in enumerate(_titles_of_every_length())
    )
    short = "02 March 2026\n\nGrain Exports Rise\n\nThe harvest was good.\n"
    files = [
        write_snapshot(tmp_path, "a.txt", f"01 March 2026\n\n{pages}"),
        write_snapshot(tmp_path, "b.txt", short),
    ]
    db = tmp_path / "tca.db"
    assert not load_paths(db, files).errors
    app = TcaApp(Archive(db, readonly=True), animate=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)  # 02 March: one headline, no scrollbar
        await pilot.press(*keys)
        await settle(pilot)
        rows = screen_text(app, app.query_one(ArticleList).region).splitlines()[1:-1]
        blocks = re.split("─{10,}", " ".join(rows))
        tags = [re.findall(r"T\d\d", block) for block in blocks if block.strip("│ ")]
        assert len(tags) > 5 and all(len(found) == 1 for found in tags), "\n".join(rows)
