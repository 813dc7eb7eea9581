#!/usr/bin/env python3
"""Deterministic generator of synthetic snapshot files in the real format.

    python bench/generate.py OUT_DIR --articles N [--snapshots M] [--seed S] [--plant]
                             [--jobs J] [--force]

writes M snapshot files (default ``max(1, N // 20)``) holding exactly N distinct
articles (N distinct headlines), as ``OUT_DIR/000/snap_000000.txt`` ... (1000 files a
folder). Same arguments, same bytes, whatever ``--jobs``: everything comes from seeded
``random.Random`` instances and fixed arithmetic, never from the clock, hash
randomisation or set iteration order.

The format follows ``seeds/*.txt``: an optional ticker block (five pairs, the marquee
repeated 8 times, the first line without its indent), an optional ``07 January 2025``
date line, an optional ``Viewing results 1 - 6 of 27`` line, then articles: headline,
blank line, body (one or more paragraphs separated by blank lines), a blank line between
articles, and no newline at the end of the file. Headlines never end in ``.``, ``,``,
``;`` or ``:``; every body paragraph ends in ``.`` (a cut one in ``...``).

How the corpus is built, and why memory stays small at any size:

* Article ``i`` is a pure function of (seed, N, i), so an article recurring in a later
  snapshot is simply made again. Its headline: ``i`` goes through a seeded permutation
  of [0, N) to a position; positions interleave the templates of ``vocabulary.py`` (so
  every template gets its share), and the rank within the template goes through that
  template's own seeded permutation to a combination of slot values. Both steps are
  bijections and templates print different combinations differently (checked at 1M), so
  no set of seen headlines is needed. Its body comes from ``random.Random`` seeded with
  (seed, i) and uses the headline's people, places and topics.
* Snapshot ``j`` gets a planned number of new articles (consecutive indices summing to
  exactly N) plus about 10% recurring ones from earlier snapshots, mostly recent ones;
  a recurrence shows the same excerpt, or (30%) a shorter or longer cut of the same text.
* Dates advance a day or so per snapshot (several snapshots a day past 5000 of them)
  and end near 20 February 2026; ticker rates take a small mean-reverting random walk.
* One snapshot in every 10 has no ticker, one in 20 no results line, one in 50 no date
  (at a random place in each block), so even a tiny corpus has each kind.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import math
import multiprocessing
import os
import queue
import random
import re
import sys
import time
from array import array
from bisect import bisect_right
from pathlib import Path


def _load_vocabulary():
    # bench/ is not a package; load the sibling file under a private module name so
    # this works both as a script and when a test loads this file by path.
    path = Path(__file__).resolve().with_name("vocabulary.py")
    spec = importlib.util.spec_from_file_location("_tca_bench_vocabulary", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


V = _load_vocabulary()

SHARD_SIZE = 1000
END_DATE = dt.date(2026, 2, 20)

MIN_ARTICLES_PER_SNAPSHOT = 6
MAX_ARTICLES_PER_SNAPSHOT = 30
RECURRING_SHARE = 0.10  # of a snapshot's articles, seen in an earlier snapshot
VARIANT_SHARE = 0.30  # of recurrences, shown with a shorter or longer excerpt
TRUNCATED_SHARE = 0.75
CAPTION_SHARE = 0.01
NO_TICKER_EVERY, NO_RESULTS_EVERY, NO_DATE_EVERY = 10, 20, 50

# Headlines planted by --plant into OUT_DIR/planted.txt for search tests. The generated
# corpus never contains them but is full of near misses ("President Tokayev’s
# Washington Visit: Trade is Not a Bridge Too Far", "Can Turkmenistan Bridge the Gas
# Export Gap Between ...?").
PLANTED = (
    (
        "President Tokayev’s Washington Visit: Peace is Not a Bridge Too Far",
        "On February 19, President Kassym-Jomart Tokayev will meet President Donald Trump "
        "for the third time in six months. Diplomats in Astana describe the visit as a test "
        "of whether sustained mediation can still deliver results. The agenda includes "
        "critical minerals, the Board of Peace initiative and direct flights between "
        "Almaty and New York.",
    ),
    (
        "Samarkand Water Summit Ends Without a Deal on the Amu Darya",
        "Ministers from the five Central Asian republics left Samarkand on Thursday without "
        "agreeing on new quotas for the Amu Darya. Delegates said the sticking point was the "
        "filling schedule of the Qosh Tepa canal, which Afghan engineers expect to divert a "
        "fifth of the river's flow by 2028.\n\n"
        "Uzbek officials proposed a joint monitoring commission with seasonal limits. "
        "Turkmen negotiators asked for more time to study the plan...",
    ),
    (
        "Can Turkmenistan Bridge the Caspian Gas Gap Before Winter?",
        "Turkmenistan holds some of the largest gas reserves in the world, yet its exports "
        "still depend on a single pipeline system running east to China. Ashgabat has "
        "revived talks on a Trans-Caspian link to Baku, hoping to reach European buyers "
        "before the heating season begins...",
    ),
    (
        "Japarov and Mirziyoyev Open the Kambarata Railway Talks in Bishkek",
        "President Sadyr Japarov welcomed President Shavkat Mirziyoyev to Bishkek for two "
        "days of talks on the Kambarata-1 hydropower plant and the railway to Kashgar. The "
        "leaders agreed that both projects would be financed through a joint company "
        "registered in Osh.",
    ),
    (
        "Uranium Exports from Aktau Test the Middle Corridor’s Limits",
        "Kazatomprom has shipped its first uranium consignment across the Caspian from the "
        "port of Aktau, a route that avoids Russian territory. Logistics experts say the "
        "Middle Corridor still lacks the container capacity and insurance cover that such "
        "cargo requires...",
    ),
    (
        "Dushanbe’s ‘Glacier Diplomacy’ Draws OSCE Praise",
        "The OSCE has praised Tajikistan for putting glacier protection at the center of its "
        "foreign policy. Dushanbe hosted the High-Level Conference on Glaciers’ "
        "Preservation, where delegations from more than 70 countries discussed how melting "
        "ice in the Pamirs threatens water supplies downstream.",
    ),
    (
        "Türkiye and Uzbekistan Sign Critical Minerals Pact in Tashkent",
        "Türkiye and Uzbekistan have signed a memorandum on critical minerals in Tashkent, "
        "covering the exploration of tungsten, copper and rare earth deposits in the Navoi "
        "region. Turkish companies will also build a processing plant near Almalyk...",
    ),
)
PLANTED_HEADLINES = tuple(headline for headline, _ in PLANTED)

# ---------------------------------------------------------------------------------------
# Slot kinds: name -> values (display strings, or tuples for paired kinds).


def _possessive_country(country: str) -> bool:
    return not country.startswith("the ")


_ADJECTIVE = {name: adj for name, adj, _ in V.COUNTRIES} | dict(V.LEADER_ADJECTIVES)
_CAPITAL = {name: capital for name, _, capital in V.COUNTRIES}
_HEADS = ("President", "Prime Minister", "Chancellor", "Premier", "Emir")
_LEADER_LAND = tuple(
    i
    for i, (_, _, country, title) in enumerate(V.LEADERS)
    if title in _HEADS and _possessive_country(country)
)
_LEADER_POSS = tuple(i for i, ld in enumerate(V.LEADERS) if _possessive_country(ld[2]))
_CITIES = tuple(city for city, _ in V.REGION_CITIES) + V.WORLD_CITIES
_CA = V.CENTRAL_ASIA + ("Central Asia",)

KINDS: dict[str, tuple] = {
    "leader": tuple(ld[0] for ld in V.LEADERS),
    "titled": tuple(f"{ld[3]} {ld[0]}" for ld in V.LEADERS),
    "leader_poss": tuple(f"{V.LEADERS[i][2]}’s {V.LEADERS[i][0]}" for i in _LEADER_POSS),
    "leader_land": tuple(f"{V.LEADERS[i][0]}’s {V.LEADERS[i][2]}" for i in _LEADER_LAND),
    "country": tuple(c[0] for c in V.COUNTRIES),
    "ca": _CA,
    "city": _CITIES,
    "ccity": V.REGION_CITIES,
    "power": V.POWERS,
    "vector": V.VECTOR_CAPITALS,
    "inst": tuple(i[0] for i in V.INSTITUTIONS),
    "topic": tuple(t[0] for t in V.TOPICS),
    "plan": V.PLANS,
    "obstacle": V.OBSTACLES,
    "signal": V.SIGNALS,
    "tagline": V.TAGLINES,
    "deal": V.DEALS,
    "event": V.EVENTS,
    "nationality": V.NATIONALITIES,
    "group": V.GROUPS,
    "issue": V.ISSUES,
    "conflict": V.CONFLICTS,
    "commodity": V.COMMODITIES,
    "banned": V.BANNED,
    "project": V.PROJECTS,
    "stance": V.STANCES,
    "momentum": V.MOMENTUM,
    "balancing": V.BALANCING,
    "trouble": V.TROUBLES,
    "adjective": V.ADJECTIVES,
    "no_solution": V.NO_SOLUTIONS,
    "quote": V.QUOTES,
    "policy": V.POLICIES,
    "backing": V.BACKINGS,
    "measure": V.MEASURES,
    "role": V.ROLES,
    "case": V.CASES,
    "fix": V.FIXES,
    "disaster": V.DISASTERS,
    "consequence": V.CONSEQUENCES,
    "amount": V.AMOUNTS,
    "goal": V.GOALS,
    "season": V.SEASONS,
    "month": V.MONTHS,
    "year": V.YEARS,
    "period": V.PERIODS,
}

_SLOT = re.compile(r"\{(\w+)(?:#(\d))?(?::(\d))?\}")


class _Template:
    """A headline template compiled to literal pieces and slot references."""

    __slots__ = ("text", "pieces", "groups", "size", "_format", "_refs", "_radices")

    def __init__(self, text: str) -> None:
        self.text = text
        self.groups: list[tuple[str, int]] = []  # (kind, how many distinct values)
        self.pieces: list[str | tuple[int, int, int]] = []
        group_of: dict[str, int] = {}
        cursor = 0
        for m in _SLOT.finditer(text):
            if m.start() > cursor:
                self.pieces.append(text[cursor : m.start()])
            kind, nth, field = m.group(1), int(m.group(2) or 1) - 1, m.group(3)
            if kind not in KINDS:
                raise ValueError(f"unknown slot kind {kind!r} in {text!r}")
            if kind not in group_of:
                group_of[kind] = len(self.groups)
                self.groups.append((kind, 0))
            g = group_of[kind]
            self.groups[g] = (kind, max(self.groups[g][1], nth + 1))
            self.pieces.append((g, nth, -1 if field is None else int(field)))
            cursor = m.end()
        if cursor < len(text):
            self.pieces.append(text[cursor:])
        shown = {piece for piece in self.pieces if isinstance(piece, tuple)}
        for g, (kind, k) in enumerate(self.groups):
            if isinstance(KINDS[kind][0], tuple):
                # Only field 0 tells the pairs apart: without it two picks could print
                # the same headline.
                for nth in range(k):
                    if (g, nth, 0) not in shown:
                        raise ValueError(f"{text!r} must show field 0 of {kind} #{nth + 1}")
        self.size = 1
        for kind, k in self.groups:
            self.size *= math.perm(len(KINDS[kind]), k)
        # For speed: the literal text as a format string with one {} per slot.
        self._format = "".join(
            p.replace("{", "{{").replace("}", "}}") if isinstance(p, str) else "{}"
            for p in self.pieces
        )
        self._refs = tuple(
            (KINDS[self.groups[g][0]], g, nth, field)
            for g, nth, field in (p for p in self.pieces if isinstance(p, tuple))
        )
        self._radices = tuple((len(KINDS[kind]), k) for kind, k in self.groups)

    def decode(self, q: int) -> list[list[int]]:
        """Slot value indices for point ``q`` (mixed radix, distinct within a group)."""
        picks: list[list[int]] = []
        for n, k in self._radices:
            if k == 1:
                q, x = divmod(q, n)
                picks.append([x])
                continue
            chosen: list[int] = []
            for j in range(k):
                q, x = divmod(q, n - j)
                for taken in sorted(chosen):  # the x-th value not yet chosen
                    if x >= taken:
                        x += 1
                chosen.append(x)
            picks.append(chosen)
        return picks

    def render(self, picks: list[list[int]]) -> str:
        return self._format.format(
            *[
                values[picks[g][nth]] if field < 0 else values[picks[g][nth]][field]
                for values, g, nth, field in self._refs
            ]
        )


TEMPLATES = tuple(_Template(t) for t in V.HEADLINE_TEMPLATES)
HEADLINE_CAPACITY = sum(t.size for t in TEMPLATES)  # the most distinct articles a corpus holds


def _layers() -> tuple[tuple[int, ...], tuple[int, ...], tuple[tuple[int, ...], ...]]:
    """Positions interleave the templates: position p is (template, rank) where ranks
    0, 1, 2, ... of every template that still has that many combinations come in turn.
    The first N positions are therefore spread evenly over the templates."""
    starts, first_rank, active = [], [], []
    position, rank = 0, 0
    for size in sorted({t.size for t in TEMPLATES}):
        members = tuple(i for i, t in enumerate(TEMPLATES) if t.size >= size)
        starts.append(position)
        first_rank.append(rank)
        active.append(members)
        position += len(members) * (size - rank)
        rank = size
    assert position == HEADLINE_CAPACITY
    return tuple(starts), tuple(first_rank), tuple(active)


_LAYER_STARTS, _LAYER_RANKS, _LAYER_MEMBERS = _layers()


def template_rank(position: int) -> tuple[int, int]:
    """(template index, rank within that template) of ``position``."""
    k = bisect_right(_LAYER_STARTS, position) - 1
    members = _LAYER_MEMBERS[k]
    rank, which = divmod(position - _LAYER_STARTS[k], len(members))
    return members[which], _LAYER_RANKS[k] + rank


class _Permutation:
    """A seeded bijection of [0, n).

    Rounds of (xor or add a key, multiply by an odd number, xor-shift) are each
    invertible on [0, 2**bits), so their composition permutes that range; cycle walking
    (apply again until the value falls below n) turns it into a permutation of [0, n).
    """

    def __init__(self, n: int, rng: random.Random) -> None:
        self.n = n
        bits = max(1, (n - 1).bit_length())
        self.mask = mask = (1 << bits) - 1
        self.shift = max(1, (bits + 1) // 2)
        self.keys = tuple(rng.getrandbits(64) & mask for _ in range(3))
        self.odds = tuple((rng.getrandbits(64) | 1) & mask | 1 for _ in range(3))

    def __call__(self, i: int) -> int:
        n, mask, s = self.n, self.mask, self.shift
        k0, k1, k2 = self.keys
        a0, a1, a2 = self.odds
        x = i
        while True:
            x = ((x ^ k0) * a0) & mask
            x ^= x >> s
            x = ((x + k1) * a1) & mask
            x ^= x >> s
            x = ((x ^ k2) * a2) & mask
            x ^= x >> s
            if x < n:
                return x


# ---------------------------------------------------------------------------------------
# Article bodies.

_LEADER_DESC = tuple(
    f"{_ADJECTIVE.get(country, country)} {title} {full}" for _, full, country, title in V.LEADERS
)
_TOPIC_BODY = tuple(t[1] for t in V.TOPICS)
_INST_FULL = tuple(i[1] for i in V.INSTITUTIONS)
_GROUP_BODY = tuple(g.lower() for g in V.GROUPS)
_ISSUE_BODY = tuple(i.lower() for i in V.ISSUES)
_COMMODITY_BODY = tuple(c.lower() for c in V.COMMODITIES)
_COUNTRY_NAMES = KINDS["country"]


_LEAD = V.LEAD_SENTENCES
_BODY = V.SENTENCES
_CAPTION_TEMPLATES = V.CAPTIONS
_SUBHEADS = V.SUBHEADS
# Steps through the sentence list that visit every sentence before repeating one.
_BODY_STRIDES = tuple(k for k in range(1, len(_BODY)) if math.gcd(k, len(_BODY)) == 1)
_N_LEADERS, _N_TOPICS, _N_INSTITUTIONS = len(V.LEADERS), len(V.TOPICS), len(V.INSTITUTIONS)


def _pick(seq, r):
    return seq[int(r() * len(seq))]


def _other(seq, avoid, r):
    value = seq[int(r() * len(seq))]
    return value if value != avoid else seq[(seq.index(value) + 1) % len(seq)]


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


# How a name the headline did not fix is drawn, on first use (``_Context.__missing__``).
_DRAW = {
    "_leader": lambda c, r: int(r() * _N_LEADERS),
    "_leader2": lambda c, r: _other(range(_N_LEADERS), c["_leader"], r),
    "_inst": lambda c, r: int(r() * _N_INSTITUTIONS),
    "_topic": lambda c, r: int(r() * _N_TOPICS),
    "_topic2": lambda c, r: int(r() * _N_TOPICS),
    "_topic3": lambda c, r: int(r() * _N_TOPICS),
    "leader": lambda c, r: V.LEADERS[c["_leader"]][0],
    "leader_desc": lambda c, r: _LEADER_DESC[c["_leader"]],
    "leader2_desc": lambda c, r: _LEADER_DESC[c["_leader2"]],
    "country": lambda c, r: _pick(_COUNTRY_NAMES, r),
    "country2": lambda c, r: _other(_COUNTRY_NAMES, c["country"], r),
    "nat": lambda c, r: _ADJECTIVE[c["country"]],
    "capital": lambda c, r: _CAPITAL[c["country"]],
    "city": lambda c, r: _pick(_CITIES, r),
    "city2": lambda c, r: _other(_CITIES, c["city"], r),
    "topic": lambda c, r: _TOPIC_BODY[c["_topic"]],
    "topic2": lambda c, r: _TOPIC_BODY[c["_topic2"]],
    "topic3": lambda c, r: _TOPIC_BODY[c["_topic3"]],
    "inst": lambda c, r: V.INSTITUTIONS[c["_inst"]][0],
    "inst_full": lambda c, r: _INST_FULL[c["_inst"]],
    "Inst_full": lambda c, r: _cap(c["inst_full"]),
    "power": lambda c, r: _pick(V.POWERS, r),
    "Power": lambda c, r: _cap(c["power"]),
    "project": lambda c, r: _pick(V.PROJECTS, r),
    "group": lambda c, r: _pick(_GROUP_BODY, r),
    "Group": lambda c, r: _cap(c["group"]),
    "issue": lambda c, r: _pick(_ISSUE_BODY, r),
    "commodity": lambda c, r: _pick(_COMMODITY_BODY, r),
    "company": lambda c, r: _pick(V.COMPANIES, r),
    "ministry": lambda c, r: _pick(V.MINISTRIES, r),
    "source": lambda c, r: _pick(V.SOURCES, r),
    "photo": lambda c, r: _pick(V.PHOTO_CREDITS, r),
    "month": lambda c, r: V.MONTHS[int(r() * 12)],
    "day": lambda c, r: str(1 + int(r() * 28)),
    "year": lambda c, r: str(2012 + int(r() * 14)),
    "year2": lambda c, r: str(2026 + int(r() * 10)),
    "amount": lambda c, r: f"{0.2 + r() * 9.8:.1f}",
    "amount_m": lambda c, r: str(5 * (2 + int(r() * 160))),
    "pct": lambda c, r: f"{0.5 + r() * 39:.1f}",
    "count": lambda c, r: str(2 + int(r() * 120)),
    "qty": lambda c, r: str(10 + int(r() * 990)),
    "num_word": lambda c, r: _pick(V.NUM_WORDS, r),
    "ordinal": lambda c, r: _pick(V.ORDINALS, r),
}


class _Context(dict):
    """An article's names and figures. The headline's own people, places and topics
    are set up front; anything else a sentence asks for is drawn on first use (in the
    order the sentences ask, which is itself deterministic) and then kept, so an
    article's sentences agree with each other."""

    __slots__ = ("r",)

    def __missing__(self, key: str):
        value = self[key] = _DRAW[key](self, self.r)
        return value


