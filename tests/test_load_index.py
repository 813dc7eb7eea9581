"""The fuzzy headline index a load saves, whoever builds it: the parsing process during a
large load, or the writer at its end (small loads, and whenever the first cannot)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import store.ingest.load
import store.search.headline_index
from store.archive import Archive
from store.ingest.load import PARALLEL_FROM, load_paths
from store.search.fuzzy import HeadlineIndex, IndexParts


def write_pages(folder: Path, count: int, first: int = 0) -> Path:
    folder.mkdir(exist_ok=True)
    for page in range(first, first + count):
        lines = [f"{1 + page % 28} March {2000 + page // 28}", ""]
        for n in range(6):
            # Every third story recurs on the next page: known articles among new ones.
            story = f"{n} {page - page % 2}" if n % 3 == 0 else f"{n} {page}"
            lines += [
                f"Caspian Story {story} Reaches Almaty",
                "",
                f"The body of story {story}.",
                "",
            ]
        (folder / f"page_{page:04}.txt").write_text("\n".join(lines), encoding="utf-8")
    return folder


def contents(parts: IndexParts) -> tuple[list[tuple[int, str]], dict[str, set[int]]]:
    """(id, title) in index order, and each word's article ids: the index's meaning."""
    offsets = parts.title_offsets.tolist()
    titles = [parts.titles[a:b].decode("utf-8") for a, b in zip(offsets, offsets[1:])]
    ids = parts.ids.tolist()
    postings = parts.word_offsets.tolist()
    words = {
        word: {ids[n] for n in parts.postings[postings[i] : postings[i + 1]].tolist()}
        for i, word in enumerate(parts.words)
    }
    return list(zip(ids, titles)), words


def assert_stored_index_is_complete(db: Path) -> None:
    archive = Archive(db)
    stored = archive.stored_headline_index()
    assert stored is not None
    assert stored["newest"] == str(max(h.id for h in archive.headlines())).encode()
    fresh = HeadlineIndex(sorted(archive.headlines(), key=lambda h: h.id)).parts
    assert contents(IndexParts.from_blobs(stored)) == contents(fresh)
    archive.close()


@pytest.fixture
def built_by(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Who built each saved index: "parser" (during the load) or "writer"."""
    seen: list[str] = []
    real = store.search.headline_index.extend

    def recording(conn: sqlite3.Connection, built: IndexParts | None = None) -> None:
        seen.append("writer" if built is None else "parser")
        real(conn, built)

    monkeypatch.setattr(store.search.headline_index, "extend", recording)
    return seen


def test_index_extended_by_the_parsing_process_matches_a_fresh_build(tmp_path, built_by):
    db = tmp_path / "t.db"
    folder = write_pages(tmp_path / "pages", PARALLEL_FROM + 10)
    load_paths(db, [folder])
    assert_stored_index_is_complete(db)
    # A second large load starts from the stored index; a small one is the writer's.
    write_pages(folder, PARALLEL_FROM + 10, first=PARALLEL_FROM + 10)
    load_paths(db, [folder])
    assert_stored_index_is_complete(db)
    load_paths(db, [write_pages(tmp_path / "few", 3, first=500)])
    assert_stored_index_is_complete(db)
    assert built_by == ["parser", "parser", "writer"]
    archive = Archive(db)
    hits = HeadlineIndex.for_archive(archive).search("caspain story 3 130")
    assert hits.matches[0].title == "Caspian Story 3 130 Reaches Almaty"
    archive.close()


def test_another_loaders_articles_between_batches_leave_the_index_to_the_writer(
    tmp_path, built_by, monkeypatch
):
    db = tmp_path / "t.db"
    monkeypatch.setattr(store.ingest.load, "BATCH_ARTICLES", 1)  # a commit after every file
    other = sqlite3.connect(db, isolation_level=None)

    def meanwhile(outcome, done: int, total: int) -> None:
        if done == PARALLEL_FROM // 2:  # between two of our transactions
            other.execute(
                "INSERT INTO articles (title, title_key, body, truncated)"
                " VALUES ('Late Arrival From Termez', 'k', 'Body.', 0)"
            )

    load_paths(db, [write_pages(tmp_path / "pages", PARALLEL_FROM + 10)], on_file=meanwhile)
    other.close()
    assert built_by == ["writer"]
    assert_stored_index_is_complete(db)


def test_a_stored_index_of_another_format_is_rebuilt_whole(tmp_path, built_by):
    db = tmp_path / "t.db"
    folder = write_pages(tmp_path / "pages", PARALLEL_FROM + 10)
    load_paths(db, [folder])
    conn = sqlite3.connect(db)
    conn.execute("UPDATE headline_index SET data = 'old' WHERE part = 'format'")
    conn.commit()
    conn.close()
    load_paths(db, [write_pages(folder, PARALLEL_FROM, first=PARALLEL_FROM + 10)])
    assert built_by == ["parser", "writer"]
    assert_stored_index_is_complete(db)
