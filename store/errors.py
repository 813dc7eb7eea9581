"""Errors the store raises; each carries one sentence fit to show a user."""

from __future__ import annotations


class SnapshotFormatError(ValueError):
    """The text is not a snapshot; ``line`` is 1-based, or None for the whole file."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line

    def located(self, name: str) -> str:
        """The one-line form users see: ``FILE[:LINE]: reason``."""
        where = f"{name}:{self.line}" if self.line else name
        return f"{where}: {self.reason}"


class StoreError(Exception):
    """The database cannot be used as asked; the message is for the user."""


class NotADatabaseError(StoreError):
    """The file exists but is not a (healthy) SQLite database."""


class SchemaTooNewError(StoreError):
    """The database was written by a newer tca-tui."""


class ReadOnlyError(StoreError):
    """A write was asked of a database we may only read."""


class Cancelled(Exception):
    """A search or query stopped because whoever asked for it no longer wants the answer
    (its ``cancelled`` callback said so): the fuzzy headline search and full-text search
    alike."""
