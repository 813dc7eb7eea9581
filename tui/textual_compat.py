"""Every use of Textual's private API in tca-tui (and its tests), and nowhere else.

Textual has no public way to do these few things. Each is wrapped here with why we need
it and what to check when Textual is upgraded (pyproject.toml bounds it below the next
major, 9): read the named Textual source, run the tests named, and look at the app.
Anything private that is not here is a bug (tests/test_textual_compat.py looks).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, TYPE_CHECKING

from textual.app import App

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual.driver import Driver
    from textual.notifications import Notification
    from textual.strip import Strip
    from textual.style import Style as VisualStyle
    from textual.widget import Widget


class AppWithoutTraceback(App[None]):
    """An app whose unhandled error ends it, as in Textual, but is passed to
    :meth:`unhandled_error` instead of being printed as a traceback on exit: the command
    logs it and prints one line (a user never sees a Python traceback).

    Uses ``App._handle_exception`` (Textual calls it with every error nothing handled)
    and ``App._exit_renderables`` (what it prints on exit). On upgrade: check that
    ``textual/app.py``'s ``_handle_exception`` still ends the app and that the traceback
    is still queued in ``_exit_renderables``; run tests/test_app_hardening.py.
    """

    def unhandled_error(self, error: Exception) -> None:
        """What ended the app; called before it exits."""

    def _handle_exception(self, error: Exception) -> None:
        self.unhandled_error(error)
        super()._handle_exception(error)
        self._exit_renderables.clear()


def app_driver(app: App) -> Driver | None:
    """The driver the app runs on (None before it runs). ``App._driver``: no public
    accessor. On upgrade: ``App._driver`` in textual/app.py; Ctrl-L still repaints
    (tests/test_screen_diff_tmux.py)."""
    return app._driver


def driver_output(driver: Driver) -> IO[str] | None:
    """The file a driver writes the terminal's output to, to ask the terminal's size.
    ``Driver._file`` (set by the Linux and headless drivers' ``__init__``; absent from
    some others, hence None). On upgrade: ``self._file`` in textual/drivers/linux_driver.py;
    run tests/test_screen_diff_tmux.py (resizing)."""
    return getattr(driver, "_file", None)


def style_lookup(widget: Widget) -> Callable[[str], VisualStyle | None]:
    """The widget's ``get_style`` for ``Content.render`` (component classes named with a
    dot), which Textual's own render path passes: ``Widget._get_style``. On upgrade:
    ``Widget._get_style`` in textual/widget.py and the ``get_style`` argument of
    ``Content.render``; the dates pane must look the same (tests/test_app_layout.py)."""
    return widget._get_style


def full_frame(app: App, *, background_screens: bool = False) -> RenderableType:
    """The whole current screen as one full update, as the driver would be sent it;
    with ``background_screens``, the screens that show through a modal one too.
    ``Screen._compositor`` and ``App._background_screens``: there is no public way to
    render the screen as text but an SVG screenshot. On upgrade: ``render_update`` in
    textual/_compositor.py; run tests/test_screen_diff.py and the screenshot tests."""
    screen_stack = app._background_screens if background_screens else None
    return app.screen._compositor.render_update(full=True, screen_stack=screen_stack)


def frame_text(app: App) -> str:
    """:func:`full_frame` as the escape sequences Textual writes to the terminal."""
    return full_frame(app).render_segments(app.console)  # type: ignore[union-attr]


def screen_strips(app: App) -> list[Strip]:
    """Each line of the current screen as composed, before it becomes terminal output
    (``Screen._compositor.render_strips``; see :func:`full_frame`)."""
    return app.screen._compositor.render_strips()


def notifications(app: App) -> list[Notification]:
    """The notifications the app is showing, oldest first, for tests to read.
    ``App._notifications``: the toasts are the only public view. On upgrade:
    ``Notifications`` in textual/notifications.py; run tests/test_app_export.py."""
    return list(app._notifications)
