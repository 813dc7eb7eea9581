"""``tca-tui serve`` against hostile clients: each is refused or held to a limit, and the
server goes on serving everyone else, logging one line, leaving no reader process behind.

The real server, on 127.0.0.1, reached with asyncssh's client (and raw sockets for
clients that never finish the handshake). Other loopback addresses (127.0.0.2, ...)
stand for other hosts.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import socket
import struct
import termios
from collections.abc import Callable
from pathlib import Path

import asyncssh
import pytest
import test_serve
from test_serve import FIRST_HEADLINE, TCA_TUI, Keys, PtyScreen, Server, no_apps_left

# The servers and keys of test_serve, as fixtures of this module too.
keys, seeded_archive, serve, server = (
    test_serve.keys,
    test_serve.seeded_archive,
    test_serve.serve,
    test_serve.server,
)

pytestmark = pytest.mark.skipif(not TCA_TUI.exists(), reason="tca-tui is not installed here")

SEARCH_RESULT = "Kazakhstan and Taliban"


def app_pids(server: Server) -> list[int]:
    return [int(line.split(":")[0]) for line in server.apps()]


def pty_size(pid: int) -> tuple[int, int, int, int]:
    """The app's window as its pty has it: columns, rows, pixel width, pixel height."""
    descriptor = os.open(f"/proc/{pid}/fd/0", os.O_RDONLY | os.O_NOCTTY)
    try:
        rows, columns, pixel_width, pixel_height = struct.unpack(
            "HHHH", fcntl.ioctl(descriptor, termios.TIOCGWINSZ, b"\0" * 8)
        )
    finally:
        os.close(descriptor)
    return columns, rows, pixel_width, pixel_height


def rss_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))


async def wait_until(check: Callable[[], bool], what: str, timeout: float = 15) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"never: {what}")
        await asyncio.sleep(0.05)


async def searches(screen: PtyScreen) -> None:
    """The session answers keys: a search finds what it should."""
    screen.process.stdin.write(b"/")
    await screen.wait_for("Clear search")
    screen.process.stdin.write(b"taliban")
    await screen.wait_for(SEARCH_RESULT)
    screen.process.stdin.write(b"\x1b")  # out of the search box again
    await screen.wait_for(lambda s: "Clear search" not in s.text())


async def quits(screen: PtyScreen) -> None:
    # Ctrl+Q quits wherever the focus is; "q" after Escape could be read as Alt+q by
    # a reader still busy with what came before.
    screen.process.stdin.write(b"\x11")
    await screen.wait_for(lambda s: s.process.stdout.at_eof())  # read all it still says
    await asyncio.wait_for(screen.process.wait_closed(), 15)
    assert screen.process.exit_status == 0


def resize(screen: PtyScreen, *size: int) -> None:
    screen.process.change_terminal_size(*size)


# --- window sizes -----------------------------------------------------------------------


