"""Implementation planning through the REST API: the NMRF's flow, who may edit what,
stale edits, what the public sees, and the action filters."""
import datetime as dt

import pytest

from rightstrack.planning.choices import Role, Status
from rightstrack.planning.models import Action, Responsibility
from rightstrack.planning.tests.factories import (
    ActionFactory, ClusterFactory, EntityFactory, PlanFactory, api_headers, person,
)
from rightstrack.recommendations.tests.factories import RecommendationFactory

pytestmark = pytest.mark.django_db


def post(client, url: str, data: dict, user):
    return client.post(url, data, content_type="application/json", **api_headers(user))


@pytest.fixture
def staff():
    return person(Role.NMRF_STAFF)


def test_the_nmrf_plans_through_the_api(client, staff):
    justice = EntityFactory(name="Ministry of Justice")
    recs = [RecommendationFactory(), RecommendationFactory()]
    created = post(client, "/api/plans", {"title": "National plan 2026-2030", "start": "2026-01-01"}, staff)
    assert created.status_code == 201, created.content
    plan = created.json()
    assert plan["is_published"] is False and plan["history"][0]["action"] == "created"
    cluster = post(client, f"/api/plans/{plan['id']}/clusters", {"title": "Prisons"}, staff).json()
    added = post(client, f"/api/clusters/{cluster['id']}/recommendations", {"ids": [r.pk for r in recs]}, staff)
    assert added.json() == {"added": 2}
    assigned = post(client, "/api/responsibilities", {"ids": [recs[0].pk], "entity": justice.pk, "lead": True}, staff)
    assert assigned.json() == {"changed": 1}
    assert Responsibility.objects.get(recommendation=recs[0]).lead
    action = post(client, "/api/actions", {
        "plan": plan["id"], "cluster": cluster["id"], "title": "Build a new remand prison", "entity": justice.pk,
        "due": "2028-12-31", "budget": "1500000.00", "currency": "EUR", "funding_source": "state_budget",
        "affected_groups": ["children"]}, staff)
    assert action.status_code == 201, action.content
    action = action.json()
    assert action["affected_groups"] == ["children"] and action["entity"] == "Ministry of Justice"
    assert action["budget"] == "1500000.00" and action["status"] == "not_started"
    indicator = post(client, f"/api/actions/{action['id']}/indicators",
                     {"name": "Places in the new prison", "kind": "outcome", "target": "400"}, staff)
    assert indicator.status_code == 201 and indicator.json()["kind"] == "outcome"

    detail = client.get(f"/api/actions/{action['id']}", **api_headers(staff)).json()
    assert [i["name"] for i in detail["indicators"]] == ["Places in the new prison"]
    assert detail["history"][0]["who"] == staff.username
    assert client.get(f"/api/plans/{plan['id']}", **api_headers(staff)).json()["clusters"][0]["title"] == "Prisons"
    assert client.get(f"/api/clusters/{cluster['id']}", **api_headers(staff)).json()["recommendations"] == \
        sorted(r.pk for r in recs)
    # The plan is not published: the public sees none of it.
    for url in (f"/api/plans/{plan['id']}", f"/api/clusters/{cluster['id']}", f"/api/actions/{action['id']}"):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("role", [Role.VIEWER, Role.CONTRIBUTOR, Role.FOCAL_POINT])
def test_only_the_nmrf_plans(client, role):
    someone = person(role, EntityFactory())
    refused = post(client, "/api/plans", {"title": "A plan"}, someone)
    assert refused.status_code == 403 and "NMRF" in refused.json()["detail"]
    action = ActionFactory()
    assert post(client, "/api/responsibilities", {"ids": [action.recommendation_id], "entity": action.entity_id},
                someone).status_code == 403
    assert not Responsibility.objects.exists()


