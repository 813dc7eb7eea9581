"""Fuzzy headline search shared by the app's search box and ``tca-tui search``.

Scoring every headline with a fuzzy scorer costs ~5 s per keystroke at a million
headlines, so the index works on words instead (see bench/SEARCH.md):

1. Build: each headline's words go into a vocabulary and an inverted index
   (numpy postings: word → headline numbers).
2. Query: each query word is matched against the *vocabulary* — exactly, with a typo
   or two (rapidfuzz ratio), and, for the word being typed, as a prefix. The vocabulary
   is small next to the headlines, and matches per word are cached, so typing one more
   letter only re-matches the last word.
3. Candidates are headlines that contain a match for every query word, in any order;
   the best ``RESCORE`` of them by word similarity are ranked by rapidfuzz WRatio.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process, utils

from .models import Headline

RESCORE = 1000
_TOKEN = re.compile(r"[^\W_]+")
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "ı": "i"})


@dataclass(frozen=True, slots=True)
class Match:
    article_id: int
    title: str
    score: float
    positions: tuple[int, ...]  # indices into title of the matched characters, for highlighting


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    matches: list[Match]  # best first, at most `limit`
    total: int  # how many headlines matched in all (the "7" of "7 of 25")
    searched: int  # how many headlines were searched (the "25")


class SearchCancelled(Exception):
    """Raised from ``HeadlineIndex.search`` when its ``cancelled`` callback says so."""


def fold(text: str) -> str:
    """Case, accents and typographic quotes removed: what a typed query is compared with."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _typo_cutoff(word: str) -> float | None:
    """How similar a vocabulary word must be to count as a typo of ``word``."""
    if len(word) < 4:
        return None  # too short to tell a typo from another word
    return 75.0 if len(word) < 6 else 80.0


