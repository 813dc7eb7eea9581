"""The reading view: one article's headline, where it appeared, and its body."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from store.models import Article, Snapshot
from tui.text import untrusted

EXCERPT_NOTE = "Excerpt — the page showed only the beginning of this article."


def appearances_line(appearances: tuple[Snapshot, ...]) -> Content:
    if not appearances:
        return Content.styled("Not seen in any snapshot", "$text-muted")
    labels = [
        untrusted(s.short_label if s.is_dated else f"undated ({s.label})", single_line=True)
        for s in appearances
    ]
    return Content.assemble("Seen on ", Content(" · ").join(labels)).stylize("$text-muted")


class ArticleReader(VerticalScroll):
    """Shows an article with paragraphs kept, captions set apart, excerpts labelled."""

    DEFAULT_CSS = """
    ArticleReader {
        padding: 0 1;
        & > .headline { text-style: bold; color: $text-primary; }
        & > .appearances { margin-bottom: 1; }
        & > .paragraph { margin-bottom: 1; }
        & > .caption {
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
        & > .placeholder { color: $text-muted; }
    }
    """

    BINDINGS = [
        Binding("down,j", "scroll_down", "Scroll down", show=False),
        Binding("up,k", "scroll_up", "Scroll up", show=False),
        Binding("space,pagedown", "page_down", "Page down", key_display="space"),
        Binding("b,pageup", "page_up", "Page up", key_display="b"),
        Binding("home,g", "scroll_home", "Top", show=False),
        Binding("end,G", "scroll_end", "Bottom", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Reader"
        self.article: Article | None = None

    def compose(self):
        yield Static("Choose an article to read it here.", classes="placeholder")

    async def show_article(self, article: Article) -> None:
        """Replace what is shown with ``article``, scrolled to its top."""
        self.article = article
        widgets = [
            Static(untrusted(article.title, single_line=True), classes="headline"),
            Static(appearances_line(article.appearances), classes="appearances"),
        ]
        for paragraph in article.paragraphs:
            widgets.append(
                Static(
                    untrusted(paragraph.text),
                    classes="caption" if paragraph.is_caption else "paragraph",
                )
            )
        if article.truncated:
            widgets.append(Static(EXCERPT_NOTE, classes="excerpt-note", markup=False))
        await self._replace(widgets)

    async def show_placeholder(self, message: str) -> None:
        self.article = None
        await self._replace([Static(message, classes="placeholder", markup=False)])

    async def _replace(self, widgets: list[Static]) -> None:
        with self.app.batch_update():
            await self.remove_children()
            await self.mount_all(widgets)
            self.scroll_home(animate=False)
