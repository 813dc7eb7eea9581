"""The reader's own state (read, starred), kept apart from the archive and by article key."""

from __future__ import annotations

from pathlib import Path

from store.archive import Archive
from store.ingest.load import load_paths
from store.reading import IN_MEMORY, ReadingState, open_reading_state

MIDDLE_POWER = "Kazakhstan’s Middle Power Strategy Captures U.S. Focus in Trump-Tokayev Talks"


def test_read_and_unread(tmp_path: Path) -> None:
    state = ReadingState(tmp_path / "reading.db")
    assert state.read_among(["a", "b"]) == set()
    state.mark_read(["a", "b"])
    state.mark_read(["a"])  # twice is fine
    assert state.read_among(["a", "b", "c"]) == {"a", "b"}
    assert state.unread_count(["a", "b", "c", "c"]) == 1
    assert state.toggle_read("a") is False
    assert not state.is_read("a") and state.is_read("b")
    assert state.toggle_read("a") is True
    state.mark_read(["a", "b"], read=False)
    assert state.read_among(["a", "b"]) == set()
    state.close()


def test_stars_newest_first(tmp_path: Path) -> None:
    state = ReadingState(tmp_path / "reading.db")
    assert state.toggle_star("a") is True
    assert state.toggle_star("b") is True
    assert state.starred() == ["b", "a"]
    assert state.toggle_star("a") is False
    assert state.starred() == ["b"] and state.starred_among(["a", "b"]) == {"b"}
    state.close()


def test_many_keys_at_once(tmp_path: Path) -> None:
    state = ReadingState(IN_MEMORY)
    keys = [f"k{n}" for n in range(2000)]  # more than one IN (...) list
    state.mark_all_read(keys[:1500])
    assert state.unread_count(keys) == 500
    assert len(state.read_among(keys)) == 1500


def test_state_survives_reopening_and_a_fresh_archive(tmp_path: Path, seeds_dir: Path) -> None:
    state_path = tmp_path / "state" / "reading.db"  # the folder is made as needed
    first = tmp_path / "first.db"
    assert not load_paths(first, [seeds_dir]).errors
    archive = Archive(first)
    article = next(h for h in archive.headlines() if h.title == MIDDLE_POWER)
    key = archive.article_keys([article.id])[article.id]
    state = ReadingState(state_path)
    state.mark_read([key])
    state.toggle_star(key)
    state.close()
    archive.close()

    # The same snapshots, loaded in another order into a new archive: other ids, same keys.
    second = tmp_path / "second.db"
    for path in sorted(seeds_dir.glob("*.txt"), reverse=True):
        assert not load_paths(second, [path]).errors
    archive = Archive(second)
    state = ReadingState(state_path)
    starred = archive.articles_with_keys(state.starred())
    assert [a.title for a in starred] == [MIDDLE_POWER]
    assert state.is_read(archive.article_keys([starred[0].id])[starred[0].id])
    archive.close()
    state.close()


def test_archive_keys_for_a_snapshot(archive: Archive) -> None:
    jan07 = next(s for s in archive.snapshots() if s.label == "07 January 2025")
    keys = archive.snapshot_article_keys(jan07.id)
    assert list(keys) == [a.id for a in archive.articles_in(jan07.id)]
    assert archive.article_keys(keys) == keys
    assert len(set(keys.values())) == 3
    assert archive.articles_with_keys(["nope", *keys.values()])[0].id == next(iter(keys))


def test_an_unusable_state_file_falls_back_to_memory(tmp_path: Path) -> None:
    bad = tmp_path / "reading.db"
    bad.write_bytes(b"not a database at all" * 100)
    state = open_reading_state(bad)
    assert state.path == IN_MEMORY
    state.mark_read(["a"])
    assert state.is_read("a")
