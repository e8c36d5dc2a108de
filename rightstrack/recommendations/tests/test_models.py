import pytest
from django.db import IntegrityError, transaction

from rightstrack.recommendations.models import Recommendation, text_fingerprint
from rightstrack.recommendations.tests.factories import (
    DocumentFactory,
    RecommendationFactory,
    TagFactory,
    mechanism,
    session,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("number, cycle", [(1, 1), (12, 1), (13, 2), (26, 2), (27, 3), (40, 3), (41, 4), (54, 4)])
def test_cycle_follows_from_upr_session(number, cycle):
    rec = RecommendationFactory(upr_session=session(number))
    rec.refresh_from_db()
    assert rec.cycle == cycle


def test_cycle_cannot_be_set_against_the_session():
    rec = RecommendationFactory(upr_session=session(34))
    rec.cycle = 1
    rec.save()
    rec.refresh_from_db()
    assert rec.cycle == 3
    rec.upr_session = session(20)
    rec.save()
    assert Recommendation.objects.get(pk=rec.pk).cycle == 2


def test_no_session_no_cycle():
    rec = RecommendationFactory(mechanism=mechanism("CCPR"), upr_session=None, document=None)
    assert Recommendation.objects.get(pk=rec.pk).cycle is None


def test_document_cycle_follows_its_session():
    assert DocumentFactory(symbol="A/HRC/28/15", upr_session=session(20)).cycle == 2


def test_paragraph_is_unique_within_a_document():
    first = RecommendationFactory(paragraph="121.1")
    with pytest.raises(IntegrityError), transaction.atomic():
        RecommendationFactory(document=first.document, paragraph="121.1")
    # Without a paragraph number (UPR Info rows) several rows may share a document.
    RecommendationFactory(document=first.document, paragraph="")
    RecommendationFactory(document=first.document, paragraph="")


def test_tag_confidence_must_be_a_probability():
    with pytest.raises(IntegrityError), transaction.atomic():
        TagFactory(origin="automatic", confidence=1.5)


def test_text_fingerprint_ignores_case_accents_and_punctuation():
    assert text_fingerprint("Ratify the ICPPED.") == text_fingerprint("ratify  the  ICPPED")
    assert text_fingerprint("Ratify the ICPPED") != text_fingerprint("Ratify the OP-CAT")


def test_paragraphs_sort_by_number_not_by_text():
    document = DocumentFactory(symbol="A/HRC/43/15")
    for paragraph in ["122.63", "121.1", "122.11", "122.9", "121.10"]:
        RecommendationFactory(document=document, paragraph=paragraph)
    assert list(Recommendation.objects.filter(document=document).values_list("paragraph", flat=True)) == [
        "121.1",
        "121.10",
        "122.9",
        "122.11",
        "122.63",
    ]
