"""Consultation through the REST API: comments and independent assessments, who may
write them, and who reads which assessments."""
import datetime as dt

import pytest

from rightstrack.consultation.models import Assessment, Comment
from rightstrack.planning.choices import Role, Status
from rightstrack.planning.tests.factories import ActionFactory, EntityFactory, api_headers, person
from rightstrack.progress import services as progress
from rightstrack.progress.models import Tracking
from rightstrack.recommendations.tests.factories import RecommendationFactory

pytestmark = pytest.mark.django_db


def post(client, url: str, data: dict, user):
    return client.post(url, data, content_type="application/json", **api_headers(user))


@pytest.fixture
def nhri():
    return person(Role.CONTRIBUTOR)


def test_a_contributor_comments_on_a_recommendation_and_a_report(client, nhri):
    rec = RecommendationFactory()
    made = post(client, "/api/comments", {"recommendation": rec.pk, "text": " Roma settlements are left out. ",
                                          "organisation": "Ombudsman", "is_public": True}, nhri)
    assert made.status_code == 201, made.content
    assert made.json()["text"] == "Roma settlements are left out." and made.json()["recommendation_id"] == rec.pk
    staff = person(Role.NMRF_STAFF)
    report = progress.create_report(staff, action=ActionFactory(), text="Done.", date=dt.date(2026, 11, 1))
    report = progress.validate(staff, progress.submit(staff, report, 1), 2)  # contributors read validated reports
    on_report = post(client, "/api/comments", {"report": report.pk, "text": "Not quite."}, nhri)
    assert on_report.status_code == 201 and on_report.json()["report_id"] == report.pk
    assert Comment.objects.count() == 2


def test_a_contributor_cannot_comment_on_a_draft_it_cannot_see(client, nhri):
    staff = person(Role.NMRF_STAFF)
    draft = progress.create_report(staff, action=ActionFactory(), text="Draft.", date=dt.date(2026, 11, 1))
    refused = post(client, "/api/comments", {"report": draft.pk, "text": "Seen?"}, nhri)
    assert refused.status_code == 400 and refused.json()["errors"][0]["parameter"] == "report"


@pytest.mark.parametrize("role", [Role.VIEWER, Role.FOCAL_POINT])
def test_only_contributors_and_the_nmrf_comment(client, role):
    someone = person(role, EntityFactory())
    refused = post(client, "/api/comments", {"recommendation": RecommendationFactory().pk, "text": "A view"}, someone)
    assert refused.status_code == 403 and refused.json()["detail"]
    assert not Comment.objects.exists()


def test_a_comment_needs_a_subject_and_a_text(client, nhri):
    assert post(client, "/api/comments", {"text": "About nothing"}, nhri).status_code == 400
    blank = post(client, "/api/comments", {"recommendation": RecommendationFactory().pk, "text": "   "}, nhri)
    assert blank.status_code == 400 and "needs a text" in blank.json()["detail"]
    assert not Comment.objects.exists()


def test_an_assessment_stays_apart_from_the_states_status(client, nhri):
    rec = RecommendationFactory()
    Tracking.objects.create(recommendation=rec, status=Status.IMPLEMENTED)
    made = post(client, "/api/assessments", {"recommendation": rec.pk, "organisation": "Human Rights Ombudsman",
                                             "status": "partially_implemented", "text": "Not applied to Roma.",
                                             "date": "2026-11-01"}, nhri)
    assert made.status_code == 201, made.content
    assert made.json()["status"] == "partially_implemented" and made.json()["is_public"] is False
    assert Tracking.objects.get(recommendation=rec).status == Status.IMPLEMENTED


@pytest.mark.parametrize("role", [Role.NMRF_STAFF, Role.FOCAL_POINT, Role.VIEWER])
def test_only_contributors_assess(client, role):
    refused = post(client, "/api/assessments", {"recommendation": RecommendationFactory().pk, "organisation": "NMRF",
                                                "status": "implemented", "text": "All done."},
                   person(role, EntityFactory()))
    assert refused.status_code == 403
    assert not Assessment.objects.exists()


def test_the_public_reads_public_assessments_only(client, nhri):
    rec = RecommendationFactory()
    for is_public in (True, False):
        post(client, "/api/assessments", {"recommendation": rec.pk, "organisation": "Ombudsman",
                                          "status": "in_progress", "text": f"public={is_public}",
                                          "is_public": is_public}, nhri)
    url = f"/api/recommendations/{rec.pk}/assessments"
    assert [a["text"] for a in client.get(url).json()] == ["public=True"]
    assert {a["text"] for a in client.get(url, **api_headers(person(Role.VIEWER))).json()} == {"public=True",
                                                                                              "public=False"}


def test_assessments_of_an_unpublished_recommendation_are_not_found_for_the_public(client, nhri):
    rec = RecommendationFactory(is_published=False)
    assert client.get(f"/api/recommendations/{rec.pk}/assessments").status_code == 404
    assert client.get(f"/api/recommendations/{rec.pk}/assessments", **api_headers(nhri)).json() == []
