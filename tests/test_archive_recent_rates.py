"""The recent rates behind the ticker's sparklines: the seeds' four dated tickers."""

from __future__ import annotations

from pathlib import Path

from conftest import write_snapshot

from store.archive import Archive
from store.ingest.load import load_paths

TJS = [0.09153, 0.09166, 0.09636, 0.10563]  # 07 Jan 2025, 10 Jan, 15 May, 20 Feb 2026
KGS = [0.01149, 0.01149, 0.01144, 0.01144]


def by_label(archive: Archive, label: str):
    return next(s for s in archive.snapshots() if s.short_label == label)


def test_each_pair_has_its_rates_oldest_first_up_to_the_snapshot(archive: Archive) -> None:
    newest = archive.recent_rates(by_label(archive, "20 Feb 2026").id)
    assert list(newest) == ["KGS/USD", "KZT/USD", "TJS/USD", "UZS/USD", "TMT/USD"]
    assert newest["TJS/USD"] == TJS
    assert newest["KGS/USD"] == KGS
    assert newest["TMT/USD"] == [0.28571, 0.28571, 0.28575, 0.28490]

    assert archive.recent_rates(by_label(archive, "15 May 2025").id)["TJS/USD"] == TJS[:3]
    assert archive.recent_rates(by_label(archive, "07 Jan 2025").id)["TJS/USD"] == TJS[:1]


def test_count_keeps_the_latest(archive: Archive) -> None:
    newest = by_label(archive, "20 Feb 2026").id
    assert archive.recent_rates(newest, count=2)["TJS/USD"] == TJS[2:]
    assert archive.recent_rates(newest, count=1)["KGS/USD"] == KGS[3:]


def test_undated_and_unknown_snapshots_have_none(archive: Archive) -> None:
    assert archive.recent_rates(archive.snapshots()[-1].id) == {}  # the undated seed
    assert archive.recent_rates(10_000) == {}


def test_undated_tickers_are_left_out_and_bad_rates_skipped(stored: Path, tmp_path: Path) -> None:
    undated = "• TJS/USD = 0.50000 0%\n\nSteppe Railway Opens\n\nThe line opened.\n"
    huge = "9" * 400  # a rate the page may carry but no float can hold
    dated = f"• TJS/USD = {huge} 0%\n• KGS/USD = 0.01150 0%\n01 March 2026\n\nA Headline\n\nText.\n"
    report = load_paths(
        stored,
        [
            write_snapshot(tmp_path, "undated.txt", undated),
            write_snapshot(tmp_path, "mar.txt", dated),
        ],
    )
    assert not report.errors
    archive = Archive(stored)
    try:
        march = by_label(archive, "01 Mar 2026").id
        assert archive.quotes(march)[0].rate == huge
        rates = archive.recent_rates(march)
        assert rates["TJS/USD"] == TJS  # neither 0.5 (undated) nor the unreadable rate
        assert rates["KGS/USD"] == [*KGS, 0.01150]
        undated_id = next(
            s.id for s in archive.snapshots() if s.date is None and archive.quotes(s.id)
        )
        assert archive.recent_rates(undated_id) == {}
    finally:
        archive.close()
