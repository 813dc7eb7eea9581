"""Which of the site's countries an article mentions: its country sections.

The names are data (``countries.toml`` beside this module, reviewed by hand), compiled
once into a dictionary of words. Names are proper nouns, so an article is tagged from
its capitalised words (a C-speed regex finds them; "Kazakhstan" and "KAZAKHSTAN" alike)
against that dictionary in one set intersection: a fifth of the words, and a third of
the time, of splitting the whole text. Names written in lower case in the file
(currencies: "tenge") count in any case; currencies that are also English words ("som",
"sum") only after an amount. Names of several words are looked at in place only when
all their capitalised words are there. Folding is the full-text search's
(:func:`store.search.snippets.fold`: case and accents), so "TÜRKMENBAŞY" is "Turkmenbasy".
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from store.search.snippets import fold

NAMES_FILE = Path(__file__).with_name("countries.toml")
_IGNORE = "ignore"
_WORD = re.compile(r"[^\W_]+")
# A word starting with a capital: ASCII, Latin-1, Latin Extended (both cases: harmless)
# and Cyrillic capitals.
_CAPITALISED = re.compile(r"[A-Z\u00c0-\u00de\u0100-\u024f\u0400-\u042f][^\W_]*")
# Beyond ASCII but for typography: a letter the spellings regex may not know.
_ACCENTED = re.compile("[^\x00-\x7f\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00a0]")
_BEFORE, _AFTER = r"(?<![^\W_])", r"s?(?![^\W_])"
# The amounts pattern starts with a digit, outside any group, so that the regex engine
# skips from digit to digit at C speed (behind alternatives it tried every place).
_AMOUNT = r"\d[\d,.]*\s*(?:(?:thousand|million|billion|trillion|mln|bn)\s+)?"


@dataclass(frozen=True, slots=True)
class Country:
    code: str  # "KZ"
    name: str  # "Kazakhstan"


class CountryNamesError(ValueError):
    """The names file cannot be used; the message names the file and what is wrong."""


@dataclass(frozen=True, slots=True)
class Phrase:
    """A name that the set of capitalised words cannot decide alone: several words, an
    [ignore] phrase (``code`` ""), or a one-word name that an [ignore] phrase contains
    (``shadowed_by``: those phrases' capitalised words)."""

    words: tuple[str, ...]  # folded
    code: str
    needed: frozenset[str]  # its capitalised words, all of which the text must have
    shadowed_by: tuple[frozenset[str], ...] | None = None

    def starts_at(self, tokens: list[str], at: int) -> bool:
        end = at + len(self.words)
        if end > len(tokens) or tokens[at : end - 1] != list(self.words[:-1]):
            return False
        return tokens[end - 1] in (self.words[-1], self.words[-1] + "s")


@dataclass(frozen=True, slots=True)
class CountryTagger:
    countries: tuple[Country, ...]  # in the file's order: the order tags are shown in
    # One-word names as a text may write them ("Osh", "OSH", "Oshs", "Türkmenbaşy",
    # "Turkmenbasy") -> code: the text's capitalised words are looked up as they are.
    words: dict[str, str]
    phrases: dict[str, tuple[Phrase, ...]]  # by each of their needed words (folded)
    phrase_words: frozenset[str]  # a word of each as a text may write it
    any_case: tuple[tuple[str, re.Pattern[str], str], ...]  # (word, its pattern, code)
    amounts: re.Pattern[str]  # a group named by its country per currency
    currency_words: tuple[str, ...]  # "som", "o’m": what the text needs for amounts
    # Every spelling of ``words`` and ``phrase_words`` as one regex shaped like a trie:
    # it starts with a capital, so the engine jumps from capital to capital at C speed.
    spellings: re.Pattern[str]

    def tag(self, *texts: str) -> tuple[str, ...]:
        """The codes of the countries ``texts`` mention, in ``countries`` order."""
        text = "\n".join(texts)
        found: set[str] = set()
        in_phrase = False
        for match in self.spellings.finditer(text):
            at = match.start()
            if at and text[at - 1].isalnum():
                continue  # the end of another word: "McOsh"
            code = self.words.get(match.group())
            if code is None:
                in_phrase = True
            else:
                found.add(code)
        by_place: dict[int, Phrase] = {}
        present: set[str] = set()
        if in_phrase or _ACCENTED.search(text):
            # A word of a phrase, or a spelling the regex does not know ("Türkmenbasy").
            written = set(_CAPITALISED.findall(text))
            if not " ".join(written).isascii():
                written.update([fold(w).capitalize() for w in written if not w.isascii()])
                found.update(self.words[w] for w in written & self.words.keys())
            if written & self.phrase_words:
                joined = " ".join(written).lower()
                present = set((joined if joined.isascii() else fold(joined)).split())
        for key in present & self.phrases.keys():
            for phrase in self.phrases[key]:
                if phrase.needed <= present:
                    shadows = phrase.shadowed_by
                    if shadows is not None and not any(s <= present for s in shadows):
                        found.add(phrase.code)  # no [ignore] phrase around: the word decides
                    else:
                        by_place[id(phrase)] = phrase
        lower = text.lower()
        for word, pattern, code in self.any_case:
            if code not in found and word in lower and pattern.search(lower):
                found.add(code)
        for word in self.currency_words:  # a loop: cheaper than any() over a generator
            if word in lower:
                found.update(m.lastgroup for m in self.amounts.finditer(lower))
                break
        if any(p.code for p in by_place.values()):
            tokens = _WORD.findall(lower if lower.isascii() else fold(lower))
            found.update(_phrase_codes(tokens, list(by_place.values())))
        return tuple(c.code for c in self.countries if c.code in found)

    def name_of(self, code: str) -> str:
        return next((c.name for c in self.countries if c.code == code), code)

    def code_for(self, given: str) -> str | None:
        """The code a user means by ``given`` ("kg", "Kyrgyzstan"), or None."""
        wanted = fold(given.strip())
        for country in self.countries:
            if wanted in (country.code.casefold(), fold(country.name)):
                return country.code
        return None

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.countries)


