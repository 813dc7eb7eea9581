"""The tca-tui application: composes the panes and routes data between them.

Widgets know only themselves; this module asks the :class:`Archive` and the
:class:`HeadlineIndex` and hands the answers to whichever widget shows them.
"""

from __future__ import annotations

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
from store.countries import tagger
from store.errors import Cancelled
from store.models import Snapshot
from tui import text
from tui.cli.collection import resume_collection
from tui.config.check import check_settings
from tui.config.file import save_theme
from tui.config.keymap import BindingSection, remapped
from tui.config.settings import Settings
from tui.config.themes import THEMES
from tui.country_filter import CountryFilter
from tui.guarded_app import GuardedApp, literal_command
from tui.messages import IndexReady, SearchFinished, TextSearchFinished
from tui.reading_habits import READING_BINDINGS, ReadingHabits
from tui.reading_policy import ReadingPolicy
from tui.screens.help import HelpScreen, HelpSection
from tui.terminal.driver import compacting
from tui.textual_compat import app_driver
from tui.widgets.article_list import ArticleList
from tui.widgets.country_row import CountryRow
from tui.widgets.reader import ArticleReader
from tui.widgets.search_box import SearchBox
from tui.widgets.snapshot_list import SnapshotList
from tui.widgets.ticker import Ticker

