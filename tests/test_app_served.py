"""A served reader can only read: `o`, `e`, Ctrl+Z, the palette and Textual's own ways
out to the system stay in the app. Locally `o` still pages, with `less` made safe."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest
from support.screen import screen_text, settle
from textual.app import App

from store.archive import Archive
from tui.app import TcaApp
from tui.config.settings import load_settings
from tui.export import article_markdown
from tui.reading_policy import SERVED_ENV, ReadingPolicy, pager_command, pager_environment
from tui.screens.article_view import ArticleView
from tui.textual_compat import notifications
from tui.widgets.reader import ArticleReader

TOKAYEV_VISIT = "President Tokayev’s Washington Visit: Peace is Not a Bridge Too Far"
SERVED = ReadingPolicy(served=True)


def notices(app: App) -> str:
    return " | ".join(str(n.message) for n in notifications(app))


def pager_script(folder: Path, name: str = "pager") -> tuple[Path, Path]:
    """A stand-in pager that records its environment and the text it was given."""
    script, dumped = folder / name, folder / f"{name}.env"
    script.write_text(f"#!/bin/sh\nenv > '{dumped}'\ncat > '{dumped}.text'\n")
    script.chmod(0o755)
    return script, dumped


def test_the_policy_is_read_from_the_served_flag() -> None:
    assert load_settings({SERVED_ENV: "1"}).served
    assert not load_settings({}).served
    assert ReadingPolicy(served=load_settings({SERVED_ENV: "0"}).served).may_start_programs
    assert pager_command(load_settings({}).pager) == ["less"]
    assert pager_command(load_settings({"PAGER": ""}).pager) is None  # no pager: the app shows it
    assert pager_command(load_settings({"PAGER": "less -R"}).pager) == ["less", "-R"]


async def test_served_o_reads_full_screen_in_the_app(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script, dumped = pager_script(tmp_path)
    settings = load_settings({"PAGER": str(script)})
    app = TcaApp(archive, animate=False, policy=SERVED, settings=settings)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("enter", "o")
        await settle(pilot)
        assert isinstance(app.screen, ArticleView)
        shown = screen_text(app)
        assert TOKAYEV_VISIT[:40] in shown and "On February 19, President" in shown
        await pilot.press("G")  # the reader's keys scroll it
        await settle(pilot)
        assert "Excerpt: the page showed only the beginning" in screen_text(app)
        await pilot.press("y")
        assert app.clipboard == article_markdown(app.query_one(ArticleReader).article)
        await pilot.press("q")  # back to the panes, not out of the app
        await settle(pilot)
        assert app.is_running and not isinstance(app.screen, ArticleView)
    assert not dumped.exists()  # no pager ran


async def test_local_o_with_an_empty_pager_reads_in_the_app(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = load_settings({"PAGER": ""})
    app = TcaApp(archive, animate=False, policy=ReadingPolicy(), settings=settings)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "o")
        await settle(pilot)
        assert isinstance(app.screen, ArticleView)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ArticleView)


async def test_local_pager_runs_with_less_in_secure_mode(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script, dumped = pager_script(tmp_path)
    settings = load_settings({"PAGER": str(script)})
    monkeypatch.setenv("LESSOPEN", f"|touch {tmp_path / 'opened'} %s")
    monkeypatch.setenv("LESSCLOSE", "rm %s")
    monkeypatch.setenv("LESSSECURE_ALLOW", "shell,edit")
    monkeypatch.setattr(App, "suspend", lambda self: contextlib.nullcontext())  # headless
    app = TcaApp(archive, animate=False, policy=ReadingPolicy(), settings=settings)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "o")
        await settle(pilot)
    env = dict(line.split("=", 1) for line in dumped.read_text().splitlines() if "=" in line)
    assert env["LESSSECURE"] == "1"
    assert not {"LESSOPEN", "LESSCLOSE", "LESSSECURE_ALLOW"} & env.keys()
    assert env["PATH"] == os.environ["PATH"]  # the rest of the environment is kept
    assert Path(f"{dumped}.text").read_text().startswith(f"# {TOKAYEV_VISIT}")
    assert pager_environment({"LESSOPEN": "x", "A": "b"}) == {"A": "b", "LESSSECURE": "1"}


async def test_local_o_falls_back_to_the_app_when_the_pager_is_missing(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = load_settings({"PAGER": str(tmp_path / "no-such-pager")})
    monkeypatch.setattr(App, "suspend", lambda self: contextlib.nullcontext())
    app = TcaApp(archive, animate=False, policy=ReadingPolicy(), settings=settings)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("enter", "o")
        await settle(pilot)
        assert "Could not run" in notices(app) and "no-such-pager" in notices(app)
        assert isinstance(app.screen, ArticleView)


async def test_served_e_saves_nothing_and_shows_the_markdown(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    app = TcaApp(archive, animate=False, policy=SERVED)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("enter", "e")
        await settle(pilot)
        assert list(here.iterdir()) == []
        assert "does not save files" in notices(app) and "y copies" in notices(app)
        assert isinstance(app.screen, ArticleView)
        assert f"# {TOKAYEV_VISIT[:40]}" in screen_text(app)
        await pilot.press("y")
        assert app.clipboard.startswith(f"# {TOKAYEV_VISIT}\n\n*Seen on 20 Feb 2026*")


async def test_served_ctrl_z_neither_stops_nor_freezes(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    signals: list[int] = []
    monkeypatch.setattr(os, "kill", lambda pid, sig: signals.append(sig))
    app = TcaApp(archive, animate=False, policy=SERVED)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert signals == [] and app.is_running
        assert "does not suspend: the session would freeze" in notices(app)
        await pilot.press("j")  # and still answers
        await settle(pilot)


async def test_served_textual_hand_offs_are_refused(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: opened.append(url))
    app = TcaApp(archive, animate=False, policy=SERVED)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        app.open_url("https://example.com/")
        assert app.deliver_text(here / "nothing.txt", save_directory=here) is None
        await app.run_action("screenshot")
        with pytest.raises(PermissionError):
            app.save_screenshot(path=str(here))
        with pytest.raises(Exception, match="keeps its terminal"):
            with app.suspend():
                pass
        await settle(pilot)
        assert "does not open a browser" in notices(app)
        assert "does not save files" in notices(app)
    assert opened == [] and list(here.iterdir()) == []


async def test_the_served_palette_offers_screen_only_commands(archive: Archive) -> None:
    app = TcaApp(archive, animate=False, policy=SERVED)
    async with app.run_test(size=(100, 30)):
        titles = {command.title for command in app.get_system_commands(app.screen)}
    assert {"Theme", "Quit", "Keys", "Search", "Pause ticker"} <= titles
    assert "Screenshot" not in titles
