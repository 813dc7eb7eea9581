"""Opening an archive as a command needs it: made and seeded, or read-only.

A database tca-tui may not write (file or folder) is opened read-only, and not seeded:
browsing, search and stats work, and a command that must write is refused with one
sentence saying why. A missing or empty database that can be written gets the seed
snapshots it is given.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from store.archive import Archive
from store.db import read_only_reason
from store.errors import ReadOnlyError, StoreError


def open_archive(
    path: Path,
    *,
    seeds: Path | None = None,
    write: bool = False,
    on_seed_error: Callable[[str], None] | None = None,
) -> Archive:
    """The archive at ``path``, created if missing; loaded from ``seeds`` (a folder of
    snapshots) if it is empty and writable. ``write``: the caller will write, so a
    read-only database raises ``ReadOnlyError`` instead of opening read-only. Each seed
    file that could not be loaded is passed to ``on_seed_error`` as a one-line error."""
    if (reason := read_only_reason(path)) is not None:
        return _read_only_archive(path, reason, write=write)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"{path.parent}: cannot create the folder ({error.strerror})") from error
    try:
        archive = Archive(path)
    except ReadOnlyError:  # SQLite found it read-only although the file system said not
        return _read_only_archive(path, "SQLite cannot write to it", write=write)
    if seeds is not None and archive.is_empty():
        from store.ingest.load import load_paths  # writing needs sqlite-utils; reading does not

        report = load_paths(archive.db, [seeds])
        for error in report.errors:
            if on_seed_error is not None:
                on_seed_error(error)
    return archive


def _read_only_archive(path: Path, reason: str, *, write: bool) -> Archive:
    if write:
        raise ReadOnlyError(f"{path}: read-only, cannot load into it ({reason})")
    if not path.exists():
        raise StoreError(f"{path}: no database here, and none can be made ({reason})")
    return Archive(path, readonly=True)
