"""Every write of the planning, progress and consultation APIs, for every role.

The writes come from the OpenAPI schema (by the routers' tags), not from a list here: a
write added later fails ``test_every_write_is_in_the_matrix`` and its own cases until
its expected answers are written in ``MATRIX``. For each (write, role), on a fresh
world: the status code (201/200 allowed, 403 refused by the services, 404 for an item
the role may not see, 401 without credentials); a refused call writes nothing to the
audit trail, an allowed one records itself. The API counterpart of
``core/tests/test_permission_matrix.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile

from rightstrack.accounts.choices import Role
from rightstrack.accounts.models import Entity
from rightstrack.api.tests.test_every_endpoint import readable
from rightstrack.consultation.services import open_round
from rightstrack.core.models import AuditEvent
from rightstrack.planning import services as planning
from rightstrack.planning.models import Action, Indicator, Plan
from rightstrack.planning.tests.factories import EntityFactory, api_headers, person
from rightstrack.progress import services as progress
from rightstrack.progress.models import ProgressReport
from rightstrack.progress.tests.followup_sample import procedure
from rightstrack.recommendations.tests.factories import RecommendationFactory
from rightstrack.site.api import api

pytestmark = pytest.mark.django_db
ROLES = ["admin", "staff", "focal", "other_focal", "contributor", "viewer", "public"]
PLANNERS = {"admin", "staff"}
TAGS = {"planning", "progress", "consultation", "documents", "treaty-body follow-up"}
SECRET = "UNPUBLISHED-API-MARKER"
REFUSED = {401, 403, 404}


def _writes(schema: dict) -> dict[tuple[str, str], str]:
    """(method, path) -> content type of the body, for every write of the follow-up
    routers in ``schema``."""
    found = {}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method != "get" and TAGS & set(operation.get("tags", [])):
                found[(method, path)] = next(iter(operation.get("requestBody", {}).get("content", {})), "")
    return found


# Read when the tests are collected, so that each write is its own set of cases; the
# first test checks that the served /api/openapi.json lists the same writes.
WRITES = _writes(api.get_openapi_schema())


@dataclass
class World:
    people: dict
    ids: dict


@pytest.fixture
def world(db, settings, tmp_path) -> World:
    """Two entities with a focal point each and people of every other role; a published
    plan with a cluster, an action of each entity (one with an indicator); an
    unpublished plan; reports on the first entity's action as a draft, submitted and
    validated; a consultation round for the contributor; an account without a role."""
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
    staff = people["staff"]
    rec, loose = RecommendationFactory(text="Adopt a law on equality"), RecommendationFactory(text="Ratify the OP")
    planning.assign(staff, [rec.pk], a, lead=True)
    plan = planning.create_plan(staff, title="Published plan", is_published=True)
    cluster = planning.create_cluster(staff, plan, "Equality")
    planning.add_to_cluster(staff, cluster, [rec.pk])
    action = planning.create_action(staff, plan=plan, cluster=cluster, entity=a, title="Draft the equality law")
    other_action = planning.create_action(staff, plan=plan, cluster=cluster, entity=b, title="Train judges")
    indicator = planning.create_indicator(staff, action, "Law adopted")
    hidden = planning.create_plan(staff, title=f"Plan {SECRET}")
    hidden_action = planning.create_action(staff, plan=hidden, recommendation=rec, entity=a, title=f"Action {SECRET}")
    reports = _reports(people, action)
    round_ = open_round(
        staff, title="Draft mid-term report", deadline=dt.date(2027, 1, 31), invited=[people["contributor"]]
    )
    newcomer = person(Role.VIEWER)
    # Follow-up procedures: one on the published recommendation, one on an unpublished one.
    followed = procedure(rec, "CCPR/C/SVN/CO/4")
    hidden_followed = procedure(RecommendationFactory(text=f"Hidden {SECRET}", is_published=False), "CCPR/C/SVN/CO/5")
    ids = {
        "followup": followed.pk,
        "hidden_followup": hidden_followed.pk,
        "entity": a.pk,
        "rec": rec.pk,
        "loose": loose.pk,
        "plan": plan.pk,
        "cluster": cluster.pk,
        "action": action.pk,
        "other_action": other_action.pk,
        "indicator": indicator.pk,
        "hidden": hidden.pk,
        "hidden_action": hidden_action.pk,
        "round": round_.pk,
        "newcomer": newcomer.username,
        "contributor": people["contributor"].username,
        **{state: getattr(r, "pk", r) for state, r in reports.items()},
    }
    return World(people, ids)


def _reports(people, action) -> dict:
    focal, staff = people["focal"], people["staff"]

    def report(text, *steps):
        made = progress.create_report(focal, action=action, text=text, date=dt.date(2026, 11, 1))
        for step in steps:
            made = step(focal if step is progress.submit else staff, made, made.version)
        return made

    made = {
        "draft": report(f"Draft {SECRET}"),
        "submitted": report("Submitted", progress.submit),
        "validated": report("Validated", progress.submit, progress.validate),
    }
    made["draft_file"] = progress.add_evidence(
        focal, made["draft"], file=SimpleUploadedFile("law.pdf", f"%PDF-1.4 {SECRET}".encode())
    ).pk
    return made


def version(model, pk) -> int:
    """The stored version: what a caller would have read just before writing."""
    return model.objects.values_list("version", flat=True).get(pk=pk)


def expect(ok: int, roles: set[str], *, refused: int = 403, **others: int) -> dict[str, int]:
    """``ok`` for ``roles``, ``refused`` for the other signed-in roles unless ``others``
    names them, 401 for a caller without credentials."""
    answers = {role: ok if role in roles else refused for role in ROLES}
    return {**answers, **others, "public": 401}


def evidence_file(_ids) -> dict:
    return {
        "file": SimpleUploadedFile("law.pdf", b"%PDF-1.4 the law", content_type="application/pdf"),
        "description": "The law as adopted",
    }


AUTHORS = PLANNERS | {"focal"}

# (method, path): (path parameters, body, expected status by role); both functions of the
# world's ids, called after the world is made.
MATRIX = {
    ("post", "/api/entities"): (dict, lambda i: {"name": "Ministry C"}, expect(201, PLANNERS)),
    ("post", "/api/entities/{entity_id}"): (
        lambda i: {"entity_id": i["entity"]},
        lambda i: {"version": version(Entity, i["entity"]), "short_name": "MA"},
        expect(200, PLANNERS),
    ),
    ("post", "/api/plans"): (dict, lambda i: {"title": "Next plan"}, expect(201, PLANNERS)),
    ("post", "/api/plans/{plan_id}"): (
        lambda i: {"plan_id": i["plan"]},
        lambda i: {"version": version(Plan, i["plan"]), "description": "Revised"},
        expect(200, PLANNERS),
    ),
    ("post", "/api/plans/{plan_id}/clusters"): (
        lambda i: {"plan_id": i["plan"]},
        lambda i: {"title": "Detention"},
        expect(201, PLANNERS),
    ),
    ("post", "/api/clusters/{cluster_id}"): (
        lambda i: {"cluster_id": i["cluster"]},
        lambda i: {"version": 1, "description": "Revised"},
        expect(200, PLANNERS),
    ),
    ("post", "/api/clusters/{cluster_id}/recommendations"): (
        lambda i: {"cluster_id": i["cluster"]},
        lambda i: {"ids": [i["loose"]]},
        expect(200, PLANNERS),
    ),
    ("post", "/api/responsibilities"): (
        dict,
        lambda i: {"ids": [i["loose"]], "entity": i["entity"]},
        expect(200, PLANNERS),
    ),
    ("post", "/api/actions"): (
        dict,
        lambda i: {"plan": i["plan"], "cluster": i["cluster"], "title": "Train police", "entity": i["entity"]},
        expect(201, PLANNERS),
    ),
    ("post", "/api/actions/{action_id}"): (  # a field the action's focal point may change
        lambda i: {"action_id": i["action"]},
        lambda i: {"version": version(Action, i["action"]), "description": "With the regions"},
        expect(200, AUTHORS),
    ),
    ("post", "/api/actions/{action_id}/indicators"): (
        lambda i: {"action_id": i["action"]},
        lambda i: {"name": "Judges trained"},
        expect(201, AUTHORS),
    ),
    ("post", "/api/indicators/{indicator_id}"): (
        lambda i: {"indicator_id": i["indicator"]},
        lambda i: {"version": version(Indicator, i["indicator"]), "target": "yes"},
        expect(200, AUTHORS),
    ),
    ("post", "/api/archive"): (
        dict,
        lambda i: {"kind": "action", "id": i["action"], "version": version(Action, i["action"])},
        expect(200, PLANNERS),
    ),
    ("post", "/api/people/{username}/role"): (
        lambda i: {"username": i["newcomer"]},
        lambda i: {"role": "contributor"},
        expect(200, {"admin"}),
    ),
    ("post", "/api/reports"): (dict, lambda i: {"action": i["action"], "text": "Progress"}, expect(201, AUTHORS)),
    # A draft or a submitted report is not even visible to the other roles: 404.
    ("post", "/api/reports/{report_id}"): (
        lambda i: {"report_id": i["draft"]},
        lambda i: {"version": 1, "text": "Revised"},
        expect(200, AUTHORS, refused=404),
    ),
    ("post", "/api/reports/{report_id}/submit"): (
        lambda i: {"report_id": i["draft"]},
        lambda i: {"version": 1},
        expect(200, AUTHORS, refused=404),
    ),
    ("post", "/api/reports/{report_id}/return"): (
        lambda i: {"report_id": i["submitted"]},
        lambda i: {"version": version(ProgressReport, i["submitted"]), "comment": "Give the regions"},
        expect(200, PLANNERS, refused=404, focal=403),
    ),
    ("post", "/api/reports/{report_id}/validate"): (
        lambda i: {"report_id": i["submitted"]},
        lambda i: {"version": version(ProgressReport, i["submitted"])},
        expect(200, PLANNERS, refused=404, focal=403),
    ),
    ("post", "/api/reports/{report_id}/publish"): (
        lambda i: {"report_id": i["validated"]},
        lambda i: {"version": version(ProgressReport, i["validated"])},
        expect(200, PLANNERS),
    ),
    ("post", "/api/reports/{report_id}/evidence"): (
        lambda i: {"report_id": i["draft"]},
        lambda i: {"link": "https://www.example.org/gazette"},
        expect(201, AUTHORS, refused=404),
    ),
    ("post", "/api/reports/{report_id}/evidence/file"): (
        lambda i: {"report_id": i["draft"]},
        evidence_file,
        expect(201, AUTHORS, refused=404),
    ),
    ("post", "/api/recommendations/{recommendation_id}/tracking"): (
        lambda i: {"recommendation_id": i["rec"]},
        lambda i: {"version": 1, "status": "in_progress"},
        expect(200, PLANNERS),
    ),
    ("post", "/api/comments"): (
        dict,
        lambda i: {"recommendation": i["rec"], "text": "Our view"},
        expect(201, PLANNERS | {"contributor"}),
    ),
    ("post", "/api/assessments"): (
        dict,
        lambda i: {
            "recommendation": i["rec"],
            "organisation": "Ombudsman",
            "status": "in_progress",
            "text": "Half done",
        },
        expect(201, {"contributor"}),
    ),
    ("post", "/api/rounds"): (
        dict,
        lambda i: {"title": "Final report", "deadline": "2027-06-30", "invited": [i["contributor"]]},
        expect(201, PLANNERS),
    ),
    # The round is visible to NMRF staff and to the contributor invited only.
    ("post", "/api/rounds/{round_id}/replies"): (
        lambda i: {"round_id": i["round"]},
        lambda i: {"text": "Our view"},
        expect(201, PLANNERS | {"contributor"}, refused=404),
    ),
}


def call(client, method: str, path: str, *, params: dict, data: dict, content_type: str, headers: dict):
    """Call the write with these credentials; a body with a file goes as multipart form
    data, which the test client makes of a dict (every write is a POST:
    test_every_endpoint checks)."""
    url = re.sub(r"{(\w+)}", lambda m: str(params[m.group(1)]), path)
    if content_type == "multipart/form-data":
        return client.post(url, data, **headers)
    return client.generic(method.upper(), url, json.dumps(data), content_type="application/json", **headers)


def test_every_write_is_in_the_matrix(client):
    served = _writes(client.get("/api/openapi.json").json())
    assert served == WRITES
    missing = set(served) - set(MATRIX)
    assert not missing, f"add these writes to MATRIX with the answer each role gets: {sorted(missing)}"
    assert not set(MATRIX) - set(served), "MATRIX names writes the API does not have"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("operation", sorted(WRITES), ids=lambda op: f"{op[0].upper()} {op[1]}")
def test_write_answers_each_role_as_expected(client, world, operation, role):
    assert operation in MATRIX, f"add {operation} to MATRIX with the answer each role gets"
    params, data, expected = MATRIX[operation]
    headers = {} if role == "public" else api_headers(world.people[role])
    body = data(world.ids)  # reads versions: before counting, like the token above
    events = AuditEvent.objects.count()
    response = call(
        client, *operation, params=params(world.ids), data=body, content_type=WRITES[operation], headers=headers
    )
    want = expected[role]
    assert response.status_code == want, (operation, role, response.status_code, response.content[:300])
    if want in REFUSED:
        assert AuditEvent.objects.count() == events, f"{operation}: a refused {role} changed something"
    else:
        assert AuditEvent.objects.count() > events, f"{operation}: {role}'s allowed change was not recorded"


def _refused_without_trace(response, events: int, status: int = 403) -> None:
    assert response.status_code == status, response.content
    assert AuditEvent.objects.count() == events


def test_a_focal_point_cannot_edit_another_entitys_action(client, world):
    events, other = AuditEvent.objects.count(), world.ids["other_action"]
    response = client.post(
        f"/api/actions/{other}",
        {"version": version(Action, other), "status": "implemented"},
        content_type="application/json",
        **api_headers(world.people["focal"]),
    )
    _refused_without_trace(response, events)
    assert "another entity" in response.json()["detail"]
    assert Action.objects.get(pk=other).status == "not_started"


def test_a_focal_point_cannot_change_a_plan_field_of_its_own_action(client, world):
    events, own = AuditEvent.objects.count(), world.ids["action"]
    response = client.post(
        f"/api/actions/{own}",
        {"version": version(Action, own), "title": "Renamed"},
        content_type="application/json",
        **api_headers(world.people["focal"]),
    )
    _refused_without_trace(response, events)
    assert "cannot change title" in response.json()["detail"]
    assert Action.objects.get(pk=own).title == "Draft the equality law"


@pytest.mark.parametrize(
    "what, path, text",
    [
        ("unpublished plan", "/api/plans/{hidden}", f"Plan {SECRET}"),
        ("unpublished plan's action", "/api/actions/{hidden_action}", f"Action {SECRET}"),
        ("draft report", "/api/reports/{draft}", f"Draft {SECRET}"),
    ],
)
def test_the_public_does_not_see_unpublished_work(client, world, what, path, text):
    url = path.format(**world.ids)
    response = client.get(url)
    assert response.status_code == 404, what
    assert text.encode() not in response.content and SECRET.encode() not in response.content, what
    assert client.get(url, **api_headers(world.people["staff"])).status_code == 200, what


def test_a_viewer_does_not_see_a_draft_report(client, world):
    response = client.get(f"/api/reports/{world.ids['draft']}", **api_headers(world.people["viewer"]))
    assert response.status_code == 404 and SECRET.encode() not in response.content


# --- reads: every GET of the follow-up routers, for every role ----------------------------


def _reads(schema: dict) -> set[str]:
    return {
        path
        for path, operations in schema["paths"].items()
        if "get" in operations and TAGS & set(operations["get"].get("tags", []))
    }


def sees(roles: set[str]) -> dict[str, int]:
    """200 for ``roles``, 404 for everyone else (an item one may not see does not exist)."""
    return {role: 200 if role in roles else 404 for role in ROLES}


EVERYONE, SIGNED = sees(set(ROLES)), sees(set(ROLES) - {"public"})
DRAFT_READERS = sees(AUTHORS)
# (path, label): (path parameters from the world's ids, expected status by role)
READS = {
    ("/api/entities", ""): (dict, EVERYONE),
    ("/api/plans", ""): (dict, EVERYONE),
    ("/api/plans/{plan_id}", "published"): (lambda i: {"plan_id": i["plan"]}, EVERYONE),
    ("/api/plans/{plan_id}", "unpublished"): (lambda i: {"plan_id": i["hidden"]}, SIGNED),
    ("/api/clusters/{cluster_id}", ""): (lambda i: {"cluster_id": i["cluster"]}, EVERYONE),
    ("/api/actions", ""): (dict, EVERYONE),
    ("/api/actions/{action_id}", "published"): (lambda i: {"action_id": i["action"]}, EVERYONE),
    ("/api/actions/{action_id}", "unpublished"): (lambda i: {"action_id": i["hidden_action"]}, SIGNED),
    ("/api/reports", ""): (dict, EVERYONE),
    ("/api/reports/{report_id}", "draft"): (lambda i: {"report_id": i["draft"]}, DRAFT_READERS),
    ("/api/reports/{report_id}", "validated"): (lambda i: {"report_id": i["validated"]}, SIGNED),
    ("/api/reports/{report_id}/comments", "draft"): (lambda i: {"report_id": i["draft"]}, DRAFT_READERS),
    ("/api/reports/{report_id}/evidence/{evidence_id}/file", "draft"): (
        lambda i: {"report_id": i["draft"], "evidence_id": i["draft_file"]},
        DRAFT_READERS,
    ),
    ("/api/recommendations/{recommendation_id}/tracking", ""): (lambda i: {"recommendation_id": i["rec"]}, EVERYONE),
    ("/api/recommendations/{recommendation_id}/assessments", ""): (lambda i: {"recommendation_id": i["rec"]}, EVERYONE),
    ("/api/recommendations/{recommendation_id}/comments", ""): (lambda i: {"recommendation_id": i["rec"]}, EVERYONE),
    ("/api/rounds", ""): (dict, EVERYONE),
    ("/api/rounds/{round_id}", ""): (lambda i: {"round_id": i["round"]}, sees(PLANNERS | {"contributor"})),
    # The OHCHR matrix: everyone gets one, of what they may see (checked in reports/tests/test_api.py).
    ("/api/documents/matrix", ""): (dict, EVERYONE),
    # The mid-term report: everyone, of what they may see; a plan: the published one for
    # everyone, an unpublished one for those signed in (the public: a 400 naming `plan`).
    ("/api/documents/midterm", ""): (dict, EVERYONE),
    ("/api/documents/plan", "published"): (dict, EVERYONE),
    ("/api/documents/plan", "unpublished"): (dict, {**SIGNED, "public": 400}),
    # Treaty-body follow-up: a procedure on a published recommendation for everyone, one on an
    # unpublished recommendation for those signed in (the public: a 404, or a 400 naming `document`).
    ("/api/followup", ""): (dict, EVERYONE),
    ("/api/followup/grades", ""): (dict, EVERYONE),
    ("/api/followup/{followup_id}", "published"): (lambda i: {"followup_id": i["followup"]}, EVERYONE),
    ("/api/followup/{followup_id}", "unpublished"): (lambda i: {"followup_id": i["hidden_followup"]}, SIGNED),
    ("/api/documents/followup", "published"): (dict, EVERYONE),
    ("/api/documents/followup", "unpublished"): (dict, {**SIGNED, "public": 400}),
}
QUERIES = {
    ("/api/documents/midterm", ""): lambda i: "?country=SVN&cycle=3&format=docx",
    ("/api/documents/plan", "published"): lambda i: f"?plan={i['plan']}&format=pdf",
    ("/api/documents/plan", "unpublished"): lambda i: f"?plan={i['hidden']}&format=docx",
    ("/api/documents/followup", "published"): lambda i: "?document=CCPR/C/SVN/CO/4&format=pdf",
    ("/api/documents/followup", "unpublished"): lambda i: "?document=CCPR/C/SVN/CO/5&format=docx",
}


def test_every_read_is_in_the_matrix(client):
    served = _reads(client.get("/api/openapi.json").json())
    missing = served - {path for path, _label in READS}
    assert not missing, f"add these reads to READS: {sorted(missing)}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("read", list(READS), ids=lambda r: f"{r[0]}[{r[1]}]" if r[1] else r[0])
def test_read_answers_each_role_as_expected(client, world, read, role):
    path, _label = read
    parameters, expected = READS[read]
    url = path.format(**parameters(world.ids)) + (QUERIES[read](world.ids) if read in QUERIES else "")
    headers = {} if role == "public" else api_headers(world.people[role])
    response = client.get(url, **headers)
    assert response.status_code == expected[role], (url, role, response.status_code)
    if role == "public":  # (a document's parts unzipped)
        assert SECRET.encode() not in readable(response), f"{url} shows unpublished work to the public"
