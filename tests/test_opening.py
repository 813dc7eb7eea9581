"""Opening an archive for a command: seeded when new, read-only when it may not be written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import store.db
from store.errors import ReadOnlyError, StoreError
from store.opening import open_archive


def test_a_new_archive_gets_the_seeds_it_is_given_and_no_others(tmp_path: Path, seeds_dir: Path):
    seeded = open_archive(tmp_path / "made" / "here.db", seeds=seeds_dir)
    assert seeded.stats().snapshots == 5 and not seeded.readonly
    seeded.close()
    bare = open_archive(tmp_path / "bare.db")
    assert bare.is_empty()
    bare.close()


def test_a_seed_that_cannot_be_loaded_is_reported_and_the_rest_are_loaded(
    tmp_path: Path, seeds_dir: Path
) -> None:
    (seeds_dir / "zz_junk.txt").write_bytes(b"\x00\x01\x02 not a snapshot")
    errors: list[str] = []
    archive = open_archive(tmp_path / "tca.db", seeds=seeds_dir, on_seed_error=errors.append)
    assert archive.stats().snapshots == 5
    assert len(errors) == 1 and "zz_junk.txt" in errors[0]
    archive.close()


def test_an_archive_it_may_not_write_is_read_only_and_refuses_writers(
    seeded_db: Path, tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = seeded_db.read_bytes()
    monkeypatch.setattr(store.db.os, "access", lambda path, mode: not mode & os.W_OK)
    archive = open_archive(seeded_db, seeds=seeds_dir)
    assert archive.readonly and archive.stats().snapshots == 5
    archive.close()
    with pytest.raises(ReadOnlyError, match="read-only, cannot load into it"):
        open_archive(seeded_db, write=True)
    with pytest.raises(StoreError, match="no database here, and none can be made"):
        open_archive(tmp_path / "missing.db", seeds=seeds_dir)
    assert seeded_db.read_bytes() == before
