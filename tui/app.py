"""The tca-tui application: composes the panes and routes data between them.

Widgets know only themselves; this module asks the :class:`Archive` and the
:class:`HeadlineIndex` and hands the answers to whichever widget shows them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, work
from textual.actions import SkipAction
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal, Vertical
from textual.driver import Driver
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input
from textual.worker import Worker, WorkerState, get_current_worker

from store.archive import Archive
from store.errors import Cancelled
from store.models import Snapshot
from tui import text
from tui.collection import resume_collection
from tui.compacting_driver import compacting
from tui.guarded_app import GuardedApp, literal_command
from tui.messages import IndexReady, SearchFinished, TextSearchFinished
from tui.reading_habits import READING_BINDINGS, ReadingHabits
from tui.reading_policy import ReadingPolicy
from tui.screens.help import HelpScreen, HelpSection
from tui.textual_compat import app_driver
from tui.widgets.article_list import ArticleList
from tui.widgets.reader import ArticleReader
from tui.widgets.search_box import SearchBox
from tui.widgets.snapshot_list import SnapshotList
from tui.widgets.ticker import Ticker

if TYPE_CHECKING:
    # store.fuzzy loads numpy and rapidfuzz (a third of start-up): the workers import it.
    from store.fuzzy import HeadlineIndex

EMPTY_ARCHIVE = "This archive has no snapshots yet. Add some with: tca-tui load FILE_OR_FOLDER"
CHANGE_CHECK_SECONDS = 3.0  # how often to look for snapshots loaded by another process
SHOWN_MATCHES = 200  # the list shows at most this many; the count still says how many matched
TEXT_MATCHES = 50  # full-text hits shown, best first (each carries a snippet)
# What a reader is told when a worker of this group fails (each worker's group names it).
WHAT_FAILED = {
    "index": "Search is unavailable",
    "search": "Search is unavailable",
    "related": "Related articles are unavailable",
    "chart": "The ticker history is unavailable",
    "diff": "What changed is unavailable",
}
# Worker groups whose failure is only logged: without sparklines the ticker's quotes
# still show, and a notification would say more than the reader lost.
QUIET_FAILURES = {"sparklines"}


class TcaApp(ReadingHabits, GuardedApp):
    """Browse snapshots by date, filter headlines as you type, read articles."""

    TITLE = "The Times of Central Asia — snapshots"
    CSS_PATH = "app.tcss"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [
        (0, "-slim"),
        (60, "-narrow"),
        (100, "-wide"),
    ]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [
        (0, "-tiny"),
        (10, "-short"),
        (20, "-tall"),
    ]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "focus_next", "Next pane", show=False),
        Binding("shift+tab", "focus_previous", "Previous pane", show=False),
        # Priority: "/" is handled as it arrives, before the keys read with it are passed
        # on, so "/taliban" typed or pasted in one go lands in the box (see action_search).
        Binding("slash", "search", "Search", key_display="/", priority=True),
        Binding("n", "next_article", "Next article", show=False),
        Binding("p", "previous_article", "Previous article", show=False),
        Binding("right_square_bracket", "next_snapshot", "Next snapshot", show=False),
        Binding("left_square_bracket", "previous_snapshot", "Previous snapshot", show=False),
        Binding("escape", "back", "Back", show=False),
        Binding("t", "toggle_ticker", "Pause ticker"),
        Binding("r", "refresh", "Refresh snapshots", show=False),
        Binding("ctrl+l", "redraw", "Redraw the screen", show=False),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
        Binding("ctrl+z", "suspend_process", "Suspend to the shell", show=False,
                id="suspend_process"),
        *READING_BINDINGS,
    ]

    def __init__(
        self,
        archive: Archive,
        *,
        animate: bool = True,
        ascii_only: bool | None = None,
        log_error: Callable[[Exception], Path] | None = None,
        policy: ReadingPolicy | None = None,
    ) -> None:
        """``log_error`` writes an error's details to a log file and says where; the
        command passes its own, so a failed worker's notification can name the file.
        ``policy`` says what the session may do besides reading (by default, as the
        environment says: see :mod:`tui.reading_policy`)."""
        # Before App.__init__, which asks get_driver_class for the driver.
        self.ascii_only = not text.locale_is_utf8(os.environ) if ascii_only is None else ascii_only
        """Draw with ASCII only; by default, when the locale is not UTF-8."""
        text.use_ascii(self.ascii_only)
        super().__init__(policy=policy)
        self.archive = archive
        if not animate:
            # The same switch as TEXTUAL_ANIMATIONS=none: no smooth scrolling, no marquee.
            self.animation_level = "none"
        self.index: HeadlineIndex | None = None
        self._index_failed = False
        self.snapshot: Snapshot | None = None
        self._snapshot_pending = False  # a highlighted date waits to be shown
        self.search_query = ""
        self.search_full_text = False  # the query searches articles' text, not headlines
        self._open_when_found = False  # Enter came before the results for the query did
        self.unexpected_error: Exception | None = None
        self.log_error = log_error
        """What ended the app, if something went wrong: the command logs it."""

    def get_driver_class(self) -> type[Driver]:
        """The platform's driver, sending only style changes over the wire (see
        :mod:`tui.compacting_driver`): half the bytes per repaint over SSH. It also
        makes the output ASCII where the locale is not UTF-8."""
        return compacting(super().get_driver_class(), ascii_only=self.ascii_only)

    def unhandled_error(self, error: Exception) -> None:
        """An error nothing handled ends the app, as in Textual, but without the
        traceback Textual would print on exit: the command (``tui.cli.run_app``) logs it
        and prints one line pointing to the log."""
        self.unexpected_error = error

    async def on_event(self, event: events.Event) -> None:
        """Keys typed just before quitting, or still bubbling up from the focused widget,
        can reach the app once quitting has closed its screens (on a busy machine), and
        Textual would look up their bindings on a screen that is gone. The reader asked
        to leave: they are dropped."""
        if isinstance(event, events.Key) and not self.is_running:
            return
        await super().on_event(event)

    def get_key_display(self, binding: Binding) -> str:
        display = super().get_key_display(binding)
        if self.ascii_only and not display.isascii():  # "⏎", "↓": spell the key out
            modifiers, key = binding.parse_key()
            return "+".join([*modifiers, key])
        return display

    def get_default_screen(self) -> Screen:
        """The main screen, with its layout classes (-narrow, -tall...) set from the start.

        Textual sets them on the screen's first resize, after the first frame: an 80x24
        terminal saw the wide layout flash by before the narrow one.
        """
        screen = super().get_default_screen()
        width, height = self.size
        for dimension, breakpoints in (
            (width, self.HORIZONTAL_BREAKPOINTS),
            (height, self.VERTICAL_BREAKPOINTS),
        ):
            fitting = [name for least, name in breakpoints if dimension >= least]
            if fitting:
                screen.add_class(fitting[-1])
        return screen

    def compose(self) -> ComposeResult:
        yield Ticker(animate=self.animation_level != "none", id="ticker")
        with Horizontal(id="panes"):
            with Container(id="browse"):
                yield SnapshotList(id="snapshots")
                with Vertical(id="headlines"):
                    yield SearchBox(id="search")
                    yield ArticleList(id="articles")
            yield ArticleReader(id="reader")
        yield Footer()

    async def on_mount(self) -> None:
        snapshots = self.archive.snapshot_pages()
        self.query_one(SnapshotList).show_snapshots(snapshots)
        if snapshots:
            self.show_snapshot(snapshots[0])
        else:
            self.query_one(Ticker).set_quotes([])
            await self.query_one(ArticleReader).show_placeholder(EMPTY_ARCHIVE)
        self.watch(self.screen, "focused", self._track_reading)
        self._seen_version = self.archive.data_version()
        self.set_interval(CHANGE_CHECK_SECONDS, self._notice_new_snapshots)
        self.query_one(ArticleList).focus()
        # Indexing reads every headline: start it only once the first screen is up.
        self.call_after_refresh(self.build_index)
        self.call_after_refresh(resume_collection)  # paused for start-up by tui.startup

    def _track_reading(self, focused: Widget | None) -> None:
        """Slim layouts show the reader only while it has focus."""
        self.screen.set_class(isinstance(focused, ArticleReader), "-reading")

    # --- snapshots and articles -------------------------------------------------------

    def show_snapshot(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.query_one(Ticker).set_quotes(self.archive.quotes(snapshot.id))
        self.find_recent_rates(snapshot.id)
        if not self.search_query:
            self._list_snapshot_articles()

    @work(thread=True, exclusive=True, group="sparklines", exit_on_error=False)
    def find_recent_rates(self, snapshot_id: int) -> None:
        """The ticker's sparklines, read off the UI thread once its quotes are up."""
        history = self.archive.recent_rates(snapshot_id)
        self.call_from_thread(self._show_recent_rates, snapshot_id, history)

    def _show_recent_rates(self, snapshot_id: int, history: dict[str, list[float]]) -> None:
        if self.snapshot is not None and self.snapshot.id == snapshot_id:
            self.query_one(Ticker).set_history(history)

    def _list_snapshot_articles(self) -> None:
        if self.showing_starred:
            self.list_starred()
        elif self.snapshot is not None:
            articles = self.archive.articles_in(self.snapshot.id)
            marks = self.article_marks(articles)
            self.query_one(ArticleList).show_snapshot(self.snapshot, articles, marks)

    async def open_article(self, article_id: int) -> None:
        reader = self.query_one(ArticleReader)
        if reader.article is not None and reader.article.id == article_id:
            return
        article = self.archive.article(article_id)
        self.forget_related()
        if article is None:
            await reader.show_placeholder("This article is no longer in the archive.")
        else:
            await reader.show_article(article)
            self.mark_read_when_reading()
            self.find_related(article_id)

    def on_snapshot_list_snapshot_highlighted(
        self, event: SnapshotList.SnapshotHighlighted
    ) -> None:
        # Holding j runs through dates faster than each one's articles, reader and ticker
        # can be drawn (~0.25 s at a million articles): the snapshot shown is the one the
        # cursor is on once the keys already typed are handled; those it passed are not.
        if not self._snapshot_pending:
            self._snapshot_pending = True
            self.call_later(self._show_highlighted_snapshot)

    def _show_highlighted_snapshot(self) -> None:
        self._snapshot_pending = False
        snapshot = self.query_one(SnapshotList).current
        if snapshot is None:
            return  # the Starred row: its own handler lists the stars
        if self.showing_starred or self.snapshot is None or snapshot.id != self.snapshot.id:
            self.showing_starred = False
            self.show_snapshot(snapshot)

    def on_snapshot_list_snapshot_chosen(self, event: SnapshotList.SnapshotChosen) -> None:
        self.query_one(ArticleList).focus()

    async def on_article_list_article_highlighted(
        self, event: ArticleList.ArticleHighlighted
    ) -> None:
        await self.open_article(event.article_id)

    async def on_article_list_article_chosen(self, event: ArticleList.ArticleChosen) -> None:
        await self.open_article(event.article_id)
        self.query_one(ArticleReader).focus()

    # --- another process loading snapshots -------------------------------------------

    def _notice_new_snapshots(self) -> None:
        version = self.archive.data_version()
        if version != self._seen_version:
            self._seen_version = version
            self.reload_archive(quiet=True)

    def reload_archive(self, *, quiet: bool = False) -> None:
        """Read the snapshots again, keeping the one selected, and rebuild the headline
        index (in its worker, which then repeats the search on screen)."""
        dates = self.query_one(SnapshotList)
        before = len(dates.snapshots)
        snapshots = self.archive.snapshot_pages()
        dates.show_snapshots(snapshots, keep_id=self.snapshot.id if self.snapshot else None)
        self._index_failed = False
        self.build_index()
        added = len(snapshots) - before
        if added > 0:
            self.notify(f"{added} new snapshot{'' if added == 1 else 's'}")
        elif not quiet:
            self.notify("No new snapshots")

    # --- search -----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def build_index(self) -> None:
        from store.fuzzy import HeadlineIndex

        self.post_message(IndexReady(HeadlineIndex.for_archive(self.archive)))

    def on_index_ready(self, event: IndexReady) -> None:
        self.index = event.index
        if self.search_query:
            self.start_search(self.search_query)

    def start_search(self, query: str) -> None:
        if self.search_full_text:
            self.run_text_search(query)
        elif self.index is None:
            waiting = f"indexing{text.glyphs.ellipsis}"
            reason = "search unavailable" if self._index_failed else waiting
            self.query_one(ArticleList).show_waiting(query, reason)
        else:
            self.run_search(self.index, query)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, index: HeadlineIndex, query: str) -> None:
        """Search off the UI thread; a newer keystroke's search cancels this one."""
        worker = get_current_worker()
        try:
            result = index.search(query, limit=SHOWN_MATCHES, cancelled=lambda: worker.is_cancelled)
        except Cancelled:
            return
        self.post_message(SearchFinished(result))

    async def on_search_finished(self, event: SearchFinished) -> None:
        if event.result.query != self.search_query:
            return  # a newer query is on its way
        articles = self.query_one(ArticleList)
        articles.show_results(event.result)
        if self._open_when_found:
            self._open_when_found = False
            await self._open_current_match()

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_text_search(self, query: str) -> None:
        """FTS5 over headlines and bodies; the user's text is quoted, never FTS syntax.
        A newer keystroke's search stops this one's query where it is."""
        worker = get_current_worker()
        try:
            hits = self.archive.search_bodies(query, TEXT_MATCHES, lambda: worker.is_cancelled)
        except Cancelled:
            return
        self.post_message(TextSearchFinished(query, hits))

    async def on_text_search_finished(self, event: TextSearchFinished) -> None:
        if event.query != self.search_query or not self.search_full_text:
            return  # a newer query (or the other mode) is on its way
        self.query_one(ArticleList).show_text_results(event.query, event.hits, TEXT_MATCHES)
        if self._open_when_found:
            self._open_when_found = False
            await self._open_current_match()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.ERROR:
            return
        self.log.error(f"{event.worker.name} failed", event.worker.error)
        where = "the log"
        if self.log_error is not None and isinstance(event.worker.error, Exception):
            where = str(self.log_error(event.worker.error))
        if event.worker.group == "index":
            self._index_failed = True
            if self.search_query:
                self.start_search(self.search_query)
        if event.worker.group in QUIET_FAILURES:
            return
        failed = WHAT_FAILED.get(event.worker.group, "Something went wrong in the background")
        self.notify(f"{failed}; details in {where}", severity="error")

    def on_search_box_changed(self, event: SearchBox.Changed) -> None:
        self.search_query = event.query.strip()
        self.search_full_text = event.full_text
        self._open_when_found = False
        if self.search_query:
            self.start_search(self.search_query)
        else:
            self.workers.cancel_group(self, "search")
            self._list_snapshot_articles()

    async def on_search_box_submitted(self, event: SearchBox.Submitted) -> None:
        articles = self.query_one(ArticleList)
        shown = (articles.shown_query, articles.shown_full_text)
        if shown == (self.search_query, self.search_full_text):
            await self._open_current_match()
        elif self.search_query:
            self._open_when_found = True

    def on_search_box_cleared(self, event: SearchBox.Cleared) -> None:
        self.workers.cancel_group(self, "search")
        self.search_query = ""
        self._open_when_found = False
        self._list_snapshot_articles()
        self.query_one(ArticleList).focus()

    async def _open_current_match(self) -> None:
        article_id = self.query_one(ArticleList).current_article_id
        if article_id is not None:
            await self.open_article(article_id)
            self.query_one(ArticleReader).focus()

    # --- actions ----------------------------------------------------------------------

    def action_search(self) -> None:
        """Focus the search box at once, not after the keys already read are dispatched.

        ``Widget.focus`` defers the change; by then the letters typed with the "/" would
        have gone to the list as commands. Where "/" is text (an input has focus) or
        another screen is up, the key goes on as usual.
        """
        if isinstance(self.focused, Input) or self.screen is not self.screen_stack[0]:
            raise SkipAction()
        self.screen.set_focus(self.query_one(SearchBox).input)

    def action_next_article(self) -> None:
        self.query_one(ArticleList).move(1)

    def action_previous_article(self) -> None:
        self.query_one(ArticleList).move(-1)

    def action_next_snapshot(self) -> None:
        self.query_one(SnapshotList).move(1)

    def action_previous_snapshot(self) -> None:
        self.query_one(SnapshotList).move(-1)

    def action_refresh(self) -> None:
        self.reload_archive()

    def action_redraw(self) -> None:
        """Paint every cell again, as ``less`` and ``vim`` do: something else (a
        background job, a message from the system) may have written over the screen, and
        the driver only sends cells it believes have changed (see tui.screen_diff)."""
        forget_screen = getattr(app_driver(self), "forget_screen", None)
        if forget_screen is not None:
            forget_screen()
        self.screen.refresh(self.screen.region)

    def action_toggle_ticker(self) -> None:
        self.query_one(Ticker).toggle_pause()

    def action_back(self) -> None:
        """Esc: reader → headlines → dates; a search filter is cleared first."""
        focused = self.focused
        if isinstance(focused, ArticleReader):
            self.query_one(ArticleList).focus()
        elif self.search_query:
            self.query_one(SearchBox).action_clear()
        else:
            self.query_one(SnapshotList).focus()

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.help_sections()))

    def help_sections(self) -> list[HelpSection]:
        palette = Binding(self.COMMAND_PALETTE_BINDING, "command_palette", "Command palette")
        return [
            ("Everywhere", [*self.BINDINGS, palette]),
            ("Snapshot dates", SnapshotList.BINDINGS),
            ("Articles", ArticleList.BINDINGS),
            ("Reader", ArticleReader.BINDINGS),
            ("Search box", SearchBox.BINDINGS),
            *self.regular_help_sections(),
            ("Help", HelpScreen.BINDINGS),
        ]

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette offers the same app-wide actions, with the same names, as the keys
        (after Textual's own, which :class:`GuardedApp` trims for a served session)."""
        yield from super().get_system_commands(screen)
        for binding in Binding.make_bindings(self.BINDINGS):
            if binding.description and binding.action != "quit":  # the base class has Quit
                yield literal_command(SystemCommand(
                    binding.description,
                    f"key: {self.get_key_display(binding)}",
                    lambda action=binding.action: self.run_action(action),
                ))
