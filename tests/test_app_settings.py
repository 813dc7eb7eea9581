"""The settings in the running app: the reader's keys, a theme that stays chosen, the
ticker hidden, and mistakes told as notifications (literally, never as markup)."""

from __future__ import annotations

from pathlib import Path

from support.screen import screen_text, settle
from textual.widgets import Input

from store.archive import Archive
from tui.app import TcaApp
from tui.config.settings import CONFIG_ENV, load_settings
from tui.screens.help import HelpScreen
from tui.textual_compat import notifications
from tui.widgets.search_box import SearchBox
from tui.widgets.ticker import Ticker

COMMENTED = """\
# My tca-tui settings: kept by hand.
ticker = true   # the quotes, please

[keys]
# the vim way
search = "z"
"""


def app_with(archive: Archive, config: Path, text: str | None = None) -> TcaApp:
    if text is not None:
        config.parent.mkdir(parents=True, exist_ok=True)
        config.write_text(text, encoding="utf-8")
    return TcaApp(archive, animate=False, settings=load_settings({CONFIG_ENV: str(config)}))


def notices(app: TcaApp) -> list[str]:
    return [str(n.message) for n in notifications(app)]


async def test_a_key_remapped_to_search_opens_the_search(archive: Archive, tmp_path: Path) -> None:
    app = app_with(archive, tmp_path / "c.toml", '[keys]\nsearch = "z"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")  # no longer the search key
        assert not isinstance(app.focused, Input)
        await pilot.press("z", *"taliban")
        await settle(pilot)
        assert app.focused is app.query_one(SearchBox).input
        assert app.query_one(SearchBox).input.value == "taliban"
        assert "Kazakhstan and Taliban" in screen_text(app)
        footer = screen_text(app).splitlines()[-1]
        assert "z Search" in footer.replace("  ", " ")


async def test_a_key_remapped_to_quit_quits_and_the_old_one_does_not(
    archive: Archive, tmp_path: Path
) -> None:
    app = app_with(archive, tmp_path / "c.toml", '[keys]\nquit = "x"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert app.is_running
        await pilot.press("x")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code in (None, 0)


async def test_help_shows_each_binding_id_beside_the_readers_keys(
    archive: Archive, tmp_path: Path
) -> None:
    app = app_with(archive, tmp_path / "c.toml", '[keys]\ntoggle_star = "ctrl+s,S"\n')
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        rows = [" ".join(line.split()) for line in screen_text(app).splitlines()]
        assert any("^s / S Star / unstar toggle_star" in row for row in rows), rows
        assert any("/ Search search" in row for row in rows)
        assert any("1…5 Open related article open_related_1…5" in row for row in rows)
        palette = next(row for row in rows if "^p Command palette" in row)
        # Textual's own binding: nothing between its description and the help's border.
        assert palette.split("Command palette")[1].split("│")[0].strip() == ""


async def test_the_palette_names_the_readers_keys(archive: Archive, tmp_path: Path) -> None:
    app = app_with(archive, tmp_path / "c.toml", '[keys]\ntoggle_ticker = "z"\n')
    async with app.run_test(size=(120, 40)):
        helps = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert helps["Pause ticker"] == "key: z"


async def test_a_theme_chosen_in_the_palette_is_kept_with_the_files_comments(
    archive: Archive, tmp_path: Path
) -> None:
    config = tmp_path / "c.toml"
    app = app_with(archive, config, COMMENTED)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"theme")
        await settle(pilot)
        await pilot.press("enter")  # "Change theme"
        await settle(pilot)
        await pilot.press(*"tca-paper", "enter")
        await settle(pilot)
        assert app.theme == "tca-paper"
    written = config.read_text(encoding="utf-8")
    assert 'theme = "tca-paper"' in written
    assert written.replace('theme = "tca-paper"\n', "") == COMMENTED

    again = app_with(archive, config)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert again.theme == "tca-paper" and not again.current_theme.dark
        assert again.settings.keymap == {"search": "z"}


async def test_a_file_with_an_error_keeps_its_theme_unwritten(
    archive: Archive, tmp_path: Path
) -> None:
    config = tmp_path / "c.toml"
    app = app_with(archive, config, 'colour = "red"\n')
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await settle(pilot)
        assert f"{config}: the theme is not kept while the file has an error" in notices(app)
    assert config.read_text(encoding="utf-8") == 'colour = "red"\n'


async def test_ticker_false_hides_the_ticker(archive: Archive, tmp_path: Path) -> None:
    app = app_with(archive, tmp_path / "c.toml", "ticker = false\n")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not app.query_one(Ticker).display
        assert "KZT/USD" not in screen_text(app)


async def test_mistakes_are_notified_literally_and_the_rest_applies(
    archive: Archive, tmp_path: Path
) -> None:
    config = tmp_path / "[bold]odd[/bold]" / "c.toml"
    app = app_with(archive, config, 'ticker = false\n[keys]\nsearch = "[red]"\nquit = "x"\n')
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        assert notices(app) == [f"{config}:3: keys.search: '[red]' is not a key name"]
        assert all(not n.markup for n in notifications(app))
        assert not app.query_one(Ticker).display
        await pilot.press("x")
        await pilot.pause()
        assert not app.is_running


async def test_a_key_bound_twice_is_told_and_the_remapped_binding_has_it(
    archive: Archive, tmp_path: Path
) -> None:
    config = tmp_path / "c.toml"
    app = app_with(archive, config, '[keys]\nsearch = "q"\n')
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        assert notices(app) == [
            f"{config}:2: key 'q' is bound twice (Everywhere): search keeps it, quit loses it"
        ]
        await pilot.press("q")
        await settle(pilot)
        assert app.is_running and app.focused is app.query_one(SearchBox).input


async def test_going_back_to_the_files_theme_is_kept_too(archive: Archive, tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    app = app_with(archive, config, 'theme = "tca-paper"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await settle(pilot)
        assert 'theme = "nord"' in config.read_text(encoding="utf-8")
        app.theme = "tca-paper"
        await settle(pilot)
    assert config.read_text(encoding="utf-8") == 'theme = "tca-paper"\n'


async def test_an_app_made_without_a_settings_file_writes_none(
    archive: Archive, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    before = sorted(tmp_path.iterdir())
    app = TcaApp(archive, animate=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await settle(pilot)
    assert sorted(tmp_path.iterdir()) == before