async def test_absurd_window_sizes_are_clamped_and_the_session_goes_on(server: Server, keys: Keys):
    async with (
        await server.connect(keys.reader) as normal_conn,
        await server.connect(keys.other_reader) as absurd_conn,
    ):
        normal = await PtyScreen.open(normal_conn, 100, 30)
        await normal.wait_for(FIRST_HEADLINE)
        [normal_pid] = app_pids(server)

        process = await absurd_conn.create_process(
            term_type="xterm-256color",
            term_size=(100000, 100000, 2**32 - 1, 2**32 - 1),
            encoding=None,
        )
        absurd = PtyScreen(process, 500, 200)
        # The app draws at the largest size allowed, its right edge at column 500.
        await absurd.wait_for(lambda s: s.screen.display[1][499] == "╮", timeout=30)
        [absurd_pid] = set(app_pids(server)) - {normal_pid}
        assert pty_size(absurd_pid) == (500, 200, 65535, 65535)
        # Memory stays that of a large window, not of ten billion cells.
        assert rss_kib(absurd_pid) < 4 * rss_kib(normal_pid)

        for size in [(1, 1), (0, 0), (100000, 3), (2**32 - 1, 2**32 - 1, 2**32 - 1, 0)]:
            resize(absurd, *size)
            clamped = (min(max(size[0], 1), 500), min(max(size[1], 1), 200))
            await wait_until(
                lambda c=clamped: pty_size(absurd_pid)[:2] == c, f"the pty at {clamped}"
            )
        # A resize storm: a thousand window changes, then one the reader can use.
        for step in range(1000):
            resize(absurd, 1 + step * 97 % 100000, 1 + step * 31 % 100000)
        resize(absurd, 100, 30)
        absurd.screen.resize(30, 100)
        await wait_until(lambda: pty_size(absurd_pid)[:2] == (100, 30), "the pty at 100x30")
        await absurd.wait_for(lambda s: s.screen.display[1][99] == "╮", timeout=30)
        await searches(absurd)
        assert app_pids(server).count(absurd_pid) == 1  # the same app, never restarted
        await searches(normal)
        await quits(absurd)
        await quits(normal)
    await no_apps_left(server)
    # One line for the clamped session, not one per window change.
    assert server.log_text().count("window 100000x100000 drawn at 500x200") == 1


# --- input ------------------------------------------------------------------------------


async def test_a_huge_paste_ends_that_session_only(serve: Callable[..., Server], keys: Keys):
    server = serve("--authorized-keys", str(keys.authorized), "--input-burst", "256")
    async with (
        await server.connect(keys.reader) as flooding_conn,
        await server.connect(keys.other_reader) as other_conn,
    ):
        flooding = await PtyScreen.open(flooding_conn)
        other = await PtyScreen.open(other_conn)
        for screen in (flooding, other):
            await screen.wait_for(FIRST_HEADLINE)

        # A paste well within the limit is only keys to the app.
        flooding.process.stdin.write(b"\x1b[200~" + b"pasted words " * 8000 + b"\x1b[201~")
        await searches(flooding)

        # Four megabytes at once: the session is ended, with a message.
        flooding.process.stdin.write(b"\x1b[200~" + b"flooding " * 500_000 + b"\x1b[201~")
        # Meanwhile, the other reader is answered as ever.
        await searches(other)
        await flooding.wait_for(lambda s: s.process.stdout.at_eof(), timeout=30)
        assert b"ended: more input than 256 KiB at once" in flooding.received
        assert flooding.received.rfind(b"\x1b[?1049l") > flooding.received.rfind(b"\x1b[?1049h")
        await asyncio.wait_for(flooding.process.wait_closed(), 15)

        await searches(other)
        assert len(server.apps()) == 1
        await quits(other)
    await no_apps_left(server)
    assert server.log_text().count("ended: input over 256 KiB at once") == 1


GARBAGE = [
    b"\xff\xfe\xc3\x28\xa0\xa1\xe2\x28\xa1\xf0\x90\x28\xbc\xed\xa0\x80",  # not UTF-8
    b"\xc3",  # half a character, its second byte never sent
    b"\x1b[?62;22c",  # a fake device-attributes answer
    b"\x1b[12;40R\x1b[1;1R",  # fake cursor position reports
    b"\x1b]52;c;ZWNobyBwd25lZCA+IC90bXAveA==\x07",  # an OSC 52 clipboard "reply"
    b"\x1b]11;rgb:0000/0000/0000\x1b\\",  # a colour report
    b"\x1b[?2026;2$y\x1bP1$r0m\x1b\\",  # mode and DCS status replies
    b"\x1b[200~\xff\x1b[31mgarbage\x00\x1b]0;t\x07\x1b[201~",  # a paste of junk
    b"\x1b[201~\x1b[200~\x1b[201~",  # paste markers out of order
    b"\x1b[999;999;999;999;999;999;999;999;999;999~\x1b[<0;99999;99999M",  # absurd keys
    b"\x1b\x1b\x1b[\x1bO\x1bP\x9b\x9d\x90",  # lone escapes, C1 controls
    b"\x00\x03\x1a\x1c\x7f",  # NUL, Ctrl+C, Ctrl+Z, Ctrl+\
    b"\x1b[?2048;2$y",  # "I report my size in-band" ...
    b"\x1b[4",
    b"8;100000;100000;0;0t",  # ... then a size, split across packets
    b"\x1b[48;30000;30000;0;0t",
    b"\x1b[201~\x1b\x1b",  # whatever was left open is closed
]