if TYPE_CHECKING:
    # store.search.fuzzy loads numpy and rapidfuzz (a third of start-up): the workers import it.
    from store.search.fuzzy import HeadlineIndex

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
        Binding("tab", "focus_next", "Next pane", show=False, id="focus_next"),
        Binding("shift+tab", "focus_previous", "Previous pane", show=False, id="focus_previous"),
        # Priority: "/" is handled as it arrives, before the keys read with it are passed
        # on, so "/taliban" typed or pasted in one go lands in the box (see action_search).
        Binding("slash", "search", "Search", key_display="/", priority=True, id="search"),
        Binding("n", "next_article", "Next article", show=False, id="next_article"),
        Binding("p", "previous_article", "Previous article", show=False, id="previous_article"),
        Binding(
            "right_square_bracket", "next_snapshot", "Next snapshot", show=False, id="next_snapshot"
        ),
        Binding(
            "left_square_bracket",
            "previous_snapshot",
            "Previous snapshot",
            show=False,
            id="previous_snapshot",
        ),
        Binding("escape", "back", "Back", show=False, id="back"),
        Binding("t", "toggle_ticker", "Pause ticker", id="toggle_ticker"),
        Binding("f", "next_country", "Next country", id="next_country"),
        Binding("F", "previous_country", "Previous country", show=False, id="previous_country"),
        Binding("r", "refresh", "Refresh snapshots", show=False, id="refresh"),
        Binding("ctrl+l", "redraw", "Redraw the screen", show=False, id="redraw"),
        Binding("question_mark", "help", "Help", key_display="?", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
        Binding(
            "ctrl+z", "suspend_process", "Suspend to the shell", show=False, id="suspend_process"
        ),
        *READING_BINDINGS,
    ]

    def __init__(
        self,
        archive: Archive,
        *,
        settings: Settings | None = None,
        animate: bool | None = None,
        ascii_only: bool | None = None,
        log_error: Callable[[Exception], Path] | None = None,
        policy: ReadingPolicy | None = None,
    ) -> None:
        """``settings`` are those the command built (default: every default); ``animate``
        and ``ascii_only`` override theirs. ``log_error`` writes an error's details to a
        log file and says where; the command passes its own, so a failed worker's
        notification can name the file. ``policy`` says what the session may do besides
        reading (by default, as the settings say: see :mod:`tui.reading_policy`)."""
        self.settings = settings or Settings()
        # Before App.__init__, which asks get_driver_class for the driver.
        self.ascii_only = self.settings.ascii_only if ascii_only is None else ascii_only
        """Draw with ASCII only: the locale is not UTF-8, or the settings say so."""
        text.use_ascii(self.ascii_only)
        super().__init__(policy=policy or ReadingPolicy(served=self.settings.served))
        for theme in THEMES:
            self.register_theme(theme)
        self.keymap, self.settings_problems = check_settings(
            self.settings, self.binding_sections(), self.available_themes
        )
        """The reader's keys as Textual applies them, and what in the settings cannot apply
        (the command prints these on stderr; the app shows them once it is up)."""
        self.set_keymap(self.keymap)
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self._kept_theme = self.settings.theme  # what the settings file says, as far as we know
        self._reported_clashes: set[str] = set()
        self.archive = archive
        if not (self.settings.animate if animate is None else animate):
            # The same switch as TEXTUAL_ANIMATIONS=none: no smooth scrolling, no marquee.
            self.animation_level = "none"
        self.index: HeadlineIndex | None = None
        self._index_failed = False
        self.snapshot: Snapshot | None = None
        self._snapshot_pending = False  # a highlighted date waits to be shown
        self.search_query = ""
        self.search_full_text = False  # the query searches articles' text, not headlines
        self._open_when_found = False  # Enter came before the results for the query did
        self.country_filter = CountryFilter(tagger().codes)
        self.unexpected_error: Exception | None = None
        self.log_error = log_error
        """What ended the app, if something went wrong: the command logs it."""

    def get_driver_class(self) -> type[Driver]:
        """The platform's driver, sending only style changes over the wire (see
        :mod:`tui.terminal.driver`): half the bytes per repaint over SSH. It also
        makes the output ASCII where the locale is not UTF-8."""
        return compacting(super().get_driver_class(), ascii_only=self.ascii_only)

    def unhandled_error(self, error: Exception) -> None:
        """An error nothing handled ends the app, as in Textual, but without the
        traceback Textual would print on exit: the command (``tui.cli.commands.run_app``) logs it
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
        ticker = Ticker(animate=self.animation_level != "none", id="ticker")
        ticker.display = self.settings.ticker
        yield ticker
        with Horizontal(id="panes"):
            with Container(id="browse"):
                yield SnapshotList(id="snapshots")
                with Vertical(id="headlines"):
                    yield SearchBox(id="search")
                    yield CountryRow(self.country_filter.codes, id="countries")
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
        self.call_after_refresh(resume_collection)  # paused for start-up by tui.cli.startup
        for problem in self.settings_problems:
            self.notify(problem, severity="warning", timeout=10, markup=False)
        self.watch(self, "theme", self.keep_theme, init=False)

    def keep_theme(self, theme: str) -> None:
        """A theme chosen in the palette is written to the settings file, for next time."""
        if theme != self._kept_theme and self.settings.config_path is not None:
            self._kept_theme = theme
            self._save_theme(theme)

    @work(thread=True, exclusive=True, group="theme", exit_on_error=False)
    def _save_theme(self, theme: str) -> None:
        assert self.settings.config_path is not None
        if (problem := save_theme(self.settings.config_path, theme)) is not None:
            self.call_from_thread(self.notify, problem, severity="warning", markup=False)

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node: object) -> None:
        """Textual dropped a binding for a key the keymap gave another; said once (a
        clash it can see in advance was said at start-up already)."""
        for binding in clashed_bindings:
            said = f"key {binding.key!r} is bound twice"
            if said in self._reported_clashes or any(said in p for p in self.settings_problems):
                continue
            self._reported_clashes.add(said)
            self.notify(
                f"{said}: {binding.id or binding.action} loses it", severity="warning", markup=False
            )

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
            countries = self.country_filter
            self.query_one(CountryRow).set_counts(countries.counts(articles), len(articles))
            articles = countries.narrow(articles)
            marks = self.article_marks(articles)
            self.query_one(ArticleList).show_snapshot(
                self.snapshot, articles, marks, country=countries.active
            )

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
        from store.search.fuzzy import HeadlineIndex

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
        country = self.country_filter.active
        only = self.country_filter.mask(index, self.archive, country)
        try:
            result = index.search(
                query, limit=SHOWN_MATCHES, cancelled=lambda: worker.is_cancelled, only=only
            )
        except Cancelled:
            return
        countries = self.archive.countries_of(m.article_id for m in result.matches)
        self.post_message(SearchFinished(result, country, countries))

    async def on_search_finished(self, event: SearchFinished) -> None:
        if (event.result.query, event.country) != (self.search_query, self.country_filter.active):
            return  # a newer query (or country) is on its way
        articles = self.query_one(ArticleList)
        articles.show_results(event.result, event.countries, event.country)
        if self._open_when_found:
            self._open_when_found = False
            await self._open_current_match()

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_text_search(self, query: str) -> None:
        """FTS5 over headlines and bodies; the user's text is quoted, never FTS syntax.
        A newer keystroke's search stops this one's query where it is."""
        worker = get_current_worker()
        country = self.country_filter.active
        try:
            hits = self.archive.search_bodies(
                query, TEXT_MATCHES, lambda: worker.is_cancelled, country=country
            )
        except Cancelled:
            return
        countries = self.archive.countries_of(h.article_id for h in hits)
        self.post_message(TextSearchFinished(query, hits, country, countries))

    async def on_text_search_finished(self, event: TextSearchFinished) -> None:
        if (event.query, event.country) != (
            self.search_query,
            self.country_filter.active,
        ) or not self.search_full_text:
            return  # a newer query (or the other mode, or country) is on its way
        self.query_one(ArticleList).show_text_results(
            event.query, event.hits, TEXT_MATCHES, event.countries, event.country
        )
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
        the driver only sends cells it believes have changed (see tui.terminal.screen_diff)."""
        forget_screen = getattr(app_driver(self), "forget_screen", None)
        if forget_screen is not None:
            forget_screen()
        self.screen.refresh(self.screen.region)

    # --- country sections -------------------------------------------------------------

    def action_next_country(self) -> None:
        """f: narrow the headlines (and the search) to the next country; after the last,
        every country again."""
        self.show_country(self.country_filter.step(1))

    def action_previous_country(self) -> None:
        self.show_country(self.country_filter.step(-1))

    def on_country_row_chosen(self, event: CountryRow.Chosen) -> None:
        self.show_country(event.country)

    def show_country(self, country: str | None) -> None:
        """Narrow the article list and the live search to ``country`` (None: all)."""
        self.country_filter.active = country
        self.query_one(CountryRow).active = country
        if self.search_query:
            self.start_search(self.search_query)
        else:
            self._list_snapshot_articles()

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

    @classmethod
    def binding_sections(cls) -> list[BindingSection]:
        """Every binding of the app, by where it applies: what ``[keys]`` may remap."""
        return [
            ("Everywhere", cls.BINDINGS),
            ("Snapshot dates", SnapshotList.BINDINGS),
            ("Articles", ArticleList.BINDINGS),
            ("Reader", ArticleReader.BINDINGS),
            ("Search box", SearchBox.BINDINGS),
            *cls.regular_help_sections(),
            ("Help", HelpScreen.BINDINGS),
        ]

    def help_sections(self) -> list[HelpSection]:
        """The sections as the reader's keymap makes them, plus the palette's key."""
        # Textual's own binding, which has no id: the help shows it with none.
        palette = Binding(self.COMMAND_PALETTE_BINDING, "command_palette", "Command palette")
        sections = [
            (title, remapped(bindings, self.keymap)) for title, bindings in self.binding_sections()
        ]
        sections[0][1].append(palette)
        return sections

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette offers the same app-wide actions, with the same names, as the keys
        (after Textual's own, which :class:`GuardedApp` trims for a served session)."""
        yield from super().get_system_commands(screen)
        offered: set[str | None] = set()
        for binding in remapped(self.BINDINGS, self.keymap):
            if binding.id in offered:
                continue  # a second key for the same action
            offered.add(binding.id)
            if binding.description and binding.action != "quit":  # the base class has Quit
                yield literal_command(
                    SystemCommand(
                        binding.description,
                        f"key: {self.get_key_display(binding)}",
                        lambda action=binding.action: self.run_action(action),
                    )
                )
        names = tagger()
        for code in self.country_filter.codes:
            yield literal_command(
                SystemCommand(
                    f"Only {names.name_of(code)}",
                    f"narrow the headlines and the search to articles mentioning it ({code})",
                    lambda code=code: self.show_country(code),
                )
            )
        yield literal_command(
            SystemCommand(
                "Every country",
                "stop narrowing the headlines to one country",
                lambda: self.show_country(None),
            )
        )
