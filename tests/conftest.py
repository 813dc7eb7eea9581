"""Fixtures shared by the store, CLI and app tests: real SQLite files, never mocks."""

from __future__ import annotations

import importlib.util
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from store.archive import Archive
from store.db import open_database
from store.ingest.load import load_paths
from store.paths import bundled_seeds_dir

SEED_NAMES = sorted(p.name for p in bundled_seeds_dir().glob("*.txt"))
GENERATOR = Path(__file__).resolve().parent.parent / "bench" / "generate.py"


@pytest.fixture(autouse=True)
def utf8_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see a UTF-8 locale whatever the machine has; ASCII tests set their own."""
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_CTYPE", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(autouse=True)
def no_settings_file(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's own ~/.config/tca-tui/config.toml never reaches a test. The empty
    folder used instead is open to all: some tests run the command as another user."""
    folder = Path(tempfile.mkdtemp(prefix="tca-config-"))
    folder.chmod(0o755)
    monkeypatch.delenv("TCA_TUI_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    yield
    shutil.rmtree(folder, ignore_errors=True)


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


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding the seeds, checkpointed: copied whole for each test."""
    path = tmp_path_factory.mktemp("template") / "seeded.db"
    db = open_database(path)
    assert not load_paths(db, [bundled_seeds_dir()]).errors
    db.conn.close()
    return path


@pytest.fixture
def stored(tmp_path: Path, seeded_template: Path) -> Path:
    path = tmp_path / "tca.db"
    shutil.copy(seeded_template, path)
    return path


@dataclass
class GeneratedCorpus:
    generator: ModuleType  # bench/generate.py
    counts: object  # what the generator says it wrote
    report: object  # what the loader says it stored
    db: Path


@pytest.fixture(scope="session")
def generated_corpus(tmp_path_factory: pytest.TempPathFactory) -> GeneratedCorpus:
    """3,000 generated articles (and the planted headlines), loaded by the real loader:
    enough for every search to fill the result list."""
    if not GENERATOR.exists():
        pytest.skip("needs a source checkout (bench/generate.py)")
    spec = importlib.util.spec_from_file_location("tca_bench_generate", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    folder = tmp_path_factory.mktemp("corpus")
    counts = module.generate(folder / "pages", articles=3000, plant=True)
    db = folder / "corpus.db"
    report = load_paths(db, [folder / "pages"])
    return GeneratedCorpus(module, counts, report, db)


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder under /tmp that another user can reach (pytest's tmp_path is private)."""
    path = Path(tempfile.mkdtemp(prefix="tca-perm-", dir="/tmp"))
    path.chmod(0o755)
    yield path
    for folder, subfolders, _ in os.walk(path):
        for name in subfolders:
            Path(folder, name).chmod(0o755)
    shutil.rmtree(path)
