"""Which of the site's countries an article mentions: its country sections.

The names are data (``countries.toml`` beside this module, reviewed by hand), compiled
once into a dictionary of words. Names are proper nouns, so an article is tagged from
its capitalised words (a C-speed regex finds them; "Kazakhstan" and "KAZAKHSTAN" alike)
against that dictionary in one set intersection: a fifth of the words, and a third of
the time, of splitting the whole text. Names written in lower case in the file
(currencies: "tenge") count in any case; currencies that are also English words ("som",
"sum") only after an amount. The other names count in lower case only where a text
writes in lower case: in the words of it that are addresses or tags (found by
``str.find``: most texts have none) and in a headline or body with no capital; a
section's ``capitalised_only`` names never do. Names of several words are looked at in
place only when all their capitalised words are there. Folding is the full-text search's
(:func:`store.search.snippets.fold`: case and accents), so "TÜRKMENBAŞY" is "Turkmenbasy".
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from store.search.snippets import fold

NAMES_FILE = Path(__file__).with_name("countries.toml")
_IGNORE = "ignore"
_LISTS = ("words", "amounts", "capitalised_only")
_KEPT = ("capitalised_only", "words")
_ADDRESS_MARKS = ("/", "@", "#", "_", "www.")
_UNSPACED = re.compile(r"\S*")
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
    # Names as lower-case writing has them ("kazakhstan", "issyk-kul") -> code, and the
    # two places they count: in an address or a tag (a word with a mark of one), at its
    # start or after one of its marks; anywhere in a part with no capital at all.
    lower_names: dict[str, str]
    lower_in_address: re.Pattern[str]
    lower_anywhere: re.Pattern[str]

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
        for address in _addresses(text):
            found.update(
                self.lower_names[m["name"]] for m in self.lower_in_address.finditer(address)
            )
        for part in texts:
            if part.islower():  # a cased letter, and none a capital
                folded = part if part.isascii() else fold(part)  # "türkmenistan"
                found.update(
                    self.lower_names[m["name"]] for m in self.lower_anywhere.finditer(folded)
                )
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


def _addresses(text: str) -> Iterator[str]:
    """The words of ``text`` that are web or mail addresses, hashtags or handles: those
    with a "/", "@", "#", "_" or "www." in them. (Found by ``str.find``, many times faster
    than a regex scan, since most texts have none.)"""
    for mark in _ADDRESS_MARKS:
        at = text.find(mark)
        while at >= 0:
            start = max(text.rfind(" ", 0, at), text.rfind("\n", 0, at)) + 1
            end = _UNSPACED.match(text, at).end()
            yield text[start:end]
            at = text.find(mark, end)


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


def _lower_spellings(name: str, folded_parts: tuple[str, ...]) -> set[str]:
    """How lower-case writing has a name: as written, and unaccented; the parts of a
    phrase joined by a hyphen or a space ("issyk-kul", "issyk kul")."""
    written = tuple(_WORD.findall(name.lower()))
    return {sep.join(parts) for parts in (written, folded_parts) for sep in ("-", " ")}


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
            isinstance(section.get(key, []), list) for key in _LISTS
        ):
            raise CountryNamesError(f"{where}: [{code}] needs lists of words")
        kept, listed = ({w for w in section.get(k, []) if isinstance(w, str)} for k in _KEPT)
        if unknown := kept - listed:
            raise CountryNamesError(
                f"{where}: [{code}] capitalised_only names {sorted(unknown)[0]!r},"
                " which is not one of its words"
            )
        if code != _IGNORE:
            if not re.fullmatch(r"[A-Z]{2}", code):
                raise CountryNamesError(f"{where}: [{code}] is not a two-letter country code")
            countries.append(Country(code, str(section.get("name", code))))
        sections[code] = tuple(
            [w for w in section.get(key, []) if isinstance(w, str) and _parts(w)] for key in _LISTS
        )
    if not countries:
        raise CountryNamesError(f"{where}: no countries")
    ignored, _, _ = sections.pop(_IGNORE, ([], [], []))
    ignores = [Phrase(_parts(n), "", _capitalised_parts(n)) for n in ignored]
    in_ignored = {part for phrase in ignores for part in phrase.words}
    words: dict[str, str] = {}
    phrases: list[Phrase] = [p for p in ignores if p.needed]
    any_case: list[tuple[str, re.Pattern[str], str]] = []
    amounts: list[str] = []
    currency_words: set[str] = set()
    lower_names: dict[str, str] = {}
    for code, (names, currencies, capitalised_only) in sections.items():
        for name in names:
            parts, needed = _parts(name), _capitalised_parts(name)
            if needed and name not in capitalised_only and not in_ignored & set(parts):
                lower_names.update(dict.fromkeys(_lower_spellings(name, parts), code))
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
    for name in (n for names, _, _ in sections.values() for n in names):
        for written in _CAPITALISED.findall(name):
            if (folded := fold(written)) in triggers:
                phrase_words.update(_spellings(written, folded))
    for phrase in phrases:
        for word in phrase.needed:
            for key in (word, word + "s"):
                by_word.setdefault(key, []).append(phrase)
    lower_trie = _trie(set(lower_names)) or "(?!)"  # no such names: matches nothing
    return CountryTagger(
        tuple(countries),
        words,
        {word: tuple(found) for word, found in by_word.items()},
        frozenset(phrase_words),
        tuple(any_case),
        re.compile(f"{_AMOUNT}(?:{'|'.join(amounts) or '(?!)'}){_AFTER}"),
        tuple(sorted(currency_words)),
        re.compile(f"{_trie(set(words) | phrase_words)}(?![^\\W_])"),
        lower_names,
        re.compile(f"(?<![^/.@#_-])(?P<name>{lower_trie}){_AFTER}"),
        re.compile(f"{_BEFORE}(?P<name>{lower_trie}){_AFTER}"),
    )


@cache
def tagger() -> CountryTagger:
    """The tagger for the names file shipped with tca-tui, compiled once per process."""
    return compile_tagger(NAMES_FILE.read_text(encoding="utf-8"), str(NAMES_FILE))


def tag(*texts: str) -> tuple[str, ...]:
    """The countries an article mentions, from its headline and body: ("KG", "KZ")."""
    return tagger().tag(*texts)
