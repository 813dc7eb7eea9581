"""Reading like a regular: read state and stars, what changed between snapshots, the
ticker's history, and taking an article away (save, page, copy).

A mixin of :class:`tui.app.TcaApp`, kept apart so the app module stays about composing
panes. The state itself lives in :class:`store.reading.ReadingState` (the reader's own
database), keyed by article key, never in the shared archive.
"""

from __future__ import annotations

import locale
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from textual import events, work
from textual.app import SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.worker import Worker, get_current_worker

from store.models import Article, ArticleSummary, QuoteAt, Snapshot, SnapshotDiff
from store.reading import IN_MEMORY, ReadingState
from tui.config.settings import Settings
from tui.export import article_markdown, article_text, save_markdown
from tui.reading_policy import Refused, pager_command, pager_environment
from tui.screens.article_view import ArticleView
from tui.screens.snapshot_diff import SnapshotDiffScreen
from tui.screens.ticker_history import TickerHistoryScreen
from tui.widgets.article_list import ArticleList, RowMarks
from tui.widgets.reader import ArticleReader
from tui.widgets.related_list import RelatedArticles
from tui.widgets.snapshot_list import SnapshotList, starred_label
from tui.widgets.ticker import Ticker

if TYPE_CHECKING:
    from store.archive import Archive
    from tui.guarded_app import GuardedApp

    _Base = GuardedApp
else:
    _Base = object

T = TypeVar("T")
RELATED = 5  # related articles under the one being read

READING_BINDINGS: list[BindingType] = [
    Binding("m", "toggle_read", "Read / unread", show=False, id="toggle_read"),
    Binding("M", "mark_snapshot_read", "Mark snapshot read", show=False, id="mark_snapshot_read"),
    Binding("s", "toggle_star", "Star / unstar", show=False, id="toggle_star"),
    Binding("d", "show_diff", "What changed since the previous date", show=False, id="show_diff"),
    Binding("c", "ticker_history", "Ticker history chart", show=False, id="ticker_history"),
    Binding("e", "export_article", "Save the article as Markdown", show=False, id="export_article"),
    Binding(
        "o", "page_article", "Read the article full screen ($PAGER)", show=False, id="page_article"
    ),
    Binding("y", "copy_article", "Copy headline and body", show=False, id="copy_article"),
    *(
        Binding(
            str(n),
            f"open_related({n})",
            f"Open related article {n}",
            show=False,
            id=f"open_related_{n}",
        )
        for n in range(1, RELATED + 1)
    ),
]


