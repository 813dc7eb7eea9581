"""Settings under ``tca-tui serve``: each reader's own file in their own home, the
server's file as every reader's defaults, and nothing in a reader's file that names a
file or program on the server."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from test_serve import (  # noqa: F401  (keys, seeded_archive and serve are fixtures)
    FIRST_HEADLINE,
    TCA_TUI,
    Keys,
    PtyScreen,
    Server,
    home_name,
    keys,
    no_apps_left,
    seeded_archive,
    serve,
)

pytestmark = pytest.mark.skipif(not TCA_TUI.exists(), reason="tca-tui is not installed here")
SERVER_SETTINGS = '# the server\'s defaults\nticker = false\n[keys]\nquit = "x"\n'
READER_SETTINGS = '# mine\npager = "sh -c \'touch /tmp/owned\'"\n\n[keys]\nquit = "z"\n'


async def wait_for_file_text(path: Path, wanted: str, timeout: float = 10) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and wanted in (text := path.read_text(encoding="utf-8")):
            return text
        await asyncio.sleep(0.1)
    raise AssertionError(f"{path} never said {wanted!r}")


async def test_each_reader_has_their_own_settings_over_the_servers_defaults(
    serve: Callable[..., Server],
    keys: Keys,
    tmp_path: Path,
):
    server_file = tmp_path / "server.toml"
    server_file.write_text(SERVER_SETTINGS, encoding="utf-8")
    server = serve("--authorized-keys", str(keys.authorized), "--config", str(server_file))
    reader_file = server.readers_dir / home_name(keys.reader) / ".config/tca-tui/config.toml"
    reader_file.parent.mkdir(parents=True)
    reader_file.write_text(READER_SETTINGS, encoding="utf-8")

    async with (
        await server.connect(keys.reader) as first,
        await server.connect(keys.other_reader) as second,
    ):
        mine, theirs = await PtyScreen.open(first, 120, 40), await PtyScreen.open(second, 120, 40)
        for screen in (mine, theirs):
            await screen.wait_for(FIRST_HEADLINE)
            assert "KZT/USD" not in screen.text()  # the server's ticker = false
        await mine.wait_for("ignored here")  # a notification: the reader's pager is not run

        # The palette's theme, kept in this reader's own file, comments and all.
        mine.process.stdin.write(b"\x10")  # ctrl+p
        await mine.wait_for("Search for commands")
        mine.process.stdin.write(b"theme")
        await mine.wait_for("Change the current theme")
        mine.process.stdin.write(b"\r")
        await mine.wait_for("catppuccin")
        mine.process.stdin.write(b"nord")
        await asyncio.sleep(0.5)
        mine.process.stdin.write(b"\r")
        kept = await wait_for_file_text(reader_file, 'theme = "nord"')
        assert kept.replace('theme = "nord"\n', "") == READER_SETTINGS
        assert server_file.read_text(encoding="utf-8") == SERVER_SETTINGS

        # This reader quits with their own key; the other with the server's.
        mine.process.stdin.write(b"x")
        theirs.process.stdin.write(b"q")
        mine.process.stdin.write(b"z")
        theirs.process.stdin.write(b"x")
        for screen in (mine, theirs):
            await asyncio.wait_for(screen.process.wait_closed(), 10)
            assert screen.process.exit_status == 0
    await no_apps_left(server)
    assert not Path("/tmp/owned").exists()
    other_home = server.readers_dir / home_name(keys.other_reader)
    assert not (other_home / ".config/tca-tui/config.toml").exists()
