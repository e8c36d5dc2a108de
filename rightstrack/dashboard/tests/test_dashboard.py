"""The implementation dashboard and the overdue list: counts, who sees what, CSV, and a
number of queries that does not grow with the number of recommendations."""

import csv
import datetime as dt
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rightstrack.accounts.choices import Role
from rightstrack.dashboard import selectors
from rightstrack.planning.choices import Status
from rightstrack.planning.models import Responsibility
from rightstrack.planning.tests.factories import ActionFactory, ClusterFactory, EntityFactory, PlanFactory, person
from rightstrack.progress.models import Tracking
from rightstrack.recommendations.tests.factories import RecommendationFactory, TagFactory, mechanism, state, term

pytestmark = pytest.mark.django_db

# The pages count days late from the real date: the world is dated from it too.
TODAY = timezone.localdate()
THEME = "scope-of-international-obligations"


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def tracked(status=None, **kwargs):
    """A recommendation, with a status row when ``status`` is given."""
    rec = RecommendationFactory(**kwargs)
    if status:
        Tracking.objects.create(recommendation=rec, status=status)
    return rec


@pytest.fixture
def world():
    """A published plan and a draft one; recommendations in and out of scope; actions."""
    public, draft = PlanFactory(title="Public plan", is_published=True), PlanFactory(title="Draft plan")
    justice = EntityFactory(name="Ministry of Justice", short_name="MoJ")
    health = EntityFactory(name="Ministry of Health")
    roma = ClusterFactory(plan=public, title="Roma inclusion")
    secret = ClusterFactory(plan=draft, title="Secret cluster")
    done = tracked(Status.IMPLEMENTED)
    fresh = tracked()  # no status row: not started
    hidden = tracked(Status.IN_PROGRESS, is_published=False)  # unpublished recommendation
    roma.recommendations.set([done, fresh, hidden])
    drafted = tracked(Status.IN_PROGRESS)
    secret.recommendations.set([drafted])
    assigned = tracked(Status.PARTIALLY_IMPLEMENTED, mechanism=mechanism("CCPR"), upr_session=None, document=None)
    Responsibility.objects.create(recommendation=assigned, entity=justice, lead=True)
    Responsibility.objects.create(recommendation=done, entity=health, lead=False)  # support: not a lead
    tracked()  # out of scope: nobody follows it up
    TagFactory(recommendation=done, term=term("uhri-themes", THEME))
    TagFactory(recommendation=done)  # SDG 16
    TagFactory(recommendation=fresh)
    TagFactory(recommendation=fresh, term=term("uhri-themes", THEME), origin="automatic")  # unconfirmed suggestion
    late = ActionFactory(
        plan=public,
        cluster=roma,
        recommendation=None,
        entity=justice,
        title="Late public action",
        due=days_ago(45),
        status=Status.IN_PROGRESS,
    )
    ActionFactory(
        plan=public,
        cluster=roma,
        recommendation=None,
        entity=justice,
        title="Done action",
        due=days_ago(45),
        status=Status.IMPLEMENTED,
    )
    secret_late = ActionFactory(
        plan=draft, cluster=secret, recommendation=None, entity=health, title="Late draft action", due=days_ago(9)
    )
    return {"justice": justice, "health": health, "late": late, "secret_late": secret_late, "public": public}


def counts(grouping_rows):
    return {row.label: {status: n for status, n in row.counts.items() if n} for row in grouping_rows}


def groupings(data):
    return {g.slug: counts(g.rows) for g in [*data.recommendations, *data.actions]}


def test_staff_dashboard_counts_every_followed_recommendation(world):
    data = selectors.dashboard(person(Role.NMRF_STAFF), today=TODAY)
    assert data.total.counts == {"implemented": 1, "not_started": 1, "in_progress": 2, "partially_implemented": 1}
    assert data.total.implemented_percent == 20
    found = groupings(data)
    assert found["cluster"] == {
        "Roma inclusion": {"implemented": 1, "not_started": 1, "in_progress": 1},
        "Secret cluster": {"in_progress": 1},
    }
    assert found["theme"] == {"Scope of international obligations": {"implemented": 1}}
    assert list(found["sdg"]) == ["16 - Peace, justice and strong institutions"]
    assert found["sdg"]["16 - Peace, justice and strong institutions"] == {"implemented": 1, "not_started": 1}
    assert found["entity"] == {"MoJ": {"partially_implemented": 1}}
    assert found["mechanism"] == {
        "UPR": {"implemented": 1, "not_started": 1, "in_progress": 2},
        "CCPR": {"partially_implemented": 1},
    }
    assert found["cycle"] == {"Cycle 3": {"implemented": 1, "not_started": 1, "in_progress": 2}}
    assert found["action-entity"] == {
        "MoJ": {"in_progress": 1, "implemented": 1},
        "Ministry of Health": {"not_started": 1},
    }
    assert found["action-plan"] == {
        "Draft plan": {"not_started": 1},
        "Public plan": {"in_progress": 1, "implemented": 1},
    }
    assert [item.action for item in data.overdue] == [world["late"], world["secret_late"]]
    assert [item.days_late for item in data.overdue] == [45, 9] and data.overdue_count == 2


