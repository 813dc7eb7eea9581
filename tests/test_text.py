"""Untrusted text must show literally and never reach the terminal as a control code."""

from __future__ import annotations

import pytest

from tui.text import printable, untrusted


def test_markup_like_text_is_kept_verbatim() -> None:
    raw = "[bold]x[/bold] and [/] and [link=http://e.vil]y[/link] and $var"
    content = untrusted(raw)
    assert content.plain == raw
    assert not content.spans


def test_escape_sequence_becomes_a_visible_picture() -> None:
    shown = printable("red\x1b[31malert\x07")
    assert "\x1b" not in shown and "\x07" not in shown
    assert shown == "red\u241b[31malert\u2407"


@pytest.mark.parametrize("code", [0x80, 0x85, 0x9B, 0x9F])
def test_c1_controls_are_replaced(code: int) -> None:
    assert printable(f"a{chr(code)}b") == "a\ufffdb"


def test_delete_becomes_its_picture() -> None:
    assert printable("a\x7fb") == "a\u2421b"


def test_no_control_character_survives() -> None:
    every_control = "".join(chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)])
    for single_line in (False, True):
        shown = printable(every_control, single_line=single_line)
        allowed = {"\n"} if not single_line else set()
        assert all(ch in allowed or not (ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0) for ch in shown)


def test_newlines_kept_in_bodies_and_flattened_in_headlines() -> None:
    assert printable("one\r\ntwo\nthree") == "one\ntwo\nthree"
    assert printable("one\ntwo\u2028three", single_line=True) == "one two three"


def test_tab_is_spacing() -> None:
    assert printable("a\tb") == "a b"


def test_ordinary_unicode_is_untouched() -> None:
    raw = "Kazakhstan’s “Middle Power” — Tashkent, Алматы, 2025–2026 ▲"
    assert printable(raw) == raw


def test_style_applies_to_the_whole_text() -> None:
    content = untrusted("[i]headline[/i]", "bold")
    assert content.plain == "[i]headline[/i]"
    assert [(span.start, span.end, span.style) for span in content.spans] == [(0, 15, "bold")]
