"""Memory: the real tca-tui's resident set, after start-up and after a search.

    python bench/memory.py --db CORPUS.db

Runs tca-tui in a 120x40 pseudo-terminal and reads its peak resident set size
(VmHWM in /proc) after the first screen, once the headline index is loaded, and after
typing a search one key at a time.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))  # shared with the tests: tests/support/

from support.pty_terminal import PtySession  # noqa: E402

QUERY = "tokayev as"


def peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    args = parser.parse_args()
    tca_tui = str(Path(sys.executable).with_name("tca-tui"))
    with PtySession([tca_tui, "--db", str(args.db)], env={"TERM": "xterm-256color"}) as session:
        session.wait_for(lambda screen: "/USD" in screen or "no quotes" in screen, timeout=60)
        print(f"after first screen       {peak_mb(session.pid):6.0f} MB peak RSS")
        time.sleep(5)  # the index worker maps the stored index
        print(f"index loaded             {peak_mb(session.pid):6.0f} MB peak RSS")
        session.send("/")
        time.sleep(0.5)
        for char in QUERY:
            session.send(char)
            time.sleep(0.3)
        time.sleep(2)
        print(f"after searching '{QUERY}' {peak_mb(session.pid):6.0f} MB peak RSS")


if __name__ == "__main__":
    main()
