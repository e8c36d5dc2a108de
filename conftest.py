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


@pytest.fixture(autouse=True)
def _no_vectors_on_import(settings):
    """Imports in tests skip the meaning vectors (seconds per thousand texts); tests of
    semantic search compute them explicitly, and one test checks the import does."""
    settings.VECTORS_ON_IMPORT = False
    settings.TAG_ON_IMPORT = False


@pytest.fixture(autouse=True)
def _default_language(settings):
    """Each test starts in the default language: a request with another language (a
    page viewed in Spanish) leaves it active in the thread, and texts built outside a
    request (dashboard labels, messages) would follow it into the next test."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
