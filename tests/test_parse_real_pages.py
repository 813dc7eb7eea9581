"""Real timesca.com pages from every era of the site (tests/real_pages/, where each came
from is listed in its README): what a careful reader sees on each, article by article.

Each page lists its stories in order, headlines whole, each marked an excerpt or whole and
with the author the page names; page furniture is dropped with a note naming its line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from store.ingest.parse import parse_snapshot
from store.text import decode_snapshot

PAGES_DIR = Path(__file__).parent / "real_pages"
EXCERPT, WHOLE = True, False


@dataclass(frozen=True)
class Page:
    name: str
    address: str  # where the stored copy was captured from
    articles: list[tuple[str, bool, str | None]]  # headline, is an excerpt, author
    dropped: list[str]  # the notes, without their line numbers

    def parse(self):
        text, notes = decode_snapshot((PAGES_DIR / self.name).read_bytes())
        assert notes == []
        return parse_snapshot(text)


PAGES = [
    Page(
        "author_campion_2024.txt",
        "https://timesca.com/author/jonathan-campion",
        [
            (
                "SCO Summit: Eurasian Alliance Signs Security Agreements; Welcomes Belarus",
                EXCERPT,
                "Jonathan Campion",
            ),
        ],
        dropped=["the head of Jonathan Campion's author page, dropped"],
    ),
    Page(
        "author_campion_page2.txt",
        "https://timesca.com/our-people/jonathan-campion/page/2",
        [
            (
                "Tokayev Backs Azerbaijan to Join Central Asia-U.S. Summit",
                EXCERPT,
                "Jonathan Campion",
            ),
        ],
        dropped=["the head of Jonathan Campion's author page, dropped"],
    ),
    Page(
        "author_campion_page4.txt",
        "https://timesca.com/our-people/jonathan-campion/page/4",
        [
            (
                "U.S.–Turkmenistan Rapprochement: Energy, Neutrality, and Digital Geopolitics",
                EXCERPT,
                "Jonathan Campion",
            ),
        ],
        dropped=["the head of Jonathan Campion's author page, dropped"],
    ),
    Page(
        "author_kwan.txt",
        "https://timesca.com/our-people/sergey-kwan",
        [
            (
                "Kazakhstan Launches High-Resolution Weather Forecast Powered by Supercomputer",
                EXCERPT,
                "Sergey Kwan",
            ),
        ],
        dropped=["the head of Sergey Kwan's author page, dropped"],
    ),
    Page(
        "category_floods.txt",
        "https://timesca.com/category/kazakhstan/page/201/",
        [
            (
                "“This Disaster Has Shown We Are All United”: An Interview with Zakirzhan Kharisovich, Deputy of Petropavlovsk, about the Kazakh Floods",
                EXCERPT,
                None,
            ),
        ],
        dropped=[],
    ),
    Page(
        "category_talgar.txt",
        "https://timesca.com/category/kazakhstan/page/171",
        [
            ("Open Wounds: Why a Murder Trial in Talgar Has Gripped Kazakhstan", EXCERPT, None),
        ],
        dropped=[],
    ),
    Page(
        "digest_104.txt",
        "https://timesca.com/index.php/news/20638-weekly-digest-of-central-asia-104",
        [
            ("Oil-rich Kazakhstan’s green transition", EXCERPT, None),
            ("Book Review | A long-awaited account of Kazakhstan’s famine", EXCERPT, None),
        ],
        dropped=["a line with no capital letter, dropped", "a preamble with no headline, dropped"],
    ),
    Page(
        "digest_141.txt",
        "https://www.timesca.com/index.php/news/21579-weekly-digest-of-central-asia-141",
        [
            ("How Many Humps on a Camel? In Kazakhstan, It’s Complicated", EXCERPT, None),
            ("Kazakhstan’s new president vows to pursue controlled democratisation", EXCERPT, None),
        ],
        dropped=["a line with no capital letter, dropped", "a preamble with no headline, dropped"],
    ),
    Page(
        "joomla_2015_register.txt",
        "http://timesca.com/index.php/news?start=4775",
        [
            (
                "Dwindling oil revenue may help boost Kazakhstan manufacturing",
                EXCERPT,
                "Charles van der Leeuw",
            ),
            (
                "Turkey’s foreign policy in continuous evolution between Europe and China",
                EXCERPT,
                "Giorgio Fiacconi, TCA publisher",
            ),
            (
                "Central Asia main events in 2014 and their consequences in 2015",
                EXCERPT,
                "Giorgio Fiacconi, TCA publisher",
            ),
            (
                "Combating corruption in Kazakhstan, Kyrgyzstan needs a change of mentality",
                EXCERPT,
                "Douglas Green",
            ),
        ],
        dropped=["a line with no capital letter, dropped"],
    ),
    Page(
        "joomla_2018_read_more.txt",
        "https://timesca.com/index.php/news",
        [
            (
                "Kyrgyzstan: President visits new oil and garlic processing facility in Uzgen",
                EXCERPT,
                None,
            ),
            ("Kazakhstan’s economic growth at 4% in 7 months of 2018", EXCERPT, None),
            (
                "Tajikistan lets activists' families reunite, but human rights crisis continues — HRW",
                EXCERPT,
                None,
            ),
            ("ADB to provide over $300 million to Tajikistan in 2019–2021", EXCERPT, None),
        ],
        dropped=["a line with no capital letter, dropped"],
    ),
    Page(
        "joomla_2019_gazprom.txt",
        "https://www.timesca.com/index.php/news",
        [
            (
                "Gazprom resumes imports from Turkmenistan after a long halt",
                EXCERPT,
                "Vladimir Socor",
            ),
            ("Kazakhstan: Foreign journalists visit Altynkol station, Khorgos SEZ", EXCERPT, None),
            (
                "OSCE-supported Customs Training Centre in Kyrgyzstan gets new int’l status",
                EXCERPT,
                None,
            ),
            (
                "Peace talks with Afghan Taliban and its implications for Pakistan",
                EXCERPT,
                "Farhan Zahid",
            ),
        ],
        dropped=["a line with no capital letter, dropped"],
    ),
    Page(
        "joomla_2019_mothers.txt",
        "https://www.timesca.com/index.php/news?start=25",
        [
            (
                "Kazakhstan: Mothers' press conference disrupted in Almaty ahead of snap presidential elections",
                EXCERPT,
                None,
            ),
            ("Kazakhstan digitalizing the market of tourist services", EXCERPT, None),
            (
                "EEU member countries, China agree on cooperation in the movement of goods",
                EXCERPT,
                None,
            ),
            (
                "Tajikistan and Iran resume air communication as bilateral ties improve",
                EXCERPT,
                None,
            ),
        ],
        dropped=["a line with no capital letter, dropped"],
    ),
    Page(
        "joomla_2020_digest_in_list.txt",
        "https://www.timesca.com/index.php/news",
        [
            ("Weekly Digest of Central Asia", WHOLE, None),
            ("Kazakhstan orders state companies to sell forex revenue", EXCERPT, None),
        ],
        dropped=["a line with no capital letter, dropped"],
    ),
    Page(
        "joomla_2020_savitsky.txt",
        "https://www.timesca.com/index.php/news?start=50",
        [
            (
                "Lecture about Savitsky Museum helps to raise funds for anti-COVID-19 campaign in Uzbekistan",
                EXCERPT,
                "Zaynab Muhammad-Dost",
            ),
            ("Weekly Digest of Central Asia", WHOLE, None),
            (
                "After Nazarbaev: A Review Of Kazakh President Toqaev's Tumultuous First Year",
                EXCERPT,
                None,
            ),
        ],
        dropped=["a line with no capital letter, dropped"],
    ),
    Page(
        "joomla_mississippi.txt",
        "https://www.timesca.com/index.php/news",
        [
            ("Uzbekistan establishes cooperation with the State of Mississippi", EXCERPT, None),
            (
                "EU and Tajikistan discuss additional trade preferences for Tajik exporters",
                EXCERPT,
                None,
            ),
            (
                "Uzbekistan asks bond-buyers to be its valentine with $1 billion sale",
                EXCERPT,
                "Maximilian Hess",
            ),
            ("Weekly Digest of Central Asia", EXCERPT, None),
        ],
        dropped=["a line with no capital letter, dropped"],
    ),
    Page(
        "tag_crime_inline_continue.txt",
        "https://timesca.com/tag/crime/page/14",
        [
            ("Tajikistan parliament passes law on mass amnesty", EXCERPT, None),
            ("Son of former Kyrgyz prime minister jailed for espionage", EXCERPT, None),
            ("Kyrgyzstan: President demands Russians respect his countrymen", EXCERPT, None),
            ("EU launches new project to enhance criminal justice in Kazakhstan", EXCERPT, None),
            ("Kyrgyzstan’s border trouble between crime and economics", EXCERPT, None),
            ("Organised crime in Central Asia: Uzbekistan and Tajikistan*", EXCERPT, None),
        ],
        dropped=[],
    ),
    Page(
        "tag_russia_inline_continue.txt",
        "https://timesca.com/tag/russia/page/77/",
        [
            ("Uzbekistan and Russia sign investment deals worth $12 billion", EXCERPT, None),
            ("Tajikistan-Russia aviation dispute continues", EXCERPT, None),
            (
                "Kyrgyzstan-born man the main suspect in St. Petersburg subway bombing",
                EXCERPT,
                None,
            ),
            ("Making sense of the attack in St. Petersburg", EXCERPT, None),
            ("Russian Gazprom to sign 5-year contract for purchase of Uzbek gas", EXCERPT, None),
        ],
        dropped=[],
    ),
    Page(
        "wp2016_author_boxes.txt",
        "https://timesca.com/page/1143/?Itemid=581&catid=81%3Aenergy-oil-a-gas&id=14396%3Asangtuda-1-hpp-gets-ready-for-peak-load-during-autumn-winter-2014-2015&option=com_content&view=article",
        [
            ("Is Turkey becoming a banana republic?", EXCERPT, "Svante E. Cornell"),
            (
                "Kyrgyzstan: foreign remittance with labour migration up (part 1)",
                EXCERPT,
                None,
            ),
            (
                "Erdogan’s response to the coup: it’s what Atatürk did before him",
                EXCERPT,
                "Christopher Trinh",
            ),
        ],
        dropped=[
            "author box, dropped",
            "a photo caption standing alone, dropped",
            "author box, dropped",
        ],
    ),
    Page(
        "wp2016_continue_byline.txt",
        "https://timesca.com/page/1162/?option=com_content&view=article&id=14262%3Areport-analyzes-water-pressures-in-central-asia&catid=78&Itemid=566",
        [
            ("Kazakhstan: crisis demands snap elections", EXCERPT, None),
        ],
        dropped=[],
    ),
    Page(
        "wp2016_photo_credit.txt",
        "https://timesca.com/page/1165/?Itemid=566&catid=78&id=14303%3Aosce-assists-in-local-self-governance-reform-in-kazakhstan&option=com_content&view=article",
        [
            ("Kyrgyzstan looks to new energy sources", EXCERPT, None),
            ("A terrorism virus spreading from Asia to Western Europe", EXCERPT, None),
            ("Germany gives 54 million euros in grants to Kyrgyzstan", EXCERPT, None),
        ],
        dropped=["a photo caption standing alone, dropped"],
    ),
    Page(
        "wp2016_ticker_continue.txt",
        "https://timesca.com/page/1175/?catid=17&id=6005",
        [
            ("US government supports demographic and health survey in Tajikistan", EXCERPT, None),
            (
                "Kyrgyzstan: Parliament approves bill to strip ex-presidents’ immunity",
                EXCERPT,
                None,
            ),
        ],
        dropped=[],
    ),
]


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_each_real_page_shows_the_articles_a_reader_sees(page):
    snapshot = page.parse()
    assert [(a.title, a.truncated, a.author) for a in snapshot.articles] == page.articles
    assert [w.split(": ", 1)[1] for w in snapshot.warnings] == page.dropped
    assert all(a.paragraphs for a in snapshot.articles)


def test_every_page_in_the_folder_is_listed_with_its_address():
    assert sorted(p.name for p in PAGES_DIR.glob("*.txt")) == sorted(p.name for p in PAGES)
    readme = (PAGES_DIR / "README.md").read_text(encoding="utf-8")
    for page in PAGES:
        assert f"`{page.name}`" in readme and page.address in readme


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_bylines_and_teaser_endings_are_not_body_text(page):
    for article in page.parse().articles:
        for paragraph in article.paragraphs:
            text = paragraph.text
            assert not text.startswith(("Written by", "• Written by", "Read more:", "Register to"))
            assert not text.endswith(("Continue reading", "READ MORE:", "read more ..."))
            assert text not in ("Times of Central Asia", "divider", "Articles")


def test_a_teaser_keeps_the_story_text_before_its_ending():
    crime = next(p for p in PAGES if p.name == "tag_crime_inline_continue.txt").parse()
    assert crime.articles[0].paragraphs[0].text.endswith("Avesta news agency reported.")
    digest = next(p for p in PAGES if p.name == "digest_104.txt").parse()
    first = digest.articles[0]
    assert [p.text[:40] for p in first.paragraphs] == [
        "Kazakhstan pursues a strategy to help th",
        "Dec 17 — “Nursultan Nazarbayev has been ",
    ]
    assert first.paragraphs[1].text.endswith("“economy first and then politics”.")


def test_a_run_in_subheading_stays_inside_its_paragraph():
    (article,) = next(p for p in PAGES if p.name == "category_talgar.txt").parse().articles
    assert "Gripped Kazakhstan" in article.title
    assert (
        "law enforcement. The Talgar Tragedy While the full chronology"
        in article.paragraphs[0].text
    )


def test_the_junk_line_and_the_digest_preamble_are_noted_at_their_lines():
    warnings = next(p for p in PAGES if p.name == "digest_104.txt").parse().warnings
    assert warnings == (
        "1: a line with no capital letter, dropped",
        "3: a preamble with no headline, dropped",
    )


def test_an_author_page_head_is_dropped_and_names_the_author_of_its_articles():
    snapshot = next(p for p in PAGES if p.name == "author_kwan.txt").parse()
    titles = [a.title for a in snapshot.articles]
    assert not {
        "Our People > Sergey Kwan",
        "Sergey Kwan's Avatar",
        "Sergey Kwan",
        "Journalist",
    } & set(titles)
    assert [a.author for a in snapshot.articles] == ["Sergey Kwan"]


def test_a_2016_author_box_names_the_writer_of_the_story_above_it():
    """Poster's name, writer's name, the poster's biography with "divider" inside, then
    "View more articles fromSvante E. Cornell": none of it is a headline or body text, and
    the writer (not the poster) is the story's author."""
    snapshot = next(p for p in PAGES if p.name == "wp2016_author_boxes.txt").parse()
    titles = [a.title for a in snapshot.articles]
    assert not {"Sergey Kwan", "Svante E. Cornell", "Christopher Trinh"} & set(titles)
    first = snapshot.articles[0]
    assert first.author == "Svante E. Cornell"
    assert [p.text[:26] for p in first.paragraphs] == ["BISHKEK (TCA) — As the wor"]
    body = " ".join(p.text for a in snapshot.articles for p in a.paragraphs)
    assert "Kwan studied" not in body and "View more articles" not in body
    assert snapshot.warnings[0] == "7: author box, dropped"


