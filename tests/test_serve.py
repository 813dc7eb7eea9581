"""``tca-tui serve``: the real command, reached with OpenSSH's client and asyncssh's.

Every server here listens on 127.0.0.1 only, is stopped by its fixture, and the tests
check that no reader process outlives its connection.
"""

from __future__ import annotations

import asyncio
import codecs
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import asyncssh
import pyte
import pytest
from support.terminal import (  # noqa: F401  (terminal_factory is a fixture)
    Terminal,
    free_port,
    make_key,
    processes_mentioning,
    ssh_args,
    ssh_command,
    terminal_factory,
    wait_for_port,
    wait_until_no_process_mentions,
)

from store.ingest.load import load_paths
from store.paths import bundled_seeds_dir

TCA_TUI = Path(sys.executable).with_name("tca-tui")
NEWEST_DATE = "20 Feb 2026"
FIRST_HEADLINE = "President Tokayev’s"

pytestmark = pytest.mark.skipif(not TCA_TUI.exists(), reason="tca-tui is not installed here")


@dataclass
class Keys:
    reader: Path  # listed in authorized_keys
    other_reader: Path  # listed too
    stranger: Path  # not listed
    authorized: Path


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Keys:
    folder = tmp_path_factory.mktemp("keys")
    reader, other, stranger = (make_key(folder / name) for name in ("reader", "other", "stranger"))
    authorized = folder / "authorized_keys"
    authorized.write_text(Path(f"{reader}.pub").read_text() + Path(f"{other}.pub").read_text())
    return Keys(reader, other, stranger, authorized)


@pytest.fixture(scope="module")
def seeded_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds loaded once; each server gets its own copy."""
    path = tmp_path_factory.mktemp("archive") / "tca.db"
    assert not load_paths(path, [bundled_seeds_dir()]).errors
    return path


@dataclass
class Server:
    port: int
    db: Path
    log: Path
    readers_dir: Path
    process: subprocess.Popen[bytes]

    @property
    def app_marker(self) -> str:
        """What every reader process of this server, and nothing else, has in its command."""
        return f"-m tui --db {self.db}"

    def apps(self) -> list[str]:
        return processes_mentioning(self.app_marker)

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8")

    async def connect(self, key: Path | None, **options: object) -> asyncssh.SSHClientConnection:
        return await asyncssh.connect(
            "127.0.0.1",
            self.port,
            username="reader",
            known_hosts=None,
            config=None,
            agent_path=None,
            client_keys=[str(key)] if key else None,
            **options,
        )


def start_server(folder: Path, archive: Path, *extra: str) -> Server:
    folder.mkdir()
    db = folder / "tca.db"
    shutil.copy(archive, db)
    port = free_port()
    env = {
        **os.environ,
        "HOME": str(folder),
        "XDG_STATE_HOME": str(folder / "state"),
        "XDG_DATA_HOME": str(folder / "data"),
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
            "--host-key",
            str(folder / "host_key"),
            "--log",
            str(log),
            *extra,
        ],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    server = Server(port, db, log, folder / "state" / "tca-tui" / "readers", process)
    try:
        wait_for_port(port, timeout=15, alive=lambda: process.poll() is None)
    except BaseException:
        stop_server(server)
        raise
    return server


def stop_server(server: Server) -> None:
    """SIGTERM, as a service manager would: the server ends every session, then itself."""
    server.process.send_signal(signal.SIGTERM)
    try:
        status = server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait()
        raise
    wait_until_no_process_mentions(server.app_marker)
    assert status == 0, server.log_text()


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, keys: Keys, seeded_archive: Path
) -> Iterator[Server]:
    """One server for the tests that need no special settings; each leaves no app behind."""
    folder = tmp_path_factory.mktemp("serve") / "server"
    running = start_server(folder, seeded_archive, "--authorized-keys", str(keys.authorized))
    try:
        yield running
    finally:
        stop_server(running)


@pytest.fixture
def serve(tmp_path: Path, seeded_archive: Path) -> Iterator[Callable[..., Server]]:
    """Start a server with other settings; stopped (and checked) after the test."""
    started: list[Server] = []

    def start(*extra: str) -> Server:
        started.append(start_server(tmp_path / f"server{len(started)}", seeded_archive, *extra))
        return started[-1]

    try:
        yield start
    finally:
        for running in started:
            stop_server(running)


async def no_apps_left(server: Server, timeout: float = 5) -> None:
    """Like wait_until_no_process_mentions, but lets this test's event loop run meanwhile."""
    deadline = time.monotonic() + timeout
    while server.apps() and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    assert server.apps() == []


