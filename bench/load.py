"""Load: articles per second into a fresh store, full-text index and headline index included.

    python bench/load.py CORPUS_DIR [--db OUT.db]

Runs the real ``tca-tui load`` on a folder made by bench/generate.py and reports wall
time, CPU time (both processes: the loader parses in a second one) and articles/s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--db", type=Path, help="keep the loaded store here")
    args = parser.parse_args()
    tca_tui = str(Path(sys.executable).with_name("tca-tui"))
    with tempfile.TemporaryDirectory() as scratch:
        db = args.db or Path(scratch, "bench.db")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        env = {**os.environ, "HOME": scratch}
        started = time.perf_counter()
        result = subprocess.run(
            [tca_tui, "load", "--db", str(db), str(args.corpus)],
            capture_output=True, text=True, env=env,
        )
        wall = time.perf_counter() - started
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        stats = json.loads(
            subprocess.run(
                [tca_tui, "stats", "--json", "--db", str(db)], capture_output=True, text=True, env=env
            ).stdout
        )
        size = Path(db).stat().st_size / 1e6
    print(result.stdout.strip())
    print(f"articles           {stats['articles']:,} distinct, {stats['appearances']:,} appearances")
    print(f"wall               {wall:.1f} s")
    print(f"cpu                {usage.ru_utime + usage.ru_stime:.1f} s (loader and its parser process)")
    print(f"articles/s         {stats['articles'] / wall:,.0f}")
    print(f"database           {size:,.0f} MB")


if __name__ == "__main__":
    main()
