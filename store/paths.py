"""Where things live: the default database and the snapshots bundled with the package."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

DB_ENV = "TCA_TUI_DB"


def default_db_path() -> Path:
    """``$TCA_TUI_DB``, else ``tca.db`` in the platform's user data directory."""
    if configured := os.environ.get(DB_ENV):
        return Path(configured).expanduser()
    return platformdirs.user_data_path("tca-tui", appauthor=False) / "tca.db"


def bundled_seeds_dir() -> Path:
    """The seed snapshots: inside the installed wheel, or the checkout's ``seeds/``."""
    packaged = Path(__file__).with_name("seeds")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "seeds"
