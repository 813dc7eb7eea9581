"""``tca-tui config``: where the settings file is, what is in force and why, every key."""

from __future__ import annotations

import json

from tui.config.check import check_settings, theme_names
from tui.config.keymap import binding_ids, default_keys
from tui.config.settings import Settings
from tui.text import printable


def _report(settings: Settings) -> dict[str, object]:
    assert settings.config_path is not None  # load_settings always names one
    from tui.app import TcaApp  # the bindings are declared on the app and its widgets

    sections = TcaApp.binding_sections()
    themes = theme_names()
    keymap, problems = check_settings(settings, sections, themes)
    defaults = default_keys(sections)
    keys: dict[str, list[str]] = {}
    key_sources: dict[str, str] = {}
    descriptions: dict[str, str] = {}
    for binding_id, binding in binding_ids(sections).items():
        remapped = binding_id in keymap
        keys[binding_id] = keymap[binding_id].split(",") if remapped else defaults[binding_id]
        key_sources[binding_id] = settings.keys[binding_id].source if remapped else "default"
        descriptions[binding_id] = binding.description
    values = settings.as_dict()
    return {
        "path": str(settings.config_path),
        "exists": settings.config_path.is_file(),
        **{name: entry["value"] for name, entry in values.items()},
        "sources": {
            "config": settings.source("config"),
            **{name: entry["source"] for name, entry in values.items()},
        },
        "keys": keys,
        "key_sources": key_sources,
        "key_descriptions": descriptions,
        "themes": themes,
        "problems": problems,
    }


def describe_json(settings: Settings) -> str:
    return json.dumps(_report(settings), ensure_ascii=False)


def describe(settings: Settings) -> str:
    """For a person: aligned columns, every value as plain text."""
    report = _report(settings)
    sources = report["sources"]
    assert isinstance(sources, dict)
    state = "" if report["exists"] else "  (not there yet: every setting is optional)"
    lines = [f"settings file  {report['path']}{state}  [{sources['config']}]", ""]
    values = settings.as_dict()
    width = max(map(len, values))
    for name, entry in values.items():
        value = entry["value"]
        shown = (
            "(Textual's default)"
            if value is None
            else str(value).lower()
            if isinstance(value, bool)
            else str(value)
        )
        lines.append(f"{name:<{width}}  {shown}  [{entry['source']}]")
    lines += ["", "[keys]  binding id = keys"]
    keys = report["keys"]
    key_sources = report["key_sources"]
    assert isinstance(keys, dict) and isinstance(key_sources, dict)
    id_width = max(map(len, keys))
    for binding_id, bound in keys.items():
        lines.append(f"{binding_id:<{id_width}}  {','.join(bound)}  [{key_sources[binding_id]}]")
    lines += ["", "themes: " + ", ".join(report["themes"])]  # type: ignore[arg-type]
    problems = report["problems"]
    assert isinstance(problems, list)
    if problems:
        lines += ["", "problems:", *(f"  {problem}" for problem in problems)]
    return "\n".join(printable(line, single_line=True) for line in lines)
