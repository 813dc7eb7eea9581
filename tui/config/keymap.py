"""The reader's own keys: checking ``[keys]`` against the bindings, and the bindings as
remapped, for the help screen, the palette and ``tca-tui config``.

Textual applies the keymap itself (``App.set_keymap``), so the footer follows it; this
module only says in advance what Textual will do, so that a mistake or a key bound twice
is reported once, at start-up, rather than silently dropped.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence

from textual.binding import Binding, BindingsMap, BindingType
from textual.keys import KEY_NAME_REPLACEMENTS, REPLACED_KEYS, Keys, key_to_character

from tui.config.settings import KeySetting

BindingSection = tuple[str, Sequence[BindingType]]
MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
NAMED_KEYS = frozenset(k.value for k in Keys if "+" not in k.value and not k.value.startswith("<"))


def normal_key(key: str) -> str:
    """Textual's name for a key: "?" is ``question_mark``, "/" is ``slash``."""
    key = key.strip()
    if len(key) != 1 or key.isalnum():
        return key
    try:
        name = unicodedata.name(key).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return key
    return KEY_NAME_REPLACEMENTS.get(name, name)


def is_key_name(key: str) -> bool:
    """Whether Textual would ever report a key by this name (``ctrl+q``, ``f``, ``down``)."""
    *modifiers, base = key.split("+")
    if any(modifier not in MODIFIERS for modifier in modifiers) or not base:
        return False
    if len(base) == 1:
        return base.isprintable() and not base.isspace()
    return base in NAMED_KEYS or key_to_character(REPLACED_KEYS.get(base, base)) is not None


def binding_ids(sections: Iterable[BindingSection]) -> dict[str, Binding]:
    """Each binding id, with its first binding (for its description and default keys)."""
    found: dict[str, Binding] = {}
    for _, bindings in sections:
        for binding in Binding.make_bindings(bindings):
            if binding.id:
                found.setdefault(binding.id, binding)
    return found


def default_keys(sections: Iterable[BindingSection]) -> dict[str, list[str]]:
    keys: dict[str, list[str]] = {}
    for _, bindings in sections:
        for binding in Binding.make_bindings(bindings):
            if binding.id and binding.key not in keys.setdefault(binding.id, []):
                keys[binding.id].append(binding.key)
    return keys


def check_keymap(
    entries: Mapping[str, KeySetting], sections: Sequence[BindingSection]
) -> tuple[dict[str, str], list[str]]:
    """The keymap to give Textual, and one line per entry that cannot apply or that takes
    a key from another binding."""
    known = binding_ids(sections)
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, entry in entries.items():
        if binding_id not in known:
            problems.append(
                f"{entry.where}: unknown binding id {binding_id!r} (tca-tui config lists them all)"
            )
            continue
        if bad := [key for key in entry.keys if not is_key_name(normal_key(key))]:
            problems.append(f"{entry.where}: keys.{binding_id}: {bad[0]!r} is not a key name")
            continue
        keymap[binding_id] = ",".join(normal_key(key) for key in entry.keys)
    for title, bindings in sections:
        problems.extend(_clashes(title, bindings, keymap, entries))
    return keymap, problems


def _clashes(
    title: str,
    bindings: Sequence[BindingType],
    keymap: Mapping[str, str],
    entries: Mapping[str, KeySetting],
) -> list[str]:
    """A key that two ids of one place end up with. Textual keeps the remapped one (the
    first, if both are) and does not always say so: its own clash report misses a
    default binding that loses its key to a remapped one."""
    holders: dict[str, list[str]] = {}
    for binding in Binding.make_bindings(bindings):
        if not binding.id:
            continue
        keys = keymap[binding.id].split(",") if binding.id in keymap else [binding.key]
        for key in keys:
            if binding.id not in holders.setdefault(key, []):
                holders[key].append(binding.id)
    problems = []
    for key, ids in holders.items():
        if len(ids) < 2:
            continue
        ids.sort(key=lambda i: i not in keymap)  # stable: remapped first, as declared
        keeper, others = ids[0], ", ".join(ids[1:])
        problems.append(
            f"{entries[keeper].where}: key {key!r} is bound twice ({title}): "
            f"{keeper} keeps it, {others} loses it"
        )
    return problems


def remapped(bindings: Sequence[BindingType], keymap: Mapping[str, str]) -> list[Binding]:
    """``bindings`` as they are once ``keymap`` applies, in their declared order."""
    declared = list(Binding.make_bindings(bindings))
    if not keymap:
        return list(declared)
    order = {id(b): n for n, b in enumerate(declared)}
    rank_of_id = {b.id: n for n, b in reversed(list(enumerate(declared))) if b.id}
    applied = BindingsMap(declared)
    applied.apply_keymap(keymap)
    result = [b for key_bindings in applied.key_to_bindings.values() for b in key_bindings]

    def rank(binding: Binding) -> tuple[int, int]:
        if id(binding) in order:
            return order[id(binding)], 0
        keys = keymap.get(binding.id or "", "").split(",")
        return rank_of_id.get(binding.id, len(order)), keys.index(
            binding.key
        ) if binding.key in keys else 0

    return sorted(result, key=rank)
