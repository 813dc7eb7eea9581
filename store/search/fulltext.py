"""Full-text search: every query and write of the FTS5 index ``articles_fts``.

The index is an external-content FTS5 table over ``articles`` (created by the first
migration, store/db.py). It has no triggers: the loader feeds it once per batch of
snapshots (``index_articles_after``), which is several times faster than a trigger per
row, and re-indexes an article whose text grew (``reindex``). The app reads it for the
full-text search (``search``) and for related articles (``title_matches``).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Sequence

from store.models import BodyHit
from store.search.snippets import cut_snippet, query_terms

WORD = re.compile(r"\w+")
RANKED_TEXT_MATCHES = 20_000  # full-text search ranks the newest this many matches
PREFIX_FROM = 3  # letters before the last word of a full-text search is a prefix


def fts_query(text: str) -> str | None:
    """User text → a safe FTS5 query: every word must match, the last one as a prefix
    once it has ``PREFIX_FROM`` letters (``t*`` alone matches nearly every article).

    Words are quoted, so FTS syntax typed by the user (NEAR, *, quotes, parentheses,
    column filters) is searched for as text and can never be a syntax error.
    """
    words = WORD.findall(text)
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    if _last_is_prefix(words):
        quoted[-1] += "*"
    return " ".join(quoted)


def _last_is_prefix(words: Sequence[str]) -> bool:
    return len(words[-1]) >= PREFIX_FROM


def search(
    conn: sqlite3.Connection, query: str, limit: int, country: str | None = None
) -> list[BodyHit]:
    """Headlines and bodies matching ``query``, best (bm25) first, with snippets.

    bm25 costs ~2 µs a match, and "kazakhstan" matches 118,000 articles of a million:
    only the newest ``RANKED_TEXT_MATCHES`` matches (by id, which grows as snapshots are
    loaded) are ranked. Snippets are cut from the hits' text (store.search.snippets). With
    ``country``, only articles tagged with it (store.country_tags) are searched.
    """
    match = fts_query(query)
    if match is None:
        return []
    # One look-up in the tags' primary key per match.
    only = (
        " AND EXISTS (SELECT 1 FROM article_countries"
        " WHERE article_id = articles_fts.rowid AND country = :country)"
        if country is not None
        else ""
    )
    newest = conn.execute(
        f"SELECT rowid FROM articles_fts WHERE articles_fts MATCH :match{only}"
        " ORDER BY rowid DESC LIMIT 1 OFFSET :offset",
        {"match": match, "country": country, "offset": RANKED_TEXT_MATCHES - 1},
    ).fetchall()
    ranked = conn.execute(
        "SELECT rowid, bm25(articles_fts) AS rank FROM articles_fts"
        f" WHERE articles_fts MATCH :match AND rowid >= :newest{only}"
        " ORDER BY rank LIMIT :limit",
        {
            "match": match,
            "country": country,
            "limit": limit,
            "newest": newest[0][0] if newest else 0,
        },
    ).fetchall()
    texts = {
        id_: (title, body)
        for id_, title, body in conn.execute(
            "SELECT a.id, a.title, a.body FROM articles a"
            " WHERE a.id IN (SELECT value FROM json_each(?))",
            (json.dumps([id_ for id_, _ in ranked]),),
        )
    }
    words = WORD.findall(query)
    terms = query_terms(words, _last_is_prefix(words))
    return [
        BodyHit(id_, texts[id_][0], cut_snippet(texts[id_][1], terms), rank)
        for id_, rank in ranked
        if id_ in texts
    ]


def document_frequency(conn: sqlite3.Connection, term: str) -> int:
    """How many articles contain ``term`` (folded as FTS5 folds it), from the index's own
    vocabulary. A common word walks its whole posting list: callers remember the answer."""
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.articles_fts_terms"
        " USING fts5vocab(main, articles_fts, 'row')"
    )
    rows = conn.execute(
        "SELECT doc FROM temp.articles_fts_terms WHERE term = ?", (term,)
    ).fetchall()
    return rows[0][0] if rows else 0


def title_matches(
    conn: sqlite3.Connection, match: str, other_than_key: str, limit: int
) -> list[tuple[int, str, int]]:
    """(id, title, truncated) of articles whose *headline* matches the FTS5 expression
    ``match`` (quoted words joined by AND), best first, leaving out those whose title
    key is ``other_than_key`` (an article and its other versions)."""
    return conn.execute(
        "SELECT a.id, a.title, a.truncated FROM articles_fts"
        " JOIN articles a ON a.id = articles_fts.rowid"
        " WHERE articles_fts MATCH ? AND a.title_key != ?"
        " ORDER BY bm25(articles_fts) LIMIT ?",
        (f"{{title}}: ({match})", other_than_key, limit),
    ).fetchall()


def index_articles_after(conn: sqlite3.Connection, after_id: int) -> None:
    """Add the articles with an id above ``after_id`` to the index (the loader's batch)."""
    conn.execute(
        "INSERT INTO articles_fts (rowid, title, body)"
        " SELECT id, title, body FROM articles WHERE id > ?",
        (after_id,),
    )


def reindex(
    conn: sqlite3.Connection, article_id: int, title: str, old_body: str, new_body: str
) -> None:
    """An indexed article's body changed: an external-content index must be told the old
    text to remove it."""
    conn.execute(
        "INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)",
        (article_id, title, old_body),
    )
    conn.execute(
        "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
        (article_id, title, new_body),
    )
