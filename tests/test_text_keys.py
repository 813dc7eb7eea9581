"""Comparison keys decide which stored article a loaded one is, and a title's key names
an article in every reader's state (store/reading.py): they must never change, however
they are computed. Each is checked here against its first, plainly written definition.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from store.text import body_key, comparison_key, title_key

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\xa0": " "})


def reference_comparison_key(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return re.sub(r"\s+", " ", folded).strip()


def reference_body_key(body: str) -> str:
    return re.sub(r"(?:\.\.\.|…)\s*$", "", reference_comparison_key(body)).rstrip()


def reference_title_key(title: str) -> str:
    key = reference_comparison_key(title).encode("utf-8")
    return hashlib.blake2b(key, digest_size=12).hexdigest()


# Text rich in what the keys fold: typography, spacing of every kind, ellipses, case.
TRICKY = st.text(
    st.sampled_from(list("aZ .…’‘“”–—\xa0\t\n\r\x0b\x1c\u2028\u3000ﬁÅÉßİΣς'\"-Ka")), max_size=40
)
TEXT = st.one_of(TRICKY, st.text(max_size=40))


@settings(max_examples=500, deadline=None)
@given(TEXT)
@example("Tokayev’s “Middle Power” — visit\xa0to  Almaty ...")
@example("Steppe Railway… ")
@example("ends with.... and …...")
@example("a ...…")
@example("b …... ")
@example(" ...\n")
def test_keys_are_those_of_the_plain_definitions(text: str) -> None:
    assert comparison_key(text) == reference_comparison_key(text)
    assert body_key(text) == reference_body_key(text)
    assert title_key(text) == reference_title_key(text)


def test_a_known_title_keeps_its_key() -> None:
    """The key readers' saved state refers to, spelled out once."""
    assert title_key("Tokayev’s  Visit") == title_key("tokayev's visit")
    assert title_key("Tokayev’s Visit") == "a70b3ca63eaa40a064133b00"
