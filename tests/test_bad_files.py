"""Every kind of bad snapshot file: each is loaded (repaired, with a note) or refused with
one ``FILE[:LINE]: reason`` line, the rest of the folder still loads, and what was
already stored stays as it was.

The small files live in ``tests/fixtures/`` (see its README); what git cannot hold
(20 MB, unreadable files, symbolic-link loops) is made here at test time.
"""

from __future__ import annotations

import os
import pickle
import pwd
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_load import SEED_FACTS, dump

from store.archive import Archive
from store.errors import SnapshotFormatError
from store.ingest.load import FileOutcome, load_paths
from store.ingest.parse import MAX_LINE_CHARS, parse_snapshot
from store.text import decode_snapshot

FIXTURES = Path(__file__).with_name("fixtures")
TCA_TUI = str(Path(sys.executable).with_name("tca-tui"))

# name → (status, the one line a refusal prints or a note the load prints, or None)
OUTCOMES: dict[str, tuple[str, str | None]] = {
    "empty.txt": ("refused", "{path}: empty file: no ticker, date or articles"),
    "binary_junk.txt": ("refused", "{path}: binary data, not a text snapshot"),
    "body_no_headline.txt": ("refused", "{path}:3: body text with no headline above it"),
    "nul_bytes.txt": ("added", "{path}: 1 NUL byte removed (the first on line 9)"),
    "utf8_bom.txt": ("added", "{path}: UTF-8 byte-order mark removed"),
    "crlf.txt": ("added", "{path}: Windows line ends (CR LF) read as newlines"),
    "latin1.txt": ("added", "{path}: not UTF-8 (line 3); decoded as Windows-1252"),
    "cp1251.txt": ("added", "{path}: not UTF-8 (line 1); decoded as Windows-1251"),
    "cut_utf8.txt": (
        "added",
        "{path}: file ends inside a UTF-8 character; that partial character dropped",
    ),
    "ticker_only.txt": ("added", None),
    "headline_no_body.txt": ("added", "{path}: line 3: headline with no body"),
}


def test_every_fixture_has_a_decided_outcome():
    assert sorted(OUTCOMES) == sorted(p.name for p in FIXTURES.glob("*.txt"))


def load_collecting(db: Path, paths: list[Path]) -> tuple[list[FileOutcome], Any]:
    outcomes: list[FileOutcome] = []
    report = load_paths(db, paths, on_file=lambda outcome, done, total: outcomes.append(outcome))
    return outcomes, report


@pytest.mark.parametrize("name", sorted(OUTCOMES))
def test_each_bad_file_alone(name, stored, tmp_path):
    path = tmp_path / name
    shutil.copy(FIXTURES / name, path)
    before = dump(stored)
    status, message = OUTCOMES[name]
    (outcome,), report = load_collecting(stored, [path])
    assert outcome.status == status
    if status == "refused":
        assert report.errors == [message.format(path=path)]
        assert dump(stored) == before
    else:
        assert report.errors == []
        if message:
            assert message.format(path=path) in report.notes
        else:
            assert report.notes == []
        assert set(before) < set(dump(stored))
    assert "\n" not in "".join(report.errors + report.notes)


