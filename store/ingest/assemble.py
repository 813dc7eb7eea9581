"""A page's blocks of lines → its articles, by the site's own conventions.

Headlines are told from bodies by shape (``store.ingest.shape``) and by where the site starts
a story; bylines, teaser endings and page furniture are recognised by
``store.ingest.furniture``, so they never become articles or body text.
"""

from __future__ import annotations

from dataclasses import dataclass

from store.errors import SnapshotFormatError
from store.ingest import furniture
from store.ingest.shape import (
    TICKER,
    clean_paragraph,
    could_be_headline,
    is_truncated,
    looks_like_headline,
    quote_of,
)
from store.models import Paragraph, Quote

AUTHOR_HEAD_BLOCKS = 12  # an author page's head is name, avatar, role and a short bio


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    title: str
    paragraphs: tuple[Paragraph, ...]
    truncated: bool
    line: int
    author: str | None = None  # who the page says wrote it, if it names someone


@dataclass(slots=True)
class Block:
    """Consecutive non-blank lines; blank lines separate blocks."""

    line: int
    lines: list[str]

    @property
    def text(self) -> str:
        return " ".join(self.lines)


def blocks_of(lines: list[str], start: int) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None
    for number, raw in enumerate(lines[start:], start=start + 1):
        line = raw.strip()
        if not line:
            current = None
        elif current is None:
            current = Block(number, [line])
            blocks.append(current)
        else:
            current.lines.append(line)
    return blocks


def assemble_articles(
    blocks: list[Block], quotes: dict[str, Quote], warnings: list[str]
) -> list[ParsedArticle]:
    """The articles in ``blocks``; ticker blocks among them add to ``quotes``."""
    return _Assembler(blocks, quotes, warnings).run()


