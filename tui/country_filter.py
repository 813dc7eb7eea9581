"""The app's country filter: which country the headlines are narrowed to, and what
that means for a snapshot's list and for the headline index.

Plain state and arithmetic, no widgets: the app routes keys and messages to it and
hands what it works out to the :class:`~tui.widgets.country_row.CountryRow` and the
:class:`~tui.widgets.article_list.ArticleList`.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from store.models import ArticleSummary

if TYPE_CHECKING:
    import numpy as np

    from store.archive import Archive
    from store.search.fuzzy import HeadlineIndex


class CountryFilter:
    def __init__(self, codes: Sequence[str]) -> None:
        self.codes = tuple(codes)
        self.active: str | None = None
        self._masks: dict[str, np.ndarray] = {}
        self._masks_for: HeadlineIndex | None = None  # the index the masks were made with
        self._lock = threading.Lock()  # search workers of two keystrokes may overlap

    def step(self, by: int) -> str | None:
        """The country ``by`` places on from the active one (None, "all", in between)."""
        choices: list[str | None] = [None, *self.codes]
        return choices[(choices.index(self.active) + by) % len(choices)]

    def counts(self, articles: Sequence[ArticleSummary]) -> dict[str, int]:
        return {code: sum(code in a.countries for a in articles) for code in self.codes}

    def narrow(self, articles: Sequence[ArticleSummary]) -> list[ArticleSummary]:
        if self.active is None:
            return list(articles)
        return [a for a in articles if self.active in a.countries]

    def mask(self, index: HeadlineIndex, archive: Archive, code: str | None) -> np.ndarray | None:
        """Which of ``index``'s headlines mention ``code``; made once per index and
        country (reading a common country's ids costs ~0.1 s at a million articles), so
        run it in a worker."""
        if code is None:
            return None
        with self._lock:
            if self._masks_for is not index:
                self._masks, self._masks_for = {}, index
            if code not in self._masks:
                self._masks[code] = index.mask_of(archive.article_ids_in_country(code))
            return self._masks[code]
