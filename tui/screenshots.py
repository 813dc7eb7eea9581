"""Regenerate the screenshots in ``screenshots/`` from the bundled seeds.

Run ``python -m tui.screenshots``. Each shot is saved as an SVG (to look at) and as
plain text (to diff in review). The ticker stands still, so shots are reproducible.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from textual.app import App
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from textual.worker import WorkerCancelled, WorkerFailed, WorkerState

from store.archive import Archive
from store.load import load_paths
from store.paths import bundled_seeds_dir
from tui.app import TcaApp
from tui.textual_compat import full_frame

SCREENSHOTS_DIR = Path(__file__).resolve().parent.parent / "screenshots"


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


async def _main_view(pilot: Pilot) -> None:
    await settle(pilot)


async def _search(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("slash", *"tokayev")
    await settle(pilot)


async def _reading(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("j", "enter", "G")  # the second article ends with a caption and a note
    await settle(pilot)


async def _full_text(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("slash", "slash", *"credentials")
    await settle(pilot)


async def _diff(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("right_square_bracket", "right_square_bracket", "d")
    await settle(pilot)


async def _ticker_history(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("c", "right")
    await settle(pilot)


async def _help(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("question_mark")
    await settle(pilot)


@dataclass(frozen=True)
class Shot:
    name: str
    size: tuple[int, int]
    steps: Callable[[Pilot], Awaitable[None]]


SHOTS = (
    Shot("main-120x40", (120, 40), _main_view),
    Shot("search-120x40", (120, 40), _search),
    Shot("reading-120x40", (120, 40), _reading),
    Shot("help-120x40", (120, 40), _help),
    Shot("full-text-120x40", (120, 40), _full_text),
    Shot("diff-120x40", (120, 40), _diff),
    Shot("ticker-history-120x40", (120, 40), _ticker_history),
    Shot("main-80x24", (80, 24), _main_view),
)


async def take(archive: Archive, shot: Shot, out_dir: Path) -> Path:
    app = TcaApp(archive, animate=False)
    async with app.run_test(size=shot.size) as pilot:
        await shot.steps(pilot)
        svg = out_dir / f"{shot.name}.svg"
        svg.write_text(app.export_screenshot(title=f"tca-tui — {shot.name}"), encoding="utf-8")
        (out_dir / f"{shot.name}.txt").write_text(screen_text(app), encoding="utf-8")
    return svg


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SCREENSHOTS_DIR, help="output folder")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "seeds.db"
        report = load_paths(db_path, [bundled_seeds_dir()])
        if report.errors:
            raise SystemExit("Could not load the bundled seeds: " + "; ".join(report.errors))
        archive = Archive(db_path)
        try:
            for shot in SHOTS:
                print(asyncio.run(take(archive, shot, args.out)))
        finally:
            archive.close()


if __name__ == "__main__":
    main()
