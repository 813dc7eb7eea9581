"""e saves the open article as Markdown, o pipes it to $PAGER, y copies it (OSC 52)."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from support.screen import settle
from textual.app import App, SuspendNotSupported

from store.archive import Archive
from store.models import Article, Paragraph, Snapshot
from tui.app import TcaApp
from tui.config.settings import load_settings
from tui.export import article_markdown, article_text, save_markdown, slug
from tui.textual_compat import notifications

TOKAYEV_VISIT = "President Tokayev’s Washington Visit: Peace is Not a Bridge Too Far"


def notices(app: TcaApp) -> str:
    return " | ".join(str(n.message) for n in notifications(app))


@pytest.fixture
def app(archive: Archive) -> TcaApp:
    return TcaApp(archive, animate=False)


async def test_e_writes_markdown_here_and_never_overwrites(
    app: TcaApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("enter", "e", "e")
        await settle(pilot)
    first = tmp_path / "president-tokayevs-washington-visit-peace-is-not-a-bridge.md"
    second = first.with_name(first.stem + "-1.md")
    assert first.exists() and second.exists()
    text = first.read_text(encoding="utf-8")
    assert text.startswith(f"# {TOKAYEV_VISIT}\n\n*Seen on 20 Feb 2026*\n\n")
    assert "On February 19, President Tokayev will meet" in text
    assert text.rstrip().endswith("*Excerpt: the page showed only the beginning of this article.*")
    assert str(first) in notices(app)


async def test_o_pipes_the_article_to_the_pager(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paged = tmp_path / "paged.md"
    settings = load_settings({"PAGER": f"sh -c 'cat > {paged}'"})  # $PAGER, as the command reads it
    app = TcaApp(archive, animate=False, settings=settings)
    monkeypatch.setattr(App, "suspend", lambda self: contextlib.nullcontext())  # headless
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("enter", "o")
        await settle(pilot)
    assert paged.read_text(encoding="utf-8").startswith(f"# {TOKAYEV_VISIT}")


async def test_o_says_so_when_the_terminal_cannot_be_handed_over(
    app: TcaApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    def cannot(self: App) -> contextlib.AbstractContextManager[None]:
        raise SuspendNotSupported("headless")

    monkeypatch.setattr(App, "suspend", cannot)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("enter", "o")
        await settle(pilot)
        assert app.is_running and "cannot be handed to a pager" in notices(app)


async def test_y_copies_headline_and_body(app: TcaApp) -> None:
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("enter", "y")
        await settle(pilot)
        assert app.clipboard.startswith(f"{TOKAYEV_VISIT}\n\nOn February 19,")
        assert "Copied" in notices(app)


def test_markdown_keeps_page_text_harmless(tmp_path: Path) -> None:
    seen = (Snapshot(1, "07 January 2025", None, None, 1, "a.txt"),)
    article = Article(
        1,
        "Evil \x1b[2J Title",
        (Paragraph("Body \x1b]52;c;AAAA\x07 text"), Paragraph("A caption", is_caption=True)),
        False,
        seen,
    )
    text = article_markdown(article)
    assert "\x1b" not in text and "\x07" not in text and "␛" in text
    assert "> A caption" in text
    assert "\x1b" not in article_text(article)
    assert slug("Evil \x1b[2J Title") == "evil-2j-title"
    assert slug("«»") == "article"
    path = save_markdown(article, tmp_path)
    assert path.name == "evil-2j-title.md"
