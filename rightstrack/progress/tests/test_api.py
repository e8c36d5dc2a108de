"""Progress reporting through the REST API: a report's way from draft to published, who
may report on what, stale steps, what the public sees, recommendations' statuses, and
evidence links and files."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rightstrack.accounts.choices import Role
from rightstrack.planning.choices import Status
from rightstrack.planning.models import Indicator, Responsibility
from rightstrack.planning.tests.factories import ActionFactory, EntityFactory, PlanFactory, api_headers, person
from rightstrack.planning.tests.factories import api_post as post
from rightstrack.progress import services
from rightstrack.progress.models import ProgressReport, Tracking
from rightstrack.recommendations.tests.factories import RecommendationFactory, mechanism

pytestmark = pytest.mark.django_db


@pytest.fixture
def justice():
    return EntityFactory(name="Ministry of Justice")


@pytest.fixture
def staff():
    return person(Role.NMRF_STAFF)


@pytest.fixture
def focal(justice):
    return person(Role.FOCAL_POINT, justice)


@pytest.fixture
def action(justice):
    return ActionFactory(plan=PlanFactory(is_published=True), entity=justice, title="Train judges")


def test_a_report_goes_from_draft_to_public(client, staff, focal, action):
    indicator = Indicator.objects.create(action=action, name="Judges trained", target="300")
    made = post(
        client,
        "/api/reports",
        {
            "action": action.pk,
            "text": "120 judges trained.",
            "date": "2026-11-01",
            "proposed_status": "in_progress",
            "indicator_values": [{"indicator": indicator.pk, "value": "120"}],
            "links": ["https://www.example.org/t"],
        },
        focal,
    )
    assert made.status_code == 201, made.content
    report = made.json()
    assert report["state"] == "draft" and report["entity"] == "Ministry of Justice"
    assert report["indicator_values"][0]["value"] == "120"
    assert report["evidence"][0]["link"] == "https://www.example.org/t"
    url = f"/api/reports/{report['id']}"
    assert client.get(url).status_code == 404

    report = post(client, f"{url}/submit", {"version": report["version"]}, focal).json()
    report = post(client, f"{url}/return", {"version": report["version"], "comment": "Give the regions."}, staff).json()
    assert report["state"] == "returned" and report["review_comment"] == "Give the regions."
    report = post(client, url, {"version": report["version"], "text": "120 judges trained in 4 regions."}, focal).json()
    report = post(client, f"{url}/submit", {"version": report["version"]}, focal).json()
    report = post(client, f"{url}/validate", {"version": report["version"]}, staff).json()
    action.refresh_from_db()
    assert report["state"] == "validated" and action.status == Status.IN_PROGRESS
    assert client.get(url).status_code == 404
    report = post(client, f"{url}/publish", {"version": report["version"]}, staff).json()

    public = client.get(url)
    assert public.status_code == 200
    assert public.json()["text"] == "120 judges trained in 4 regions." and public.json()["history"] == []
    assert [r["id"] for r in client.get("/api/reports").json()["results"]] == [report["id"]]
    states = [e["changes"].get("stage") for e in client.get(url, **api_headers(staff)).json()["history"]]
    assert states[0] == ["validated", "published"] and states[-1] == [None, "draft"]


def test_a_focal_point_cannot_report_on_another_entitys_action(client, action):
    stranger = person(Role.FOCAL_POINT, EntityFactory(name="Ministry of Health"))
    refused = post(client, "/api/reports", {"action": action.pk, "text": "Done."}, stranger)
    assert refused.status_code == 403 and "another entity" in refused.json()["detail"]
    assert not ProgressReport.objects.exists()


def test_a_focal_point_cannot_move_another_entitys_report(client, staff, focal, action):
    report = services.create_report(focal, action=action, text="Draft", date=dt.date(2026, 11, 1))
    stranger = person(Role.FOCAL_POINT, EntityFactory(name="Ministry of Health"))
    # Another entity's draft is not even visible to it.
    assert post(client, f"/api/reports/{report.pk}/submit", {"version": 1}, stranger).status_code == 404
    report = services.submit(focal, report, 1)
    assert post(client, f"/api/reports/{report.pk}/validate", {"version": 2}, focal).status_code == 403
    report.refresh_from_db()
    assert report.stage == "submitted"


def test_a_stale_version_is_a_conflict_and_changes_nothing(client, focal, action):
    report = services.create_report(focal, action=action, text="First", date=dt.date(2026, 11, 1))
    assert post(client, f"/api/reports/{report.pk}", {"version": 1, "text": "Second"}, focal).status_code == 200
    stale = post(client, f"/api/reports/{report.pk}", {"version": 1, "text": "Stale"}, focal)
    assert stale.status_code == 409 and "nothing was saved" in stale.json()["detail"]
    assert post(client, f"/api/reports/{report.pk}/submit", {"version": 1}, focal).status_code == 409
    report.refresh_from_db()
    assert (report.text, report.stage, report.version) == ("Second", "draft", 2)


def test_a_step_the_workflow_does_not_have_is_a_400(client, staff, action):
    report = services.create_report(staff, action=action, text="Done.", date=dt.date(2026, 11, 1))
    refused = post(client, f"/api/reports/{report.pk}/publish", {"version": 1}, staff)
    assert refused.status_code == 400 and "cannot become published" in refused.json()["detail"]
    refused = post(client, f"/api/reports/{report.pk}/return", {"version": 1, "comment": " "}, staff)
    assert refused.status_code == 400


@pytest.mark.parametrize(
    "body, parameter",
    [
        ({"text": "No target"}, "action"),
        ({"action": 999999, "text": "x"}, "action"),
        ({"text": "x", "links": ["not a link"]}, "links"),
        ({"text": "x", "indicator_values": [{"indicator": 999999, "value": "1"}]}, "indicator_values"),
        ({"text": "x", "proposed_status": "done"}, "proposed_status"),
    ],
)
def test_a_bad_report_is_a_400_naming_the_parameter(client, staff, action, body, parameter):
    if "action" not in body and parameter != "action":
        body = {**body, "action": action.pk}
    refused = post(client, "/api/reports", body, staff)
    assert refused.status_code == 400, refused.content
    assert refused.json()["errors"][0]["parameter"] == parameter
    assert not ProgressReport.objects.exists()


def test_an_indicator_of_another_action_is_refused(client, staff, action):
    elsewhere = Indicator.objects.create(action=ActionFactory(), name="Elsewhere")
    refused = post(
        client,
        "/api/reports",
        {"action": action.pk, "text": "x", "indicator_values": [{"indicator": elsewhere.pk, "value": "1"}]},
        staff,
    )
    assert refused.status_code == 400 and "not one of this action's" in refused.json()["detail"]
    assert not ProgressReport.objects.exists()


def test_a_report_on_a_recommendation_speaks_for_the_focal_points_entity(client, focal, justice):
    rec = RecommendationFactory()
    Responsibility.objects.create(recommendation=rec, entity=EntityFactory(), lead=True)
    Responsibility.objects.create(recommendation=rec, entity=justice)
    made = post(client, "/api/reports", {"recommendation": rec.pk, "text": "Our part is done."}, focal)
    assert made.status_code == 201, made.content
    assert made.json()["entity_id"] == justice.pk and made.json()["date"] == dt.date.today().isoformat()


def test_reports_filter_and_the_public_sees_published_ones_only(client, staff, focal, action):
    def report(text, *steps):
        made = services.create_report(focal, action=action, text=text, date=dt.date(2026, 11, 1))
        for step in steps:
            made = step(staff, made, made.version)
        return made

    draft = report("Draft")
    validated = report("Validated", services.submit, services.validate)
    published = report("Published", services.submit, services.validate, services.publish)

    def ids(query="", **headers):
        response = client.get(f"/api/reports?{query}", **headers)
        assert response.status_code == 200, response.content
        return {r["id"] for r in response.json()["results"]}

    assert ids() == {published.pk}
    assert ids(**api_headers(person(Role.VIEWER))) == {validated.pk, published.pk}
    assert ids(**api_headers(staff)) == {draft.pk, validated.pk, published.pk}
    assert ids("state=draft&state=validated", **api_headers(staff)) == {draft.pk, validated.pk}
    assert ids(f"action={action.pk}&date_from=2026-11-01") == {published.pk}
    assert ids("date_to=2026-10-31") == set()
    assert client.get(f"/api/reports/{draft.pk}").status_code == 404
    assert client.get("/api/reports?state=finished").status_code == 400


def test_a_recommendations_status_reads_without_writing_and_the_nmrf_sets_it(client, staff, focal):
    rec = RecommendationFactory(mechanism=mechanism("CCPR"), document=None, upr_session=None)  # a graded follow-up
    url = f"/api/recommendations/{rec.pk}/tracking"
    assert client.get(url).json() == {"recommendation_id": rec.pk, "status": "not_started", "grade": "", "version": 1}
    assert not Tracking.objects.exists()
    assert post(client, url, {"version": 1, "status": "implemented"}, focal).status_code == 403
    done = post(client, url, {"version": 1, "status": "in_progress", "grade": "B1"}, staff)
    assert done.status_code == 200 and done.json() == {
        "recommendation_id": rec.pk,
        "status": "in_progress",
        "grade": "B1",
        "version": 2,
    }
    assert post(client, url, {"version": 1, "grade": "A"}, staff).status_code == 409
    assert client.get(url).json()["grade"] == "B1"


def test_an_unpublished_recommendations_status_is_not_found_for_the_public(client, staff):
    rec = RecommendationFactory(is_published=False)
    assert client.get(f"/api/recommendations/{rec.pk}/tracking").status_code == 404
    assert client.get(f"/api/recommendations/{rec.pk}/tracking", **api_headers(staff)).status_code == 200


def test_evidence_is_added_to_a_draft_as_a_link_or_a_file(client, settings, tmp_path, staff, focal, action):
    settings.MEDIA_ROOT = tmp_path
    report = services.create_report(focal, action=action, text="Draft", date=dt.date(2026, 11, 1))
    url = f"/api/reports/{report.pk}/evidence"
    linked = post(client, url, {"link": "https://www.example.org/gazette", "description": "The law"}, focal)
    assert linked.status_code == 201, linked.content
    assert linked.json()["link"] == "https://www.example.org/gazette" and linked.json()["file"] is None
    assert post(client, url, {"link": "not a link"}, focal).json()["errors"][0]["parameter"] == "link"
    upload = SimpleUploadedFile("budget.pdf", b"%PDF-1.4 a budget line", content_type="application/pdf")
    filed = client.post(f"{url}/file", {"file": upload, "description": "The budget"}, **api_headers(focal))
    assert filed.status_code == 201, filed.content
    assert filed.json()["name"] == "budget.pdf" and filed.json()["description"] == "The budget"
    assert filed.json()["file"] == f"{url}/{filed.json()['id']}/file"
    detail = client.get(f"/api/reports/{report.pk}", **api_headers(staff)).json()
    assert len(detail["evidence"]) == 2 and detail["version"] == 1  # evidence does not move the report
    stranger = person(Role.FOCAL_POINT, EntityFactory(name="Ministry of Health"))
    assert post(client, url, {"link": "https://www.example.org/x"}, stranger).status_code == 404
    services.submit(focal, report, 1)
    late = post(client, url, {"link": "https://www.example.org/late"}, focal)
    assert late.status_code == 400 and "no longer be edited" in late.json()["detail"]
    assert client.post(f"{url}/file", {}, **api_headers(focal)).status_code == 400


def test_the_stage_keeps_its_old_name_state_for_one_release(client, staff, focal, action):
    made = services.create_report(focal, action=action, text="Draft", date=dt.date(2026, 11, 1))
    services.submit(focal, made, made.version)
    listed = client.get("/api/reports?stage=submitted", **api_headers(staff)).json()["results"]
    assert [(r["id"], r["stage"], r["state"]) for r in listed] == [(made.pk, "submitted", "submitted")]
    assert client.get("/api/reports?state=submitted", **api_headers(staff)).json()["results"] == listed
    assert client.get("/api/reports?stage=draft", **api_headers(staff)).json()["results"] == []
    parameters = {
        p["name"] for p in client.get("/api/openapi.json").json()["paths"]["/api/reports"]["get"]["parameters"]
    }
    assert {"stage", "state"} <= parameters
