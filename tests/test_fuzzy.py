"""Fuzzy headline search: typos and word order must not defeat it."""

from __future__ import annotations

import pytest

from store.errors import Cancelled
from store.models import Headline
from store.search.fuzzy import HeadlineIndex, IndexParts


@pytest.fixture
def index(archive) -> HeadlineIndex:
    return HeadlineIndex(archive.headlines())


@pytest.mark.parametrize(
    "query",
    ["tokayev washington", "washington tokayev", "tokayv washngton", "President Tokayev’s Wash"],
)
def test_finds_the_headline_despite_typos_and_order(index, query):
    result = index.search(query)
    assert (
        result.matches[0].title
        == "President Tokayev’s Washington Visit: Peace is Not a Bridge Too Far"
    )
    assert result.searched == 25


def test_count_is_of_all_matches_not_just_those_shown(index):
    result = index.search("kazakhstan", limit=3)
    assert len(result.matches) == 3
    assert result.total > 3


def test_matched_characters_are_marked(index):
    match = index.search("brics").matches[0]
    assert match.title[match.positions[0] : match.positions[-1] + 1] == "BRICS"


def test_empty_or_wordless_query_matches_nothing(index):
    assert index.search("").matches == []
    assert index.search("  ?! ").total == 0


def test_nothing_like_the_query_gives_no_results(index):
    assert index.search("zzzzqqq").total == 0


def test_search_stops_when_cancelled(index):
    with pytest.raises(Cancelled):
        index.search("tokayev", cancelled=lambda: True)


def test_an_empty_index_searches_fine():
    assert HeadlineIndex([]).search("anything").total == 0


def test_prefix_of_the_word_being_typed_matches():
    index = HeadlineIndex(
        [Headline(1, "Samarkand Hosts Summit"), Headline(2, "Tashkent Metro Expands")]
    )
    assert [m.article_id for m in index.search("samar").matches] == [1]
    assert index.search("samar ").total == 0  # a finished word must match as a word


def test_loading_saves_the_index_and_a_later_load_extends_it(tmp_path, seeds_dir):
    from conftest import write_snapshot

    from store.archive import Archive
    from store.ingest.load import load_paths

    db = tmp_path / "t.db"
    load_paths(db, [seeds_dir])
    archive = Archive(db)
    stored = HeadlineIndex.from_parts(IndexParts.from_blobs(archive.stored_headline_index()))
    assert len(stored) == 25
    assert stored.search("tokayv washngton").matches[0].title.startswith("President Tokayev’s")

    page = "Samarkand Hosts Caspian Water Summit\n\nLeaders met to talk about water.\n"
    load_paths(db, [write_snapshot(tmp_path, "new.txt", page)])
    index = HeadlineIndex.for_archive(archive)
    assert (
        len(index) == 26
        and len(HeadlineIndex.from_parts(IndexParts.from_blobs(archive.stored_headline_index())))
        == 26
    )
    assert index.search("samarknd").matches[0].title == "Samarkand Hosts Caspian Water Summit"


def test_stored_index_finds_what_a_fresh_build_finds(archive):
    fresh = HeadlineIndex(archive.headlines())
    stored = HeadlineIndex.for_archive(archive)
    for query in ["kazakhstan", "brics membr", "trump tokayev", "astana"]:
        assert [m.article_id for m in stored.search(query).matches] == [
            m.article_id for m in fresh.search(query).matches
        ]


def test_headlines_loaded_after_the_index_was_saved_are_still_found(archive, seeded_db):
    import sqlite3

    conn = sqlite3.connect(seeded_db)
    conn.execute(
        "INSERT INTO articles (title, title_key, body, truncated)"
        " VALUES ('Late Arrival From Termez', 'k', 'Body.', 0)"
    )
    conn.commit()
    conn.close()
    assert HeadlineIndex.for_archive(archive).search("termez").total == 1


def test_a_pasted_paragraph_searches_by_its_first_words(index):
    pasted = "tokayev washington " + " ".join(f"zq{i}" for i in range(3000))
    result = index.search(pasted)
    assert result.matches[0].title.startswith("President Tokayev’s Washington Visit")


def test_a_load_that_adds_nothing_does_not_read_the_stored_index_back(
    seeded_db, seeds_dir, monkeypatch
):
    from store.ingest.load import load_paths

    def must_not_run(blobs):
        raise AssertionError("a load that added no article read the whole index back")

    monkeypatch.setattr(IndexParts, "from_blobs", must_not_run)
    report = load_paths(seeded_db, [seeds_dir])  # every file already loaded
    assert report.already_loaded == 5


@pytest.mark.parametrize("query", ["tokayevwashington", "washingtontokayev", "tokayevwash"])
def test_words_typed_without_spaces_are_found(index, query):
    match = index.search(query).matches[0]
    assert match.title == "President Tokayev’s Washington Visit: Peace is Not a Bridge Too Far"
    marked = "".join(match.title[i] for i in match.positions)
    assert "Tokayev" in marked and "Wash" in marked  # each piece is highlighted where it matched


def test_a_word_that_matches_as_typed_is_not_split(index):
    # "kazakhstan" is a word of its own: never read as "kazakh" + "stan".
    result = index.search("kazakhstan")
    assert all("Kazakhstan" in m.title for m in result.matches)


def test_letters_that_run_together_into_no_known_words_still_find_nothing(index):
    assert index.search("zzzzqqqtokayev").total == 0
