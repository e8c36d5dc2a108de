"""The filter forms' choices of States and terms: in the reader's language, kept per
process, and never stale for long."""

import time

import pytest
from django.utils import translation

from rightstrack.reference import selectors
from rightstrack.reference.choices import RegionalGroup
from rightstrack.reference.models import State, Taxonomy, Term
from rightstrack.reference.selectors import state_choices, term_choices

pytestmark = pytest.mark.django_db


def test_states_are_named_in_the_readers_language_in_alphabetical_order():
    with translation.override("fr"):
        names = [name for _code, name in state_choices()]
        assert dict(state_choices())["EGY"] == "Égypte"
    # Accents do not decide the order: Égypte among the E's, not after Zimbabwe.
    assert names.index("Équateur") < names.index("Espagne") < names.index("Estonie") < names.index("Zimbabwe")
    with translation.override("en"):
        assert dict(state_choices())["EGY"] == "Egypt"
    with translation.override("ar"):
        assert dict(state_choices())["EGY"] == "مصر"


def test_a_change_made_by_this_process_shows_at_once():
    assert "XXA" not in dict(state_choices())
    State.objects.create(iso3="XXA", name="Atlantis", regional_group=RegionalGroup.AFRICAN)
    assert dict(state_choices())["XXA"] == "Atlantis"
    State.objects.filter(iso3="XXA").delete()
    assert "XXA" not in dict(state_choices())

    taxonomy = Taxonomy.objects.create(slug="local", name="Local themes")
    assert term_choices("local") == []
    term = Term.objects.create(taxonomy=taxonomy, code="L1", label="Water")
    assert term_choices("local") == [("L1", "Water")]
    term.label = "Water and sanitation"
    term.save()
    assert term_choices("local") == [("L1", "Water and sanitation")]


def test_a_change_made_by_another_process_shows_within_a_minute(monkeypatch):
    assert dict(state_choices())["SVN"] == "Slovenia"
    # update() sends no signal: as if another process (an upgrade's init) had renamed it.
    State.objects.filter(iso3="SVN").update(name="Republic of Slovenia")
    assert dict(state_choices())["SVN"] == "Slovenia"
    later = time.monotonic() + selectors.CHOICES_SECONDS + 1
    monkeypatch.setattr(selectors.time, "monotonic", lambda: later)
    assert dict(state_choices())["SVN"] == "Republic of Slovenia"


def test_the_list_offers_the_states_in_the_readers_language_and_filters_by_code(client):
    client.cookies["django_language"] = "fr"
    page = client.get("/recommendations/", {"country": "EGY"}).content.decode()
    assert '<option value="EGY" selected>Égypte</option>' in page
    assert client.get("/recommendations/", {"country": "XYZ"}).status_code == 200  # an unknown code: no filter


def test_the_results_and_the_detail_name_states_in_the_readers_language(client):
    from rightstrack.recommendations.tests.factories import RecommendationFactory, state

    rec = RecommendationFactory(state=state("EGY"), recommending_states=["DEU", "FRA"])
    client.cookies["django_language"] = "fr"
    listed = client.get("/recommendations/").content.decode()
    assert "<span>Égypte</span>" in listed and "Recommandée par: France, Allemagne" in listed
    shown = client.get(f"/recommendations/{rec.pk}/").content.decode()
    assert "<dd>Égypte</dd>" in shown and "<dd>France, Allemagne</dd>" in shown
    client.cookies["django_language"] = "en"
    assert "<span>Egypt</span>" in client.get("/recommendations/").content.decode()
