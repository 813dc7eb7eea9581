"""What a running app shows, as text, and waiting until it has settled: for the tests and
for screenshots/generate.py.

"""

from __future__ import annotations

import contextlib
import io

from rich.console import Console
from textual.app import App
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from textual.worker import WorkerCancelled, WorkerFailed, WorkerState

from tui.textual_compat import full_frame


def screen_text(app: App, region: Region | None = None) -> str:
    """What the terminal shows right now as plain text, or just ``region`` of it."""
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), force_terminal=True, record=True
    )
    console.print(full_frame(app, background_screens=True))
    text = console.export_text(styles=False)
    if region is None:
        return text
    rows = text.split("\n")[region.y : region.bottom]
    return "\n".join(row[region.x : region.right] for row in rows)


def widget_text(widget: Widget) -> str:
    """What ``widget`` shows (borders included) as plain text.

    A widget without children is rendered alone, which is much cheaper than rendering
    the whole screen; a container's children are painted separately, so for a container
    this crops the whole screen's text instead.
    """
    if widget.is_container:
        return screen_text(widget.app, widget.region)
    strips = widget.render_lines(Region(0, 0, *widget.outer_size))
    return "\n".join(strip.text for strip in strips)


async def settle(pilot: Pilot) -> None:
    """Wait until workers (index, search) are done and their results are painted.

    A worker cancelled meanwhile (a chart closed before its data came) or failed (the
    app says so itself) is done too; one not started yet is waited for next time round.
    """
    while True:
        for worker in list(pilot.app.workers):
            if worker.state != WorkerState.PENDING:
                with contextlib.suppress(WorkerCancelled, WorkerFailed):
                    await worker.wait()
        await pilot.pause()
        if not any(w.is_running or w.state == WorkerState.PENDING for w in pilot.app.workers):
            return  # no handler of a finished worker's message started another