def test_anonymous_dashboard_leaves_out_unpublished_plans_and_recommendations(world):
    data = selectors.dashboard(AnonymousUser(), today=TODAY)
    assert data.total.counts == {"implemented": 1, "not_started": 1}
    found = groupings(data)
    assert found["cluster"] == {"Roma inclusion": {"implemented": 1, "not_started": 1}}
    assert found["entity"] == {} and found["mechanism"] == {"UPR": {"implemented": 1, "not_started": 1}}
    assert found["action-plan"] == {"Public plan": {"in_progress": 1, "implemented": 1}}
    assert [item.action for item in data.overdue] == [world["late"]]


def test_filters_by_state_and_plan(world):
    staff = person(Role.NMRF_STAFF)
    tracked(Status.IMPLEMENTED, state=state("FRA")).clusters.set([world["public"].clusters.get()])
    assert selectors.dashboard(staff, today=TODAY).total.total == 6
    assert selectors.dashboard(staff, state="fra", today=TODAY).total.counts == {"implemented": 1}
    by_plan = selectors.dashboard(staff, plan=world["public"], today=TODAY)
    assert groupings(by_plan)["cluster"] == {"Roma inclusion": {"implemented": 2, "not_started": 1, "in_progress": 1}}
    assert by_plan.total.total == 4 and by_plan.overdue_count == 1


def test_the_number_of_queries_does_not_grow_with_the_recommendations(world):
    staff = person(Role.NMRF_STAFF)
    staff.profile  # noqa: B018 - the role is read once per request; keep it out of the count

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            selectors.dashboard(staff, today=TODAY)
        return len(captured)

    before = queries()
    cluster = world["public"].clusters.get()
    for n in range(30):
        rec = tracked([Status.IN_PROGRESS, Status.IMPLEMENTED, None][n % 3])
        cluster.recommendations.add(rec)
        TagFactory(recommendation=rec, term=term("uhri-themes", THEME))
        Responsibility.objects.create(recommendation=rec, entity=world["health"], lead=True)
    assert queries() == before <= 9  # one of them counts the treaty bodies' grades


def test_dashboard_page_and_csv(client, world):
    page = client.get(reverse("dashboard:dashboard"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Roma inclusion" in html and "Secret cluster" not in html and "Late draft action" not in html
    assert f'href="{world["late"].get_absolute_url()}"' in html
    assert 'style="inline-size: 50.00%"' in html  # the stacked bar of the cluster's two recommendations

    client.force_login(person(Role.NMRF_STAFF))
    response = client.get(reverse("dashboard:dashboard"), {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["What", "Grouping", "Group", "Detail", "Total"] and rows[0][-1] == "Implemented (%)"
    by_group = {(row[1], row[2]): row for row in rows[1:]}
    assert by_group[("All", "")][4] == "5" and by_group[("All", "")][-1] == "20.0"
    assert by_group[("Cluster", "Secret cluster")][3:5] == ["Draft plan", "1"]
    assert by_group[("Responsible entity", "MoJ")][4] == "2"


def test_dashboard_page_for_one_plan(client, world):
    client.force_login(person(Role.NMRF_STAFF))
    page = client.get(reverse("dashboard:dashboard"), {"plan": world["public"].pk})
    assert page.context["data"].overdue_count == 1
    assert f'href="{reverse("dashboard:overdue")}?plan={world["public"].pk}"' in page.content.decode()
    assert "Secret cluster" not in page.content.decode()


def test_an_invalid_country_shows_the_error_not_unfiltered_figures(client, world):
    page = client.get(reverse("dashboard:dashboard"), {"country": "XXX"})
    assert page.status_code == 200 and page.context["data"] is None
    assert "No State has the code XXX." in page.content.decode()


def test_overdue_list_page_csv_and_visibility(client, world):
    url = reverse("dashboard:overdue")
    page = client.get(url)
    assert [item.action for item in page.context["items"]] == [world["late"]]
    assert "Only my entity" not in page.content.decode()  # no "mine" toggle for the public
    client.force_login(person(Role.NMRF_STAFF))
    page = client.get(url)
    assert [item.action for item in page.context["items"]] == [world["late"], world["secret_late"]]
    rows = list(csv.reader(io.StringIO(client.get(url, {"format": "csv"}).content.decode("utf-8-sig"))))
    assert rows == [
        ["Action", "Plan", "Responsible entity", "Due", "Days late", "Status"],
        ["Late public action", "Public plan", "Ministry of Justice", days_ago(45).isoformat(), "45", "In progress"],
        ["Late draft action", "Draft plan", "Ministry of Health", days_ago(9).isoformat(), "9", "Not started"],
    ]


def test_a_focal_point_can_keep_only_its_entitys_overdue_actions(client, world):
    client.force_login(person(Role.FOCAL_POINT, world["justice"]))
    url = reverse("dashboard:overdue")
    assert len(client.get(url).context["items"]) == 2
    page = client.get(url, {"mine": "on"})
    assert [item.action for item in page.context["items"]] == [world["late"]]
    assert "Only my entity" in page.content.decode()
    # Only focal points have a "mine": for others the toggle is ignored.
    client.force_login(person(Role.VIEWER))
    assert len(client.get(url, {"mine": "on"}).context["items"]) == 2


def test_the_overdue_list_is_paged(client, world):
    for n in range(55):
        ActionFactory(plan=world["public"], entity=world["justice"], due=days_ago(400), title=f"Old action {n}")
    first = client.get(reverse("dashboard:overdue"))
    assert first.context["page"].paginator.count == 56 and len(first.context["items"]) == 50
    second = client.get(reverse("dashboard:overdue"), {"page": 2})
    assert len(second.context["items"]) == 6
    assert 'href="?page=1"' in second.content.decode()
