"""What a reader's session may do besides reading: decided once, in one place.

``tca-tui serve`` starts each reader's app with ``SERVED_ENV=1``. A served reader sits
at a terminal somewhere else: any program the app started (a pager, an editor, a
browser) would run on the server as the serving user, and any file it saved would land
on the server's disk. So a served session starts no program, suspends nothing and
writes no file but the reader's own state. Locally those are the reader's own business.

The app (``tui.guarded_app``) routes every process start, hand-off and file write
through :class:`ReadingPolicy`; this module imports nothing of Textual, so the server
can name :data:`SERVED_ENV` without loading the UI.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Mapping
from dataclasses import dataclass

SERVED_ENV = "TCA_TUI_SERVED"
"""Set to ``1`` by ``tca-tui serve`` in each reader's environment."""

# Variables that would let a local `less` run commands or other programs for us:
# LESSOPEN/LESSCLOSE run an input preprocessor, LESSSECURE_ALLOW re-enables what
# LESSSECURE=1 turns off (!, |, :e, v, s, tags, lesskey files).
_PAGER_UNSAFE = ("LESSOPEN", "LESSCLOSE", "LESSSECURE_ALLOW")


class Refused(Exception):
    """The reader asked for something this session may not do; ``str()`` tells them why."""


@dataclass(frozen=True)
class ReadingPolicy:
    """Whether this session may reach beyond its own screen and state."""

    served: bool = False

    @property
    def may_start_programs(self) -> bool:
        """Start a pager, editor or browser, or hand the terminal to one (suspend)."""
        return not self.served

    @property
    def may_write_files(self) -> bool:
        """Write files other than the reader's own state (saved articles, screenshots)."""
        return not self.served

    def allow_program(self, what: str, why: str = "it would run on the server") -> None:
        """Raise :class:`Refused` unless this session may ``what`` (e.g. "start a pager")."""
        if not self.may_start_programs:
            raise Refused(f"Over SSH tca-tui does not {what}: {why}.")

    def allow_file_write(self, what: str) -> None:
        """Raise :class:`Refused` unless this session may ``what`` (e.g. "save files")."""
        if not self.may_write_files:
            raise Refused(f"Over SSH tca-tui does not {what}: they would land on the server.")


def pager_command(pager: str) -> list[str] | None:
    """The pager setting (``$PAGER``, the file's ``pager``, else ``less``) split into
    words, and ``None`` when it is empty (as for git: no pager wanted; the app then shows
    the article itself)."""
    try:
        return shlex.split(pager) or None
    except ValueError:  # an unclosed quote: the whole value names the program
        return [pager]


def pager_environment(environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The environment a pager starts with: ``less`` in secure mode, so that even on a
    shared login a pager reached through tca-tui runs no command and opens no file."""
    env = {name: value for name, value in environ.items() if name not in _PAGER_UNSAFE}
    env["LESSSECURE"] = "1"
    return env
