"""Regenerate the screenshots in ``screenshots/`` from the bundled seeds.

Run ``python screenshots/generate.py``. Each shot is saved as an SVG (to look at) and as
plain text (to diff in review). The ticker stands still, so shots are reproducible.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from textual.pilot import Pilot

from store.archive import Archive
from store.ingest.load import load_paths
from store.paths import bundled_seeds_dir
from tui.app import TcaApp

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))  # shared with the tests: tests/support/
from support.screen import screen_text, settle  # noqa: E402

SCREENSHOTS_DIR = HERE


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
