"""An App whose every way out to the system asks the :class:`ReadingPolicy` first.

Textual offers an app several ways to reach beyond its screen: handing the terminal to
another program (``suspend``), stopping the process (``action_suspend_process``, with
a SIGTSTP handler in its Linux driver), opening a browser (``open_url``), writing files
(``deliver_text``/``deliver_binary``, ``save_screenshot``, ``deliver_screenshot``,
``action_screenshot``) and palette commands that do some of these. Here each of them
asks the policy; a served session's answer is a notification, never the act. The app's
own keys start programs only through :meth:`GuardedApp.run_program`.
"""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from textual.app import SuspendNotSupported, SystemCommand
from textual.driver import Driver
from textual.markup import escape
from textual.notifications import SeverityLevel
from textual.screen import Screen

from tui.reading_policy import ReadingPolicy, Refused
from tui.screens.command_palette import CommandPalette
from tui.textual_compat import AppWithoutTraceback

# Textual's own palette commands that only change what is on screen. Any other one
# (Screenshot today, whatever a later Textual adds) is left out of a served palette
# until someone has checked what it does.
SCREEN_ONLY_COMMANDS = frozenset({"Theme", "Quit", "Keys", "Maximize", "Minimize"})


class GuardedApp(AppWithoutTraceback):
    """Base of :class:`tui.app.TcaApp`: the system entry points, each behind the policy."""

    def __init__(self, policy: ReadingPolicy | None = None, **kwargs: Any) -> None:
        self.policy = policy or ReadingPolicy()
        """What this session may do besides reading; fixed for the app's life."""
        super().__init__(**kwargs)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notification is literal, whatever the caller asks: page text, file and
        folder names and error texts reach them, and markup there could even run an
        action (``[@click=app.quit]``). Widgets' and screens' ``notify`` come here too."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def refuse(self, refusal: Refused) -> None:
        """Tell the reader, in plain words shown literally, what was not done and why."""
        self.notify(str(refusal), severity="warning")

    def run_program(
        self, command: Sequence[str], *, input: bytes, env: Mapping[str, str], what: str
    ) -> None:
        """The one place the app starts a program: with the terminal handed over to it.

        Raises :class:`Refused` when the policy forbids ``what``, ``SuspendNotSupported``
        when the terminal cannot be handed over, and ``OSError`` when it cannot start.
        """
        self.policy.allow_program(what)
        with self.suspend():
            subprocess.run(list(command), input=input, env=dict(env), check=False)

    @contextmanager
    def suspend(self) -> Iterator[None]:
        if not self.policy.may_start_programs:
            # A served terminal is not ours to hand over: nothing would ever give it back.
            raise SuspendNotSupported("a served session keeps its terminal")
        with super().suspend():
            yield

    def action_suspend_process(self) -> None:
        try:
            self.policy.allow_program("suspend", "the session would freeze")
        except Refused as refusal:
            self.refuse(refusal)
            return
        super().action_suspend_process()

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        try:
            self.policy.allow_program("open a browser")
        except Refused as refusal:
            self.refuse(refusal)
            return
        super().open_url(url, new_tab=new_tab)

    def deliver_text(self, *args: Any, **kwargs: Any) -> str | None:
        if self._refused_file_write():
            return None
        return super().deliver_text(*args, **kwargs)

    def deliver_binary(self, *args: Any, **kwargs: Any) -> str | None:
        if self._refused_file_write():
            return None
        return super().deliver_binary(*args, **kwargs)

    def deliver_screenshot(self, *args: Any, **kwargs: Any) -> str | None:
        if self._refused_file_write():
            return None
        return super().deliver_screenshot(*args, **kwargs)

    def save_screenshot(self, *args: Any, **kwargs: Any) -> str:
        """Raises ``PermissionError`` in a served session (callers expect ``OSError``)."""
        if self._refused_file_write():
            raise PermissionError("a served session saves no files")
        return super().save_screenshot(*args, **kwargs)

    def _refused_file_write(self) -> bool:
        try:
            self.policy.allow_file_write("save files")
        except Refused as refusal:
            self.refuse(refusal)
            return True
        return False

    def get_driver_class(self) -> type[Driver]:
        driver_class = super().get_driver_class()
        return driver_class if self.policy.may_start_programs else _served(driver_class)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's commands, all of them locally and only screen-only ones when served;
        titles and help escaped, since the palette reads both as markup."""
        for command in super().get_system_commands(screen):
            if self.policy.may_start_programs or command.title in SCREEN_ONLY_COMMANDS:
                yield literal_command(command)

    def action_command_palette(self) -> None:
        """Textual's palette, but one that a burst of keys cannot make close twice (a
        served reader's paste would otherwise end the session)."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette"))


def literal_command(command: SystemCommand) -> SystemCommand:
    """``command`` with its title and help shown as written (the palette parses markup)."""
    return command._replace(title=escape(command.title), help=escape(command.help))


def _served(driver_class: type[Driver]) -> type[Driver]:
    """``driver_class`` that cannot be suspended and ignores SIGTSTP.

    Textual's Linux driver answers SIGTSTP by stopping its own process. In a served
    session the pty delivers one for a Ctrl+Z whenever it is not in raw mode (before the
    app has set it up, say), and a stopped app is a frozen session.
    """

    class ServedDriver(driver_class):  # type: ignore[valid-type, misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            if hasattr(signal, "SIGTSTP"):
                signal.signal(signal.SIGTSTP, signal.SIG_IGN)

        @property
        def can_suspend(self) -> bool:
            return False

    return ServedDriver
