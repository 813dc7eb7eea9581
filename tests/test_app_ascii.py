"""Terminals without UTF-8 (LANG=C, LC_ALL=POSIX...) get ASCII only, and the same app."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.cells import cell_len
from support.pty_terminal import PtySession
from support.screen import screen_text, settle

from store.archive import Archive
from tui import text
from tui.app import TcaApp
from tui.config.settings import load_settings
from tui.terminal.sgr import SgrCompactor, to_ascii
from tui.widgets.article_list import ArticleList
from tui.widgets.ticker import Ticker

TCA_TUI = Path(sys.executable).with_name("tca-tui")


@pytest.fixture(autouse=True)
def unicode_afterwards() -> Iterator[None]:
    yield
    text.use_ascii(False)  # the glyphs are process-wide: leave them as other tests expect


@pytest.mark.parametrize(
    ("environ", "utf8"),
    [
        ({"LANG": "C"}, False),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "C"}, False),  # LC_ALL wins
        ({"LANG": "C", "LC_CTYPE": "C.UTF-8"}, True),  # LC_CTYPE before LANG
        ({"LC_ALL": "POSIX"}, False),
        ({"LANG": "en_GB.ISO-8859-1"}, False),
        ({"LANG": "de_DE.utf8@euro"}, True),
        ({"LC_ALL": "", "LANG": "C.UTF-8"}, True),  # an empty variable does not count
        ({}, True),  # nothing set: a bare environment, not a legacy terminal
    ],
)
def test_the_locale_variables_decide(environ: dict[str, str], utf8: bool) -> None:
    assert text.locale_is_utf8(environ) is utf8


def test_to_ascii_keeps_every_cell_in_place() -> None:
    drawn = "╭─ Search “tok” ─╮│▁▇▲▼⏎▏…·’—Привет中文"
    shown = to_ascii(drawn)
    assert shown.isascii() and cell_len(shown) == cell_len(drawn)
    assert shown.startswith('+- Search "tok" -+|')
    assert to_ascii("plain [bold]x[/bold]") == "plain [bold]x[/bold]"


def test_the_compactor_turns_text_to_ascii_but_not_escapes() -> None:
    compactor = SgrCompactor(ascii_only=True)
    out = compactor.compact("\x1b]0;tïtle\x07\x1b[31m│▲ ok\x1b[0m")
    assert out.startswith("\x1b]0;tïtle\x07") and "|^ ok" in out


async def test_the_app_draws_its_own_symbols_in_ascii(archive: Archive) -> None:
    app = TcaApp(archive, animate=False, ascii_only=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        ticker = app.query_one(Ticker).render().plain
        assert "|" in ticker and not {"▲", "▼", "·"} & set(ticker)
        assert "+" in ticker or "-" in ticker
        await pilot.press("slash", *"tokayev")
        await settle(pilot)
        assert '"tokayev"' in screen_text(app, app.query_one(ArticleList).region)
        assert "enter" in screen_text(app).splitlines()[-1]  # the footer, not "⏎"


async def test_the_locale_chooses_by_default(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert TcaApp(archive, settings=load_settings({"LC_ALL": "C"})).ascii_only
    assert not TcaApp(archive, settings=load_settings({"LC_ALL": "C.UTF-8"})).ascii_only


@pytest.mark.skipif(not TCA_TUI.exists(), reason="tca-tui is not installed here")
def test_the_real_command_writes_only_ascii_in_a_c_locale(stored: Path, tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path), "LANG": "C", "LC_ALL": "C", "TERM": "linux"}
    with PtySession([str(TCA_TUI), "--db", str(stored)], size=(100, 30), env=env) as app:
        app.wait_for(lambda screen: "KZT/USD" in screen, timeout=30)
        app.send("/tokayev")
        app.wait_for(lambda screen: '"tokayev"' in screen)
        app.send("\r")
        app.wait_for(lambda screen: "Page down" in screen)  # the reader has focus
        app.send("q")
        assert app.exit_status(timeout=20) == 0
        output = bytes(app.output)
    assert output.isascii(), sorted({chr(b) for b in output if b > 0x7F})[:20]
