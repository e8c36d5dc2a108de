"""The whole follow-up flow through the web pages, on real recommendations (Slovenia's
third-cycle OHCHR list): NMRF staff cluster, assign and plan with an indicator; the
focal point reports with an indicator value and evidence; the NMRF returns it; the
focal point edits and resubmits; the NMRF validates and publishes; the public sees it.
Every step is a form post a person would make; the history shows every change."""

import re

import pytest

from rightstrack.accounts.choices import Role
from rightstrack.accounts.models import Entity
from rightstrack.ingest.services import import_file
from rightstrack.planning.choices import Status
from rightstrack.planning.models import Action, Cluster, Indicator, Plan
from rightstrack.planning.tests.factories import person
from rightstrack.progress.models import ProgressReport
from rightstrack.recommendations.models import Recommendation

pytestmark = pytest.mark.django_db


def _post(client, url, data, *, follow_to=None):
    response = client.post(url, data)
    assert response.status_code == 302, (url, response.status_code, _errors(response))
    return response


def _errors(response) -> str:
    text = response.content.decode()
    return " | ".join(
        re.findall(r'class="error">([^<]+)<', text) + re.findall(r'<div class="errors"[^>]*>(.*?)</div>', text, re.S)
    )


def test_the_whole_flow_through_the_pages(client, shared_data):
    import_file(shared_data / "ohchr-lists" / "UPR34_Slovenia_Thematic_list_of_Recommendations.docx")
    roma = list(Recommendation.objects.filter(text__icontains="Roma").order_by("pk")[:4])
    admin, staff = person(Role.NMRF_ADMIN), person(Role.NMRF_STAFF)
    focal, stranger = person(Role.VIEWER), person(Role.VIEWER)

    client.force_login(staff)
    _post(client, "/plans/entities/new/", {"name": "Ministry of Education", "kind": "ministry"})
    _post(client, "/plans/entities/new/", {"name": "Ministry of Health", "kind": "ministry"})
    education, health = Entity.objects.get(name="Ministry of Education"), Entity.objects.get(name="Ministry of Health")
    client.force_login(admin)
    _post(client, f"/plans/people/{focal.pk}/", {"role": Role.FOCAL_POINT, "entity": education.pk})
    _post(client, f"/plans/people/{stranger.pk}/", {"role": Role.FOCAL_POINT, "entity": health.pk})

    client.force_login(staff)
    _post(client, "/plans/new/", {"title": "National plan, third cycle", "start": "2024-01-01", "end": "2028-12-31"})
    plan = Plan.objects.get()
    _post(client, f"/plans/{plan.pk}/clusters/new/", {"title": "Roma inclusion", "position": 1})
    cluster = Cluster.objects.get()
    _post(client, f"/plans/clusters/{cluster.pk}/add/", {"ids": " ".join(str(r.pk) for r in roma)})
    assert cluster.recommendations.count() == 4
    _post(client, "/plans/assign/", {"ids": ",".join(str(r.pk) for r in roma), "entity": education.pk, "lead": "on"})
    assert all(r.responsibilities.get().lead for r in roma)
    _post(
        client,
        f"/plans/actions/new/?cluster={cluster.pk}",
        {
            "title": "Roma teaching assistants in every school",
            "entity": education.pk,
            "due": "2027-06-30",
            "status": Status.NOT_STARTED,
            "funding_source": "upr_vf",
            "budget": "120000",
            "currency": "EUR",
        },
    )
    action = Action.objects.get()
    _post(
        client,
        f"/plans/actions/{action.pk}/indicators/new/",
        {
            "kind": "outcome",
            "name": "Schools with a Roma teaching assistant",
            "baseline": "31",
            "target": "60",
            "unit": "schools",
        },
    )
    indicator = Indicator.objects.get()

    client.force_login(stranger)  # another ministry's focal point
    assert client.get(f"/progress/new/?action={action.pk}").status_code == 403
    assert client.get(f"/plans/actions/{action.pk}/edit/").status_code == 403

    client.force_login(focal)
    edit = client.get(f"/plans/actions/{action.pk}/edit/").content.decode()
    assert 'name="description"' in edit and 'name="title"' not in edit  # the plan's fields stay the NMRF's
    _post(
        client,
        f"/plans/actions/{action.pk}/edit/",
        {"version": action.version, "description": "Recruitment began.", "status": Status.IN_PROGRESS},
    )
    _post(
        client,
        f"/progress/new/?action={action.pk}",
        {
            "date": "2026-12-01",
            "text": "38 schools have an assistant.",
            "proposed_status": Status.PARTIALLY_IMPLEMENTED,
            f"indicator_{indicator.pk}": "38",
            "links": "https://www.gov.si/",
        },
    )
    report = ProgressReport.objects.get()
    _post(client, f"/progress/{report.pk}/submit/", {"version": report.version})

    client.logout()
    assert client.get(f"/progress/{report.pk}/").status_code == 302  # the public: sign in first
    client.force_login(staff)
    report.refresh_from_db()
    _post(client, f"/progress/{report.pk}/return/", {"version": report.version, "comment": "Give the pupils reached."})
    client.force_login(focal)
    page = client.get(f"/progress/{report.pk}/").content.decode()
    assert "Give the pupils reached." in page
    report.refresh_from_db()
    _post(
        client,
        f"/progress/{report.pk}/edit/",
        {
            "version": report.version,
            "date": "2026-12-01",
            "text": "38 schools, 1,150 Roma pupils reached.",
            "proposed_status": Status.PARTIALLY_IMPLEMENTED,
        },
    )
    report.refresh_from_db()
    _post(client, f"/progress/{report.pk}/submit/", {"version": report.version})

    client.force_login(staff)
    report.refresh_from_db()
    _post(client, f"/progress/{report.pk}/validate/", {"version": report.version})
    report.refresh_from_db()
    _post(client, f"/progress/{report.pk}/publish/", {"version": report.version})
    plan_page = client.get(f"/plans/{plan.pk}/edit/")
    assert plan_page.status_code == 200
    _post(
        client,
        f"/plans/{plan.pk}/edit/",
        {
            "version": plan.version + 0,
            "title": plan.title,
            "start": "2024-01-01",
            "end": "2028-12-31",
            "is_published": "on",
        },
    )

    action.refresh_from_db()
    assert action.status == Status.PARTIALLY_IMPLEMENTED
    client.logout()
    public = client.get(f"/progress/{report.pk}/")
    assert public.status_code == 200 and "1,150 Roma pupils" in public.content.decode()
    assert "History" not in public.content.decode()  # earlier states are not published information
    assert client.get(f"/plans/actions/{action.pk}/").status_code == 200

    client.force_login(staff)
    report_history = client.get(f"/progress/{report.pk}/").content.decode()
    for state in (
        "Submitted",
        "Returned with a comment",
        "Validated",
        "Published",
        "Give the pupils reached.",
        "1,150 Roma pupils reached.",
    ):
        assert state in report_history, state
    action_history = client.get(f"/plans/actions/{action.pk}/").content.decode()
    for change in ("Recruitment began.", "In progress", "Partially implemented", "Created"):
        assert change in action_history, change
    rec_page = client.get(f"/recommendations/{roma[0].pk}/").content.decode()
    assert "lead: Ministry of Education" in rec_page and "Roma inclusion" in rec_page
