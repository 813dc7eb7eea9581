"""Every action a served reader can reach starts no process and writes no file.

The test does not list the actions: it collects them from the running app. Every
binding of the app, of each screen the app opens and of each widget on them, every
palette command, and every argument-free ``action_*`` method of the app and its
screens (those are reachable from markup, were any to leak) runs once in a served
session while everything that starts a process, stops the process or opens a file for
writing is patched to record the attempt. So a new key that starts a program, on any
screen, fails this test until it goes through the :class:`ReadingPolicy`.
"""

from __future__ import annotations

import asyncio
import builtins
import inspect
import io
import os
import pty
import signal
import subprocess
import webbrowser
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from support.screen import settle
from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.pilot import Pilot
from textual.screen import Screen

import tui.app
from store.archive import Archive
from tui.app import TcaApp
from tui.reading_policy import ReadingPolicy

SERVED = ReadingPolicy(served=True)
PROCESS_STARTS = [
    (subprocess.Popen, "__init__"),
    (asyncio, "create_subprocess_exec"),
    (asyncio, "create_subprocess_shell"),
    (pty, "fork"),
    (pty, "spawn"),
    (webbrowser, "open"),
    *(
        (os, name)
        for name in dir(os)
        if name.startswith(("exec", "spawn", "posix_spawn", "fork")) or name == "system"
    ),
]
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
# Left out on the app's main screen only: they pop the only screen, which Textual
# refuses with an error by design (on every other screen they run).
POPS_THE_SCREEN = {"pop_screen", "dismiss"}


class Violations(list[str]):
    """What the actions tried that a served session must not do."""


