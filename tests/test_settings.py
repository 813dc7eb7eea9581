"""The settings: where each value comes from, and what a bad file costs (one line each)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.app import TcaApp
from tui.config.check import check_settings, theme_names
from tui.config.file import save_theme
from tui.config.keymap import check_keymap
from tui.config.settings import (
    CONFIG_ENV,
    DB_ENV,
    SERVED_ENV,
    SERVER_CONFIG_ENV,
    STATE_ENV,
    Flags,
    load_settings,
)

TCA_TUI = Path(sys.executable).with_name("tca-tui")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(config: Path) -> list[str]:
    settings = load_settings({CONFIG_ENV: str(config)})
    return check_settings(settings, TcaApp.binding_sections(), theme_names())[1]


# --- where the file is ----------------------------------------------------------------


def test_the_file_is_found_in_the_user_config_folder_else_env_else_flag(tmp_path: Path) -> None:
    xdg = {"XDG_CONFIG_HOME": str(tmp_path / "xdg")}
    assert load_settings(xdg).config_path == tmp_path / "xdg" / "tca-tui" / "config.toml"
    assert load_settings(xdg).source("config") == "default"
    from_env = load_settings({**xdg, CONFIG_ENV: str(tmp_path / "env.toml")})
    assert (from_env.config_path, from_env.source("config")) == (tmp_path / "env.toml", "env")
    flagged = load_settings(
        {**xdg, CONFIG_ENV: str(tmp_path / "env.toml")}, Flags(config=tmp_path / "flag.toml")
    )
    assert (flagged.config_path, flagged.source("config")) == (tmp_path / "flag.toml", "flag")


def test_no_file_means_every_default_and_no_complaint(tmp_path: Path) -> None:
    settings = load_settings({CONFIG_ENV: str(tmp_path / "absent.toml")})
    assert settings.problems == () and not settings.file_has_errors
    assert (settings.theme, settings.ticker, settings.animate, settings.pager) == (
        None,
        True,
        True,
        "less",
    )
    assert settings.keymap == {}
    assert all(entry["source"] == "default" for entry in settings.as_dict().values())


# --- each setting, and its order: default < file < environment < flag -----------------


def test_each_setting_from_the_file(tmp_path: Path) -> None:
    config = write(
        tmp_path / "c.toml",
        """
