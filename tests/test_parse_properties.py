"""Property tests: whatever the bytes or the query, the store answers or refuses in its
own words, and never raises anything else.

Texts are built from the lines snapshots are made of (tickers, dates, result counts,
headlines, bodies, shortcodes) mixed with arbitrary text and every line-end style, so
the examples reach deep into the parser rather than stopping at its first check.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from store.archive import Archive
from store.db import open_database
from store.errors import SnapshotFormatError
from store.ingest.load import load_paths
from store.ingest.parse import MAX_WARNINGS, ParsedSnapshot, parse_snapshot
from store.models import BodyHit
from store.paths import bundled_seeds_dir
from store.search.fuzzy import HeadlineIndex, SearchResult
from store.text import decode_snapshot

PROPERTY = settings(max_examples=100, deadline=None)

WORDS = st.sampled_from(
    "Kazakhstan Tokayev and of the Visit Peace Railway Opens to Freight in Almaty Токаев"
    " провел переговоры В Узбекистане U.S. vs. BRICS’ “Middle” Power: a".split()
)
TICKER = st.from_regex(
    r"(?:[•·*\-–] ?)?[A-Z]{3}/[A-Z]{3} ?= ?[0-9]{1,7}(?:\.[0-9]{1,6})? [+\-−]?[0-9]{1,4}(?:\.[0-9]{1,3})?%",
    fullmatch=True,
)
DATE = st.builds(
    lambda day, month, year, style: style.format(d=day, m=month, y=year),
    st.integers(0, 40),
    st.sampled_from(["January", "Feb", "Sept", "May", "марта", "декабря", "Smarch"]),
    st.integers(0, 9999),
    st.sampled_from(["{d} {m} {y}", "{m} {d}, {y}", "{d} {m}. {y} г."]),
)
RESULTS = st.builds(
    "Viewing results {} - {} of {}".format,
    st.integers(0, 99),
    st.integers(0, 99),
    st.integers(0, 10**40),
)
HEADLINE = st.lists(WORDS, min_size=1, max_size=14).map(" ".join)
BODY = st.builds(
    lambda words, end: " ".join(words) + end,
    st.lists(WORDS, min_size=1, max_size=40),
    st.sampled_from([".", "...", "…", ".”", "", "?"]),
)
SHORTCODE = st.sampled_from(
    [
        "[caption id=1]<b>A caption</b>[/caption]",
        "[caption]unclosed",
        "[/caption]",
        "[embed]https://example.com[/embed]",
        "[embed]",
        "[gallery ids=1,2]",
        "<",
        "<i",
        ">",
    ]
)
LINE = st.one_of(
    TICKER,
    DATE,
    RESULTS,
    HEADLINE,
    BODY,
    SHORTCODE,
    st.just(""),
    st.just("   "),
    st.text(max_size=60),
)
SNAPSHOT_TEXT = st.builds(
    lambda lines, newline: newline.join(lines),
    st.lists(LINE, max_size=40),
    st.sampled_from(["\n", "\r\n", "\r"]),
)


def outcome(text: str) -> tuple[str, object]:
    """What parsing gives: the snapshot, or the loader's own refusal."""
    try:
        return "parsed", parse_snapshot(text)
    except SnapshotFormatError as error:
        return "refused", error.located("page.txt")


@PROPERTY
@given(st.one_of(SNAPSHOT_TEXT, st.text()))
@example("")
@example("\x00\x1b[2J\u202e\ud800")
def test_any_text_parses_or_is_refused_and_always_the_same_way(text):
    first = outcome(text)
    assert outcome(text) == first
    kind, value = first
    if kind == "refused":
        assert "\n" not in value
        return
    assert isinstance(value, ParsedSnapshot)
    check_shape(value)


def check_shape(snapshot: ParsedSnapshot) -> None:
    """What the loader and the app rely on, whatever the page."""
    lines = [a.line for a in snapshot.articles]
    assert lines == sorted(set(lines))
    for article in snapshot.articles:
        assert article.title and article.title == article.title.strip()
        assert "\n" not in article.title
        assert all(p.text and p.text == p.text.strip() for p in article.paragraphs)
    pairs = [q.pair for q in snapshot.quotes]
    assert len(pairs) == len(set(pairs))
    for quote in snapshot.quotes:
        assert quote.direction in (-1, 0, 1)  # the ticker's arithmetic never fails
        quote.rate_value  # noqa: B018 - must not raise
    assert snapshot.claimed_total is None or 0 <= snapshot.claimed_total < 10**9
    assert len(snapshot.warnings) <= MAX_WARNINGS + 1