def _context(rng: random.Random, template: _Template, picks: list[list[int]]) -> _Context:
    ctx = _Context()
    ctx.r = rng.random
    for (kind, _), chosen in zip(template.groups, picks):
        first = chosen[0]
        if kind == "topic":
            for key, x in zip(("_topic", "_topic2", "_topic3"), chosen):
                ctx[key] = x
        elif kind == "leader" or kind == "titled":
            ctx["_leader"] = first
            if len(chosen) > 1:
                ctx["_leader2"] = chosen[1]
        elif kind == "leader_poss":
            ctx["_leader"] = _LEADER_POSS[first]
        elif kind == "leader_land":
            ctx["_leader"] = _LEADER_LAND[first]
        elif kind == "country":
            ctx["country"] = _COUNTRY_NAMES[first]
            if len(chosen) > 1:
                ctx["country2"] = _COUNTRY_NAMES[chosen[1]]
        elif kind == "city":
            ctx["city"] = _CITIES[first]
        elif kind == "ccity":
            ctx["city"] = V.REGION_CITIES[first][0]
            ctx.setdefault("country", V.REGION_CITIES[first][1])
            if len(chosen) > 1:
                ctx["city2"] = V.REGION_CITIES[chosen[1]][0]
        elif kind == "ca":
            if _CA[first] in _CAPITAL:
                ctx.setdefault("country", _CA[first])
        elif kind == "inst":
            ctx["_inst"] = first
        elif kind == "power":
            ctx["power"] = V.POWERS[first]
        elif kind == "project":
            ctx["project"] = V.PROJECTS[first]
        elif kind == "group":
            ctx["group"] = _GROUP_BODY[first]
        elif kind == "issue":
            ctx["issue"] = _ISSUE_BODY[first]
        elif kind == "commodity":
            ctx["commodity"] = _COMMODITY_BODY[first]
    return ctx


