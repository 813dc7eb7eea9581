"""The related articles under the one being read, numbered for the keys 1–5."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from store.models import ArticleSummary
from tui.text import untrusted


class RelatedArticles(Static):
    """A numbered list of related headlines; hidden while there are none to show."""

    DEFAULT_CSS = """
    RelatedArticles {
        margin-top: 1;
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.articles: list[ArticleSummary] = []
        self.display = False

    def show(self, articles: Sequence[ArticleSummary]) -> None:
        self.articles = list(articles)
        self.display = bool(self.articles)
        lines = [Content.styled("Related", "bold $text-primary")]
        lines += [
            Content.assemble(
                Content.styled(f"{number} ", "bold $text-accent"),
                untrusted(article.title, single_line=True),
            )
            for number, article in enumerate(self.articles, start=1)
        ]
        self.update(Content("\n").join(lines))

    def article_id(self, number: int) -> int | None:
        """The id of related article ``number`` (from 1), if there is one."""
        if 1 <= number <= len(self.articles):
            return self.articles[number - 1].id
        return None
