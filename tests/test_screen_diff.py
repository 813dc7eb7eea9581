"""Only changed cells go to the terminal, and the terminal still shows what Textual drew."""

from __future__ import annotations

import pyte
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.pty_terminal import visible_cells
from support.screen import settle

from store.archive import Archive
from tui.app import TcaApp
from tui.terminal.screen_diff import ScreenDiff
from tui.terminal.sgr import SgrCompactor
from tui.textual_compat import frame_text

SIZE = (40, 8)


def picture(*writes: str, size: tuple[int, int] = SIZE) -> list[list[tuple]]:
    screen = pyte.Screen(*size)
    stream = pyte.Stream(screen)
    for data in writes:
        stream.feed(data)
    return visible_cells(screen)


def diffed(writes: list[str], size: tuple[int, int] = SIZE) -> list[str]:
    """What the driver sends for ``writes``: the screen diff, then the SGR compactor."""
    diff, compactor = ScreenDiff(size), SgrCompactor()
    return [compactor.compact(diff.apply(data)) for data in writes]


def text_of(data: str) -> str:
    """The characters ``data`` paints, escape sequences left out."""
    stream_screen = pyte.Screen(200, 5)
    pyte.Stream(stream_screen).feed("\x1b[1;1H" + "".join(c for c in data if c not in "\r\n"))
    return "".join(stream_screen.display).strip()


def row(y: int, text: str, style: str = "\x1b[38;2;224;224;224;48;2;30;30;30m") -> str:
    return f"\x1b[{y};1H{style}{text}\x1b[0m"


HEADLINES = [
    "Tokayev Meets Putin in Astana",
    "Japarov Opens a School in Osh",
    "Mirziyoyev in Samarkand",
]


def test_a_frame_sent_again_costs_nothing() -> None:
    frame = "".join(row(y + 1, headline.ljust(SIZE[0])) for y, headline in enumerate(HEADLINES))
    first, again = diffed([frame, frame])
    assert picture(first) == picture(frame)
    assert text_of(again) == ""
    assert len(again) < 20


def test_only_the_changed_words_are_sent_and_the_picture_is_the_same() -> None:
    before = "".join(row(y + 1, h.ljust(SIZE[0])) for y, h in enumerate(HEADLINES))
    changed = HEADLINES[:1] + ["Japarov Opens a Bridge in Osh"] + HEADLINES[2:]
    after = "".join(row(y + 1, h.ljust(SIZE[0])) for y, h in enumerate(changed))
    sent = diffed([before, after])
    assert picture(*sent) == picture(before, after)
    assert "Bridge" in sent[1]
    assert "Tokayev" not in sent[1] and "Mirziyoyev" not in sent[1] and "Japarov" not in sent[1]


def test_a_restyled_row_is_resent_but_a_blank_changing_only_its_foreground_is_not() -> None:
    plain, bold = "\x1b[38;2;224;224;224;48;2;30;30;30m", "\x1b[1;38;2;255;196;115;48;2;30;30;30m"
    before = row(1, "Tokayev" + " " * 10, plain)
    after = row(1, "Tokayev", bold) + "\x1b[38;2;1;2;3;48;2;30;30;30m" + " " * 10 + "\x1b[0m"
    sent = diffed([before, after])
    assert picture(*sent) == picture(before, after)
    assert text_of(sent[1]) == "Tokayev"


def test_erasing_or_an_unknown_sequence_makes_it_send_everything_again() -> None:
    frame = row(1, "Tokayev in Astana")
    for wipe in ("\x1b[2J", "\x1b[1;1H\x1b[K", "\x1b7\x1b8", "\x1b[?1049h", "\x1b[4h", "\x1b[u"):
        sent = diffed([frame, wipe, frame])
        assert picture(*sent) == picture(frame, wipe, frame), repr(wipe)
        assert "Tokayev" in sent[2], repr(wipe)


def test_forgetting_the_screen_sends_the_next_frame_in_full() -> None:
    frame = row(1, "Tokayev in Astana")
    diff = ScreenDiff()
    diff.apply(frame)
    diff.forget()  # the terminal was resized, or the user asked for a redraw
    assert text_of(diff.apply(frame)) == "Tokayev in Astana"


def test_wide_and_combining_characters_keep_their_columns() -> None:
    before = row(1, "東京 Cafe\u0301 Astana") + row(2, "abcdef")
    after = row(1, "東京 Cafe\u0301 Almaty") + row(2, "a東京ef") + row(1, "x", "\x1b[1m")
    sent = diffed([before, after])
    assert picture(*sent) == picture(before, after)
    assert "stana" not in sent[1] and "lmaty" in sent[1]  # "A" did not change


def test_the_cursor_is_left_where_textual_put_it() -> None:
    before = row(1, "Search: tok")
    after = row(1, "Search: toka") + "\x1b[1;13H"
    sent = diffed([before, after])
    screen = pyte.Screen(*SIZE)
    stream = pyte.Stream(screen)
    for data in sent:
        stream.feed(data)
    assert (screen.cursor.x, screen.cursor.y) == (12, 0)


STYLES = st.sampled_from(
    [
        "\x1b[0m",
        "\x1b[1m",
        "\x1b[22m",
        "\x1b[4m",
        "\x1b[7m",
        "\x1b[27m",
        "\x1b[38;2;224;224;224;48;2;30;30;30m",
        "\x1b[38;2;255;196;115m",
        "\x1b[48;2;0;0;0m",
        "\x1b[31m",
        "\x1b[0;44m",
    ]
)
MOVES = st.builds(
    lambda y, x: f"\x1b[{y};{x}H", st.integers(1, SIZE[1]), st.integers(1, SIZE[0] - 12)
)
TEXTS = st.text(alphabet="ab Tok—é\u0301東", min_size=1, max_size=10)
RARE = st.sampled_from(
    ["\x1b[K", "\x1b[2J", "\r\n", "\x1b[?25l", "\x1b]0;title\x07", "\x1b[3;2r\x1b[r"]
)
TOKENS = st.one_of(
    STYLES, MOVES, MOVES.flatmap(lambda move: TEXTS.map(lambda text: move + text)), RARE
)
FRAMES = st.lists(st.lists(TOKENS, max_size=25).map("".join), min_size=1, max_size=6)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FRAMES)
def test_any_sequence_of_writes_paints_the_same_picture(frames: list[str]) -> None:
    # Every frame starts at a known place, as each of Textual's updates does.
    frames = ["\x1b[1;1H" + frame for frame in frames]
    assert picture(*diffed(frames)) == picture(*frames)


async def test_the_app_repainting_its_screen_sends_almost_nothing(archive: Archive) -> None:
    app = TcaApp(archive, animate=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        first = frame_text(app)
        await pilot.press("slash", *"tokayev")
        await settle(pilot)
        searched = frame_text(app)
    sent = diffed([first, first, searched], size=(120, 40))
    assert picture(*sent, size=(120, 40)) == picture(first, searched, size=(120, 40))
    assert text_of(sent[1]) == ""
    assert len(sent[2]) < len(searched) / 3
