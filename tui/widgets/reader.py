"""The reading view: one article's headline, where it appeared, and its body."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from store.models import Article, Paragraph, Snapshot
from tui import text
from tui.text import untrusted

EXCERPT_NOTE = "Excerpt — the page showed only the beginning of this article."


def appearances_line(appearances: tuple[Snapshot, ...]) -> Content:
    """Every snapshot the article was on ("Seen on 07 Jan 2025 · 10 Jan 2025"), under a
    summary when there were several ("First seen 07 Jan 2025, last seen 10 Jan 2025,
    2 snapshots"). ``appearances`` come dated oldest first, undated last."""
    if not appearances:
        return Content.styled("Not seen in any snapshot", "$text-muted")
    labels = [
        untrusted(s.short_label if s.is_dated else f"undated ({s.label})", single_line=True)
        for s in appearances
    ]
    seen = Content.assemble("Seen on ", Content(f" {text.glyphs.separator} ").join(labels))
    dated = [s for s in appearances if s.is_dated]
    if len(appearances) > 1 and dated:
        summary = (
            f"First seen {dated[0].short_label}, last seen {dated[-1].short_label}, "
            f"{len(appearances)} snapshots"
        )
        seen = Content.assemble(summary, "\n", seen)
    return seen.stylize("$text-muted")


def byline(author: str) -> Content:
    """ "By Sergey Kwan": the writer the page named, as plain text."""
    return Content.assemble("By ", untrusted(author, single_line=True)).stylize("$text-muted")


def countries_line(codes: Sequence[str]) -> Content:
    """The countries the article mentions, named: "Kazakhstan · Afghanistan"."""
    from store.countries import tagger  # names for the codes; read once, when first shown

    names = [tagger().name_of(code) for code in codes]
    return Content(f" {text.glyphs.separator} ".join(names)).stylize("$text-secondary")


class ArticleReader(VerticalScroll):
    """Shows an article with paragraphs kept, captions set apart, excerpts labelled.

    Opening another article updates the widgets already mounted rather than building
    new ones: stepping through headlines with the cursor stays cheap.
    """

    DEFAULT_CSS = """
    ArticleReader {
        padding: 0 1;
        & > .headline { text-style: bold; color: $text-primary; }
        & > .headline.-placeholder { text-style: none; color: $text-muted; }
        & > .appearances { margin-bottom: 1; }
        & > .countries { color: $text-secondary; }
        & > .body { height: auto; }
        & > .body > .paragraph { margin-bottom: 1; }
        & > .body > .paragraph.-caption {
            margin: 0 2 1 2;
            padding-left: 1;
            border-left: outer $secondary;
            color: $text-muted;
            text-style: italic;
        }
        & > .excerpt-note {
            border: round $warning;
            color: $text-warning;
            padding: 0 1;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "scroll_down", "Scroll down", show=False, id="scroll_down"),
        Binding("up,k", "scroll_up", "Scroll up", show=False, id="scroll_up"),
        Binding("space,pagedown", "page_down", "Page down", key_display="space", id="page_down"),
        Binding("b,pageup", "page_up", "Page up", key_display="b", id="page_up"),
        Binding("home,g", "scroll_home", "Top", show=False, id="scroll_home"),
        Binding("end,G", "scroll_end", "Bottom", show=False, id="scroll_end"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Reader"
        self.article: Article | None = None

    def compose(self) -> ComposeResult:
        yield Static("Choose an article to read it here.", classes="headline -placeholder")
        yield Static(classes="countries")
        yield Static(classes="appearances")
        yield Container(classes="body")
        yield Static(EXCERPT_NOTE, classes="excerpt-note", markup=False)

    def on_mount(self) -> None:
        self._show_extras(False)

    async def show_article(self, article: Article) -> None:
        """Replace what is shown with ``article``, scrolled to its top."""
        self.article = article
        headline = self.query_one(".headline", Static)
        headline.update(untrusted(article.title, single_line=True))
        headline.remove_class("-placeholder")
        self.query_one(".countries", Static).update(countries_line(article.countries))
        self.query_one(".countries").display = bool(article.countries)
        seen = appearances_line(article.appearances)
        if article.author:
            seen = Content.assemble(byline(article.author), "\n", seen)
        self.query_one(".appearances", Static).update(seen)
        await self._set_paragraphs(article.paragraphs)
        self._show_extras(True, truncated=article.truncated)
        self.scroll_home(animate=False)

    async def show_placeholder(self, message: str) -> None:
        self.article = None
        headline = self.query_one(".headline", Static)
        headline.update(untrusted(message))
        headline.add_class("-placeholder")
        await self._set_paragraphs(())
        self._show_extras(False)

    def _show_extras(self, shown: bool, *, truncated: bool = False) -> None:
        self.query_one(".appearances").display = shown
        if not shown:
            self.query_one(".countries").display = False
        self.query_one(".excerpt-note").display = shown and truncated

    async def _set_paragraphs(self, paragraphs: Sequence[Paragraph]) -> None:
        body = self.query_one(".body")
        widgets = list(body.query_children(Static))
        for widget, paragraph in zip(widgets, paragraphs):
            widget.update(untrusted(paragraph.text))
            widget.set_class(paragraph.is_caption, "-caption")
        if len(widgets) > len(paragraphs):
            await body.remove_children(widgets[len(paragraphs) :])
        elif len(paragraphs) > len(widgets):
            await body.mount_all(
                Static(
                    untrusted(p.text), classes="paragraph -caption" if p.is_caption else "paragraph"
                )
                for p in paragraphs[len(widgets) :]
            )
