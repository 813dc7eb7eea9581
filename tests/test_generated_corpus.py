"""A generated corpus loads with the real loader, and search finds what was planted in it."""

from __future__ import annotations

import pytest

from store.archive import Archive
from store.search.fuzzy import HeadlineIndex


@pytest.fixture(scope="module")
def corpus(generated_corpus):
    archive = Archive(generated_corpus.db)
    yield generated_corpus.generator, generated_corpus.counts, generated_corpus.report, archive
    archive.close()


def test_generated_pages_load_without_errors_and_keep_every_article(corpus):
    module, counts, report, archive = corpus
    assert report.errors == []
    assert archive.stats().articles == 3000 + len(module.PLANTED_HEADLINES)
    assert archive.stats().snapshots == counts["snapshots"] + 1  # + planted.txt


@pytest.mark.parametrize(
    ("query", "wanted"),
    [
        ("tokayev washington", "President Tokayev’s Washington Visit"),
        ("washngton tokayv", "President Tokayev’s Washington Visit"),
        ("glacier diplomacy dushanbe", "Dushanbe’s ‘Glacier Diplomacy’"),
        ("minerals pact tashknt", "Türkiye and Uzbekistan Sign Critical Minerals Pact"),
        ("turkiye uzbekistan minerals", "Türkiye and Uzbekistan Sign Critical Minerals Pact"),
        # Typed without spaces, as fzf users do: whole words, or the start of each.
        ("tokayevwashington", "President Tokayev’s Washington Visit"),
        ("glacierdiplomacy", "Dushanbe’s ‘Glacier Diplomacy’"),
        ("samarkwatersumm", "Samarkand Water Summit"),
    ],
)
def test_search_finds_planted_headlines_among_near_misses(corpus, query, wanted):
    _, _, _, archive = corpus
    result = HeadlineIndex.for_archive(archive).search(query, limit=5)
    assert result.matches[0].title.startswith(wanted), [m.title for m in result.matches]
