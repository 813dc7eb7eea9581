"""Garbage collection paused for start-up, and resumed once it is over (see tui.cli.startup).

Apart from tui.cli.startup so that the app and the CLI, which resume collection, need not
import the entry point that imports them.
"""

from __future__ import annotations

import gc

_paused = False


def pause_collection() -> None:
    """No cyclic garbage collection until :func:`resume_collection`; does nothing if it
    is off already (someone else turned it off and will turn it on)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collection() -> None:
    """Collect garbage as usual from now on; does nothing unless :func:`pause_collection`
    paused it. What exists by then is frozen (``gc.freeze``): it lives as long as the
    program, so later collections never walk it again."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
