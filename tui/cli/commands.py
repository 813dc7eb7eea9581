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
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import store.opening
from store.archive import Archive
from store.db import explain
from store.errors import StoreError
from store.paths import bundled_seeds_dir
from tui.cli.collection import resume_collection
from tui.cli.migration_progress import migration_progress_bar
from tui.config.settings import (
    DB_ENV,
    Flags,
    Settings,
    default_database_path,
    default_log_path,
    load_settings,
)
from tui.ssh.limits import add_limit_arguments, limits_from_arguments
from tui.text import printable

if TYPE_CHECKING:
    from store.ingest.load import LoadReport

log = logging.getLogger("tca-tui")
PROGRESS_THRESHOLD = 20  # files; fewer load before a progress bar would even draw


class UsageError(Exception):
    """A command asked for something it cannot do; the message says what to give."""


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


def build_parser() -> argparse.ArgumentParser:
    db_option = argparse.ArgumentParser(add_help=False)
    db_option.add_argument(
        "--db",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="PATH",
        help=f"database file (default: ${DB_ENV}, else the settings file's database, "
        f"else {default_database_path()})",
    )
    db_option.add_argument(
        "--config",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="PATH",
        help="settings file (default: $TCA_TUI_CONFIG, else config.toml in the user's "
        "config folder; see tca-tui config)",
    )
    parser = argparse.ArgumentParser(
        prog="tca-tui",
        description="A keyboard-driven terminal reader for snapshots of The Times of Central Asia.",
        parents=[db_option],
    )
    parser.add_argument("--version", action=_VersionAction, help="show the version and exit")
    parser.add_argument(
        "--no-animation",
        action="store_true",
        help="keep the ticker still (also TEXTUAL_ANIMATIONS=none)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    load = commands.add_parser(
        "load",
        parents=[db_option],
        help="load snapshot files or folders of *.txt",
        description="Load snapshot files, and *.txt files under folders, into the database.",
    )
    load.add_argument("paths", nargs="+", type=Path, metavar="PATH")

    search = commands.add_parser(
        "search",
        parents=[db_option],
        help="fuzzy-search headlines, as the app's / does",
        description="Fuzzy-search all headlines; prints one headline per line, best first. "
        "With --country and no words: every article mentioning that country, newest first.",
    )
    search.add_argument("query", nargs="*", help="words to look for (typos and any order are fine)")
    search.add_argument(
        "--country",
        metavar="CODE",
        help="only articles mentioning this country: KZ, KG, TJ, TM, UZ or AF",
    )
    search.add_argument(
        "--limit", type=int, default=20, metavar="N", help="at most N results (default 20)"
    )
    search.add_argument("--json", action="store_true", help="print a JSON list instead")

    stats = commands.add_parser(
        "stats",
        parents=[db_option],
        help="count what the database holds",
        description="Count snapshots, articles, appearances and quotes.",
    )
    stats.add_argument("--json", action="store_true", help="print one JSON object")

    serve = commands.add_parser(
        "serve",
        parents=[db_option],
        help="serve the reader over SSH (ssh host -p PORT)",
        description="Run an SSH server that gives each connection its own reader on the "
        "archive: no shell, no commands, no forwarding, no file access.",
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1; 0.0.0.0 for all)",
    )
    serve.add_argument("--port", type=int, default=2222, help="port to listen on (default 2222)")
    serve.add_argument(
        "--host-key",
        type=Path,
        metavar="PATH",
        help="the server's private key, made on first start if missing",
    )
    who = serve.add_mutually_exclusive_group()
    who.add_argument(
        "--authorized-keys",
        type=Path,
        metavar="PATH",
        help="readers' public keys (default ~/.ssh/authorized_keys)",
    )
    who.add_argument(
        "--open",
        action="store_true",
        help="let anyone connect, with any key or none (logged as a warning)",
    )
    serve.add_argument(
        "--max-sessions",
        type=int,
        default=16,
        metavar="N",
        help="readers at once; more are turned away (default 16)",
    )
    serve.add_argument(
        "--idle-timeout",
        type=float,
        default=1800,
        metavar="SECONDS",
        help="end a session after this long without a key press (default 1800; 0: never)",
    )
    serve.add_argument(
        "--log",
        type=Path,
        metavar="FILE",
        help="append the log, one line per connection, here (default stderr)",
    )
    add_limit_arguments(serve)
    config = commands.add_parser(
        "config",
        parents=[db_option],
        help="show the settings in force and where they come from",
        description="Print where the settings file is (or would be), every setting in force "
        "and where it came from (default, file, env, flag), and every key binding.",
    )
    config.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def settings_from(args: argparse.Namespace) -> Settings:
    """The settings, built once here from the file, the environment and ``args``."""
    return load_settings(
        os.environ,
        Flags(
            config=getattr(args, "config", None),
            database=getattr(args, "db", None),
            no_animation=getattr(args, "no_animation", False),
        ),
    )


