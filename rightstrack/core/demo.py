"""The demo dataset: real recommendations from public UN documents, shipped with rightstrack.

Built by ``scripts/build_demo_data.py`` with rightstrack's own parsers from:
OHCHR's thematic lists of UPR recommendations to Slovenia (2nd and 3rd cycles, from the
Working Group reports A/HRC/28/15 and A/HRC/43/15 and their addenda) and the Human
Rights Committee's concluding-observation paragraphs selected for its follow-up
procedure (CCPR/C/.../CO/...).
"""
from __future__ import annotations

from importlib import resources

from django.contrib.auth import get_user_model

from rightstrack.core.services import generate_password
from rightstrack.ingest.formats import rightstrack_json
from rightstrack.ingest.services import ImportSummary, import_records

ATTRIBUTION = (
    "Demo data: United Nations, OHCHR — thematic lists of UPR recommendations (Slovenia, "
    "A/HRC/28/15, A/HRC/43/15) and Human Rights Committee concluding observations."
)


def demo_path():
    return resources.files("rightstrack.core").joinpath("data", "demo.json")


def load_demo_data() -> ImportSummary:
    """Import the demo dataset as published recommendations (idempotent)."""
    with resources.as_file(demo_path()) as path:
        documents, records = rightstrack_json.load(path)
        return import_records(records, documents=documents, source="rightstrack demo dataset", publish=True)


def ensure_demo_user(username: str = "demo") -> str:
    """Create the demo user (or reset its password) and return the new password."""
    User = get_user_model()
    user, _ = User.objects.get_or_create(username=username, defaults={"is_staff": True, "is_superuser": True})
    password = generate_password()
    user.set_password(password)
    user.save()
    return password