def test_a_2016_box_cut_off_by_the_capture_is_still_a_box():
    # The stored copy stops inside the last box's biography ("... editor since i").
    snapshot = next(p for p in PAGES if p.name == "wp2016_author_boxes.txt").parse()
    last = snapshot.articles[-1]
    assert last.author == "Christopher Trinh"
    assert last.paragraphs[-1].text.endswith("learned from his predecessors:")
    assert snapshot.warnings[-1] == "31: author box, dropped"


def test_2016_captions_over_the_next_story_are_dropped_not_headlines():
    boxes = next(p for p in PAGES if p.name == "wp2016_author_boxes.txt").parse()
    assert "President of Turkey Recep Tayyip Erdoğan" not in [a.title for a in boxes.articles]
    assert "23: a photo caption standing alone, dropped" in boxes.warnings
    credit = next(p for p in PAGES if p.name == "wp2016_photo_credit.txt").parse()
    terrorism = credit.articles[1]
    assert not any("Economy Ministry photo" in p.text for p in terrorism.paragraphs)
    assert credit.warnings == ("19: a photo caption standing alone, dropped",)


# The shapes below are variants of the real pages' lines (the issue quotes them): a caption
# where a body is due, a box naming only its writer, headlines a caption rule must not take.


def test_a_house_byline_after_continue_reading_is_not_a_headline():
    text = (
        "Kazakhstan: crisis demands snap elections\n\nALMATY (TCA) — A political crisis is"
        " looming.\n\nContinue reading\n\n\nTimes of Central Asia\n\n"
        "Kyrgyzstan: Parliament approves bill\n\nBISHKEK (TCA) — The parliament voted.\n"
    )
    snapshot = parse_snapshot(text)
    assert [(a.title, a.truncated, a.author) for a in snapshot.articles] == [
        ("Kazakhstan: crisis demands snap elections", True, None),
        ("Kyrgyzstan: Parliament approves bill", False, None),
    ]


