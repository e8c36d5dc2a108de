import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from rightstrack.accounts import selectors as accounts_selectors
from rightstrack.accounts.choices import Role
from rightstrack.planning import selectors
from rightstrack.planning.choices import Status
from rightstrack.planning.tests.factories import ActionFactory, EntityFactory, PlanFactory, person

pytestmark = pytest.mark.django_db


def test_the_public_sees_published_plans_only_and_nobody_sees_archived_items():
    published, draft = PlanFactory(is_published=True), PlanFactory()
    shown, hidden = ActionFactory(plan=published), ActionFactory(plan=draft)
    archived = ActionFactory(plan=published, archived=True)
    assert list(selectors.actions(AnonymousUser())) == [shown]
    viewer = person(Role.VIEWER)
    assert set(selectors.actions(viewer)) == {shown, hidden}
    assert archived not in selectors.actions(person(Role.NMRF_ADMIN))


def test_overdue_leaves_out_settled_and_future_actions():
    today = dt.date(2027, 3, 1)
    late = ActionFactory(due=dt.date(2027, 1, 31))
    ActionFactory(due=dt.date(2027, 1, 31), status=Status.IMPLEMENTED)
    ActionFactory(due=dt.date(2027, 4, 1))
    ActionFactory(due=None)
    assert list(selectors.overdue(person(Role.NMRF_STAFF), today)) == [late]


def test_a_focal_points_items_include_entities_under_its_own():
    justice = EntityFactory(name="Justice")
    prisons = EntityFactory(name="Prisons", parent=justice)
    own, under, other = ActionFactory(entity=justice), ActionFactory(entity=prisons), ActionFactory()
    focal = person(Role.FOCAL_POINT, justice)
    assert set(selectors.actions(focal, mine=True)) == {own, under}
    assert other in selectors.actions(focal)


def test_entity_tree_in_order_with_depth():
    justice = EntityFactory(name="Justice")
    EntityFactory(name="Prisons", parent=justice)
    EntityFactory(name="Health")
    assert [(d, e.name) for d, e in accounts_selectors.entity_tree()] == [(0, "Health"), (0, "Justice"), (1, "Prisons")]
