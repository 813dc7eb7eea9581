"""What of the settings can only be checked against the app: binding ids, key names and
theme names. Used by the app at start-up and by ``tca-tui config``, so both say the same."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.theme import BUILTIN_THEMES

from tui.config.keymap import BindingSection, check_keymap
from tui.config.settings import Settings
from tui.config.themes import THEMES


def theme_names() -> list[str]:
    return [*BUILTIN_THEMES, *(theme.name for theme in THEMES)]


def theme_problem(settings: Settings, known: Iterable[str]) -> str | None:
    if settings.theme is None or settings.theme in known:
        return None
    where = settings.locations.get("theme", str(settings.config_path))
    return f"{where}: unknown theme {settings.theme!r} (tca-tui config lists the themes)"


def check_settings(
    settings: Settings, sections: Sequence[BindingSection], themes: Iterable[str]
) -> tuple[dict[str, str], list[str]]:
    """The keymap to apply, and every problem: the file's own, then these."""
    keymap, problems = check_keymap(settings.keys, sections)
    if (problem := theme_problem(settings, themes)) is not None:
        problems.insert(0, problem)
    return keymap, [*settings.problems, *problems]
