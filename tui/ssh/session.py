"""One reader's SSH session: a tca-tui process in its own pseudo-terminal.

The session offers a terminal and nothing else. Bytes flow between the SSH channel
and the pty's master side; window-change requests resize the pty (the kernel then
tells the app with SIGWINCH). When the client goes, the app's process group goes too.

A client is held to ``ServeLimits``: window sizes are clamped, input is rate-limited and
made well-formed UTF-8, and output waits (the app blocks on its pty) while the client
is not reading, so nothing is buffered without bound.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
import re
import signal
import struct
import sys
import termios
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import asyncssh

from tui.reading_policy import SERVED_ENV
from tui.ssh.limits import ClientInput, InputBucket, ServeLimits, clamp_window

log = logging.getLogger("tca-tui.ssh.server")
READ_BYTES = 65536
PENDING_INPUT_MAX = 65536  # keys the app has not read yet; past this the client waits
BACKLOG_CHECK_SECONDS = 0.05
STOP_GRACE_SECONDS = 2.0
# What a full-screen app sets and must undo; written to the client when the app could not
# undo it itself (killed for being idle, or at shutdown): mouse and paste reporting off,
# autowrap and cursor on, kitty keyboard off, normal screen back.
TERMINAL_RESET = (
    b"\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?2004l\x1b[?1004l"
    b"\x1b[?7h\x1b[?25h\x1b[<u\x1b[?1049l\x1b[0m"
)
# The client's locale and colour wishes are harmless and make the app fit its terminal.
CLIENT_ENV = ("LANG", "LC_ALL", "LC_CTYPE", "NO_COLOR", "COLORTERM")
_TERM_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")
# Run in the child: make the pty its controlling terminal (so resizes reach it as
# SIGWINCH and a hang-up as SIGHUP), then become the app. Spawning through this line
# instead of a preexec_fn keeps fork safe in a threaded server.
_BECOME_APP = "import os, sys; os.login_tty(0); os.execv(sys.argv[1], sys.argv[1:])"


@dataclass
class SessionSlots:
    """How many readers may have a session at once (in all, and from one address)."""

    limit: int
    per_address: int = 1 << 30
    active: set[ReaderSession] = field(default_factory=set)

    def take(self, session: ReaderSession) -> str:
        """ "" when the session may start; otherwise why not, to tell the client."""
        if len(self.active) >= self.limit:
            return f"all {self.limit} reader sessions are in use; please try again later."
        same = sum(1 for other in self.active if other.address == session.address)
        if same >= self.per_address:
            return (
                f"{same} reader sessions from {session.address} are open already, "
                "the most one address may have."
            )
        self.active.add(session)
        return ""

    def release(self, session: ReaderSession) -> None:
        self.active.discard(session)


@dataclass(frozen=True)
class SessionSettings:
    app_command: Sequence[str]  # argv of the reader, minus the interpreter
    idle_timeout: float  # seconds without a key press; 0: never
    slots: SessionSlots
    app_env: Mapping[str, str] = field(default_factory=dict)  # for every reader's app
    limits: ServeLimits = field(default_factory=ServeLimits)


def client_term(term_type: str | None) -> str:
    """The TERM the client asked for, if it is a plausible terminal name."""
    if term_type and _TERM_NAME.fullmatch(term_type):
        return term_type
    return "xterm-256color"


def set_window_size(
    fd: int, width: int, height: int, pixel_width: int = 0, pixel_height: int = 0
) -> None:
    """Size a pty; the values must be in range (see clamp_window)."""
    size = struct.pack("HHHH", height, width, pixel_width, pixel_height)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, size)


class ReaderSession(asyncssh.SSHServerSession[bytes]):
    """A session channel that runs the reader in a pty, or refuses with one clear line."""

    def __init__(
        self, settings: SessionSettings, home: Path, address: str = "", peer: str = "?"
    ) -> None:
        self.settings = settings
        self.home = home
        self.address = address  # the client's host, for the per-address limit
        self.peer = peer  # host:port, for the log
        self.limits = settings.limits
        self.input_bucket = InputBucket(self.limits.input_rate, self.limits.input_burst)
        self.client_input = ClientInput()
        self.window_clamped = False  # logged once per session, not once per resize
        self.output_paused = False  # asyncssh's channel buffer is full
        self.output_held = False  # the connection's own buffer is full
        self.input_paused = False
        self.flooded = False
        self.backlog_logged = False
        self.chan: asyncssh.SSHServerChannel[bytes] | None = None
        self.term: str | None = None
        self.size = (80, 24, 0, 0)
        self.refusal = ""
        self.process: asyncio.subprocess.Process | None = None
        self.master: int | None = None
        self.reading = False
        self.pending_input = b""
        self.last_input = time.monotonic()
        self.idle_timer: asyncio.TimerHandle | None = None
        self.starting: asyncio.Future[None] | None = None  # until the app is spawned
        self.ended = False  # the app is gone or going: nothing more to start or read
        self.finished = False

    # --- what the client asks for -----------------------------------------------------

    def connection_made(self, chan: asyncssh.SSHServerChannel[bytes]) -> None:
        self.chan = chan

    def pty_requested(
        self, term_type: str, term_size: tuple[int, int, int, int], term_modes: object
    ) -> bool:
        self.term = client_term(term_type)
        if term_size[0] and term_size[1]:
            self.size = self._clamped(*term_size)
        return True

    def _clamped(self, *size: int) -> tuple[int, int, int, int]:
        clamped = clamp_window(self.limits, *size)
        if clamped[:2] != tuple(size[:2]) and not self.window_clamped:
            self.window_clamped = True
            log.info(
                "session from %s: window %dx%d drawn at %dx%d",
                self.peer,
                size[0],
                size[1],
                clamped[0],
                clamped[1],
            )
        return clamped

    def shell_requested(self) -> bool:
        return True

    def exec_requested(self, command: str) -> bool:
        # Accepted only to say why nothing runs: a refused request leaves OpenSSH's
        # client with a bare "exec request failed".
        self.refusal = "this server shows only the reader; it runs no commands."
        return True

    def subsystem_requested(self, subsystem: str) -> bool:
        return False  # no SFTP, no file access of any kind

    def session_started(self) -> None:
        if not self.refusal and self.term is None:
            self.refusal = "the reader needs a terminal: connect with ssh -t."
        if not self.refusal:
            self.refusal = self.settings.slots.take(self)
            if self.refusal:
                log.info("session from %s refused: %s", self.peer, self.refusal)
        if self.refusal:
            self.ended = self.finished = True
            self._exit(1, f"tca-tui: {self.refusal}\r\n".encode(), stderr=True)
        else:
            self.starting = asyncio.ensure_future(self._start_app())

    def _exit(self, status: int, message: bytes = b"", *, stderr: bool = False) -> None:
        assert self.chan is not None
        with contextlib.suppress(OSError):  # the client may have gone already
            if message:
                (self.chan.write_stderr if stderr else self.chan.write)(message)
            self.chan.exit(status)

    # --- the app in its pty -----------------------------------------------------------

    async def _start_app(self) -> None:
        master, slave = os.openpty()
        self.master = master
        set_window_size(slave, *self.size)
        os.set_blocking(master, False)
        try:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-c",
                _BECOME_APP,
                sys.executable,
                *self.settings.app_command,
                stdin=slave,
                stdout=slave,
                stderr=slave,
                env=self._app_env(),
                cwd=self.home,
                start_new_session=True,
            )
        except OSError as error:
            self.ended = True
            self._finish()
            self._exit(
                1, f"tca-tui: the reader could not start ({error}).\r\n".encode(), stderr=True
            )
            return
        finally:
            os.close(slave)  # the child has its copy; EIO on the master means the app is gone
            self.starting = None
        if self.ended:  # the client left while the app was starting
            await self._stop_app()
            return
        self._update_reading()
        self._watch_idleness()

    def _app_env(self) -> dict[str, str]:
        assert self.chan is not None and self.term is not None
        wished = self.chan.get_environment()
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.home),
            "XDG_CONFIG_HOME": str(self.home / ".config"),
            "XDG_DATA_HOME": str(self.home / ".local" / "share"),
            "XDG_STATE_HOME": str(self.home / ".local" / "state"),
            "XDG_CACHE_HOME": str(self.home / ".cache"),
            "LANG": "C.UTF-8",
            "TERM": self.term,
            SERVED_ENV: "1",  # the app then starts no program and writes no file (see there)
        }
        env.update({name: wished[name] for name in CLIENT_ENV if name in wished})
        # The reader's settings live in their HOME's config folder (above); these, from
        # the server (its own settings file, for defaults), come last, so none is the client's.
        env.update(self.settings.app_env)
        return env

    def _update_reading(self) -> None:
        """Read the app's output only while the client takes it: else the app waits."""
        self._read_app(not (self.output_paused or self.output_held))

    def _read_app(self, on: bool) -> None:
        if self.master is None or on == self.reading or (on and self.ended):
            return
        loop = asyncio.get_running_loop()
        if on:
            loop.add_reader(self.master, self._app_output)
        else:
            loop.remove_reader(self.master)
        self.reading = on

    def _app_output(self) -> None:
        assert self.master is not None and self.chan is not None
        try:
            data = os.read(self.master, READ_BYTES)
        except BlockingIOError:
            return
        except OSError:  # EIO: every copy of the slave is closed, so the app has ended
            data = b""
        if data:
            self.chan.write(data)
            if not self.output_held and self._output_backlog() > self.limits.output_backlog:
                self.output_held = True
                if not self.backlog_logged:
                    self.backlog_logged = True
                    log.info(
                        "session from %s: the client reads no more; the reader waits", self.peer
                    )
                self._read_app(False)
                self._check_backlog()
        elif not self.ended:
            self.ended = True
            self._read_app(False)
            asyncio.ensure_future(self._app_ended())

    def _output_backlog(self) -> int:
        """Output written but not yet sent: the channel's, and the connection's below it.

        asyncssh stops a channel at the client's window, but a client may open a window
        of 4 GiB and then read nothing; the connection's transport (not public in
        asyncssh, hence getattr) then holds what the channel sent.
        """
        assert self.chan is not None
        connection = self.chan.get_extra_info("connection")
        transport = getattr(connection, "_transport", None)
        below = transport.get_write_buffer_size() if transport is not None else 0
        return self.chan.get_write_buffer_size() + below

    def _check_backlog(self) -> None:
        if self.finished:
            return
        if self._output_backlog() > self.limits.output_backlog // 4:
            asyncio.get_running_loop().call_later(BACKLOG_CHECK_SECONDS, self._check_backlog)
            return
        self.output_held = False
        self._update_reading()

    async def _app_ended(self) -> None:
        assert self.process is not None
        status = await self.process.wait()
        self._finish()
        self._exit(status if status >= 0 else 128 - status)

    def _finish(self) -> None:
        if self.finished:
            return
        self.finished = True
        if self.idle_timer is not None:
            self.idle_timer.cancel()
        if self.master is not None:
            self._read_app(False)
            with contextlib.suppress(ValueError):
                asyncio.get_running_loop().remove_writer(self.master)
            os.close(self.master)
            self.master = None
        self.settings.slots.release(self)

    async def _stop_app(self) -> None:
        """Hang up on the app, as a terminal that went away would, then make sure."""
        process = self.process
        if process is not None and process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGHUP)
            try:
                await asyncio.wait_for(process.wait(), STOP_GRACE_SECONDS)
            except TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                await process.wait()
        self._finish()

    async def end(self, why: str) -> None:
        """End the session from this side (idle, shutdown), leaving the client's terminal sane."""
        if self.ended:
            return
        self.ended = True
        if self.starting is not None:
            await self.starting  # it sees ``ended`` and stops the app it spawned
        self._read_app(False)
        await self._stop_app()
        self._exit(0, TERMINAL_RESET + f"\r\ntca-tui: {why}\r\n".encode())

    # --- the client's keys, window and departure --------------------------------------

    def data_received(self, data: bytes, datatype: int | None) -> None:
        self.last_input = time.monotonic()
        if self.master is None or self.ended or self.flooded:
            return
        if not self.input_bucket.take(len(data)):
            self.flooded = True
            log.info(
                "session from %s ended: input over %d KiB at once or %d KiB a second",
                self.peer,
                self.limits.input_burst // 1024,
                self.limits.input_rate // 1024,
            )
            asyncio.ensure_future(
                self.end(
                    f"ended: more input than {self.limits.input_burst // 1024} KiB at once or "
                    f"{self.limits.input_rate // 1024} KiB a second."
                )
            )
            return
        self.pending_input += self.client_input.clean(data)
        self._write_input()

    def _write_input(self) -> None:
        assert self.master is not None
        try:
            written = os.write(self.master, self.pending_input)
        except BlockingIOError:
            written = 0
        except OSError:
            written = len(self.pending_input)
        self.pending_input = self.pending_input[written:]
        if self.pending_input:
            asyncio.get_running_loop().add_writer(self.master, self._write_pending)
        # Keys the app is slow to take wait on the client's side (SSH flow control).
        paused = len(self.pending_input) > PENDING_INPUT_MAX
        if paused != self.input_paused and self.chan is not None:
            self.input_paused = paused
            (self.chan.pause_reading if paused else self.chan.resume_reading)()

    def _write_pending(self) -> None:
        if self.master is not None:
            asyncio.get_running_loop().remove_writer(self.master)
            self._write_input()

    def eof_received(self) -> bool:
        return True  # the terminal stays until the reader quits or the client leaves

    def terminal_size_changed(
        self, width: int, height: int, pixel_width: int, pixel_height: int
    ) -> None:
        self.size = self._clamped(width, height, pixel_width, pixel_height)
        if self.master is not None:
            set_window_size(self.master, *self.size)

    def pause_writing(self) -> None:
        self.output_paused = True  # a slow client: the app blocks on its own output meanwhile
        self._update_reading()

    def resume_writing(self) -> None:
        self.output_paused = False
        self._update_reading()

    def connection_lost(self, exc: Exception | None) -> None:
        if self.ended and self.process is None:
            return
        self.ended = True
        if self.starting is None:  # else _start_app stops what it started
            asyncio.ensure_future(self._stop_app())

    # --- idleness -----------------------------------------------------------------------

    def _watch_idleness(self) -> None:
        timeout = self.settings.idle_timeout
        if timeout <= 0 or self.ended:
            return
        left = self.last_input + timeout - time.monotonic()
        if left > 0:
            self.idle_timer = asyncio.get_running_loop().call_later(left, self._watch_idleness)
        else:
            minutes = f"{timeout / 60:g} minutes" if timeout >= 60 else f"{timeout:g} seconds"
            asyncio.ensure_future(self.end(f"closed after {minutes} without a key press."))