def test_a_focal_point_edits_its_entitys_action_and_not_another_entitys(client):
    justice, health = EntityFactory(name="Justice"), EntityFactory(name="Health")
    own, other = ActionFactory(entity=justice), ActionFactory(entity=health)
    focal = person(Role.FOCAL_POINT, justice)
    done = post(client, f"/api/actions/{own.pk}", {"version": own.version, "status": "in_progress"}, focal)
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "in_progress" and done.json()["version"] == own.version + 1
    refused = post(client, f"/api/actions/{other.pk}", {"version": other.version, "status": "implemented"}, focal)
    assert refused.status_code == 403 and "another entity" in refused.json()["detail"]
    # Its own action, but a field of the NMRF's plan.
    renamed = post(client, f"/api/actions/{own.pk}", {"version": own.version + 1, "title": "Mine"}, focal)
    assert renamed.status_code == 403 and "cannot change title" in renamed.json()["detail"]
    assert post(client, f"/api/actions/{other.pk}/indicators", {"name": "Cases"}, focal).status_code == 403
    other.refresh_from_db()
    assert other.status == Status.NOT_STARTED and other.version == 1 and not other.indicators.exists()


def test_a_stale_version_is_a_conflict_and_changes_nothing(client, staff):
    action = ActionFactory(title="Draft the law")
    assert post(client, f"/api/actions/{action.pk}", {"version": 1, "title": "Adopt the law"}, staff).status_code == 200
    stale = post(client, f"/api/actions/{action.pk}", {"version": 1, "title": "Repeal the law", "due": "2030-01-01"},
                 staff)
    assert stale.status_code == 409 and staff.username in stale.json()["detail"]
    action.refresh_from_db()
    assert (action.title, action.due, action.version) == ("Adopt the law", None, 2)


def test_an_edit_changes_only_the_fields_sent(client, staff):
    other = EntityFactory(name="Health")
    action = ActionFactory(description="Kept", due=dt.date(2027, 1, 1))
    changed = post(client, f"/api/actions/{action.pk}", {"version": 1, "entity": other.pk, "due": None}, staff).json()
    assert (changed["entity_id"], changed["due"], changed["description"]) == (other.pk, None, "Kept")
    assert changed["history"][0]["changes"] == {"due": ["2027-01-01", None], "entity": [action.entity_id, other.pk]}
    grouped = post(client, f"/api/actions/{action.pk}", {"version": 2, "affected_groups": ["children"]}, staff).json()
    assert grouped["affected_groups"] == ["children"] and grouped["entity_id"] == other.pk


@pytest.mark.parametrize("body, parameter", [
    ({"title": None}, "title"),
    ({"status": "finished"}, "status"),
    ({"entity": 999999}, "entity"),
    ({"affected_groups": ["no-such-group"]}, "affected_groups"),
    ({"currency": "EURO"}, "currency"),
])
def test_a_bad_value_is_a_400_naming_it(client, staff, body, parameter):
    action = ActionFactory()
    refused = post(client, f"/api/actions/{action.pk}", {"version": 1, **body}, staff)
    assert refused.status_code == 400, refused.content
    assert [e["parameter"] for e in refused.json()["errors"]] == [parameter]
    assert Action.objects.get(pk=action.pk).version == 1


def test_an_action_needs_a_cluster_or_a_recommendation(client, staff):
    plan, entity = PlanFactory(), EntityFactory()
    refused = post(client, "/api/actions", {"plan": plan.pk, "title": "Something", "entity": entity.pk}, staff)
    assert refused.status_code == 400 and refused.json()["detail"]
    elsewhere = ClusterFactory()  # a cluster of another plan
    refused = post(client, "/api/actions", {"plan": plan.pk, "cluster": elsewhere.pk, "title": "Something",
                                            "entity": entity.pk}, staff)
    assert refused.status_code == 400 and refused.json()["errors"][0]["parameter"] == "cluster"
    assert not Action.objects.exists()


