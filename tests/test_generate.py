"""bench/generate.py: same arguments give the same bytes, the format matches the seeds,
and ``--articles N`` means exactly N distinct articles.

The files are read here with a deliberately small parser of our own (blocks separated
by blank lines; a block that does not end in "." is a headline, the blocks after it
that do are its paragraphs), so these tests do not depend on the store's loader.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = ROOT / "bench" / "generate.py"


def _load_generator():
    # bench/ is not a package: load the script by its path.
    spec = importlib.util.spec_from_file_location("tca_bench_generate", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen = _load_generator()

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
TICKER = re.compile(r"^(?:  )?• (KGS|KZT|TJS|UZS|TMT)/USD = \d\.\d{5} -?\d+(?:\.\d{1,2})?%$")
DATE = re.compile(rf"^\d\d (?:{MONTHS}) 20\d\d$")
RESULTS = re.compile(r"^Viewing results 1 - \d+ of \d+$")
CAPTION = re.compile(
    r'\[caption id="attachment_\d+" align="aligncenter" width="\d+"\] [^\[\]]+\[/caption\]'
)


def parse(text: str) -> dict:
    """A snapshot as {ticker, date, results, articles: [(headline, [paragraphs])]}."""
    assert not text.endswith("\n"), "like the seeds, no newline at the end"
    blocks = text.split("\n\n")
    page: dict = {"ticker": [], "date": None, "results": None, "articles": []}
    lines = blocks[0].split("\n")
    if TICKER.match(lines[0]) or DATE.match(lines[0]):
        blocks.pop(0)
        if DATE.match(lines[-1]):
            page["date"] = lines.pop()
        page["ticker"] = lines
        assert all(TICKER.match(line) for line in lines), lines
    if blocks and RESULTS.match(blocks[0]):
        page["results"] = blocks.pop(0)
    for block in blocks:
        assert block and "\n" not in block and block == block.rstrip(), repr(block[:80])
        if block.endswith("."):
            assert page["articles"], "a paragraph before any headline"
            page["articles"][-1][1].append(block)
        else:
            assert not block.endswith((",", ";", ":")), block
            page["articles"].append((block, []))
    return page


def read_corpus(out: Path) -> dict[str, dict]:
    files = sorted(out.glob("*/snap_*.txt"))
    return {f"{f.parent.name}/{f.name}": parse(f.read_text("utf-8")) for f in files}


def tree_bytes(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def fold(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'").casefold()


def unellipsed(paragraphs: list[str]) -> str:
    text = " ".join(paragraphs)
    return text[:-3] if text.endswith("...") else text


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    gen.generate(out, 300, seed=7, plant=True)
    return out


def test_same_arguments_give_the_same_bytes(small: Path, tmp_path: Path) -> None:
    gen.generate(tmp_path, 300, seed=7, plant=True)
    assert tree_bytes(tmp_path) == tree_bytes(small)


def test_worker_processes_do_not_change_the_bytes(tmp_path: Path) -> None:
    # more than 200 snapshots, or generate() does not start workers
    gen.generate(tmp_path / "one", 450, snapshots=210, seed=3, jobs=1)
    gen.generate(tmp_path / "two", 450, snapshots=210, seed=3, jobs=2)
    assert tree_bytes(tmp_path / "one") == tree_bytes(tmp_path / "two")


def test_another_seed_gives_another_corpus(small: Path, tmp_path: Path) -> None:
    gen.generate(tmp_path, 300, seed=8, plant=True)
    ours, theirs = tree_bytes(tmp_path), tree_bytes(small)
    assert ours.keys() == theirs.keys()
    assert ours["000/snap_000000.txt"] != theirs["000/snap_000000.txt"]
    assert ours["planted.txt"] == theirs["planted.txt"]


def test_files_are_sharded_snapshots(small: Path) -> None:
    names = sorted(str(p.relative_to(small)) for p in small.rglob("*.txt"))
    assert names == [f"000/snap_{i:06d}.txt" for i in range(15)] + ["planted.txt"]


def test_exactly_n_distinct_articles(small: Path) -> None:
    corpus = read_corpus(small)
    headlines = {h for page in corpus.values() for h, _ in page["articles"]}
    assert len(headlines) == 300
    assert len({fold(h) for h in headlines}) == 300  # also as the store compares titles
    assert not headlines & set(gen.PLANTED_HEADLINES)


def test_page_structure(small: Path) -> None:
    corpus = read_corpus(small)
    for name, page in corpus.items():
        assert 6 <= len(page["articles"]) <= 30, name
        if page["ticker"]:
            ticker = page["ticker"]
            assert len(ticker) == 40 and not ticker[0].startswith(" ")
            assert all(line.startswith("  • ") for line in ticker[1:])
            assert [t.strip() for t in ticker] == [t.strip() for t in ticker[:5]] * 8
            assert [TICKER.match(t)[1] for t in ticker[:5]] == ["KGS", "KZT", "TJS", "UZS", "TMT"]
        for headline, paragraphs in page["articles"]:
            assert paragraphs, headline
            assert len(headline) <= 120 and headline[0].isupper()
            assert all(p.endswith(".") for p in paragraphs)
    dated = [page["date"] for page in corpus.values() if page["date"]]
    assert 0 < len(corpus) - len(dated)  # at least one undated snapshot
    assert len(dated) >= len(corpus) - 2
    assert any(not page["ticker"] for page in corpus.values()) or len(corpus) < 10
    assert sum(bool(page["results"]) for page in corpus.values()) >= len(corpus) - 2


def test_bodies_recur_truncate_and_run_to_paragraphs(small: Path) -> None:
    seen: dict[str, list[str]] = defaultdict(list)
    appearances = truncated = multi = 0
    for page in read_corpus(small).values():
        for headline, paragraphs in page["articles"]:
            appearances += 1
            truncated += paragraphs[-1].endswith("...")
            multi += len(paragraphs) > 1
            seen[headline].append(unellipsed(paragraphs))
    recurring = {h: bodies for h, bodies in seen.items() if len(bodies) > 1}
    assert len(recurring) >= 10
    for bodies in recurring.values():  # the same text, or a longer or shorter cut of it
        shortest = min(bodies, key=len)
        assert all(body.startswith(shortest) for body in bodies)
    assert 0.6 < truncated / appearances < 0.9
    assert multi > 0.2 * appearances
    lengths = [len(max(bodies, key=len)) for bodies in seen.values()]
    assert 450 < sum(lengths) / len(lengths) < 900


def test_captions_and_first_pages_match_full_text() -> None:
    corpus = gen.Corpus(0, 1500)
    captions = 0
    for i in range(1500):
        article, complete = corpus.article(i), corpus.article(i, complete=True)
        assert complete.body.startswith(article.body)
        assert article.text() == complete.text()
        text = article.text()
        if "[caption" in text:
            captions += 1
            assert CAPTION.search(text) and text.count("[caption") == text.count("[/caption]")
    assert 5 <= captions <= 45  # about 1%


def test_headlines_are_distinct_and_look_like_headlines() -> None:
    corpus = gen.Corpus(5, 15_000)
    headlines = [corpus.headline(i) for i in range(15_000)]
    assert len(set(headlines)) == 15_000
    assert len({fold(h) for h in headlines}) == 15_000
    assert not any(h.endswith((".", ",", ";", ":")) for h in headlines)
    words = {w for h in headlines for w in h.split()}
    for name in ("Tokayev", "Mirziyoyev", "Japarov", "Rahmon", "Astana", "Tashkent", "CSTO"):
        assert name in words or any(w.startswith(name + "’") for w in words), name


def _template_pattern(template) -> re.Pattern:
    parts = []
    for piece in template.pieces:
        if isinstance(piece, str):
            parts.append(re.escape(piece))
        else:
            group, _, field = piece
            values = gen.KINDS[template.groups[group][0]]
            values = [v if field < 0 else v[field] for v in values]
            parts.append("(?:" + "|".join(map(re.escape, values)) + ")")
    return re.compile("".join(parts), re.IGNORECASE)


def test_no_template_can_produce_a_planted_headline() -> None:
    patterns = [_template_pattern(t) for t in gen.TEMPLATES]
    for headline in gen.PLANTED_HEADLINES:
        for variant in (headline, headline.replace("’", "'")):
            assert not any(p.fullmatch(variant) for p in patterns), headline


def test_planted_file(small: Path) -> None:
    page = parse((small / "planted.txt").read_text("utf-8"))
    assert [h for h, _ in page["articles"]] == list(gen.PLANTED_HEADLINES)
    assert page["date"] and len(page["ticker"]) == 40
    assert "President Tokayev’s Washington Visit: Peace is Not a Bridge Too Far" in (
        gen.PLANTED_HEADLINES
    )


@pytest.mark.parametrize(("articles", "snapshots"), [(5, 12), (1, 1), (97, 3), (1000, 37)])
def test_counts_add_up_for_any_shape(tmp_path: Path, articles: int, snapshots: int) -> None:
    stats = gen.generate(tmp_path, articles, snapshots=snapshots, seed=2)
    corpus = read_corpus(tmp_path)
    assert len(corpus) == stats["snapshots"] == snapshots
    headlines = [h for page in corpus.values() for h, _ in page["articles"]]
    assert len(set(headlines)) == articles
    assert len(headlines) == stats["appearances"]


def test_format_change() -> None:
    assert gen.format_change(0.0) == "0%"
    assert gen.format_change(-0.001) == "-0%"
    assert gen.format_change(0.2234) == "0.22%"
    assert gen.format_change(-0.14) == "-0.14%"
    assert gen.format_change(0.2) == "0.2%"


def test_command_line(tmp_path: Path) -> None:
    out = tmp_path / "out"
    command = [sys.executable, str(GENERATOR), str(out), "--articles", "60", "--plant"]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    lines = done.stdout.splitlines()
    assert lines[0].startswith("wrote 3 snapshots with 60 distinct articles + 7 planted")
    assert lines[1:] == [f"planted: {h}" for h in gen.PLANTED_HEADLINES]
    first = tree_bytes(out)
    again = subprocess.run(command, capture_output=True, text=True)
    assert again.returncode == 2 and "not empty" in again.stderr
    subprocess.run(command + ["--force"], capture_output=True, text=True, check=True)
    assert tree_bytes(out) == first
