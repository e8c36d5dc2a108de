"""The demo dataset: real recommendations from public UN documents, shipped with rightstrack.

Built by ``scripts/build_demo_data.py`` with rightstrack's own parsers from:
OHCHR's thematic lists of UPR recommendations to Slovenia (2nd and 3rd cycles, from the
Working Group reports A/HRC/28/15 and A/HRC/43/15 and their addenda) and the Human
Rights Committee's concluding-observation paragraphs selected for its follow-up
procedure (CCPR/C/.../CO/...), with the Committee's follow-up assessments of them
(``demo-ccpr-followup.json``, imported through the ``ccpr-followup`` format).
"""

from __future__ import annotations

from importlib import resources

from django.contrib.auth import get_user_model

from rightstrack.core.services import generate_password
from rightstrack.ingest.formats import rightstrack_json
from rightstrack.ingest.services import ImportSummary, import_file, import_records

ATTRIBUTION = (
    "Demo data: United Nations, OHCHR — thematic lists of UPR recommendations (Slovenia, "
    "A/HRC/28/15, A/HRC/43/15) and Human Rights Committee concluding observations."
)


FOLLOW_UP_FILE = "demo-ccpr-followup.json"


def demo_path():
    return resources.files("rightstrack.site").joinpath("data", "demo.json")


def load_demo_data() -> ImportSummary:
    """Import the demo dataset as published recommendations, then the Committee's
    follow-up assessments of its CCPR paragraphs (idempotent)."""
    with resources.as_file(demo_path()) as path:
        documents, records = rightstrack_json.load(path)
        summary = import_records(records, documents=documents, source="rightstrack demo dataset", publish=True)
    with resources.as_file(resources.files("rightstrack.site").joinpath("data", FOLLOW_UP_FILE)) as path:
        _format, followed, _skipped = import_file(path, "ccpr-followup", publish=True)
    summary.also.extend(followed.also[-1:])  # the figures; the source's duplicated rounds are for an import's reader
    return summary


def ensure_demo_user(username: str = "demo", *, admin: bool = True) -> str:
    """Create a demo user (or reset its password) and return the new password."""
    User = get_user_model()
    user, _ = User.objects.get_or_create(username=username, defaults={"is_staff": admin, "is_superuser": admin})
    password = generate_password()
    user.set_password(password)
    user.save()
    return password


def load_demo_plan() -> dict[str, str]:
    """The illustrative plan (``site.demo_plan``) with its two extra logins: a focal
    point and an NHRI contributor. Returns their passwords by user name."""
    from rightstrack.site.demo_plan import load_demo_plan as load

    User = get_user_model()
    passwords = {name: ensure_demo_user(name, admin=False) for name in ("focal", "nhri")}
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    nhri = User.objects.get(username="nhri")
    if load(admin, User.objects.get(username="focal"), nhri):
        _demo_consultation(admin, nhri)
        _demo_followup(admin)
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
        admin,
        title="Draft mid-term report: comments of the NHRI and civil society (demo)",
        description="Comment on the draft chapters and on the status of each recommendation.",
        deadline=today + dt.timedelta(days=14),
        invited=[nhri],
        subject="midterm",
        country=State.objects.get(iso3="SVN"),
        cycle=3,
    )
    consultation.reply(
        nhri, round_, "The chapter on Roma inclusion should give the number of settlements still without water (demo)."
    )
    views = [
        ("partially_implemented", "Some progress, but the measures reach few settlements (demo)."),
        ("not_implemented", "No measure we know of (demo)."),
        ("in_progress", "A draft law is in public consultation (demo)."),
    ]
    for rec, (status, text) in zip(scope.order_by("pk"), views, strict=False):
        consultation.assess(
            nhri, rec, organisation=NHRI, status=status, text=text, date=today - dt.timedelta(days=30), is_public=True
        )


def _demo_followup(admin) -> None:
    """Measures on the Human Rights Committee's follow-up paragraph 8 of Slovenia's
    concluding observations (CCPR/C/SVN/CO/3), invented like the plan: an action naming
    part (b) and a validated report, so the follow-up report shows them pre-filled."""
    import datetime as dt

    from rightstrack.accounts.models import Entity
    from rightstrack.planning import services as planning
    from rightstrack.planning.models import Plan
    from rightstrack.progress import services as progress
    from rightstrack.recommendations.models import Recommendation
    from rightstrack.site.demo_plan import TITLE

    rec = Recommendation.objects.filter(document__symbol="CCPR/C/SVN/CO/3", paragraph="8").first()
    plan = Plan.objects.filter(title=TITLE).first()
    if rec is None or plan is None:
        return
    today = dt.date.today()
    entity = Entity.objects.get(short_name="MLFSA")
    action = planning.create_action(
        admin,
        plan=plan,
        recommendation=rec,
        entity=entity,
        due=today + dt.timedelta(days=180),
        title="Strategy on the prevention and elimination of discrimination, paragraph 8 (b) (demo)",
        description="Drafted with civil-society representatives; adoption by the Government planned.",
    )
    report = progress.create_report(
        admin,
        action=action,
        date=today - dt.timedelta(days=20),
        entity=entity,
        text="Draft strategy (b) discussed with 14 civil-society organisations in two public meetings (demo figures).",
    )
    report = progress.submit(admin, report, report.version)
    progress.validate(admin, report, report.version)
