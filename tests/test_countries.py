"""Country sections: tagging articles with the countries they mention, stored and read."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import write_snapshot
from test_database_stress import database_at

from store.archive import Archive
from store.countries import CountryNamesError, compile_tagger, tag
from store.db import MIGRATIONS, _tag_articles_with_countries, migration_progress
from store.ingest.load import load_paths
from store.search.fuzzy import HeadlineIndex

# Written by reading each seed article (headline and body as stored), before the tagger
# was run on them: the countries a careful editor would file each one under, by the
# rule the site's sections follow (a country's name, people, places, leaders, money).
SEED_COUNTRIES: dict[str, set[str]] = {
    "U.S. Ambassador to Kazakhstan Daniel Rosenblum Resigns": {
        "KZ"
    },  # Almaty too; Korea, Azerbaijan are not ours
    "Kazakhstan’s Middle Power Strategy Captures U.S. Focus in Trump-Tokayev Talks": {"KZ"},
    "Trump’s Bid for Ukraine-Russia Peace: Could Kazakhstan Be the Key Mediator?": {"KZ"},
    # "Kyrgyz President Sadyr Japarov", "Tajik President Emomali Rahmon": demonyms and
    # leaders; the headline's "Afghan Border" is the only Afghan mention.
    "CSTO Leaders Tackle Regional Security, Nuclear Energy, and Afghan Border Concerns": {
        "KZ",
        "KG",
        "TJ",
        "AF",
    },
    "Geopolitical Posturing or Genuine Partnership? Key Takeaways from Putin’s Trip to Kazakhstan": {
        "KZ"
    },
    # "the SCO meeting in Dushanbe": Tajikistan only by its capital; "Kazakh-Afghan".
    "Kazakhstan and Taliban Afghanistan: An Overview of Relations": {"KZ", "AF", "TJ"},
    # "the Kazakh capital"; Turkish and Kurdish are not Turkmen.
    "New Fighting in Syria Throws Astana Talks Off Track": {"KZ"},
    "Kazakhstan’s Astana Forum Offers Global South a New Multi-Vector Platform": {"KZ"},
    # "the Russian House in Osh", Samarkand, Tashkent, "counterparts from ... Tajikistan".
    "Breaking Old Ties: Central Asia’s Delicate Dance Between Russia and the West": {
        "KG",
        "KZ",
        "UZ",
        "TJ",
    },
    # "the EU- Central Asia summit in Samarkand, Kazakhstan, along with Turkmenistan and
    # Uzbekistan".
    "How Tokayev’s Kazakhstan Bridges Global Powers": {"KZ", "TM", "UZ"},
    # "Turkic" again and again, and Turkmenistan only as an observer state.
    "Turkey’s Turkic Gambit: Balancing Influence in Post-Soviet States": {"KZ", "KG", "UZ", "TM"},
    "EU Sanctions Envoy’s Kazakh Visit Signals Rising Stakes": {"KZ"},
    "Kazakhstan’s High-Stakes Balancing Act in the Aktau Crash Investigation": {
        "KZ"
    },  # Azerbaijan Airlines
    "President Tokayev’s Washington Visit: Peace is Not a Bridge Too Far": {
        "KZ",
        "UZ",
    },  # "President Mirziyoyev of Uzbekistan"
    "U.S. Ambassador to Kazakhstan Highlights Cultural Diplomacy, AI, and Strategic Partnerships": {
        "KZ"
    },
    # Islamabad and Pakistan are not Afghanistan.
    "Tokayev Praises Trump’s ‘Common-Sense’ Governance, Backs U.S.-Led Peace Initiatives": {"KZ"},
    "Kazakhstan’s Foreign Minister Yermek Kosherbayev in Washington: Critical Minerals Cooperation": {
        "KZ"
    },
    # "Azerbaijan, Kazakhstan, Tajikistan, Turkmenistan, and Uzbekistan"; "Uzbekistani
    # President"; "C5+1" and "Central Asia" alone tag nothing.
    "Jackson-Vanik Repeal Gains Momentum as U.S. Courts Central Asia": {"KZ", "TJ", "TM", "UZ"},
    # Two capitals in the headline; "visited Kazakhstan and Kyrgyzstan".
    "Astana and Tashkent Engage Washington’s Central Asia Vector": {"KZ", "UZ", "KG"},
    "Diplomatic Renaissance: How Tokayev’s Visit to Mongolia Went": {
        "KZ",
        "KG",
    },  # "Askar Akayev in Kyrgyzstan"
    # "Kazan" (the Russian city) only looks like "Kazakh"; "banks in Kyrgyzstan".
    "Kazakhstan’s Strategic Stand: Navigating BRICS Amidst Geopolitical Tensions": {"KZ", "KG"},
    "Kazakhstan Decides to Abstain from Applying for BRICS Membership": {"KZ"},
    "Navigating Diplomacy: Central Asia’s Strategic Balancing Act Amid Middle East Tensions": {
        "KZ",
        "KG",
    },
    "Afghan Businesses to Hold Exhibition in Almaty": {"AF", "KZ"},
    # Possessive headline; Dushanbe; Afghanistan; "Kyrgyz President Sadyr Japarov".
    "Tajikistan’s Rahmon: No Military Solution to Palestinian Conflict": {"TJ", "AF", "KG"},
}


def test_every_seed_article_gets_the_countries_an_editor_would_give_it(archive):
    headlines = archive.headlines()
    assert {h.title for h in headlines} == set(SEED_COUNTRIES)
    tags = archive.countries_of(h.id for h in headlines)
    got = {h.title: set(tags.get(h.id, ())) for h in headlines}
    assert got == SEED_COUNTRIES


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("Tokayev’s visit", ("KZ",)),  # a leader, possessive with a typographic apostrophe
        ("Mirziyoyev's reforms", ("UZ",)),
        ("A Kazakh-Chinese pipeline", ("KZ",)),  # hyphenated compound
        ("Uzbeks and Tajiks", ("TJ", "UZ")),  # plural demonyms, in the file's order
        ("Kyrgyzstani migrants", ("KG",)),
        ("Flights from Osh resume", ("KG",)),  # a city
        ("A festival in Oshkosh, Wisconsin", ()),  # a word that only looks like that city
        ("Talks in Kazan", ()),  # a Russian city, not "Kazakh"
        ("Turkic states and Turkish firms", ()),  # not Turkmen
        ("TÜRKMENBAŞY port expands", ("TM",)),  # capitals and accents
        ("Türkmenbasy, half accented", ("TM",)),
        ("KAZAKHSTAN’S EXPORTS", ("KZ",)),
        ("McOsh and the Oshs", ("KG",)),  # inside a word no; a plural yes
        ("The TENGE and the tenge", ("KZ",)),  # a currency: any case
        ("Samarqand and Nukus in Karakalpakstan", ("UZ",)),
        ("The Taliban said", ("AF",)),  # Afghanistan's rulers
        ("The Pakistani Taliban claimed it", ()),
        ("Water in the Fergana Valley", ()),  # shared
        ("The Fergana region's governor", ("UZ",)),
        ("Central Asia, the Caspian and the Aral Sea at the C5+1", ()),  # shared: nothing
        ("The sum of all fears", ()),  # the English word
        ("It cost 2 billion sum", ("UZ",)),  # the currency, after an amount
        ("Prices rose to 1,000 soms", ("KG",)),
        ("Paid in tenge", ("KZ",)),
        ("A 5 manat fee", ()),  # Turkmen and Azerbaijani alike
        ("Issyk Kul and Issyk-Kul", ("KG",)),
        ("Gorno-Badakhshan", ("TJ",)),
        ("Badakhshan", ()),  # Tajik and Afghan
        # Case. Capitals and possessives in capitals, as headlines print them:
        ("KAZAKHSTAN RAISES RATES", ("KZ",)),
        ("TOKAYEV'S VISIT", ("KZ",)),
        ("KYRGYZ-UZBEK BORDER TALKS", ("KG", "UZ")),
        # A text written all in lower case writes names so too:
        ("kazakhstan raises rates", ("KZ",)),
        ("tokayev’s visit to bishkek", ("KZ", "KG")),
        ("kyrgyz-uzbek border talks", ("KG", "UZ")),
        ("flights to issyk-kul and issyk kul", ("KG",)),
        ("türkmenistan and türkmenbasy", ("TM",)),  # accents, half accented
        ("uzbeks and kazakhs", ("KZ", "UZ")),
        # ... but there some words are not names: the dish, the blanket, "accepted".
        ("how to cook osh", ()),
        ("an afghan on the sofa, kabul edildi", ()),
        ("the pakistani taliban claimed it", ()),  # lower-case Taliban counts nowhere
        # Addresses, hashtags and handles are written in lower case:
        ("More at timesca.com/kazakhstan-oil-exports", ("KZ",)),
        ("Follow #almaty and @tokayev_kz", ("KZ",)),
        ("Write to press@mfa.tj or see www.akorda.kz", ("KZ",)),  # "tj" is no name
        ("Recipes tagged #osh and #plov", ()),
        ("Photos: #kabul", ()),
        # In capitalised prose a lower-case word is an ordinary word, not a name.
        ("Prices in the bazaar, said a trader from tashkent", ()),
        ("Speeds of 90 km/h and/or more", ()),
        # The country's own name in its Latin alphabet (with ʻ, U+02BB).
        ("Oʻzbekiston Respublikasi", ("UZ",)),
        ("OʻZBEKISTON", ("UZ",)),
    ],
)
def test_tricky_names(text, countries):
    assert tag(text) == countries


def test_headline_and_body_both_count():
    assert tag("Rail Link Opens", "Trains now run from Termez to Mazar-i-Sharif.") == ("UZ", "AF")


def test_an_unusable_names_file_is_refused_with_its_name():
    with pytest.raises(CountryNamesError, match=r"^names\.toml: "):
        compile_tagger("[KZ\nwords = 1", "names.toml")
    with pytest.raises(CountryNamesError, match="not a two-letter country code"):
        compile_tagger('[Kazakhstan]\nwords = ["Astana"]', "names.toml")


def test_the_names_file_is_easy_to_extend():
    tagger = compile_tagger('[MN]\nname = "Mongolia"\nwords = ["Mongolia", "Ulaanbaatar"]')
    assert tagger.tag("A visit to Ulaanbaatar") == ("MN",)
    assert tagger.code_for("mongolia") == "MN"


def test_a_name_can_be_kept_to_capitals():
    source = '[MN]\nname = "Mongolia"\nwords = ["Mongolia", "Erdenet"]\n'
    assert compile_tagger(source).tag("a trip to erdenet") == ("MN",)
    kept = compile_tagger(source + 'capitalised_only = ["Erdenet"]')
    assert kept.tag("a trip to erdenet") == ()
    assert kept.tag("A trip to Erdenet, ERDENET") == ("MN",)
    assert kept.tag("a trip to mongolia") == ("MN",)


def test_a_names_file_of_lower_case_words_only_still_tags():
    tagger = compile_tagger('[MN]\nname = "Mongolia"\nwords = ["tugrik"]')
    assert tagger.tag("Paid 10 tugrik, see a/b", "#tags and @handles") == ("MN",)
    assert tagger.tag("all in lower case", "see www.example.mn") == ()


def test_keeping_a_word_that_is_not_listed_to_capitals_is_refused():
    with pytest.raises(
        CountryNamesError, match=r"^names\.toml: \[MN\] capitalised_only names 'Erdenet'"
    ):
        compile_tagger('[MN]\nwords = ["Mongolia"]\ncapitalised_only = ["Erdenet"]', "names.toml")


# --- stored with the articles ------------------------------------------------------------


def tag_rows(path: Path) -> list[tuple[int, str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT article_id, country FROM article_countries ORDER BY 1, 2"
        ).fetchall()
    finally:
        conn.close()


def test_reloading_never_duplicates_tags(seeded_db, seeds_dir):
    before = tag_rows(seeded_db)
    assert len(before) == sum(map(len, SEED_COUNTRIES.values()))
    load_paths(seeded_db, [seeds_dir])
    assert tag_rows(seeded_db) == before


def test_an_article_whose_longer_text_arrives_later_is_tagged_again(tmp_path):
    db = tmp_path / "t.db"
    short = "01 March 2025\n\nSteppe Railway Opens to Freight\n\nThe line opened on Monday and...\n"
    full = (
        "02 March 2025\n\nSteppe Railway Opens to Freight\n\n"
        "The line opened on Monday and carries grain from Bishkek to Termez.\n"
    )
    load_paths(db, [write_snapshot(tmp_path, "a.txt", short)])
    archive = Archive(db)
    (headline,) = archive.headlines()
    assert archive.article(headline.id).countries == ()
    load_paths(db, [write_snapshot(tmp_path, "b.txt", full)])
    assert archive.article(headline.id).countries == ("KG", "UZ")


def test_the_migration_tags_an_existing_archive(seeded_template, tmp_path):
    before_tags = MIGRATIONS.index(_tag_articles_with_countries)
    old = database_at(before_tags, tmp_path / "old.db", data_from=seeded_template)
    reports: list[tuple[int, int]] = []
    token = migration_progress.set(lambda done, total: reports.append((done, total)))
    try:
        archive = Archive(old)  # migrates
    finally:
        migration_progress.reset(token)
    headlines = archive.headlines()
    tags = archive.countries_of(h.id for h in headlines)
    assert {h.title: set(tags.get(h.id, ())) for h in headlines} == SEED_COUNTRIES
    assert reports and reports[-1] == (25, 25)
    archive.close()


def test_an_untagged_read_only_archive_has_no_countries_but_opens(seeded_template, tmp_path):
    before_tags = MIGRATIONS.index(_tag_articles_with_countries)
    old = database_at(before_tags, tmp_path / "old.db", data_from=seeded_template)
    archive = Archive(old, readonly=True)
    assert archive.country_counts() == {}
    assert archive.articles_in_country("KZ", 10) == []
    assert archive.article(1).countries == ()
    archive.close()


# --- read back -----------------------------------------------------------------------------


def expected_ids(archive: Archive, code: str) -> set[int]:
    return {h.id for h in archive.headlines() if code in SEED_COUNTRIES[h.title]}


def test_counts_per_country(archive):
    counts = archive.country_counts()
    assert counts == {
        code: sum(code in tags for tags in SEED_COUNTRIES.values())
        for code in ("KZ", "KG", "TJ", "TM", "UZ", "AF")
    }
    assert list(counts) == ["KZ", "KG", "TJ", "TM", "UZ", "AF"]  # the site's order


def test_a_countrys_articles_newest_first(archive):
    found = archive.articles_in_country("TJ", 50)
    assert {a.id for a in found} == expected_ids(archive, "TJ")
    # The newest snapshot (20 February 2026) has one of them, the one before (15 May 2025)
    # another.
    assert [a.title.split(":")[0] for a in found[:2]] == [
        "Jackson-Vanik Repeal Gains Momentum as U.S. Courts Central Asia",
        "Breaking Old Ties",
    ]
    assert all("TJ" in a.countries for a in found)
    assert len(archive.articles_in_country("KZ", 3)) == 3


def test_full_text_search_within_a_country(archive):
    everywhere = {h.article_id for h in archive.search_bodies("president")}
    in_tajikistan = {h.article_id for h in archive.search_bodies("president", country="TJ")}
    assert in_tajikistan == everywhere & expected_ids(archive, "TJ")
    assert in_tajikistan and in_tajikistan != everywhere


def test_headline_search_within_a_country(archive):
    index = HeadlineIndex.for_archive(archive)
    only = index.mask_of(archive.article_ids_in_country("KG"))
    result = index.search("central asia", only=only)
    assert result.searched == len(expected_ids(archive, "KG"))
    assert {m.article_id for m in result.matches} == {
        m.article_id for m in index.search("central asia").matches
    } & expected_ids(archive, "KG")
    assert result.matches
