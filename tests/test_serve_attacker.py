"""A stranger against the real ``tca-tui serve --open``: what used to be a shell.

Before issue 13, ``o`` started ``less`` on the server, and less's ``!cmd``, ``:e FILE``,
``s FILE``, ``|`` and ``v`` ran commands, read and wrote files as the serving user.
This drives the real server over SSH as an attacker would, and checks from outside
(/proc, the file system) that no process but the reader's own ran, that no file
outside the reader's state was written or opened, and that the session still answers.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.terminal import free_port, wait_for_port
from test_serve import (  # noqa: F401  (seeded_archive is a fixture)
    FIRST_HEADLINE,
    TCA_TUI,
    KeylessClient,
    PtyScreen,
    Server,
    seeded_archive,
    stop_server,
)

from store.archive import Archive
from tui.app import TcaApp
from tui.reading_policy import ReadingPolicy

pytestmark = pytest.mark.skipif(not TCA_TUI.exists(), reason="tca-tui is not installed here")
ESC, CTRL_P, CTRL_Z, ENTER = b"\x1b", b"\x10", b"\x1a", b"\r"
SECRET = "the-servers-secret-4f1c"


def descendants(pid: int) -> dict[int, str]:
    """Every live process under ``pid``, with its command line."""
    parents: dict[int, int] = {}
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                parents[int(proc.name)] = int(
                    (proc / "stat").read_text().rsplit(")", 1)[1].split()[1]
                )
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = {}, [pid]
    while frontier:
        parent = frontier.pop()
        for child, its_parent in parents.items():
            if its_parent == parent and child not in found:
                try:
                    found[child] = (
                        Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ").decode()
                    )
                except OSError:
                    continue
                frontier.append(child)
    return found


class Watcher(threading.Thread):
    """Samples the server's process tree, and which files its processes hold open."""

    def __init__(self, server_pid: int, watched_file: Path) -> None:
        super().__init__(daemon=True)
        self.server_pid = server_pid
        self.watched_file = str(watched_file)
        self.seen: dict[int, str] = {}
        self.opened_watched: list[int] = []
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            for pid, cmdline in descendants(self.server_pid).items():
                self.seen.setdefault(pid, cmdline)
                fds = Path(f"/proc/{pid}/fd")
                try:
                    targets = [os.readlink(fd) for fd in fds.iterdir()]
                except OSError:
                    continue
                if self.watched_file in targets:
                    self.opened_watched.append(pid)
            time.sleep(0.01)