async def test_garbage_input_is_only_keys_to_the_app(server: Server, keys: Keys):
    async with await server.connect(keys.reader) as conn:
        screen = await PtyScreen.open(conn)
        await screen.wait_for(FIRST_HEADLINE)
        [pid] = app_pids(server)
        rss_before = rss_kib(pid)
        for junk in GARBAGE:
            screen.process.stdin.write(junk)
            await asyncio.sleep(0.1)
        # The junk may have moved the selection anywhere (arrows are keys too): the
        # reader shows what is typed into its search box, whatever it then finds.
        screen.process.stdin.write(b"/")
        await screen.wait_for("Clear search")
        screen.process.stdin.write(b"taliban")
        await screen.wait_for("/ taliban")
        # Still drawn at its window's size (100 columns), never at a size the input claimed.
        await screen.wait_for(lambda s: s.screen.display[1].endswith("╮"))
        assert rss_kib(pid) < 2 * rss_before
        assert app_pids(server) == [pid]  # the same app, which started nothing
        children = [
            path.read_text().split() for path in Path(f"/proc/{pid}/task").glob("*/children")
        ]
        assert not any(children)
        await quits(screen)
    await no_apps_left(server)


# --- logins and sessions ----------------------------------------------------------------


def half_open(port: int, source: str = "127.0.0.1") -> socket.socket:
    """A connection that never finishes the handshake: it sends nothing at all."""
    sock = socket.create_connection(("127.0.0.1", port), source_address=(source, 0))
    sock.settimeout(30)
    return sock


async def test_logins_that_never_finish_are_capped_and_timed_out(
    serve: Callable[..., Server], keys: Keys
):
    server = serve(
        "--authorized-keys",
        str(keys.authorized),
        "--login-timeout",
        "3",
        "--max-pending-logins",
        "3",
        "--max-pending-logins-per-address",
        "2",
    )
    async with await server.connect(keys.reader) as reader_conn:
        reader = await PtyScreen.open(reader_conn)
        await reader.wait_for(FIRST_HEADLINE)

        stalled = [
            half_open(server.port),
            half_open(server.port),
            half_open(server.port, "127.0.0.2"),
        ]
        for sock in stalled:
            assert (await asyncio.to_thread(sock.recv, 256)).startswith(b"SSH-2.0-")
        with pytest.raises(
            asyncssh.DisconnectError,
            match="too many connections from 127.0.0.1 are logging in at once",
        ):
            await server.connect(keys.other_reader)
        with pytest.raises(asyncssh.DisconnectError, match="busy with other logins"):
            await server.connect(keys.other_reader, local_addr=("127.0.0.3", 0))

        # A hundred more at once change nothing for the reader already in.
        crowd = [half_open(server.port, f"127.0.1.{n % 50 + 1}") for n in range(100)]
        await searches(reader)

        # Login time runs out for those who never finish: the server hangs up on them.
        for sock in stalled:
            while await asyncio.to_thread(sock.recv, 65536):
                pass
            sock.close()
        for sock in crowd:
            sock.close()
        async with await server.connect(keys.other_reader) as later:  # room again
            second = await PtyScreen.open(later)
            await second.wait_for(FIRST_HEADLINE)
            await quits(second)
        await quits(reader)
    await no_apps_left(server)
    log = server.log_text()
    assert log.count("turned away: too many connections from 127.0.0.1") == 1
    assert log.count("turned away: the server is busy") >= 1
    assert log.count("never logged in") >= 3


