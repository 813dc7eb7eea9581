"""Fixtures shared by the store, CLI and app tests: real SQLite files, never mocks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from store.archive import Archive
from store.load import load_paths
from store.paths import bundled_seeds_dir

SEED_NAMES = sorted(p.name for p in bundled_seeds_dir().glob("*.txt"))


@pytest.fixture
def seeds_dir(tmp_path: Path) -> Path:
    """A private copy of the five bundled seed snapshots."""
    folder = tmp_path / "seeds"
    shutil.copytree(bundled_seeds_dir(), folder)
    return folder


@pytest.fixture
def seeded_db(tmp_path: Path, seeds_dir: Path) -> Path:
    path = tmp_path / "tca.db"
    report = load_paths(path, [seeds_dir])
    assert not report.errors
    return path


@pytest.fixture
def archive(seeded_db: Path):
    archive = Archive(seeded_db)
    yield archive
    archive.close()


def write_snapshot(folder: Path, name: str, text: str) -> Path:
    """Write a snapshot file for a test (UTF-8)."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
