"""Where the snapshots bundled with the package live.

Where the database is comes from the settings (``tui.config.settings``), passed in by the
caller: the store reads no environment and no platform folders of its own.
"""

from __future__ import annotations

from pathlib import Path


def bundled_seeds_dir() -> Path:
    """The seed snapshots: inside the installed wheel, or the checkout's ``seeds/``."""
    packaged = Path(__file__).with_name("seeds")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "seeds"
