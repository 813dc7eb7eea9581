"""A list row that lays itself out for the width it gets.

Option lists render each row at the pane's current width, so a row that decides what
to show at render time adapts to narrow terminals without the list rebuilding rows.
"""

from __future__ import annotations

from functools import lru_cache

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

_GAP = 2  # cells between the main text and the aside
_MIN_MAIN_WIDTH = 8  # narrower than this, the aside gives way to the main text


class FittedRow(Visual):
    """``main`` wrapped to the width; ``aside`` right-aligned on its first line, where it
    fits; ``below`` on a line of its own, cut short with an ellipsis where it is too long."""

    def __init__(
        self, main: Content, aside: Content | None = None, below: Content | None = None
    ) -> None:
        self.main = main
        self.aside = aside
        self.below = below

    def _layout(self, width: int) -> Content:
        return _lay_out(self, max(width, 1))

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self._layout(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        aside = self.aside.cell_length + _GAP if self.aside else 0
        below = self.below.cell_length if self.below else 0
        return max(self.main.cell_length + aside, below)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self._layout(width).plain.split("\n"))


@lru_cache(maxsize=4096)
def _lay_out(row: FittedRow, width: int) -> Content:
    aside = row.aside
    if aside is not None and width - aside.cell_length - _GAP < _MIN_MAIN_WIDTH:
        aside = None
    main_width = width - aside.cell_length - _GAP if aside is not None else width
    lines = row.main.wrap(main_width) or [Content("")]
    if aside is not None:
        first = lines[0]
        lines[0] = first + " " * (width - first.cell_length - aside.cell_length) + aside
    if row.below is not None and width >= _MIN_MAIN_WIDTH:
        lines.append(row.below.truncate(width, ellipsis=True))
    return Content("\n").join(lines)
