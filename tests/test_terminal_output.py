"""Compacted terminal output paints the same screen as Textual's, in fewer bytes."""

from __future__ import annotations

import os
import re
import statistics
import sys
from pathlib import Path

import pyte
import pytest
from support.pty_terminal import PtySession
from support.screen import settle
from support.terminal_bytes import idle_bytes_per_second, search_keystroke_bytes

from store.archive import Archive
from tui.app import TcaApp
from tui.terminal.sgr import SgrCompactor
from tui.textual_compat import frame_text
from tui.widgets.article_list import highlighted_title, match_runs

TCA_TUI = Path(sys.executable).with_name("tca-tui")
SEARCH_KEY_BUDGET = 6_000  # bytes per keystroke of a search at 120x40, truecolour
IDLE_BUDGET = 1_000  # bytes per second with the ticker running


def painted(*writes: str, size: tuple[int, int] = (80, 6)) -> pyte.Screen:
    screen = pyte.Screen(*size)
    stream = pyte.Stream(screen)
    for data in writes:
        stream.feed(data)
    return screen


def assert_same_picture(original: list[str], size: tuple[int, int] = (80, 6)) -> list[str]:
    """Both versions paint the same cells and leave the same attributes; the compacted
    writes. A space's foreground, bold and italic do not show, so they may differ."""
    compactor = SgrCompactor()
    compacted = [compactor.compact(data) for data in original]
    want, got = painted(*original, size=size), painted(*compacted, size=size)
    for y in range(size[1]):
        for x in range(size[0]):
            a, b = want.buffer[y][x], got.buffer[y][x]
            visible = ("data", "bg", "reverse", "underscore", "strikethrough")
            if a.data.strip() or a.reverse:
                visible += ("fg", "bold", "italics")
            assert [getattr(a, k) for k in visible] == [getattr(b, k) for k in visible], (x, y)
    assert want.cursor.attrs == got.cursor.attrs
    assert (want.cursor.x, want.cursor.y) == (got.cursor.x, got.cursor.y)
    return compacted


GREY_ON_DARK = "\x1b[38;2;224;224;224;48;2;30;30;30m"
BORDER = "\x1b[38;2;25;25;25;48;2;30;30;30m"
MATCH = "\x1b[1;4;38;2;255;196;115;48;2;30;30;30m"


def test_runs_sharing_a_background_send_only_the_foreground() -> None:
    row = (
        f"\x1b[2;3H{BORDER}│\x1b[0m\x1b[48;2;30;30;30m \x1b[0m{GREY_ON_DARK}How \x1b[0m"
        f"{MATCH}Tokayev\x1b[0m{GREY_ON_DARK}’s Kazakhstan\x1b[0m{GREY_ON_DARK}      \x1b[0m"
    )
    (compacted,) = assert_same_picture([row])
    assert len(compacted) < len(row) * 0.6
    assert compacted.count("48;2;30;30;30") == 1


def test_attributes_are_turned_off_and_on_exactly() -> None:
    everything = (
        "\x1b[1mbold\x1b[0m\x1b[2mdim\x1b[0m\x1b[1;2mboth\x1b[0m plain "
        "\x1b[3;4;9mlines\x1b[0m\x1b[7;31m rev \x1b[0m\x1b[7m  \x1b[0m   \x1b[4m   \x1b[0m"
        "\x1b[31;42mA\x1b[39mB\x1b[49mC\x1b[91;103mD\x1b[38;5;9;48;5;17mE\x1b[m end"
    )
    assert_same_picture([everything])


def test_erasing_and_saving_see_the_attributes_they_need() -> None:
    first = f"{GREY_ON_DARK}x\x1b[0m\x1b[44m\x1b[2;1H\x1b[K\x1b[0m\x1b[3;1Hnormal\x1b[32m"
    assert_same_picture(
        [
            first,
            "\x1b7\x1b[1mbold\x1b8after\x1b[0m\x1b[4;1H\x1b[41m\x1b[2J\x1b[0m tail",
        ]
    )


