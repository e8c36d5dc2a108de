"""Keyword search, facets and the index kept in step with writes (on SQLite and PostgreSQL)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from rightstrack.core.permissions import OPERATOR
from rightstrack.recommendations.filtersets import list_filterset
from rightstrack.recommendations.models import Recommendation, Translation
from rightstrack.recommendations.tests.factories import RecommendationFactory, TagFactory, state, term
from rightstrack.search import selectors
from rightstrack.search.selectors import InvalidSearch

pytestmark = pytest.mark.django_db


def found(text, user=OPERATOR, **params):
    result = selectors.search(user, {"q": text, **params}, limit=100)
    return {hit.recommendation.text for hit in result.hits}


@pytest.fixture
def corpus():
    texts = [
        "Ensure the registration of all births, including of Roma children",
        "Register every child immediately after birth",
        "Combat hate speech and racially motivated violence",
        "Prohibit corporal punishment of children in all settings",
        "Garantizar la inscripción de los nacimientos de niños y niñas",
        "Améliorer la sécurité sociale des travailleurs migrants",
        "禁止在所有环境中体罚儿童",
        "Investigate allegations of torture by police officers",
        "Prevent torture in places of detention",
    ]
    return [RecommendationFactory(text=t) for t in texts]


def test_stemming_phrases_prefix_and_boolean(corpus):
    assert found("registering births") == {corpus[1].text}  # "Register ... birth"
    assert found("registrations") == {corpus[0].text}
    assert found("birth") == {corpus[0].text, corpus[1].text}
    assert found('"hate speech"') == {corpus[2].text}
    assert found('"speech hate"') == set()
    assert found("regist*") == {corpus[0].text, corpus[1].text}
    assert found("torture") == {corpus[7].text, corpus[8].text}
    assert found("torture NOT police") == {corpus[8].text}
    assert found("torture -police") == {corpus[8].text}
    assert found("hate OR corporal") == {corpus[2].text, corpus[3].text}
    assert found("(hate OR corporal) AND children") == {corpus[3].text}


def test_accents_other_languages_and_chinese(corpus):
    assert found("securite sociale") == {corpus[5].text}
    assert found("SÉCURITÉ") == {corpus[5].text}
    assert found("nacimiento") == {corpus[4].text}  # Spanish stem of "nacimientos"
    assert found("体罚") == {corpus[6].text}
    assert found("体罚儿童") == {corpus[6].text}
    assert found("儿童体罚") == set()  # a Chinese word is a sequence, not a bag of characters


def test_results_are_ranked_and_highlighted(corpus):
    result = selectors.search(OPERATOR, {"q": "torture police"})
    assert [h.recommendation.pk for h in result.hits] == [corpus[7].pk]
    assert str(result.hits[0].highlighted) == (
        "Investigate allegations of <mark>torture</mark> by <mark>police</mark> officers"
    )


def test_highlight_escapes_html():
    RecommendationFactory(text="Stop <script> torture")
    result = selectors.search(OPERATOR, {"q": "torture"})
    assert str(result.hits[0].highlighted) == "Stop &lt;script&gt; <mark>torture</mark>"


def test_index_follows_every_write(corpus):
    rec = corpus[2]
    rec.text = "Adopt a law on the rights of persons with disabilities"
    rec.save()
    assert found("hate") == set()
    assert found("disabilities") == {rec.text}
    Translation.objects.create(recommendation=rec, language="fr", text="Adopter une loi sur le handicap")
    assert found("handicap") == {rec.text}
    Translation.objects.filter(recommendation=rec).delete()
    assert found("handicap") == set()
    rec.delete()
    assert found("disabilities") == set()


def test_anonymous_users_find_published_recommendations_only(corpus):
    Recommendation.objects.filter(pk=corpus[7].pk).update(is_published=False)
    assert found("torture", user=AnonymousUser()) == {corpus[8].text}
    assert found("torture") == {corpus[7].text, corpus[8].text}


def test_filters_combine_with_words(corpus):
    other = RecommendationFactory(text="Prevent torture in prisons", state=state("FRA"))
    assert found("torture", country=["FRA"]) == {other.text}
    assert len(found("torture")) == 3


def test_invalid_filter_or_text_names_the_problem(corpus):
    with pytest.raises(InvalidSearch, match="country"):
        selectors.search(OPERATOR, {"q": "torture", "country": ["ZZZ"]})
    with pytest.raises(InvalidSearch, match="exclusions"):
        selectors.search(OPERATOR, {"q": "NOT torture"})


def test_filterset_q_uses_the_same_engine(corpus):
    """The export and the API filter ``q`` through the FilterSet: same matches as search."""
    for text in ("registering births", "torture -police", "体罚", '"hate speech"'):
        qs = list_filterset()({"q": text}, queryset=Recommendation.objects.all()).qs
        assert {r.text for r in qs} == found(text), text


def test_facet_counts_equal_filtered_counts(corpus):
    TagFactory(recommendation=corpus[0], term=term("sdg-goals", "16"))
    TagFactory(recommendation=corpus[1], term=term("sdg-goals", "16"))
    TagFactory(recommendation=corpus[1], term=term("sdg-goals", "4"), origin="manual")
    RecommendationFactory(text="Register births in rural areas", state=state("FRA"), position="noted")
    result = selectors.search(OPERATOR, {"q": "birth"})
    assert result.total == 3
    checked = 0
    for name, values in result.facets.items():
        for value in values:
            narrowed = selectors.search(OPERATOR, {"q": "birth", name: [value.code]}, facets=False)
            assert narrowed.total == value.count, (name, value.code)
            checked += 1
    assert checked >= 8
    # The facet filters are applied to in-memory columns: the FilterSet's SQL is the reference.
    for name, values in result.facets.items():
        for value in values:
            params = {"q": "birth", name: [value.code]}
            narrowed = selectors.search(OPERATOR, params, limit=100, facets=False)
            by_sql = list_filterset()(params, queryset=Recommendation.objects.all()).qs
            assert {h.recommendation.pk for h in narrowed.hits} == {r.pk for r in by_sql}, (name, value.code)
    counts = {v.code: v.count for v in result.facets["sdg_goal"]}
    assert counts == {"16": 2, "4": 1}
    assert {v.code: v.count for v in result.facets["tag_origin"]} == {"imported": 2, "manual": 1}


def test_facet_filters_combine_like_the_filterset(corpus):
    TagFactory(recommendation=corpus[0], term=term("sdg-goals", "16"))
    TagFactory(recommendation=corpus[7], term=term("sdg-goals", "16"))
    TagFactory(recommendation=corpus[7], term=term("sdg-goals", "5"))
    Recommendation.objects.filter(pk=corpus[8].pk).update(position="noted")
    cases = [
        {"sdg_goal": ["16", "5"]},
        {"sdg_goal": ["16"], "position": ["noted"]},
        {"country": ["SVN"], "cycle": ["3"]},
        {"position": ["noted", "supported"]},
        {"follow_up": "true"},
        {"document": corpus[2].document.symbol},
    ]
    for params in cases:
        result = selectors.search(OPERATOR, params, limit=100)
        by_sql = list_filterset()(params, queryset=Recommendation.objects.all()).qs
        assert {h.recommendation.pk for h in result.hits} == {r.pk for r in by_sql}, params
        assert result.total == by_sql.count(), params


def test_browse_without_words_counts_everything(corpus):
    result = selectors.search(OPERATOR, {}, limit=5)
    assert result.total == len(corpus) and len(result.hits) == 5
    assert sum(v.count for v in result.facets["country"]) == len(corpus)


def test_unpublishing_in_bulk_hides_at_once(corpus, admin_client):
    anonymous = AnonymousUser()
    assert found("torture", user=anonymous) == {corpus[7].text, corpus[8].text}
    admin_client.post(
        "/admin/recommendations/recommendation/", {"action": "unpublish", "_selected_action": [corpus[7].pk]}
    )
    assert not Recommendation.objects.get(pk=corpus[7].pk).is_published
    result = selectors.search(anonymous, {"q": "torture"})
    assert [h.recommendation.pk for h in result.hits] == [corpus[8].pk] and result.total == 1