def test_a_folder_of_every_bad_file_loads_the_good_ones_and_exits_1(stored, tmp_path):
    folder = tmp_path / "pages"
    shutil.copytree(FIXTURES, folder)
    before = dump(stored)
    result = subprocess.run(
        [TCA_TUI, "load", "--db", str(stored), str(folder)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if not line.startswith("note: ")]
    assert errors == sorted(
        message.format(path=folder / name)
        for name, (status, message) in OUTCOMES.items()
        if status == "refused" and message
    )
    assert "Traceback" not in result.stderr
    # The UTF-8 BOM, CR LF and NUL-padded files hold the same page: stored once.
    assert result.stdout.startswith("6 snapshots added (2 already loaded)")
    assert set(before) < set(dump(stored))
    stats = Archive(stored).stats()
    assert stats.snapshots == SEED_FACTS["snapshots"] + 6


def test_repaired_pages_keep_their_text(stored, tmp_path):
    def titles(name: str) -> list[str]:
        text, _ = decode_snapshot((FIXTURES / name).read_bytes())
        return [a.title for a in parse_snapshot(text).articles]

    assert titles("cp1251.txt") == [
        "Токаев провел переговоры с Трампом в Вашингтоне",
        "В Узбекистане открыли новую железную дорогу",
    ]
    assert titles("latin1.txt") == ["Café Owners in Almaty Protest New Rules"]
    plain = titles("crlf.txt")
    assert titles("utf8_bom.txt") == titles("nul_bytes.txt") == plain
    text, _ = decode_snapshot((FIXTURES / "cut_utf8.txt").read_bytes())
    assert text.endswith("border, says Алмат")


def test_ticker_only_page_is_a_snapshot_of_quotes(stored, tmp_path):
    path = shutil.copy(FIXTURES / "ticker_only.txt", tmp_path)
    load_paths(stored, [path])
    archive = Archive(stored)
    snapshot = next(s for s in archive.snapshots() if s.label == "ticker_only.txt")
    assert snapshot.article_count == 0 and archive.articles_in(snapshot.id) == []
    assert [q.pair for q in archive.quotes(snapshot.id)] == ["KGS/USD", "KZT/USD", "TJS/USD"]


def test_a_20_mb_single_line_is_refused_fast(stored, tmp_path):
    path = tmp_path / "one_line.txt"
    path.write_bytes(b"Viewing " + b"x" * (20 * 1024 * 1024))
    before = dump(stored)
    text, _ = decode_snapshot(path.read_bytes())
    started = time.perf_counter()
    with pytest.raises(SnapshotFormatError) as refused:
        parse_snapshot(text)
    assert time.perf_counter() - started < 1.0
    assert refused.value.line == 1
    report = load_paths(stored, [path])
    assert report.errors == [
        (
            f"{path}:1: a line of 20,971,528 characters, longer than any page has"
            f" (at most {MAX_LINE_CHARS:,}): not a snapshot"
        )
    ]
    assert dump(stored) == before


def test_a_long_body_of_ordinary_lines_is_not_a_long_line(stored, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("A Very Long Story\n\n" + "Line after line of body text.\n" * 40_000)
    assert path.stat().st_size > MAX_LINE_CHARS
    report = load_paths(stored, [path])
    assert (report.snapshots_added, report.errors) == (1, [])


def test_the_same_file_under_two_names_is_stored_once(stored, tmp_path):
    folder = tmp_path / "twins"
    folder.mkdir()
    shutil.copy(FIXTURES / "latin1.txt", folder / "a.txt")
    shutil.copy(FIXTURES / "latin1.txt", folder / "b.txt")
    outcomes, report = load_collecting(stored, [folder])
    assert [o.status for o in outcomes] == ["added", "already loaded"]
    assert (report.snapshots_added, report.already_loaded, report.errors) == (1, 1, [])
    assert report.notes[-1] == f"{folder / 'b.txt'}: same text as a.txt, already loaded"
    names = [s.source_name for s in Archive(stored).snapshots()]
    assert names.count("a.txt") == 1 and "b.txt" not in names


# --- file permissions ------------------------------------------------------------------
# Root ignores file permissions, so as root these checks run in a child process that
# has become ``nobody``: the kernel then checks permissions exactly as for any user.


def run_as_other_user(function: Callable[..., Any], *args: Any) -> Any:
    """``function(*args)`` run where file permissions apply; returns its result.

    Not root: runs here. Root: runs in a forked child that switched to ``nobody`` (the
    interpreter is already loaded, so it need not be readable by nobody); the result
    comes back pickled.
    """
    if os.geteuid() != 0:
        return function(*args)
    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("running as root and there is no 'nobody' user to drop to")
    # Codecs import lazily from the standard library, which nobody may not be able to read.
    for codec in ("cp1251", "cp1252", "latin-1", "utf-16-le", "utf-16-be"):
        "".encode(codec)
    readable, writable = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            os.close(readable)
            os.setgroups([])
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
            try:
                result: tuple[str, Any] = ("returned", function(*args))
            except BaseException:
                result = ("raised", traceback.format_exc())
            with os.fdopen(writable, "wb") as pipe:
                pickle.dump(result, pipe)
        finally:
            os._exit(0)
    os.close(writable)
    with os.fdopen(readable, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    kind, value = pickle.loads(data)
    if kind == "raised":
        pytest.fail(f"as nobody:\n{value}")
    return value


def load_report(db: Path, paths: list[Path]) -> tuple[list[str], int]:
    report = load_paths(db, paths)
    return report.errors, report.snapshots_added


def test_folder_with_unreadable_file_subfolder_and_symlink_loops(shared_dir):
    pages = shared_dir / "pages"
    (pages / "sub" / "deeper").mkdir(parents=True)
    shutil.copy(FIXTURES / "latin1.txt", pages / "good.txt")
    shutil.copy(FIXTURES / "crlf.txt", pages / "sub" / "deeper" / "nested.txt")
    shutil.copy(FIXTURES / "cp1251.txt", pages / "locked.txt")
    (pages / "locked.txt").chmod(0o000)
    (pages / "sub" / "back_to_top").symlink_to(pages, target_is_directory=True)
    (pages / "loop_a.txt").symlink_to(pages / "loop_b.txt")
    (pages / "loop_b.txt").symlink_to(pages / "loop_a.txt")
    (pages / "closed").mkdir(mode=0o700)
    shutil.copy(FIXTURES / "ticker_only.txt", pages / "closed" / "hidden.txt")
    (pages / "closed").chmod(0o000)
    writable = shared_dir / "db"
    writable.mkdir(mode=0o777)
    writable.chmod(0o777)
    db = writable / "tca.db"

    errors, added = run_as_other_user(load_report, db, [pages])
    assert sorted(errors) == [
        f"{pages / 'closed'}: cannot read folder (Permission denied)",
        f"{pages / 'locked.txt'}: cannot read (Permission denied)",
        f"{pages / 'loop_a.txt'}: cannot read (Too many levels of symbolic links)",
        f"{pages / 'loop_b.txt'}: cannot read (Too many levels of symbolic links)",
    ]
    assert added == 2  # good.txt and sub/deeper/nested.txt, each once despite the loop
    assert Archive(db).stats().snapshots == 2


def test_a_fifo_among_the_pages_is_refused_not_waited_on(stored, tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(FIXTURES / "latin1.txt", folder / "good.txt")
    os.mkfifo(folder / "pipe.txt")
    result = subprocess.run(
        [TCA_TUI, "load", "--db", str(stored), str(folder)],
        capture_output=True,
        text=True,
        check=False,
        timeout=20,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == f"{folder / 'pipe.txt'}: not a regular file"
    assert result.stdout.startswith("1 snapshots added")


def test_file_names_that_are_not_utf8_are_stored_readably(stored, tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    latin1_name = os.fsdecode(b"caf\xe9.txt")
    shutil.copy(FIXTURES / "ticker_only.txt", folder / latin1_name)
    shutil.copy(FIXTURES / "latin1.txt", folder / "good.txt")
    report = load_paths(stored, [folder])
    assert (report.snapshots_added, report.errors) == (2, [])
    assert "caf\ufffd.txt" in [s.label for s in Archive(stored).snapshots()]


def test_stored_data_survives_a_folder_of_bad_files(stored, tmp_path):
    conn = sqlite3.connect(stored)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    before = dump(stored)
    folder = tmp_path / "bad"
    folder.mkdir()
    for name, (status, _) in OUTCOMES.items():
        if status == "refused":
            shutil.copy(FIXTURES / name, folder / name)
    (folder / "one_line.txt").write_bytes(b"y" * (MAX_LINE_CHARS + 1))
    report = load_paths(stored, [folder])
    assert len(report.errors) == 4 and report.snapshots_added == 0
    assert dump(stored) == before
    assert stat.S_ISREG(os.stat(stored).st_mode)


# --- decoding, byte by byte ---------------------------------------------------------------


def test_short_latin1_text_full_of_accents_is_not_taken_for_cyrillic():
    text, notes = decode_snapshot("Élysée Café, Zürich: Ça Va, Señor Müller?\n".encode("latin-1"))
    assert text == "Élysée Café, Zürich: Ça Va, Señor Müller?\n"
    assert notes == ["not UTF-8 (line 1); decoded as Windows-1252"]


def test_utf8_with_one_damaged_byte_keeps_every_other_character():
    data = "Tokayev’s Visit\n\nAlmaty – Astana “talks”.\n".encode() + b"\xff\n"
    text, notes = decode_snapshot(data)
    assert text == "Tokayev’s Visit\n\nAlmaty – Astana “talks”.\n\ufffd\n"
    assert notes == ["1 byte that is not UTF-8 replaced by U+FFFD (the first on line 4)"]


def test_utf16_with_its_byte_order_mark_is_decoded():
    page = (FIXTURES / "crlf.txt").read_bytes().decode("utf-8")
    text, notes = decode_snapshot("\ufeff".encode("utf-16-le") + page.encode("utf-16-le"))
    assert text == page and notes[0] == "decoded as UTF-16"


def test_bom_and_a_cut_character_together_are_both_repaired():
    text, notes = decode_snapshot(b"\xef\xbb\xbfA Headline Here\n\nBody \xd0\x90\xd0")
    assert text == "A Headline Here\n\nBody А"
    assert len(notes) == 2


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x00" * 4096, "only NUL bytes: the page was never written"),
        (bytes(range(1, 256)) * 8, "binary data, not a text snapshot"),  # no NUL at all
        (b"A Headline\n\n" + b"\x1b\x07\x02" * 100, "binary data, not a text snapshot"),
    ],
)
def test_binary_is_refused_with_or_without_nul_bytes(data, reason):
    with pytest.raises(SnapshotFormatError, match=reason):
        decode_snapshot(data)