async def test_sessions_from_one_address_are_capped(serve: Callable[..., Server], keys: Keys):
    server = serve("--authorized-keys", str(keys.authorized), "--max-sessions-per-address", "2")
    async with (
        await server.connect(keys.reader) as first,
        await server.connect(keys.other_reader) as second,
        await server.connect(keys.reader, local_addr=("127.0.0.2", 0)) as elsewhere,
    ):
        screens = [await PtyScreen.open(first), await PtyScreen.open(second)]
        refused = await second.create_process(term_type="xterm", encoding=None)
        await asyncio.wait_for(refused.wait_closed(), 10)
        assert refused.exit_status == 1
        assert b"2 reader sessions from 127.0.0.1 are open already" in await refused.stderr.read()
        screens.append(await PtyScreen.open(elsewhere))  # another address has its own
        for screen in screens:
            await screen.wait_for(FIRST_HEADLINE)
        assert len(server.apps()) == 3
        for screen in screens:
            await quits(screen)
    await no_apps_left(server)
    assert server.log_text().count("refused: 2 reader sessions from 127.0.0.1") == 1


# --- output -----------------------------------------------------------------------------


class StuckClient(asyncssh.SSHClientSession[bytes]):
    """A terminal session that offers a 1 GiB window, then stops reading its socket."""

    def __init__(self) -> None:
        self.received = 0

    def data_received(self, data: bytes, datatype: int | None) -> None:
        self.received += len(data)


def small_socket(port: int) -> socket.socket:
    """A connection whose kernel buffers hold little, so that what a client does not
    read stays in the server, not in the kernel."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect(("127.0.0.1", port))
    sock.setblocking(False)
    return sock


async def test_a_client_that_stops_reading_makes_only_its_reader_wait(server: Server, keys: Keys):
    server_pid = server.process.pid
    async with (
        await server.connect(keys.reader, sock=small_socket(server.port)) as stuck_conn,
        await server.connect(keys.other_reader) as other_conn,
    ):
        other = await PtyScreen.open(other_conn)
        channel, stuck = await stuck_conn.create_session(
            StuckClient,
            term_type="xterm-256color",
            term_size=(500, 200),
            window=1 << 30,
            encoding=None,
        )
        await wait_until(lambda: stuck.received > 50_000, "the stuck client's first screen")
        await other.wait_for(FIRST_HEADLINE)
        await asyncio.sleep(1)  # its first screen sent, before the baseline
        before = rss_kib(server_pid)
        # Stop reading the socket at all, as a client that hangs would (asyncio's
        # transport, which asyncssh keeps private).
        stuck_conn._transport.pause_reading()  # type: ignore[attr-defined]
        # Every window change repaints all of a large window: these would be megabytes
        # held in the server, had it taken all the reader wrote.
        for step in range(120):
            channel.change_terminal_size(*((500, 200) if step % 2 else (120, 40)))
            await asyncio.sleep(0.05)
        await searches(other)  # the other reader is served meanwhile
        # Without back-pressure the server grows by the megabytes the reader wrote.
        assert rss_kib(server_pid) - before < 2 * 1024
        assert server.log_text().count("the client reads no more") == 1

        # Once the client reads again, its session goes on where it was.
        stuck_conn._transport.resume_reading()  # type: ignore[attr-defined]
        received = stuck.received
        channel.write(b"/")
        await wait_until(lambda: stuck.received > received, "the stuck client's screen")
        channel.write(b"\x11")  # Ctrl+Q
        await asyncio.wait_for(channel.wait_closed(), 30)
        assert channel.get_exit_status() == 0
        await quits(other)
    await no_apps_left(server)
    assert server.log_text().count("the client reads no more") == 1
