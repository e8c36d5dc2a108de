import pytest

from rightstrack.ingest.records import ParsedRecommendation
from rightstrack.ingest.services import ImportFailed, import_records
from rightstrack.recommendations.models import Document, Recommendation, TagAssignment
from rightstrack.reference.models import Term

pytestmark = pytest.mark.django_db


def record(**changes) -> ParsedRecommendation:
    values = dict(
        text="Ratify the International Convention for the Protection of All Persons from Enforced Disappearance",
        mechanism="UPR",
        country="Slovenia",
        paragraph="121.1",
        document_symbol="A/HRC/43/15",
        session=34,
        position="supported",
        position_source="A/HRC/43/15/Add.1",
        recommending_states=["France", "Lithuania"],
        tags={
            "uhri-themes": ["Enforced disappearances"],
            "sdg-goals": ["16"],
            "affected-persons": ["Disappeared persons"],
        },
        location="row 3",
    )
    values.update(changes)
    return ParsedRecommendation(**values)


def test_a_record_is_stored_with_its_names_resolved():
    summary = import_records([record()], source="list.docx")
    assert summary.line() == "imported 1 new, 0 updated, 0 unchanged, 0 errors"
    rec = Recommendation.objects.get()
    assert (rec.state.iso3, rec.mechanism.code, rec.upr_session.number, rec.cycle) == ("SVN", "UPR", 34, 3)
    assert sorted(s.iso3 for s in rec.recommending_states.all()) == ["FRA", "LTU"]
    assert rec.document.symbol == "A/HRC/43/15" and rec.document.cycle == 3
    assert {(t.term.taxonomy.slug, t.origin, t.source) for t in rec.tags.all()} == {
        ("uhri-themes", "imported", "list.docx"),
        ("sdg-goals", "imported", "list.docx"),
        ("affected-persons", "imported", "list.docx"),
    }


def test_importing_twice_changes_nothing_and_a_change_is_an_update():
    import_records([record()], source="a")
    assert import_records([record()], source="a").line() == "imported 0 new, 0 updated, 1 unchanged, 0 errors"
    assert import_records([record(position="noted")], source="a").updated == 1
    assert Recommendation.objects.get().position == "noted"
    assert Recommendation.objects.count() == 1


def test_confirmed_and_manual_tags_survive_a_reimport_that_drops_them():
    import_records([record()], source="a")
    rec = Recommendation.objects.get()
    TagAssignment.objects.filter(term__taxonomy__slug="sdg-goals").update(confirmed=True)
    manual = Term.objects.get(taxonomy__slug="sdg-goals", code="5")
    TagAssignment.objects.create(recommendation=rec, term=manual, origin="manual")
    # The same source now gives no SDG and no affected persons (an empty list: "none").
    import_records(
        [record(tags={"uhri-themes": ["Enforced disappearances"], "sdg-goals": [], "affected-persons": []})], source="a"
    )
    slugs = sorted(f"{t.term.taxonomy.slug}:{t.term.code}" for t in rec.tags.all())
    # The unconfirmed imported affected-persons tag is gone; confirmed and manual ones stay.
    assert slugs == sorted(
        ["uhri-themes:" + Term.objects.get(label="Enforced disappearances").code, "sdg-goals:16", "sdg-goals:5"]
    )


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"country": "Atlantis"}, "row 3: field 'country': unknown State: 'Atlantis'"),
        ({"recommending_states": ["France", "Gondor"]}, "row 3: field 'recommending_states': unknown State: 'Gondor'"),
        ({"mechanism": "ILO"}, "row 3: field 'mechanism': unknown mechanism: 'ILO'"),
        ({"session": 99}, "row 3: field 'session': unknown UPR session 99"),
        ({"position": "accepted"}, "row 3: field 'position': 'accepted' is not one of"),
        ({"type": "wish"}, "row 3: field 'type': 'wish'"),
        ({"text": "   "}, "row 3: field 'text': empty"),
        ({"tags": {"sdg-goals": ["18"]}}, "row 3: unknown term in sdg-goals: '18'"),
        ({"tags": {"no-such-taxonomy": ["x"]}}, "row 3: unknown taxonomy: 'no-such-taxonomy'"),
    ],
)
def test_bad_records_fail_the_whole_import_with_a_clear_error(changes, message):
    good = record(paragraph="121.2", text="Another recommendation", location="row 2")
    with pytest.raises(ImportFailed) as info:
        import_records([good, record(**changes)], source="list.docx")
    assert f"list.docx: {message}" in str(info.value)
    assert Recommendation.objects.count() == 0 and Document.objects.count() == 0


def test_all_errors_are_reported_not_only_the_first():
    with pytest.raises(ImportFailed) as info:
        import_records(
            [record(country="Atlantis", location="row 2"), record(paragraph="9", country="Gondor", location="row 7")],
            source="f",
        )
    assert len(info.value.summary.errors) == 2 and "row 7" in str(info.value)


