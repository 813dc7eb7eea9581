"""The ``tca-tui`` command: the app by default, plus load, search and stats.

Errors reach the user as one line on stderr; details of anything unexpected go to a
log file. Exit status: 0 fine, 1 something refused or not found, 2 unusable database
or bad usage, 130 interrupted, 141 output cut short (``| head``).

A database that tca-tui may not write (file or folder) is opened read-only: browsing,
search and stats work, ``load`` says why it cannot.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

import store.opening
from store.archive import Archive
from store.db import explain
from store.errors import StoreError
from store.paths import DB_ENV, bundled_seeds_dir, default_db_path

from .collection import resume_collection
from .text import printable

if TYPE_CHECKING:
    from store.load import LoadReport

log = logging.getLogger("tca-tui")
PROGRESS_THRESHOLD = 20  # files; fewer load before a progress bar would even draw


def _version() -> str:
    # Imported here: importlib.metadata (zipfile, email) costs ~50 ms of every start-up.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("tca-tui")
    except PackageNotFoundError:
        return "unknown"


class _VersionAction(argparse.Action):
    """``--version``, looking the version up only when asked for."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **kwargs) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        print(f"tca-tui {_version()}")
        parser.exit()


def log_path() -> Path:
    return platformdirs.user_log_path("tca-tui", appauthor=False) / "tca-tui.log"


def build_parser() -> argparse.ArgumentParser:
    db_option = argparse.ArgumentParser(add_help=False)
    db_option.add_argument(
        "--db",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="PATH",
        help=f"database file (default: ${DB_ENV}, else {default_db_path()})",
    )
    parser = argparse.ArgumentParser(
        prog="tca-tui",
        description="A keyboard-driven terminal reader for snapshots of The Times of Central Asia.",
        parents=[db_option],
    )
    parser.add_argument("--version", action=_VersionAction, help="show the version and exit")
    parser.add_argument(
        "--no-animation", action="store_true", help="keep the ticker still (also TEXTUAL_ANIMATIONS=none)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    load = commands.add_parser(
        "load", parents=[db_option], help="load snapshot files or folders of *.txt",
        description="Load snapshot files, and *.txt files under folders, into the database.",
    )
    load.add_argument("paths", nargs="+", type=Path, metavar="PATH")

    search = commands.add_parser(
        "search", parents=[db_option], help="fuzzy-search headlines, as the app's / does",
        description="Fuzzy-search all headlines; prints one headline per line, best first.",
    )
    search.add_argument("query", nargs="+", help="words to look for (typos and any order are fine)")
    search.add_argument("--limit", type=int, default=20, metavar="N", help="at most N results (default 20)")
    search.add_argument("--json", action="store_true", help="print a JSON list instead")

    stats = commands.add_parser(
        "stats", parents=[db_option], help="count what the database holds",
        description="Count snapshots, articles, appearances and quotes.",
    )
    stats.add_argument("--json", action="store_true", help="print one JSON object")

    serve = commands.add_parser(
        "serve", parents=[db_option], help="serve the reader over SSH (ssh host -p PORT)",
        description="Run an SSH server that gives each connection its own reader on the "
        "archive: no shell, no commands, no forwarding, no file access.",
    )
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1; 0.0.0.0 for all)")
    serve.add_argument("--port", type=int, default=2222, help="port to listen on (default 2222)")
    serve.add_argument("--host-key", type=Path, metavar="PATH",
                       help="the server's private key, made on first start if missing")
    who = serve.add_mutually_exclusive_group()
    who.add_argument("--authorized-keys", type=Path, metavar="PATH",
                     help="readers' public keys (default ~/.ssh/authorized_keys)")
    who.add_argument("--open", action="store_true",
                     help="let anyone connect, with any key or none (logged as a warning)")
    serve.add_argument("--max-sessions", type=int, default=16, metavar="N",
                       help="readers at once; more are turned away (default 16)")
    serve.add_argument("--idle-timeout", type=float, default=1800, metavar="SECONDS",
                       help="end a session after this long without a key press "
                       "(default 1800; 0: never)")
    serve.add_argument("--log", type=Path, metavar="FILE",
                       help="append the log, one line per connection, here (default stderr)")
    return parser


def db_path(args: argparse.Namespace) -> Path:
    explicit = getattr(args, "db", None)
    return explicit if explicit is not None else default_db_path()


def open_archive(args: argparse.Namespace, *, seed: bool = True, write: bool = False) -> Archive:
    """The archive the command asked for; a missing or empty one gets the bundled seeds.

    ``load`` into a database named with --db does not seed it: the user chose its contents.
    The rest (read-only fallback, refusing ``write`` commands) is store.opening's policy.
    """
    chosen = getattr(args, "db", None) is not None or DB_ENV in os.environ
    return store.opening.open_archive(
        db_path(args),
        seeds=bundled_seeds_dir() if seed or not chosen else None,
        write=write,
        on_seed_error=lambda error: print(f"tca-tui: bundled seeds: {error}", file=sys.stderr),
    )


