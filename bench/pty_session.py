"""Run a terminal program in a pseudo-terminal, watch its screen, count its bytes.

Used by the start-up and terminal-bytes benchmarks: the program sees a real terminal
of a fixed size, every byte it writes is counted and fed to a ``pyte`` screen so a
benchmark can wait until the screen shows what a person would wait for.
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
        self._partial = b""
        self._lock = threading.Lock()
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the program
            os.execvpe(argv[0], list(argv), {**os.environ, **(env or {})})
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", self.lines, self.columns, 0, 0))
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
                # Hold back an escape sequence cut in two by the read, or the filter
                # below would miss it.
                data, self._partial = self._partial + data, b""
                cut = data.rfind(b"\x1b")
                if cut != -1 and not _COMPLETE_ESCAPE.match(data, cut):
                    data, self._partial = data[:cut], data[cut:]
                try:
                    self.stream.feed(_UNKNOWN_TO_PYTE.sub(b"", data))
                except (TypeError, ValueError):
                    # Anything else pyte cannot parse: a fresh parser, same screen.
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

    def send(self, data: str | bytes) -> None:
        os.write(self.fd, data.encode() if isinstance(data, str) else data)

    def count(self) -> int:
        with self._lock:
            return self.bytes_read

    def close(self) -> None:
        try:
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

    def __enter__(self) -> PtySession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
