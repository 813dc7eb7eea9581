"""Which of the site's countries an article mentions: its country sections.

The names are data (``countries.toml`` beside this module, reviewed by hand), compiled
once into a dictionary of words, so an article is tagged in one pass over its folded
words (a set intersection at C speed; the few names of several words are looked at only
when all their words are there). Folding is the full-text search's
(:func:`store.snippets.fold`: case and accents), so "TÜRKMENBAŞY" and "Turkmenbashy"
are the same word here as there.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .snippets import fold

NAMES_FILE = Path(__file__).with_name("countries.toml")
_IGNORE = "ignore"
_AMOUNT_WORDS = frozenset(["thousand", "million", "billion", "trillion", "mln", "bn"])
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Country:
    code: str  # "KZ"
    name: str  # "Kazakhstan"


class CountryNamesError(ValueError):
    """The names file cannot be used; the message names the file and what is wrong."""


@dataclass(frozen=True, slots=True)
class Phrase:
    """A name that a set of words cannot decide: several words, a currency that needs a
    number before it, or a word that an [ignore] phrase contains."""

    words: tuple[str, ...]  # folded
    code: str  # "" for an [ignore] phrase
    after_amount: bool = False

    def starts_at(self, tokens: list[str], at: int) -> bool:
        end = at + len(self.words)
        if end > len(tokens) or tokens[at:end - 1] != list(self.words[:-1]):
            return False
        last = tokens[end - 1]
        if last != self.words[-1] and last != self.words[-1] + "s":
            return False
        if self.after_amount:
            before = tokens[at - 1] if at else ""
            return before.isdigit() or before in _AMOUNT_WORDS
        return True


@dataclass(frozen=True, slots=True)
class CountryTagger:
    """Tags text in one pass over its words: their set against the one-word names.

    Only when every word of a :class:`Phrase` is in the text (rarely) are the words'
    places looked at too.
    """

    countries: tuple[Country, ...]  # in the file's order: the order tags are shown in
    words: dict[str, str]  # folded one-word name (and its plural) -> code
    # Each phrase with the words it needs but its last, and its last (which may be plural).
    phrases: tuple[tuple[frozenset[str], str, Phrase], ...]

    def tag(self, *texts: str) -> tuple[str, ...]:
        """The codes of the countries ``texts`` mention, in ``countries`` order."""
        text = "\n".join(texts)
        text = text.lower() if text.isascii() else fold(text)
        tokens = _WORD.findall(text)
        present = set(tokens)
        found = {self.words[w] for w in present & self.words.keys()}
        candidates = [
            phrase
            for needed, last, phrase in self.phrases
            if needed <= present and (last in present or last + "s" in present)
        ]
        if candidates:
            found.update(self._phrase_codes(tokens, candidates))
        return tuple(c.code for c in self.countries if c.code in found)

    def _phrase_codes(self, tokens: list[str], phrases: list[Phrase]) -> set[str]:
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


def _parts(name: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(name)))


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
    phrases = [Phrase(_parts(name), "") for name in ignored]
    in_ignored = {part for phrase in phrases for part in phrase.words}
    words: dict[str, str] = {}
    for code, (names, amounts) in sections.items():
        for name in names:
            parts = _parts(name)
            if len(parts) == 1 and parts[0] not in in_ignored:
                words[parts[0]] = words[parts[0] + "s"] = code
            else:
                phrases.append(Phrase(parts, code))
        phrases.extend(Phrase(_parts(amount), code, after_amount=True) for amount in amounts)
    return CountryTagger(
        tuple(countries),
        words,
        tuple((frozenset(p.words[:-1]), p.words[-1], p) for p in phrases),
    )


@cache
def tagger() -> CountryTagger:
    """The tagger for the names file shipped with tca-tui, compiled once per process."""
    return compile_tagger(NAMES_FILE.read_text(encoding="utf-8"), str(NAMES_FILE))


def tag(*texts: str) -> tuple[str, ...]:
    """The countries an article mentions, from its headline and body: ("KG", "KZ")."""
    return tagger().tag(*texts)
