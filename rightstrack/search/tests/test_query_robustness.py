"""Whatever a person types in a search box gives results or a message, never a server
error: lone signs, unbalanced or deeply nested brackets, exclusions in odd places, very
long texts; the same on every page and endpoint that takes a search text. Generated
queries check the parser and both engines' writers (every database's syntax) without a
database; ten thousand others (random signs, scripts, control characters, words of
the texts) run on this test's database, through its full-text engine and the filter's
subquery, and a sample through the API."""

from __future__ import annotations

import random
import time

import pytest
from django.db import connection

from rightstrack.core.limits import MAX_QUERY_CHARS, MAX_QUERY_DEPTH, MAX_QUERY_TERMS
from rightstrack.recommendations.models import Recommendation
from rightstrack.recommendations.tests.factories import RecommendationFactory
from rightstrack.search import engine
from rightstrack.search import query as q

ODD = [
    '"',
    "*",
    "-",
    "AND",
    "OR",
    "NOT",
    "(",
    ")",
    "()",
    '""',
    '"*"',
    "-*",
    "a OR",
    "OR a",
    "a AND",
    "(a",
    "a)",
    "((a))",
    "*a",
    "a*b",
    "NOT NOT",
    "- -",
    '"a',
    'a"b"',
    "^",
    "~",
    ":",
    "a:b",
    "\\",
    "'",
    "a'b",
    "%",
    "_",
    "{",
    "[",
    "#",
    "AND OR NOT",
    "(OR)",
    "(-a)",
    "a -(b)",
    "-(a)",
    "a OR -b",
    "*****",
    "NEAR(a b)",
    "a NEAR b",
    '"a" "b"',
    '-"a"',
    "é",
    "中",
    "ﷺ",
    "\u200b",
    "a -(-b)",
    "a (b OR -c)",
    "a\tb",
    "torture)",
    ")torture(",
    "(" * 600 + "torture" + ")" * 600,
    "(" * 600,
    "torture " * 2000,
    "x" * 5000,
]
PAGES = ["/api/search", "/search/", "/api/recommendations", "/recommendations/", "/api/export/uhri.json"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_odd_search_texts_give_results_or_a_message(client, url):
    RecommendationFactory(text="Ratify the Convention against Torture")
    for text in ODD:
        response = client.get(url, {"q": text})
        assert response.status_code in (200, 400), (url, text[:40], response.status_code)


@pytest.mark.django_db
def test_the_limits_are_said(client):
    deep = client.get("/api/search", {"q": "(" * 300 + "torture" + ")" * 300})  # once a RecursionError
    assert deep.status_code == 400 and f"at most {MAX_QUERY_DEPTH}" in deep.content.decode()
    long = client.get("/api/search", {"q": "x" * (MAX_QUERY_CHARS + 1)})
    assert long.status_code == 400 and f"at most {MAX_QUERY_CHARS:,}".replace(",", "") in long.content.decode().replace(
        ",", ""
    )
    many = client.get("/api/search", {"q": " ".join(["word"] * (MAX_QUERY_TERMS + 1))})
    assert many.status_code == 400 and f"at most {MAX_QUERY_TERMS}" in many.content.decode()
    signs = client.get("/api/search", {"q": '"'})
    assert signs.status_code == 400 and "no word to look for" in signs.content.decode()
    assert client.get("/api/search", {"q": "(((torture)))"}).status_code == 200


PIECES = [
    "torture",
    "child",
    "marriage",
    "roma",
    "é",
    "中国",
    "16.2",
    "UN-Habitat",
    "discrimin*",
    "*",
    "-",
    "(",
    ")",
    '"',
    "AND",
    "OR",
    "NOT",
    "a",
    "'",
    ":",
    "^",
    "~",
    "NEAR",
    "\\",
    "\u200b",
    "ﷺ",
]


def _generated(count: int, seed: int):
    rng = random.Random(seed)
    for _ in range(count):
        parts = [rng.choice(PIECES) for _ in range(rng.randint(1, 12))]
        yield "".join(p + rng.choice(["", " ", " ", "  "]) for p in parts)


def test_ten_thousand_generated_queries_parse_or_are_refused_with_a_message():
    outcomes = {"ran": 0, "refused": 0, "empty": 0}
    for text in _generated(10_000, seed=16):
        try:
            node = q.parse(text)
        except q.QueryError:
            outcomes["refused"] += 1
            continue
        if node is None:
            outcomes["empty"] += 1
            continue
        q.FTS5Writer().write(node)  # SQLite's syntax
        q.TsqueryWriter().write(node)  # PostgreSQL's
        outcomes["ran"] += 1
    assert outcomes["ran"] > 3_000 and outcomes["refused"] > 100, outcomes


# Characters a fuzzer draws one by one: the query language's signs, what full-text
# engines treat specially, control characters (NUL among them), and letters of every
# script the UN uses, with combining marks, joiners and direction marks.
SIGNS = "\"*-()+^~:\\'%_{}[]#<>|&!?.,;/@$=`"
ALPHABETS = (
    "abcdefghijklmnopqrstuvwxyz"
    "ÉéèçñüßøœĀ"
    "中国儿童权利酷刑"
    "حقوقالإنسانﷺ"
    "правачеловека"
    "\u0301\u200b\u200d\u200e\u200f\u202e\ufeff\ufffd"
    "0123456789 \t\n\r\x00\x01\x1f\x7f"
)
WORDS = [
    "torture",
    "child",
    "marriage",
    "ratify",
    "convention",
    "roma",
    "tortur*",
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "discriminación",
    "pueblos",
    "droits",
    "enfants",
    "права",
    "人权",
    "حقوق",
    "16.2",
    "UN-Habitat",
]


def _fuzzed(count: int, seed: int):
    """Random texts: half words and signs joined anyhow, half characters drawn one by
    one; a few of every hundred past the limits (long, deep, many words)."""
    rng = random.Random(seed)
    alphabet = SIGNS + ALPHABETS
    for n in range(count):
        kind = n % 100
        if kind == 0:
            yield "(" * rng.randint(7, 12) + rng.choice(WORDS) + ")" * rng.randint(0, 12)
        elif kind == 1:
            yield " ".join(rng.choice(WORDS) for _ in range(rng.randint(35, 60)))
        elif kind < 50:
            parts = [rng.choice(WORDS + list(SIGNS)) for _ in range(rng.randint(1, 15))]
            yield "".join(part + rng.choice(["", " ", " ", "\t"]) for part in parts)
        else:
            yield "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60)))


@pytest.mark.django_db
def test_ten_thousand_fuzzed_queries_run_on_this_database():
    """Every text is refused by the parser with a message, or runs on the database's
    engine (the search's match and the filters' subquery) without an error: the engine
    is never what refuses a text (``engine.match`` turns an engine error into a message,
    which would hide a bug of the writers: none may happen)."""
    for text in [
        "Ratify the Convention against Torture and end child marriage",
        "Garantizar los derechos de los pueblos indígenas",
        "Protéger les droits des enfants",
        "Обеспечить права человека",
        "保障儿童权利",
        "ضمان حقوق الإنسان",
    ]:
        RecommendationFactory(text=text)
    outcomes = {"matched": 0, "no match": 0, "refused": 0, "no word": 0}
    started = time.monotonic()
    for text in _fuzzed(10_000, seed=18):
        try:
            node = q.parse(text)
        except q.QueryError as exc:
            assert "could not be run" not in str(exc)
            outcomes["refused"] += 1
            continue
        if node is None:
            outcomes["no word"] += 1
            continue
        ids, _scores = engine.match(node)  # raises QueryError("could not be run") on an engine error
        subquery = Recommendation.objects.filter(id__in=engine.matching_ids_sql(text)).count()
        assert subquery == len(ids), text
        outcomes["matched" if len(ids) else "no match"] += 1
    print(f"{connection.vendor}: 10,000 fuzzed queries in {time.monotonic() - started:.1f} s: {outcomes}")
    assert outcomes["matched"] > 300 and outcomes["refused"] > 300 and outcomes["no match"] > 1000, outcomes


@pytest.mark.django_db
@pytest.mark.parametrize("generate, seed", [(_generated, 17), (_fuzzed, 19)])
def test_generated_queries_through_the_api_give_results_or_a_message(client, generate, seed, settings):
    settings.API_ANONYMOUS_RATE = ""  # 300 searches from one address: past its minute
    RecommendationFactory(text="Ratify the Convention against Torture and end child marriage")
    for text in generate(300, seed=seed):
        response = client.get("/api/search", {"q": text})
        assert response.status_code in (200, 400), (text, response.status_code)


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["_ratify", ",_torture: *", "child _marriage", "data_protection"])
def test_underscores_match_the_same_on_both_databases(text):
    RecommendationFactory(text="Ratify the Convention against Torture and end child marriage; data protection")
    ids, _scores = engine.match(q.parse(text))
    assert len(ids) == 1, text
