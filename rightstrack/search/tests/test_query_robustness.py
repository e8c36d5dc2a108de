"""Whatever a person types in a search box gives results or a message, never a server
error: lone signs, unbalanced or deeply nested brackets, exclusions in odd places, very
long texts; the same on every page and endpoint that takes a search text. Generated
queries check the parser and both engines' writers (every database's syntax) without a
database; a sample of them runs against this test's database."""
from __future__ import annotations

import random

import pytest

from rightstrack.core.limits import MAX_QUERY_CHARS, MAX_QUERY_DEPTH, MAX_QUERY_TERMS
from rightstrack.recommendations.tests.factories import RecommendationFactory
from rightstrack.search import query as q

ODD = ['"', "*", "-", "AND", "OR", "NOT", "(", ")", "()", '""', '"*"', "-*", "a OR", "OR a", "a AND", "(a", "a)",
       "((a))", "*a", "a*b", "NOT NOT", "- -", '"a', 'a"b"', "^", "~", ":", "a:b", "\\", "'", "a'b", "%", "_", "{",
       "[", "#", "AND OR NOT", "(OR)", "(-a)", "a -(b)", "-(a)", "a OR -b", "*****", "NEAR(a b)", "a NEAR b",
       '"a" "b"', '-"a"', "é", "中", "ﷺ", "\u200b", "a -(-b)", "a (b OR -c)", "a\tb", "torture)", ")torture(",
       "(" * 600 + "torture" + ")" * 600, "(" * 600, "torture " * 2000, "x" * 5000]
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
    assert long.status_code == 400 and f"at most {MAX_QUERY_CHARS:,}".replace(",", "") in \
        long.content.decode().replace(",", "")
    many = client.get("/api/search", {"q": " ".join(["word"] * (MAX_QUERY_TERMS + 1))})
    assert many.status_code == 400 and f"at most {MAX_QUERY_TERMS}" in many.content.decode()
    signs = client.get("/api/search", {"q": '"'})
    assert signs.status_code == 400 and "no word to look for" in signs.content.decode()
    assert client.get("/api/search", {"q": "(((torture)))"}).status_code == 200


PIECES = ["torture", "child", "marriage", "roma", "é", "中国", "16.2", "UN-Habitat", "discrimin*", "*", "-", "(", ")",
          '"', "AND", "OR", "NOT", "a", "'", ":", "^", "~", "NEAR", "\\", "\u200b", "ﷺ"]


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


@pytest.mark.django_db
def test_generated_queries_run_on_this_database(client):
    RecommendationFactory(text="Ratify the Convention against Torture and end child marriage")
    for text in _generated(300, seed=17):
        response = client.get("/api/search", {"q": text})
        assert response.status_code in (200, 400), (text, response.status_code)