def test_dry_run_reports_and_writes_nothing():
    summary = import_records([record()], source="a", dry_run=True)
    assert summary.new == 1
    assert Recommendation.objects.count() == 0 and Document.objects.count() == 0


def test_open_taxonomies_grow_closed_ones_refuse():
    import_records([record(tags={"uhri-themes": ["A theme UHRI added last month"]})], source="a")
    assert Term.objects.filter(taxonomy__slug="uhri-themes", label="A theme UHRI added last month").exists()


def test_placeholder_recommending_state_is_skipped():
    import_records([record(recommending_states=["&#40;Unknown&#41;"])], source="a")
    assert Recommendation.objects.get().recommending_states.count() == 0


def test_records_without_paragraph_match_on_state_session_and_text():
    plain = dict(document_symbol="", paragraph="", text="Adopt a national action plan on human rights.")
    import_records([record(**plain)], source="upr-info.csv")
    again = import_records(
        [record(**{**plain, "text": "adopt a national action plan on human rights"})], source="upr-info.csv"
    )
    # Same recommendation (case and punctuation differ): matched, its text updated, not duplicated.
    assert again.updated == 1 and Recommendation.objects.count() == 1


def test_translations_belong_to_one_recommendation():
    import_records([record(translations={"fr": "Ratifier la Convention", "es": "Ratificar la Convención"})], source="a")
    rec = Recommendation.objects.get()
    assert dict(rec.translations.values_list("language", "text")) == {
        "fr": "Ratifier la Convention",
        "es": "Ratificar la Convención",
    }


def test_a_field_a_person_edited_survives_reimport():
    from rightstrack.recommendations.services import record_manual_edit

    import_records([record()], source="a")
    rec = Recommendation.objects.get()
    rec.text = "Ratify the ICPPED (corrected by the NMRF)"
    rec.save()
    record_manual_edit(rec, ["text"])
    summary = import_records([record(position="noted")], source="a")
    rec.refresh_from_db()
    assert summary.updated == 1 and rec.position == "noted"
    assert rec.text == "Ratify the ICPPED (corrected by the NMRF)"


def test_duplicates_within_a_file_and_across_chunks_make_one_recommendation(monkeypatch):
    monkeypatch.setattr("rightstrack.ingest.services.CHUNK_SIZE", 2)
    records = [record(paragraph=f"121.{n}", text=f"Recommendation {n}") for n in range(1, 6)]
    records.insert(1, record(paragraph="121.1", text="Recommendation 1", position="noted"))
    summary = import_records(records, source="a")
    assert (summary.new, summary.updated) == (5, 1)
    assert Recommendation.objects.count() == 5
    assert Recommendation.objects.get(paragraph="121.1").position == "noted"


def test_uhri_id_matches_before_symbol_and_paragraph():
    import_records([record(external_ids={"uhri": "3f2b"})], source="uhri.xlsx")
    again = import_records([record(external_ids={"uhri": "3f2b"}, paragraph="121.99")], source="uhri.xlsx")
    assert again.updated == 1 and Recommendation.objects.get().paragraph == "121.99"


def test_an_addendum_sets_positions_of_recommendations_already_imported():
    from rightstrack.ingest.records import ParsedResponse

    import_records([record(position=None, position_source="")], source="report.pdf")
    response = ParsedResponse("A/HRC/43/15", "121.1", "noted", "A/HRC/43/15/Add.1", "paragraph 3")
    assert import_records([], responses=[response], source="add1.pdf").updated == 1
    rec = Recommendation.objects.get()
    assert (rec.position, rec.position_source) == ("noted", "A/HRC/43/15/Add.1")
    assert import_records([], responses=[response], source="add1.pdf").unchanged == 1
    missing = ParsedResponse("A/HRC/43/15", "121.7", "supported", "A/HRC/43/15/Add.1", "paragraph 4")
    with pytest.raises(ImportFailed, match="no recommendation A/HRC/43/15 paragraph 121.7"):
        import_records([], responses=[missing], source="add1.pdf")


def test_a_bare_response_number_matches_the_one_paragraph_ending_in_it():
    from rightstrack.ingest.records import ParsedResponse

    import_records(
        [record(paragraph="111.15", position=None), record(paragraph="111.5", text="Other", position=None)],
        source="report",
    )
    assert (
        import_records(
            [], responses=[ParsedResponse("A/HRC/43/15", "15", "noted", "A/HRC/43/15/Add.1")], source="add1"
        ).updated
        == 1
    )
    assert Recommendation.objects.get(paragraph="111.15").position == "noted"
    assert Recommendation.objects.get(paragraph="111.5").position is None


def test_a_cycle_without_a_session_is_kept_and_a_session_overrides_it():
    import_records([record(session=None, cycle=2, paragraph="1")], source="uhri.json")
    assert Recommendation.objects.get(paragraph="1").cycle == 2
    import_records([record(session=34, cycle=2, paragraph="1")], source="uhri.json")
    assert Recommendation.objects.get(paragraph="1").cycle == 3
