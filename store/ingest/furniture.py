"""The site's own conventions for what is not article text: bylines, teaser endings and
page furniture, as timesca.com printed them in each era (see tests/real_pages/).

Pure functions on single lines or blocks; ``store.ingest.parse`` decides what to do with them.
Every pattern is anchored and has no nested repetition, so each test is linear.
"""

from __future__ import annotations

import re

# "  • Written by TCA" (Joomla lists, 2015-2020): a ticker-like bullet, then the byline.
_WRITTEN_BY = re.compile(r"^(?:[•·*]\s*)?Written by\s+(?P<name>\S.{0,150})$")
# Bylines that name the house rather than a writer: recognised, but no author.
_HOUSE = frozenset(
    name.casefold() for name in ("TCA", "Times of Central Asia", "The Times of Central Asia")
)
# Teaser endings, as a paragraph of their own or at the end of one.
_REGISTER = re.compile(r"^Register to read more\s*(?:\.\.\.|…)?$", re.IGNORECASE)
_READ_MORE_LINE = re.compile(r"^Read more:\s*\S.{0,300}$")  # "Read more: <the headline again>"
_TAIL_ENDINGS = ("READ MORE:", "Continue reading")
# "Our People > Jonathan Campion": the head of an author page.
_AUTHOR_PAGE = re.compile(r"^Our People\s*>\s*(?P<name>\S.{0,100})$")
# "View more articles fromSvante E. Cornell": the site printed no space before the name.
_VIEW_MORE = re.compile(r"^View more articles from\s*(?P<name>\S.{0,100})$")
# A name alone, as author boxes print it: two to four capitalised words, no digits.
_BARE_NAME = re.compile(r"^[A-Z][\w’'.-]+(?: (?:[A-Z][\w’'.-]+|van|der|de|von|al|el)){1,3}$")
# "BISHKEK (TCA) — ", "ALMATY, Kazakhstan (TCA) — ": the dateline that opens a TCA story.
_DATELINE = re.compile(r"^[A-Z][\w .,’'-]{1,60}\(TCA\)\s*[—–-]")
# "Dec 17 — “...": how a weekly digest entry's quote opens.
_DIGEST_DATE = re.compile(
    r"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.? \d{1,2} [—–-] "
)
_CAPTION_CREDIT = re.compile(r"\((?:[^()]{0,80} )?photo\)$", re.IGNORECASE)
_ROLE_AND_NAME = re.compile(
    r"^(?:Former )?(?:President|Prime Minister|Foreign Minister|Minister|Ambassador|Chairman"
    r"|Speaker|Mayor|Governor|Secretary[- ]General|King|Emir)"
    r"(?: of (?:the )?[A-Z][\w’'-]+){1,2}(?: [A-Z][\w’'.-]+){2,4}$"
)
JUNK_MIN_WORDS = 4
MAX_CAPTION_CHARS = 400
_SENTENCE_ENDS = (".", "!", "?", "…")
_CLOSERS = "\"”’')]»*"


def byline(line: str) -> tuple[bool, str | None]:
    """(is a byline, the author it names or None): "Written by X", or the house's name."""
    if line.casefold() in _HOUSE:
        return True, None
    if m := _WRITTEN_BY.match(line):
        name = m["name"].strip()
        return True, None if name.casefold() in _HOUSE else name
    return False, None


def is_teaser_line(line: str) -> bool:
    """A line of its own that ends a teaser: "Register to read more ...", "Read more:
    <the headline again>", "Continue reading", "READ MORE:"."""
    return line in _TAIL_ENDINGS or bool(_REGISTER.match(line)) or bool(_READ_MORE_LINE.match(line))


def strip_tail_ending(text: str) -> tuple[str, bool]:
    """``text`` without a closing "READ MORE:" or "Continue reading", and whether it had one."""
    for ending in _TAIL_ENDINGS:
        if text.endswith(ending):
            return text[: -len(ending)].rstrip(), True
    return text, False


def author_page(line: str) -> str | None:
    """The author an author page is about ("Our People > X"), or None."""
    m = _AUTHOR_PAGE.match(line)
    return m["name"].strip() if m else None


def is_divider(line: str) -> bool:
    return line.casefold() == "divider"


def is_view_more(line: str) -> bool:
    return bool(_VIEW_MORE.match(line))


def view_more_name(line: str) -> str | None:
    """The writer a "View more articles from X" line names, or None."""
    m = _VIEW_MORE.match(line)
    return m["name"].strip() if m else None


def is_junk(text: str) -> bool:
    """A run of lower-case words and nothing else, such as the spam line Joomla-era pages
    open with ("astropay bozdurma paysafe ..."): no headline or story is written so."""
    words = text.split(" ")
    return len(words) >= JUNK_MIN_WORDS and all(w.isalpha() and w.islower() for w in words)


def is_bare_name(text: str) -> bool:
    return len(text) <= 60 and bool(_BARE_NAME.match(text))


def starts_bio(name: str, text: str) -> bool:
    """Whether ``text`` reads as a biography of ``name`` ("Sergey Kwan has worked...")."""
    # The whole name: a headline such as "Nauryz Celebrations" over "Celebrations took
    # place ..." is no author box.
    return text.startswith(name + " ")


def is_dateline(text: str) -> bool:
    return bool(_DATELINE.match(text[:80]))


def is_digest_quote(text: str) -> bool:
    return bool(_DIGEST_DATE.match(text[:20]))


def is_photo_credit(text: str) -> bool:
    """A caption ending in its credit: "... (Economy Ministry photo)"."""
    # 2016 captions name everyone in the picture and what they do: 220 characters and more
    # (tests/real_pages/wp2016_photo_credit.txt).
    return len(text) <= MAX_CAPTION_CHARS and bool(_CAPTION_CREDIT.search(text))


def is_role_and_name(text: str) -> bool:
    """A title and a name with nothing said of them ("President of Turkey Recep Tayyip
    Erdoğan"): a caption where a body is due, though title-cased like a headline."""
    return len(text) <= 120 and bool(_ROLE_AND_NAME.match(text))


def ends_complete(text: str) -> bool:
    """Whether a body's last paragraph ends a sentence (else the page cut it off)."""
    return text.rstrip(_CLOSERS).endswith(_SENTENCE_ENDS) or text.endswith(_SENTENCE_ENDS)