def run_app(args: argparse.Namespace) -> int:
    from .app import TcaApp  # Textual is imported only when the app runs.

    archive = open_archive(args)
    animate = not args.no_animation and os.environ.get("TEXTUAL_ANIMATIONS", "").lower() != "none"
    from store.reading import open_reading_state

    from .reading_policy import ReadingPolicy

    policy = ReadingPolicy.from_environment()  # served by `tca-tui serve`, or local
    app = TcaApp(archive, animate=animate, log_error=_log_exception, policy=policy)
    app.use_reading_state(open_reading_state())
    app.run()
    if app.unexpected_error is not None:  # the terminal is restored by now
        return _unexpected(app.unexpected_error)
    return app.return_code or 0


def run_load(args: argparse.Namespace) -> int:
    archive = open_archive(args, seed=False, write=True)
    report = _load_with_progress(archive, args.paths)
    for note in report.notes:
        print(f"note: {printable(note, single_line=True)}", file=sys.stderr)
    for error in report.errors:
        print(printable(error, single_line=True), file=sys.stderr)
    print(report.summary())
    return 1 if report.errors else 0


def _load_with_progress(archive: Archive, paths: list[Path]) -> LoadReport:
    from store.load import FileOutcome, load_paths

    if not sys.stderr.isatty():
        return load_paths(archive.db, paths)
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("Loading", total=None, visible=False)

        def advance(outcome: FileOutcome, done: int, total: int) -> None:
            progress.update(task, completed=done, total=total, visible=total >= PROGRESS_THRESHOLD)

        return load_paths(archive.db, paths, on_file=advance)


def run_search(args: argparse.Namespace) -> int:
    archive = open_archive(args)
    query = " ".join(args.query)
    from store.fuzzy import HeadlineIndex  # numpy and rapidfuzz: only for searching

    result = HeadlineIndex.for_archive(archive).search(query, limit=max(args.limit, 0))
    if args.json:
        authors = archive.authors([m.article_id for m in result.matches])
        rows = [
            {"id": m.article_id, "title": m.title, "score": round(m.score, 1),
             "author": authors.get(m.article_id)}
            for m in result.matches
        ]
        print(_safe_json(rows))
    else:
        for match in result.matches:
            print(printable(match.title, single_line=True))
    return 0 if result.matches else 1


def run_stats(args: argparse.Namespace) -> int:
    stats = open_archive(args).stats().as_dict()
    if args.json:
        print(json.dumps(stats))
    else:
        width = max(map(len, stats))
        for key, value in stats.items():
            print(f"{key.replace('_', ' '):<{width}}  {value}")
    return 0


def run_serve(args: argparse.Namespace) -> int:
    from . import serve  # asyncssh is imported only when serving.

    archive = open_archive(args)  # seeded here, once, before any session opens it
    archive.close()
    return serve.run(serve.ServeConfig(
        db=archive.path,
        host=args.host,
        port=args.port,
        host_key=args.host_key or serve.default_host_key(),
        authorized_keys=None if args.open else (
            args.authorized_keys or Path.home() / ".ssh" / "authorized_keys"),
        max_sessions=max(args.max_sessions, 1),
        idle_timeout=max(args.idle_timeout, 0),
        readers_dir=serve.default_readers_dir(),
        log_file=args.log,
    ))


def _safe_json(value: object) -> str:
    # json escapes C0 controls but passes C1 ones (U+0080-U+009F), which some terminals obey.
    text = json.dumps(value, ensure_ascii=False)
    return "".join(f"\\u{ord(ch):04x}" if 0x7F <= ord(ch) <= 0x9F else ch for ch in text)


COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    None: run_app,
    "load": run_load,
    "search": run_search,
    "stats": run_stats,
    "serve": run_serve,
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is not None:
        resume_collection()  # only the app's first screen is worth the pause (tui.startup)
    if args.command is not None and isinstance(sys.stdout, io.TextIOWrapper):
        # A terminal or pipe that cannot show a character gets "?", not a crash.
        sys.stdout.reconfigure(errors="replace")
    try:
        status = COMMANDS[args.command](args)
        sys.stdout.flush()
        return status
    except StoreError as error:
        print(f"tca-tui: {printable(str(error), single_line=True)}", file=sys.stderr)
        return 2
    except sqlite3.Error as error:
        if (explained := explain(error, db_path(args))) is None:
            return _unexpected(error)
        print(f"tca-tui: {printable(str(explained), single_line=True)}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # Whoever read our output stopped (``| head``); say nothing, and let the
        # interpreter's final flush write nowhere rather than fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:
        print("tca-tui: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # the last line of defence: never a traceback
        return _unexpected(error)


def _unexpected(error: Exception) -> int:
    where = _log_exception(error)
    message = f"unexpected error: {error.__class__.__name__}: {error} (details in {where})"
    print(f"tca-tui: {printable(message, single_line=True)}", file=sys.stderr)
    return 1


def _log_exception(error: Exception) -> Path:
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return Path(os.devnull)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.exception("unexpected error", exc_info=error)
    handler.close()
    return path


if __name__ == "__main__":
    sys.exit(main())
