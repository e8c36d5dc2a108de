"""Every page of planning, progress, consultation, the dashboard and the reports, for every role.

The pages come from the URL configuration, not from a list here: a page added later
fails ``test_every_page_is_in_the_matrix`` until its expected answers are written
below. For each (page, role): the status code; a refusal (403) or a sign-in redirect
writes nothing to the audit trail, and an unpublished item's text never reaches the
public.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver

from rightstrack.accounts.choices import Role
from rightstrack.consultation.services import open_round
from rightstrack.core.models import AuditEvent, Job
from rightstrack.planning import services as planning
from rightstrack.planning.tests.factories import EntityFactory, person
from rightstrack.progress import services as progress
from rightstrack.progress.tests.followup_sample import procedure
from rightstrack.recommendations.tests.factories import RecommendationFactory

pytestmark = pytest.mark.django_db
ROLES = ["admin", "staff", "focal", "other_focal", "contributor", "viewer", "public"]
PLANNERS = {"admin", "staff"}
SIGNED_IN = set(ROLES) - {"public"}
SECRET = "UNPUBLISHED-PLAN-MARKER"
NAMESPACES = ("planning", "progress", "consultation", "dashboard", "reports")


@dataclass
class World:
    people: dict
    ids: dict


@pytest.fixture
def world(db, settings, tmp_path) -> World:
    """A published plan with a cluster and an action for each of two entities, an
    unpublished plan, reports in several states (the draft with an evidence file), a
    consultation round."""
    settings.MEDIA_ROOT = tmp_path  # evidence files land in the test's own folder
    a, b = EntityFactory(name="Ministry A"), EntityFactory(name="Ministry B")
    people = {
        "admin": person(Role.NMRF_ADMIN),
        "staff": person(Role.NMRF_STAFF),
        "focal": person(Role.FOCAL_POINT, a),
        "other_focal": person(Role.FOCAL_POINT, b),
        "contributor": person(Role.CONTRIBUTOR),
        "viewer": person(Role.VIEWER),
        "public": AnonymousUser(),
    }
    for planner in PLANNERS:  # as planning.services.set_role makes them: staff of the site, too
        people[planner].is_staff = True
        people[planner].save(update_fields=["is_staff"])
    staff, focal = people["staff"], people["focal"]
    rec = RecommendationFactory(text="Adopt a law on equality")
    loose = RecommendationFactory(text="Ratify the Optional Protocol")
    planning.assign(staff, [rec.pk], a, lead=True)
    plan = planning.create_plan(staff, title="Published plan", is_published=True)
    cluster = planning.create_cluster(staff, plan, "Equality")
    planning.add_to_cluster(staff, cluster, [rec.pk])
    action = planning.create_action(staff, plan=plan, cluster=cluster, entity=a, title="Draft the equality law")
    planning.create_action(staff, plan=plan, cluster=cluster, entity=b, title="Train judges")
    indicator = planning.create_indicator(staff, action, "Law adopted")
    hidden = planning.create_plan(staff, title=f"Plan {SECRET}")
    hidden_action = planning.create_action(staff, plan=hidden, recommendation=rec, entity=a, title=f"Action {SECRET}")
    draft = progress.create_report(focal, action=action, text=f"Draft {SECRET}", date=dt.date(2026, 11, 1))
    draft_file = progress.add_evidence(focal, draft, file=SimpleUploadedFile("law.pdf", f"%PDF-1.4 {SECRET}".encode()))
    submitted = progress.create_report(focal, action=action, text="Submitted", date=dt.date(2026, 11, 2))
    submitted = progress.submit(focal, submitted, submitted.version)
    published = progress.create_report(focal, action=action, text="Published", date=dt.date(2026, 11, 3))
    for step in (progress.submit, progress.validate, progress.publish):
        published = step(staff if step is not progress.submit else focal, published, published.version)
    round_ = open_round(
        staff, title="Draft mid-term report", deadline=dt.date(2027, 1, 31), invited=[people["contributor"]]
    )
    followed = procedure(rec, "CCPR/C/SVN/CO/4")
    hidden_followed = procedure(RecommendationFactory(text=f"Hidden {SECRET}", is_published=False), "CCPR/C/SVN/CO/5")
    return World(
        people,
        {
            "followup": followed.pk,
            "hidden_followup": hidden_followed.pk,
            "plan": plan.pk,
            "hidden": hidden.pk,
            "cluster": cluster.pk,
            "action": action.pk,
            "hidden_action": hidden_action.pk,
            "indicator": indicator.pk,
            "entity": a.pk,
            "rec": rec.pk,
            "loose": loose.pk,
            "draft": draft.pk,
            "draft_file": draft_file.pk,
            "submitted": submitted.pk,
            "published": published.pk,
            "round": round_.pk,
            "viewer": people["viewer"].pk,
            "version": {"draft": draft.version, "submitted": submitted.version, "action": action.version},
        },
    )


def expect(ok, roles, *, refused=403):
    """``ok`` for the roles given, ``refused`` for the other signed-in ones, a sign-in
    redirect for the public (unless the public is among ``roles``)."""
    return {role: ok if role in roles else ("login" if role == "public" else refused) for role in ROLES}


EVERYONE = expect(200, set(ROLES))
PLANNING = expect(200, PLANNERS)

# (url name, label): (method, url kwargs (a function of the world's ids), data, expected by role)
MATRIX = {
    ("planning:plan_list", ""): ("get", {}, None, EVERYONE),
    ("planning:plan_detail", "published"): ("get", lambda i: {"pk": i["plan"]}, None, EVERYONE),
    ("planning:plan_detail", "unpublished"): ("get", lambda i: {"pk": i["hidden"]}, None, expect(200, SIGNED_IN)),
    ("planning:plan_create", ""): ("get", {}, None, PLANNING),
    ("planning:plan_edit", ""): ("get", lambda i: {"pk": i["plan"]}, None, PLANNING),
    ("planning:cluster_create", ""): ("get", lambda i: {"plan_pk": i["plan"]}, None, PLANNING),
    ("planning:cluster_detail", ""): ("get", lambda i: {"pk": i["cluster"]}, None, EVERYONE),
    ("planning:cluster_edit", ""): ("get", lambda i: {"pk": i["cluster"]}, None, PLANNING),
    ("planning:cluster_add", ""): (
        "post",
        lambda i: {"pk": i["cluster"]},
        lambda i: {"ids": str(i["loose"])},
        expect(302, PLANNERS),
    ),
    ("planning:action_list", ""): ("get", {}, None, EVERYONE),
    ("planning:action_create", ""): ("get", {}, None, PLANNING),  # ?cluster= added below
    ("planning:action_detail", "published"): ("get", lambda i: {"pk": i["action"]}, None, EVERYONE),
    ("planning:action_detail", "unpublished"): (
        "get",
        lambda i: {"pk": i["hidden_action"]},
        None,
        expect(200, SIGNED_IN),
    ),
    ("planning:action_edit", ""): ("get", lambda i: {"pk": i["action"]}, None, expect(200, PLANNERS | {"focal"})),
    ("planning:action_edit", "focal point's field"): (
        "post",
        lambda i: {"pk": i["action"]},
        lambda i: {
            "version": i["version"]["action"],
            "description": "New",
            "title": "Draft the equality law",
            "entity": i["entity"],
            "status": "not_started",
        },
        expect(302, PLANNERS | {"focal"}),
    ),
    ("planning:indicator_create", ""): (
        "get",
        lambda i: {"action_pk": i["action"]},
        None,
        expect(200, PLANNERS | {"focal"}),
    ),
    ("planning:indicator_edit", ""): ("get", lambda i: {"pk": i["indicator"]}, None, expect(200, PLANNERS | {"focal"})),
    ("planning:archive", ""): (
        "post",
        lambda i: {"kind": "action", "pk": i["action"]},
        lambda i: {"version": i["version"]["action"]},
        expect(302, PLANNERS),
    ),
    ("planning:entity_list", ""): ("get", {}, None, EVERYONE),
    ("planning:entity_create", ""): ("get", {}, None, PLANNING),
    ("planning:entity_edit", ""): ("get", lambda i: {"pk": i["entity"]}, None, PLANNING),
    ("planning:assign", ""): ("get", {}, None, PLANNING),
    ("accounts:people", ""): ("get", {}, None, expect(200, {"admin"})),
    ("accounts:person_role", ""): ("get", lambda i: {"pk": i["viewer"]}, None, expect(200, {"admin"})),
    ("progress:report_list", ""): ("get", {}, None, EVERYONE),
    ("progress:report_create", ""): ("get", {}, None, expect(200, PLANNERS | {"focal"})),  # ?action= added below
    ("progress:report_detail", "draft"): (
        "get",
        lambda i: {"pk": i["draft"]},
        None,
        expect(200, PLANNERS | {"focal"}, refused=404),
    ),
    ("progress:report_detail", "published"): ("get", lambda i: {"pk": i["published"]}, None, EVERYONE),
    ("progress:report_edit", ""): ("get", lambda i: {"pk": i["draft"]}, None, expect(200, PLANNERS | {"focal"})),
    ("progress:report_move", "submit"): (
        "post",
        lambda i: {"pk": i["draft"], "step": "submit"},
        lambda i: {"version": i["version"]["draft"]},
        expect(302, PLANNERS | {"focal"}),
    ),
    ("progress:report_move", "validate"): (
        "post",
        lambda i: {"pk": i["submitted"], "step": "validate"},
        lambda i: {"version": i["version"]["submitted"]},
        expect(302, PLANNERS),
    ),
    ("progress:report_move", "return"): (
        "post",
        lambda i: {"pk": i["submitted"], "step": "return"},
        lambda i: {"version": i["version"]["submitted"], "comment": "More detail"},
        expect(302, PLANNERS),
    ),
    ("progress:tracking_edit", ""): ("get", lambda i: {"pk": i["rec"]}, None, PLANNING),
    # A draft's evidence: a 404 for whoever may not see the report, the public included.
    ("progress:evidence_file", "draft"): (
        "get",
        lambda i: {"pk": i["draft_file"], "name": "law.pdf"},
        None,
        {**expect(200, PLANNERS | {"focal"}, refused=404), "public": 404},
    ),
    ("consultation:comment", ""): (
        "post",
        {},
        lambda i: {"recommendation": i["rec"], "text": "Our view"},
        expect(302, PLANNERS | {"contributor"}),
    ),
    ("consultation:assess", ""): ("get", lambda i: {"pk": i["rec"]}, None, expect(200, {"contributor"})),
    ("consultation:round_list", ""): ("get", {}, None, expect(200, SIGNED_IN)),
    ("consultation:round_create", ""): ("get", {}, None, PLANNING),
    ("consultation:round_edit", ""): ("get", lambda i: {"pk": i["round"]}, None, PLANNING),
    ("consultation:round_detail", ""): (
        "get",
        lambda i: {"pk": i["round"]},
        None,
        expect(200, PLANNERS | {"contributor"}, refused=404),
    ),
    ("dashboard:dashboard", ""): ("get", {}, None, EVERYONE),
    ("dashboard:overdue", ""): ("get", {}, None, EVERYONE),
    # The matrix: everyone makes one (the public's of published data only); bringing a
    # filled-in one back starts an import check for NMRF staff.
    ("reports:index", ""): ("get", {}, None, EVERYONE),  # with a preview: ?language= added below
    ("reports:download", ""): ("get", {}, None, EVERYONE),  # ?format= added below
    ("reports:bring_back", ""): (
        "post",
        {},
        lambda i: {"entity": i["entity"], "file": _matrix()},
        expect(302, PLANNERS),
    ),
    # The mid-term report and a plan: everyone, of what they may see (an unpublished plan is
    # not among the public's choices: a 400 with the form).
    ("reports:midterm", ""): ("get", {}, None, EVERYONE),  # ?midterm-country= added below
    ("reports:plan", "published"): ("get", {}, None, EVERYONE),  # ?plan-plan= added below
    ("reports:plan", "unpublished"): ("get", {}, None, {**EVERYONE, "public": 400}),
    # Treaty-body follow-up: a procedure on a published recommendation for everyone, one on an
    # unpublished one for those signed in (its report: a 400 with the form for the public).
    ("progress:followup_list", ""): ("get", {}, None, EVERYONE),
    ("progress:followup_detail", "published"): ("get", lambda i: {"pk": i["followup"]}, None, EVERYONE),
    ("progress:followup_detail", "unpublished"): (
        "get",
        lambda i: {"pk": i["hidden_followup"]},
        None,
        expect(200, SIGNED_IN),
    ),
    ("reports:followup", "published"): ("get", {}, None, EVERYONE),  # ?followup-document= added below
    ("reports:followup", "unpublished"): ("get", {}, None, {**EVERYONE, "public": 400}),
}
QUERY = {
    "planning:action_create": lambda i: f"?cluster={i['cluster']}",
    "progress:report_create": lambda i: f"?action={i['action']}",
    "reports:index": lambda i: "?language=en&format=docx",
    "reports:download": lambda i: "?language=en&format=xlsx",
    "reports:midterm": lambda i: "?midterm-country=SVN&midterm-cycle=3&midterm-language=en&midterm-format=pdf",
}
LABELLED_QUERY = {
    ("reports:plan", "published"): lambda i: f"?plan-plan={i['plan']}&plan-language=en&plan-format=xlsx",
    ("reports:plan", "unpublished"): lambda i: f"?plan-plan={i['hidden']}&plan-language=en&plan-format=docx",
    ("reports:followup", "published"): lambda i: (
        "?followup-document=CCPR/C/SVN/CO/4&followup-language=en&followup-format=pdf"
    ),
    ("reports:followup", "unpublished"): lambda i: (
        "?followup-document=CCPR/C/SVN/CO/5&followup-language=ar&followup-format=docx"
    ),
}
# Allowed posts that change nothing yet: they start a background job (an import
# check, which a person confirms on its page), recorded as a Job, not in the audit trail.
STARTS_A_JOB = {"reports:bring_back"}


def _matrix() -> SimpleUploadedFile:
    """A matrix as the Reports page makes it (everything in it, as NMRF staff see it)."""
    from rightstrack.core.permissions import OPERATOR
    from rightstrack.reports.services import generate

    made = generate(OPERATOR, fmt="xlsx")
    return SimpleUploadedFile(made.filename, made.content)


def _names() -> set[str]:
    resolver = get_resolver()
    found = set()
    for namespace in NAMESPACES:
        _prefix, sub = resolver.namespace_dict[namespace]
        found.update(f"{namespace}:{name}" for name in sub.reverse_dict if isinstance(name, str))
    return found


def test_every_page_is_in_the_matrix():
    missing = _names() - {name for name, _label in MATRIX}
    assert not missing, f"add these pages to MATRIX: {sorted(missing)}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(MATRIX), ids=lambda p: f"{p[0]}[{p[1]}]" if p[1] else p[0])
def test_page_answers_each_role_as_expected(client, world, page, role):
    from django.urls import reverse

    method, kwargs, data, expected = MATRIX[page]
    name = page[0]
    url = reverse(name, kwargs=kwargs(world.ids) if callable(kwargs) else kwargs)
    url += QUERY[name](world.ids) if name in QUERY else ""
    url += LABELLED_QUERY[page](world.ids) if page in LABELLED_QUERY else ""
    if role != "public":
        client.force_login(world.people[role])
    events, started = AuditEvent.objects.count(), Job.objects.count()
    response = client.post(url, data(world.ids)) if method == "post" else client.get(url)
    want = expected[role]
    if want == "login":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], (url, response.status_code)
    else:
        assert response.status_code == want, (url, role, response.status_code)
    if want in ("login", 403, 404):
        assert AuditEvent.objects.count() == events, f"{url}: a refused {role} changed something"
        assert Job.objects.count() == started, f"{url}: a refused {role} started a job"
    elif name in STARTS_A_JOB:
        assert Job.objects.count() > started, f"{url}: {role}'s allowed request started no job"
    elif method == "post":
        assert AuditEvent.objects.count() > events, f"{url}: {role}'s allowed change was not recorded"
    if role == "public":
        assert SECRET.encode() not in response.content, f"{url} shows unpublished work to the public"


def test_a_focal_point_cannot_post_the_plans_fields_of_its_own_action(client, world):
    client.force_login(world.people["focal"])
    response = client.post(
        f"/plans/actions/{world.ids['action']}/edit/",
        {"version": world.ids["version"]["action"], "title": "Renamed", "description": "x", "status": "in_progress"},
    )
    # The form has no title field for a focal point: the title is ignored, the rest saved.
    assert response.status_code == 302
    from rightstrack.planning.models import Action

    saved = Action.objects.get(pk=world.ids["action"])
    assert (saved.title, saved.description, saved.status) == ("Draft the equality law", "x", "in_progress")
