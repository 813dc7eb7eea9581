"""The headline pane: a snapshot's articles in page order, or live search results."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.css.styles import RulesMap
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from store.models import ArticleSummary, BodyHit, Snapshot
from tui import text
from tui.text import fit, untrusted

if TYPE_CHECKING:  # store.search.fuzzy loads numpy and rapidfuzz: not on the start-up path
    from store.search.fuzzy import SearchResult

_MIN_WIDTH_FOR_DATES = 8  # narrower than this, "also 07 Jan 2025" is left out


class HeadlineRow(Visual):
    """A headline wrapped to the list's width, with an optional line below it ("also
    07 Jan 2025") cut short where it does not fit. The list renders rows at its current
    width, so rows adapt to narrow terminals without being rebuilt."""

    def __init__(self, headline: Content, below: Content | None = None) -> None:
        self.headline = headline
        self.below = below

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self._lay_out(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max(self.headline.cell_length, self.below.cell_length if self.below else 0)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self._lay_out(width).plain.split("\n"))

    def _lay_out(self, width: int) -> Content:
        width = max(width, 1)
        lines = self.headline.wrap(width) or [Content("")]
        if self.below is not None and width >= _MIN_WIDTH_FOR_DATES:
            lines.append(fit(self.below, width))
        return Content("\n").join(lines)


def truncated_mark() -> Content:
    return Content.styled(f" {text.glyphs.ellipsis}excerpt", "$text-warning italic")


MATCH_STYLE = "bold underline $text-accent"


def short_date(date: dt.date) -> str:
    return date.strftime("%d %b %Y")


@dataclass(frozen=True)
class RowMarks:
    """Which of a list's articles (by id) are unread, starred, or new in this snapshot."""

    unread: frozenset[int] = field(default_factory=frozenset)
    starred: frozenset[int] = field(default_factory=frozenset)
    new: frozenset[int] = field(default_factory=frozenset)


NEW_MARK = Content.styled(" NEW", "bold $text-success")


def countries_mark(codes: Sequence[str]) -> Content:
    """The countries an article mentions, compactly after its headline: " KZ KG"."""
    return Content.styled(f" {' '.join(codes)}", "$text-secondary") if codes else Content("")


def narrowed(title: Content, country: str | None) -> Content:
    """A list's title with the country it is narrowed to: "07 Jan 2025 · KG"."""
    if country is None:
        return title
    return Content.assemble(title, f" {text.glyphs.separator} ", Content.styled(country, "bold"))


def article_row(article: ArticleSummary, marks: RowMarks | None = None) -> HeadlineRow:
    """The headline, an excerpt mark if truncated, and "also 07 Jan 2025" when it fits.

    With ``marks``, a gutter shows ● for unread (whose headline is also bold) and ★ for
    starred, and NEW follows a headline the snapshot is the first to show.
    """
    title = untrusted(article.title, single_line=True)
    if marks is not None:
        unread = article.id in marks.unread
        if unread:
            title = title.stylize("bold")
        starred = article.id in marks.starred
        gutter = Content.assemble(
            Content.styled(text.glyphs.unread, "$text-accent") if unread else " ",
            Content.styled(text.glyphs.star, "$text-warning") if starred else " ",
            " ",
        )
        title = gutter + title
        if article.id in marks.new:
            title = title + NEW_MARK
    if article.truncated:
        title = title + truncated_mark()
    title = title + countries_mark(article.countries)
    also = None
    if article.other_dates:
        dates = ", ".join(short_date(d) for d in article.other_dates)
        also = Content.styled(f"also {dates}", "$text-muted")
    return HeadlineRow(title, also)


def match_runs(positions: Sequence[int], length: int) -> list[tuple[int, int]]:
    """Matched positions as (start, end) runs: one styled span, so one escape sequence on
    the wire, per run of adjacent characters rather than per character."""
    runs: list[tuple[int, int]] = []
    for position in sorted({p for p in positions if 0 <= p < length}):
        if runs and runs[-1][1] == position:
            runs[-1] = (runs[-1][0], position + 1)
        else:
            runs.append((position, position + 1))
    return runs


