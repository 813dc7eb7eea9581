"""The settings file with the real ``tca-tui`` in a real terminal (tmux): the reader's keys
work, and NO_COLOR and the ASCII fallback still win over a chosen theme."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from support.terminal import Terminal, terminal_factory  # noqa: F401  (the fixture)
from test_e2e_tmux import (
    FIRST_HEADLINE,
    GREYS,
    RESTORED_MODES,
    SGR,
    TCA_TUI,
    TICKER_QUOTE,
    app_log,
    colours,
    modes,
    ticker_shows,
)

pytestmark = pytest.mark.skipif(not TCA_TUI.exists(), reason="tca-tui is not installed here")


def settings_in_home(home: Path, text: str) -> None:
    config = home / ".config" / "tca-tui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(text, encoding="utf-8")


def test_keys_remapped_to_search_and_quit_work(terminal_factory, tmp_path: Path):
    settings_in_home(tmp_path, '# mine\n[keys]\nsearch = "z"\nquit = "x"\n')
    term: Terminal = terminal_factory(width=120, height=40, env={"HOME": str(tmp_path)})
    token = term.run(f"{shlex.quote(str(TCA_TUI))} --db {tmp_path / 'tca.db'}")
    term.wait_for(FIRST_HEADLINE)
    term.type("ztaliban")
    term.wait_for("“taliban”")  # the list is titled by the query: z opened the search
    term.wait_for("Kazakhstan and Taliban")
    term.press("Escape")  # clears the search, back to the list
    term.wait_until_gone("“taliban”")
    term.press("q")  # no longer quits
    term.press("x")
    assert term.exit_status(token) == 0, app_log(tmp_path)
    assert modes(term) == RESTORED_MODES


@pytest.mark.parametrize("env", ["NO_COLOR=1", "LANG=C LC_ALL=C TERM=linux"])
def test_no_color_and_ascii_win_over_the_theme(
    terminal_factory,
    tmp_path: Path,
    env: str,
):
    settings_in_home(tmp_path, 'theme = "tca-paper"\n')
    term: Terminal = terminal_factory(width=120, height=30, env={"HOME": str(tmp_path)})
    token = term.run(f"env {env} {shlex.quote(str(TCA_TUI))} --db {tmp_path / 'tca.db'}")
    term.wait_for(FIRST_HEADLINE.replace("’", "'" if "LC_ALL=C" in env else "’"))
    term.wait_for(ticker_shows(TICKER_QUOTE))
    styled = term.screen(styles=True)
    term.press("q")
    assert term.exit_status(token) == 0, app_log(tmp_path)
    palette, truecolour = colours(styled)
    if "NO_COLOR" in env:
        assert palette <= GREYS and not truecolour
    else:
        plain = SGR.sub("", styled)
        assert plain.isascii(), sorted({ch for ch in plain if not ch.isascii()})