def test_what_it_does_not_model_passes_through_untouched() -> None:
    compactor = SgrCompactor()
    unknown = "\x1b[58;2;1;2;3mcurly\x1b[0m\x1b[31mred\x1b[0m"
    assert compactor.compact(unknown).endswith(unknown)
    assert compactor.compact("\x1b[>4;1m\x1b[31mx").startswith("\x1b[0m\x1b[>4;1m")
    assert compactor.compact("cut \x1b[3").endswith("cut \x1b[3")
    title, link, end = "\x1b]0;title\x07", "\x1b]8;;http://x\x1b\\", "\x1b]8;;\x1b\\"
    compacted = compactor.compact(f"{title}{link}text{end}")
    assert compacted.startswith(title + link) and compacted.endswith(f"text{end}")


def test_every_write_leaves_the_terminal_as_textual_would() -> None:
    compactor = SgrCompactor()
    assert compactor.compact(f"{GREY_ON_DARK}x\x1b[0m").endswith("\x1b[0m")
    assert compactor.compact("\x1b[?1049l") == "\x1b[?1049l"  # nothing to undo, nothing sent


async def test_a_whole_app_screen_paints_the_same(archive: Archive) -> None:
    app = TcaApp(archive, animate=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"tokayev", "enter")
        await settle(pilot)
        frame = frame_text(app)
    compacted = assert_same_picture([frame], size=(120, 40))
    assert len(compacted[0]) < len(frame) * 0.7


# --- the real command in a pseudo-terminal ------------------------------------------------


@pytest.mark.skipif(not TCA_TUI.exists(), reason="tca-tui is not installed here")
@pytest.mark.parametrize("corpus", ["seeds", "a full result list"])
def test_search_keystrokes_and_idle_stay_within_the_byte_budget(
    corpus: str, stored: Path, generated_corpus, tmp_path: Path
) -> None:
    # The seeds match a handful of headlines; 3,000 generated ones fill the list on every key.
    db = stored if corpus == "seeds" else generated_corpus.db
    env = {"TERM": "xterm-256color", "COLORTERM": "truecolor", "HOME": str(tmp_path)}
    with PtySession(
        [str(TCA_TUI), "--db", str(db)],
        size=(120, 40),
        env={**{k: v for k, v in os.environ.items() if k != "NO_COLOR"}, **env},
    ) as app:
        app.wait_for(lambda screen: "/USD" in screen, timeout=30)
        app.wait_until_quiet(quiet=1.0)
        idle = idle_bytes_per_second(app, 3)
        # Ten keys, as the benchmark types; on the generated corpus each one matches 100+.
        query = "tokayev as" if corpus == "seeds" else "kazakhstan"
        per_key = search_keystroke_bytes(app, query)
        app.wait_for(lambda screen: f"“{query}”" in screen)
        if corpus != "seeds":
            assert app.text().count("Kazakhstan") >= 8  # a list full of matches
    assert idle <= IDLE_BUDGET
    assert statistics.median(per_key) <= SEARCH_KEY_BUDGET, per_key


def test_matched_characters_are_styled_in_runs() -> None:
    assert match_runs([9, 0, 1, 2, 5, 6, 40], length=20) == [(0, 3), (5, 7), (9, 10)]
    title = highlighted_title("Tokayev in Astana", [0, 1, 2, 11, 12])
    assert [(span.start, span.end) for span in title.spans] == [(0, 3), (11, 13)]


@pytest.mark.skipif(not TCA_TUI.exists(), reason="tca-tui is not installed here")
def test_the_first_frame_at_80x24_is_already_the_narrow_layout(
    stored: Path, tmp_path: Path
) -> None:
    env = {**os.environ, "TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": str(tmp_path)}
    with PtySession([str(TCA_TUI), "--db", str(stored)], size=(80, 24), env=env) as app:
        app.wait_for(lambda screen: "KZT/USD" in screen, timeout=30)
        app.wait_until_quiet()
        written = bytes(app.output).decode("utf-8", errors="replace")
    rows = [
        re.findall(r"\x1b\[(\d+);\d+H", written[: found.start()])[-1]
        for found in re.finditer("search (all )?headlines", written)
    ]
    # The narrow layout stacks the dates above the search box; the wide one (too wide
    # for 80 columns) puts the box on the second row, beside them.
    assert rows and "2" not in rows, rows
