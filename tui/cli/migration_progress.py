"""A progress bar on stderr while a long schema migration runs (tagging a large archive's
articles with their countries takes a while); nothing when stderr is not a terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from store.db import migration_progress

SHOWN_FROM = 20_000  # articles; a smaller migration is over before a bar would help


@contextmanager
def migration_progress_bar() -> Iterator[None]:
    if not sys.stderr.isatty():
        yield
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("Upgrading the archive", total=None, visible=False)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total, visible=total >= SHOWN_FROM)

        token = migration_progress.set(advance)
        try:
            yield
        finally:
            migration_progress.reset(token)
