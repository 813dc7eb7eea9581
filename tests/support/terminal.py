"""A real terminal for end-to-end tests: a detached tmux session on a private server.

Every test gets its own tmux server (``tmux -L <unique name>``, no config file), so a
developer's own tmux is never touched; the ``terminal`` fixture kills the server, and
so every process in its panes, whatever the test did.

    term = Terminal.start(width=120, height=40, env={"HOME": str(tmp_path)})
    status = term.run("tca-tui --db x.db")      # typed into the pane's shell
    term.wait_for("20 Feb 2026")
    term.press("q")
    assert term.exit_status(status) == 0
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import socket
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

POLL_SECONDS = 0.05
# The server, and so the shell in the pane, starts from this environment and nothing else
# of the caller's: a test says what the program under test sees.
BASE_ENV = {
    "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    "LANG": "C.UTF-8",
    "TERM": "xterm-256color",
}


def require_tmux() -> str:
    """The tmux binary; without it, skip, except in CI, which installs it (so fail)."""
    path = shutil.which("tmux")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is missing in CI: .ci/run should have installed it")
        pytest.skip("tmux is not installed")
    return path


@dataclass
class Terminal:
    """One tmux session with one pane running an interactive shell with no rc files."""

    socket: str
    env: dict[str, str]
    tmux: str = "tmux"
    socket_path: str = ""
    _runs: int = field(default=0, init=False)

    @classmethod
    def start(
        cls, *, width: int = 120, height: int = 40, env: Mapping[str, str] | None = None
    ) -> Terminal:
        full_env = {**BASE_ENV, **(env or {})}
        term = cls(
            socket=f"tca-test-{os.getpid()}-{uuid.uuid4().hex[:8]}",
            env=full_env,
            tmux=require_tmux(),
        )
        settings = [arg for name, value in full_env.items() for arg in ("-e", f"{name}={value}")]
        # The pane's TERM is tmux's default-terminal, which must be set before the pane exists.
        term._tmux(
            "-f",
            os.devnull,
            "start-server",
            ";",
            "set-option",
            "-g",
            "default-terminal",
            full_env["TERM"],
            ";",
            "new-session",
            "-d",
            "-x",
            str(width),
            "-y",
            str(height),
            *settings,
            "bash --norc --noprofile -i",
            ";",
            "set-option",
            "-g",
            "status",
            "off",
        )
        try:
            term.socket_path = term.display("#{socket_path}")
            # A plain prompt that no program output looks like.
            term.type("PS1='$ '; PS2=''; clear")
            term.press("Enter")
            term.wait_for(lambda screen: screen.strip() == "$", timeout=5)
        except BaseException:
            term.kill()
            raise
        return term

    # --- talking to tmux --------------------------------------------------------------

    def _tmux(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            [self.tmux, "-L", self.socket, *args],
            check=False,
            env={**self.env, "LANG": "C.UTF-8"},  # UTF-8 to tmux, whatever the pane's LANG
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=10,
        )
        if check and done.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def display(self, format_: str) -> str:
        """A tmux format for the pane, e.g. ``#{alternate_on}`` or ``#{pane_width}``."""
        return self._tmux("display-message", "-p", "-t", "0", format_).strip()

    def kill(self) -> None:
        """Stop the server and every process in its panes (tmux sends them SIGHUP)."""
        self._tmux("kill-server", check=False)
        # tmux 3.3 leaves the socket file behind when it is killed.
        Path(self.socket_path).unlink(missing_ok=True)

    # --- input ------------------------------------------------------------------------

    def type(self, text: str) -> None:
        """Type text literally, as a person would (no key names are interpreted)."""
        self._tmux("send-keys", "-t", "0", "-l", text)

    def press(self, *keys: str) -> None:
        """Press keys by tmux name: ``Enter``, ``Escape``, ``Up``, ``C-c``, ``/``, ``q``..."""
        self._tmux("send-keys", "-t", "0", *keys)

    def run(self, command: str) -> str:
        """Type a command line into the shell; the token lets :meth:`exit_status` find it."""
        self._runs += 1
        token = f"EXIT{self._runs}"
        self.type(f"{command}; echo {token}=$?")
        self.press("Enter")
        return token

    def exit_status(self, token: str, timeout: float = 10) -> int:
        """Wait until the command :meth:`run` returned ``token`` for ends; its status."""
        pattern = re.compile(rf"^{token}=(\d+)$", re.MULTILINE)
        match = pattern.search(self.wait_for(pattern, timeout=timeout))
        assert match is not None
        return int(match.group(1))

    def resize(self, width: int, height: int) -> None:
        self._tmux("resize-window", "-t", "0", "-x", str(width), "-y", str(height))

    # --- output -----------------------------------------------------------------------

    def screen(self, *, styles: bool = False) -> str:
        """The visible screen as text, one line per row (with SGR escapes if ``styles``)."""
        flags = ["-p"] + (["-e"] if styles else [])
        return self._tmux("capture-pane", "-t", "0", *flags)

    def size(self) -> tuple[int, int]:
        width, height = self.display("#{pane_width} #{pane_height}").split()
        return int(width), int(height)

    @property
    def alternate_screen(self) -> bool:
        return self.display("#{alternate_on}") == "1"

    def wait_for(
        self,
        expected: str | re.Pattern[str] | Callable[[str], bool],
        timeout: float = 10,
        *,
        styles: bool = False,
    ) -> str:
        """Poll the screen until it shows ``expected``; the screen that did.

        ``expected`` is a substring, a compiled regex, or a predicate taking the screen.
        On timeout the assertion shows the last screen, which is what a reader needs.
        """
        if isinstance(expected, str):

            def found(screen: str) -> bool:
                return expected in screen
        elif isinstance(expected, re.Pattern):

            def found(screen: str) -> bool:
                return expected.search(screen) is not None
        else:
            found = expected
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen(styles=styles)
            if found(screen):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"timed out after {timeout}s waiting for {expected!r}; the screen:\n{screen}"
                )
            time.sleep(POLL_SECONDS)

    def wait_until_gone(self, text: str, timeout: float = 10) -> str:
        return self.wait_for(lambda screen: text not in screen, timeout=timeout)


