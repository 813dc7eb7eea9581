"""The tca-tui store: parsing snapshot files, loading them into SQLite, reading them back.

Nothing here knows about the UI. Widgets and the CLI read through ``Archive`` and
search headlines through ``HeadlineIndex``.
"""

from .archive import Archive
from .errors import NotADatabaseError, ReadOnlyError, SchemaTooNewError, SnapshotFormatError, StoreError
from .fuzzy import HeadlineIndex, SearchCancelled
from .load import LoadReport, load_paths

__all__ = [
    "Archive",
    "HeadlineIndex",
    "LoadReport",
    "NotADatabaseError",
    "ReadOnlyError",
    "SchemaTooNewError",
    "SearchCancelled",
    "SnapshotFormatError",
    "StoreError",
    "load_paths",
]
