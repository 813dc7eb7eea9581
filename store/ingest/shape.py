"""The shapes of a page's lines: ticker quotes, headlines and body paragraphs.

Pure functions, no database; ``store.ingest.assemble`` uses them to put a page's articles
together. Every pattern is linear in its input (see ``_shortcodes``).
"""

from __future__ import annotations

import re

from store.models import Paragraph, Quote

MAX_HEADLINE_CHARS = 200
MAX_HEADLINE_WORDS = 35

TICKER = re.compile(
    r"^(?:[•·*\-–]\s*)?(?P<pair>[A-Z]{3}/[A-Z]{3})\s*=\s*(?P<rate>\d+(?:\.\d+)?)\s+"
    r"(?P<change>[+\-−]?\d+(?:\.\d+)?%)$"
)
_CAPTION = re.compile(r"\[caption\b[^\]]*\](.*?)\[/caption\]", re.IGNORECASE | re.DOTALL)
# Media shortcodes carry no readable text; [embed]URL[/embed] keeps its URL.
_EMBED = re.compile(r"\[embed\b[^\]]*\](.*?)\[/embed\]", re.IGNORECASE | re.DOTALL)
_MEDIA = re.compile(r"\[/?(?:gallery|video|audio|playlist)\b[^\]]*\]", re.IGNORECASE)
# Where the last closing tag ends: no shortcode can match past it (see _shortcodes).
_CAPTION_END = re.compile(r".*\[/caption\]", re.IGNORECASE | re.DOTALL)
_EMBED_END = re.compile(r".*\[/embed\]", re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"<[^<>]{0,500}>")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_SPACES = re.compile(r"\s+")

_ELLIPSES = ("...", "…")
_SENTENCE_END = (".", ",", ";", ":") + _ELLIPSES
_CLOSERS = "\"”’')]»"  # a sentence may end inside quotes: ...forward-looking.”
# A full stop after a lower-case word, then a capital: two sentences, so not a headline.
# ("U.S. Ambassador" and "vs. Russia" are not sentence breaks.)
_SENTENCE_BREAK = re.compile(r"\b(?!(?:vs|etc)\b)[a-z]{2,}[.!?][\"”’»]?\s+[\"“«]?[A-Z]")
_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into is it its nor of on or per than the to up via vs"
    " with amid over after about".split()
)


def _is_cyrillic(text: str) -> bool:
    """Mostly Cyrillic letters (Russian, Kazakh, Kyrgyz...): headlines in sentence case."""
    if text.isascii() or not _CYRILLIC.search(text):
        return False
    return 2 * len(_CYRILLIC.findall(text)) > sum(map(str.isalpha, text))


def _ends_a_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS).endswith(_SENTENCE_END)


def looks_like_headline(text: str) -> bool:
    """True for a short, title-cased line without sentence-ending punctuation.

    Cyrillic headlines are written in sentence case, so for them a capital first letter
    is enough.
    """
    if not text or len(text) > MAX_HEADLINE_CHARS or _ends_a_sentence(text):
        return False
    if _SENTENCE_BREAK.search(text):
        return False
    words = text.split()
    if len(words) > MAX_HEADLINE_WORDS:
        return False
    if _is_cyrillic(text):
        return next((ch for ch in text if ch.isalpha()), "").isupper()
    significant = [w for w in words if w[:1].isalpha() and w.lower() not in _SMALL_WORDS]
    if not significant:
        return False
    capitalised = sum(1 for w in significant if w[0].isupper())
    return capitalised / len(significant) >= 0.6


def could_be_headline(text: str) -> bool:
    """Weaker test for the first block after the page header (any script, any casing)."""
    return 0 < len(text) <= 160 and not _ends_a_sentence(text)


def clean_paragraph(text: str) -> list[Paragraph]:
    """Drop shortcode syntax, keep caption text as a paragraph of its own."""
    if "[" not in text:  # no shortcode: most paragraphs
        text = text.strip()
        return [Paragraph(text)] if text else []
    with_embeds, rest = _shortcodes(text, _EMBED_END)
    text = _EMBED.sub(r"\1", with_embeds) + rest
    media_end = text.rfind("]") + 1
    text = _MEDIA.sub("", text[:media_end]) + text[media_end:]
    pieces: list[Paragraph] = []
    cursor = 0
    with_captions, _ = _shortcodes(text, _CAPTION_END)
    for m in _CAPTION.finditer(text, 0, len(with_captions)):
        pieces.append(Paragraph(text[cursor : m.start()]))
        caption = _SPACES.sub(" ", _HTML_TAG.sub("", m.group(1)))
        pieces.append(Paragraph(caption, is_caption=True))
        cursor = m.end()
    pieces.append(Paragraph(text[cursor:]))
    return [Paragraph(p.text.strip(), p.is_caption) for p in pieces if p.text.strip()]


def _shortcodes(text: str, last_end: re.Pattern[str]) -> tuple[str, str]:
    """``text`` split after the last closing tag: the part where shortcodes may be.

    Searching the rest is pointless, and quadratic: each unclosed "[caption" would scan
    to the end of the paragraph.
    """
    m = last_end.match(text)
    end = m.end() if m else 0
    return text[:end], text[end:]


def is_truncated(paragraphs: list[Paragraph] | tuple[Paragraph, ...]) -> bool:
    body = [p for p in paragraphs if not p.is_caption]
    return bool(body) and body[-1].text.endswith(_ELLIPSES)


def quote_of(m: re.Match[str]) -> Quote:
    """The quote a ``TICKER`` line printed."""
    # U+2212 MINUS SIGN is what typeset pages use; float() only reads "-".
    return Quote(m["pair"], m["rate"], m["change"].replace("−", "-"))
