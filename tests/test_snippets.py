"""Snippets of full-text hits: the words found, in context, set apart."""

from __future__ import annotations

from store.search.snippets import ELLIPSIS, cut_snippet, query_terms

TEXT = (
    "Kazakhstan’s President met his Uzbek counterpart in Tashkent on Monday.\n\n"
    "The two leaders signed a pact on critical minerals, including uranium and "
    "rare earths, and discussed the Türkiye corridor for exports to Europe."
)


def shown(spans) -> str:
    return "".join(f"[{text}]" if found else text for text, found in spans)


def test_the_words_found_are_set_apart_in_their_context():
    spans = cut_snippet(TEXT, query_terms(["uranium", "minerals"], last_is_prefix=False), width=8)
    # Two words lead up to the first word found.
    assert (
        shown(spans)
        == f"{ELLIPSIS}on critical [minerals], including [uranium] and rare earths{ELLIPSIS}"
    )


def test_the_last_word_may_be_the_start_of_one():
    spans = cut_snippet(TEXT, query_terms(["rare", "ear"], last_is_prefix=True), width=6)
    assert "[rare] [earths]" in shown(spans)
    assert "[ear" not in shown(cut_snippet(TEXT, query_terms(["ear"], last_is_prefix=False)))


def test_case_and_accents_do_not_matter():
    spans = cut_snippet(TEXT, query_terms(["TURKIYE"], last_is_prefix=False), width=5)
    assert "[Türkiye]" in shown(spans)


def test_paragraph_breaks_read_as_spaces():
    spans = cut_snippet(TEXT, query_terms(["monday"], last_is_prefix=False), width=4)
    assert shown(spans) == f"{ELLIPSIS}Tashkent on [Monday]. The{ELLIPSIS}"


def test_without_the_words_the_text_starts_the_snippet():
    # A hit by its headline alone: the snippet is the start of its text.
    spans = cut_snippet(TEXT, query_terms(["astana"], last_is_prefix=False), width=4)
    assert shown(spans) == f"Kazakhstan’s President met{ELLIPSIS}"  # ’s is a word of its own
    assert cut_snippet("", query_terms(["astana"], last_is_prefix=False)) == ()


def test_a_short_text_is_shown_whole():
    spans = cut_snippet("Grain exports rise.", query_terms(["grain"], last_is_prefix=True))
    assert shown(spans) == "[Grain] exports rise."


def test_the_snippet_is_where_most_of_the_words_are():
    text = (
        "Uranium output fell. "
        + "Filler words go on here. " * 6
        + "Uranium and minerals pact signed."
    )
    spans = cut_snippet(text, query_terms(["uranium", "pact"], last_is_prefix=False), width=6)
    assert "[Uranium] and minerals [pact]" in shown(spans)
