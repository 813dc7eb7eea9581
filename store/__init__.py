"""The tca-tui store: parsing snapshot files, loading them into SQLite, reading them back.

Nothing here knows about the UI. Widgets and the CLI read through ``store.archive.Archive``
and search headlines through ``store.search.fuzzy.HeadlineIndex``. This package imports none of
its modules itself: the app's start-up path pulls in only what it uses, and the heavy
ones (numpy, sqlite-utils) load when indexing or writing starts.
"""
