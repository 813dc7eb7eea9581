"""An article as Markdown, for the reader's `e` (save), `o` ($PAGER) and `y` (copy) keys.

Page text is untrusted: control characters are made visible (``tui.text.printable``)
before anything reaches a file, a pager or the clipboard.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from store.models import Article
from tui.text import printable

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
SLUG_LENGTH = 60
ATTEMPTS = 1000


def seen_line(article: Article) -> str:
    """ "First seen 07 Jan 2025, last seen 10 Jan 2025 (2 snapshots)", or what is known."""
    dated = [s for s in article.appearances if s.is_dated]
    count = len(article.appearances)
    if not dated:
        return f"Seen in {count} undated snapshot{'s' if count != 1 else ''}" if count else ""
    if len(dated) == 1 and count == 1:
        return f"Seen on {dated[0].short_label}"
    return (
        f"First seen {dated[0].short_label}, last seen {dated[-1].short_label} ({count} snapshots)"
    )


def article_markdown(article: Article) -> str:
    """Headline, dates and body as Markdown; captions become quotes."""
    lines = [f"# {printable(article.title, single_line=True)}", ""]
    if seen := seen_line(article):
        lines += [f"*{printable(seen, single_line=True)}*", ""]
    for paragraph in article.paragraphs:
        text = printable(paragraph.text)
        lines += [f"> {text}" if paragraph.is_caption else text, ""]
    if article.truncated:
        lines += ["*Excerpt: the page showed only the beginning of this article.*", ""]
    return "\n".join(lines)


def article_text(article: Article) -> str:
    """Headline and body as plain text, for the clipboard."""
    body = "\n\n".join(printable(p.text) for p in article.paragraphs)
    return f"{printable(article.title, single_line=True)}\n\n{body}\n"


def slug(title: str) -> str:
    """ "kazakhstans-middle-power-strategy" from a headline; "article" if nothing is left."""
    folded = unicodedata.normalize("NFKD", title.replace("’", "'"))
    ascii_text = folded.encode("ascii", "ignore").decode().lower().replace("'", "")
    kept: list[str] = []
    for word in _NOT_SLUG.split(ascii_text):
        if word and len("-".join([*kept, word])) > SLUG_LENGTH:
            break
        if word:
            kept.append(word)
    return "-".join(kept) or "article"


def save_markdown(article: Article, folder: Path) -> Path:
    """Write ``<slug>.md`` in ``folder``, never over a file: ``<slug>-1.md`` and so on.

    Raises ``OSError`` when the folder cannot be written.
    """
    text = article_markdown(article)
    base = slug(article.title)
    for attempt in range(ATTEMPTS):
        path = folder / (f"{base}.md" if attempt == 0 else f"{base}-{attempt}.md")
        try:
            with path.open("x", encoding="utf-8") as handle:  # "x": fails if it exists
                handle.write(text)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"{folder}: {base}.md and {ATTEMPTS - 1} numbered ones exist")
