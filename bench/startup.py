"""Start-up: launch to first useful screen, for the real tca-tui and a bare Textual app.

    python bench/startup.py --db seeds.db --db 100k.db --db 1m.db [--runs 5]

Each run starts the program in a fresh 120x40 tmux window (a private tmux server) and
stops the clock when the screen, polled every 10 ms, shows what a person waits for: for tca-tui the newest snapshot's date, its
first headline and a ticker pair; for the bare app its label. Runs are interleaved so
a noisy machine slows every program alike; medians and ratios to the bare app are printed.
"""

from __future__ import annotations

import argparse
import compileall
import itertools
import os
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from store.archive import Archive  # noqa: E402


def expectations(db: Path) -> list[str]:
    """What the first screen must show for this database."""
    archive = Archive(db, readonly=True)
    newest = archive.snapshots()[0]
    wanted = [newest.short_label, archive.articles_in(newest.id)[0].title[:20]]
    quotes = archive.quotes(newest.id)
    wanted.append(quotes[0].pair if quotes else "no quotes")
    archive.close()
    return wanted


_LAUNCHES = itertools.count()


def time_launch(argv: list[str], wanted: list[str], timeout: float = 60.0) -> float:
    socket = f"tca-bench-{os.getpid()}-{next(_LAUNCHES)}"
    tmux = ["tmux", "-L", socket, "-f", "/dev/null"]
    env = "env TERM=xterm-256color COLORTERM=truecolor "
    started = time.perf_counter()
    subprocess.run(
        [*tmux, "new-session", "-d", "-x", "120", "-y", "40", env + shlex.join(argv)],
        check=True,
        capture_output=True,
    )
    try:
        while time.perf_counter() - started < timeout:
            screen = subprocess.run(
                [*tmux, "capture-pane", "-p"], capture_output=True, text=True
            ).stdout
            if all(w in screen for w in wanted):
                return time.perf_counter() - started
            time.sleep(0.01)
        raise TimeoutError(f"screen never matched; it shows:\n{screen}")
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, action="append", required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    # As `pip install` does: an editable checkout (or PYTHONDONTWRITEBYTECODE) would
    # otherwise compile tca-tui's own modules again on every launch, and not Textual's.
    for package in ("tui", "store"):
        compileall.compile_dir(str(HERE.parent / package), quiet=1)
    tca_tui = str(Path(sys.executable).with_name("tca-tui"))
    programs: dict[str, tuple[list[str], list[str]]] = {
        "bare Textual app": ([sys.executable, str(HERE / "bare_app.py")], ["bare app ready"])
    }
    for db in args.db:
        count = Archive(db, readonly=True).stats().articles
        programs[f"tca-tui, {count:,} articles"] = ([tca_tui, "--db", str(db)], expectations(db))

    times: dict[str, list[float]] = {name: [] for name in programs}
    for _ in range(args.runs):
        for name, (argv, wanted) in programs.items():
            times[name].append(time_launch(argv, wanted))

    bare = statistics.median(times["bare Textual app"])
    print(f"{'program':<30} {'median':>8} {'min':>8} {'max':>8} {'vs bare':>8}")
    for name, values in times.items():
        median = statistics.median(values)
        print(
            f"{name:<30} {median:>7.2f}s {min(values):>7.2f}s {max(values):>7.2f}s {median / bare:>7.2f}x"
        )


if __name__ == "__main__":
    main()
