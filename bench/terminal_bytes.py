"""Bytes to the terminal: what tca-tui costs over SSH, at 120x40.

    python bench/terminal_bytes.py --db CORPUS.db [--idle 10]

Counts every byte the real tca-tui writes to its pseudo-terminal: per second while idle
with the ticker running, and per keystroke while typing a search one key at a time
(each keystroke's bytes counted until the screen has settled, with the ticker paused so
its own repaints are not counted twice).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))  # shared with the tests: tests/support/

from support.pty_terminal import PtySession  # noqa: E402
from support.terminal_bytes import idle_bytes_per_second, search_keystroke_bytes  # noqa: E402

QUERY = "tokayev as"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--idle", type=float, default=10.0, help="seconds of idle to measure")
    args = parser.parse_args()

    tca_tui = str(Path(sys.executable).with_name("tca-tui"))
    env = {"TERM": "xterm-256color", "COLORTERM": "truecolor"}
    with PtySession([tca_tui, "--db", str(args.db)], size=(120, 40), env=env) as session:
        session.wait_for(lambda screen: "/USD" in screen or "no quotes" in screen, timeout=60)
        time.sleep(3)  # let the headline index build and the first screen settle
        idle_rate = idle_bytes_per_second(session, args.idle)
        per_key = search_keystroke_bytes(session, QUERY)
        session.send("\x1b")
        session.wait_until_quiet()

    print(f"idle, ticker running     {idle_rate:,.0f} bytes/s")
    print(
        f"typing '{QUERY}'         median {statistics.median(per_key):,.0f} bytes/key, "
        f"max {max(per_key):,.0f} bytes/key"
    )
    print(f"per key                  {', '.join(f'{n:,}' for n in per_key)}")


if __name__ == "__main__":
    main()