@contextmanager
def forbidden(allowed: Path, violations: Violations) -> Iterator[None]:
    """Record in ``violations`` (and refuse, with ``PermissionError``) process starts,
    stop signals to this process and opening files for writing anywhere but under
    ``allowed``."""
    saved: list[tuple[object, str, object]] = []

    def patch(owner: object, name: str, replacement: object) -> None:
        saved.append((owner, name, getattr(owner, name)))
        setattr(owner, name, replacement)

    def refusing(what: str) -> Callable[..., Any]:
        def refused(*args: object, **kwargs: object) -> None:
            violations.append(f"{what}{args[1:3] if what.endswith('__init__') else args[:2]}")
            raise PermissionError(f"{what} in a served session")

        return refused

    for owner, name in PROCESS_STARTS:
        patch(owner, name, refusing(f"{getattr(owner, '__name__', owner)}.{name}"))

    real_kill, real_open, real_os_open = os.kill, builtins.open, os.open

    def kill(pid: int, sig: int) -> None:
        if pid in (0, os.getpid(), -os.getpgrp()) and sig in (signal.SIGTSTP, signal.SIGSTOP):
            refusing("os.kill")(pid, sig)
        real_kill(pid, sig)

    def writable_outside(path: object, writing: bool) -> bool:
        if not writing or isinstance(path, int):
            return False
        return not Path(os.fsdecode(path)).resolve().is_relative_to(allowed)  # type: ignore[arg-type]

    def open_(file: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        if writable_outside(file, any(flag in mode for flag in "wax+")):
            refusing("open")(file, mode)
        return real_open(file, mode, *args, **kwargs)  # type: ignore[call-overload]

    def os_open(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if writable_outside(path, bool(flags & WRITE_FLAGS)):
            refusing("os.open")(path, flags)
        return real_os_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    patch(os, "kill", kill)
    patch(builtins, "open", open_)
    patch(io, "open", open_)
    patch(os, "open", os_open)
    try:
        yield
    finally:
        for owner, name, original in reversed(saved):
            setattr(owner, name, original)


def bindings_of(node: DOMNode) -> list[Binding]:
    """The bindings ``node`` answers to: its class's ``BINDINGS`` and its bases', as
    Textual merges them (the palette's Ctrl+P, added at run time, runs as a free action)."""
    return [
        binding
        for cls in type(node).__mro__
        for binding in Binding.make_bindings(vars(cls).get("BINDINGS", []))
    ]


def free_actions(node: DOMNode) -> list[str]:
    """``action_*`` methods callable without arguments (Textual's and ours)."""
    names = []
    for attribute in dir(type(node)):
        if not attribute.startswith("action_"):
            continue
        parameters = inspect.signature(getattr(node, attribute)).parameters.values()
        if all(
            p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
            for p in parameters
        ):
            names.append(attribute.removeprefix("action_"))
    return names


class ActionRunner:
    """Runs each reachable action once; follows each screen an action opens, opening
    it again when one of its own actions (Esc, q) closed it before the rest ran."""

    def __init__(self, app: App, pilot: Pilot) -> None:
        self.app = app
        self.pilot = pilot
        self.ran: set[tuple[str, str]] = set()
        self.screens_seen: set[type[Screen]] = set()

    async def run(self, action: str, node: DOMNode) -> None:
        name = action.split("(")[0].split(".")[-1]
        key = (type(node).__name__, action)
        if key in self.ran or (name in POPS_THE_SCREEN and len(self.app.screen_stack) == 1):
            return
        self.ran.add(key)
        depth = len(self.app.screen_stack)
        await self.app.run_action(action, node)
        await self.settle()
        if len(self.app.screen_stack) > depth:
            await self.explore(depth, lambda: self.app.run_action(action, node))
        await self.back_to(depth)

    async def settle(self) -> None:
        await settle(self.pilot)

    async def back_to(self, depth: int) -> None:
        while len(self.app.screen_stack) > depth:
            self.app.pop_screen()
            await self.settle()

    async def explore(self, depth: int, reopen: Callable[[], Any] | None = None) -> None:
        """Every binding of the screen at ``depth`` and of its widgets, then its free
        actions; ``reopen`` brings the screen back (None: the main screen, always up)."""
        screen = self.app.screen
        if type(screen) in self.screens_seen:
            return
        self.screens_seen.add(type(screen))
        nodes: list[DOMNode] = [screen, *screen.walk_children(with_self=False)]
        todo = [
            (at, binding.action) for at, node in enumerate(nodes) for binding in bindings_of(node)
        ]
        todo += [(0, action) for action in free_actions(screen)]
        for at, action in todo:
            await self.back_to(depth + 1)
            if len(self.app.screen_stack) == depth and reopen is not None:
                await reopen()
                await self.settle()
            current = [self.app.screen, *self.app.screen.walk_children(with_self=False)]
            if type(self.app.screen) is type(screen) and at < len(current):
                await self.run(action, current[at])


@pytest.fixture
def state_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "state"
    folder.mkdir()
    return folder


async def run_everything(app: TcaApp, state_dir: Path, violations: Violations) -> ActionRunner:
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # an article open, so e, o and y have one to act on
        await settle(pilot)
        app.exit = lambda *args, **kwargs: None  # type: ignore[method-assign]  # quit: stays
        runner = ActionRunner(app, pilot)
        with forbidden(state_dir, violations):
            for binding in bindings_of(app):
                await runner.run(binding.action, app)
            for action in free_actions(app):
                await runner.run(action, app)
            await runner.explore(0)
            for command in list(app.get_system_commands(app.screen)):
                result = command.callback()
                if inspect.isawaitable(result):
                    await result
                await settle(pilot)
                while len(app.screen_stack) > 1:
                    app.pop_screen()
                    await settle(pilot)
        del app.exit
        assert app.is_running  # everything ran, and the session still answers
    return runner


async def test_no_reachable_action_starts_a_process_or_writes_a_file(
    archive: Archive, state_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(state_dir.parent)
    monkeypatch.setenv("PAGER", "sh -c 'touch should-not-exist'")
    app = TcaApp(archive, animate=False, policy=SERVED)
    violations = Violations()
    runner = await run_everything(app, state_dir, violations)
    assert violations == []
    ran = {action for _, action in runner.ran}
    # The ones that would reach the system locally were among those run.
    assert {"page_article", "export_article", "suspend_process", "screenshot"} <= ran
    screens = {screen.__name__ for screen in runner.screens_seen}
    assert {"HelpScreen", "ArticleView", "TickerHistoryScreen", "CommandPalette"} <= screens
    assert not (state_dir.parent / "should-not-exist").exists()


class CarelessApp(TcaApp):
    """What a future key might do without asking the policy."""

    CSS_PATH = str(Path(tui.app.__file__).with_name("app.tcss"))
    BINDINGS = [*TcaApp.BINDINGS, Binding("x", "open_editor", "Edit")]

    def action_open_editor(self) -> None:
        subprocess.run(["true"], check=False)


async def test_a_new_action_that_starts_a_process_fails_the_check(
    archive: Archive, state_dir: Path
) -> None:
    app = CarelessApp(archive, animate=False, policy=SERVED)
    violations = Violations()
    with pytest.raises(PermissionError, match="Popen"):
        await run_everything(app, state_dir, violations)
    assert any("Popen" in v for v in violations), violations
