"""Themes tca-tui adds to Textual's own (any of which ``theme =`` may name).

NO_COLOR still wins over any of them: Textual turns every colour to grey after the theme
applies. ASCII output (a non-UTF-8 locale) changes glyphs, not colours.
"""

from __future__ import annotations

from textual.theme import Theme

# Long text on a light terminal: warm off-white paper rather than glaring white, ink that
# is dark brown-grey rather than black (less contrast fatigue over an hour of reading),
# and one quiet blue for what is focused.
PAPER = Theme(
    name="tca-paper",
    primary="#2f5d8a",
    secondary="#7a5c3e",
    accent="#8a4b2f",
    warning="#9a6400",
    error="#a33a2a",
    success="#4f7a3a",
    foreground="#2e2a26",
    background="#f7f3ea",
    surface="#efe9dc",
    panel="#e6dfcf",
    dark=False,
    variables={
        "footer-background": "#e6dfcf",
        "footer-key-foreground": "#2f5d8a",
        "footer-description-foreground": "#2e2a26",
        "border-blurred": "#cfc6b3",
    },
)

THEMES = (PAPER,)