def test_a_photo_credit_standing_alone_is_dropped_with_a_note():
    text = (
        "Kazakhstan Harvests Record Grain\n\nASTANA (TCA) — The harvest is in.\n\n"
        "Wheat fields near Kostanay (Economy Ministry photo)\n\nIt is a record.\n"
    )
    snapshot = parse_snapshot(text)
    (article,) = snapshot.articles
    assert [p.text for p in article.paragraphs] == [
        "ASTANA (TCA) — The harvest is in.",
        "It is a record.",
    ]
    assert snapshot.warnings == ("5: a photo caption standing alone, dropped",)


def test_a_title_and_name_where_the_body_is_due_is_a_caption():
    text = (
        "Turkey and Kazakhstan Sign Trade Deal\n\nPresident of Turkey Recep Tayyip Erdoğan\n\n"
        "ANKARA (TCA) — The deal was signed.\n"
    )
    snapshot = parse_snapshot(text)
    assert [(a.title, [p.text for p in a.paragraphs]) for a in snapshot.articles] == [
        ("Turkey and Kazakhstan Sign Trade Deal", ["ANKARA (TCA) — The deal was signed."]),
    ]
    assert snapshot.warnings == ("3: a photo caption standing alone, dropped",)


@pytest.mark.parametrize("ending", ["", "\n\nContinue reading"])
def test_a_title_cased_headline_about_a_president_is_still_a_headline(ending):
    # After a whole story or a teaser: over a body it is a headline, not a caption.
    text = (
        f"Grain Exports Rise\n\nWheat sales grew.{ending}\n\n"
        "President of Kazakhstan Meets Xi Jinping\n\nThe leaders met in Beijing.\n"
    )
    titles = [a.title for a in parse_snapshot(text).articles]
    assert titles == ["Grain Exports Rise", "President of Kazakhstan Meets Xi Jinping"]


