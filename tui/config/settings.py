"""tca-tui's settings: one object, built once at start-up and passed down.

Each value comes from, lowest first: the default, the server's settings file (only for a
reader of ``tca-tui serve``), the settings file, the environment, a command-line flag.
:class:`Settings` remembers which, for ``tca-tui config``. No other module reads the
environment or the platform's folders for a setting.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import platformdirs

from tui.config.file import SettingsFile, read_settings_file
from tui.reading_policy import SERVED_ENV
from tui.text import locale_is_utf8

APP_NAME = "tca-tui"
CONFIG_ENV = "TCA_TUI_CONFIG"
DB_ENV = "TCA_TUI_DB"
STATE_ENV = "TCA_TUI_STATE"
# For such a reader: the server's own settings file, whose values are the reader's defaults.
SERVER_CONFIG_ENV = "TCA_TUI_SERVER_CONFIG"
DEFAULT_PAGER = "less"
# What a served reader's own file may not set: they name files or programs on the server.
SERVER_ONLY = frozenset({"database", "pager"})


@dataclass(frozen=True)
class Flags:
    """What the command line said, for the settings that have a flag."""

    config: Path | None = None
    database: Path | None = None
    no_animation: bool = False


@dataclass(frozen=True)
class KeySetting:
    """One ``[keys]`` entry: the keys for a binding id, and where the file says so."""

    keys: tuple[str, ...]
    where: str  # "FILE:LINE", the start of any message about this entry
    source: str = "file"  # or "server file"


@dataclass(frozen=True)
class Settings:
    """Everything tca-tui can be told, as it is in force for this run."""

    config_path: Path | None = None
    """The settings file; None (settings made in code, as tests do): nothing is written."""
    database: Path = Path("tca.db")
    state_path: Path = Path(":memory:")
    served: bool = False
    theme: str | None = None  # None: Textual's default
    ticker: bool = True
    animate: bool = True
    ascii_only: bool = False
    pager: str = DEFAULT_PAGER
    keys: Mapping[str, KeySetting] = field(default_factory=dict)
    sources: Mapping[str, str] = field(default_factory=dict)
    locations: Mapping[str, str] = field(default_factory=dict)
    """``FILE:LINE`` of each setting a file gave."""
    problems: tuple[str, ...] = ()
    """One line each, ``FILE:LINE: what is wrong``; everything else applies."""
    file_has_errors: bool = False
    """The file is not written back (a chosen theme) while this is so."""

    def source(self, name: str) -> str:
        """``default``, ``server file``, ``file``, ``env`` or ``flag``."""
        return self.sources.get(name, "default")

    @property
    def keymap(self) -> dict[str, str]:
        """For ``App.set_keymap``: binding id to ``"key1,key2"``."""
        return {binding_id: ",".join(entry.keys) for binding_id, entry in self.keys.items()}

    def with_problems(self, problems: list[str]) -> Settings:
        return replace(self, problems=(*self.problems, *problems))

    def as_dict(self) -> dict[str, object]:
        """The settings a person sets, with where each came from (``tca-tui config``)."""
        values = {
            "database": str(self.database),
            "reading_state": str(self.state_path),
            "theme": self.theme,
            "ticker": self.ticker,
            "animate": self.animate,
            "ascii": self.ascii_only,
            "pager": self.pager,
            "served": self.served,
        }
        return {
            name: {"value": value, "source": self.source(name)} for name, value in values.items()
        }


def default_config_path(environ: Mapping[str, str]) -> Path:
    """``config.toml`` in the user's config folder; where the platform follows the XDG
    variables (not macOS or Windows), as ``environ`` names it."""
    if sys.platform not in ("darwin", "win32") and (xdg := environ.get("XDG_CONFIG_HOME")):
        return Path(xdg) / APP_NAME / "config.toml"
    return platformdirs.user_config_path(APP_NAME, appauthor=False) / "config.toml"


def default_database_path() -> Path:
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "tca.db"


def default_state_path() -> Path:
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "reading.db"


def default_log_path() -> Path:
    return platformdirs.user_log_path(APP_NAME, appauthor=False) / "tca-tui.log"


def load_settings(environ: Mapping[str, str], flags: Flags = Flags()) -> Settings:
    """The settings in force: read the file(s) and ``environ`` once, here."""
    served = environ.get(SERVED_ENV) == "1"
    values: dict[str, object] = {}
    sources: dict[str, str] = {}
    keys: dict[str, KeySetting] = {}
    locations: dict[str, str] = {}
    problems: list[str] = []

    def take(
        read: SettingsFile,
        source: str,
        *,
        refuse: frozenset[str] = frozenset(),
        report: bool = True,
    ) -> None:
        for name, value in read.values.items():
            if name in refuse:
                problems.append(
                    f"{read.where(name)}: {name} is ignored here: over SSH a reader's "
                    "settings cannot name files or programs on the server"
                )
                continue
            values[name], sources[name], locations[name] = value, source, read.where(name)
        for binding_id, entry in read.keys.items():
            keys[binding_id] = KeySetting(entry, read.where(binding_id, table="keys"), source)
        if report:
            problems.extend(read.problems)

    if served and (server_file := environ.get(SERVER_CONFIG_ENV)):
        # Its problems were told where the server started; a reader is not shown its path.
        take(read_settings_file(Path(server_file)), "server file", report=False)
    if flags.config is not None:
        config_path, sources["config"] = flags.config, "flag"
    elif environ.get(CONFIG_ENV):
        config_path, sources["config"] = Path(environ[CONFIG_ENV]).expanduser(), "env"
    else:
        config_path = default_config_path(environ)
    own = read_settings_file(config_path)
    take(own, "file", refuse=SERVER_ONLY if served else frozenset())

    def pick(name: str, env_value: object | None, flag_value: object | None, default: object):
        if flag_value is not None:
            sources[name] = "flag"
            return flag_value
        if env_value is not None:
            sources[name] = "env"
            return env_value
        return values.get(name, default)

    database = pick(
        "database",
        Path(environ[DB_ENV]).expanduser() if environ.get(DB_ENV) else None,
        flags.database,
        None,
    )
    if isinstance(database, str):
        database = Path(database).expanduser()
    state_path = pick(
        "reading_state",
        Path(environ[STATE_ENV]).expanduser() if environ.get(STATE_ENV) else None,
        None,
        default_state_path(),
    )
    still = environ.get("TEXTUAL_ANIMATIONS", "").lower() == "none"
    animate = pick("animate", False if still else None, False if flags.no_animation else None, True)
    # A terminal that cannot show Unicode gets ASCII whatever the file says.
    utf8 = locale_is_utf8(environ)
    ascii_only = pick("ascii", None if utf8 else True, None, False)
    # An empty $PAGER, as for git, asks for no pager: `o` then reads in the app.
    pager = pick("pager", environ.get("PAGER"), None, DEFAULT_PAGER)
    if served:
        sources["served"] = "env"
    return Settings(
        config_path=config_path,
        database=database or default_database_path(),
        state_path=state_path,
        served=served,
        theme=values.get("theme"),
        ticker=bool(values.get("ticker", True)),
        animate=bool(animate),
        ascii_only=bool(ascii_only),
        pager=str(pager),
        keys=keys,
        sources=sources,
        locations=locations,
        problems=tuple(problems),
        file_has_errors=bool(own.problems),
    )
