"""In a real terminal, sending only changed cells shows exactly what Textual's full repaints do.

The real ``tca-tui`` runs in one tmux terminal, and everything Textual writes, before the
screen diff leaves out what the terminal already shows, is copied to a second terminal.
After every step of a journey both terminals must hold the same characters in the same
colours.
"""

from __future__ import annotations

import shlex
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyte
import pytest
from support.pty_terminal import visible_cells
from support.terminal import Terminal, terminal_factory  # noqa: F401  (the fixture)

TCA_TUI = Path(sys.executable).with_name("tca-tui")
# The app, with each write copied to a file as Textual made it.
COPYING_OUTPUT = """
import os, sys, tui.terminal.screen_diff as d
copy, apply = open(os.environ["TEXTUAL_OUTPUT"], "a", encoding="utf-8"), d.ScreenDiff.apply
def copied(self, data):
    copy.write(data)
    copy.flush()
    return apply(self, data)
d.ScreenDiff.apply = copied
from tui.cli.commands import main
sys.exit(main())
"""

pytestmark = pytest.mark.skipif(not TCA_TUI.exists(), reason="tca-tui is not installed here")


def cells(styled_screen: str, size: tuple[int, int]) -> list[list[tuple]]:
    """What a person sees of a screen captured with its styles."""
    screen = pyte.Screen(*size)
    pyte.Stream(screen).feed(styled_screen.rstrip("\n").replace("\n", "\r\n"))
    return visible_cells(screen)


def differences(diffed: list[list[tuple]], full: list[list[tuple]]) -> list[str]:
    return [
        f"row {y} column {x}: {a!r} instead of {b!r}"
        for y, (row_a, row_b) in enumerate(zip(diffed, full, strict=True))
        for x, (a, b) in enumerate(zip(row_a, row_b, strict=True))
        if a != b
    ]


def settled_screen(term: Terminal, timeout: float = 10) -> str:
    """The styled screen once two captures a moment apart agree."""
    deadline = time.monotonic() + timeout
    last = term.screen(styles=True)
    while time.monotonic() < deadline:
        time.sleep(0.3)
        now = term.screen(styles=True)
        if now == last:
            return now
        last = now
    return last


def test_each_step_of_a_journey_looks_the_same_with_and_without_the_diff(
    terminal_factory,
    tmp_path: Path,
) -> None:
    textual_output = tmp_path / "textual-output"
    textual_output.touch()
    # No animation: the ticker stands still between the two captures of a step.
    env = {
        "HOME": str(tmp_path),
        "TEXTUAL_ANIMATIONS": "none",
        "COLORTERM": "truecolor",
        "TEXTUAL_OUTPUT": str(textual_output),
    }
    app = terminal_factory(width=100, height=30, env=env)
    textual = terminal_factory(width=100, height=30, env=env)
    # The copy plays in a terminal that echoes nothing (the app's queries get answers).
    textual.run(f"stty -echo; tail -c +1 -f {shlex.quote(str(textual_output))}")
    app.run(
        f"{shlex.quote(sys.executable)} -c {shlex.quote(COPYING_OUTPUT)}"
        f" --db {shlex.quote(str(tmp_path / 'archive.db'))}"
    )
    app.wait_for("20 Feb 2026", timeout=30)

    # Each step is keys for the app, or a new size for both terminals.
    steps: list[tuple[str, Callable[[Terminal], None] | tuple[int, int]]] = [
        ("first screen", lambda t: None),
        ("search", lambda t: t.type("/tokayev")),
        ("one more word", lambda t: t.type(" astana")),
        ("words deleted", lambda t: t.press(*["BSpace"] * 6)),
        ("article opened", lambda t: t.press("Enter")),
        ("back to the list", lambda t: t.press("Escape")),
        ("next snapshot", lambda t: t.press("Escape", "]")),
        ("down the list", lambda t: t.press("Down", "Down", "Down")),
        ("full-text search", lambda t: t.type("/water")),
        ("headline search again", lambda t: t.press("Tab")),
        ("narrow terminal", (70, 24)),
        ("help", lambda t: t.press("Escape", "?")),
        ("help closed", lambda t: t.press("Escape")),
        ("wide again", (110, 32)),
    ]
    for step, action in steps:
        if isinstance(action, tuple):
            textual.resize(*action)  # first: the app's next frames are for the new size
            app.resize(*action)
        else:
            action(app)
        # The copy trails the app a little: wait a while for them to agree. A cell the
        # diff failed to send stays wrong, as nothing repaints it.
        deadline = time.monotonic() + 10
        while True:
            size = app.size()
            diffed, full = (cells(settled_screen(term), size) for term in (app, textual))
            if diffed == full or time.monotonic() > deadline:
                break
        assert diffed == full, f"after {step!r}: " + "\n".join(differences(diffed, full))
    app.press("Escape", "q")


def test_ctrl_l_paints_over_what_something_else_wrote_on_the_screen(
    terminal_factory,
    tmp_path: Path,
) -> None:
    term = terminal_factory(width=100, height=30, env={"HOME": str(tmp_path)})
    # A background job writes over the app, as a job or a system message might, once
    # the app's first screen is up.
    go = tmp_path / "go"
    intrusion = "'\\033[27;3HSTRAY-OUTPUT'"  # printf makes the escape: none is typed
    term.run(
        f"(until [ -e {go} ]; do sleep 0.1; done; printf {intrusion} > $(tty)) &"
        f" {shlex.quote(str(TCA_TUI))} --db {shlex.quote(str(tmp_path / 'archive.db'))}"
    )
    term.wait_for("20 Feb 2026", timeout=30)
    time.sleep(1)
    go.touch()
    term.wait_for("STRAY-OUTPUT", timeout=10)
    time.sleep(1)  # the ticker repaints its line; only what changed there is sent
    assert "STRAY-OUTPUT" in term.screen()
    term.press("C-l")
    term.wait_until_gone("STRAY-OUTPUT")
    term.wait_for("20 Feb 2026")
    term.press("q")
