import datetime as dt

import pytest

from rightstrack.accounts import roles
from rightstrack.accounts import services as accounts
from rightstrack.accounts.choices import Role
from rightstrack.core.audit import ConflictError, history
from rightstrack.core.errors import NotAllowedError
from rightstrack.core.permissions import can
from rightstrack.planning import services
from rightstrack.planning.choices import Status
from rightstrack.planning.models import Action, Responsibility
from rightstrack.planning.tests.factories import ActionFactory, ClusterFactory, EntityFactory, PlanFactory, person
from rightstrack.recommendations.tests.factories import RecommendationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return person(Role.NMRF_STAFF)


def test_focal_point_edits_its_entitys_action_and_not_another(staff):
    justice, health = EntityFactory(name="Ministry of Justice"), EntityFactory(name="Ministry of Health")
    prisons = EntityFactory(name="Prison service", parent=justice)
    own, under, other = (ActionFactory(entity=e) for e in (justice, prisons, health))
    focal = person(Role.FOCAL_POINT, justice)
    services.update_action(focal, own, own.version, status=Status.IN_PROGRESS)
    services.update_action(focal, under, under.version, status=Status.IN_PROGRESS)  # an entity under its own
    with pytest.raises(NotAllowedError, match="assigned to another entity"):
        services.update_action(focal, other, other.version, status=Status.IMPLEMENTED)
    other.refresh_from_db()
    assert other.status == Status.NOT_STARTED


def test_focal_point_cannot_move_an_action_to_another_entity():
    justice, health = EntityFactory(), EntityFactory()
    action = ActionFactory(entity=justice)
    with pytest.raises(NotAllowedError, match="cannot change entity"):
        services.update_action(person(Role.FOCAL_POINT, justice), action, action.version, entity=health)


@pytest.mark.parametrize("role", [Role.CONTRIBUTOR, Role.VIEWER, Role.FOCAL_POINT])
def test_only_nmrf_staff_plan(role):
    someone = person(role, EntityFactory())
    with pytest.raises(NotAllowedError):
        services.create_plan(someone, title="National plan 2026-2030")
    with pytest.raises(NotAllowedError):
        services.assign(someone, [RecommendationFactory().pk], EntityFactory())


def test_anonymous_has_no_role_and_superuser_administers(django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert roles.role_of(AnonymousUser()) is None
    admin = django_user_model.objects.create_superuser("root", password="x" * 12)
    assert can(admin, "accounts.give_roles") and can(admin, "planning.plan")


def test_a_second_edit_from_a_stale_page_is_refused_not_lost(staff):
    action = ActionFactory()
    opened = action.version
    services.update_action(staff, action, opened, due=dt.date(2027, 6, 30))
    other = person(Role.NMRF_STAFF)
    with pytest.raises(ConflictError, match=f"changed by {staff.username}"):
        services.update_action(other, action, opened, due=dt.date(2028, 1, 1))
    action.refresh_from_db()
    assert action.due == dt.date(2027, 6, 30) and action.version == opened + 1


def test_history_shows_who_changed_what_before_and_after(staff):
    plan = services.create_plan(staff, title="Plan 2026")
    rec = RecommendationFactory()
    action = services.create_action(staff, plan=plan, recommendation=rec, title="Draft the law", entity=EntityFactory())
    action = services.update_action(staff, action, action.version, status=Status.IN_PROGRESS, title="Adopt the law")
    events = list(history(action))
    assert [e.action for e in events] == ["changed", "created"]
    assert events[0].user == staff
    assert events[0].changes == {"status": ["not_started", "in_progress"], "title": ["Draft the law", "Adopt the law"]}
    assert events[1].changes["title"] == [None, "Draft the law"]


def test_archive_keeps_the_item_and_records_it(staff):
    action = ActionFactory()
    services.archive(staff, action, action.version)
    assert Action.objects.get(pk=action.pk).archived
    assert history(action).first().changes == {"archived": [False, True]}


def test_assign_a_lead_replaces_the_previous_lead_which_stays_in_support(staff):
    recs = [RecommendationFactory(), RecommendationFactory()]
    justice, interior = EntityFactory(name="Justice"), EntityFactory(name="Interior")
    assert services.assign(staff, [r.pk for r in recs], justice, lead=True) == 2
    services.assign(staff, [recs[0].pk], interior, lead=True)
    rows = {(r.entity.name, r.lead) for r in Responsibility.objects.filter(recommendation=recs[0])}
    assert rows == {("Justice", False), ("Interior", True)}
    assert history(recs[0]).first().changes == {
        "responsible": [["lead: Justice"], ["lead: Interior", "support: Justice"]]
    }
    assert services.assign(staff, [recs[1].pk], justice, lead=True) == 0  # nothing changed, nothing recorded


def test_clusters_hold_recommendations_from_several_mechanisms_and_cycles(staff):
    from rightstrack.recommendations.tests.factories import mechanism

    cluster = ClusterFactory(plan=PlanFactory())
    upr, ccpr = RecommendationFactory(), RecommendationFactory(mechanism=mechanism("CCPR"), upr_session=None)
    assert services.add_to_cluster(staff, cluster, [upr.pk, ccpr.pk]) == 2
    assert services.add_to_cluster(staff, cluster, [upr.pk]) == 0
    assert set(cluster.recommendations.all()) == {upr, ccpr}


def test_roles_are_given_by_an_administrator(staff):
    target = person(Role.VIEWER)
    with pytest.raises(NotAllowedError):
        accounts.set_role(staff, target, Role.NMRF_ADMIN)
    admin = person(Role.NMRF_ADMIN)
    entity = EntityFactory()
    profile = accounts.set_role(admin, target, Role.FOCAL_POINT, entity)
    assert (profile.role, profile.entity) == (Role.FOCAL_POINT, entity)
    assert history(profile).first().changes == {"entity": [None, entity.pk], "role": ["viewer", "focal_point"]}


def test_entity_loops_focal_points_without_entity_and_archiving_a_parent_are_refused(staff):
    from django.core.exceptions import ValidationError

    from rightstrack.core.errors import InvalidValueError

    ministry = services.create_entity(staff, name="Ministry")
    agency = services.create_entity(staff, name="Agency", parent=ministry)
    with pytest.raises(ValidationError, match="part of itself"):
        services.update(staff, ministry, ministry.version, parent=agency)
    with pytest.raises(InvalidValueError, match="entities under Ministry"):
        services.archive(staff, ministry, ministry.version)
    admin = person(Role.NMRF_ADMIN)
    with pytest.raises(InvalidValueError, match="acts for an entity"):
        accounts.set_role(admin, person(Role.VIEWER), Role.FOCAL_POINT)