class ReadingHabits(_Base):
    """The app's keys for regulars (``READING_BINDINGS``) and what they show."""

    archive: Archive
    settings: Settings
    snapshot: Snapshot | None
    search_query: str
    showing_starred = False  # the Starred row, not a snapshot, fills the article list
    _reading: ReadingState | None = None
    _diff_worker: Worker | None = None  # the diff being looked up for d, if any
    _diff_wanted: int | None = None  # which snapshot's
    _diff_screen: Screen | None = None  # the screen d was pressed on

    @property
    def reading(self) -> ReadingState:
        """The reader's state (store/reading.py); until one is given, kept in memory."""
        if self._reading is None:
            self._reading = ReadingState(IN_MEMORY)
        return self._reading

    def use_reading_state(self, reading: ReadingState) -> None:
        """Keep what the reader reads and stars in ``reading``; call before ``run``."""
        self._reading = reading

    async def on_mount(self) -> None:
        """After the app's own on_mount (Textual calls both, the app's first)."""
        # Related articles go under the article, inside the reader's scroll.
        await self.query_one(ArticleReader).mount(RelatedArticles(id="related"))
        snapshot_list = self.query_one(SnapshotList)
        snapshot_list.unread_count = self.snapshot_unread_count
        snapshot_list.set_starred_count(len(self.reading.starred()))
        snapshot_list.forget_unread()
        self.watch(self.screen, "focused", self.mark_read_when_reading)

    @classmethod
    def regular_help_sections(cls) -> list[tuple[str, Sequence[BindingType]]]:
        """The help screen's sections for the screens these keys open."""
        return [
            ("Snapshot diff", SnapshotDiffScreen.BINDINGS),
            ("Ticker history", TickerHistoryScreen.BINDINGS),
        ]

    # --- marks ------------------------------------------------------------------------

    def article_marks(self, articles: Sequence[ArticleSummary]) -> RowMarks:
        """Which of ``articles`` are unread and starred, as the list marks them."""
        keys = self.archive.article_keys(a.id for a in articles)
        read = self.reading.read_among(keys.values())
        starred = self.reading.starred_among(keys.values())
        return RowMarks(
            unread=frozenset(id_ for id_, key in keys.items() if key not in read),
            starred=frozenset(id_ for id_, key in keys.items() if key in starred),
            new=self.new_marks(articles),
        )

    def new_marks(self, articles: Sequence[ArticleSummary]) -> frozenset[int]:
        """NEW: on this snapshot's page, and on no earlier dated snapshot's."""
        if self.showing_starred or self.snapshot is None:
            return frozenset()
        return frozenset(self.archive.new_article_ids(self.snapshot.id))

    def snapshot_unread_count(self, snapshot: Snapshot) -> int:
        """For the dates pane, which asks only for the rows it paints."""
        return self.reading.unread_count(self.archive.snapshot_article_keys(snapshot.id).values())

    def refresh_marks(self) -> None:
        """After a change of state: repaint the list's marks and the dates' counts."""
        articles = self.query_one(ArticleList)
        if articles.shown_query is None:
            articles.update_marks(self.article_marks(articles.summaries))
        snapshots = self.query_one(SnapshotList)
        snapshots.forget_unread()
        snapshots.set_starred_count(len(self.reading.starred()))

    def list_starred(self) -> None:
        starred = self.archive.articles_with_keys(self.reading.starred())
        self.query_one(ArticleList).show_articles(
            Content(starred_label()), starred, self.article_marks(starred)
        )

    # --- reading ----------------------------------------------------------------------

    def _target_article_id(self) -> int | None:
        """The article a key means: the one being read, else the list's highlighted one."""
        reader = self.query_one(ArticleReader)
        if isinstance(self.focused, ArticleReader) and reader.article is not None:
            return reader.article.id
        return self.query_one(ArticleList).current_article_id

    def _key_of(self, article_id: int) -> str | None:
        return self.archive.article_keys([article_id]).get(article_id)

    def save(self, change: Callable[..., T], *args: object) -> T | None:
        """Run a change to the reading state; a failure is reported, never fatal."""
        try:
            return change(*args)
        except sqlite3.Error as error:
            self.log.error(f"reading state not saved: {error!r}")
            self.notify("Could not save what you read; the log has the details.", severity="error")
            return None

    def mark_read_when_reading(self, focused: Widget | None = None) -> None:
        """Reading an article (the reader has focus) marks it read."""
        reader = self.query_one(ArticleReader)
        if not isinstance(self.focused, ArticleReader) or reader.article is None:
            return
        key = self._key_of(reader.article.id)
        if key is not None and not self.reading.is_read(key):
            self.save(self.reading.mark_read, [key])
            self.refresh_marks()

    def action_toggle_read(self) -> None:
        article_id = self._target_article_id()
        if article_id is not None and (key := self._key_of(article_id)) is not None:
            self.save(self.reading.toggle_read, key)
            self.refresh_marks()

    def action_mark_snapshot_read(self) -> None:
        if self.snapshot is None or self.showing_starred:
            return
        keys = self.archive.snapshot_article_keys(self.snapshot.id).values()
        self.save(self.reading.mark_all_read, keys)
        self.refresh_marks()
        self.notify(f"Marked all of {self.snapshot.short_label} read.", markup=False)

    def action_toggle_star(self) -> None:
        article_id = self._target_article_id()
        if article_id is None or (key := self._key_of(article_id)) is None:
            return
        starred = self.save(self.reading.toggle_star, key)
        self.refresh_marks()
        if starred is not None:
            self.notify("Starred." if starred else "Star removed.")

    def on_snapshot_list_starred_highlighted(self, event: SnapshotList.StarredHighlighted) -> None:
        self.showing_starred = True
        if not self.search_query:
            self.list_starred()

    def on_snapshot_list_starred_chosen(self, event: SnapshotList.StarredChosen) -> None:
        self.query_one(ArticleList).focus()

    # --- what changed -----------------------------------------------------------------

    def action_show_diff(self) -> None:
        """Look the diff up in a worker; the screen opens when it is ready.

        A second ``d`` while the lookup runs waits for the same one (no second screen).
        """
        if self.showing_starred or self.snapshot is None:
            self.notify("Choose a snapshot date to see what changed on it.")
            return
        pending = self._diff_worker
        if pending is not None and not (pending.is_finished or pending.is_cancelled):
            if self._diff_wanted == self.snapshot.id:
                return
        self._diff_wanted = self.snapshot.id
        self._diff_screen = self.screen
        self._diff_worker = self.find_diff(self.snapshot.id)

    @work(thread=True, exclusive=True, group="diff", exit_on_error=False)
    def find_diff(self, snapshot_id: int) -> None:
        """Reads two snapshots' articles: off the UI thread, like every lookup."""
        diff = self.archive.diff(snapshot_id)
        worker = get_current_worker()
        if not worker.is_cancelled:
            self.call_from_thread(self._show_diff, worker, snapshot_id, diff)

    def _show_diff(self, worker: Worker, snapshot_id: int, diff: SnapshotDiff | None) -> None:
        """Open the diff if the reader is still where ``d`` was pressed: the same
        snapshot, the same screen, no Esc since; otherwise the answer is dropped."""
        if worker is not self._diff_worker or worker.is_cancelled:
            return
        self._diff_worker = None
        still_there = (
            not self.showing_starred
            and self.snapshot is not None
            and self.snapshot.id == snapshot_id
            and self.screen is self._diff_screen
        )
        if diff is not None and still_there:
            self.push_screen(SnapshotDiffScreen(diff), self._open_from_diff)

    def forget_diff(self) -> None:
        """Drop a diff still being looked up (Esc meanwhile means never mind)."""
        self._diff_worker = None
        self.workers.cancel_group(self, "diff")

    def on_key(self, event: events.Key) -> None:
        """Keys that reach the app (as those of its bindings do) pass here too: Esc while
        a diff is looked up cancels it, as it would have closed the diff had it been up."""
        if event.key == "escape" and self._diff_worker is not None:
            self.forget_diff()

    def _open_from_diff(self, article_id: int | None) -> None:
        if article_id is not None:
            self.call_later(self._read_article, article_id)

    async def _read_article(self, article_id: int) -> None:
        await self.open_article(article_id)
        self.query_one(ArticleReader).focus()

    # --- ticker history ---------------------------------------------------------------

    def _ticker_pairs(self) -> list[str]:
        """The pairs as this snapshot's ticker shows them, else every pair ever quoted."""
        pairs = []
        if self.snapshot is not None and not self.showing_starred:
            pairs = [q.pair for q in self.archive.quotes(self.snapshot.id)]
        return pairs or self.archive.pairs()

    def _pair_history(self, pair: str) -> tuple[list[QuoteAt], int]:
        return self.archive.quote_history(pair), self.archive.undated_quote_count(pair)

    def show_ticker_history(self, pair: str | None = None) -> None:
        pairs = self._ticker_pairs()
        if not pairs:
            self.notify("No snapshot has a ticker to chart.")
            return
        self.push_screen(TickerHistoryScreen(pairs, pair or pairs[0], self._pair_history))

    def action_ticker_history(self) -> None:
        self.show_ticker_history()

    def on_ticker_pair_clicked(self, event: Ticker.PairClicked) -> None:
        self.show_ticker_history(event.pair)

    # --- export and open --------------------------------------------------------------

    def _shown_article(self) -> Article | None:
        article = self.query_one(ArticleReader).article
        if article is None:
            self.notify("Open an article first.")
        return article

    def action_export_article(self) -> None:
        """Save as Markdown here; where files may not be written, show the Markdown."""
        if (article := self._shown_article()) is None:
            return
        try:
            self.policy.allow_file_write("save files")
        except Refused as refusal:
            self.notify(f"{refusal} y copies the Markdown instead.", markup=False)
            self.push_screen(ArticleView("Markdown", article_markdown(article)))
            return
        try:
            path = save_markdown(article, Path.cwd())
        except OSError as error:
            self.notify(f"Could not save the article: {error}", severity="error", markup=False)
            return
        self.notify(f"Saved to {path}", markup=False)

    def action_page_article(self) -> None:
        """Hand the terminal to ``$PAGER`` (default ``less``) with the article on its stdin;
        show it in-app where no program may start, none is wanted or none can."""
        if (article := self._shown_article()) is None:
            return
        markdown = article_markdown(article)
        command = pager_command(self.settings.pager)
        if command is None or not self.policy.may_start_programs:
            self.push_screen(ArticleView(article.title, markdown))
            return
        text = markdown.encode(locale.getpreferredencoding(False), "replace")
        try:
            self.run_program(command, input=text, env=pager_environment(), what="start a pager")
            return
        except SuspendNotSupported:
            self.notify("This terminal cannot be handed to a pager.", severity="warning")
        except OSError as error:
            why = f"Could not run {command[0]}: {error.strerror}"
            self.notify(why, severity="error", markup=False)
        self.push_screen(ArticleView(article.title, markdown))

    def action_copy_article(self) -> None:
        """Copy with OSC 52, the one escape sent on purpose: it works over SSH too."""
        if (article := self._shown_article()) is None:
            return
        self.copy_to_clipboard(article_text(article))
        self.notify("Copied the headline and body to the clipboard.")

    # --- related articles -------------------------------------------------------------

    @work(thread=True, exclusive=True, group="related", exit_on_error=False)
    def find_related(self, article_id: int) -> None:
        """Look up related articles off the UI thread; a newer article's lookup wins."""
        try:
            related = self.archive.related(article_id, RELATED)
        except sqlite3.Error as error:
            self.log.error(f"related articles for {article_id}: {error!r}")
            related = []
        self.call_from_thread(self._show_related, article_id, related)

    def _show_related(self, article_id: int, related: list[ArticleSummary]) -> None:
        article = self.query_one(ArticleReader).article
        if article is not None and article.id == article_id:
            self.query_one(RelatedArticles).show(related)

    def forget_related(self) -> None:
        self.workers.cancel_group(self, "related")
        self.query_one(RelatedArticles).show([])

    async def action_open_related(self, number: int) -> None:
        article_id = self.query_one(RelatedArticles).article_id(number)
        if article_id is not None:
            await self._read_article(article_id)
