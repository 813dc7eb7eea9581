"""What the tests and the benchmarks share, in one place.

- ``support.pty_terminal``: the real ``tca-tui`` in a pseudo-terminal, its screen through
  pyte and every byte it writes (tests and ``bench/``).
- ``support.terminal_bytes``: the settle-and-count loops that measure those bytes, idle
  and per search keystroke (tests/test_terminal_output.py, bench/terminal_bytes.py).
- ``support.terminal``: a real terminal in tmux for the end-to-end tests.
- ``support.app_helpers``: small helpers for the app's Pilot tests.

Imported as ``support.…``: pytest puts ``tests/`` on ``sys.path`` (it has no
``__init__.py``; see rootdir-based "prepend" imports), and each bench script does the
same by hand before importing it.
"""