def test_the_public_sees_published_plans_without_history(client, staff):
    published, hidden = PlanFactory(is_published=True), PlanFactory(title="Hidden")
    shown = ActionFactory(plan=published, recommendation=RecommendationFactory(is_published=False))
    ActionFactory(plan=hidden)
    post(client, f"/api/actions/{shown.pk}", {"version": 1, "status": "in_progress"}, staff)
    assert [p["id"] for p in client.get("/api/plans").json()["results"]] == [published.pk]
    assert client.get(f"/api/plans/{hidden.pk}").status_code == 404
    action = client.get(f"/api/actions/{shown.pk}").json()
    # The unpublished recommendation is not named; the history is for signed-in callers.
    assert action["history"] == [] and action["recommendation_id"] is None
    signed_in = client.get(f"/api/actions/{shown.pk}", **api_headers(person(Role.VIEWER))).json()
    assert signed_in["recommendation_id"] == shown.recommendation_id
    assert signed_in["history"][0]["changes"] == {"status": ["not_started", "in_progress"]}


def action_ids(client, query: str = "", **headers) -> set[int]:
    response = client.get(f"/api/actions?{query}", **headers)
    assert response.status_code == 200, response.content
    return {a["id"] for a in response.json()["results"]}


def test_actions_filter_like_the_web_list(client):
    plan, other_plan = PlanFactory(is_published=True), PlanFactory(is_published=True)
    justice = EntityFactory(name="Justice")
    cluster = ClusterFactory(plan=plan)
    late = ActionFactory(plan=plan, cluster=cluster, entity=justice, title="Train judges", due=dt.date(2020, 1, 1))
    done = ActionFactory(plan=plan, entity=justice, due=dt.date(2020, 1, 1), status=Status.IMPLEMENTED,
                         funding_source="upr_vf")
    future = ActionFactory(plan=other_plan, title="Train police", due=dt.date(2099, 1, 1), status=Status.IN_PROGRESS)
    assert action_ids(client) == {late.pk, done.pk, future.pk}
    assert action_ids(client, f"plan={plan.pk}") == {late.pk, done.pk}
    assert action_ids(client, f"cluster={cluster.pk}") == {late.pk}
    assert action_ids(client, f"entity={justice.pk}") == {late.pk, done.pk}
    assert action_ids(client, "status=implemented&status=in_progress") == {done.pk, future.pk}
    assert action_ids(client, "funding_source=upr_vf") == {done.pk}
    assert action_ids(client, "overdue=true") == {late.pk}
    assert action_ids(client, "q=train") == {late.pk, future.pk}


def test_action_filters_refuse_bad_values_and_hidden_plans(client):
    hidden = PlanFactory()
    ActionFactory(plan=hidden)
    for query, parameter in (("status=finished", "status"), ("plan=999999", "plan"), (f"plan={hidden.pk}", "plan"),
                             ("plann=1", "plann")):
        refused = client.get(f"/api/actions?{query}")
        assert refused.status_code == 400 and refused.json()["errors"][0]["parameter"] == parameter, query
    # A signed-in caller may filter by the unpublished plan.
    assert len(action_ids(client, f"plan={hidden.pk}", **api_headers(person(Role.VIEWER)))) == 1


def test_actions_are_paged(client):
    plan = PlanFactory(is_published=True)
    made = [ActionFactory(plan=plan).pk for _ in range(3)]
    first = client.get("/api/actions?limit=2").json()
    second = client.get(f"/api/actions?limit=2&cursor={first['next']}").json()
    assert first["count"] == 3 and second["next"] is None
    assert [a["id"] for a in first["results"] + second["results"]] == made


def test_entities_come_as_a_tree(client):
    justice = EntityFactory(name="Justice")
    prisons = EntityFactory(name="Prisons", parent=justice)
    EntityFactory(name="Archived", archived=True)
    tree = client.get("/api/entities").json()
    assert [(e["name"], e["depth"], e["parent_id"]) for e in tree] == [("Justice", 0, None), ("Prisons", 1, justice.pk)]
    assert tree[1]["id"] == prisons.pk
