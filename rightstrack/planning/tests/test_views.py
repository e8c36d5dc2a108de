"""Planning pages beyond the permission matrix: stale edits, archiving, bulk assignment."""

import pytest

from rightstrack.accounts.choices import Role
from rightstrack.core.audit import history
from rightstrack.planning.models import Action, Responsibility
from rightstrack.planning.tests.factories import ActionFactory, ClusterFactory, EntityFactory, person
from rightstrack.recommendations.tests.factories import RecommendationFactory, TagFactory, state, term

pytestmark = pytest.mark.django_db


def test_a_stale_edit_is_refused_and_what_was_typed_stays_in_the_form(client):
    action = ActionFactory(title="Draft the law")
    first, second = person(Role.NMRF_STAFF), person(Role.NMRF_STAFF)
    opened = action.version
    base = {"title": "Draft the law", "entity": action.entity_id, "status": "not_started", "version": opened}
    client.force_login(first)
    assert client.post(f"/plans/actions/{action.pk}/edit/", {**base, "description": "First"}).status_code == 302
    client.force_login(second)
    response = client.post(f"/plans/actions/{action.pk}/edit/", {**base, "description": "Second, typed carefully"})
    page = response.content.decode()
    assert response.status_code == 200
    assert f"was changed by {first.username}" in page and "Second, typed carefully" in page
    assert Action.objects.get(pk=action.pk).description == "First"


def test_archiving_keeps_the_item_and_restoring_brings_it_back(client):
    action = ActionFactory()
    client.force_login(person(Role.NMRF_STAFF))
    client.post(f"/plans/archive/action/{action.pk}/", {"version": action.version})
    assert client.get(f"/plans/actions/{action.pk}/").status_code == 404
    action.refresh_from_db()
    assert action.archived
    client.post(f"/plans/archive/action/{action.pk}/", {"version": action.version, "restore": "1"})
    assert client.get(f"/plans/actions/{action.pk}/").status_code == 200
    assert [e.changes["archived"] for e in history(action) if "archived" in e.changes] == [[True, False], [False, True]]


def test_bulk_assignment_by_theme_of_one_state(client):
    theme = term("uhri-themes", "acceptance-of-international-norms")
    mine = [RecommendationFactory(state=state("SVN")) for _ in range(3)]
    other = RecommendationFactory(state=state("FRA"))
    for rec in [*mine, other]:
        TagFactory(recommendation=rec, term=theme)
    entity = EntityFactory()
    client.force_login(person(Role.NMRF_STAFF))
    response = client.post("/plans/assign/", {"theme": theme.pk, "country": "svn", "entity": entity.pk, "lead": "on"})
    assert response.status_code == 302
    assert set(Responsibility.objects.filter(entity=entity, lead=True).values_list("recommendation_id", flat=True)) == {
        r.pk for r in mine
    }


def test_assignment_without_recommendations_says_what_is_missing(client):
    client.force_login(person(Role.NMRF_STAFF))
    response = client.post("/plans/assign/", {"entity": EntityFactory().pk, "ids": "12, x7"})
    assert response.status_code == 200 and "Not a recommendation number: x7" in response.content.decode()


def test_cluster_page_adds_recommendations_by_number(client):
    cluster = ClusterFactory()
    recs = [RecommendationFactory() for _ in range(2)]
    client.force_login(person(Role.NMRF_STAFF))
    client.post(f"/plans/clusters/{cluster.pk}/add/", {"ids": f"{recs[0].pk}\n{recs[1].pk}"})
    page = client.get(f"/plans/clusters/{cluster.pk}/").content.decode()
    assert cluster.recommendations.count() == 2 and "2 recommendations added." in page


def test_the_recommendation_list_filters_by_status_entity_and_cluster(client):
    from rightstrack.planning import services
    from rightstrack.progress.services import set_status, tracking_for

    staff = person(Role.NMRF_STAFF)
    done, started, untouched = (RecommendationFactory(text=t) for t in ("Done one", "Started one", "Untouched one"))
    set_status(staff, done, tracking_for(done).version, status="implemented")
    set_status(staff, started, tracking_for(started).version, status="in_progress")
    entity, cluster = EntityFactory(), ClusterFactory()
    services.assign(staff, [done.pk, untouched.pk], entity)
    services.add_to_cluster(staff, cluster, [started.pk])
    client.force_login(staff)

    def shown(query):
        page = client.get(f"/recommendations/?{query}").content.decode()
        return {t for t in ("Done one", "Started one", "Untouched one") if t in page}

    assert shown("status=implemented") == {"Done one"}
    assert shown("status=not_started") == {"Untouched one"}  # no status row counts as not started
    assert shown(f"entity={entity.pk}") == {"Done one", "Untouched one"}
    assert shown(f"cluster={cluster.pk}&status=in_progress") == {"Started one"}
    api = client.get(f"/api/recommendations?status=implemented&entity={entity.pk}").json()
    assert [r["text"] for r in api["results"]] == ["Done one"]


def test_archiving_an_entity_with_active_parts_says_so_instead_of_failing(client):
    ministry = EntityFactory(name="Ministry")
    EntityFactory(name="Agency", parent=ministry)
    client.force_login(person(Role.NMRF_STAFF))
    response = client.post(f"/plans/archive/entity/{ministry.pk}/", {"version": ministry.version}, follow=True)
    assert response.status_code == 200 and "archive the entities under Ministry first" in response.content.decode()
    ministry.refresh_from_db()
    assert not ministry.archived
