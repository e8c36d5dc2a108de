"""Project-wide pytest fixtures.

Tests that need the real UN / UPR Info data read it in place from ``../shared/data``
(or ``$RIGHTSTRACK_SHARED_DATA``). Outside CI a checkout without it skips those tests
with a reason; in CI (``CI`` set) a missing folder fails, so real-data tests never pass
by not running.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED_DATA = Path(
    os.environ.get("RIGHTSTRACK_SHARED_DATA", Path(__file__).resolve().parent.parent / "shared" / "data")
)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real-data folder; see the module docstring."""
    if not SHARED_DATA.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"real data folder not found: {SHARED_DATA}")
        pytest.skip(f"real data folder not found: {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture(scope="session", autouse=True)
def _data_dir():
    """The data directory and its folders, as `rightstrack` makes them before a command."""
    from rightstrack import datadir

    datadir.prepare()


@pytest.fixture
def staff(client):
    """An NMRF staff member, signed in on the test client."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("nmrf", password="x-very-long-passphrase", is_staff=True)
    client.force_login(user)
    return user


@pytest.fixture(autouse=True)
def _no_vectors_on_import(settings):
    """Imports in tests skip the meaning vectors (seconds per thousand texts); tests of
    semantic search compute them explicitly, and one test checks the import does."""
    settings.VECTORS_ON_IMPORT = False
    settings.TAG_ON_IMPORT = False


@pytest.fixture(autouse=True)
def _fresh_api_counts():
    """Each test starts with no anonymous API requests counted (the counts live in the
    process's memory, and the suite makes thousands from one address)."""
    from django.core.cache import caches

    caches["throttle"].clear()


@pytest.fixture(autouse=True)
def _fresh_choices():
    """Each test reads the filter forms' choices from its own database: a rolled-back
    test leaves no post_delete behind, so the kept choices could hold its States."""
    from rightstrack.reference.selectors import forget_choices

    forget_choices()


@pytest.fixture(autouse=True)
def _default_language(settings):
    """Each test starts in the default language: a request with another language (a
    page viewed in Spanish) leaves it active in the thread, and texts built outside a
    request (dashboard labels, messages) would follow it into the next test."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


def pytest_collection_modifyitems(config, items):
    """The PostgreSQL run (``DATABASE_URL`` set) runs the tests that use the database.
    The others (parsers, the console script in a child process on its own SQLite data
    directory) do exactly what they did in the SQLite run, so they are skipped there,
    saying why: CI runs both suites on two cores in under 30 minutes."""
    if not os.environ.get("DATABASE_URL"):
        return
    uses_database = {
        "db",
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "live_server",
    }
    skip = pytest.mark.skip(reason="no database used: the same as in the SQLite run")
    for item in items:
        if item.get_closest_marker("django_db") is None and not uses_database & set(getattr(item, "fixturenames", ())):
            item.add_marker(skip)