class PtyScreen:
    """A session with a terminal, read through a terminal emulator (pyte)."""

    def __init__(self, process: asyncssh.SSHClientProcess[bytes], width: int, height: int):
        self.process = process
        self.screen = pyte.Screen(width, height)
        self.stream = pyte.Stream(self.screen)
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.received = b""

    @classmethod
    async def open(
        cls, conn: asyncssh.SSHClientConnection, width: int = 100, height: int = 30
    ) -> PtyScreen:
        process = await conn.create_process(
            term_type="xterm-256color", term_size=(width, height), encoding=None
        )
        return cls(process, width, height)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    async def wait_for(self, found: Callable[[PtyScreen], bool] | str, timeout: float = 15) -> str:
        check = (lambda s: found in s.text()) if isinstance(found, str) else found
        deadline = time.monotonic() + timeout
        while not check(self):
            left = deadline - time.monotonic()
            if left <= 0 or self.process.stdout.at_eof():
                raise AssertionError(f"never saw {found!r}; the screen:\n{self.text()}")
            try:
                data = await asyncio.wait_for(self.process.stdout.read(65536), min(left, 0.5))
            except TimeoutError:
                continue
            self.received += data
            self.stream.feed(self.decoder.decode(data))
        return self.text()


def home_name(key: Path) -> str:
    return hashlib.sha256(asyncssh.read_public_key(f"{key}.pub").public_data).hexdigest()[:32]


def app_home(pid: str) -> str:
    environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return next(v[5:].decode() for v in environ if v.startswith(b"HOME="))


def top_right_corner_at(screen: str, width: int) -> bool:
    top = screen.split("\n")[1].rstrip()
    return len(top) == width and top.endswith("╮")


# --- the real OpenSSH client ------------------------------------------------------------


def test_openssh_client_reads_resizes_and_quits(
    terminal_factory: Callable[..., Terminal],
    server: Server,
    keys: Keys,
    tmp_path: Path,
):
    term = terminal_factory(width=120, height=40, env={"HOME": str(tmp_path)})
    token = term.run(ssh_command(keys.reader, server.port, user="reader"))
    term.wait_for(NEWEST_DATE, timeout=15)
    term.wait_for(FIRST_HEADLINE)
    term.press("/")
    term.wait_for("Clear search")
    term.type("taliban")
    term.wait_for("Kazakhstan and Taliban")
    term.press("Enter")
    term.wait_for("Diplomatic relations between")

    term.resize(80, 24)  # the client sends window-change; the app's pty follows
    term.wait_for(lambda screen: top_right_corner_at(screen, 80))
    term.resize(120, 40)
    term.wait_for(lambda screen: top_right_corner_at(screen, 120))

    term.press("q")
    assert term.exit_status(token) == 0
    assert not term.alternate_screen
    wait_until_no_process_mentions(server.app_marker)
    assert re.search(
        r"reader SHA256:\S+ \(user 'reader'\) from 127\.0\.0\.1:\d+: 1 session", server.log_text()
    )


