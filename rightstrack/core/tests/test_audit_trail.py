"""The audit trail covers recommendations and tags too: imports, edits in the
administration, publishing in bulk, accepting and rejecting tag suggestions."""

import pytest

from rightstrack.core.audit import history
from rightstrack.core.models import AuditAction
from rightstrack.ingest.records import ParsedRecommendation
from rightstrack.ingest.services import import_records
from rightstrack.recommendations.models import Recommendation
from rightstrack.recommendations.tests.factories import RecommendationFactory, TagFactory, term
from rightstrack.tagging import services as tagging

pytestmark = pytest.mark.django_db


def test_an_import_records_each_recommendation_it_adds_with_its_source(django_user_model):
    importer = django_user_model.objects.create_user("importer")
    records = [
        ParsedRecommendation(text=f"Ratify the Convention {n}", mechanism="CCPR", country="FRA", paragraph=str(n))
        for n in (1, 2)
    ]
    import_records(records, source="ccpr.csv", user=importer)
    for rec in Recommendation.objects.all():
        event = history(rec).get()
        assert (event.action, event.user, event.note) == (AuditAction.IMPORTED, importer, "ccpr.csv")
    import_records(records, source="ccpr.csv")  # unchanged: nothing new to record
    assert all(history(rec).count() == 1 for rec in Recommendation.objects.all())


def test_a_dry_run_records_nothing():
    records = [ParsedRecommendation(text="Ratify", mechanism="CCPR", country="FRA", paragraph="1")]
    import_records(records, source="x.csv", dry_run=True)
    from rightstrack.core.models import AuditEvent

    assert not AuditEvent.objects.exists()


def test_accepting_and_rejecting_suggestions_is_recorded_on_the_recommendation(admin_user):
    rec = RecommendationFactory()
    kept = TagFactory(recommendation=rec, term=term("sdg-goals", "5"), origin="automatic", confidence=0.8)
    dropped = TagFactory(recommendation=rec, term=term("sdg-goals", "16"), origin="automatic", confidence=0.3)
    tagging.accept(admin_user, [kept.pk])
    tagging.reject(admin_user, [dropped.pk])
    changes = [event.changes["tag"] for event in history(rec)]
    assert changes == [
        ["suggested: sdg-goals 16", "rejected: sdg-goals 16"],
        ["suggested: sdg-goals 5", "confirmed: sdg-goals 5"],
    ]
    assert all(event.user == admin_user for event in history(rec))


def _admin_form(admin_client, rec, **changes) -> dict:
    """The change form's data as the page was opened, with ``changes``."""
    page = admin_client.get(f"/admin/recommendations/recommendation/{rec.pk}/change/")
    form = page.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and not isinstance(value, list)}
    assert 'name="opened_at"' in page.content.decode()
    data.update(
        {
            "opened_at": form["opened_at"].value(),
            "mechanism": rec.mechanism_id,
            "state": rec.state_id or "",
            "type": rec.type,
            "language": rec.language,
            "edited_fields": "[]",
            **{
                f"{prefix}-{key}": value
                for prefix in ("translations", "tags")
                for key, value in (("TOTAL_FORMS", 0), ("INITIAL_FORMS", 0))
            },
            **changes,
        }
    )
    return data


def test_an_edit_in_the_administration_keeps_before_and_after(admin_client, admin_user):
    rec = RecommendationFactory(text="Old wording", paragraph="7")
    data = _admin_form(admin_client, rec, text="New wording")
    response = admin_client.post(f"/admin/recommendations/recommendation/{rec.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    event = history(rec).first()
    assert event.user == admin_user and event.changes["text"] == ["Old wording", "New wording"]


def test_a_stale_edit_in_the_administration_is_refused(admin_client):
    rec = RecommendationFactory(text="Old wording", paragraph="7")
    first = _admin_form(admin_client, rec, text="First")
    second = _admin_form(admin_client, rec, text="Second")
    assert admin_client.post(f"/admin/recommendations/recommendation/{rec.pk}/change/", first).status_code == 302
    response = admin_client.post(f"/admin/recommendations/recommendation/{rec.pk}/change/", second)
    assert response.status_code == 200 and "after you opened it" in response.content.decode()
    rec.refresh_from_db()
    assert rec.text == "First"


def test_tags_edited_in_the_administration_are_recorded_and_nothing_is_deleted(admin_client):
    rec = RecommendationFactory()
    goal = term("sdg-goals", "5")
    data = _admin_form(
        admin_client,
        rec,
        **{
            "tags-TOTAL_FORMS": 1,
            "tags-0-term": goal.pk,
            "tags-0-origin": "manual",
            "tags-0-source": "",
            "tags-0-confidence": "",
        },
    )
    response = admin_client.post(f"/admin/recommendations/recommendation/{rec.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    assert history(rec).first().changes == {"tags": [[], ["sdg-goals 5"]]}
    assert admin_client.get(f"/admin/recommendations/recommendation/{rec.pk}/delete/").status_code == 403


def test_publishing_in_bulk_is_recorded(admin_client):
    rec = RecommendationFactory(is_published=False)
    admin_client.post("/admin/recommendations/recommendation/", {"action": "publish", "_selected_action": [rec.pk]})
    assert history(rec).get().changes == {"is_published": [False, True]}
