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


def ensure_demo_user(username: str = "demo", *, admin: bool = True) -> str:
    """Create a demo user (or reset its password) and return the new password."""
    User = get_user_model()
    user, _ = User.objects.get_or_create(username=username, defaults={"is_staff": admin, "is_superuser": admin})
    password = generate_password()
    user.set_password(password)
    user.save()
    return password


def load_demo_plan() -> dict[str, str]:
    """The illustrative plan (``planning.demo``) with its two extra logins: a focal
    point and an NHRI contributor. Returns their passwords by user name."""
    from rightstrack.planning.demo import load_demo_plan as load

    User = get_user_model()
    passwords = {name: ensure_demo_user(name, admin=False) for name in ("focal", "nhri")}
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    nhri = User.objects.get(username="nhri")
    if load(admin, User.objects.get(username="focal"), nhri):
        _demo_consultation(admin, nhri)
    return passwords


NHRI = "Human Rights Ombudsman (demo)"


def _demo_consultation(admin, nhri) -> None:
    """A consultation on the draft mid-term report of the demo's review, answered by the
    NHRI, and the NHRI's own view of three recommendations (invented, like the plan)."""
    import datetime as dt

    from rightstrack.consultation import services as consultation
    from rightstrack.recommendations.models import Recommendation
    from rightstrack.reference.models import State

    today = dt.date.today()
    scope = Recommendation.objects.filter(state__iso3="SVN", cycle=3, clusters__isnull=False).distinct()
    if not scope.exists():
        return
    round_ = consultation.open_round(
        admin, title="Draft mid-term report: comments of the NHRI and civil society (demo)",
        description="Comment on the draft chapters and on the status of each recommendation.",
        deadline=today + dt.timedelta(days=14), invited=[nhri], subject="midterm",
        country=State.objects.get(iso3="SVN"), cycle=3)
    consultation.reply(nhri, round_, "The chapter on Roma inclusion should give the number of settlements still "
                                     "without water (demo).")
    views = [("partially_implemented", "Some progress, but the measures reach few settlements (demo)."),
             ("not_implemented", "No measure we know of (demo)."),
             ("in_progress", "A draft law is in public consultation (demo).")]
    for rec, (status, text) in zip(scope.order_by("pk"), views):
        consultation.assess(nhri, rec, organisation=NHRI, status=status, text=text,
                            date=today - dt.timedelta(days=30), is_public=True)
