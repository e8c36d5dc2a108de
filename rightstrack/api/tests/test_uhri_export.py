"""The UHRI-compatible export: its layout, and our own importer reading it back."""

import io
import uuid

import pytest
from django.core.management import call_command

from rightstrack.api.tests.helpers import payload
from rightstrack.ingest.formats.uhri import HEADERS
from rightstrack.recommendations.models import Document, Recommendation
from rightstrack.recommendations.tests.factories import (
    DocumentFactory,
    RecommendationFactory,
    TagFactory,
    mechanism,
    session,
    state,
    term,
)
from rightstrack.reference.models import Mechanism

pytestmark = pytest.mark.django_db

# The headers of OHCHR's full export, spelling mistakes included, in their order.
UHRI_KEYS = [
    "Text",
    "Countries Concerned",
    "Reccomending Body",
    "Document Symbol",
    "Themes",
    "Affected Persons",
    "Sdgs",
    "Document Publication Date",
    "UPR Reccomending States",
    "UPR Position",
    "Type",
    "OHCHR Annotation Id",
    "UPR Session",
    "Regions Concerned",
    "Recommending Regions",
    "Date of publication on UHRI",
]


def tag(rec, taxonomy, *codes):
    for code in codes:
        TagFactory(recommendation=rec, term=term(taxonomy, code))


@pytest.fixture
def varied():
    """Recommendations with everything the layout carries, of every mechanism."""
    report = DocumentFactory(symbol="A/HRC/43/15", upr_session=session(34))
    first = RecommendationFactory(
        document=report,
        paragraph="121.1",
        text="Ratify the Convention on enforced disappearance",
        position="supported",
        recommending_states=["FRA", "LTU", "PRK"],
        uhri_id=str(uuid.uuid4()),
        date="2019-12-19",
    )
    tag(first, "uhri-themes", "acceptance-of-international-norms", "reservations")
    tag(first, "affected-persons", "children", "general")
    tag(first, "sdg-targets", "16.2", "16.a")
    tag(first, "sdg-goals", "16", "5")
    noted = RecommendationFactory(
        document=report,
        paragraph="121.2",
        text="Adopt a law; then (2) apply it",
        position="noted",
        recommending_states=["CIV"],
        type="pledge",
    )
    tag(noted, "sdg-goals", "1")
    RecommendationFactory(
        document=report,
        paragraph="121.3",
        text="Consider a plan",
        position="partially_supported",
        recommending_states=["USA"],
        is_published=False,
    )
    several = RecommendationFactory(
        document=None,
        paragraph="",
        text="Cooperate across borders",
        upr_session=None,
        mechanism=mechanism("HRC"),
        state=state("ESP"),
        external_ids={"countries": "Spain|Portugal"},
    )
    tag(several, "uhri-themes", "scope-of-international-obligations")
    for mech in Mechanism.objects.exclude(code__in=["UPR", "HRC"]):
        rec = RecommendationFactory(
            document=DocumentFactory(symbol=f"{mech.code}/C/USA/CO/1", mechanism=mech),
            mechanism=mech,
            upr_session=None,
            state=state("USA"),
            paragraph="12",
            text=f"Paragraph of the {mech.name}",
            type="concern",
        )
        tag(rec, "affected-persons", "children")
    return Recommendation.objects.count()


def snapshot() -> dict[str, dict]:
    """What must survive the round trip, by text."""
    records = {}
    for rec in Recommendation.objects.prefetch_related("recommending_states", "tags__term__taxonomy"):
        tags = sorted((t.term.taxonomy.slug, t.term.code) for t in rec.tags.all())
        records[rec.text] = {
            "state": rec.state.iso3 if rec.state_id else None,
            "recommending": sorted(s.iso3 for s in rec.recommending_states.all()),
            "position": rec.position,
            "type": rec.type,
            "mechanism": rec.mechanism.code,
            "tags": tags,
            "document": rec.document.symbol if rec.document_id else None,
            "session": rec.upr_session_id,
            "cycle": rec.cycle,
            "date": rec.date and str(rec.date),
            "paragraph": rec.paragraph if "." in rec.paragraph else "",  # others have no place in the layout
        }
    return records


def test_records_have_the_uhri_keys_and_layout(client, varied, auth):
    records = payload(client.get("/api/export/uhri.json", **auth))
    assert len(records) == varied
    assert all(list(record) == UHRI_KEYS == list(HEADERS) for record in records)
    assert all(isinstance(value, str) for record in records for value in record.values())
    first = next(r for r in records if "enforced disappearance" in r["Text"])
    assert first["Text"] == "121.1 Ratify the Convention on enforced disappearance"
    assert first["UPR Reccomending States"] == ("- Democratic People's Republic of Korea\n- France\n- Lithuania")
    assert first["Sdgs"].splitlines()[0].startswith("- 16.2 - ")
    assert first["Sdgs"].splitlines()[2:] == ["- 5 - GENDER EQUALITY"]  # goal 16 is its targets' goal
    assert first["UPR Session"] == "34th Session - Cycle 3" and first["UPR Position"] == "Supported"
    assert first["Affected Persons"] == "- General\n- Children"  # in the taxonomy's order
    assert first["Regions Concerned"] == "Eastern European States"
    # In the order of the recommending States above.
    assert first["Recommending Regions"] == (
        "- Asia-Pacific States\n- Western European and other States\n- Eastern European States"
    )
    assert first["Document Publication Date"] == "2019-12-19" and first["Date of publication on UHRI"] == ""
    several = next(r for r in records if r["Text"] == "Cooperate across borders")
    assert several["Countries Concerned"] == "- Spain\n- Portugal"
    assert several["OHCHR Annotation Id"].startswith("rightstrack-")


def test_the_response_is_streamed(client, varied):
    response = client.get("/api/export/uhri.json")
    assert response.streaming and response["Content-Type"] == "application/json"
    assert len(payload(response)) == Recommendation.objects.filter(is_published=True).count()


def test_our_importer_reads_the_export_back_to_the_same_recommendations(client, varied, auth, tmp_path):
    before = snapshot()
    path = tmp_path / "uhri-export.json"
    path.write_bytes(b"".join(client.get("/api/export/uhri.json", **auth).streaming_content))
    Recommendation.objects.all().delete()
    Document.objects.all().delete()
    out = io.StringIO()
    call_command("import", str(path), "--format", "uhri-json", stdout=out, stderr=io.StringIO())
    assert out.getvalue().strip() == f"imported {varied} new, 0 updated, 0 unchanged, 0 errors"
    after = snapshot()
    assert set(after) == set(before)
    for text, expected in before.items():
        assert after[text] == expected, text
    imported = Recommendation.objects.get(text="Cooperate across borders")
    assert imported.external_ids["countries"] == "Spain|Portugal"
