"""Serve: N readers connecting at once over real SSH to ``tca-tui serve --open``.

    python bench/serve.py --db seeds.db --readers 10 --readers 50 [--baseline main]

Each reader is an asyncssh client with a 120x40 pty whose screen is read with pyte. All N
connect at the same moment; per reader the bench measures:

- first screen: connect until the newest snapshot's first headline is on screen;
- typed query: "tokayev" sent as one burst, until the result list shows a matching headline;
- PSS of its reader process (/proc/PID/smaps_rollup), all readers still connected;
- idle CPU: utime+stime of the reader processes over an idle window, per reader.

``--baseline REF`` also runs the serve of git REF (a temporary worktree, put first on
PYTHONPATH) in the same run, interleaved per N, and prints this tree's figures as ratios
to it. The machine's load average is printed with each result: the bench shares it.
"""

from __future__ import annotations

import argparse
import asyncio
import codecs
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import asyncssh
import pyte

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from support.terminal import free_port, wait_for_port  # noqa: E402

from store.archive import Archive  # noqa: E402

WIDTH, HEIGHT = 120, 40
QUERY = "tokayev"
IDLE_SECONDS = 10.0
TICKS = os.sysconf("SC_CLK_TCK")
CLIENT_KEY = asyncssh.generate_private_key("ssh-ed25519")  # --open takes any key


@dataclass
class Reader:
    first_screen: float = 0.0
    query: float = 0.0
    failed: str = ""


@dataclass
class Run:
    label: str
    readers: list[Reader] = field(default_factory=list)
    pss_mb: list[float] = field(default_factory=list)
    idle_cpu_percent: float = 0.0
    load: str = ""


class Screen:
    def __init__(self, process: asyncssh.SSHClientProcess[bytes]) -> None:
        self.process = process
        self.screen = pyte.Screen(WIDTH, HEIGHT)
        self.stream = pyte.Stream(self.screen)
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def text(self) -> str:
        return "\n".join(self.screen.display)

    async def wait_for(self, found: Callable[[str], bool], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not found(self.text()):
            left = deadline - time.monotonic()
            if left <= 0 or self.process.stdout.at_eof():
                raise TimeoutError("screen never showed what was awaited")
            try:
                data = await asyncio.wait_for(self.process.stdout.read(65536), min(left, 0.5))
            except TimeoutError:
                continue
            self.stream.feed(self.decoder.decode(data))


def expectations(db: Path) -> tuple[str, str]:
    """The first headline of the newest snapshot, and one headline the query must show."""
    archive = Archive(db, readonly=True)
    newest = archive.snapshots()[0]
    titles = [a.title for a in archive.articles_in(newest.id)]
    archive.close()
    matching = [t for t in titles if QUERY in t.lower()]
    return titles[0][:20], (matching[-1] if matching else titles[0])[:20]


def start_server(
    db: Path, folder: Path, tree: Path | None, n: int
) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    env = {
        **os.environ,
        "HOME": str(folder),
        "XDG_STATE_HOME": str(folder / "state"),
        "XDG_DATA_HOME": str(folder / "data"),
    }
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    cwd = tree or ROOT
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tui",
            "serve",
            "--open",
            "--db",
            str(db),
            "--port",
            str(port),
            "--host-key",
            str(folder / "host_key"),
            "--max-sessions",
            str(n + 5),
            "--max-sessions-per-address",
            str(n + 5),
            "--max-pending-logins",
            str(n + 5),
            "--max-pending-logins-per-address",
            str(n + 5),
        ],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=open(folder / "serve.err", "wb"),
        start_new_session=True,
    )
    wait_for_port(port, timeout=30, alive=lambda: process.poll() is None)
    return process, port


def descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        try:
            children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            found.append(child)
            todo.append(child)
    return found


def reader_pids(server: int) -> list[int]:
    pids = []
    for pid in descendants(server):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"-m" in command and b"tui" in command and b"serve" not in command:
            pids.append(pid)
    return pids