def db_path(args: argparse.Namespace) -> Path:
    return args.settings.database


def open_archive(args: argparse.Namespace, *, seed: bool = True, write: bool = False) -> Archive:
    """The archive the command asked for; a missing or empty one gets the bundled seeds.

    ``load`` into a database named with --db does not seed it: the user chose its contents.
    The rest (read-only fallback, refusing ``write`` commands) is store.opening's policy.
    """
    chosen = args.settings.source("database") != "default"
    with migration_progress_bar():  # an archive tagged by a migration can take a while
        return store.opening.open_archive(
            db_path(args),
            seeds=bundled_seeds_dir() if seed or not chosen else None,
            write=write,
            on_seed_error=lambda error: print(f"tca-tui: bundled seeds: {error}", file=sys.stderr),
        )


def run_app(args: argparse.Namespace) -> int:
    from tui.app import TcaApp  # Textual is imported only when the app runs.

    archive = open_archive(args)
    from store.reading import open_reading_state

    settings: Settings = args.settings
    app = TcaApp(archive, settings=settings, log_error=_log_exception)
    _report_settings(app.settings_problems)  # the app shows them too, once it is up
    app.use_reading_state(open_reading_state(settings.state_path))
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
    from store.ingest.load import FileOutcome, load_paths

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
    from tui.cli.country_search import country_code, known_codes, search_headlines

    country = country_code(args.country) if args.country is not None else None
    if args.country is not None and country is None:
        raise UsageError(f"search: no country {args.country!r}; use one of {known_codes()}")
    query = " ".join(args.query)
    if not query.strip() and country is None:
        raise UsageError(
            "search needs words to look for or --country CODE"
            " (usage: tca-tui search [QUERY ...] [--country CODE])"
        )
    archive = open_archive(args)
    found = search_headlines(archive, query, country, max(args.limit, 0))
    if args.json:
        print(_safe_json([found.as_json(i) for i in range(len(found.ids))]))
    else:
        for title in found.titles:
            print(printable(title, single_line=True))
    return 0 if found.ids else 1


def run_stats(args: argparse.Namespace) -> int:
    archive = open_archive(args)
    stats: dict[str, object] = dict(archive.stats().as_dict())
    stats["countries"] = archive.country_counts()
    if args.json:
        print(json.dumps(stats))
    else:
        width = max(map(len, stats))
        for key, value in stats.items():
            if isinstance(value, dict):
                value = "  ".join(f"{code} {count}" for code, count in value.items()) or "none"
            print(f"{key.replace('_', ' '):<{width}}  {value}")
    return 0


def run_serve(args: argparse.Namespace) -> int:
    from tui.ssh import server as serve  # asyncssh is imported only when serving.

    archive = open_archive(args)  # seeded here, once, before any session opens it
    archive.close()
    return serve.run(
        serve.ServeConfig(
            db=archive.path,
            host=args.host,
            port=args.port,
            host_key=args.host_key or serve.default_host_key(),
            authorized_keys=None
            if args.open
            else (args.authorized_keys or Path.home() / ".ssh" / "authorized_keys"),
            max_sessions=max(args.max_sessions, 1),
            idle_timeout=max(args.idle_timeout, 0),
            readers_dir=serve.default_readers_dir(),
            log_file=args.log,
            settings_file=args.settings.config_path,
            limits=limits_from_arguments(args),
        )
    )


def run_config(args: argparse.Namespace) -> int:
    from tui.cli.config_command import describe, describe_json  # Textual: for the bindings

    print(describe_json(args.settings) if args.json else describe(args.settings))
    return 0


def _report_settings(problems: Sequence[str]) -> None:
    for problem in problems:
        print(f"tca-tui: {printable(problem, single_line=True)}", file=sys.stderr)


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
    "config": run_config,
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.settings = settings_from(args)
    if args.command not in (None, "config"):  # those two check the keys and theme too
        _report_settings(args.settings.problems)
    if args.command is not None:
        resume_collection()  # only the app's first screen is worth the pause (tui.cli.startup)
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
    except UsageError as error:
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
    path = default_log_path()
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
