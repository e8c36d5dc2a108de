"""An illustrative implementation plan on the demo's real recommendations, so that
``rightstrack demo`` shows planning, reporting and consultation at work.

The recommendations are real (Slovenia's third UPR cycle); the entities are named after
Slovenian ministries, but the plan, its actions, figures and reports are invented for
the demonstration and say so. Dates are set from today, so some actions are overdue
whenever the demo is loaded.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q

from rightstrack.accounts import services as accounts
from rightstrack.accounts.choices import EntityKind, Role
from rightstrack.planning import services
from rightstrack.planning.choices import IndicatorKind, Status
from rightstrack.planning.models import Plan
from rightstrack.progress import services as progress
from rightstrack.recommendations.models import Recommendation

TITLE = "Illustrative implementation plan — Slovenia, third UPR cycle (demo)"
ENTITIES = [
    ("Ministry of Justice", "MoJ", EntityKind.MINISTRY),
    ("Ministry of Education, Science and Sport", "MESS", EntityKind.MINISTRY),
    ("Ministry of Labour, Family, Social Affairs and Equal Opportunities", "MLFSA", EntityKind.MINISTRY),
    ("Ministry of the Interior", "MoI", EntityKind.MINISTRY),
    ("Government Office for National Minorities", "OFNM", EntityKind.AGENCY),
]
# Cluster title, words any of which puts a recommendation in it, lead entity, actions:
# (title, days from today to the due date, indicator (kind, name, baseline, target, unit)).
CLUSTERS = [
    (
        "Roma inclusion",
        ["Roma"],
        "MESS",
        [
            (
                "Roma teaching assistants in primary schools",
                400,
                (IndicatorKind.OUTCOME, "Primary schools with a Roma teaching assistant", "31", "60", "schools"),
            ),
            (
                "Access to drinking water in Roma settlements",
                -30,
                (IndicatorKind.OUTCOME, "Roma settlements connected to public water", "60", "100", "%"),
            ),
        ],
    ),
    (
        "Violence against women",
        ["violence against women", "domestic violence"],
        "MLFSA",
        [
            (
                "Adopt the resolution on the prevention of domestic violence",
                -90,
                (IndicatorKind.STRUCTURE, "Resolution adopted by the National Assembly", "no", "yes", ""),
            ),
        ],
    ),
    (
        "Hate speech and intolerance",
        ["hate speech"],
        "MoJ",
        [
            (
                "Guidelines for prosecutors on hate speech",
                180,
                (IndicatorKind.PROCESS, "Prosecutors trained on the guidelines", "0", "150", "prosecutors"),
            ),
        ],
    ),
    (
        "Migrants and asylum seekers",
        ["migrant", "asylum"],
        "MoI",
        [
            (
                "Alternatives to detention for families with children",
                270,
                (IndicatorKind.OUTCOME, "Children held in the Aliens Centre", "48", "0", "children a year"),
            ),
        ],
    ),
]


@transaction.atomic
def load_demo_plan(admin, focal, contributor, today: dt.date | None = None) -> Plan | None:
    """Entities, a plan with clusters, actions, indicators and reports in each state of
    the workflow; ``focal`` becomes the education ministry's focal point, ``contributor``
    an NHRI contributor. Does nothing if the demo plan is already there."""
    if Plan.objects.filter(title=TITLE).exists():
        return None
    today = today or dt.date.today()
    entities = {
        short: services.create_entity(admin, name=name, short_name=short, kind=kind) for name, short, kind in ENTITIES
    }
    accounts.set_role(admin, focal, Role.FOCAL_POINT, entities["MESS"])
    accounts.set_role(admin, contributor, Role.CONTRIBUTOR)
    plan = services.create_plan(
        admin,
        title=TITLE,
        is_published=True,
        start=dt.date(today.year - 1, 1, 1),
        end=dt.date(today.year + 3, 12, 31),
        description="Invented for the demonstration: the recommendations are real, "
        "the plan, its figures and reports are not.",
    )
    scope = Recommendation.objects.filter(state__iso3="SVN", cycle=3)
    actions = []
    for position, (title, words, lead, planned) in enumerate(CLUSTERS, start=1):
        cluster = services.create_cluster(admin, plan, title, position=position)
        match = Q()
        for word in words:
            match |= Q(text__icontains=word)
        ids = list(scope.filter(match).values_list("pk", flat=True))
        services.add_to_cluster(admin, cluster, ids)
        services.assign(admin, ids, entities[lead], lead=True)
        for name, due_in, (kind, indicator, baseline, target, unit) in planned:
            action = services.create_action(
                admin,
                plan=plan,
                cluster=cluster,
                entity=entities[lead],
                title=name,
                start=dt.date(today.year - 1, 3, 1),
                due=today + dt.timedelta(days=due_in),
            )
            services.create_indicator(admin, action, indicator, kind=kind, baseline=baseline, target=target, unit=unit)
            actions.append(action)
    _reports(admin, focal, actions[0], today)
    _statuses(admin, plan)
    return plan


# Invented statuses, spread over the plan's recommendations so the dashboard has
# something to show: every 7th implemented, every 5th partially, every 3rd in progress.
SPREAD = [(7, Status.IMPLEMENTED), (5, Status.PARTIALLY_IMPLEMENTED), (3, Status.IN_PROGRESS)]


def _statuses(admin, plan: Plan) -> None:
    recs = Recommendation.objects.filter(clusters__plan=plan).distinct().order_by("pk")
    for n, rec in enumerate(recs, start=1):
        status = next((status for every, status in SPREAD if n % every == 0), None)
        if status:
            tracking = progress.tracking_for(rec)
            progress.set_status(admin, rec, tracking.version, status=status)


def _reports(admin, focal, action, today: dt.date) -> None:
    """A published report, one waiting for validation and one returned, all on the
    focal point's action."""
    indicator = action.indicators.get()
    first = progress.create_report(
        focal,
        action=action,
        date=today - dt.timedelta(days=120),
        text="Teaching assistants recruited for 38 schools (demo figures).",
        proposed_status=Status.IN_PROGRESS,
        indicator_values=[(indicator, "38")],
    )
    for step in (progress.submit, progress.validate, progress.publish):
        first = step(focal if step is progress.submit else admin, first, first.version)
    second = progress.create_report(
        focal,
        action=action,
        date=today - dt.timedelta(days=10),
        text="Five more schools; training of assistants under way (demo figures).",
        indicator_values=[(indicator, "43")],
    )
    second = progress.submit(focal, second, second.version)
    third = progress.create_report(
        focal, action=action, date=today - dt.timedelta(days=40), text="Recruitment continues."
    )
    third = progress.submit(focal, third, third.version)
    progress.return_report(admin, third, third.version, "Give the number of schools and pupils reached.")
