"""Keys in bursts, as a paste, a held key or a hostile SSH client sends them, never end
the app: random runs of the app's keys (and Textual's palette, help and reader keys),
queued without waiting for the app to handle each one, on terminals of several sizes."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from support.screen import settle
from textual import events

from store.archive import Archive
from tui.app import TcaApp
from tui.reading_policy import ReadingPolicy

KEYS = (
    "ctrl+p enter escape tab shift+tab up down left right pageup pagedown home end slash "
    "question_mark backspace space left_square_bracket right_square_bracket "
    "ctrl+l ctrl+r ctrl+z ctrl+e ctrl+u ctrl+w j k n p t f F s r m M d D h y o e g G "
    "1 2 3 4 5 a b c x z"
).split()


# Seed 10 once paged the palette's list before Textual had laid it out (KeyError).
@pytest.mark.parametrize("seed", [3, 5, 7, 10, 11])
async def test_random_key_bursts_never_end_the_app(
    archive: Archive, seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # `e` saves the article here
    rng = random.Random(seed)
    served = seed % 2 == 1  # a served reader's keys go through the same screens
    app = TcaApp(archive, animate=rng.random() < 0.5, policy=ReadingPolicy(served=served))
    size = (rng.choice([40, 80, 120]), rng.choice([12, 24, 40]))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for burst in range(25):
            keys = [rng.choice(KEYS) for _ in range(rng.randint(1, 12))]
            for key in keys:
                app.post_message(events.Key(key, key if len(key) == 1 else None))
            if rng.random() < 0.5:
                await pilot.pause()  # the next burst lands while this one is handled
            else:
                await settle(pilot)
            assert app.is_running, f"burst {burst}: {keys}"
