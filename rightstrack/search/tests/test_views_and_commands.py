"""Search pages (with and without HTMX), group actions, and the CLI commands."""

import json
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from rightstrack.recommendations.models import Recommendation
from rightstrack.recommendations.tests.factories import DocumentFactory, RecommendationFactory
from rightstrack.search import services
from rightstrack.search.models import NotRepeat, RepeatGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def recs():
    earlier = DocumentFactory(symbol="A/HRC/28/15", date="2014-12-10")
    later = DocumentFactory(symbol="A/HRC/43/15", date="2019-12-19")
    made = [
        RecommendationFactory(document=earlier, text="Ratify the Convention on the Rights of Migrant Workers"),
        RecommendationFactory(
            document=later, text="Ratify the International Convention on the Rights of All Migrant Workers"
        ),
        RecommendationFactory(document=later, text="Combat hate speech online and offline"),
        RecommendationFactory(
            document=later, text="Adopt a national action plan on business and human rights", is_published=False
        ),
    ]
    services.embed_missing()
    return made


def test_search_page_full_and_htmx(client, recs):
    page = client.get("/search/", {"q": "migrant workers", "mode": "keyword"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "<html" in html and "<mark>Migrant</mark>" in html and 'name="country"' in html
    partial = client.get("/search/", {"q": "migrant"}, HTTP_HX_REQUEST="true")
    assert "<html" not in partial.content.decode() and "search-page" in partial.content.decode()


def test_search_page_shows_errors_and_hides_unpublished(client, recs):
    assert "exclusions" in client.get("/search/", {"q": "NOT x"}).content.decode()
    html = client.get("/search/", {"q": "business", "mode": "keyword"}).content.decode()
    assert "national action plan" not in html and "0 recommendations" in html


def test_similar_panel_and_review(client, recs):
    html = client.get(f"/search/similar/{recs[1].pk}/").content.decode()
    assert "Ratify the Convention on the Rights of Migrant Workers" in html
    assert client.get(f"/search/similar/{recs[3].pk}/").status_code == 404  # unpublished, anonymous
    review = client.get("/search/review/A/HRC/43/15/").content.decode()
    assert "1 new, 1 repeating" in review


def test_group_actions_are_for_staff(client, recs):
    services.dedupe("SVN")
    group = RepeatGroup.objects.get()
    assert client.post(f"/search/repeats/{group.pk}/confirm/").status_code == 302
    group.refresh_from_db()
    assert group.status == "suggested"  # the redirect was to the login page
    staff = User.objects.create_user("nmrf", password="x", is_staff=True)
    client.force_login(staff)
    client.post(f"/search/repeats/{group.pk}/confirm/")
    group.refresh_from_db()
    assert group.status == "confirmed"
    services.dedupe("SVN")
    assert RepeatGroup.objects.get().pk == group.pk  # a later run keeps a confirmed group
    client.post(f"/search/repeats/{group.pk}/split/", {"recommendations": [recs[0].pk]})
    assert not RepeatGroup.objects.exists()  # one member left: no group
    assert NotRepeat.objects.count() == 1
    services.dedupe("SVN")
    assert not RepeatGroup.objects.exists()  # a split pair is never regrouped


def test_search_command(recs):
    out = StringIO()
    call_command("search", "migrant workers", "--limit", "5", stdout=out)
    assert out.getvalue().startswith("2 recommendations match (keyword)")
    out = StringIO()
    call_command(
        "search", "rights of foreign workers who migrated", "--semantic", "--json", "--country", "SVN", stdout=out
    )
    payload = json.loads(out.getvalue())
    assert payload["mode"] == "hybrid" and payload["results"][0]["text"].startswith("Ratify")
    assert {"id", "text", "score", "highlighted"} <= set(payload["results"][0]) and "country" in payload["facets"]


def test_similar_and_dedupe_commands(recs):
    out = StringIO()
    call_command("similar", str(recs[1].pk), "--json", stdout=out)
    payload = json.loads(out.getvalue())
    assert payload[0]["id"] == recs[0].pk and payload[0]["repeat"] is True
    out = StringIO()
    call_command("dedupe", "--country", "SVN", stdout=out)
    assert out.getvalue().startswith("1 groups of repeated recommendations (2 recommendations)")
    with pytest.raises(Exception, match="no recommendation with id"):
        call_command("similar", "999999")


def test_reindex_command_rebuilds_a_lost_index(recs):
    from rightstrack.search.models import SearchEntry

    SearchEntry.objects.all().delete()
    out = StringIO()
    call_command("reindex", stdout=out)
    assert SearchEntry.objects.count() == Recommendation.objects.count()
    assert "keyword index: 4 entries written" in out.getvalue()


def test_import_computes_the_vectors_of_new_texts(settings, tmp_path):
    from rightstrack.search.models import Embedding

    settings.VECTORS_ON_IMPORT = True
    path = tmp_path / "plan.csv"
    path.write_text("Recommendation,State\nRatify the Convention against Torture,Slovenia\n", encoding="utf-8")
    err = StringIO()
    call_command(
        "import",
        str(path),
        "--format",
        "table",
        "--columns",
        "text=Recommendation,country=State",
        "--mechanism",
        "UPR",
        stdout=StringIO(),
        stderr=err,
    )
    assert Embedding.objects.count() == 1 and "meaning vectors: 1 computed" in err.getvalue()
    call_command(
        "import",
        str(path),
        "--format",
        "table",
        "--columns",
        "text=Recommendation,country=State",
        "--mechanism",
        "UPR",
        stdout=StringIO(),
        stderr=StringIO(),
    )
    assert Embedding.objects.count() == 1


def test_the_same_recommendation_in_another_language_is_a_repeat():
    from rightstrack.core.permissions import OPERATOR
    from rightstrack.search import selectors

    english = RecommendationFactory(text="Prohibit corporal punishment of children in all settings, including the home")
    french = RecommendationFactory(
        text="Interdire les châtiments corporels infligés aux enfants dans tous les contextes, y compris à la maison",
        language="fr",
    )
    RecommendationFactory(text="Ratify the Convention on the Rights of Persons with Disabilities")
    services.embed_missing()
    found = selectors.similar_to(OPERATOR, english.pk, limit=5)
    assert found[0].recommendation.pk == french.pk and found[0].repeat


def test_init_builds_a_missing_keyword_index(recs):
    from rightstrack.search.models import Embedding, SearchEntry

    SearchEntry.objects.all().delete()
    Embedding.objects.filter(pk=recs[0].pk).delete()
    out = StringIO()
    call_command("init", "--no-static", stdout=out)
    assert SearchEntry.objects.count() == Recommendation.objects.count()
    assert "1 recommendations have no meaning vector yet" in out.getvalue()
