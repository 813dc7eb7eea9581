"""The ``tca-tui`` command's entry point: start-up runs without the cyclic garbage collector.

Importing Textual and composing the first screen trigger ~150 collections. One of them is
a full collection of 20-40 ms in the middle of the first frame (bench/RESULTS.md). They
find next to nothing, because what start-up builds lives as long as the program. So
collection is paused before anything is imported. The app resumes it once its first
screen is up; every other command resumes it as soon as its arguments are read.
Resuming freezes what exists by then (``gc.freeze``), so later collections never walk it
again.
"""

from __future__ import annotations

from tui.cli.collection import pause_collection, resume_collection


def main() -> int:
    """``tca-tui``: :func:`tui.cli.commands.main`, with collection paused until start-up is over."""
    pause_collection()
    from tui.cli.commands import main as cli_main

    try:
        return cli_main()
    finally:
        resume_collection()
