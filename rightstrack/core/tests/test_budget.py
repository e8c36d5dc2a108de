"""Each web request has a time budget (``core.budget``): past it the database stops the
running statement and the request is a 503 that says so, never a thread held for
minutes (six anonymous searches once held every thread of the server for 104 s)."""

import time

import pytest
from django.db import connection, transaction

from rightstrack.core import budget

# A statement that runs for minutes on both databases: counting to a billion.
ENDLESS = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) SELECT count(*) FROM c"


def _count(sql=ENDLESS):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_a_statement_past_the_budget_is_stopped_on_time():
    started = time.monotonic()
    with pytest.raises(budget.RequestTooLong), budget.limit(0.5):
        _count()
    assert time.monotonic() - started < 3
    # The connection is itself again: no handler, no timeout left behind.
    assert _count("SELECT 1") == 1
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone()[0] == "0"


@pytest.mark.django_db
def test_no_query_starts_once_the_budget_is_spent_and_more_can_be_asked():
    with budget.limit(0.05):
        time.sleep(0.1)
        with pytest.raises(budget.RequestTooLong):
            _count("SELECT 1")
        budget.allow(5)
        assert _count("SELECT 1") == 1
        budget.check()
    assert budget.remaining() is None  # outside a request: no budget
    budget.check()


@pytest.mark.django_db
def test_within_the_budget_nothing_changes():
    with budget.limit(5):
        assert (
            _count(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000) SELECT count(*) FROM c"
            )
            == 1000
        )


@pytest.mark.django_db
def test_a_page_past_its_budget_is_a_503_that_says_what_to_do(client, settings):
    settings.RIGHTSTRACK_REQUEST_SECONDS = 0
    response = client.get("/recommendations/?q=water")
    assert response.status_code == 503 and response["Retry-After"]
    assert b"took too long" in response.content and b"Narrow it down" in response.content
    api = client.get("/api/recommendations?q=water")
    assert api.status_code == 503 and "took too long" in api.json()["detail"]


@pytest.mark.django_db
def test_requests_within_the_budget_are_served(client):
    assert client.get("/recommendations/?q=water").status_code == 200
    assert client.get("/api/recommendations?q=water").status_code == 200