def test_a_president_headline_over_a_one_line_body_is_still_a_headline():
    text = (
        "Grain Exports Rise\n\nWheat sales grew.\n\nContinue reading\n\n"
        "President of Kazakhstan Meets Xi Jinping\n\nASTANA (TCA) — The leaders met.\n"
    )
    titles = [a.title for a in parse_snapshot(text).articles]
    assert titles == ["Grain Exports Rise", "President of Kazakhstan Meets Xi Jinping"]


def test_an_author_box_at_the_foot_of_a_story_is_dropped():
    text = (
        "Georgia and Central Asia: A New Partnership\n\nTBILISI (TCA) — Ties are growing.\n\n"
        "Svante E. Cornell\n\nSvante E. Cornell is Director of the Central Asia-Caucasus Institute.\n\n"
        "divider\n\nView more articles fromSvante E. Cornell\n"
    )
    snapshot = parse_snapshot(text)
    (article,) = snapshot.articles
    assert [p.text for p in article.paragraphs] == ["TBILISI (TCA) — Ties are growing."]
    assert snapshot.warnings == ("5: author box, dropped",)


@pytest.mark.parametrize(
    ("last", "excerpt"),
    [
        ("The currency fell against the dollar, TCA caught ", True),
        ("The bank sold $10 million in support of Kyrgyzstan's national currency", True),
        ("The bank sold $10 million.", False),
        ("“We will continue,” he said.", False),
        ("Is the som stable?", False),
    ],
)
def test_a_body_that_stops_mid_sentence_is_an_excerpt(last, excerpt):
    (article,) = parse_snapshot(
        f"Som Falls Against the Dollar\n\nBISHKEK (TCA) — First.\n\n{last}\n"
    ).articles
    assert article.truncated is excerpt


def test_a_short_headline_over_a_body_that_repeats_it_is_no_author_box():
    text = "Nauryz Celebrations\n\nCelebrations took place across Kazakhstan.\n"
    (article,) = parse_snapshot(text).articles
    assert article.title == "Nauryz Celebrations"