def highlighted_title(title: str, positions: Sequence[int]) -> Content:
    """The title with the characters the fuzzy matcher matched set apart."""
    content = untrusted(title, single_line=True)
    for start, end in match_runs(positions, len(content)):
        content = content.stylize(MATCH_STYLE, start, end)
    return content


def search_title(query: str, *, full_text: bool = False) -> Content:
    kind = "Text" if full_text else "Search"
    quotes = text.glyphs
    return Content.assemble(
        f"{kind} {quotes.open_quote}", untrusted(query, single_line=True), quotes.close_quote
    )


def snippet_content(spans: Sequence[tuple[str, bool]]) -> Content:
    """A full-text snippet, muted, with the words that matched set apart."""
    return Content.assemble(
        *(untrusted(text, MATCH_STYLE if hit else "", single_line=True) for text, hit in spans)
    ).stylize_before("$text-muted")


def text_hit_row(hit: BodyHit, countries: Sequence[str] = ()) -> HeadlineRow:
    """The headline, then the snippet around the words found (both wrapped)."""
    title = untrusted(hit.title, single_line=True) + countries_mark(countries)
    return HeadlineRow(Content("\n").join([title, snippet_content(hit.snippet)]))


@contextmanager
def _unpainted_lines() -> Iterator[None]:
    """Textual's OptionList pages by line positions it works out when painting; a list
    replaced since its last paint (or hidden, in the slim layout) has none yet and
    raises KeyError. Paging a list nobody has seen can do nothing instead."""
    try:
        yield
    except (KeyError, IndexError):
        pass


