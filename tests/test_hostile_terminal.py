"""Hostile text in the real command: what reaches the terminal is the text, never its
escape sequences.

A snapshot whose headline and body carry terminal commands (an OSC 52 clipboard write,
an OSC 0 title change, a CSI clear-screen, the C1 control CSI, BEL) and markup-like text
is loaded with ``tca-tui load``, then opened in ``tca-tui`` in a pseudo-terminal. Every
byte the app writes is kept: none of those payloads may be among them, and the brackets
must be on the screen as typed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pyte
import pytest
from support.pty_terminal import PtySession

TCA_TUI = Path(sys.executable).with_name("tca-tui")

MARKUP = ["[bold]x[/bold]", "[/]", "[link=file:///etc/passwd]x[/link]", "[red]"]
CLIPBOARD = "\x1b]52;c;cHduZWQ=\x07"  # OSC 52: write "pwned" to the clipboard
TITLE = "\x1b]0;pwned\x07"  # OSC 0: set the window title
CLEAR = "\x1b[2J"  # CSI: clear the screen
C1_CSI = "\u009b31m"  # the one-byte CSI (U+009B), which some terminals obey
HEADLINE = f"Hostile {MARKUP[0]} and {MARKUP[1]} and {MARKUP[3]} Here{TITLE}Now"
BODY = (
    f"Before{CLIPBOARD}after, then {MARKUP[2]} and a bell\x07 and a wipe{CLEAR}done, "
    f"and a C1{C1_CSI}csi."
)
OSC = re.compile(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")
PAYLOADS = [CLIPBOARD, TITLE, "wipe" + CLEAR, C1_CSI, "bell\x07"]

pytestmark = pytest.mark.skipif(not TCA_TUI.exists(), reason="tca-tui is not installed here")


def painted(output: bytes, size: tuple[int, int]) -> str:
    """The screen those bytes paint. pyte 0.8 raises on some sequences Textual sends, so
    each escape sequence is fed on its own and the parser starts afresh after an error."""
    screen = pyte.Screen(*size)
    stream = pyte.ByteStream(screen)
    for i, chunk in enumerate(output.split(b"\x1b")):
        try:
            stream.feed(chunk if i == 0 else b"\x1b" + chunk)
        except (TypeError, ValueError):
            stream = pyte.ByteStream(screen)
    return "\n".join(screen.display)


def test_hostile_text_reaches_the_terminal_only_as_text(tmp_path: Path) -> None:
    page = tmp_path / "hostile.txt"
    page.write_text(f"12 March 2025\n\n{HEADLINE}\n\n{BODY}\n", encoding="utf-8")
    db = tmp_path / "hostile.db"
    env = {**os.environ, "HOME": str(tmp_path), "LANG": "C.UTF-8", "TERM": "xterm-256color"}
    env.pop("LC_ALL", None)
    loaded = subprocess.run(
        [str(TCA_TUI), "load", "--db", str(db), str(page)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert loaded.returncode == 0, loaded.stderr

    size = (160, 40)
    with PtySession([str(TCA_TUI), "--db", str(db)], size=size, env=env) as app:
        app.wait_for(lambda screen: "Hostile" in screen, timeout=30)
        app.send("\r")  # open the article in the reader
        app.wait_for(lambda screen: "Page down" in screen)
        app.wait_for(lambda screen: "[link=file:///etc/passwd]x[/link]" in screen)
        on_screen = bytes(app.output)  # what the last frame in the app was painted from
        app.send("q")
        assert app.exit_status(timeout=20) == 0
        output = bytes(app.output)

    written = output.decode("utf-8", errors="replace")
    for payload in PAYLOADS:
        assert payload not in written, repr(payload)
    # Textual's own OSC 22 (the mouse pointer's shape) is the only one; BEL ends it.
    assert set(re.findall(r"\x1b\](\d*)", written)) <= {"22"}
    assert "\x07" not in OSC.sub("", written)
    assert "\u009b" not in written

    screen = painted(on_screen, size)
    for text in MARKUP:
        assert text in screen, text
    assert "Here\u241b]0;pwned\u2407Now" in screen  # the controls shown as pictures
