"""Counting what tca-tui writes to its terminal: idle, and per keystroke of a search.

Each count waits until the screen has settled (nothing but a running ticker's trickle
for a while, ``PtySession.wait_until_quiet``), so a keystroke's count holds all of the
repaint it caused and nothing of the next one's.
"""

from __future__ import annotations

import time

from support.pty_terminal import PtySession


def idle_bytes_per_second(session: PtySession, seconds: float) -> float:
    """Bytes per second written while nobody types (the ticker running, if it is on)."""
    start = session.count()
    time.sleep(seconds)
    return (session.count() - start) / seconds


def search_keystroke_bytes(session: PtySession, query: str) -> list[int]:
    """Open the search box and type ``query`` a key at a time, as a person does; the bytes
    each key cost. The ticker is paused first (``t``), so each count is the key's alone:
    a moving ticker's bytes are the idle figure."""
    session.send("t")
    session.wait_until_quiet()
    session.send("/")
    session.wait_until_quiet()
    per_key = []
    for char in query:
        before = session.count()
        session.send(char)
        session.wait_until_quiet()
        per_key.append(session.count() - before)
    return per_key
