"""The installed ``tca-tui`` command, run as a user would, with an empty home."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_countries import SEED_COUNTRIES
from test_load import SEED_FACTS

# The console script installed beside this Python: the command users really run.
TCA_TUI = str(Path(sys.executable).with_name("tca-tui"))


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


def run(home: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("TCA_TUI_DB", "XDG_DATA_HOME")}
    env["HOME"] = str(home)
    return subprocess.run(
        [TCA_TUI, *args], capture_output=True, text=True, env=env, cwd=cwd or home, timeout=60
    )


def test_stats_on_a_fresh_home_loads_the_bundled_seeds(home):
    result = run(home, "stats", "--json")
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    assert stats.pop("countries") == {
        code: sum(code in tags for tags in SEED_COUNTRIES.values())
        for code in ("KZ", "KG", "TJ", "TM", "UZ", "AF")
    }
    assert stats == SEED_FACTS
    assert list(home.rglob("tca.db")), "the default database lives under the user's home"


def test_search_prints_headlines_for_pipes(home):
    result = run(home, "search", "washngton", "tokayev", "--limit", "1")
    assert result.stdout == "President Tokayev’s Washington Visit: Peace is Not a Bridge Too Far\n"
    as_json = json.loads(run(home, "search", "brics", "--json").stdout)
    assert {row["title"] for row in as_json} == {
        "Kazakhstan’s Strategic Stand: Navigating BRICS Amidst Geopolitical Tensions",
        "Kazakhstan Decides to Abstain from Applying for BRICS Membership",
    }
    assert run(home, "search", "qqqzzz").returncode == 1


def test_search_by_country_with_and_without_words(home):
    # No words: every article mentioning Turkmenistan, newest snapshot first.
    listed = json.loads(run(home, "search", "--country", "TM", "--json").stdout)
    assert {row["title"] for row in listed} == {
        title for title, tags in SEED_COUNTRIES.items() if "TM" in tags
    }
    assert listed[0]["title"].startswith("Jackson-Vanik")  # in the newest snapshot
    assert all("TM" in row["countries"] and "title" in row for row in listed)
    # With words: only the matches that mention the country, each with its countries.
    found = json.loads(run(home, "search", "central", "asia", "--country", "kg", "--json").stdout)
    assert found and all(set(row["countries"]) == SEED_COUNTRIES[row["title"]] for row in found)
    assert {row["title"] for row in found} < {t for t, c in SEED_COUNTRIES.items() if "KG" in c}
    everywhere = json.loads(run(home, "search", "central", "asia", "--json").stdout)
    assert len(everywhere) > len(found)
    assert all(
        row["countries"]
        == sorted(SEED_COUNTRIES[row["title"]], key=["KZ", "KG", "TJ", "TM", "UZ", "AF"].index)
        for row in everywhere
    )
    # Plain output is headlines, for pipes; a name works as well as a code.
    assert run(home, "search", "--country", "Tajikistan", "rahmon").stdout == (
        "Tajikistan’s Rahmon: No Military Solution to Palestinian Conflict\n"
    )


def test_search_for_an_unknown_country_says_which_ones_there_are(home):
    result = run(home, "search", "--country", "Mongolia")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        "tca-tui: search: no country 'Mongolia'; use one of KZ, KG, TJ, TM, UZ, AF\n"
    )


def test_load_reports_each_bad_file_on_one_line_and_exits_1(home, tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "good.txt").write_text("Good Headline Here\n\nA fine body.\n", encoding="utf-8")
    (folder / "bad.txt").write_text(
        "Just a sentence of body text, and nothing else.\n", encoding="utf-8"
    )
    db = tmp_path / "mine.db"
    result = run(home, "load", "--db", str(db), str(folder))
    assert result.returncode == 1
    assert result.stderr.strip() == f"{folder / 'bad.txt'}:1: body text with no headline above it"
    assert "1 snapshots added" in result.stdout and "1 errors" in result.stdout
    stats = json.loads(run(home, "stats", "--json", "--db", str(db)).stdout)
    assert stats["snapshots"] == 1, "load --db does not add the seeds to a chosen database"


def test_db_variable_and_option_choose_the_database(home, tmp_path):
    db = tmp_path / "env.db"
    env_run = subprocess.run(
        [TCA_TUI, "stats", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "HOME": str(home), "TCA_TUI_DB": str(db)},
    )
    assert json.loads(env_run.stdout)["snapshots"] == 5
    assert db.exists()


def test_not_a_database_exits_2_with_one_line_and_leaves_the_file(home, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("shopping list\n")
    result = run(home, "stats", "--db", str(path))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "not an SQLite database" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_text() == "shopping list\n"


@pytest.mark.parametrize("command", [[], ["load"], ["search"], ["stats"]])
def test_every_command_has_help(home, command):
    result = run(home, *command, "--help")
    assert result.returncode == 0 and "usage: tca-tui" in result.stdout and "--db" in result.stdout


def test_version(home):
    assert run(home, "--version").stdout.startswith("tca-tui ")


def test_usage_error_goes_to_stderr_with_status_2(home):
    result = run(home, "search")
    assert result.returncode == 2 and "usage" in result.stderr and result.stdout == ""


def test_output_cut_short_by_its_reader_is_not_an_error(home):
    run(home, "stats")  # seed the default database first
    env = {k: v for k, v in os.environ.items() if k not in ("TCA_TUI_DB", "XDG_DATA_HOME")}
    process = subprocess.Popen(
        [TCA_TUI, "search", "kazakhstan", "--limit", "100"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**env, "HOME": str(home)},
    )
    process.stdout.close()  # like `| head -0`: the reader is gone before anything is written
    assert process.wait(timeout=60) == 141
    assert process.stderr.read() == b""


def test_a_terminal_that_cannot_show_a_character_gets_a_question_mark(home):
    env = {k: v for k, v in os.environ.items() if k not in ("TCA_TUI_DB", "XDG_DATA_HOME")}
    result = subprocess.run(
        [TCA_TUI, "search", "washngton", "tokayev", "--limit", "1"],
        capture_output=True,
        env={**env, "HOME": str(home), "PYTHONIOENCODING": "ascii"},
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == b"President Tokayev?s Washington Visit: Peace is Not a Bridge Too Far\n"


def test_a_database_path_that_cannot_be_made_exits_2(home, tmp_path):
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    result = run(home, "stats", "--db", str(blocker / "sub" / "tca.db"))
    assert result.returncode == 2
    assert result.stderr.startswith(f"tca-tui: {blocker / 'sub' / 'tca.db'}: ")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
