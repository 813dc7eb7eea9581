"""The read API the app and the CLI share."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

import store.archive
import store.search.fulltext
from store.archive import Archive
from store.errors import Cancelled


def test_snapshots_newest_first_undated_last(archive):
    labels = [s.label for s in archive.snapshots()]
    assert labels == [
        "20 February 2026",
        "15 May 2025",
        "10 January 2025",
        "07 January 2025",
        "004_28eadc3ced79146c.txt",
    ]
    assert [s.article_count for s in archive.snapshots()] == [6, 6, 6, 3, 6]


def test_articles_in_page_order_with_their_other_dates(archive):
    jan10 = next(s for s in archive.snapshots() if s.label == "10 January 2025")
    rows = archive.articles_in(jan10.id)
    assert [r.position for r in rows] == list(range(6))
    assert rows[0].title == "U.S. Ambassador to Kazakhstan Daniel Rosenblum Resigns"
    also = {r.title: r.other_dates for r in rows if r.other_dates}
    assert also == {
        "Kazakhstan’s Middle Power Strategy Captures U.S. Focus in Trump-Tokayev Talks": (
            dt.date(2025, 1, 7),
        ),
        "Trump’s Bid for Ukraine-Russia Peace: Could Kazakhstan Be the Key Mediator?": (
            dt.date(2025, 1, 7),
        ),
    }
    assert [r.truncated for r in rows] == [False, False, True, True, True, True]


def test_quotes_and_quote_history(archive):
    newest = archive.snapshots()[0]
    assert [(q.pair, q.rate, q.change) for q in archive.quotes(newest.id)][:2] == [
        ("KGS/USD", "0.01144", "0%"),
        ("KZT/USD", "0.00203", "0%"),
    ]
    history = archive.quote_history("KZT/USD")
    assert [h.snapshot.date.isoformat() for h in history] == [
        "2025-01-07",
        "2025-01-10",
        "2025-05-15",
        "2026-02-20",
    ]
    assert [h.quote.rate for h in history] == ["0.00189", "0.00190", "0.00197", "0.00203"]
    undated = archive.snapshots()[-1]
    assert archive.quotes(undated.id) == []


def test_body_search_ranks_and_marks_the_words(archive):
    hits = archive.search_bodies("Stufft credentials")
    assert hits[0].title.startswith("U.S. Ambassador to Kazakhstan Highlights")
    marked = [text.lower() for text, is_match in hits[0].snippet if is_match]
    assert "stufft" in marked and "credentials" in marked


@pytest.mark.parametrize("query", ['"', "NEAR(", "title:", "a OR", "*", "((x", "-", ""])
def test_body_search_never_fails_on_fts_syntax(archive, query):
    assert isinstance(archive.search_bodies(query), list)


def test_usable_from_worker_threads(archive):
    found = []
    thread = threading.Thread(target=lambda: found.append(len(archive.headlines())))
    thread.start()
    thread.join()
    assert found == [25]


def test_snapshot_pages_match_the_full_list_in_order(archive, monkeypatch):
    from store.archive import SnapshotPages

    monkeypatch.setattr(SnapshotPages, "PAGE", 2)  # several pages even on the seeds
    pages = archive.snapshot_pages()
    full = archive.snapshots()
    assert len(pages) == len(full) == 5
    assert [pages[i] for i in range(len(pages))] == full
    assert pages[-1] == full[-1] and pages[1:3] == full[1:3]
    with pytest.raises(IndexError):
        pages[5]


def test_data_version_changes_when_another_connection_writes(archive, seeded_db, tmp_path):
    from conftest import write_snapshot

    from store.ingest.load import load_paths

    before = archive.data_version()
    assert archive.data_version() == before  # reading alone does not change it
    page = write_snapshot(tmp_path, "new.txt", "Steppe Railway Opens\n\nThe line opened.\n")
    load_paths(seeded_db, [page])
    assert archive.data_version() != before


def test_body_search_ranks_only_the_newest_matches(archive, monkeypatch):
    # Ranking every one of 118,000 matches for a common word took seconds at 1M.
    every = {h.article_id for h in archive.search_bodies("kazakhstan", limit=100)}
    assert len(every) > 3
    monkeypatch.setattr(store.search.fulltext, "RANKED_TEXT_MATCHES", 3)
    hits = archive.search_bodies("kazakhstan", limit=100)
    assert {h.article_id for h in hits} == set(sorted(every)[-3:])


def test_a_short_last_word_is_searched_whole_not_as_a_start(archive):
    # "t*" would match nearly every article; "t" alone is no word in these pages.
    assert archive.search_bodies("t") == []
    assert archive.search_bodies("stu")  # three letters: Stufft


def test_body_search_stops_when_cancelled(archive, generated_corpus):
    with pytest.raises(Cancelled):
        archive.search_bodies("stufft", cancelled=lambda: True)
    asked = []

    def cancelled_while_running() -> bool:
        asked.append(True)
        return len(asked) > 1  # not before the query starts; as soon as it runs

    big = Archive(generated_corpus.db, readonly=True)
    with pytest.raises(Cancelled):
        big.search_bodies("the", cancelled=cancelled_while_running)
    assert big.search_bodies("the")  # the connection is usable afterwards
