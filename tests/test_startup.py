"""The command pauses garbage collection for start-up, and never leaves it paused.

A collector left off would let the app's memory grow for as long as it runs, so each
way out of start-up is checked: the app's first screen, every other command, and an
error before either.
"""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.screen import settle

from store.archive import Archive
from tui.app import TcaApp
from tui.cli import collection, startup
from tui.cli import commands as cli


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    yield
    collection._paused = False
    gc.enable()
    gc.unfreeze()


def run_command(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], command: str | None
) -> list[bool]:
    """``tca-tui ARGV`` through the entry point; whether collection was on as ``command`` ran."""
    seen: list[bool] = []
    monkeypatch.setattr(sys, "argv", ["tca-tui", *argv])
    monkeypatch.setitem(cli.COMMANDS, command, lambda args: seen.append(gc.isenabled()) or 0)
    assert startup.main() == 0
    return seen


def test_other_commands_run_with_collection_on(
    monkeypatch: pytest.MonkeyPatch, seeded_db: Path
) -> None:
    assert run_command(monkeypatch, ["--db", str(seeded_db), "stats"], "stats") == [True]
    assert gc.isenabled()


def test_the_app_starts_with_collection_paused_and_it_is_on_when_the_app_ends(
    monkeypatch: pytest.MonkeyPatch, seeded_db: Path
) -> None:
    assert run_command(monkeypatch, ["--db", str(seeded_db)], None) == [False]
    assert gc.isenabled()  # even if the app never showed a screen


def test_a_failing_start_leaves_collection_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", ["tca-tui", "--no-such-option"])
    with pytest.raises(SystemExit):
        startup.main()
    assert gc.isenabled()


async def test_collection_resumes_once_the_first_screen_is_up(
    monkeypatch: pytest.MonkeyPatch, archive: Archive
) -> None:
    gc.disable()
    monkeypatch.setattr(collection, "_paused", True)  # as the entry point leaves it
    app = TcaApp(archive, animate=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "20 Feb 2026" in app.query_one("#snapshots").render_line(1).text
        assert gc.isenabled()
        # What start-up built is frozen: full collections no longer walk it.
        assert gc.get_freeze_count() > 0


def test_python_dash_m_tui_is_the_command(seeded_db: Path) -> None:
    # How `tca-tui serve` starts each reader's app: the same entry point, same pause.
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--db", str(seeded_db), "stats", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert '"articles": 25' in result.stdout
