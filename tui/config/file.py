"""The settings file (TOML): reading it leniently, and writing a chosen theme back.

Reading never fails: each thing wrong costs one ``FILE:LINE: what is wrong`` line and the
rest applies. Writing keeps the person's comments and layout (tomlkit), and never touches
a file that has an error in it: what they meant is unclear, and they may be editing it.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

# Every setting of the file's top level, and the type its value must have.
SETTING_TYPES: dict[str, type] = {
    "theme": str,
    "ticker": bool,
    "animate": bool,
    "ascii": bool,
    "database": str,
    "pager": str,
}
KEYS_TABLE = "keys"
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column \d+\)$|\s*\(at end of document\)$")
_TABLE_HEADER = re.compile(r"\s*\[\s*([A-Za-z0-9_.\"' -]+?)\s*\]\s*(#.*)?$")
_KEY_LINE = re.compile(r"""\s*["']?([A-Za-z0-9_-]+)["']?\s*=""")
_TYPE_NAMES = {str: "a string in quotes", bool: "true or false"}


@dataclass
class SettingsFile:
    """What one file says: settings by name, ``[keys]`` by binding id, and its problems."""

    path: Path
    values: dict[str, object] = field(default_factory=dict)
    keys: dict[str, tuple[str, ...]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    lines: dict[tuple[str, str], int] = field(default_factory=dict)

    def where(self, name: str, *, table: str = "") -> str:
        """``FILE:LINE`` of a setting, or ``FILE`` when no line says it plainly."""
        line = self.lines.get((table, name))
        return f"{self.path}:{line}" if line else str(self.path)

    def problem(self, name: str, what: str, *, table: str = "") -> None:
        self.problems.append(f"{self.where(name, table=table)}: {what}")


def read_settings_file(path: Path) -> SettingsFile:
    """The file at ``path``; a missing one says nothing and sets nothing."""
    read = SettingsFile(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return read
    except UnicodeDecodeError:
        read.problems.append(f"{path}: not UTF-8 text; no settings read from it")
        return read
    except OSError as error:
        read.problems.append(f"{path}: cannot read it ({error.strerror}); no settings read from it")
        return read
    import tomllib  # ~5 ms of start-up, spent only when there is a file

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        position = _TOML_POSITION.search(message)
        line = getattr(error, "lineno", None) or (position and position[1])
        where = f"{path}:{line}" if line else str(path)
        what = _TOML_POSITION.sub("", message)
        read.problems.append(f"{where}: not valid TOML ({what}); no settings read from it")
        return read
    read.lines = setting_lines(text)
    for name, value in document.items():
        if name == KEYS_TABLE:
            _read_keys(read, value)
        elif name not in SETTING_TYPES:
            read.problem(name, f"unknown setting {name!r}")
        elif not isinstance(value, SETTING_TYPES[name]):
            read.problem(name, f"{name} must be {_TYPE_NAMES[SETTING_TYPES[name]]}")
        else:
            read.values[name] = value
    return read


def _read_keys(read: SettingsFile, table: object) -> None:
    if not isinstance(table, dict):
        read.problem(KEYS_TABLE, 'keys must be a table: [keys] then binding_id = "key" lines')
        return
    for binding_id, value in table.items():
        keys: list[str] = []
        if isinstance(value, str):
            keys = [key.strip() for key in value.split(",")]
        elif isinstance(value, list) and all(isinstance(key, str) for key in value):
            keys = [key.strip() for key in value]
        if not keys or not all(keys):
            read.problem(
                binding_id,
                f'keys.{binding_id} must name keys: "key" or "key1,key2"',
                table=KEYS_TABLE,
            )
            continue
        read.keys[binding_id] = tuple(keys)


def setting_lines(text: str) -> dict[tuple[str, str], int]:
    """Where each ``key =`` line is, by (table, key): TOML parsers do not say."""
    lines: dict[tuple[str, str], int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if header := _TABLE_HEADER.match(line):
            table = header[1].strip("\"'")
            lines.setdefault(("", table), number)
        elif match := _KEY_LINE.match(line):
            lines.setdefault((table, match[1]), number)
    return lines


def save_theme(path: Path, theme: str) -> str | None:
    """Write ``theme = ...`` into the file at ``path``, creating it if absent.

    Returns why it was not written, or None. A file with any problem is left alone.
    """
    import tomlkit  # only when a theme is chosen: parsing with style costs import time

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = None
    except (OSError, UnicodeDecodeError) as error:
        return f"{path}: the theme is not kept: cannot read the file ({error})"
    if text is not None and read_settings_file(path).problems:
        return f"{path}: the theme is not kept while the file has an error"
    if text is None:
        document = tomlkit.document()
        document.add(tomlkit.comment("tca-tui settings; README.md, Settings, lists them all."))
    else:
        document = tomlkit.parse(text)
    if document.get("theme") == theme:
        return None
    document["theme"] = theme  # tomlkit puts a new one above any table
    try:
        _write_atomically(path, tomlkit.dumps(document))
    except OSError as error:
        return f"{path}: the theme is not kept ({error.strerror})"
    return None


def _write_atomically(path: Path, text: str) -> None:
    """A reader of the file (another tca-tui starting) sees the old or the new, whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=".config-", suffix=".toml", dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
