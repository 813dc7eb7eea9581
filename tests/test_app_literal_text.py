"""Page text, file and folder names and error texts show literally on every surface:
notifications, titles, the palette, the help screen and the full-screen reading view.

The snapshot comes from a file named ``[@click=app.quit]odd.txt`` (undated, so the
file name is its label) with headlines that are markup. Read as markup, the file name
would turn into a clickable action that quits, and the headlines would lose brackets.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_snapshot
from support.screen import screen_text, settle
from textual.app import App

import tui.reading_habits
from store.archive import Archive
from store.ingest.load import load_paths
from tui.app import TcaApp
from tui.reading_policy import ReadingPolicy
from tui.screens.article_view import ArticleView
from tui.screens.help import HelpScreen
from tui.screens.snapshot_diff import SnapshotDiffScreen
from tui.textual_compat import notifications

FILE_NAME = "[@click=app.quit]odd.txt"
HEADLINE = "Evil [b]x[/b] [@click=app.quit]now[/]"
SECOND = "Second [@click=app.bell]headline[/]"
FOLDER = "[reverse]where"
PAGE = (
    "  • KZT/USD = 0.00190 0%\n\n"
    f"{HEADLINE}\n\nBody [reverse]z[/reverse] text, long enough to be a paragraph of it.\n\n"
    f"{SECOND}\n\nAnother paragraph with [red]markup[/red] in it, long enough too.\n"
)


@pytest.fixture
def odd_archive(tmp_path: Path):
    folder = tmp_path / "pages"
    folder.mkdir()
    db = tmp_path / "odd.db"
    assert not load_paths(db, [write_snapshot(folder, FILE_NAME, PAGE)]).errors
    archive = Archive(db)
    yield archive
    archive.close()


@pytest.fixture
def odd_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / FOLDER
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def toasts(app: App) -> list[str]:
    """Every notification's text as its toast paints it."""
    assert all(not n.markup for n in notifications(app)), "a notification reads markup"
    return [toast.render().plain for toast in app.screen.query("Toast")]


def log_in(folder: Path) -> Path:
    return folder / "tca-tui.log"


async def test_notifications_and_titles_show_names_and_text_literally(
    odd_archive: Archive, odd_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = TcaApp(
        odd_archive, animate=False, policy=ReadingPolicy(), log_error=lambda e: log_in(odd_folder)
    )
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        assert FILE_NAME in shown  # the dates pane and the list's title
        assert HEADLINE in shown and SECOND in shown

        await pilot.press("M")
        await settle(pilot)
        assert f"Marked all of {FILE_NAME} read." in toasts(app)
        assert app.is_running  # the [@click=app.quit] part did not become an action

        await pilot.press("enter")  # read the first article
        await settle(pilot)
        assert HEADLINE in screen_text(app)
        await pilot.press("m", "s", "y", "r")
        await settle(pilot)
        assert {
            "Starred.",
            "Copied the headline and body to the clipboard.",
            "No new snapshots",
        } <= set(toasts(app))

        await pilot.press("e")
        await settle(pilot)
        saved = next(t for t in toasts(app) if t.startswith("Saved to"))
        assert saved == f"Saved to {odd_folder / 'evil-b-x-b-click-app-quit-now.md'}"
        assert FOLDER in saved

        def cannot_save(article: object, folder: Path) -> Path:
            raise PermissionError(13, "Permission denied", str(folder / "evil.md"))

        monkeypatch.setattr(tui.reading_habits, "save_markdown", cannot_save)
        await pilot.press("e")
        await settle(pilot)
        assert (
            f"Could not save the article: [Errno 13] Permission denied: '{odd_folder / 'evil.md'}'"
        ) in toasts(app)

        await pilot.press("escape", "d")  # an undated snapshot: nothing to compare with
        await settle(pilot)
        assert isinstance(app.screen, SnapshotDiffScreen)
        assert FILE_NAME in screen_text(app)  # the diff's title
        await pilot.press("d")
        await settle(pilot)

        def broken(snapshot_id: int) -> None:
            raise RuntimeError(f"no [b]diff[/b] for {FILE_NAME}")

        monkeypatch.setattr(odd_archive, "diff", broken)
        await pilot.press("d")
        await settle(pilot)
        assert f"What changed is unavailable; details in {log_in(odd_folder)}" in toasts(app)


async def test_the_reading_view_palette_and_help_show_text_literally(
    odd_archive: Archive, odd_folder: Path
) -> None:
    app = TcaApp(odd_archive, animate=False, policy=ReadingPolicy(served=True))
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("enter", "o")
        await settle(pilot)
        assert isinstance(app.screen, ArticleView)
        shown = screen_text(app)
        assert f"# {HEADLINE}" in shown  # the text
        assert HEADLINE in shown.splitlines()[0]  # the title on its border
        assert "Body [reverse]z[/reverse] text" in shown
        await pilot.press("q", "e")  # served: the Markdown in the same view
        await settle(pilot)
        assert "Body [reverse]z[/reverse] text" in screen_text(app)
        assert all(FOLDER not in t for t in toasts(app))  # nothing was saved there
        await pilot.press("q")
        await settle(pilot)

        await pilot.press("slash", *"[b]x")  # a query that is markup, in the list's title
        await settle(pilot)
        assert "Search “[b]x”" in screen_text(app)
        await pilot.press("escape", "escape")
        await settle(pilot)

        await pilot.press("ctrl+p", *"previous")  # the palette: titles and help as written
        await settle(pilot)
        palette = screen_text(app)
        assert "Previous snapshot" in palette and "key: [" in palette
        await pilot.press("escape")
        await settle(pilot)

        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert "[  Previous snapshot" in screen_text(app)
