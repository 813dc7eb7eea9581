"""Fuzzy headline search shared by the app's search box and ``tca-tui search``.

Scoring every headline with a fuzzy scorer costs ~5 s per keystroke at a million
headlines, so the index works on words instead (see bench/SEARCH.md):

1. Build: each headline's words go into a vocabulary and an inverted index
   (numpy postings: word → headline numbers). ``tca-tui load`` keeps a copy of the
   index in the database, extended with each load, so opening the app only maps it.
2. Query: each query word is matched against the *vocabulary* — exactly, with a typo
   or two (rapidfuzz ratio), and, for the word being typed, as a prefix. The vocabulary
   is small next to the headlines, and matches per word are cached, so typing one more
   letter only re-matches the last word.
3. Candidates are headlines that contain a match for every query word, in any order;
   the best ``RESCORE`` of them by word similarity are ranked by rapidfuzz WRatio.
   A query word that matches nothing may be words typed without spaces: it is split
   into pieces that each start a known word ("tokwash": "tok", "wash").
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import repeat
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz, process, utils

from store.errors import Cancelled
from store.models import Headline
from store.search.snippets import fold as fold_case_and_accents

if TYPE_CHECKING:
    from store.archive import Archive

RESCORE = 1000
ADJACENCY_BONUS = 6.0
MAX_QUERY_WORDS = 16
FORMAT = 1  # of the stored parts; a stored index of another format is rebuilt
_TOKEN = re.compile(r"[^\W_]+")
_NOT_TOKEN = re.compile(r"(?:[^\w\n]|_)+")  # keeps the newlines that separate headlines
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


def fold(text: str) -> str:
    """Case, accents and typographic quotes removed: what a typed query is compared with."""
    return fold_case_and_accents(text.translate(_FOLD))


def _typo_cutoff(word: str) -> float | None:
    """How similar a vocabulary word must be to count as a typo of ``word``."""
    if len(word) < 4:
        return None  # too short to tell a typo from another word
    return 75.0 if len(word) < 6 else 80.0


@dataclass(slots=True)
class IndexParts:
    """An index as flat arrays: what is stored in the database and mapped back."""

    ids: np.ndarray  # int64, article id of each headline number
    titles: bytes  # every title, UTF-8, back to back
    title_offsets: np.ndarray  # int64, n + 1 byte offsets into titles
    words: list[str]  # the vocabulary; a word's number is its place here
    word_offsets: np.ndarray  # int64, len(words) + 1 offsets into postings
    postings: np.ndarray  # int32, headline numbers grouped by word

    def to_blobs(self) -> dict[str, bytes]:
        return {
            "ids": self.ids.astype(np.int64).tobytes(),
            "titles": self.titles,
            "title_offsets": self.title_offsets.astype(np.int64).tobytes(),
            "words": "\n".join(self.words).encode("utf-8"),
            "word_offsets": self.word_offsets.astype(np.int64).tobytes(),
            "postings": self.postings.astype(np.int32).tobytes(),
        }

    @classmethod
    def from_blobs(cls, blobs: dict[str, bytes]) -> IndexParts:
        words = blobs["words"].decode("utf-8")
        return cls(
            np.frombuffer(blobs["ids"], dtype=np.int64),
            blobs["titles"],
            np.frombuffer(blobs["title_offsets"], dtype=np.int64),
            words.split("\n") if words else [],
            np.frombuffer(blobs["word_offsets"], dtype=np.int64),
            np.frombuffer(blobs["postings"], dtype=np.int32),
        )

    @classmethod
    def empty(cls) -> IndexParts:
        zero = np.zeros(1, np.int64)
        return cls(np.zeros(0, np.int64), b"", zero, [], zero, np.zeros(0, np.int32))

    def extended(self, headlines: Iterable[Headline]) -> IndexParts:
        """These parts with more headlines added (all of them newer than those here)."""
        new = list(headlines)
        if not new:
            return self
        titles = [h.title.replace("\n", " ") for h in new]
        start = len(self.ids)
        vocabulary = {word: number for number, word in enumerate(self.words)}
        word_of, headline_of = array("i"), array("i")
        # One pass of C-level string work over all new titles, then a cheap split each.
        folded = _NOT_TOKEN.sub(" ", fold("\n".join(titles))).split("\n")
        if len(folded) != len(titles):  # folding made or ate a line break: go one by one
            folded = [_NOT_TOKEN.sub(" ", fold(t)).replace("\n", " ") for t in titles]
        for number, words in enumerate(folded, start=start):
            distinct = set(words.split())
            word_of.extend([vocabulary.setdefault(w, len(vocabulary)) for w in distinct])
            headline_of.extend(repeat(number, len(distinct)))
        # Old postings, expanded to (word, headline) pairs, then regrouped with the new.
        old_counts = np.diff(self.word_offsets)
        all_words = np.concatenate(
            [
                np.repeat(np.arange(len(self.words), dtype=np.int32), old_counts),
                np.frombuffer(word_of, dtype=np.int32) if word_of else np.zeros(0, np.int32),
            ]
        )
        all_headlines = np.concatenate(
            [
                self.postings,
                np.frombuffer(headline_of, dtype=np.int32)
                if headline_of
                else np.zeros(0, np.int32),
            ]
        )
        order = np.argsort(all_words, kind="stable")
        counts = np.bincount(all_words, minlength=len(vocabulary))
        encoded = [t.encode("utf-8") for t in titles]
        lengths = np.fromiter((len(t) for t in encoded), dtype=np.int64, count=len(encoded))
        return IndexParts(
            np.concatenate([self.ids, np.fromiter((h.id for h in new), np.int64, len(new))]),
            self.titles + b"".join(encoded),
            np.concatenate([self.title_offsets, self.title_offsets[-1] + np.cumsum(lengths)]),
            list(vocabulary),
            np.concatenate(([0], np.cumsum(counts))).astype(np.int64),
            all_headlines[order].astype(np.int32),
        )


class HeadlineIndex:
    def __init__(self, headlines: Iterable[Headline]) -> None:
        self._use(IndexParts.empty().extended(headlines))

    @classmethod
    def from_parts(cls, parts: IndexParts) -> HeadlineIndex:
        index = cls.__new__(cls)
        index._use(parts)
        return index

    @classmethod
    def for_archive(cls, archive: Archive) -> HeadlineIndex:
        """The archive's stored index, plus any headlines loaded since it was saved."""
        stored = archive.stored_headline_index()
        parts = IndexParts.from_blobs(stored) if stored else IndexParts.empty()
        newest = int(parts.ids[-1]) if len(parts.ids) else 0
        return cls.from_parts(parts.extended(archive.headlines(after=newest)))

    def _use(self, parts: IndexParts) -> None:
        self.parts = parts
        self._postings = parts.postings
        self._offsets = parts.word_offsets
        self._words = parts.words
        order = sorted(range(len(self._words)), key=self._words.__getitem__)
        self._sorted_words = [self._words[i] for i in order]
        self._sorted_ids = order
        self._prefix_lists: dict[int, list[str]] = {}
        self._cache: OrderedDict[tuple[str, bool], tuple[np.ndarray, np.ndarray]] = OrderedDict()

    def __len__(self) -> int:
        return len(self.parts.ids)

    def title(self, number: int) -> str:
        start, end = self.parts.title_offsets[number : number + 2]
        return self.parts.titles[start:end].decode("utf-8")

    def mask_of(self, article_ids: Iterable[int]) -> np.ndarray:
        """Which headlines (by number) are of these articles: a filter for ``search``."""
        wanted = np.fromiter(article_ids, dtype=np.int64)
        return np.isin(self.parts.ids, wanted)

    def search(
        self,
        query: str,
        limit: int = 200,
        cancelled: Callable[[], bool] | None = None,
        only: np.ndarray | None = None,
    ) -> SearchResult:
        """Typo- and word-order-tolerant search; an empty query matches nothing.

        ``only`` (from ``mask_of``) keeps the headlines it marks, and ``searched`` then
        counts those; a mask made before the index grew leaves the newer ones out.
        Raises :class:`store.errors.Cancelled` as soon as ``cancelled()`` says so.
        """
        if only is not None and len(only) != len(self):
            only = np.concatenate([only, np.zeros(len(self), bool)])[: len(self)]
        searched = len(self) if only is None else int(np.count_nonzero(only))
        # A headline has a dozen words; a pasted paragraph must not cost a scan per word.
        words = _TOKEN.findall(fold(query))[:MAX_QUERY_WORDS]
        if not words or not searched:
            return SearchResult(query, [], 0, searched)
        typing_last = not query[-1:].isspace()
        terms: list[tuple[str, bool]] = []
        for i, word in enumerate(words):
            as_prefix = typing_last and i == len(words) - 1
            # "tokwash": words typed without spaces, as fzf users do, each piece a prefix.
            unmatched = not len(self._word_matches(word, as_prefix)[0])
            if unmatched and (pieces := self._run_together(word)):
                terms.extend((piece, True) for piece in pieces)
            else:
                terms.append((word, as_prefix))
        scored_query = query if len(terms) == len(words) else " ".join(w for w, _ in terms)
        scores = []
        for word, as_prefix in terms:
            _check(cancelled)
            scores.append(self._word_scores(word, as_prefix))
        _check(cancelled)
        hits = np.sum([s > 0 for s in scores], axis=0)
        if only is not None:
            hits = np.where(only, hits, 0)
        best = int(hits.max())
        if best == 0:
            return SearchResult(query, [], 0, searched)
        # Every word must match; if no headline has them all, show those that come closest.
        candidates = np.flatnonzero(hits == best)
        total = len(candidates)
        similarity = np.sum(scores, axis=0)[candidates] / len(terms)
        if total > RESCORE:
            keep = np.argpartition(-similarity, RESCORE)[:RESCORE]
            candidates, similarity = candidates[keep], similarity[keep]
        _check(cancelled)
        titles = [self.title(i) for i in candidates]
        ranked = process.cdist(
            [scored_query], titles, scorer=fuzz.WRatio, processor=utils.default_process, workers=1
        )[0]
        final = 0.5 * ranked + 0.5 * similarity
        order = np.lexsort((candidates, -final))[:limit]
        matches = []
        for i in order:
            positions, adjacent = _match_layout(titles[i], terms)
            # Query words found side by side ("Tokayev’s Washington") beat the same words
            # far apart, as fzf rewards consecutive matches; small next to real gaps.
            bonus = ADJACENCY_BONUS * adjacent / max(1, len(terms) - 1)
            matches.append(
                Match(
                    int(self.parts.ids[candidates[i]]),
                    titles[i],
                    float(final[i]) + bonus,
                    positions,
                )
            )
        matches.sort(key=lambda m: -m.score)
        return SearchResult(query, matches, total, searched)

    def _word_scores(self, word: str, as_prefix: bool) -> np.ndarray:
        """Per headline, how well its best word matches ``word`` (0 when none does)."""
        numbers, similarity = self._word_matches(word, as_prefix)
        scores = np.zeros(len(self), dtype=np.float32)
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

    def _run_together(self, word: str) -> list[str] | None:
        """``word`` as several words run together, each the start of a known word
        ("tokayevwashington", "tokwash"); None when it is no such thing. The longest
        first piece that leaves a valid rest wins; pieces before the last have 3+ letters."""
        if len(word) < 5 or len(word) > 40:
            return None
        for cut in range(len(word) - 2, 2, -1):
            head, rest = word[:cut], word[cut:]
            if not self._starts_a_word(head):
                continue
            if self._starts_a_word(rest):
                return [head, rest]
            if (more := self._run_together(rest)) is not None:
                return [head, *more]
        return None

    def _starts_a_word(self, prefix: str) -> bool:
        at = bisect.bisect_left(self._sorted_words, prefix)
        return at < len(self._sorted_words) and self._sorted_words[at].startswith(prefix)

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
    return _match_layout(title, terms)[0]


def _match_layout(title: str, terms: list[tuple[str, bool]]) -> tuple[tuple[int, ...], int]:
    """The matched characters, and how many matched words directly follow another."""
    positions: list[int] = []
    adjacent = 0
    previous = -2
    for number, token in enumerate(_TOKEN.finditer(title)):
        folded = fold(token.group())
        for word, as_prefix in terms:
            if folded == word or (
                (cutoff := _typo_cutoff(word)) is not None and fuzz.ratio(folded, word) >= cutoff
            ):
                positions.extend(range(token.start(), token.end()))
            elif as_prefix and folded.startswith(word):
                positions.extend(range(token.start(), token.start() + len(word)))
            else:
                continue
            # "Tokayev’s Washington": the possessive "s" between them does not count.
            adjacent += number - previous <= 2 and previous >= 0
            previous = number
            break
    return tuple(positions), adjacent


def _check(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled
