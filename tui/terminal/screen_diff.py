"""Send only the cells that change: a model of the screen between Textual and the terminal.

Textual repaints a widget's whole region when anything in it changes: every keystroke of
a search rewrites the list's separators, borders and scrollbars along with the few
headlines that did change, and a second update repaints the scrollbars again. Over SSH
those bytes are what a reader waits for. :class:`ScreenDiff` keeps what each cell of the
terminal shows (character and attributes), compares each run of text Textual writes with
it, and sends only the cells that differ. The SGR sequences it writes are complete;
:class:`tui.terminal.sgr.SgrCompactor` shortens them next.

It follows only what Textual's screen updates are made of: cursor moves to a cell, SGR
attributes, text, line ends, and modes or queries that paint nothing. A write holding
anything else (erase, scroll regions, saved cursors, an attribute not modelled, text that
would wrap, an incomplete sequence) goes out exactly as Textual made it, and the model
forgets the screen: what follows is sent in full until the model has seen it again.
Each write leaves the terminal's cells, cursor and attributes as Textual's own write
would have, which is what makes that fallback always safe.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rich.cells import get_character_cell_size

from tui.terminal.sgr import (
    DEFAULT,
    PRIVATE_MARKERS,
    REVERSE,
    SPACE_SLOTS,
    State,
    full_sgr,
    parse_sgr,
)

WIDE_TAIL = ""  # the second column of a double-width character: nothing of its own to send
_MERGE_GAP = 6  # resend up to this many unchanged cells rather than move the cursor past them

_TOKEN = re.compile(
    r"(?P<text>[^\x1b\x00-\x1f\x7f]+)"
    r"|(?P<line>[\r\n])"
    r"|\x1b\[(?P<params>[0-?]*)(?P<inter>[ -/]*)(?P<final>[@-~])"
    r"|(?P<osc>\x1b\][^\x07\x1b]*(?:\x07|\x1b\\))",
    re.DOTALL,
)
_SGR = re.compile(r"\x1b\[([0-9;]*)m")
# CSI sequences that neither paint nor move the cursor: modes, queries, cursor shape.
_NEUTRAL_CSI = frozenset("hlnqtcu")
# Private modes that swap the whole screen for another (the alternate screen), and ones
# that change where text lands (origin mode). Modes without "?" (insert mode) and
# "ESC [ u" without a prefix (restore the cursor) are not followed at all.
_SCREEN_SWAPS = frozenset({"47", "1047", "1049"})
_PAINTING_MODES = frozenset({"6"})


class _Unmodelled(Exception):
    """A write holds something the model does not follow: it goes out as it came."""


@lru_cache(maxsize=4096)
def _space_key(state: State) -> State:
    """What a blank shows of ``state``: its background and the lines drawn through it."""
    if state[REVERSE]:
        return state
    return tuple(value if slot in SPACE_SLOTS else None for slot, value in enumerate(state))


@lru_cache(maxsize=4096)
def _cells(text: str) -> tuple[str, ...]:
    """``text`` cell by cell: a double-width character and then WIDE_TAIL, combining
    marks on the character before them."""
    cells: list[str] = []
    for char in text:
        width = get_character_cell_size(char)
        if width == 0:
            if not cells:
                raise _Unmodelled  # a mark on a cell this text does not hold
            base = -2 if cells[-1] == WIDE_TAIL else -1
            cells[base] += char
        else:
            cells.append(char)
            if width == 2:
                cells.append(WIDE_TAIL)
    return tuple(cells)


class ScreenDiff:
    """Rewrites Textual's output so cells the terminal already shows are not sent again."""

    def __init__(self, size: tuple[int, int] | None = None) -> None:
        self._size = size  # columns, lines: text past the edge wraps, a line end scrolls
        # What the terminal shows, row by row: characters and their attributes (None: unknown).
        self._chars: dict[int, list[str | None]] = {}
        self._states: dict[int, list[State | None]] = {}
        self._cursor: tuple[int, int] | None = None  # where Textual's output has the cursor
        self._state: State = DEFAULT  # the attributes Textual's output has set
        self._sent_cursor: tuple[int, int] | None = None  # where our output left it
        self._sent_state: State | None = None  # the attributes our output last set

    def forget(self) -> None:
        """The terminal's screen is no longer known (a redraw asked for, say)."""
        self._chars.clear()
        self._states.clear()
        self._sent_cursor = None

    def resize(self, size: tuple[int, int] | None) -> None:
        """The terminal has a new size, and may have kept, moved or cleared what it showed."""
        self._size = size
        self.forget()

    def apply(self, data: str) -> str:
        """What to send instead of ``data``."""
        out: list[str] = []
        state_before = self._state
        self._sent_state = None
        try:
            self._follow(data, out)
            self._settle(out)
        except _Unmodelled:
            self.forget()
            self._cursor = None  # wherever the write leaves it
            self._state = state_before
            for params in _SGR.findall(data):
                self._state = parse_sgr(params, self._state) or DEFAULT
            return data
        return "".join(out)

    # --- what Textual's output does ---------------------------------------------------

    def _follow(self, data: str, out: list[str]) -> None:
        position = 0
        for match in _TOKEN.finditer(data):
            if match.start() != position:
                raise _Unmodelled  # a lone ESC, an incomplete sequence
            position = match.end()
            kind = match.lastgroup
            if kind == "text":
                self._write_text(match.group(), out)
            elif kind == "final":
                final = match.group("final")
                if final == "m" and not match.group("inter"):  # SGR: the common case first
                    params = match.group("params")
                    if params[:1] not in PRIVATE_MARKERS:
                        state = parse_sgr(params, self._state)
                        if state is None:  # an attribute not modelled
                            raise _Unmodelled
                        self._state = state
                        continue
                self._control(match, final, out)
            elif kind == "line":
                if self._cursor is None:
                    raise _Unmodelled
                row = self._cursor[0] + (match.group() == "\n")
                if self._size is not None and row >= self._size[1]:
                    raise _Unmodelled  # the screen would scroll
                # Not sent: each run sent starts with a cursor move of its own. Textual
                # writes "\n" between lines for the terminal to make "\r\n" of.
                self._cursor = (row, 0)
            else:  # OSC: a title, the clipboard; paints nothing
                self._settle(out)
                out.append(match.group())
        if position != len(data):
            raise _Unmodelled

    def _control(self, match: re.Match[str], final: str, out: list[str]) -> None:
        params, inter = match["params"], match["inter"]
        private = params[:1] in PRIVATE_MARKERS
        if final in "Hf" and not inter and not private:
            parts = params.split(";")
            if len(parts) > 2 or not all(part.isdigit() or part == "" for part in parts):
                raise _Unmodelled
            row = int(parts[0] or 1)
            column = int(parts[1] or 1) if len(parts) == 2 else 1
            self._cursor = (max(row, 1) - 1, max(column, 1) - 1)
        elif final in _NEUTRAL_CSI and not inter and (private or final in "cnqt"):
            modes = set(params[1:].split(";")) if final in "hl" else set()
            if modes & _PAINTING_MODES:
                raise _Unmodelled
            self._settle(out)
            out.append(match.group())
            if modes & _SCREEN_SWAPS:
                self.forget()
        else:  # it may paint blanks, scroll or move the cursor somewhere unmodelled
            raise _Unmodelled

    # --- what goes to the terminal ----------------------------------------------------

    def _write_text(self, text: str, out: list[str]) -> None:
        """Send the cells of ``text`` the terminal does not already show."""
        if self._cursor is None:
            raise _Unmodelled
        row, column = self._cursor
        new = list(text) if text.isascii() else list(_cells(text))
        end = column + len(new)
        if self._size is not None and end > self._size[0]:
            raise _Unmodelled  # the terminal would wrap it onto the next line
        self._cursor = (row, end)
        state = self._state
        chars, states = self._row(row, end + 1)
        if chars[column:end] == new and states[column:end] == [state] * len(new):
            return  # the common case: Textual repainted what is there
        # Overwriting half of a double-width character blanks its other half.
        if chars[column] == WIDE_TAIL and column > 0:
            chars[column - 1] = None
        if chars[end] == WIDE_TAIL:
            chars[end] = None
        runs: list[list[int]] = []
        if chars[column:end].count(None) == len(new):  # nothing known there: send it all
            runs.append([0, len(new) - 1])
        else:
            blank = _space_key(state)
            for i, char in enumerate(new):
                shown_state = states[column + i]
                if chars[column + i] == char and (
                    shown_state == state
                    or (
                        char == " " and shown_state is not None and _space_key(shown_state) == blank
                    )
                ):
                    continue  # the terminal shows this cell already
                # A double-width character goes out whole.
                start = i - 1 if char == WIDE_TAIL else i
                stop = i + 1 if i + 1 < len(new) and new[i + 1] == WIDE_TAIL else i
                if runs and start - runs[-1][1] - 1 <= _MERGE_GAP:
                    runs[-1][1] = stop
                else:
                    runs.append([start, stop])
        chars[column:end] = new
        states[column:end] = [state] * len(new)
        for start, stop in runs:
            self._move_to(row, column + start, out)
            self._send(new[start : stop + 1], state, out)
            self._sent_cursor = (row, column + stop + 1)

    def _row(self, row: int, length: int) -> tuple[list[str | None], list[State | None]]:
        chars = self._chars.setdefault(row, [])
        states = self._states.setdefault(row, [])
        if len(chars) < length:
            chars.extend([None] * (length - len(chars)))
            states.extend([None] * (length - len(states)))
        return chars, states

    def _move_to(self, row: int, column: int, out: list[str]) -> None:
        """Put the cursor at a cell: by a cursor move, or by sending again the few known
        cells between it and where the cursor is, when that is shorter."""
        sent = self._sent_cursor
        if sent == (row, column):
            return
        if sent is not None and sent[0] == row and 0 < column - sent[1] <= _MERGE_GAP:
            chars, states = self._chars[row], self._states[row]
            gap = range(sent[1], column)
            if all(chars[i] is not None for i in gap) and chars[sent[1]] != WIDE_TAIL:
                for i in gap:
                    self._send([chars[i]], states[i], out)  # type: ignore[list-item, arg-type]
                return
        out.append(f"\x1b[{row + 1};{column + 1}H")

    def _send(self, cells: list[str | None], state: State, out: list[str]) -> None:
        sent_state = self._sent_state
        # A blank keeps the attributes before it when they show the same.
        if state != sent_state and not (
            sent_state is not None
            and all(cell == " " for cell in cells)
            and _space_key(sent_state) == _space_key(state)
        ):
            out.append(full_sgr(state))
            self._sent_state = state
        out.append("".join(cells))  # type: ignore[arg-type]

    def _settle(self, out: list[str]) -> None:
        """Leave the cursor and attributes where Textual's output has them, so whatever
        follows starts where Textual meant it to."""
        if self._cursor is not None and self._cursor != self._sent_cursor:
            out.append(f"\x1b[{self._cursor[0] + 1};{self._cursor[1] + 1}H")
            self._sent_cursor = self._cursor
        out.append(full_sgr(self._state))  # free when unchanged: the compactor drops it
        self._sent_state = self._state
