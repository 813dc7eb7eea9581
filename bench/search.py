"""Search latency: typing queries one key at a time against every headline in a store.

    python bench/search.py --db CORPUS.db [--fzf] [--country CODE]

Each query is typed a character at a time, as a person types into the search box; every
keystroke's search is timed (p50, p95). Queries are different words each time, so the
per-word cache starts cold as in a real session. With --fzf, ``fzf --filter`` runs the
same keystrokes over the same headlines (a whole process each, as fzf's own filter mode).
With --country, the same keystrokes are typed again narrowed to that country (the app's
country filter: a mask over the index, made once), in the same run.
"""

from __future__ import annotations

import argparse
import gc
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from store.archive import Archive
from store.search.fuzzy import HeadlineIndex

# Ten characters each, typos and word swaps included, over names the generator uses.
QUERIES = [
    "tokayev as",
    "astana gas",
    "uzbek rail",
    "mirziyoyev",
    "caspian oi",
    "tashknt wa",
    "water dush",
    "bishkek en",
    "uranium ka",
    "sco summit",
    "japarov ch",
    "turkmn gas",
]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def type_queries(index: HeadlineIndex, only: object = None) -> list[float]:
    timings = []
    for query in QUERIES:
        for end in range(1, len(query) + 1):
            started = time.perf_counter()
            index.search(query[:end], limit=200, only=only)
            timings.append(time.perf_counter() - started)
    return timings


def fzf_timings(titles_file: Path) -> list[float]:
    timings = []
    for query in QUERIES:
        for end in range(1, len(query) + 1):
            started = time.perf_counter()
            with titles_file.open("rb") as source:
                subprocess.run(
                    ["fzf", "--filter", query[:end]], stdin=source, stdout=subprocess.DEVNULL
                )
            timings.append(time.perf_counter() - started)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--fzf", action="store_true", help="time fzf --filter too")
    parser.add_argument("--country", metavar="CODE", help="time searches narrowed to it too")
    args = parser.parse_args()

    archive = Archive(args.db, readonly=True)
    started = time.perf_counter()
    index = HeadlineIndex.for_archive(archive)
    mapped = time.perf_counter() - started
    print(f"headlines            {len(index):,}")
    print(f"stored index opened  {mapped:.2f} s (what the app does after first paint)")
    print(f"peak RSS             {rss_mb():.0f} MB")
    gc.collect()

    timings = type_queries(index)
    print(f"keystrokes           {len(timings)} ({len(QUERIES)} queries of 10 characters)")
    print(f"search p50           {statistics.median(timings) * 1000:.1f} ms")
    print(f"search p95           {percentile(timings, 0.95) * 1000:.1f} ms")
    print(f"search max           {max(timings) * 1000:.1f} ms")
    print(f"peak RSS             {rss_mb():.0f} MB (after searching)")

    if args.country:
        started = time.perf_counter()
        only = index.mask_of(archive.article_ids_in_country(args.country))
        made = time.perf_counter() - started
        print(f"{args.country} mask            {int(only.sum()):,} headlines, made in {made:.2f} s")
        # Interleaved with unfiltered runs, so that both see the same machine.
        narrowed, plain = [], []
        for _ in range(2):
            index._cache.clear()
            plain += type_queries(index)
            index._cache.clear()
            narrowed += type_queries(index, only)
        print(f"search p95, all      {percentile(plain, 0.95) * 1000:.1f} ms (again, beside:)")
        print(f"search p50, {args.country}       {statistics.median(narrowed) * 1000:.1f} ms")
        print(f"search p95, {args.country}       {percentile(narrowed, 0.95) * 1000:.1f} ms")
        print(
            f"ratio p95 {args.country}/all     "
            f"{percentile(narrowed, 0.95) / percentile(plain, 0.95):.2f}x"
        )

    if args.fzf:
        if not shutil.which("fzf"):
            sys.exit("fzf is not installed (apt-get install fzf)")
        with tempfile.TemporaryDirectory() as folder:
            titles_file = Path(folder, "titles.txt")
            titles = "\n".join(index.title(i) for i in range(len(index)))
            titles_file.write_text(titles + "\n", encoding="utf-8")
            fzf = fzf_timings(titles_file)
        print(f"fzf --filter p50     {statistics.median(fzf) * 1000:.1f} ms")
        print(f"fzf --filter p95     {percentile(fzf, 0.95) * 1000:.1f} ms")
        print(
            f"ratio p95 fzf/ours   {percentile(fzf, 0.95) / percentile(timings, 0.95):.1f}x "
            "(above 1: tca-tui is faster)"
        )


if __name__ == "__main__":
    main()