theme = "tca-paper"
ticker = false
animate = false
ascii = true
database = "~/news/tca.db"
pager = "most -s"
[keys]
search = "z"
next_article = "j,down"
quit = ["ctrl+q", "x"]
""",
    )
    settings = load_settings({CONFIG_ENV: str(config), "HOME": str(tmp_path)})
    assert settings.theme == "tca-paper" and not settings.ticker and not settings.animate
    assert settings.ascii_only and settings.pager == "most -s"
    assert settings.database == Path("~/news/tca.db").expanduser()
    assert settings.keymap == {"search": "z", "next_article": "j,down", "quit": "ctrl+q,x"}
    assert {name: e["source"] for name, e in settings.as_dict().items()} == {
        "database": "file",
        "reading_state": "default",
        "theme": "file",
        "ticker": "file",
        "animate": "file",
        "ascii": "file",
        "pager": "file",
        "served": "default",
    }
    assert settings.problems == ()


def test_the_environment_beats_the_file_and_a_flag_beats_both(tmp_path: Path) -> None:
    config = write(tmp_path / "c.toml", 'database = "/from/file.db"\npager = "more"\n')
    env = {
        CONFIG_ENV: str(config),
        DB_ENV: "/from/env.db",
        "PAGER": "less -R",
        "TEXTUAL_ANIMATIONS": "none",
        STATE_ENV: str(tmp_path / "state.db"),
    }
    settings = load_settings(env)
    assert (settings.database, settings.source("database")) == (Path("/from/env.db"), "env")
    assert (settings.pager, settings.source("pager")) == ("less -R", "env")
    assert (settings.animate, settings.source("animate")) == (False, "env")
    assert (settings.state_path, settings.source("reading_state")) == (tmp_path / "state.db", "env")
    flagged = load_settings(env, Flags(database=Path("/from/flag.db"), no_animation=True))
    assert (flagged.database, flagged.source("database")) == (Path("/from/flag.db"), "flag")
    assert flagged.source("animate") == "flag"


def test_a_terminal_without_utf8_gets_ascii_whatever_the_file_says(tmp_path: Path) -> None:
    config = write(tmp_path / "c.toml", "ascii = false\n")
    settings = load_settings({CONFIG_ENV: str(config), "LC_ALL": "C"})
    assert settings.ascii_only and settings.source("ascii") == "env"
    assert not load_settings({CONFIG_ENV: str(config), "LANG": "C.UTF-8"}).ascii_only


def test_served_is_a_flag_of_the_settings() -> None:
    assert load_settings({SERVED_ENV: "1"}).served
    assert not load_settings({}).served


# --- a reader of `tca-tui serve` --------------------------------------------------------


def test_a_served_reader_gets_the_servers_file_as_defaults_and_cannot_name_server_files(
    tmp_path: Path,
) -> None:
    server = write(
        tmp_path / "server.toml",
        'theme = "nord"\nticker = false\npager = "less"\n[keys]\nquit = "x"\n',
    )
    own = write(
        tmp_path / "home" / ".config" / "tca-tui" / "config.toml",
        'theme = "gruvbox"\npager = "sh -c evil"\ndatabase = "/etc/shadow"\n',
    )
    settings = load_settings(
        {
            SERVED_ENV: "1",
            SERVER_CONFIG_ENV: str(server),
            "XDG_CONFIG_HOME": str(tmp_path / "home" / ".config"),
        }
    )
    assert settings.served and settings.config_path == own
    assert (settings.theme, settings.source("theme")) == ("gruvbox", "file")
    assert (settings.ticker, settings.source("ticker")) == (False, "server file")
    assert settings.pager == "less" and settings.database != Path("/etc/shadow")
    assert settings.keymap == {"quit": "x"} and settings.keys["quit"].source == "server file"
    assert settings.problems == (
        f"{own}:2: pager is ignored here: over SSH a reader's settings cannot name files "
        "or programs on the server",
        f"{own}:3: database is ignored here: over SSH a reader's settings cannot name files "
        "or programs on the server",
    )


def test_the_servers_file_counts_only_for_a_served_reader(tmp_path: Path) -> None:
    server = write(tmp_path / "server.toml", "ticker = false\n")
    assert load_settings({SERVER_CONFIG_ENV: str(server)}).ticker  # not served: not read


def test_a_served_reader_is_not_told_of_mistakes_in_the_servers_file(tmp_path: Path) -> None:
    server = write(tmp_path / "server.toml", 'ticker = false\ncolour = "red"\n')
    settings = load_settings(
        {SERVED_ENV: "1", SERVER_CONFIG_ENV: str(server), "XDG_CONFIG_HOME": str(tmp_path / "home")}
    )
    assert not settings.ticker and settings.problems == ()


# --- bad files: one line each, naming FILE:LINE, and the rest applies ------------------


def test_a_file_that_is_not_toml_gives_its_line_and_nothing_else_applies(tmp_path: Path) -> None:
    config = write(tmp_path / "c.toml", 'ticker = false\ntheme = "nord\n')
    settings = load_settings({CONFIG_ENV: str(config)})
    assert settings.problems == (
        f"{config}:2: not valid TOML (Illegal character '\\n'); no settings read from it",
    )
    assert settings.ticker and settings.file_has_errors


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('ticker = true\ncolour = "red"\n', "2: unknown setting 'colour'"),
        ('\n\nticker = "yes"\n', "3: ticker must be true or false"),
        ("theme = 3\n", "1: theme must be a string in quotes"),
        ('[keys]\n\nfind = "f"\n', "3: unknown binding id 'find' (tca-tui config lists them all)"),
        (
            '[keys]\nsearch = "ctrl+nosuchkey"\n',
            "2: keys.search: 'ctrl+nosuchkey' is not a key name",
        ),
        ('[keys]\nsearch = ""\n', '2: keys.search must name keys: "key" or "key1,key2"'),
        ('keys = "f"\n', '1: keys must be a table: [keys] then binding_id = "key" lines'),
        (
            'theme = "no-such-theme"\n',
            "1: unknown theme 'no-such-theme' (tca-tui config lists the themes)",
        ),
        (
            '[keys]\nsearch = "q"\n',
            "2: key 'q' is bound twice (Everywhere): search keeps it, quit loses it",
        ),
    ],
)
def test_each_kind_of_mistake_costs_one_line_and_the_rest_applies(
    tmp_path: Path, text: str, problem: str
) -> None:
    config = write(tmp_path / "c.toml", "animate = false\n" + text)
    line, what = problem.split(": ", 1)
    assert problems_of(config) == [f"{config}:{int(line) + 1}: {what}"]
    assert not load_settings({CONFIG_ENV: str(config)}).animate  # the good line still applies


def test_a_file_that_is_not_utf8_or_not_readable_says_so(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_bytes(b'theme = "caf\xe9"\n')
    assert problems_of(config) == [f"{config}: not UTF-8 text; no settings read from it"]
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    assert problems_of(folder)[0].startswith(f"{folder}: cannot read it (")


def test_a_remapped_key_that_frees_its_old_key_is_no_clash() -> None:
    from tui.config.settings import KeySetting

    keymap, problems = check_keymap(
        {"quit": KeySetting(("ctrl+q",), "c:1"), "toggle_star": KeySetting(("q",), "c:2")},
        TcaApp.binding_sections(),
    )
    assert problems == [] and keymap == {"quit": "ctrl+q", "toggle_star": "q"}


def test_key_names_as_people_write_them_are_textuals() -> None:
    from tui.config.settings import KeySetting

    keymap, problems = check_keymap(
        {"help": KeySetting(("?",), "c:1"), "search": KeySetting(("/", "z"), "c:2")},
        TcaApp.binding_sections(),
    )
    assert problems == [] and keymap == {"help": "question_mark", "search": "slash,z"}


# --- the theme written back -------------------------------------------------------------


def test_a_chosen_theme_keeps_the_files_comments_and_layout(tmp_path: Path) -> None:
    text = '# my settings\nticker = false   # quiet, please\n\n[keys]\n# vim habits\nsearch = "z"\n'
    config = write(tmp_path / "c.toml", text)
    assert save_theme(config, "gruvbox") is None
    written = config.read_text(encoding="utf-8")
    assert written.replace('theme = "gruvbox"\n', "") == text
    assert load_settings({CONFIG_ENV: str(config)}).theme == "gruvbox"
    assert save_theme(config, "nord") is None
    assert config.read_text(encoding="utf-8") == written.replace("gruvbox", "nord")


def test_a_theme_creates_the_file_if_absent(tmp_path: Path) -> None:
    config = tmp_path / "new" / "config.toml"
    assert save_theme(config, "tca-paper") is None
    assert load_settings({CONFIG_ENV: str(config)}).theme == "tca-paper"


def test_a_file_with_an_error_is_never_rewritten(tmp_path: Path) -> None:
    for text in ('theme = "nord\n', 'colour = "red"\n'):
        config = write(tmp_path / "c.toml", text)
        assert save_theme(config, "gruvbox") == (
            f"{config}: the theme is not kept while the file has an error"
        )
        assert config.read_text(encoding="utf-8") == text


# --- tca-tui config ---------------------------------------------------------------------


def run_config(tmp_path: Path, *args: str, env: dict[str, str] | None = None):
    environ = {k: v for k, v in os.environ.items() if k not in (CONFIG_ENV, DB_ENV, "PAGER")}
    return subprocess.run(
        [str(TCA_TUI), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={
            **environ,
            "HOME": str(tmp_path),
            "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
            **(env or {}),
        },
    )


@pytest.mark.skipif(not TCA_TUI.exists(), reason="tca-tui is not installed here")
def test_config_lists_the_file_every_setting_its_source_and_every_key(tmp_path: Path) -> None:
    write(
        tmp_path / "cfg" / "tca-tui" / "config.toml",
        'ticker = false\n[keys]\nsearch = "z"\nquit = "ctrl+q,x"\n',
    )
    done = run_config(tmp_path, "config", "--json", env={"PAGER": "most"})
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["path"] == str(tmp_path / "cfg" / "tca-tui" / "config.toml")
    assert report["ticker"] is False and report["sources"]["ticker"] == "file"
    assert report["pager"] == "most" and report["sources"]["pager"] == "env"
    assert report["sources"]["theme"] == "default"
    assert report["keys"]["search"] == ["z"] and report["key_sources"]["search"] == "file"
    assert report["keys"]["quit"] == ["ctrl+q", "x"]
    assert (
        report["keys"]["toggle_star"] == ["s"] and report["key_sources"]["toggle_star"] == "default"
    )
    assert "tca-paper" in report["themes"] and report["problems"] == []
    text = run_config(tmp_path, "config", "--db", str(tmp_path / "x.db")).stdout
    assert f"database       {tmp_path / 'x.db'}  [flag]" in text
    assert "search              z  [file]" in text


@pytest.mark.skipif(not TCA_TUI.exists(), reason="tca-tui is not installed here")
def test_a_bad_file_costs_one_stderr_line_and_the_command_still_runs(tmp_path: Path) -> None:
    config = write(tmp_path / "bad.toml", "ticker = \n")
    done = run_config(tmp_path, "--config", str(config), "stats", "--db", str(tmp_path / "x.db"))
    assert done.returncode == 0
    assert done.stderr == (
        f"tca-tui: {config}:1: not valid TOML (Invalid value); no settings read from it\n"
    )
    assert json.loads(run_config(tmp_path, "config", "--json", "--config", str(config)).stdout)[
        "problems"
    ] == [f"{config}:1: not valid TOML (Invalid value); no settings read from it"]
