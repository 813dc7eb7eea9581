"""One reader's SSH session: a tca-tui process in its own pseudo-terminal.

The session offers a terminal and nothing else. Bytes flow between the SSH channel
and the pty's master side; window-change requests resize the pty (the kernel then
tells the app with SIGWINCH). When the client goes, the app's process group goes too.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import re
import signal
import struct
import sys
import termios
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import asyncssh

from .reading_policy import SERVED_ENV

READ_BYTES = 65536
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
    """How many readers may have a session at once, and who has one now."""

    limit: int
    active: set[ReaderSession] = field(default_factory=set)

    def take(self, session: ReaderSession) -> bool:
        if len(self.active) >= self.limit:
            return False
        self.active.add(session)
        return True

    def release(self, session: ReaderSession) -> None:
        self.active.discard(session)


@dataclass(frozen=True)
class SessionSettings:
    app_command: Sequence[str]  # argv of the reader, minus the interpreter
    idle_timeout: float  # seconds without a key press; 0: never
    slots: SessionSlots


def client_term(term_type: str | None) -> str:
    """The TERM the client asked for, if it is a plausible terminal name."""
    if term_type and _TERM_NAME.fullmatch(term_type):
        return term_type
    return "xterm-256color"


def set_window_size(fd: int, width: int, height: int, pixel_width: int = 0,
                    pixel_height: int = 0) -> None:
    size = struct.pack("HHHH", max(height, 1), max(width, 1), pixel_width, pixel_height)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, size)


class ReaderSession(asyncssh.SSHServerSession[bytes]):
    """A session channel that runs the reader in a pty, or refuses with one clear line."""

    def __init__(self, settings: SessionSettings, home: Path) -> None:
        self.settings = settings
        self.home = home
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

    def pty_requested(self, term_type: str, term_size: tuple[int, int, int, int],
                      term_modes: object) -> bool:
        self.term = client_term(term_type)
        if term_size[0] and term_size[1]:
            self.size = term_size
        return True

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
        if not self.refusal and not self.settings.slots.take(self):
            self.refusal = (f"all {self.settings.slots.limit} reader sessions are in use; "
                            "please try again later.")
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
                sys.executable, "-c", _BECOME_APP, sys.executable, *self.settings.app_command,
                stdin=slave, stdout=slave, stderr=slave, env=self._app_env(),
                cwd=self.home, start_new_session=True,
            )
        except OSError as error:
            self.ended = True
            self._finish()
            self._exit(1, f"tca-tui: the reader could not start ({error}).\r\n".encode(),
                       stderr=True)
            return
        finally:
            os.close(slave)  # the child has its copy; EIO on the master means the app is gone
            self.starting = None
        if self.ended:  # the client left while the app was starting
            await self._stop_app()
            return
        self._read_app(True)
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
        return env

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
        elif not self.ended:
            self.ended = True
            self._read_app(False)
            asyncio.ensure_future(self._app_ended())

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
        if self.master is not None and not self.ended:
            self.pending_input += data
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

    def _write_pending(self) -> None:
        if self.master is not None:
            asyncio.get_running_loop().remove_writer(self.master)
            self._write_input()

    def eof_received(self) -> bool:
        return True  # the terminal stays until the reader quits or the client leaves

    def terminal_size_changed(self, width: int, height: int, pixel_width: int,
                              pixel_height: int) -> None:
        self.size = (width, height, pixel_width, pixel_height)
        if self.master is not None:
            set_window_size(self.master, width, height, pixel_width, pixel_height)

    def pause_writing(self) -> None:
        self._read_app(False)  # a slow client: the app blocks on its own output meanwhile

    def resume_writing(self) -> None:
        self._read_app(True)

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