@PROPERTY
@given(st.lists(LINE.map(lambda line: line.replace("\r", "").replace("\n", "")), max_size=40))
def test_line_ends_do_not_change_the_snapshot(lines):
    unix = outcome("\n".join(lines))
    assert outcome("\r\n".join(lines)) == unix
    assert outcome("\r".join(lines)) == unix


@PROPERTY
@given(st.binary(max_size=600))
@example(b"\xef\xbb\xbf")
@example(b"\xff\xfe\x00\xd8")
@example(b"\xd0")
def test_any_bytes_decode_or_are_refused(data):
    try:
        text, notes = decode_snapshot(data)
    except SnapshotFormatError as error:
        assert "\n" not in error.located("page.txt")
        return
    assert "\x00" not in text
    assert decode_snapshot(data) == (text, notes)


@PROPERTY
@given(st.text(st.characters(exclude_categories=["Cs"])))
def test_utf8_text_comes_back_as_it_was(text):
    if text.startswith("\ufeff") or any(ch in text for ch in "\x00\r"):
        return  # each of these is repaired, and noted
    try:
        assert decode_snapshot(text.encode("utf-8")) == (text, [])
    except SnapshotFormatError as error:
        assert error.reason == "binary data, not a text snapshot"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("properties") / "tca.db"
    assert not load_paths(path, [bundled_seeds_dir()]).errors
    archive = Archive(path)
    yield archive
    archive.close()


@pytest.fixture(scope="module")
def index(archive) -> HeadlineIndex:
    return HeadlineIndex(archive.headlines())


QUERY_PIECES = st.sampled_from(
    [
        '"',
        "'",
        "NEAR(",
        "NEAR/2",
        "AND",
        "OR",
        "NOT",
        "*",
        "(",
        ")",
        "^",
        ":",
        "title:",
        "body:",
        "-",
        "+",
        "{",
        "}",
        "[",
        "]",
        "\\",
        "_",
        "\x00",
        "\x1b[31m",
        "\x07",
        "\u202e",
        "\ufffd",
        "\ud800",
        "\u0301",
        "ﬁ",
        "İ",
        "washngton",
        "Tokayev",
        "BRICS",
        " ",
        "\t",
        "\n",
    ]
)
QUERY = st.one_of(
    st.text(),
    st.lists(st.one_of(QUERY_PIECES, st.text(max_size=8)), max_size=30).map("".join),
)
LONG_QUERIES = [
    "x" * 10_000,
    ("NEAR(" + '"' * 7 + " washington* OR (") * 500,
    "".join(chr(c) for c in range(1, 10_001)),
]


@PROPERTY
@given(QUERY)
@example(LONG_QUERIES[0])
@example(LONG_QUERIES[1])
@example(LONG_QUERIES[2])
def test_any_query_finds_headlines_or_nothing(index, query):
    result = index.search(query, limit=5)
    assert isinstance(result, SearchResult)
    assert len(result.matches) <= 5 and result.total >= len(result.matches)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(QUERY)
@example(LONG_QUERIES[0])
@example(LONG_QUERIES[1])
@example(LONG_QUERIES[2])
def test_any_query_searches_bodies_or_finds_nothing(archive, query):
    hits = archive.search_bodies(query, limit=5)
    assert isinstance(hits, list) and len(hits) <= 5
    assert all(isinstance(hit, BodyHit) for hit in hits)


@pytest.fixture(scope="module")
def loader_db(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("loader")
    db = open_database(folder / "tca.db")
    yield folder, db
    db.conn.close()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.one_of(SNAPSHOT_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary()))
def test_loading_any_file_keeps_the_database_whole(loader_db, data):
    folder, db = loader_db
    page = folder / "page.txt"
    page.write_bytes(data)
    report = load_paths(db, [page])
    assert report.snapshots_added + report.already_loaded + len(report.errors) == 1
    half_loaded = db.conn.execute(
        "SELECT count(*) FROM snapshots s WHERE article_count !="
        " (SELECT count(*) FROM appearances a WHERE a.snapshot_id = s.id)"
    ).fetchone()[0]
    assert half_loaded == 0
    assert db.conn.execute("PRAGMA quick_check").fetchone() == ("ok",)
