"""The snapshot parser on the real seeds and on the messier shapes real pages take."""

from __future__ import annotations

import datetime as dt

import pytest

from store.errors import SnapshotFormatError
from store.ingest.parse import looks_like_headline, parse_date, parse_snapshot
from store.paths import bundled_seeds_dir
from store.text import decode_snapshot


def seed(name_prefix: str):
    (path,) = bundled_seeds_dir().glob(f"{name_prefix}_*.txt")
    text, notes = decode_snapshot(path.read_bytes())
    assert notes == []
    return parse_snapshot(text)


@pytest.mark.parametrize(
    ("prefix", "date", "claimed", "articles", "truncated"),
    [
        ("000", dt.date(2025, 1, 10), 27, 6, 4),
        ("001", dt.date(2025, 1, 7), 3, 3, 2),
        ("002", dt.date(2025, 5, 15), 12, 6, 6),
        ("003", dt.date(2026, 2, 20), 54, 6, 6),
        ("004", None, 8, 6, 3),
    ],
)
def test_each_seed_parses_to_what_the_page_shows(prefix, date, claimed, articles, truncated):
    snapshot = seed(prefix)
    assert snapshot.date == date
    assert snapshot.claimed_total == claimed
    assert len(snapshot.articles) == articles
    assert sum(a.truncated for a in snapshot.articles) == truncated
    assert all(a.paragraphs for a in snapshot.articles)


def test_claimed_total_is_what_the_page_says_not_what_it_lists():
    snapshot = seed("001")  # "Viewing results 1 - 6 of 3" while listing 3
    assert snapshot.claimed_total == 3 and len(snapshot.articles) == 3


def test_marquee_repeats_are_stored_once_in_page_order():
    quotes = seed("001").quotes
    assert [q.pair for q in quotes] == ["KGS/USD", "KZT/USD", "TJS/USD", "UZS/USD", "TMT/USD"]
    assert (quotes[2].rate, quotes[2].change, quotes[2].direction) == ("0.09153", "-0.22%", -1)
    assert quotes[1].rate == "0.00189"  # trailing zeros kept as printed


def test_undated_seed_has_no_quotes_and_no_invented_date():
    snapshot = seed("004")
    assert snapshot.date is None and snapshot.quotes == ()


def test_typographic_quotes_kept_and_stray_spaces_trimmed():
    article = seed("003").articles[0]
    assert article.title == "President Tokayev’s Washington Visit: Peace is Not a Bridge Too Far"
    # The page's body starts with a no-break space; it is trimmed, the dash is kept.
    assert article.paragraphs[0].text.startswith("On February 19, President Tokayev")
    assert "initiative – an undertaking" in article.paragraphs[0].text


def test_caption_shortcode_becomes_its_own_paragraph_without_syntax():
    article = seed("003").articles[1]
    captions = [p for p in article.paragraphs if p.is_caption]
    assert [c.text for c in captions] == [
        "U.S. Ambassador Julie Stufft presents her credentials to President "
        "Kassym-Jomart Tokayev of Kazakhstan; image: Akorda"
    ]
    body = " ".join(p.text for p in article.paragraphs)
    assert "[caption" not in body and "[/caption]" not in body
    assert article.paragraphs[0].text.endswith("delivered a keynote address.")
    assert article.paragraphs[2].text.startswith("Addressing commercial ties")


MULTI = """\
  • KZT/USD = 0.00190 -0%
12 March 2025

Viewing results 1 - 2 of 2

Caspian Pipeline Talks Resume in Aktau

The first paragraph sets the scene, as first paragraphs do.

A second paragraph follows after a blank line.

“We will continue,” the minister said.

Uzbekistan Opens New Railway to Termez

Only one paragraph here, and it stops short...
"""


def test_bodies_of_several_paragraphs_stay_with_their_headline():
    snapshot = parse_snapshot(MULTI)
    first, second = snapshot.articles
    assert first.title == "Caspian Pipeline Talks Resume in Aktau"
    assert [p.text for p in first.paragraphs] == [
        "The first paragraph sets the scene, as first paragraphs do.",
        "A second paragraph follows after a blank line.",
        "“We will continue,” the minister said.",
    ]
    assert not first.truncated
    assert second.title == "Uzbekistan Opens New Railway to Termez" and second.truncated
    assert snapshot.quotes[0].change == "-0%" and snapshot.quotes[0].direction == 0
    assert (first.line, second.line) == (6, 14)


def test_headline_followed_directly_by_another_article_has_an_empty_body():
    text = "Lonely Headline Without Text\n\nSecond Story Headline\n\nIts body is a sentence.\n"
    snapshot = parse_snapshot(text)
    assert [a.title for a in snapshot.articles] == [
        "Lonely Headline Without Text",
        "Second Story Headline",
    ]
    assert snapshot.articles[0].paragraphs == ()
    assert snapshot.warnings == ("1: headline with no body",)


def test_body_without_a_headline_is_refused_with_its_line():
    text = "10 January 2025\n\nThis is a long sentence of body text that no headline introduces at all.\n"
    with pytest.raises(SnapshotFormatError) as caught:
        parse_snapshot(text)
    assert caught.value.line == 3
    assert caught.value.located("page.txt") == "page.txt:3: body text with no headline above it"


@pytest.mark.parametrize("text", ["", "\n\n   \n"])
def test_empty_text_is_refused(text):
    with pytest.raises(SnapshotFormatError, match="empty"):
        parse_snapshot(text)


def test_only_a_ticker_is_a_snapshot_with_quotes_and_no_articles():
    snapshot = parse_snapshot("  • KGS/USD = 0.01149 0%\n  • KZT/USD = 0.00190 0.22%\n")
    assert len(snapshot.quotes) == 2 and snapshot.articles == ()


def test_markup_like_text_is_kept_literally():
    text = "A Headline With [bold]Markup[/bold]\n\nBody with [/] and [red]colour[/red] inside.\n"
    article = parse_snapshot(text).articles[0]
    assert article.title == "A Headline With [bold]Markup[/bold]"
    assert article.paragraphs[0].text == "Body with [/] and [red]colour[/red] inside."


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("10 January 2025", dt.date(2025, 1, 10)),
        ("07 Jan 2025", dt.date(2025, 1, 7)),
        ("January 7, 2025", dt.date(2025, 1, 7)),
        ("31 February 2025", None),
        ("January 2025", None),
    ],
)
def test_date_lines(line, expected):
    assert parse_date(line) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trump’s Bid for Ukraine-Russia Peace: Could Kazakhstan Be the Key Mediator?", True),
        ("Kazakhstan and Taliban Afghanistan: An Overview of Relations", True),
        ("The president met the minister on Tuesday to talk about trade", False),
        ("A sentence that ends with a full stop.", False),
        ("Excerpt that stops short...", False),
        ("Russia vs. Ukraine: Talks Stall in Astana", True),
        ("U.S. Envoy Visits Dushanbe", True),
        ("Modi Met Kasymaliev in Delhi. Modi Called the Talks “Constructive.”", False),
        ("Talks With Japarov Were “Constructive and Forward-Looking.”", False),
    ],
)
def test_headline_shape(text, expected):
    assert looks_like_headline(text) is expected


def test_ticker_at_the_foot_with_a_typeset_minus_reads_as_a_number():
    text = "Grain Exports Rise\n\nWheat sales grew.\n\n  • TJS/USD = 0.09153 −0.22%\n"
    (quote,) = parse_snapshot(text).quotes
    assert (quote.change, quote.change_value, quote.direction) == ("-0.22%", -0.22, -1)


@pytest.mark.parametrize("total", ["9" * 10, "1" * 5000])
def test_an_absurd_claimed_total_is_ignored_with_a_warning(total):
    snapshot = parse_snapshot(f"Viewing results 1 - 6 of {total}\n\nA Headline Here\n\nBody.\n")
    assert snapshot.claimed_total is None
    assert snapshot.warnings == (f"1: claims {len(total)}-digit results; ignored",)


def test_unclosed_shortcodes_cost_linear_time():
    import time

    body = "[caption id=1]" * 20_000 + "[embed]" * 20_000 + "[gallery " * 20_000 + "<" * 100_000
    started = time.perf_counter()
    snapshot = parse_snapshot(f"A Headline Here\n\n{body}\n")
    assert time.perf_counter() - started < 1.0
    assert snapshot.articles[0].paragraphs[0].text.startswith("[caption id=1][caption")


def test_cyrillic_page_with_sentence_case_headlines_and_a_russian_date():
    text = (
        "12 марта 2025 г.\n\n"
        "Токаев провел переговоры в Вашингтоне\n\n"
        "Президент обсудил вопросы торговли.\n\n"
        "В Узбекистане открыли новую дорогу\n\n"
        "Линия соединит Ташкент с Термезом...\n"
    )
    snapshot = parse_snapshot(text)
    assert snapshot.date == dt.date(2025, 3, 12)
    assert [a.title for a in snapshot.articles] == [
        "Токаев провел переговоры в Вашингтоне",
        "В Узбекистане открыли новую дорогу",
    ]
    assert looks_like_headline("в Узбекистане открыли новую дорогу") is False


def test_warnings_are_capped_so_a_junk_page_cannot_flood_the_terminal():
    text = "".join(
        f"Lone Headline {i}\n\nAnother Headline {i}\n\nIts body.\n\n" for i in range(100)
    )
    warnings = parse_snapshot(text).warnings
    assert warnings[:2] == ("1: headline with no body", "7: headline with no body")
    assert warnings[20:] == ("121: and 80 more warnings from here on",)