class HeadlineIndex:
    def __init__(self, headlines: Iterable[Headline]) -> None:
        self._ids = array("q")
        self._titles: list[str] = []
        vocabulary: dict[str, int] = {}
        word_of = array("i")
        headline_of = array("i")
        for number, headline in enumerate(headlines):
            self._ids.append(headline.id)
            self._titles.append(headline.title)
            for word in set(_TOKEN.findall(fold(headline.title))):
                word_of.append(vocabulary.setdefault(word, len(vocabulary)))
                headline_of.append(number)
        words = np.frombuffer(word_of, dtype=np.int32) if word_of else np.zeros(0, np.int32)
        numbers = np.frombuffer(headline_of, dtype=np.int32) if headline_of else np.zeros(0, np.int32)
        self._postings = numbers[np.argsort(words, kind="stable")]
        self._offsets = np.concatenate(([0], np.cumsum(np.bincount(words, minlength=len(vocabulary)))))
        self._words = list(vocabulary)
        order = sorted(range(len(self._words)), key=self._words.__getitem__)
        self._sorted_words = [self._words[i] for i in order]
        self._sorted_ids = order
        self._prefix_lists: dict[int, list[str]] = {}
        self._cache: OrderedDict[tuple[str, bool], tuple[np.ndarray, np.ndarray]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._titles)

    def search(
        self, query: str, limit: int = 200, cancelled: Callable[[], bool] | None = None
    ) -> SearchResult:
        """Typo- and word-order-tolerant search; an empty query matches nothing."""
        words = _TOKEN.findall(fold(query))
        if not words or not self._titles:
            return SearchResult(query, [], 0, len(self))
        typing_last = not query[-1:].isspace()
        terms = [(w, typing_last and i == len(words) - 1) for i, w in enumerate(words)]
        scores = []
        for word, as_prefix in terms:
            _check(cancelled)
            scores.append(self._word_scores(word, as_prefix))
        _check(cancelled)
        hits = np.sum([s > 0 for s in scores], axis=0)
        best = int(hits.max())
        if best == 0:
            return SearchResult(query, [], 0, len(self))
        # Every word must match; if no headline has them all, show those that come closest.
        candidates = np.flatnonzero(hits == best)
        total = len(candidates)
        similarity = np.sum(scores, axis=0)[candidates] / len(terms)
        if total > RESCORE:
            keep = np.argpartition(-similarity, RESCORE)[:RESCORE]
            candidates, similarity = candidates[keep], similarity[keep]
        _check(cancelled)
        ranked = process.cdist(
            [query], [self._titles[i] for i in candidates], scorer=fuzz.WRatio,
            processor=utils.default_process, workers=1,
        )[0]
        final = 0.5 * ranked + 0.5 * similarity
        order = np.lexsort((candidates, -final))[:limit]
        matches = [
            Match(
                self._ids[candidates[i]],
                self._titles[candidates[i]],
                float(final[i]),
                matched_positions(self._titles[candidates[i]], terms),
            )
            for i in order
        ]
        return SearchResult(query, matches, total, len(self))

    def _word_scores(self, word: str, as_prefix: bool) -> np.ndarray:
        """Per headline, how well its best word matches ``word`` (0 when none does)."""
        numbers, similarity = self._word_matches(word, as_prefix)
        scores = np.zeros(len(self._titles), dtype=np.float32)
        scores[numbers] = similarity  # sorted ascending, so the best match per headline wins
        return scores

    def _word_matches(self, word: str, as_prefix: bool) -> tuple[np.ndarray, np.ndarray]:
        key = (word, as_prefix)
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        found: dict[int, float] = {}
        if (cutoff := _typo_cutoff(word)) is not None:
            for _, score, wid in process.extract(
                word, self._words, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
            ):
                found[wid] = score
        elif (wid := self._exact(word)) is not None:
            found[wid] = 100.0
        if as_prefix:
            self._add_prefix_matches(word, found)
        pairs = sorted(found.items(), key=lambda item: item[1])
        slices = [self._postings[self._offsets[w] : self._offsets[w + 1]] for w, _ in pairs]
        lengths = [len(s) for s in slices]
        numbers = np.concatenate(slices) if slices else np.zeros(0, np.int32)
        similarity = np.repeat(np.array([s for _, s in pairs], np.float32), lengths)
        self._cache[key] = (numbers, similarity)
        if len(self._cache) > 256:
            self._cache.popitem(last=False)
        return numbers, similarity

    def _exact(self, word: str) -> int | None:
        at = bisect.bisect_left(self._sorted_words, word)
        if at < len(self._sorted_words) and self._sorted_words[at] == word:
            return self._sorted_ids[at]
        return None

    def _add_prefix_matches(self, prefix: str, found: dict[int, float]) -> None:
        """Words that start with what is typed so far, or with a typo of it."""
        start = bisect.bisect_left(self._sorted_words, prefix)
        end = bisect.bisect_left(self._sorted_words, prefix + "\U0010ffff")
        for wid in self._sorted_ids[start:end]:
            found[wid] = max(found.get(wid, 0.0), 95.0)
        if (cutoff := _typo_cutoff(prefix)) is None:
            return
        heads = self._prefix_lists.get(len(prefix))
        if heads is None:
            heads = self._prefix_lists[len(prefix)] = [w[: len(prefix)] for w in self._words]
        for _, score, wid in process.extract(
            prefix, heads, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
        ):
            found[wid] = max(found.get(wid, 0.0), score * 0.95)


def matched_positions(title: str, terms: list[tuple[str, bool]]) -> tuple[int, ...]:
    """Which characters of ``title`` matched the query words, for highlighting."""
    positions: list[int] = []
    for token in _TOKEN.finditer(title):
        folded = fold(token.group())
        for word, as_prefix in terms:
            if folded == word or (
                (cutoff := _typo_cutoff(word)) is not None and fuzz.ratio(folded, word) >= cutoff
            ):
                positions.extend(range(token.start(), token.end()))
                break
            if as_prefix and folded.startswith(word):
                positions.extend(range(token.start(), token.start() + len(word)))
                break
    return tuple(positions)


def _check(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise SearchCancelled
