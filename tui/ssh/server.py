"""``tca-tui serve``: the reader as an SSH service (``ssh host -p 2222``).

Each connection's terminal session gets its own tca-tui process, in its own
pseudo-terminal, on the shared archive. Nothing else is offered: no shell, no command,
no port forwarding, no agent or X11 forwarding, no SFTP or SCP.

Readers authenticate with a public key listed in an ``authorized_keys`` file (read
again for each connection, so edits apply at once), unless ``--open`` lets anyone in.
Each key gets its own home directory, named by the key's fingerprint, so any reading
state the app keeps there is never mixed between readers.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import asyncssh
import platformdirs

from tui.config.settings import SERVER_CONFIG_ENV
from tui.ssh.limits import PendingLogins, ServeLimits
from tui.ssh.session import STOP_GRACE_SECONDS, ReaderSession, SessionSettings, SessionSlots

log = logging.getLogger("tca-tui.ssh.server")
KEEPALIVE_SECONDS = 30  # a vanished client is noticed after three unanswered keepalives


@dataclass(frozen=True)
class ServeConfig:
    db: Path
    host: str
    port: int
    host_key: Path
    authorized_keys: Path | None  # None: anyone may connect (--open)
    max_sessions: int
    idle_timeout: float
    readers_dir: Path  # one home per reader key, by fingerprint
    log_file: Path | None
    settings_file: Path | None = None  # the server's own: every reader's defaults
    limits: ServeLimits = ServeLimits()


def default_host_key() -> Path:
    return platformdirs.user_data_path("tca-tui", appauthor=False) / "ssh_host_ed25519_key"


def default_readers_dir() -> Path:
    return platformdirs.user_state_path("tca-tui", appauthor=False) / "readers"


def load_or_create_host_key(path: Path) -> asyncssh.SSHKey:
    """The server's identity: made on first start and kept, so clients can trust it."""
    if path.exists():
        return asyncssh.read_private_key(path)
    key = asyncssh.generate_private_key("ssh-ed25519", comment="tca-tui serve")
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(key.export_private_key())
    log.info("made a new host key at %s", path)
    return key


@dataclass
class Reader:
    """Who a connection is: a key's fingerprint, or nobody in particular (--open)."""

    fingerprint: str
    home: Path
    throwaway: bool = False


class ReaderServer(asyncssh.SSHServer):
    """One connection: authenticates it, hands out reader sessions, logs one line."""

    def __init__(
        self, config: ServeConfig, settings: SessionSettings, pending: PendingLogins
    ) -> None:
        self.config = config
        self.settings = settings
        self.pending = pending
        self.logging_in = False  # counted in ``pending`` until logged in or gone
        self.refusal = ""
        self.started = time.monotonic()
        self.peer = "?"
        self.peer_host = ""
        self.username = ""
        self.offered: asyncssh.SSHKey | None = None
        self.reader: Reader | None = None
        self.sessions = 0

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        host, port = conn.get_extra_info("peername")[:2]
        self.peer = f"{host}:{port}"
        self.peer_host = host
        self.refusal = self.pending.admit(host)
        if self.refusal:
            # Once our version line is out, so that the client can read why.
            asyncio.get_running_loop().call_soon(
                conn.disconnect, asyncssh.DISC_TOO_MANY_CONNECTIONS, self.refusal
            )
        else:
            self.logging_in = True

    def _logged_in_or_gone(self) -> None:
        if self.logging_in:
            self.logging_in = False
            self.pending.done(self.peer_host)

    def connection_lost(self, exc: Exception | None) -> None:
        self._logged_in_or_gone()
        who = self.reader.fingerprint if self.reader else "unauthenticated"
        if self.refusal:
            how = f"turned away: {self.refusal}"
        elif self.reader is None:
            how = "never logged in"
        else:
            how = "closed" if exc is None else str(exc) or exc.__class__.__name__
        log.info(
            "reader %s (user %r) from %s: %d session(s), %.1fs, %s",
            who,
            self.username,
            self.peer,
            self.sessions,
            time.monotonic() - self.started,
            how,
        )
        if self.reader is not None and self.reader.throwaway:
            # After the app has had its hang-up (STOP_GRACE_SECONDS) and gone.
            home = self.reader.home
            asyncio.get_running_loop().call_later(
                STOP_GRACE_SECONDS + 1, lambda: shutil.rmtree(home, ignore_errors=True)
            )

    # --- authentication ---------------------------------------------------------------

    def begin_auth(self, username: str) -> bool:
        self.username = username
        return True

    def public_key_auth_supported(self) -> bool:
        return True

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        # Called for the key's offer and again for its signed proof; the last key
        # validated is the one a successful public-key login used.
        if self.config.authorized_keys is not None:
            try:
                allowed = asyncssh.read_authorized_keys(str(self.config.authorized_keys))
            except (OSError, ValueError) as error:
                log.error("cannot read %s: %s", self.config.authorized_keys, error)
                return False
            if allowed.validate(key, self.peer_host, self.peer_host) is None:
                return False
        self.offered = key
        return True

    def kbdint_auth_supported(self) -> bool:
        return self.config.authorized_keys is None  # --open: clients without a key too

    def get_kbdint_challenge(self, username: str, lang: str, submethods: str) -> bool:
        self.offered = None
        return True  # no questions: anyone is welcome

    def auth_completed(self) -> None:
        self._logged_in_or_gone()
        if self.offered is None:
            home = Path(tempfile.mkdtemp(prefix="anonymous-", dir=self._readers_dir()))
            self.reader = Reader("anonymous", home, throwaway=True)
            return
        fingerprint = self.offered.get_fingerprint("sha256")
        name = hashlib.sha256(self.offered.public_data).hexdigest()[:32]
        home = self._readers_dir() / name
        home.mkdir(mode=0o700, exist_ok=True)
        self.reader = Reader(fingerprint, home)

    def _readers_dir(self) -> Path:
        self.config.readers_dir.mkdir(parents=True, exist_ok=True)
        return self.config.readers_dir

    # --- what a connection may open: a terminal session, nothing else ------------------

    def session_requested(self) -> ReaderSession | bool:
        if self.reader is None:
            return False
        self.sessions += 1
        return ReaderSession(self.settings, self.reader.home, self.peer_host, self.peer)

    def connection_requested(
        self, dest_host: str, dest_port: int, orig_host: str, orig_port: int
    ) -> bool:
        return False  # ssh -L / -D

    def server_requested(self, listen_host: str, listen_port: int) -> bool:
        return False  # ssh -R

    def unix_connection_requested(self, dest_path: str) -> bool:
        return False

    def unix_server_requested(self, listen_path: str) -> bool:
        return False