def tree(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder``: size and modification time."""
    return {
        str(path.relative_to(folder)): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in folder.rglob("*")
        if path.is_file()
    }


@pytest.fixture
def open_server(tmp_path: Path, seeded_archive: Path) -> Iterator[tuple[Server, Path]]:
    """``tca-tui serve --open``, started in an empty folder of its own."""
    folder = tmp_path / "server"
    cwd = folder / "cwd"
    cwd.mkdir(parents=True)
    db = folder / "tca.db"
    shutil.copy(seeded_archive, db)
    port = free_port()
    env = {
        **os.environ,
        "HOME": str(folder / "home"),
        "XDG_STATE_HOME": str(folder / "state"),
        "XDG_DATA_HOME": str(folder / "data"),
        "PAGER": "less",
    }
    log = folder / "serve.log"
    process = subprocess.Popen(
        [
            str(TCA_TUI),
            "serve",
            "--db",
            str(db),
            "--port",
            str(port),
            "--open",
            "--host-key",
            str(folder / "host_key"),
            "--log",
            str(log),
        ],
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    server = Server(port, db, log, folder / "state" / "tca-tui" / "readers", process)
    try:
        wait_for_port(port, timeout=15, alive=lambda: process.poll() is None)
        yield server, folder
    finally:
        if process.poll() is None:
            stop_server(server)
        else:
            os.killpg(process.pid, signal.SIGKILL)


async def palette_titles(db: Path) -> list[str]:
    """What a served reader's palette offers, asked of the app itself."""
    archive = Archive(db, readonly=True)
    try:
        app = TcaApp(archive, animate=False, policy=ReadingPolicy(served=True))
        async with app.run_test(size=(120, 40)):
            return [command.title for command in app.get_system_commands(app.screen)]
    finally:
        archive.close()


async def send(screen: PtyScreen, *keys: bytes | str) -> None:
    for key in keys:
        screen.process.stdin.write(key.encode() if isinstance(key, str) else key)
        # Pacing only, as a person types: an Esc read together with the next key is
        # that key with Alt (Esc then Ctrl+P would be Alt+Ctrl+P).
        await asyncio.sleep(0.25 if key == ESC else 0.05)


async def open_palette(screen: PtyScreen) -> None:
    """Ctrl+P until the palette is up (a key may arrive while a screen still closes)."""
    for _ in range(5):
        await send(screen, CTRL_P)
        try:
            await screen.wait_for("Search for commands", timeout=3)
            return
        except AssertionError:
            continue
    await screen.wait_for("Search for commands")


def allowed(path: str) -> bool:
    """What a session may change: its reader's home (state), the log, the archive's files."""
    return path.startswith("state/tca-tui/readers/") or path in (
        "serve.log",
        "tca.db",
        "tca.db-wal",
        "tca.db-shm",
    )


async def test_an_attacker_over_ssh_can_only_read(
    open_server: tuple[Server, Path], tmp_path: Path
) -> None:
    server, folder = open_server
    markers = tmp_path / "markers"
    markers.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text(f"{SECRET}\n")
    titles = await palette_titles(server.db)
    before = tree(folder)
    watcher = Watcher(server.process.pid, secret)
    watcher.start()
    try:
        async with await server.connect(None, client_factory=KeylessClient) as conn:
            screen = await PtyScreen.open(conn, 120, 40)
            await screen.wait_for(FIRST_HEADLINE)
            await send(screen, ENTER, "o")  # read the first article, then "the pager"
            await screen.wait_for("q goes back")
            # What less would have obeyed: a shell command, examine, log file, pipe, editor.
            await send(screen, f"!touch {markers / 'bang'}", ENTER)
            await send(screen, f":e {secret}", ENTER)
            await send(screen, f"s {markers / 'saved'}", ENTER)
            await send(screen, f"|{markers}", ENTER, "v", ENTER)
            await send(screen, *[ESC] * 12)
            await send(screen, "e")  # served: the Markdown in the app, no file
            await screen.wait_for("Markdown")
            await send(screen, *[ESC] * 3, CTRL_Z)
            await screen.wait_for("not suspend")
            for title in titles:
                if title == "Quit":
                    continue
                await open_palette(screen)
                await send(screen, title)
                await screen.wait_for(
                    lambda s, t=title: "Search for commands" not in s.text() and t in s.text()
                )
                await send(screen, ENTER, *[ESC] * 4)

            # The session still answers: a search finds what it should.
            await send(screen, "/", "taliban")
            await screen.wait_for("Kazakhstan and Taliban")
            assert SECRET not in screen.text() and SECRET.encode() not in screen.received

            await send(screen, ESC, ESC)
            await open_palette(screen)  # last, the palette's Quit
            await send(screen, "Quit", ENTER)
            await asyncio.wait_for(screen.process.wait_closed(), 15)
            assert screen.process.exit_status == 0
    finally:
        watcher.stop.set()
        watcher.join()

    assert watcher.seen, "the watcher never saw the reader's app"
    strangers = {pid: cmd for pid, cmd in watcher.seen.items() if server.app_marker not in cmd}
    assert strangers == {}, "a process other than the reader's app ran"
    assert watcher.opened_watched == [], "the app opened a file outside its state"
    assert list(markers.iterdir()) == []
    assert list((folder / "cwd").iterdir()) == []
    after = tree(folder)
    changed = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    assert {path for path in changed if not allowed(path)} == set()