@pytest.fixture
def terminal_factory() -> Iterator[Callable[..., Terminal]]:
    """Start terminals with ``terminal_factory(width=, height=, env=)``; all are killed after."""
    started: list[Terminal] = []

    def start(**kwargs: Any) -> Terminal:
        term = Terminal.start(**kwargs)
        started.append(term)
        return term

    try:
        yield start
    finally:
        for term in started:
            term.kill()


# --- helpers for tests that reach a terminal app over SSH --------------------------------


def free_port() -> int:
    """A TCP port on the loopback that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(
    port: int, timeout: float = 10, *, alive: Callable[[], bool] = lambda: True
) -> None:
    """Wait until something accepts connections on 127.0.0.1:port (while ``alive()``)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and alive():
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(POLL_SECONDS)
    raise AssertionError(f"nothing listens on 127.0.0.1:{port}")


def make_key(path: Path) -> Path:
    """A new passphrase-less ed25519 key pair (``path`` and ``path.pub``)."""
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", path.name, "-f", str(path)],
        check=True,
        capture_output=True,
        timeout=10,
    )
    return path


def ssh_args(key: Path, port: int, *, user: str, remote: str = "", tty: bool = True) -> list[str]:
    """An OpenSSH client command for 127.0.0.1:port that trusts any host key, quietly."""
    options = [
        "-i",
        str(key),
        "-p",
        str(port),
        "-o",
        "IdentitiesOnly=yes",
        "-o",
        "BatchMode=yes",
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "LogLevel=ERROR",
        "-F",
        os.devnull,
    ]
    words = ["ssh", *(["-tt"] if tty else []), *options, f"{user}@127.0.0.1"]
    return [*words, remote] if remote else words


def ssh_command(key: Path, port: int, *, user: str, remote: str = "") -> str:
    """The same as a line to type into a shell, with a terminal (``ssh -tt``)."""
    return shlex.join(ssh_args(key, port, user=user, remote=remote))


def processes_mentioning(text: str) -> list[str]:
    """Command lines of live processes (not zombies) that contain ``text``."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if text in cmdline and state != "Z" and int(proc.name) != os.getpid():
            found.append(f"{proc.name}: {cmdline.strip()}")
    return found


def wait_until_no_process_mentions(text: str, timeout: float = 5) -> None:
    deadline = time.monotonic() + timeout
    while (left := processes_mentioning(text)) and time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
    assert not left, f"processes left running: {left}"
