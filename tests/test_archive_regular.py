"""The read API for a regular: what changed between snapshots, and where an article was."""

from __future__ import annotations

from store.archive import Archive

MIDDLE_POWER = "Kazakhstan’s Middle Power Strategy Captures U.S. Focus in Trump-Tokayev Talks"
UKRAINE = "Trump’s Bid for Ukraine-Russia Peace: Could Kazakhstan Be the Key Mediator?"


def by_label(archive: Archive, label: str):
    return next(s for s in archive.snapshots() if s.short_label == label)


def test_new_articles_are_those_no_earlier_snapshot_showed(archive: Archive) -> None:
    jan07, jan10 = by_label(archive, "07 Jan 2025"), by_label(archive, "10 Jan 2025")
    assert archive.new_article_ids(jan07.id) == {a.id for a in archive.articles_in(jan07.id)}
    new = archive.new_article_ids(jan10.id)
    titles = {a.id: a.title for a in archive.articles_in(jan10.id)}
    assert len(new) == 4
    assert {titles[i] for i in set(titles) - new} == {MIDDLE_POWER, UKRAINE}
    undated = archive.snapshots()[-1]
    assert archive.new_article_ids(undated.id) == set()


def test_diff_against_the_previous_dated_snapshot(archive: Archive) -> None:
    jan10 = by_label(archive, "10 Jan 2025")
    diff = archive.diff(jan10.id)
    assert diff.previous.short_label == "07 Jan 2025"
    assert [a.title for a in diff.kept] == [MIDDLE_POWER, UKRAINE]
    assert len(diff.new) == 4 and len(diff.dropped) == 1
    assert [a.position for a in diff.new] == sorted(a.position for a in diff.new)

    oldest = archive.diff(by_label(archive, "07 Jan 2025").id)
    assert oldest.previous is None and len(oldest.new) == 3 and not oldest.dropped
    assert archive.previous_snapshot(archive.snapshots()[-1].id) is None  # undated
    assert archive.diff(10_000) is None


def test_an_article_knows_every_date_it_was_on_the_page(archive: Archive) -> None:
    jan10 = by_label(archive, "10 Jan 2025")
    middle = next(a for a in archive.articles_in(jan10.id) if a.title == MIDDLE_POWER)
    seen = archive.article(middle.id).appearances
    assert [s.short_label for s in seen] == ["07 Jan 2025", "10 Jan 2025"]


def test_ticker_history_covers_the_four_dated_snapshots(archive: Archive) -> None:
    assert archive.pairs() == ["KGS/USD", "KZT/USD", "TJS/USD", "TMT/USD", "UZS/USD"]
    history = archive.quote_history("TJS/USD")
    assert [h.snapshot.short_label for h in history] == [
        "07 Jan 2025",
        "10 Jan 2025",
        "15 May 2025",
        "20 Feb 2026",
    ]
    assert archive.undated_quote_count("TJS/USD") == 0
    assert archive.quote_history("XXX/USD") == []


def test_related_articles_share_the_headlines_rare_words(archive: Archive) -> None:
    jan10 = by_label(archive, "10 Jan 2025")
    rosenblum = archive.articles_in(jan10.id)[0]
    assert archive.key_terms(rosenblum.title) == ["ambassador", "kazakhstan"]
    related = archive.related(rosenblum.id)
    assert related[0].title.startswith("U.S. Ambassador to Kazakhstan Highlights")
    assert rosenblum.id not in {a.id for a in related} and len(related) <= 5
    assert [a.position for a in related] == list(range(len(related)))
    assert archive.related(10_000) == []


def test_related_works_on_a_read_only_archive(seeded_db) -> None:
    readonly = Archive(seeded_db, readonly=True)
    try:
        headline = readonly.headlines()[0]
        assert isinstance(readonly.related(headline.id), list)
    finally:
        readonly.close()


def test_snapshots_on_the_same_date_follow_each_other_by_id(stored, tmp_path) -> None:
    """Three pages of 01 March 2026, loaded one by one (so in id order), between the
    seeds' 20 Feb 2026 and a 02 March: each one's previous is the one loaded before it."""
    from conftest import write_snapshot

    from store.ingest.load import load_paths

    pages = {
        "tie0": ["Steppe Railway Opens", "Caspian Ferry Resumes"],
        "tie1": ["Caspian Ferry Resumes", "Aral Sea Report Published"],
        "tie2": ["Aral Sea Report Published", "Pamir Highway Repaired"],
        "after": ["Pamir Highway Repaired"],
    }
    for name, titles in pages.items():
        date = "02 March 2026" if name == "after" else "01 March 2026"
        articles = "".join(f"{title}\n\nWhat happened: {title}.\n\n" for title in titles)
        page = write_snapshot(tmp_path, f"{name}.txt", f"{date}\n\n{articles}")
        assert not load_paths(stored, [page]).errors
    archive = Archive(stored)
    try:
        ties = [s for s in archive.snapshots() if s.short_label == "01 Mar 2026"]
        tie0, tie1, tie2 = sorted(ties, key=lambda s: s.id)
        after = by_label(archive, "02 Mar 2026")
        assert archive.previous_snapshot(tie0.id).short_label == "20 Feb 2026"
        assert archive.previous_snapshot(tie1.id) == tie0
        assert archive.previous_snapshot(tie2.id) == tie1
        assert archive.previous_snapshot(after.id) == tie2

        def titles(articles) -> list[str]:
            return [a.title for a in articles]

        diff = archive.diff(tie1.id)
        assert diff.previous == tie0
        assert titles(diff.new) == ["Aral Sea Report Published"]
        assert titles(diff.kept) == ["Caspian Ferry Resumes"]
        assert titles(diff.dropped) == ["Steppe Railway Opens"]
        diff = archive.diff(after.id)
        assert diff.previous == tie2 and not diff.new
        assert titles(diff.kept) == ["Pamir Highway Repaired"]

        def new_titles(snapshot) -> set[str]:
            new = archive.new_article_ids(snapshot.id)
            return {a.title for a in archive.articles_in(snapshot.id) if a.id in new}

        assert new_titles(tie0) == set(pages["tie0"])
        assert new_titles(tie1) == {"Aral Sea Report Published"}
        assert new_titles(tie2) == {"Pamir Highway Repaired"}
        assert new_titles(after) == set()
    finally:
        archive.close()
