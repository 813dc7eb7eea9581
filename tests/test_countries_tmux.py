"""The country filter in the real ``tca-tui`` in a real terminal (tmux)."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest
from support.terminal import terminal_factory  # noqa: F401  (the fixture)

TCA_TUI = Path(sys.executable).with_name("tca-tui")

pytestmark = pytest.mark.skipif(not TCA_TUI.exists(), reason="tca-tui is not installed here")


def test_f_narrows_the_headlines_and_the_search_to_a_country(terminal_factory, tmp_path: Path):
    term = terminal_factory(width=140, height=40, env={"HOME": str(tmp_path)})
    db = tmp_path / "archive.db"
    token = term.run(f"{shlex.quote(str(TCA_TUI))} --db {shlex.quote(str(db))}")
    term.wait_for("All 6  KZ 6  KG 1  TJ 1  TM 1  UZ 3  AF 0")  # 20 Feb 2026's counts
    term.press("f")
    term.press("f")  # KZ, then KG: one of the six mentions Kyrgyzstan
    term.wait_for("20 Feb 2026 · KG")
    screen = term.wait_for("─ 1 article ─")  # the list's count, on its bottom border
    assert "Astana and Tashkent" in screen
    # Searching keeps the country: only Kyrgyz-tagged matches of "central asia".
    term.type("/central asia")
    screen = term.wait_for("Search “central asia” · KG")
    assert "Breaking Old Ties" in screen  # an older snapshot's, also about Kyrgyzstan
    assert "Jackson-Vanik" not in screen  # Central Asia, but not Kyrgyzstan
    term.press("Escape")
    term.wait_until_gone("Search “central asia”")
    term.press("q")
    assert term.exit_status(token) == 0
