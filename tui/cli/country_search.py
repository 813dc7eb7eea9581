"""``tca-tui search``'s results: fuzzy headline matches, a country's articles, or both.

Kept out of tui/cli/commands.py so the command stays about arguments and output.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from store.archive import Archive
from store.countries import tagger


def country_code(given: str) -> str | None:
    """The code a user means ("kg", "Kyrgyzstan"), or None for no country tca-tui knows."""
    return tagger().code_for(given)


def known_codes() -> str:
    return ", ".join(tagger().codes)


@dataclass(slots=True)
class Found:
    ids: list[int] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    scores: list[float | None] = field(default_factory=list)
    countries: dict[int, tuple[str, ...]] = field(default_factory=dict)
    authors: dict[int, str] = field(default_factory=dict)

    def as_json(self, i: int) -> dict[str, object]:
        row: dict[str, object] = {
            "id": self.ids[i],
            "title": self.titles[i],
            "countries": list(self.countries.get(self.ids[i], ())),
            "author": self.authors.get(self.ids[i]),
        }
        if self.scores[i] is not None:
            row["score"] = round(self.scores[i], 1)
        return row


def search_headlines(archive: Archive, query: str, country: str | None, limit: int) -> Found:
    """Best matches for ``query`` (among ``country``'s articles if given); with no query,
    ``country``'s articles, newest snapshot first."""
    found = Found()
    if query.strip():
        from store.search.fuzzy import HeadlineIndex  # numpy and rapidfuzz: only for searching

        index = HeadlineIndex.for_archive(archive)
        only = index.mask_of(archive.article_ids_in_country(country)) if country else None
        for match in index.search(query, limit=limit, only=only).matches:
            found.ids.append(match.article_id)
            found.titles.append(match.title)
            found.scores.append(match.score)
        found.countries = archive.countries_of(found.ids)
    elif country is not None:
        for article in archive.articles_in_country(country, limit):
            found.ids.append(article.id)
            found.titles.append(article.title)
            found.scores.append(None)
            found.countries[article.id] = article.countries
    found.authors = archive.authors(found.ids)
    return found
