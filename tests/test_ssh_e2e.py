"""The real ``tca-tui`` over a real SSH connection: OpenSSH's sshd and ``ssh -tt`` in tmux.

The test starts its own sshd on a loopback port, with a throwaway host key and an
authorized key made for it, and stops it itself: nothing is left running.
"""

from __future__ import annotations

import getpass
import os
import shlex
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from support.terminal import (  # noqa: F401  (terminal_factory is a fixture)
    Terminal,
    free_port,
    make_key,
    ssh_command,
    terminal_factory,
    wait_for_port,
    wait_until_no_process_mentions,
)

SSHD = Path("/usr/sbin/sshd")
TCA_TUI = Path(sys.executable).with_name("tca-tui")
MARKER = "before-ssh"

pytestmark = pytest.mark.skipif(not TCA_TUI.exists(), reason="tca-tui is not installed here")


def require_openssh() -> None:
    """Skip without OpenSSH, except in CI, which installs it (so fail)."""
    if SSHD.exists() and shutil.which("ssh") and shutil.which("ssh-keygen"):
        return
    if os.environ.get("CI"):
        pytest.fail("OpenSSH is missing in CI: .ci/run should have installed it")
    pytest.skip("openssh-server and openssh-client are not installed")


@dataclass
class Sshd:
    port: int
    user: str
    client_key: Path
    home: Path  # a directory the remote command can use as HOME

    def command(self, remote: str) -> str:
        return ssh_command(self.client_key, self.port, user=self.user, remote=remote)


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[Sshd]:
    """OpenSSH's server on 127.0.0.1, allowing only a key made for this test."""
    require_openssh()
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # its privilege-separation dir
    folder = tmp_path / "sshd"
    folder.mkdir()
    host_key = make_key(folder / "host_key")
    client_key = make_key(folder / "client_key")
    authorized = folder / "authorized_keys"
    authorized.write_text(Path(f"{client_key}.pub").read_text())
    port = free_port()
    config = folder / "sshd_config"
    config.write_text(
        "\n".join(
            [
                "ListenAddress 127.0.0.1",
                f"Port {port}",
                f"HostKey {host_key}",
                f"AuthorizedKeysFile {authorized}",
                f"PidFile {folder / 'sshd.pid'}",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "StrictModes no",
                "UsePAM no",
                "AllowTcpForwarding no",
                "X11Forwarding no",
                "PrintMotd no",
                "PrintLastLog no",
                "",
            ]
        )
    )
    log = (folder / "sshd.log").open("w")
    server = subprocess.Popen(
        [str(SSHD), "-D", "-e", "-f", str(config)],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for_port(port, alive=lambda: server.poll() is None)
        home = tmp_path / "home"
        home.mkdir()
        yield Sshd(port=port, user=getpass.getuser(), client_key=client_key, home=home)
    finally:
        # sshd -D is the group leader; its per-connection children are in its group.
        try:
            os.killpg(server.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()
        wait_until_no_process_mentions(str(config))


def layout(width: int, height: int, *, narrow: bool) -> Callable[[str], bool]:
    """The app fills exactly width x height, in the narrow or the wide arrangement."""

    def fits(screen: str) -> bool:
        lines = screen.split("\n")
        if len(lines) < height:
            return False
        top, bottom = lines[1].rstrip(), lines[height - 2].rstrip()
        fills = (
            len(top) == width
            and top.endswith("╮")
            and top.startswith("╭─ Snapshots")
            and len(bottom) == width
            and bottom.endswith("╯")
        )
        # Wide: the search box sits on the Snapshots title row; narrow: below the dates.
        search_beside_dates = "/ " in top
        return fills and search_beside_dates != narrow

    return fits


def test_search_read_resize_and_quit_over_ssh(
    terminal_factory: Callable[..., Terminal],
    sshd: Sshd,
    tmp_path: Path,
):
    db = tmp_path / "archive.db"
    remote = shlex.join(["env", f"HOME={sshd.home}", "LANG=C.UTF-8", str(TCA_TUI), "--db", str(db)])
    term = terminal_factory(width=120, height=40, env={"HOME": str(tmp_path)})
    term.run(f"echo {MARKER}")
    token = term.run(sshd.command(remote))

    term.wait_for("20 Feb 2026", timeout=15)
    term.wait_for(layout(120, 40, narrow=False))
    term.press("/")
    term.wait_for("Clear search")
    term.type("jackson vanik")
    term.wait_for("“jackson vanik”")
    term.wait_for("Jackson-Vanik Repeal")
    term.press("Enter")
    term.wait_for("Page down")  # the reader has focus

    term.resize(80, 24)
    screen = term.wait_for(layout(80, 24, narrow=True))
    assert "Jackson-Vanik" in screen  # the same article, re-flowed
    term.resize(200, 60)
    term.wait_for(layout(200, 60, narrow=False))
    # Back to the starting size: tmux 3.3 copies full-width lines of an alternate screen
    # that grew into the normal screen when the app leaves it, unless the app clears it
    # first (Textual does not); that would hide whether the app itself restored the screen.
    term.resize(120, 40)
    term.wait_for(layout(120, 40, narrow=False))

    term.press("q")
    assert term.exit_status(token) == 0  # ssh passes on the remote command's status
    screen = term.screen()
    assert MARKER in screen and "Snapshots" not in screen
    assert not term.alternate_screen
    wait_until_no_process_mentions(str(db))