def openssh(
    keys: Keys, port: int, *args: str, key: Path | None = None, timeout: float = 15
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*ssh_args(key or keys.reader, port, user="reader", tty=False), *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_openssh_client_cannot_run_a_command_or_forward_a_port(server: Server, keys: Keys):
    ran = openssh(keys, server.port, "ls", "/")
    assert ran.returncode == 1
    assert ran.stdout == ""
    assert "runs no commands" in ran.stderr

    # -W asks for a direct-tcpip channel, like a connection through ssh -L.
    forwarded = openssh(keys, server.port, "-W", f"127.0.0.1:{server.port}")
    assert forwarded.returncode == 255
    assert "stdio forwarding failed" in forwarded.stderr  # the server said no

    no_tty = openssh(keys, server.port)
    assert no_tty.returncode == 1 and "needs a terminal" in no_tty.stderr


def test_openssh_client_with_an_unknown_key_is_turned_away(server: Server, keys: Keys):
    refused = openssh(keys, server.port, key=keys.stranger)
    assert refused.returncode == 255
    assert "Permission denied (publickey)" in refused.stderr
    assert server.apps() == []


# --- asyncssh's client ------------------------------------------------------------------


async def test_two_readers_at_once_each_in_their_own_home(server: Server, keys: Keys):
    async with (
        await server.connect(keys.reader) as first,
        await server.connect(keys.other_reader) as second,
    ):
        screens = [await PtyScreen.open(first, 120, 40), await PtyScreen.open(second, 80, 24)]
        for screen in screens:
            await screen.wait_for(FIRST_HEADLINE)
        apps = server.apps()
        assert len(apps) == 2
        # Each key has its own home, named by its fingerprint: the same key always
        # finds the same one, and no two readers share.
        homes = {Path(app_home(app.split(":")[0])) for app in apps}
        assert homes == {
            server.readers_dir / home_name(keys.reader),
            server.readers_dir / home_name(keys.other_reader),
        }

        # A window change reaches the app, which redraws to fit.
        screens[0].process.change_terminal_size(100, 30)
        screens[0].screen.resize(30, 100)
        await screens[0].wait_for(lambda s: s.screen.display[1][99] == "╮")

        for screen in screens:
            screen.process.stdin.write(b"q")
            await asyncio.wait_for(screen.process.wait_closed(), 10)
            assert screen.process.exit_status == 0
    await no_apps_left(server)


async def test_asyncssh_client_gets_no_command_forwarding_or_files(server: Server, keys: Keys):
    async with await server.connect(keys.reader) as conn:
        ran = await conn.run("ls /", timeout=10)
        assert ran.exit_status == 1 and ran.stdout == ""
        with pytest.raises(asyncssh.ChannelOpenError):
            await conn.open_connection("127.0.0.1", server.port)
        with pytest.raises(asyncssh.ChannelListenError):
            await conn.forward_remote_port("127.0.0.1", 0, "127.0.0.1", server.port)
        with pytest.raises((asyncssh.ChannelOpenError, asyncssh.SFTPError)):
            await conn.start_sftp_client()
    assert server.apps() == []


async def test_asyncssh_client_with_an_unknown_key_is_turned_away(server: Server, keys: Keys):
    with pytest.raises(asyncssh.PermissionDenied):
        await server.connect(keys.stranger)
    with pytest.raises(asyncssh.PermissionDenied):
        await server.connect(None)  # no key at all


async def test_a_dropped_connection_leaves_no_app_behind(server: Server, keys: Keys):
    conn = await server.connect(keys.reader)
    screen = await PtyScreen.open(conn)
    await screen.wait_for(FIRST_HEADLINE)
    assert len(server.apps()) == 1
    conn.abort()  # no goodbye, as when a laptop lid closes
    await no_apps_left(server)


class KeylessClient(asyncssh.SSHClient):
    """A client with no key, which tries keyboard-interactive login as OpenSSH's does."""

    def kbdint_auth_requested(self) -> str:
        return ""


async def keep_typing(screen: PtyScreen) -> None:
    """Send focus events (input the app ignores) so an idle timeout does not start yet."""
    while True:
        screen.process.stdin.write(b"\x1b[I")
        await asyncio.sleep(0.3)


async def test_open_server_with_a_session_limit_and_an_idle_timeout(
    serve: Callable[..., Server], keys: Keys
):
    server = serve("--open", "--max-sessions", "1", "--idle-timeout", "2")
    assert "anyone who can reach" in server.log_text()
    async with await server.connect(keys.stranger) as first:  # open: any key will do
        screen = await PtyScreen.open(first)
        typing = asyncio.ensure_future(keep_typing(screen))
        await screen.wait_for(FIRST_HEADLINE)

        async with await server.connect(None, client_factory=KeylessClient) as second:
            refused = await second.create_process(term_type="xterm", encoding=None)
            await asyncio.wait_for(refused.wait_closed(), 10)
            assert refused.exit_status == 1
            assert b"all 1 reader sessions are in use" in await refused.stderr.read()

        # Nobody types: the first session ends, and gives the terminal back.
        typing.cancel()
        await screen.wait_for(lambda s: s.process.stdout.at_eof())
        assert b"closed after 2 seconds without a key press" in screen.received
        assert screen.received.rfind(b"\x1b[?1049l") > screen.received.rfind(b"\x1b[?1049h")
    await no_apps_left(server)

    async with await server.connect(keys.reader) as later:  # the slot is free again
        started = await PtyScreen.open(later)
        await started.wait_for(lambda s: b"\x1b[?1049h" in s.received)  # the app's screen
