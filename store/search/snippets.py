"""A few words of an article's text around the words a full-text search found.

FTS5's ``snippet()`` runs the whole query again for every hit it cuts: with a prefix
such as ``the*`` that took ~0.2 s per hit at a million articles (bench/SEARCH.md). The
hits' text is at hand, so the snippet is cut here, matching words as FTS5's
``unicode61`` tokenizer does: letters and digits, case and accents folded.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

_TOKEN = re.compile(r"[^\W_]+")
_SPACES = re.compile(r"\s+")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
ELLIPSIS = "…"


def fold(word: str) -> str:
    """Case and accents removed, as the full-text index compares words."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", word)).casefold()


def query_terms(words: Sequence[str], last_is_prefix: bool) -> list[tuple[str, bool]]:
    """(folded word, matches as a prefix) for each word of a query."""
    return [(fold(w), last_is_prefix and i == len(words) - 1) for i, w in enumerate(words)]


def cut_snippet(
    text: str, terms: Sequence[tuple[str, bool]], width: int = 16
) -> tuple[tuple[str, bool], ...]:
    """About ``width`` words of ``text`` where most of the query's words are found (from
    just before the first of them), as (text, is_match) spans; the start of the text
    when none is found there."""
    tokens = list(_TOKEN.finditer(text))
    if not tokens:
        return ()

    def term_of(token: re.Match[str]) -> int | None:
        word = fold(token.group())
        for number, (term, prefix) in enumerate(terms):
            if word.startswith(term) if prefix else word == term:
                return number
        return None

    matched = [term_of(token) for token in tokens]
    start, most = 0, 0
    for at in (i for i, term in enumerate(matched) if term is not None):
        begin = max(0, min(at - 2, len(tokens) - width))
        found = len({t for t in matched[begin : begin + width] if t is not None})
        if found > most:
            start, most = begin, found
    shown = range(start, min(start + width, len(tokens)))
    spans: list[tuple[str, bool]] = []
    if start > 0:
        spans.append((ELLIPSIS, False))
    position = tokens[start].start()
    for i in shown:
        token = tokens[i]
        if token.start() > position:  # paragraph breaks read as spaces in one line
            spans.append((_SPACES.sub(" ", text[position : token.start()]), False))
        spans.append((token.group(), matched[i] is not None))
        position = token.end()
    if start + width < len(tokens):
        spans.append((ELLIPSIS, False))
    else:
        spans.append((_SPACES.sub(" ", text[position:]), False))
    merged: list[tuple[str, bool]] = []
    for part, is_match in spans:  # neighbouring spans of one kind read as one
        if merged and merged[-1][1] == is_match and not is_match:
            merged[-1] = (merged[-1][0] + part, False)
        elif part:
            merged.append((part, is_match))
    return tuple(merged)
