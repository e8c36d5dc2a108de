"""A recommendation's status and follow-up grade: grades (A-E) are the treaty bodies'
and are refused on a UPR recommendation wherever they come from (service, API, page);
a stale save says only what is known of who changed the item."""

import pytest

from rightstrack.accounts.choices import Role
from rightstrack.core.audit import ConflictError
from rightstrack.core.errors import InvalidValueError
from rightstrack.planning.tests.factories import api_post as post
from rightstrack.planning.tests.factories import person
from rightstrack.progress import services
from rightstrack.progress.forms import TrackingForm
from rightstrack.progress.models import Tracking
from rightstrack.recommendations.tests.factories import RecommendationFactory, mechanism

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return person(Role.NMRF_STAFF)


@pytest.fixture
def upr():
    return RecommendationFactory()


@pytest.fixture
def ccpr():
    return RecommendationFactory(mechanism=mechanism("CCPR"), document=None, upr_session=None, paragraph="25")


def test_a_grade_is_refused_on_a_upr_recommendation_and_kept_on_a_treaty_bodys(staff, upr, ccpr):
    with pytest.raises(InvalidValueError, match="given by treaty bodies only"):
        services.set_status(staff, upr, 1, status="in_progress", grade="B1")
    assert not Tracking.objects.filter(recommendation=upr).exclude(grade="").exists()
    assert services.set_status(staff, upr, 1, status="in_progress", grade="").status == "in_progress"
    assert services.set_status(staff, ccpr, 1, grade="B1").grade == "B1"


def test_the_api_refuses_a_grade_on_a_upr_recommendation(client, staff, upr, ccpr):
    refused = post(client, f"/api/recommendations/{upr.pk}/tracking", {"version": 1, "grade": "A"}, staff)
    assert refused.status_code == 400 and "treaty bodies only" in refused.json()["detail"]
    assert client.get(f"/api/recommendations/{upr.pk}/tracking").json()["grade"] == ""
    done = post(client, f"/api/recommendations/{ccpr.pk}/tracking", {"version": 1, "grade": "C"}, staff)
    assert done.status_code == 200 and done.json()["grade"] == "C"


def test_the_status_page_offers_a_grade_only_for_treaty_bodies(client, staff, upr, ccpr):
    client.force_login(staff)
    assert 'name="grade"' not in client.get(f"/progress/status/{upr.pk}/").content.decode()
    assert 'name="grade"' in client.get(f"/progress/status/{ccpr.pk}/").content.decode()
    client.post(f"/progress/status/{upr.pk}/", {"version": 1, "status": "in_progress", "grade": "A"})
    assert (Tracking.objects.get(recommendation=upr).status, Tracking.objects.get(recommendation=upr).grade) == (
        "in_progress",
        "",
    )
    # A grade left from before can be cleared, not changed.
    Tracking.objects.filter(recommendation=upr).update(grade="B")
    tracking = Tracking.objects.get(recommendation=upr)
    form = TrackingForm({"version": tracking.version, "status": "in_progress", "grade": "A"}, instance=tracking)
    assert not form.is_valid() and "treaty bodies only" in form.errors["grade"][0]
    page = client.post(
        f"/progress/status/{upr.pk}/", {"version": tracking.version, "status": "in_progress", "grade": "A"}
    )
    assert page.status_code == 200 and "treaty bodies only" in page.content.decode()
    assert (
        client.post(
            f"/progress/status/{upr.pk}/", {"version": tracking.version, "status": "in_progress", "grade": ""}
        ).status_code
        == 302
    )
    assert Tracking.objects.get(recommendation=upr).grade == ""


def test_a_stale_save_on_a_never_edited_item_names_no_one_and_no_time(staff, upr):
    services.tracking_for(upr)  # made, never edited: version 1, nothing in the trail
    with pytest.raises(ConflictError) as stale:
        services.set_status(staff, upr, 2, status="implemented")
    message = str(stale.value)
    assert "not at the version you sent (2; it is at version 1)" in message and "nothing was saved" in message
    assert "?" not in message and "someone" not in message
    # Changed without a trace in the trail (before changes were recorded): no name, no time.
    Tracking.objects.filter(recommendation=upr).update(version=2)
    with pytest.raises(ConflictError) as stale:
        services.set_status(staff, upr, 1, status="implemented")
    assert "was changed by someone else since you opened it; nothing was saved" in str(stale.value)
    assert " at " not in str(stale.value) and "?" not in str(stale.value)


def test_a_stale_save_names_who_changed_the_item_and_when(staff, upr):
    services.set_status(staff, upr, 1, status="in_progress")
    with pytest.raises(ConflictError, match=rf"changed by {staff.username} at \d{{4}}-\d\d-\d\d \d\d:\d\d after"):
        services.set_status(person(Role.NMRF_STAFF), upr, 1, status="implemented")


def test_a_grade_comes_from_the_committees_own_scale(client, staff, ccpr):
    with pytest.raises(InvalidValueError, match="'F' is not a grade of the CCPR"):
        services.set_status(staff, ccpr, 1, grade="F")
    cedaw = RecommendationFactory(mechanism=mechanism("CEDAW"), document=None, upr_session=None, paragraph="30")
    assert services.set_status(staff, cedaw, 1, grade="partially").grade == "partially"
    with pytest.raises(InvalidValueError, match="'B' is not a grade of the CEDAW"):
        services.set_status(staff, cedaw, 2, grade="B")
    crc = RecommendationFactory(mechanism=mechanism("CRC"), document=None, upr_session=None, paragraph="31")
    with pytest.raises(InvalidValueError, match="treaty bodies only"):  # no written follow-up procedure
        services.set_status(staff, crc, 1, grade="A")
    refused = post(client, f"/api/recommendations/{ccpr.pk}/tracking", {"version": 1, "grade": "Z"}, staff)
    assert refused.status_code == 400 and "'Z' is not a grade of the CCPR" in refused.content.decode()


def test_the_status_page_offers_the_committees_grades_with_their_labels(client, staff, ccpr):
    client.force_login(staff)
    page = client.get(f"/progress/status/{ccpr.pk}/").content.decode()
    assert '<option value="B1">B1: Substantive action taken</option>' in page and 'value="fully"' not in page
    tracking = services.tracking_for(ccpr)
    Tracking.objects.filter(pk=tracking.pk).update(grade="X9")  # a value from before, off the scale
    form = TrackingForm(instance=Tracking.objects.get(pk=tracking.pk))
    assert ("X9", "X9") in form.fields["grade"].choices  # kept, not lost, until someone changes it
    kept = TrackingForm(
        {"version": tracking.version, "status": "in_progress", "grade": "X9"},
        instance=Tracking.objects.get(pk=tracking.pk),
    )
    assert kept.is_valid(), kept.errors