class _Assembler:
    """Walks a page's blocks once, telling headlines from bodies and page furniture.

    A headline is a block shaped like one (``looks_like_headline``), or any short line
    where the site's conventions say a story starts: first on the page, after a teaser
    ending, above a byline, or above a weekly digest entry's standfirst and quote.
    """

    def __init__(self, blocks: list[Block], quotes: dict[str, Quote], warnings: list[str]) -> None:
        self.blocks = blocks
        self.quotes = quotes
        self.warnings = warnings
        self.articles: list[ParsedArticle] = []
        self.title: str | None = None
        self.title_line = 0
        self.body: list[Paragraph] = []
        self.author: str | None = None
        self.page_author: str | None = None  # an author page's articles are all theirs
        self.teased = False  # the page ended this story with "Register to read more" etc.
        self.closed = False  # ... so the next short line starts a new one

    def run(self) -> list[ParsedArticle]:
        blocks = self.blocks
        i = 0
        while i < len(blocks):
            i = self._take(i)
        self._finish()
        return self.articles

    def _note(self, line: int, what: str) -> None:
        self.warnings.append(f"{line}: {what}, dropped")

    def _finish(self) -> None:
        if self.title is None:
            return
        body = self.body
        if not body:
            self.warnings.append(f"{self.title_line}: headline with no body")
        text = [p.text for p in body if not p.is_caption]
        cut = bool(text) and not furniture.ends_complete(text[-1])
        truncated = self.teased or cut or is_truncated(body)
        self.articles.append(
            ParsedArticle(self.title, tuple(body), truncated, self.title_line, self.author)
        )

    def _start(self, block: Block) -> None:
        self._finish()
        self.title, self.title_line, self.body = block.lines[0], block.line, []
        self.author, self.teased, self.closed = self.page_author, False, False
        if len(block.lines) > 1:
            self._add_body(" ".join(block.lines[1:]))

    def _add_body(self, text: str) -> None:
        text, ended = furniture.strip_tail_ending(text)
        self.body.extend(clean_paragraph(text))
        if ended:
            self.teased = self.closed = True

    def _take(self, i: int) -> int:
        """Handle block ``i``; returns the index of the next block to look at."""
        block = self.blocks[i]
        lines = block.lines
        first, single = lines[0], len(lines) == 1
        # A marquee repeated at the foot of the page is still the ticker, never a headline.
        if TICKER.match(first) and all(TICKER.match(line) for line in lines):
            for line in lines:
                m = TICKER.match(line)
                assert m is not None
                if m["pair"] not in self.quotes:
                    self.quotes[m["pair"]] = quote_of(m)
            return i + 1
        if (name := furniture.author_page(first)) is not None:
            return self._author_page(i, name)
        if single:
            is_byline, named = furniture.byline(first)
            if is_byline:
                if self.title is not None and self.author is None:
                    self.author = named
                return i + 1
            if furniture.is_teaser_line(first):
                if self.title is None:
                    self._note(block.line, "a teaser ending with no story above it")
                else:
                    self.teased = self.closed = True
                return i + 1
            if furniture.is_divider(first) or furniture.is_view_more(first):
                self._note(block.line, "author box")
                return i + 1
            if furniture.is_photo_credit(first) or (
                furniture.is_role_and_name(first) and self._caption_of_a_title(i)
            ):
                self._note(block.line, "a photo caption standing alone")
                return i + 1
            if furniture.is_junk(first) and (self.title is None or self.closed):
                self._note(block.line, "a line with no capital letter")
                return i + 1
            if furniture.is_bare_name(first) and (after_box := self._author_box(i)) is not None:
                return after_box
        if self._is_headline(i):
            self._start(block)
        elif self.title is None:
            if furniture.is_dateline(block.text):
                self._note(block.line, "a preamble with no headline")
            else:
                raise SnapshotFormatError("body text with no headline above it", block.line)
        else:
            self._add_body(block.text)
        return i + 1

    def _is_headline(self, i: int) -> bool:
        blocks = self.blocks
        first, rest = blocks[i].lines[0], blocks[i].lines[1:]
        after = blocks[i + 1] if i + 1 < len(blocks) else None
        if looks_like_headline(first):
            if self.title is not None and not self.body and not rest and not self.closed:
                # Straight after a headline comes its body, unless this block is itself a
                # headline followed by a body: then the previous headline had none.
                return after is not None and not looks_like_headline(after.lines[0])
            return True
        if not could_be_headline(first) or furniture.is_junk(first):
            return False
        if self.title is None or self.closed:
            return True
        if after is not None and len(after.lines) == 1 and furniture.byline(after.lines[0])[0]:
            return True
        # A digest entry: headline, a standfirst that reads like one, then "Dec 17 — “...".
        return i + 2 < len(blocks) and furniture.is_digest_quote(blocks[i + 2].text)

    def _author_page(self, i: int, name: str) -> int:
        """Skip an author page's head (name, avatar, role, biography) up to "Articles"."""
        self._finish()
        self.title = None
        self.page_author = name
        blocks = self.blocks
        for j in range(i + 1, min(i + 1 + AUTHOR_HEAD_BLOCKS, len(blocks))):
            if blocks[j].text == "Articles":
                self._note(blocks[i].line, f"the head of {name}'s author page")
                return j + 1
        self._note(blocks[i].line, "an author page's title")
        return i + 1

    def _caption_of_a_title(self, i: int) -> bool:
        """Whether a title and a name ("President of Turkey Recep Tayyip Erdoğan") at block
        ``i`` are a picture's caption: as a headline they would leave a story with no body,
        which the site never prints. So they are one where a body is due, or over a
        headline and its body (a 2016 list's picture above the next story)."""
        if self.title is not None and not self.body and not self.closed:
            return True
        blocks = self.blocks
        if i + 2 >= len(blocks) or len(blocks[i + 1].lines) > 1:
            return False
        headline, body = blocks[i + 1].lines[0], blocks[i + 2]
        return could_be_headline(headline) and (
            furniture.is_dateline(body.text) or not could_be_headline(body.lines[0])
        )

    def _author_box(self, i: int) -> int | None:
        """Skip a writer's box, if block ``i`` starts one; returns the block after it.

        A box is a name, a biography of that name, "divider", then "View more articles
        from X". 2016 lists print the poster's name first and the writer's second
        ("Sergey Kwan", "Svante E. Cornell", then Kwan's biography), under the story the box
        belongs to: the writer becomes that story's author.
        """
        blocks = self.blocks
        name = blocks[i].lines[0]
        writer, j = name, i + 1
        if j + 1 < len(blocks) and len(blocks[j].lines) == 1:
            second = blocks[j].lines[0]
            if furniture.is_bare_name(second) and furniture.starts_bio(name, blocks[j + 1].text):
                writer, j = second, j + 1
        if j >= len(blocks) or not furniture.starts_bio(name, blocks[j].text):
            return None
        self._note(blocks[i].line, "author box")
        j += 1
        while j < len(blocks) and len(blocks[j].lines) == 1:
            line = blocks[j].lines[0]
            if (named := furniture.view_more_name(line)) is not None:
                writer = named
                j += 1
            elif furniture.is_divider(line):
                j += 1
                following = blocks[j] if j < len(blocks) else None
                if following is not None and not looks_like_headline(following.lines[0]):
                    j += 1  # the biography goes on after the divider
            else:
                break
        if self.title is not None and self.author is None:
            self.author = writer
        return j