def configure_logging(log_file: Path | None) -> None:
    handler: logging.Handler
    if log_file is None:
        handler = logging.StreamHandler(sys.stderr)
    else:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s tca-tui serve: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False


async def serve(config: ServeConfig) -> None:
    """Serve until SIGINT or SIGTERM, then end every session: no app is left behind."""
    host_key = load_or_create_host_key(config.host_key)
    limits = config.limits
    slots = SessionSlots(config.max_sessions, limits.max_sessions_per_address)
    settings = SessionSettings(
        app_command=["-m", "tui", "--db", str(config.db)],  # as tca-tui, see tui.cli.startup
        idle_timeout=config.idle_timeout,
        slots=slots,
        app_env={SERVER_CONFIG_ENV: str(config.settings_file)} if config.settings_file else {},
        limits=limits,
    )
    pending = PendingLogins(limits.max_pending_logins, limits.max_pending_logins_per_address)
    server = await asyncssh.create_server(
        lambda: ReaderServer(config, settings, pending),
        config.host,
        config.port,
        server_host_keys=[host_key],
        encoding=None,
        password_auth=False,
        kbdint_auth=config.authorized_keys is None,
        agent_forwarding=False,
        x11_forwarding=False,
        allow_scp=False,
        login_timeout=limits.login_timeout,
        keepalive_interval=KEEPALIVE_SECONDS,
        keepalive_count_max=3,
    )
    who = (
        "ANYONE (--open)" if config.authorized_keys is None else f"keys in {config.authorized_keys}"
    )
    log.info(
        "serving %s on %s:%d for %s; host key %s; at most %d sessions",
        config.db,
        config.host,
        config.port,
        who,
        host_key.get_fingerprint("sha256"),
        config.max_sessions,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
    finally:
        server.close()
        await asyncio.gather(*(s.end("the server is shutting down.") for s in list(slots.active)))
        await server.wait_closed()
        log.info("stopped")


def run(config: ServeConfig) -> int:
    """Run the service; 0 when stopped by a signal, 2 when it cannot start."""
    configure_logging(config.log_file)
    if config.authorized_keys is None:
        warning = f"--open: anyone who can reach {config.host}:{config.port} can read this archive"
        log.warning("%s", warning)
        if config.log_file is not None:  # say it where whoever started the server looks
            print(f"tca-tui: warning: {warning}", file=sys.stderr)
    elif not config.authorized_keys.is_file():
        print(
            f"tca-tui: no authorized keys file at {config.authorized_keys}: list readers' "
            "public keys there, or pass --authorized-keys PATH or --open",
            file=sys.stderr,
        )
        return 2
    try:
        asyncio.run(serve(config))
    except (OSError, asyncssh.Error, ValueError) as error:
        print(f"tca-tui: cannot serve on {config.host}:{config.port}: {error}", file=sys.stderr)
        return 2
    return 0