class ArticleList(OptionList):
    """Headlines: moving the cursor posts :class:`ArticleHighlighted`, Enter or a click
    :class:`ArticleChosen`.

    It shows either a snapshot (``show_snapshot``) or search results (``show_results``,
    then :attr:`shown_query` says for which query).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="cursor_down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="cursor_up"),
        Binding("home,g", "first", "First", show=False, id="first"),
        Binding("end,G", "last", "Last", show=False, id="last"),
        Binding("enter", "select", "Open", id="select"),
    ]

    @dataclass
    class ArticleHighlighted(Message):
        article_id: int

    @dataclass
    class ArticleChosen(Message):
        article_id: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.border_title = "Articles"
        self._article_ids: list[int] = []
        self.shown_query: str | None = None  # None while a snapshot is shown
        self.shown_full_text = False  # whether shown_query's results are a text search
        self._summaries: list[ArticleSummary] = []  # rows that carry marks (not search results)
        self._marks = RowMarks()

    @property
    def summaries(self) -> list[ArticleSummary]:
        """The articles listed, when they are a snapshot's or the starred ones."""
        return self._summaries

    @property
    def current_article_id(self) -> int | None:
        index = self.highlighted
        return None if index is None else self._article_ids[index]

    def show_snapshot(
        self,
        snapshot: Snapshot,
        articles: Sequence[ArticleSummary],
        marks: RowMarks | None = None,
        country: str | None = None,
    ) -> None:
        """A snapshot's articles (those mentioning ``country``, if it is given)."""
        label = untrusted(snapshot.short_label, single_line=True)
        self.show_articles(narrowed(label, country), articles, marks)

    def show_articles(
        self, title: Content, articles: Sequence[ArticleSummary], marks: RowMarks | None = None
    ) -> None:
        """A list of articles titled ``title`` (a snapshot's, or the starred ones)."""
        self.shown_query = None
        self.border_title = title
        self.border_subtitle = f"{len(articles)} article{'' if len(articles) == 1 else 's'}"
        self._summaries = list(articles)
        self._marks = marks or RowMarks()
        self._replace([a.id for a in articles], [article_row(a, marks) for a in articles])

    def update_marks(self, marks: RowMarks) -> None:
        """Repaint the rows whose marks changed (on a list of articles, not results)."""
        if self.shown_query is not None:
            return
        old, self._marks = self._marks, marks
        for index, article in enumerate(self._summaries):
            if any(
                (article.id in getattr(old, name)) != (article.id in getattr(marks, name))
                for name in ("unread", "starred", "new")
            ):
                self.replace_option_prompt_at_index(index, article_row(article, marks))

    def show_results(
        self,
        result: SearchResult,
        countries: Mapping[int, Sequence[str]] | None = None,
        country: str | None = None,
    ) -> None:
        """Show matches best first; the subtitle counts all matches, not just those shown.
        ``countries``: each match's, shown after it; ``country``: what was searched in."""
        countries = countries or {}
        self.shown_query = result.query
        self.shown_full_text = False
        self._summaries = []
        self.border_title = narrowed(search_title(result.query), country)
        noun = "headline" if result.searched == 1 else "headlines"
        self.border_subtitle = f"{result.total} of {result.searched} {noun}"
        # Quietly: each keystroke brings new results, and the reader should not churn
        # (nor repaint over SSH) until the user picks one.
        with self.prevent(OptionList.OptionHighlighted):
            self._replace(
                [m.article_id for m in result.matches],
                [
                    HeadlineRow(
                        highlighted_title(m.title, m.positions)
                        + countries_mark(countries.get(m.article_id, ()))
                    )
                    for m in result.matches
                ],
            )
            if not result.matches:
                self._say_nothing_matches("No headline matches", result.query)

    def show_text_results(
        self,
        query: str,
        hits: Sequence[BodyHit],
        limit: int,
        countries: Mapping[int, Sequence[str]] | None = None,
        country: str | None = None,
    ) -> None:
        """Full-text results, best (bm25) first, each with its snippet; quietly, as above."""
        countries = countries or {}
        self.shown_query = query
        self.shown_full_text = True
        self._summaries = []
        self.border_title = narrowed(search_title(query, full_text=True), country)
        self.border_subtitle = f"{limit}+ found" if len(hits) >= limit else f"{len(hits)} found"
        with self.prevent(OptionList.OptionHighlighted):
            self._replace(
                [h.article_id for h in hits],
                [text_hit_row(h, countries.get(h.article_id, ())) for h in hits],
            )
            if not hits:
                self._say_nothing_matches("No article text matches", query)

    def show_waiting(self, query: str, reason: str) -> None:
        """Search results are not ready yet ("indexing…"): keep the list, say why."""
        self.border_title = search_title(query)
        self.border_subtitle = reason

    def action_page_down(self) -> None:
        with _unpainted_lines():
            super().action_page_down()

    def action_page_up(self) -> None:
        with _unpainted_lines():
            super().action_page_up()

    def move(self, step: int) -> None:
        """Highlight the row ``step`` away, stopping at either end."""
        if not self._article_ids:
            return
        current = self.highlighted if self.highlighted is not None else -step
        self.highlighted = max(0, min(len(self._article_ids) - 1, current + step))

    def _say_nothing_matches(self, message: str, query: str) -> None:
        """An empty list says so in words, rather than looking broken."""
        glyphs = text.glyphs
        line = Content.assemble(
            f"{message} {glyphs.open_quote}",
            untrusted(query, single_line=True),
            glyphs.close_quote,
        ).stylize("$text-muted")
        self.set_options([Option(HeadlineRow(line), disabled=True)])

    def _replace(self, article_ids: list[int], rows: list[HeadlineRow]) -> None:
        self._article_ids = article_ids
        # Headlines wrap, so a divider shows where one row ends and the next begins.
        options: list[Option | None] = []
        for row in rows:
            options += [None, Option(row)] if options else [Option(row)]
        self.set_options(options)
        self.highlighted = 0 if rows else None

    def _article_for(self, event: OptionList.OptionMessage) -> int | None:
        """The article an event is about; None if it comes from options since replaced
        (a highlight can still be queued when new search results arrive)."""
        index = event.option_index
        if index >= len(self._article_ids) or self.get_option_at_index(index) is not event.option:
            return None
        return self._article_ids[index]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if (article_id := self._article_for(event)) is not None:
            self.post_message(self.ArticleHighlighted(article_id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if (article_id := self._article_for(event)) is not None:
            self.post_message(self.ArticleChosen(article_id))
