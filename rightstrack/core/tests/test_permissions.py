"""The one permission check: every action asked is declared, and nothing else decides."""

import re
from pathlib import Path

import pytest
import rules

from rightstrack.core.permissions import can

ROOT = Path(__file__).resolve().parents[2]
ASKED = re.compile(r"""(?:\bcan|\brequire|test_rule)\(?\s*(?:[\w.\[\]()"']+,\s*)?["']([a-z_]+\.[a-z_]+)["']""")


def _sources(*patterns):
    for pattern in patterns:
        for path in ROOT.rglob(pattern):
            if "/tests/" not in str(path) and "/migrations/" not in str(path):
                yield path


def test_an_undeclared_action_is_an_error_not_a_refusal():
    with pytest.raises(LookupError):
        can(None, "planning.plann")


def test_every_action_the_code_asks_is_declared():
    asked = {name for path in _sources("*.py", "*.html") for name in ASKED.findall(path.read_text())}
    assert {"planning.plan", "tagging.review", "progress.report", "core.start_jobs"} <= asked
    assert sorted(name for name in asked if not rules.rule_exists(name)) == []


def test_no_page_endpoint_or_service_looks_at_the_staff_flag():
    # The role (accounts.roles.role_of) reads it for accounts made before roles existed;
    # set_role keeps it in step for Django's administration pages. Nothing else decides on it.
    allowed = {
        "accounts/roles.py",
        "accounts/selectors.py",  # whom to write to: the planners as role_of finds them
        "accounts/services.py",
        "core/permissions.py",  # the command line's user
        "core/services.py",
        "site/demo.py",
    }
    found = [
        str(path.relative_to(ROOT))
        for path in _sources("*.py", "*.html")
        if re.search(r"is_staff|staff_member_required", path.read_text()) and str(path.relative_to(ROOT)) not in allowed
    ]
    assert found == []
