"""Fewer bytes per repaint: send only what changes between one run of text and the next.

Textual writes every segment as a full style sequence, its text and a reset
(``ESC[38;2;224;224;224;48;2;30;30;30mHow ESC[0m``), even when the next segment has the
same background or the very same style. Over SSH each repaint's bytes are what a reader
waits for, so :class:`SgrCompactor` rewrites each write to the terminal: it keeps track of
the attributes the terminal has, and before each run of text sends only the ones that
differ from what that text needs (or a reset, when that is shorter). A run of spaces
shows no foreground, bold or italic, so those are left as they are for it.

Anything it does not understand (an attribute it does not model, an escape that may
save or restore attributes) makes it say everything again with a reset, or pass the rest
of the write through untouched, so the screen always looks as Textual meant it to.

Where the locale is not UTF-8 the same pass turns text into ASCII (:func:`to_ascii`):
that covers every border, scrollbar and key hint Textual draws, and the articles' text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rich.cells import cell_len

# Attribute slots, each holding the parameter(s) that set it, or None when off.
INTENSITY, ITALIC, UNDERLINE, BLINK, REVERSE, CONCEAL, STRIKE, OVERLINE, FG, BG = range(10)
_SLOTS = 10
_OFF = ("22", "23", "24", "25", "27", "28", "29", "55", "39", "49")
_ON = {
    "1": INTENSITY,
    "2": INTENSITY,
    "3": ITALIC,
    "4": UNDERLINE,
    "21": UNDERLINE,
    "5": BLINK,
    "6": BLINK,
    "7": REVERSE,
    "8": CONCEAL,
    "9": STRIKE,
    "53": OVERLINE,
}
_OFF_CODES = {code: slot for slot, code in enumerate(_OFF)}
State = tuple[str | None, ...]
DEFAULT: State = (None,) * _SLOTS
# What a run of spaces shows: its background, and lines drawn through or under it.
SPACE_SLOTS = (BG, REVERSE, UNDERLINE, STRIKE, OVERLINE)
_ALL_SLOTS = tuple(range(_SLOTS))

_TOKEN = re.compile(
    r"(?P<text>[^\x1b]+)"
    r"|\x1b\[(?P<params>[0-?]*)(?P<inter>[ -/]*)(?P<final>[@-~])"
    r"|(?P<osc>\x1b\][^\x07\x1b]*(?:\x07|\x1b\\))"
    r"|(?P<other>\x1b[ -/]*[0-Z\\^-~])",  # not "[" or "]": those begin CSI and OSC
    re.DOTALL,
)
# CSI sequences that move the cursor, set modes or ask the terminal something: they paint
# nothing and leave the attributes alone. Any other (erase, insert, scroll) paints blanks
# with the current background, so the attributes are brought up to date before it.
_INERT_CSI = frozenset("ABCDEFGHcdfhlnqrstu`")
# What a private CSI's parameters start with (ESC[?1049h, ESC[>4;1m): never plain SGR.
PRIVATE_MARKERS = ("<", "=", ">", "?")


@lru_cache(maxsize=4096)  # Textual repeats a few dozen styles: each frame parses the same ones
def parse_sgr(params: str, state: State) -> State | None:
    """``state`` after ``ESC[{params}m``; None for a parameter this module does not model."""
    slots = list(state)
    codes = params.split(";") if params else ["0"]
    i = 0
    while i < len(codes):
        code = codes[i]
        if code in ("", "0"):
            slots = [None] * _SLOTS
        elif code in ("1", "2"):
            slots[INTENSITY] = ";".join(sorted({*(slots[INTENSITY] or "").split(";"), code} - {""}))
        elif code in _ON:
            slots[_ON[code]] = code
        elif code in _OFF_CODES:
            slots[_OFF_CODES[code]] = None
        elif code.isdigit() and (30 <= int(code) <= 37 or 90 <= int(code) <= 97):
            slots[FG] = code
        elif code.isdigit() and (40 <= int(code) <= 47 or 100 <= int(code) <= 107):
            slots[BG] = code
        elif code in ("38", "48") and i + 1 < len(codes) and codes[i + 1] in ("2", "5"):
            length = 5 if codes[i + 1] == "2" else 3
            colour = codes[i : i + length]
            if len(colour) < length or not all(part.isdigit() for part in colour):
                return None
            slots[FG if code == "38" else BG] = ";".join(colour)
            i += length - 1
        else:
            return None
        i += 1
    return tuple(slots)


def full_sgr(state: State) -> str:
    """``state`` said in full, from a reset: ``ESC[0;1;38;2;…m``."""
    return "\x1b[" + ";".join(["0", *(value for value in state if value is not None)]) + "m"


@lru_cache(maxsize=4096)
def transition(current: State | None, target: State, slots: tuple[int, ...]) -> tuple[str, State]:
    """The shortest SGR sequence taking ``current`` to ``target`` in ``slots``, and the
    state the terminal is in after it (the other slots may stay as they were)."""
    full = full_sgr(target)
    if current is None:
        return full, target
    codes: list[str] = []
    merged = list(current)
    for slot in slots:
        have, want = current[slot], target[slot]
        if have == want:
            continue
        merged[slot] = want
        if slot == INTENSITY and have is not None:
            codes.append("22")  # bold and dim share one "off"
            if want is not None:
                codes.append(want)
        else:
            codes.append(want if want is not None else _OFF[slot])
    if not codes:
        return "", current
    partial = "\x1b[" + ";".join(codes) + "m"
    if len(full) <= len(partial):
        return full, target
    return partial, tuple(merged)


class SgrCompactor:
    """Rewrites terminal output so each run of text gets only the attribute changes it
    needs. Keeps the terminal's attributes between writes; every write ends with the
    terminal in the state the original output would have left it in. Writes must come
    one at a time, in the order they reach the terminal (the driver below sees to it)."""

    def __init__(self, *, ascii_only: bool = False) -> None:
        self.ascii_only = ascii_only  # the terminal shows ASCII only: see to_ascii
        self._actual: State | None = None  # None: not known, say it all

    def compact(self, data: str) -> str:
        out: list[str] = []
        actual = self._actual
        wanted = actual if actual is not None else DEFAULT

        def settle(slots: tuple[int, ...]) -> None:
            nonlocal actual
            sequence, actual = transition(actual, wanted, slots)
            out.append(sequence)

        position = 0
        for match in _TOKEN.finditer(data):
            if match.start() != position:
                break  # an incomplete escape sequence: pass the rest through
            position = match.end()
            if (text := match["text"]) is not None:
                if text.strip(" \r\n"):
                    settle(_ALL_SLOTS)
                elif text.strip("\r\n"):
                    reverse = wanted[REVERSE] or (actual is not None and actual[REVERSE])
                    settle(SPACE_SLOTS + ((FG, INTENSITY) if reverse else ()))
                # Line ends alone paint nothing (Textual never scrolls the screen with one).
                out.append(to_ascii(text) if self.ascii_only else text)
            elif (final := match["final"]) is not None:
                params = match["params"]
                if final == "m" and not match["inter"] and params[:1] not in PRIVATE_MARKERS:
                    parsed = parse_sgr(params, wanted)
                    if parsed is None:  # an attribute not modelled here
                        position = match.start()
                        break  # pass the rest through as it is
                    wanted = parsed
                    continue
                if final not in _INERT_CSI or match["inter"]:
                    settle(_ALL_SLOTS)
                out.append(match.group())
            elif match["osc"] is not None:
                out.append(match.group())
            else:
                # ESC 7 / ESC 8 save and restore attributes, ESC c resets everything:
                # from here on, say every attribute in full.
                settle(_ALL_SLOTS)
                out.append(match.group())
                actual = None
        if position != len(data):
            settle(_ALL_SLOTS)
            out.append(data[position:])
            self._actual = None
        else:
            settle(_ALL_SLOTS)
            self._actual = actual
        return "".join(out)


# --- ASCII for terminals without UTF-8 ------------------------------------------------------

_PUNCTUATION = {
    **dict.fromkeys("‘’‚‛′", "'"),
    **dict.fromkeys("“”„‟″«»", '"'),
    **dict.fromkeys("‐‑‒–—―−", "-"),
    **dict.fromkeys("•●◆∙", "*"),
    "·": ".",
    "…": ".",
    "\u00a0": " ",
    "×": "x",
    "▲": "^",
    "△": "^",
    "▼": "v",
    "▽": "v",
    "↑": "^",
    "↓": "v",
    "←": "<",
    "→": ">",
    "►": ">",
    "▶": ">",
    "◄": "<",
    "◀": "<",
    "⏎": "<",
    "↵": "<",
    **dict.fromkeys("▏▕▎▍▌▐▋▊▉", "|"),
    **dict.fromkeys("▔▀", "-"),
    **dict.fromkeys("▁▂▃▄▅▆▇", "_"),
    **dict.fromkeys("█▓", "#"),
    "▒": ":",
    "░": ".",
}


def _ascii_for(char: str) -> str:
    """One character's stand-in, as many cells wide as the character."""
    if char.isascii():
        return char
    if (known := _PUNCTUATION.get(char)) is not None:
        return known
    if "\u2500" <= char <= "\u257f":  # box drawing: lines and where they meet
        name = unicodedata.name(char, "")
        if "DIAGONAL" in name:
            return {"╱": "/", "╲": "\\"}.get(char, "X")
        across = any(word in name for word in ("HORIZONTAL", "LEFT", "RIGHT"))
        down = any(word in name for word in ("VERTICAL", "UP", "DOWN"))
        return "+" if across and down else "|" if down else "-"
    if "\u2596" <= char <= "\u259f":  # quadrants
        return "#"
    return "?" * cell_len(char)


class _AsciiTable(dict[int, str]):
    def __missing__(self, code: int) -> str:
        self[code] = replacement = _ascii_for(chr(code))
        return replacement


_ASCII_TABLE = _AsciiTable()


def to_ascii(text: str) -> str:
    """``text`` with every other character replaced by ASCII of the same width: box
    lines by ``+ - |``, arrows by ``^ v < >``, typographic quotes and dashes by plain
    ones, and anything else by ``?``."""
    return text if text.isascii() else text.translate(_ASCII_TABLE)
