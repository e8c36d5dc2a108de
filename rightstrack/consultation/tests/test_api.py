"""Consultation through the REST API: comments and independent assessments, who may
write them, who reads which; consultation rounds, who sees them and who replied."""

import datetime as dt

import pytest

from rightstrack.accounts.choices import Role
from rightstrack.consultation.models import Assessment, Comment, Reply, Round
from rightstrack.consultation.services import open_round
from rightstrack.planning.choices import Status
from rightstrack.planning.tests.factories import ActionFactory, EntityFactory, api_headers, person
from rightstrack.planning.tests.factories import api_post as post
from rightstrack.progress import services as progress
from rightstrack.progress.models import Tracking
from rightstrack.recommendations.tests.factories import RecommendationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def nhri():
    return person(Role.CONTRIBUTOR)


def test_a_contributor_comments_on_a_recommendation_and_a_report(client, nhri):
    rec = RecommendationFactory()
    made = post(
        client,
        "/api/comments",
        {
            "recommendation": rec.pk,
            "text": " Roma settlements are left out. ",
            "organisation": "Ombudsman",
            "is_public": True,
        },
        nhri,
    )
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
    made = post(
        client,
        "/api/assessments",
        {
            "recommendation": rec.pk,
            "organisation": "Human Rights Ombudsman",
            "status": "partially_implemented",
            "text": "Not applied to Roma.",
            "date": "2026-11-01",
        },
        nhri,
    )
    assert made.status_code == 201, made.content
    assert made.json()["status"] == "partially_implemented" and made.json()["is_public"] is False
    assert Tracking.objects.get(recommendation=rec).status == Status.IMPLEMENTED


@pytest.mark.parametrize("role", [Role.NMRF_STAFF, Role.FOCAL_POINT, Role.VIEWER])
def test_only_contributors_assess(client, role):
    refused = post(
        client,
        "/api/assessments",
        {
            "recommendation": RecommendationFactory().pk,
            "organisation": "NMRF",
            "status": "implemented",
            "text": "All done.",
        },
        person(role, EntityFactory()),
    )
    assert refused.status_code == 403
    assert not Assessment.objects.exists()


def test_the_public_reads_public_assessments_only(client, nhri):
    rec = RecommendationFactory()
    for is_public in (True, False):
        post(
            client,
            "/api/assessments",
            {
                "recommendation": rec.pk,
                "organisation": "Ombudsman",
                "status": "in_progress",
                "text": f"public={is_public}",
                "is_public": is_public,
            },
            nhri,
        )
    url = f"/api/recommendations/{rec.pk}/assessments"
    assert [a["text"] for a in client.get(url).json()] == ["public=True"]
    assert {a["text"] for a in client.get(url, **api_headers(person(Role.VIEWER))).json()} == {
        "public=True",
        "public=False",
    }


def test_assessments_of_an_unpublished_recommendation_are_not_found_for_the_public(client, nhri):
    rec = RecommendationFactory(is_published=False)
    assert client.get(f"/api/recommendations/{rec.pk}/assessments").status_code == 404
    assert client.get(f"/api/recommendations/{rec.pk}/assessments", **api_headers(nhri)).json() == []


def test_comments_read_like_assessments(client, nhri):
    rec = RecommendationFactory()
    staff = person(Role.NMRF_STAFF)
    report = progress.create_report(staff, action=ActionFactory(), text="Done.", date=dt.date(2026, 11, 1))
    for is_public in (True, False):
        Comment.objects.create(author=nhri, recommendation=rec, text=f"public={is_public}", is_public=is_public)
        Comment.objects.create(author=nhri, report=report, text=f"public={is_public}", is_public=is_public)
    url = f"/api/recommendations/{rec.pk}/comments"
    assert [c["text"] for c in client.get(url).json()] == ["public=True"]
    assert len(client.get(url, **api_headers(person(Role.VIEWER))).json()) == 2
    # The public does not see the draft report, so neither its comments.
    assert client.get(f"/api/reports/{report.pk}/comments").status_code == 404
    on_report = client.get(f"/api/reports/{report.pk}/comments", **api_headers(staff)).json()
    assert {c["text"] for c in on_report} == {"public=True", "public=False"}
    hidden = RecommendationFactory(is_published=False)
    assert client.get(f"/api/recommendations/{hidden.pk}/comments").status_code == 404


def test_the_nmrf_opens_a_round_and_sees_who_replied(client, nhri):
    staff, other = person(Role.NMRF_STAFF), person(Role.CONTRIBUTOR)
    opened = post(
        client,
        "/api/rounds",
        {"title": "Draft mid-term report", "deadline": "2027-01-31", "invited": [nhri.username, other.username]},
        staff,
    )
    assert opened.status_code == 201, opened.content
    round_ = opened.json()
    assert round_["waiting"] == sorted([nhri.username, other.username]) and round_["replied"] == []
    url = f"/api/rounds/{round_['id']}"
    replied = post(client, f"{url}/replies", {"text": "Our views are attached."}, nhri)
    assert replied.status_code == 201 and replied.json()["author"] == nhri.username
    seen = client.get(url, **api_headers(staff)).json()
    assert (seen["replied"], seen["waiting"]) == ([nhri.username], [other.username])
    # Those invited see the round and their own replies, not who else replied.
    theirs = client.get(url, **api_headers(other)).json()
    assert (theirs["replied"], theirs["waiting"], theirs["replies"]) == (None, None, [])
    assert [r["id"] for r in client.get("/api/rounds", **api_headers(nhri)).json()] == [round_["id"]]


def test_rounds_are_for_the_nmrf_and_those_invited(client, nhri):
    staff, stranger = person(Role.NMRF_STAFF), person(Role.CONTRIBUTOR)
    round_ = open_round(staff, title="Draft", deadline=dt.date(2027, 1, 31), invited=[nhri])
    assert client.get("/api/rounds").json() == []
    assert client.get(f"/api/rounds/{round_.pk}").status_code == 404
    assert client.get("/api/rounds", **api_headers(stranger)).json() == []
    assert post(client, f"/api/rounds/{round_.pk}/replies", {"text": "Me too"}, stranger).status_code == 404
    assert post(client, f"/api/rounds/{round_.pk}/replies", {"text": "   "}, nhri).status_code == 400
    round_.is_open = False
    round_.save()
    closed = post(client, f"/api/rounds/{round_.pk}/replies", {"text": "Late"}, nhri)
    assert closed.status_code == 400 and "closed" in closed.json()["detail"]
    assert not Reply.objects.exists()


def test_only_the_nmrf_opens_rounds_for_contributors(client, nhri):
    staff, viewer = person(Role.NMRF_STAFF), person(Role.VIEWER)
    body = {"title": "Draft", "deadline": "2027-01-31", "invited": [nhri.username]}
    # Refused before the names are looked up: no telling who has an account.
    assert post(client, "/api/rounds", body, nhri).status_code == 403
    assert post(client, "/api/rounds", {**body, "invited": ["nobody"]}, viewer).status_code == 403
    for invited in (["nobody"], [viewer.username], []):
        refused = post(client, "/api/rounds", {**body, "invited": invited}, staff)
        assert refused.status_code == 400 and refused.json()["errors"][0]["parameter"] == "invited", invited
    assert not Round.objects.exists()