def _caption(r, ctx) -> str:
    attachment = 10000 + int(r() * 90000)
    width = _pick(V.CAPTION_WIDTHS, r)
    return (
        f'[caption id="attachment_{attachment}" align="aligncenter" width="{width}"] '
        f"{_pick(_CAPTION_TEMPLATES, r).format_map(ctx)}[/caption]"
    )


def _body(rng: random.Random, ctx: _Context, complete: bool) -> tuple[str, int | None]:
    """The article's text (paragraphs joined by blank lines) and where the page cuts
    it (None: shown whole).

    A cut body goes on past the cut, so a later page can show a longer excerpt. Unless
    ``complete``, writing stops once the cut is passed: the text is then a prefix of
    the complete one, because everything is drawn in reading order and nothing written
    is changed afterwards.
    """
    r = rng.random
    shown = min(1500, 300 + int(-320.0 * math.log(1.0 - r())))
    truncated = r() < TRUNCATED_SHARE
    full = int(shown * (1.1 + 0.3 * r())) if truncated else shown
    x = r()
    paragraphs = 1 if x < 0.45 else 2 if x < 0.75 else 3 if x < 0.92 else 4
    paragraphs = max(1, min(paragraphs, full // 220))
    per = full / paragraphs
    body_pool, n_body = _BODY, len(_BODY)
    at = int(r() * n_body)
    stride = _pick(_BODY_STRIDES, r)
    start = "\u00a0" if r() < 0.02 else ""  # as on the real page, now and then
    cut = shown if truncated else None
    lazy = truncated and not complete
    stop = cut if lazy else 1 << 62  # write until past this many characters
    out: list[str] = []
    written = len(start)  # characters before the current paragraph
    for p in range(paragraphs):
        goal = (per if p < paragraphs - 1 else full - written) - 60
        if p == 0:
            lead = _pick(_LEAD, r).format_map(ctx)
            sentences = [start + lead[0].upper() + lead[1:]]
            size = len(lead)
            if r() < CAPTION_SHARE:
                caption = _caption(r, ctx)
                sentences.append(caption)
                size += 1 + len(caption)
                if cut is not None:  # never cut inside or right after the caption
                    cut = max(cut, written + size + 80)
                    if lazy:
                        stop = cut
            count = 1
        else:
            sentences = []
            size = -1
            count = 0
            if r() < 0.05:  # a crosshead run into the paragraph, as pages show them
                subhead = _pick(_SUBHEADS, r).format_map(ctx) + ("\u00a0" if r() < 0.3 else "")
                sentences.append(subhead)
                size += len(subhead) + 1
        while size < goal or count < 2:
            sentence = body_pool[at].format_map(ctx)
            at = (at + stride) % n_body
            sentences.append(sentence)
            size += len(sentence) + 1
            count += 1
            if written + size > stop:
                break
        out.append(" ".join(sentences))
        written += size + 2
        if written - 2 > stop:
            break
    return "\n\n".join(out), cut


def excerpt(body: str, cut: int | None) -> str:
    """``body`` as the page shows it: whole, or cut at a word and ended with "..."."""
    if cut is None or cut >= len(body):
        return body
    text = body[:cut]
    space = max(text.rfind(" "), text.rfind("\n"))
    if space > 0:
        text = text[:space]
    text = text.rstrip()
    opened = text.rfind("[caption")
    if opened != -1 and (text.endswith("[/caption]") or text.find("[/caption]", opened) == -1):
        text = text[:opened].rstrip()  # never cut a caption, never end on one
    gap = text.rfind("\n\n")
    if gap != -1 and len(text) - gap - 2 < 80:
        text = text[:gap].rstrip()  # no stub of a paragraph before the "..."
    return text + "..."


class Article:
    """An article; ``body`` may stop shortly after ``cut`` unless made ``complete``."""

    __slots__ = ("index", "headline", "body", "cut")

    def __init__(self, index: int, headline: str, body: str, cut: int | None) -> None:
        self.index, self.headline, self.body, self.cut = index, headline, body, cut

    def text(self, cut: int | None = -1) -> str:
        return excerpt(self.body, self.cut if cut == -1 else cut)


class Corpus:
    """The ``n`` articles of one seed: ``article(i)`` is the same for every caller.

    Article ``i`` takes position ``order(i)`` (a seeded permutation of [0, n)), hence a
    template and a rank in it; the rank goes through that template's own seeded
    permutation to a combination of slot values. Both steps are bijections and a
    template renders different combinations differently, so the n headlines differ.
    """

    def __init__(self, seed: int, n: int) -> None:
        if seed < 0:
            raise ValueError("seed must be >= 0")
        if not 1 <= n <= HEADLINE_CAPACITY:
            raise ValueError(f"between 1 and {HEADLINE_CAPACITY:,} articles")
        self.seed, self.n = seed, n
        self._order = _Permutation(n, random.Random(f"tca-bench-order-{seed}"))
        self._combos = tuple(
            _Permutation(t.size, random.Random(f"tca-bench-template-{seed}-{i}"))
            for i, t in enumerate(TEMPLATES)
        )
        self._rng = random.Random()
        self._base = seed << 48

    def _headline(self, index: int) -> tuple[str, _Template, list[list[int]]]:
        if not 0 <= index < self.n:
            raise IndexError(index)
        t, rank = template_rank(self._order(index))
        template = TEMPLATES[t]
        picks = template.decode(self._combos[t](rank))
        return template.render(picks), template, picks

    def headline(self, index: int) -> str:
        return self._headline(index)[0]

    def article(self, index: int, complete: bool = False) -> Article:
        """Article ``index``; its whole text only if ``complete`` (else enough of it
        for the first page's excerpt)."""
        headline, template, picks = self._headline(index)
        rng = self._rng
        rng.seed(self._base + index)
        ctx = _context(rng, template, picks)
        body, cut = _body(rng, ctx, complete)
        return Article(index, headline, body, cut)


# ---------------------------------------------------------------------------------------
# Snapshots: plan, dates, ticker.

# pair, starting rate (as in the seeds), chance of moving on a given day, daily sd in %
_TICKER = (
    ("KGS/USD", 0.01149, 0.30, 0.15),
    ("KZT/USD", 0.00190, 0.60, 0.35),
    ("TJS/USD", 0.09166, 0.40, 0.25),
    ("UZS/USD", 0.00008, 0.50, 0.20),
    ("TMT/USD", 0.28571, 0.10, 0.05),
)
_TICKER_REPEATS = 8
_MEAN_REVERSION = 0.01


def format_change(pct: float) -> str:
    """As the site prints a change: "0%", "0.22%", "-0.14%", and "-0%" for a tiny fall."""
    rounded = round(pct, 2)
    if rounded == 0:
        return "-0%" if pct < 0 else "0%"
    return f"{rounded:.2f}".rstrip("0").rstrip(".") + "%"


def format_date(day: dt.date) -> str:
    return f"{day.day:02d} {V.MONTHS[day.month - 1]} {day.year}"


class _Ticker:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.rates = [rate for _, rate, _, _ in _TICKER]
        self.changes = ["0%"] * len(_TICKER)
        self._lines: list[str] | None = None

    def next_day(self) -> None:
        r = self.rng.random
        for c, (_, base, p_move, sd) in enumerate(_TICKER):
            if r() < p_move:
                pct = self.rng.gauss(0.0, sd) - _MEAN_REVERSION * 100 * math.log(
                    self.rates[c] / base
                )
                self.rates[c] *= 1 + pct / 100
                self.changes[c] = format_change(pct)
            else:
                self.changes[c] = "0%"
        self._lines = None

    def lines(self) -> list[str]:
        if self._lines is None:
            quotes = [
                f"• {pair} = {self.rates[c]:.5f} {self.changes[c]}"
                for c, (pair, _, _, _) in enumerate(_TICKER)
            ] * _TICKER_REPEATS
            self._lines = [quotes[0]] + ["  " + q for q in quotes[1:]]
        return self._lines


def plan_new_articles(total: int, snapshots: int, rng: random.Random) -> array:
    """How many new articles each snapshot introduces: sums to ``total`` exactly."""
    base, extra = divmod(total, snapshots)
    counts = array("q", [base + (1 if j < extra else 0) for j in range(snapshots)])
    mean = total / snapshots
    low, high = int(mean * 0.3), max(math.ceil(mean * 1.4), int(mean * 0.3) + 1)
    spread = max(1, int(mean * 0.7))
    for _ in range(2):
        for j in range(snapshots):
            k = int(rng.random() * snapshots)
            d = int(rng.random() * (spread + 1))
            floor_j = max(low, 1 if j == 0 else 0)
            if j != k and counts[j] - d >= floor_j and counts[k] + d <= high:
                counts[j] -= d
                counts[k] += d
    if counts[0] == 0:  # only when total < snapshots: the first page needs an article
        donor = next(j for j in range(snapshots) if counts[j] > 0)
        counts[0], counts[donor] = 1, counts[donor] - 1
    return counts


def _missing(j: int, every: int, snapshots: int, rng: random.Random, state: dict) -> bool:
    """True for exactly one snapshot in each block of ``every`` (at a random place in
    it; a short last block, or a corpus smaller than one block, still gets one)."""
    if j % every == 0:
        state[every] = j + int(rng.random() * min(every, snapshots - j))
    return state[every] == j


# A page as planned: (number, dated, head, results, items), plain values only so that
# worker processes receive it without importing this file. ``head`` is the ticker and
# date lines ("" when the page has neither), ``results`` the "Viewing results" line or
# "", and ``items`` lists (article index, u): u is None for a first appearance, -1.0 for
# a recurrence with the same excerpt, else in [0, 1) to draw a recurrence's new cut.
Page = tuple


def plan_pages(articles: int, snapshots: int, seed: int):
    """Yield the ``Page`` of each snapshot, in order: all sequential randomness is here."""
    rng = random.Random(f"tca-bench-timeline-{seed}")
    counts = plan_new_articles(articles, snapshots, rng)
    ticker = _Ticker(random.Random(f"tca-bench-ticker-{seed}"))
    ticker.next_day()
    mean_new = articles / snapshots
    window = 3 * max(mean_new, 1.0)  # recurrences come mostly from the last few pages
    mean_step = min(1.2, 6000 / snapshots)  # days between pages; < 1: several a day
    day = END_DATE - dt.timedelta(days=round(mean_step * snapshots))
    missing: dict[int, int] = {}
    ticker_text = ""
    start = 0  # index of this snapshot's first new article
    for j in range(snapshots):
        if j:
            if mean_step >= 1.2:
                x = rng.random()
                step = 0 if x < 0.05 else 1 if x < 0.80 else 2 if x < 0.95 else 3
            else:
                step = 1 if rng.random() < mean_step else 0
            if step:
                day += dt.timedelta(days=step)
                ticker.next_day()
                ticker_text = ""
        has_ticker = not _missing(j, NO_TICKER_EVERY, snapshots, rng, missing)
        has_results = not _missing(j, NO_RESULTS_EVERY, snapshots, rng, missing)
        has_date = not _missing(j, NO_DATE_EVERY, snapshots, rng, missing)

        new = counts[j]
        recurring = min(start, int(new / (1 / RECURRING_SHARE - 1) + rng.random()))
        if new + recurring < MIN_ARTICLES_PER_SNAPSHOT:
            recurring = min(start, MIN_ARTICLES_PER_SNAPSHOT - new)
        if new + recurring > MAX_ARTICLES_PER_SNAPSHOT:
            recurring = max(0, MAX_ARTICLES_PER_SNAPSHOT - new)
        chosen: list[int] = []
        while len(chosen) < recurring:
            if rng.random() < 0.8:
                back = int(-window * math.log(1.0 - rng.random()))
                index = start - 1 - back if back < start else int(rng.random() * start)
            else:
                index = int(rng.random() * start)
            if index not in chosen:
                chosen.append(index)
        items: list = [(i, None) for i in range(start, start + new)]
        items += [(i, rng.random() if rng.random() < VARIANT_SHARE else -1.0) for i in chosen]
        rng.shuffle(items)

        head = ""
        if has_ticker:
            if not ticker_text:
                ticker_text = "\n".join(ticker.lines())
            head = ticker_text
        if has_date:
            head = f"{head}\n{format_date(day)}" if head else format_date(day)
        results = ""
        if has_results:
            shown = len(items)
            if rng.random() < 0.92:
                claimed = shown + int(rng.random() * 60)
            else:  # the site sometimes claims fewer than it lists
                claimed = 1 + int(rng.random() * shown)
            last = 6 if rng.random() < 0.9 else shown
            results = f"Viewing results 1 - {last} of {claimed}"
        yield (j, has_date, head, results, items)
        start += new
    assert start == articles


def _variant_cut(article: Article, u: float) -> int | None:
    """A recurrence's excerpt: shorter or longer than the first one, same text."""
    full = len(article.body)
    if article.cut is None:
        return max(150, int(full * (0.35 + 0.5 * u)))
    cut = int(article.cut * (0.6 + 0.9 * u))
    return None if cut >= full else max(150, cut)


def render_page(corpus: Corpus, page: Page, stats: dict[str, int]) -> bytes:
    _, _, head, results, items = page
    parts = [p for p in (head, results) if p]
    for index, u in items:
        if u is None:  # first appearance
            article = corpus.article(index)
            text = article.text()
        elif u < 0:  # recurrence, same excerpt
            stats["recurring"] += 1
            article = corpus.article(index)
            text = article.text()
        else:  # recurrence, shorter or longer excerpt
            stats["recurring"] += 1
            stats["variants"] += 1
            article = corpus.article(index, complete=True)
            text = article.text(_variant_cut(article, u))
        stats["truncated"] += text.endswith("...")
        stats["captioned"] += "[caption " in text
        parts.append(f"{article.headline}\n\n{text}")
    stats["appearances"] += len(items)
    return "\n\n".join(parts).encode("utf-8")


def snapshot_path(out: Path, number: int) -> Path:
    return out / f"{number // SHARD_SIZE:03d}" / f"snap_{number:06d}.txt"


_RENDER_STATS = ("appearances", "recurring", "variants", "truncated", "captioned", "bytes")


def _write_pages(corpus: Corpus, out: Path, pages: list[Page]) -> dict[str, int]:
    stats = dict.fromkeys(_RENDER_STATS, 0)
    folders: set[Path] = set()
    for page in pages:
        path = snapshot_path(out, page[0])
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        data = render_page(corpus, page, stats)
        path.write_bytes(data)
        stats["bytes"] += len(data)
    return stats


def _worker(seed: int, articles: int, out: Path, tasks, results) -> None:
    """A forked worker: render batches of pages until it receives None."""
    try:
        corpus = Corpus(seed, articles)
        while (pages := tasks.get()) is not None:
            results.put(_write_pages(corpus, out, pages))
    except BaseException as error:  # reported to the parent, which stops the run
        results.put(f"worker failed: {error!r}")


def _put(tasks, item, workers) -> None:
    while True:
        try:
            tasks.put(item, timeout=1)
            return
        except queue.Full:
            if not any(worker.is_alive() for worker in workers):
                raise RuntimeError("all worker processes have stopped") from None


def _get(results, workers):
    while True:
        try:
            return results.get(timeout=1)
        except queue.Empty:
            if not any(worker.is_alive() for worker in workers):
                raise RuntimeError("a worker process stopped without reporting") from None


def _add(total: dict[str, int], part: dict[str, int]) -> None:
    for key, value in part.items():
        total[key] += value


def generate(
    out_dir: Path | str,
    articles: int,
    snapshots: int | None = None,
    seed: int = 0,
    plant: bool = False,
    jobs: int = 1,
) -> dict[str, int]:
    """Write the corpus; return counts (snapshots, articles, appearances, bytes, ...).

    ``jobs`` > 1 renders pages in that many forked worker processes (where the
    platform can fork); the bytes written do not depend on it.
    """
    out = Path(out_dir)
    if seed < 0:
        raise ValueError("--seed must be >= 0")
    if not 1 <= articles <= HEADLINE_CAPACITY:
        raise ValueError(f"--articles must be between 1 and {HEADLINE_CAPACITY:,}")
    snapshots = max(1, articles // 20) if snapshots is None else snapshots
    if snapshots < 1:
        raise ValueError("--snapshots must be at least 1")
    stats = dict(snapshots=snapshots, articles=articles, undated=0)
    stats.update(dict.fromkeys(_RENDER_STATS, 0))
    out.mkdir(parents=True, exist_ok=True)

    def batches(size: int = 200):
        batch: list[Page] = []
        for page in plan_pages(articles, snapshots, seed):
            stats["undated"] += not page[1]
            batch.append(page)
            if len(batch) == size:
                yield batch
                batch = []
        if batch:
            yield batch

    if jobs > 1 and snapshots > 200 and "fork" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("fork")
        tasks = context.Queue(maxsize=2 * jobs)  # bounded: the plan never piles up
        results = context.Queue()
        workers = [
            context.Process(target=_worker, args=(seed, articles, out, tasks, results), daemon=True)
            for _ in range(jobs)
        ]
        for worker in workers:
            worker.start()
        try:
            sent = 0
            for batch in batches():
                _put(tasks, batch, workers)
                sent += 1
            for _ in workers:
                _put(tasks, None, workers)
            for _ in range(sent):
                part = _get(results, workers)
                if isinstance(part, str):
                    raise RuntimeError(part)
                _add(stats, part)
            for worker in workers:
                worker.join()
        finally:
            for worker in workers:
                if worker.is_alive():
                    worker.terminate()
    else:
        corpus = Corpus(seed, articles)
        for batch in batches():
            _add(stats, _write_pages(corpus, out, batch))

    if plant:
        data = planted_snapshot().encode("utf-8")
        (out / "planted.txt").write_bytes(data)
        stats["bytes"] += len(data)
        stats["planted"] = len(PLANTED)
    return stats


def planted_snapshot() -> str:
    """The planted articles as one snapshot (the same for every seed and size)."""
    quotes = [f"• {pair} = {rate:.5f} 0%" for pair, rate, _, _ in _TICKER] * _TICKER_REPEATS
    head = "\n".join([quotes[0]] + ["  " + q for q in quotes[1:]] + ["21 February 2026"])
    parts = [head, f"Viewing results 1 - 6 of {len(PLANTED)}"]
    parts += [f"{headline}\n\n{body}" for headline, body in PLANTED]
    return "\n\n".join(parts)


def _clear(out: Path) -> None:
    """Remove what an earlier run wrote (shard folders of snap files, planted.txt)."""
    for child in sorted(out.iterdir()):
        if child.is_dir() and re.fullmatch(r"\d{3,}", child.name):
            for f in child.glob("snap_*.txt"):
                f.unlink()
            if not any(child.iterdir()):
                child.rmdir()
        elif child.name == "planted.txt":
            child.unlink()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write a deterministic synthetic corpus of TCA snapshot files."
    )
    parser.add_argument("out_dir", type=Path, help="folder to write (created if missing)")
    parser.add_argument("--articles", type=int, required=True, help="distinct articles, exactly")
    parser.add_argument("--snapshots", type=int, help="snapshot files (default articles // 20)")
    parser.add_argument("--seed", type=int, default=0, help="seed, >= 0 (default 0)")
    parser.add_argument(
        "--plant", action="store_true", help="also write planted.txt with PLANTED_HEADLINES"
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=min(8, os.cpu_count() or 1),
        help="worker processes (default: CPUs, at most 8); the output does not depend on it",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace the files of an earlier run in a non-empty OUT_DIR",
    )
    args = parser.parse_args(argv)
    out: Path = args.out_dir
    if args.seed < 0:
        parser.error("--seed must be >= 0")
    if not 1 <= args.articles <= HEADLINE_CAPACITY:
        parser.error(f"--articles must be between 1 and {HEADLINE_CAPACITY:,}")
    if args.snapshots is not None and args.snapshots < 1:
        parser.error("--snapshots must be at least 1")
    if out.exists() and not out.is_dir():
        parser.error(f"{out} is not a folder")
    if out.is_dir() and any(out.iterdir()):
        if not args.force:
            parser.error(f"{out} is not empty (pass --force to replace an earlier run)")
        _clear(out)
    began = time.perf_counter()
    stats = generate(out, args.articles, args.snapshots, args.seed, args.plant, args.jobs)
    seconds = time.perf_counter() - began
    planted = f" + {stats['planted']} planted" if args.plant else ""
    print(
        f"wrote {stats['snapshots']:,} snapshots with {stats['articles']:,} distinct articles"
        f"{planted} ({stats['appearances']:,} appearances, {stats['recurring']:,} recurring, "
        f"{stats['truncated']:,} truncated, {stats['undated']:,} undated), "
        f"{stats['bytes'] / 1e6:,.1f} MB in {out} in {seconds:.1f}s (seed {args.seed})"
    )
    if args.plant:
        for headline in PLANTED_HEADLINES:
            print(f"planted: {headline}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
