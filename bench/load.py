"""Load: articles per second into a fresh store, full-text index and headline index included.

    python bench/load.py CORPUS_DIR [--db OUT.db] [--split]

Runs the real ``tca-tui load`` on a folder made by bench/generate.py and reports wall
time, CPU time (both processes: the loader parses in a second one) and articles/s.
With ``--split`` it calls ``load_paths`` in this process instead, to report the CPU time
of the writer (this process) and of the parsing process apart.
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
    parser.add_argument("--split", action="store_true", help="writer and parser CPU apart")
    args = parser.parse_args()
    if args.split:
        split(args.corpus, args.db)
        return
    tca_tui = str(Path(sys.executable).with_name("tca-tui"))
    with tempfile.TemporaryDirectory() as scratch:
        db = args.db or Path(scratch, "bench.db")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        env = {**os.environ, "HOME": scratch}
        started = time.perf_counter()
        result = subprocess.run(
            [tca_tui, "load", "--db", str(db), str(args.corpus)],
            capture_output=True,
            text=True,
            env=env,
        )
        wall = time.perf_counter() - started
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        stats = json.loads(
            subprocess.run(
                [tca_tui, "stats", "--json", "--db", str(db)],
                capture_output=True,
                text=True,
                env=env,
            ).stdout
        )
        size = Path(db).stat().st_size / 1e6
    print(result.stdout.strip())
    print(
        f"articles           {stats['articles']:,} distinct, {stats['appearances']:,} appearances"
    )
    print(f"wall               {wall:.1f} s")
    print(
        f"cpu                {usage.ru_utime + usage.ru_stime:.1f} s (loader and its parser process)"
    )
    print(f"articles/s         {stats['articles'] / wall:,.0f}")
    print(f"database           {size:,.0f} MB")


def split(corpus: Path, db: Path | None) -> None:
    from store.ingest.load import load_paths

    with tempfile.TemporaryDirectory() as scratch:
        db = db or Path(scratch, "bench.db")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        started = time.perf_counter()
        report = load_paths(db, [corpus])
        wall = time.perf_counter() - started
    writer = resource.getrusage(resource.RUSAGE_SELF)
    parser = resource.getrusage(resource.RUSAGE_CHILDREN)
    n = report.new_articles
    print(report.summary())
    print(f"wall               {wall:.1f} s, {n / wall:,.0f} articles/s")
    for name, usage in (("writer", writer), ("parser", parser)):
        cpu = usage.ru_utime + usage.ru_stime
        print(
            f"{name} cpu         {cpu:.1f} s: {cpu / n * 1e6:.0f} us per article"
            f" ({usage.ru_stime / n * 1e6:.0f} us in the kernel)"
        )


if __name__ == "__main__":
    main()