def pss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_ticks(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total


async def one_reader(
    port: int,
    headline: str,
    answer: str,
    reader: Reader,
    connected: list[asyncssh.SSHClientConnection],
    timeout: float,
) -> None:
    start = time.monotonic()
    try:
        conn = await asyncssh.connect(
            "127.0.0.1",
            port,
            username="reader",
            known_hosts=None,
            config=None,
            agent_path=None,
            client_keys=[CLIENT_KEY],
        )
        connected.append(conn)
        process = await conn.create_process(
            term_type="xterm-256color", term_size=(WIDTH, HEIGHT), encoding=None
        )
        screen = Screen(process)
        await screen.wait_for(lambda text: headline in text, timeout)
        reader.first_screen = time.monotonic() - start
        await asyncio.sleep(0.5)  # a person reads before typing; the index loads meanwhile
        typed = time.monotonic()
        process.stdin.write(b"/" + QUERY.encode())
        await screen.wait_for(lambda text: QUERY in text and answer in text, timeout)
        reader.query = time.monotonic() - typed
        process.stdin.write(b"\x1b")  # back to the list: the reader now sits idle
    except (OSError, asyncssh.Error, TimeoutError) as error:
        reader.failed = f"{type(error).__name__}: {error}"


async def measure(label: str, db: Path, tree: Path | None, n: int, timeout: float) -> Run:
    headline, answer = expectations(db)
    run = Run(label, [Reader() for _ in range(n)])
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as folder:
        copy = Path(folder) / "tca.db"
        shutil.copy(db, copy)
        server, port = start_server(copy, Path(folder), tree, n)
        connected: list[asyncssh.SSHClientConnection] = []
        try:
            await asyncio.gather(
                *(one_reader(port, headline, answer, r, connected, timeout) for r in run.readers)
            )
            await asyncio.sleep(2)
            pids = reader_pids(server.pid)
            run.pss_mb = [pss_mb(pid) for pid in pids]
            before = cpu_ticks(pids)
            await asyncio.sleep(IDLE_SECONDS)
            spent = (cpu_ticks(pids) - before) / TICKS
            run.idle_cpu_percent = 100 * spent / IDLE_SECONDS / max(len(pids), 1)
            run.load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
        finally:
            for conn in connected:
                conn.close()
            server.terminate()
            try:
                server.wait(20)
            except subprocess.TimeoutExpired:
                server.kill()
    return run


def p(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(run: Run) -> dict[str, float]:
    ok = [r for r in run.readers if not r.failed]
    first = [r.first_screen for r in ok]
    query = [r.query for r in ok]
    return {
        "first p50": p(first, 0.5),
        "first p95": p(first, 0.95),
        "query p50": p(query, 0.5),
        "query p95": p(query, 0.95),
        "PSS MB": statistics.median(run.pss_mb) if run.pss_mb else float("nan"),
        "idle CPU %": run.idle_cpu_percent,
        "failed": len(run.readers) - len(ok),
    }


def baseline_tree(ref: str, into: Path) -> Path:
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(into), ref],
        check=True,
        capture_output=True,
    )
    return into


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--readers", type=int, action="append", default=None)
    parser.add_argument("--baseline", metavar="REF", help="git ref of today's serve to compare")
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args()
    sizes = args.readers or [5]
    base: Path | None = None
    scratch = Path(tempfile.mkdtemp(prefix="bench-serve-base-"))
    try:
        if args.baseline:
            base = baseline_tree(args.baseline, scratch / "tree")
        for n in sizes:
            runs = []
            if base is not None:
                runs.append(
                    asyncio.run(
                        measure(f"baseline {args.baseline}", args.db, base, n, args.timeout)
                    )
                )
            runs.append(asyncio.run(measure("this tree", args.db, None, n, args.timeout)))
            print(f"\n## {args.db.name}, N={n}")
            rows = [summary(r) for r in runs]
            for run, row in zip(runs, rows, strict=True):
                cells = "  ".join(f"{k} {v:.3g}" for k, v in row.items())
                print(f"{run.label:>18}: {cells}  (load {run.load})")
                for r in run.readers:
                    if r.failed:
                        print(f"{'':>18}  failed: {r.failed}")
            if len(rows) == 2:
                ratios = "  ".join(
                    f"{k} {rows[1][k] / rows[0][k]:.2f}x"
                    for k in rows[0]
                    if k != "failed" and rows[0][k]
                )
                print(f"{'after/before':>18}: {ratios}")
    finally:
        if base is not None:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)],
                capture_output=True,
            )
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
