"""The driver tca-tui runs on: the platform's Textual driver, sending fewer bytes.

Each write to the terminal goes through :class:`tui.terminal.screen_diff.ScreenDiff` (only the
cells that change) and then :class:`tui.terminal.sgr.SgrCompactor` (only the attribute
changes they need, in ASCII where the locale is not UTF-8).
"""

from __future__ import annotations

import os
import threading

from textual.driver import Driver

from tui.terminal.screen_diff import ScreenDiff
from tui.terminal.sgr import SgrCompactor
from tui.textual_compat import driver_output


def compacting(driver_class: type[Driver], *, ascii_only: bool = False) -> type[Driver]:
    """``driver_class`` sending only the cells that change (:mod:`tui.terminal.screen_diff`), with
    only the attribute changes they need (:class:`SgrCompactor`), in ASCII if
    ``ascii_only``."""

    class CompactingDriver(driver_class):  # type: ignore[valid-type, misc]
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self._screen_diff = ScreenDiff()
            self._compactor = SgrCompactor(ascii_only=ascii_only)
            self._known_size: tuple[int, int] | None = None
            self._write_lock = threading.Lock()

        def forget_screen(self) -> None:
            """Send the next frames in full: the terminal may show something else now."""
            self._screen_diff.forget()

        def _terminal_size(self) -> tuple[int, int] | None:
            try:
                output = driver_output(self)
                return tuple(os.get_terminal_size(output.fileno()))  # type: ignore[union-attr, return-value]
            except (AttributeError, OSError, ValueError):
                return None

        def write(self, data: str) -> None:
            # One write at a time, queued in the order rewritten: the input thread writes
            # too (terminal queries), and each rewrite depends on the ones before it.
            with self._write_lock:
                # A terminal may keep, move or clear what it showed when its size changes.
                if (size := self._terminal_size()) != self._known_size:
                    self._known_size = size
                    self._screen_diff.resize(size)
                super().write(self._compactor.compact(self._screen_diff.apply(data)))

        def stop_application_mode(self) -> None:
            # Blank the alternate screen before leaving it: after a resize, tmux may
            # otherwise leave the last frame above the shell's prompt.
            self.write("\x1b[0m\x1b[2J")
            super().stop_application_mode()

    CompactingDriver.__name__ = CompactingDriver.__qualname__ = f"Compacting{driver_class.__name__}"
    return CompactingDriver
