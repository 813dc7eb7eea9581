"""Run a terminal program in a pseudo-terminal, watch its screen, keep its bytes.

The program sees a real terminal of a fixed size. Every byte it writes is counted and
kept, so a test can look for sequences that must never reach a terminal, and fed to a
``pyte`` screen, so a test can wait until the screen shows what a person would wait for.
The benchmarks in ``bench/`` use it too.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import threading
import time
from collections.abc import Callable, Sequence
from typing import Self

import pyte

# Sequences Textual sends that pyte 0.8 misparses, garbling the screen: mode queries
# (CSI ? 2026 $ p), the kitty keyboard protocol (CSI > 25 u) and OSC (pointer shape).
_COMPLETE_ESCAPE = re.compile(
    rb"\x1b(?:\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[^\[\]])"
)
_UNKNOWN_TO_PYTE = re.compile(rb"\x1b\[[?>=<][0-9;]*\$?[pu]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


class PtySession:
    def __init__(
        self,
        argv: Sequence[str],
        *,
        size: tuple[int, int] = (120, 40),
        env: dict[str, str] | None = None,
    ) -> None:
        self.columns, self.lines = size
        self.screen = pyte.Screen(self.columns, self.lines)
        self.stream = pyte.ByteStream(self.screen)
        self.bytes_read = 0
        self.output = bytearray()
        self._partial = b""
        self._lock = threading.Lock()
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the program
            os.execvpe(argv[0], list(argv), {**os.environ, **(env or {})})
        fcntl.ioctl(
            self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", self.lines, self.columns, 0, 0)
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                ready, _, _ = select.select([self.fd], [], [], 0.05)
                if not ready:
                    continue
                data = os.read(self.fd, 65536)
            except OSError:
                return
            if not data:
                return
            with self._lock:
                self.bytes_read += len(data)
                self.output += data
                # Hold back an escape sequence cut in two by the read, or the filter
                # below would miss it.
                data, self._partial = self._partial + data, b""
                cut = data.rfind(b"\x1b")
                if cut != -1 and not _COMPLETE_ESCAPE.match(data, cut):
                    data, self._partial = data[:cut], data[cut:]
                try:
                    self.stream.feed(_UNKNOWN_TO_PYTE.sub(b"", data))
                except (TypeError, ValueError):
                    # Anything else pyte 0.8 cannot parse (a CSI with extra parameters):
                    # a fresh parser, same screen.
                    self.stream = pyte.ByteStream(self.screen)

    def text(self) -> str:
        with self._lock:
            return "\n".join(self.screen.display)

    def wait_for(self, predicate: Callable[[str], bool], timeout: float = 30.0) -> float:
        """Seconds since start when ``predicate(screen text)`` first held."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if predicate(self.text()):
                return time.perf_counter() - self.started
            time.sleep(0.005)
        raise TimeoutError(f"screen never matched; it shows:\n{self.text()}")

    def wait_until_quiet(self, quiet: float = 0.4, timeout: float = 10.0) -> None:
        """Wait until nothing but a trickle (a running ticker) arrives for ``quiet`` seconds."""
        deadline = time.perf_counter() + timeout
        last, quiet_since = self.count(), time.perf_counter()
        while time.perf_counter() < deadline:
            time.sleep(0.05)
            now = self.count()
            if now - last > 200:
                quiet_since = time.perf_counter()
            last = now
            if time.perf_counter() - quiet_since >= quiet:
                return

    def send(self, data: str | bytes) -> None:
        os.write(self.fd, data.encode() if isinstance(data, str) else data)

    def count(self) -> int:
        with self._lock:
            return self.bytes_read

    def exit_status(self, timeout: float = 10.0) -> int | None:
        """Wait for the program to end by itself; its exit status, or None if it did not."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.pid = 0
                time.sleep(0.1)  # let the reader drain what was written last
                return os.waitstatus_to_exitcode(status)
            time.sleep(0.02)
        return None

    def close(self) -> None:
        try:
            if not self.pid:
                raise ProcessLookupError  # already ended and reaped
            os.kill(self.pid, signal.SIGTERM)
            for _ in range(100):
                if os.waitpid(self.pid, os.WNOHANG) != (0, 0):
                    break
                time.sleep(0.02)
            else:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        try:
            os.close(self.fd)
        except OSError:
            pass

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def visible_cells(screen: pyte.Screen) -> list[list[tuple]]:
    """Each cell as a person sees it: its character and what shows of its style. A blank
    shows only its background and the lines through it, so its foreground, bold or italic
    may differ; a reversed blank shows its foreground (as background) too."""
    rows = []
    for y in range(screen.lines):
        row = []
        for x in range(screen.columns):
            cell = screen.buffer[y][x]
            if cell.data.strip():
                row.append(
                    (
                        cell.data,
                        cell.fg,
                        cell.bg,
                        cell.bold,
                        cell.italics,
                        cell.underscore,
                        cell.strikethrough,
                        cell.reverse,
                    )
                )
            elif cell.reverse:
                row.append((" ", cell.fg, cell.bg, cell.bold, cell.underscore, cell.strikethrough))
            else:
                row.append((" ", cell.bg, cell.underscore, cell.strikethrough))
        rows.append(row)
    return rows