def _phrase_codes(tokens: list[str], phrases: list[Phrase]) -> set[str]:
    """The codes of ``phrases`` found in ``tokens``, but not inside an [ignore] phrase."""
    places: dict[str, list[int]] = {}
    firsts = {p.words[0] for p in phrases}
    for at, token in enumerate(tokens):
        if token in firsts:
            places.setdefault(token, []).append(at)
        elif token[-1:] == "s" and token[:-1] in firsts:  # "Talibans": a one-word phrase
            places.setdefault(token[:-1], []).append(at)
    ignored: set[int] = set()
    for phrase in phrases:
        if not phrase.code:
            for at in places.get(phrase.words[0], ()):
                if phrase.starts_at(tokens, at):
                    ignored.update(range(at, at + len(phrase.words)))
    return {
        phrase.code
        for phrase in phrases
        if phrase.code
        and any(
            at not in ignored and phrase.starts_at(tokens, at)
            for at in places.get(phrase.words[0], ())
        )
    }


def _parts(name: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(name)))


def _trie(words: set[str]) -> str:
    """A regex matching exactly ``words``, longest first, factored by common prefixes."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node: dict) -> str:
        ways = [re.escape(char) + branch(child) for char, child in sorted(node.items()) if char]
        if not ways:
            return ""
        body = ways[0] if len(ways) == 1 else f"(?:{'|'.join(ways)})"
        return f"(?:{body})?" if "" in node else body

    return branch(root)


def _spellings(name: str, folded: str) -> set[str]:
    """How a text may write a capitalised one-word name, plural included."""
    forms = {name, name.upper(), folded.capitalize(), folded.upper()}
    return forms | {f"{form}{'S' if form.isupper() else 's'}" for form in forms}


def _capitalised_parts(name: str) -> frozenset[str]:
    return frozenset(fold(w) for w in _CAPITALISED.findall(name))


def _pattern(words: list[str]) -> str:
    """Alternatives matching these names as whole words in lower-case text."""
    phrases = sorted({r"[\W_]+".join(map(re.escape, _parts(w))) for w in words}, key=len)
    return "|".join(reversed(phrases))  # longest first


def compile_tagger(source: str, where: str = "countries.toml") -> CountryTagger:
    """A tagger from the text of a names file; ``CountryNamesError`` if it is unusable."""
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        raise CountryNamesError(f"{where}: {error}") from error
    sections: dict[str, tuple[list[str], list[str]]] = {}
    countries: list[Country] = []
    for code, section in data.items():
        if not isinstance(section, dict) or not all(
            isinstance(section.get(key, []), list) for key in ("words", "amounts")
        ):
            raise CountryNamesError(f"{where}: [{code}] needs lists of words")
        if code != _IGNORE:
            if not re.fullmatch(r"[A-Z]{2}", code):
                raise CountryNamesError(f"{where}: [{code}] is not a two-letter country code")
            countries.append(Country(code, str(section.get("name", code))))
        sections[code] = tuple(
            [w for w in section.get(key, []) if isinstance(w, str) and _parts(w)]
            for key in ("words", "amounts")
        )
    if not countries:
        raise CountryNamesError(f"{where}: no countries")
    ignored, _ = sections.pop(_IGNORE, ([], []))
    ignores = [Phrase(_parts(n), "", _capitalised_parts(n)) for n in ignored]
    in_ignored = {part for phrase in ignores for part in phrase.words}
    words: dict[str, str] = {}
    phrases: list[Phrase] = [p for p in ignores if p.needed]
    any_case: list[tuple[str, re.Pattern[str], str]] = []
    amounts: list[str] = []
    currency_words: set[str] = set()
    for code, (names, currencies) in sections.items():
        for name in names:
            parts, needed = _parts(name), _capitalised_parts(name)
            if not needed:  # written in lower case: any case will do
                pattern = re.compile(f"{_BEFORE}(?:{_pattern([name])}){_AFTER}")
                any_case.append((parts[0], pattern, code))
            elif len(parts) > 1:
                phrases.append(Phrase(parts, code, needed))
            elif parts[0] in in_ignored:
                shadows = tuple(i.needed for i in ignores if parts[0] in i.words)
                phrases.append(Phrase(parts, code, needed, shadows))
            else:
                words.update(dict.fromkeys(_spellings(name.strip(), parts[0]), code))
        for currency in currencies:
            parts = _parts(currency)
            if len(parts) == 1:
                currency_words.add(parts[0])
            else:  # "so'm", with whichever apostrophe the text has
                currency_words.update(f"{parts[-2][-1]}{mark}{parts[-1]}" for mark in "'’‘ʻ")
        if currencies:
            amounts.append(f"(?P<{code}>{_pattern(currencies)})")
    by_word: dict[str, list[Phrase]] = {}
    # One word per named phrase tells the text may hold it (an [ignore] phrase matters
    # only around a name): its longest, likely its rarest ("Saidov", not "Bakhtiyor").
    triggers = {max(sorted(p.needed), key=len) for p in phrases if p.code}
    phrase_words: set[str] = set()
    for name in (n for names, _ in sections.values() for n in names):
        for written in _CAPITALISED.findall(name):
            if (folded := fold(written)) in triggers:
                phrase_words.update(_spellings(written, folded))
    for phrase in phrases:
        for word in phrase.needed:
            for key in (word, word + "s"):
                by_word.setdefault(key, []).append(phrase)
    return CountryTagger(
        tuple(countries),
        words,
        {word: tuple(found) for word, found in by_word.items()},
        frozenset(phrase_words),
        tuple(any_case),
        re.compile(f"{_AMOUNT}(?:{'|'.join(amounts) or '(?!)'}){_AFTER}"),
        tuple(sorted(currency_words)),
        re.compile(f"{_trie(set(words) | phrase_words)}(?![^\\W_])"),
    )


@cache
def tagger() -> CountryTagger:
    """The tagger for the names file shipped with tca-tui, compiled once per process."""
    return compile_tagger(NAMES_FILE.read_text(encoding="utf-8"), str(NAMES_FILE))


def tag(*texts: str) -> tuple[str, ...]:
    """The countries an article mentions, from its headline and body: ("KG", "KZ")."""
    return tagger().tag(*texts)
