"""Fuzzy headline search: typos and word order must not defeat it."""

from __future__ import annotations

import pytest

from store.fuzzy import HeadlineIndex, SearchCancelled
from store.models import Headline


@pytest.fixture
def index(archive) -> HeadlineIndex:
    return HeadlineIndex(archive.headlines())


@pytest.mark.parametrize(
    "query",
    ["tokayev washington", "washington tokayev", "tokayv washngton", "President Tokayev’s Wash"],
)
def test_finds_the_headline_despite_typos_and_order(index, query):
    result = index.search(query)
    assert result.matches[0].title == "President Tokayev’s Washington Visit: Peace is Not a Bridge Too Far"
    assert result.searched == 25


def test_count_is_of_all_matches_not_just_those_shown(index):
    result = index.search("kazakhstan", limit=3)
    assert len(result.matches) == 3
    assert result.total > 3


def test_matched_characters_are_marked(index):
    match = index.search("brics").matches[0]
    assert match.title[match.positions[0] : match.positions[-1] + 1] == "BRICS"


def test_empty_or_wordless_query_matches_nothing(index):
    assert index.search("").matches == []
    assert index.search("  ?! ").total == 0


def test_nothing_like_the_query_gives_no_results(index):
    assert index.search("zzzzqqq").total == 0


def test_search_stops_when_cancelled(index):
    with pytest.raises(SearchCancelled):
        index.search("tokayev", cancelled=lambda: True)


def test_an_empty_index_searches_fine():
    assert HeadlineIndex([]).search("anything").total == 0


def test_prefix_of_the_word_being_typed_matches():
    index = HeadlineIndex([Headline(1, "Samarkand Hosts Summit"), Headline(2, "Tashkent Metro Expands")])
    assert [m.article_id for m in index.search("samar").matches] == [1]
    assert index.search("samar ").total == 0  # a finished word must match as a word
