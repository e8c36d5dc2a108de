"""Implementation planning through the REST API: the NMRF's flow, who may edit what,
stale edits, what the public sees, the action filters, the entity tree, archiving and
roles."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from rightstrack.accounts import roles
from rightstrack.accounts.choices import Role
from rightstrack.planning.choices import Status
from rightstrack.planning.models import Action, Indicator, Responsibility
from rightstrack.planning.tests.factories import (
    ActionFactory,
    ClusterFactory,
    EntityFactory,
    PlanFactory,
    UserFactory,
    api_headers,
    person,
)
from rightstrack.planning.tests.factories import api_post as post
from rightstrack.recommendations.tests.factories import RecommendationFactory

pytestmark = pytest.mark.django_db


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
    action = post(
        client,
        "/api/actions",
        {
            "plan": plan["id"],
            "cluster": cluster["id"],
            "title": "Build a new remand prison",
            "entity": justice.pk,
            "due": "2028-12-31",
            "budget": "1500000.00",
            "currency": "EUR",
            "funding_source": "state_budget",
            "affected_groups": ["children"],
        },
        staff,
    )
    assert action.status_code == 201, action.content
    action = action.json()
    assert action["affected_groups"] == ["children"] and action["entity"] == "Ministry of Justice"
    assert action["budget"] == "1500000.00" and action["status"] == "not_started"
    indicator = post(
        client,
        f"/api/actions/{action['id']}/indicators",
        {"name": "Places in the new prison", "kind": "outcome", "target": "400"},
        staff,
    )
    assert indicator.status_code == 201 and indicator.json()["kind"] == "outcome"

    detail = client.get(f"/api/actions/{action['id']}", **api_headers(staff)).json()
    assert [i["name"] for i in detail["indicators"]] == ["Places in the new prison"]
    assert detail["history"][0]["who"] == staff.username
    assert client.get(f"/api/plans/{plan['id']}", **api_headers(staff)).json()["clusters"][0]["title"] == "Prisons"
    assert client.get(f"/api/clusters/{cluster['id']}", **api_headers(staff)).json()["recommendations"] == sorted(
        r.pk for r in recs
    )
    # The plan is not published: the public sees none of it.
    for url in (f"/api/plans/{plan['id']}", f"/api/clusters/{cluster['id']}", f"/api/actions/{action['id']}"):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("role", [Role.VIEWER, Role.CONTRIBUTOR, Role.FOCAL_POINT])
def test_only_the_nmrf_plans(client, role):
    someone = person(role, EntityFactory())
    refused = post(client, "/api/plans", {"title": "A plan"}, someone)
    assert refused.status_code == 403 and "NMRF" in refused.json()["detail"]
    action = ActionFactory()
    assert (
        post(
            client, "/api/responsibilities", {"ids": [action.recommendation_id], "entity": action.entity_id}, someone
        ).status_code
        == 403
    )
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
    stale = post(
        client, f"/api/actions/{action.pk}", {"version": 1, "title": "Repeal the law", "due": "2030-01-01"}, staff
    )
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


@pytest.mark.parametrize(
    "body, parameter",
    [
        ({"title": None}, "title"),
        ({"status": "finished"}, "status"),
        ({"entity": 999999}, "entity"),
        ({"affected_groups": ["no-such-group"]}, "affected_groups"),
        ({"currency": "EURO"}, "currency"),
    ],
)
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
    refused = post(
        client,
        "/api/actions",
        {"plan": plan.pk, "cluster": elsewhere.pk, "title": "Something", "entity": entity.pk},
        staff,
    )
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
    done = ActionFactory(
        plan=plan, entity=justice, due=dt.date(2020, 1, 1), status=Status.IMPLEMENTED, funding_source="upr_vf"
    )
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
    for query, parameter in (
        ("status=finished", "status"),
        ("plan=999999", "plan"),
        (f"plan={hidden.pk}", "plan"),
        ("plann=1", "plann"),
    ):
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


def test_the_nmrf_keeps_the_entity_tree(client, staff):
    justice = post(client, "/api/entities", {"name": "Ministry of Justice", "short_name": "MoJ"}, staff)
    assert justice.status_code == 201, justice.content
    justice = justice.json()
    assert (justice["kind"], justice["depth"], justice["version"]) == ("ministry", 0, 1)
    prisons = post(
        client, "/api/entities", {"name": "Prison service", "kind": "agency", "parent": justice["id"]}, staff
    ).json()
    assert (prisons["parent_id"], prisons["depth"]) == (justice["id"], 1)
    renamed = post(
        client, f"/api/entities/{justice['id']}", {"version": 1, "name": "Ministry of Justice and Law"}, staff
    )
    assert renamed.status_code == 200 and renamed.json()["history"][0]["changes"] == {
        "name": ["Ministry of Justice", "Ministry of Justice and Law"]
    }
    assert post(client, f"/api/entities/{justice['id']}", {"version": 1, "short_name": "J"}, staff).status_code == 409
    # Under one of its own parts, it would leave the tree with them.
    loop = post(client, f"/api/entities/{justice['id']}", {"version": 2, "parent": prisons["id"]}, staff)
    assert loop.status_code == 400 and loop.json()["errors"][0]["parameter"] == "parent"
    twin = post(client, "/api/entities", {"name": "Prison service", "parent": justice["id"]}, staff)
    assert twin.status_code == 400, twin.content
    top = post(client, f"/api/entities/{prisons['id']}", {"version": 1, "parent": None}, staff).json()
    assert (top["parent_id"], top["depth"]) == (None, 0)


def test_the_nmrf_edits_plans_and_clusters(client, staff):
    plan, cluster = PlanFactory(title="Draft plan"), ClusterFactory(title="Prisons")
    assert client.get(f"/api/plans/{plan.pk}").status_code == 404
    published = post(client, f"/api/plans/{plan.pk}", {"version": 1, "is_published": True, "end": "2030-12-31"}, staff)
    assert published.status_code == 200, published.content
    assert (published.json()["is_published"], published.json()["end"], published.json()["title"]) == (
        True,
        "2030-12-31",
        "Draft plan",
    )
    assert client.get(f"/api/plans/{plan.pk}").status_code == 200
    moved = post(
        client, f"/api/clusters/{cluster.pk}", {"version": 1, "title": "Places of detention", "position": 2}, staff
    )
    assert (moved.json()["title"], moved.json()["position"], moved.json()["version"]) == ("Places of detention", 2, 2)
    assert post(client, f"/api/clusters/{cluster.pk}", {"version": 1, "title": "Stale"}, staff).status_code == 409
    assert post(client, f"/api/plans/{plan.pk}", {"version": 2, "title": None}, staff).status_code == 400
    someone = person(Role.FOCAL_POINT, EntityFactory())
    assert post(client, f"/api/plans/{plan.pk}", {"version": 2, "title": "Mine"}, someone).status_code == 403


def test_a_focal_point_edits_its_actions_indicators(client, staff):
    justice = EntityFactory()
    own = Indicator.objects.create(action=ActionFactory(entity=justice), name="Judges trained")
    other = Indicator.objects.create(action=ActionFactory(), name="Cases")
    focal = person(Role.FOCAL_POINT, justice)
    done = post(client, f"/api/indicators/{own.pk}", {"version": 1, "target": "300", "kind": "outcome"}, focal)
    assert done.status_code == 200, done.content
    assert (done.json()["target"], done.json()["kind"], done.json()["version"]) == ("300", "outcome", 2)
    assert post(client, f"/api/indicators/{other.pk}", {"version": 1, "target": "1"}, focal).status_code == 403
    unknown = post(client, f"/api/indicators/{own.pk}", {"version": 2, "sdg_indicator": "99.9.9"}, staff)
    assert unknown.status_code == 400 and unknown.json()["errors"][0]["parameter"] == "sdg_indicator"
    assert post(client, f"/api/indicators/{own.pk}", {"version": 1, "unit": "people"}, staff).status_code == 409


def test_the_nmrf_archives_and_restores(client, staff):
    action = ActionFactory(plan=PlanFactory(is_published=True))
    body = {"kind": "action", "id": action.pk, "version": 1}
    focal = person(Role.FOCAL_POINT, action.entity)
    assert post(client, "/api/archive", body, focal).status_code == 403
    archived = post(client, "/api/archive", body, staff)
    assert archived.json() == {"kind": "action", "id": action.pk, "archived": True, "version": 2}
    assert client.get(f"/api/actions/{action.pk}", **api_headers(staff)).status_code == 404
    assert post(client, "/api/archive", {**body, "version": 2}, staff).status_code == 404  # already archived
    assert post(client, "/api/archive", {**body, "restore": True}, staff).status_code == 409
    restored = post(client, "/api/archive", {**body, "version": 2, "restore": True}, staff)
    assert restored.json() == {"kind": "action", "id": action.pk, "archived": False, "version": 3}
    assert client.get(f"/api/actions/{action.pk}").status_code == 200
    assert post(client, "/api/archive", {**body, "kind": "person"}, staff).status_code == 400


def test_an_administrator_gives_roles(client, staff):
    admin, justice = person(Role.NMRF_ADMIN), EntityFactory()
    newcomer = UserFactory(username="amina")
    url = "/api/people/amina/role"
    given = post(client, url, {"role": "focal_point", "entity": justice.pk}, admin)
    assert given.status_code == 200, given.content
    assert given.json() == {"username": "amina", "role": "focal_point", "entity_id": justice.pk}
    assert roles.role_of(get_user_model().objects.get(pk=newcomer.pk)) == Role.FOCAL_POINT
    no_entity = post(client, url, {"role": "focal_point"}, admin)
    assert no_entity.status_code == 400 and no_entity.json()["errors"][0]["parameter"] == "entity"
    promoted = post(client, url, {"role": "nmrf_staff"}, admin)
    assert promoted.json()["role"] == "nmrf_staff" and get_user_model().objects.get(pk=newcomer.pk).is_staff
    assert post(client, "/api/people/nobody/role", {"role": "viewer"}, admin).status_code == 404
    # NMRF staff are refused before the person is looked up: no telling who has an account.
    for name in ("amina", "nobody"):
        assert post(client, f"/api/people/{name}/role", {"role": "viewer"}, staff).status_code == 403
