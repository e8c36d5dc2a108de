"""Sources converge: a field keeps the value of the strongest source that gives one,
whatever the order of imports; a person's edit outranks them all; a source takes back
only its own tags; the history keeps every value replaced and every value not taken."""

import itertools

import pytest

from rightstrack.core.audit import history
from rightstrack.core.models import AuditAction
from rightstrack.ingest import precedence
from rightstrack.ingest.records import ParsedRecommendation, ParsedResponse
from rightstrack.ingest.services import import_records
from rightstrack.recommendations.models import Recommendation, TagAssignment
from rightstrack.reference.models import Term

pytestmark = pytest.mark.django_db

TEXT = "Ratify the International Convention for the Protection of All Persons from Enforced Disappearance"


def record(**changes) -> ParsedRecommendation:
    values = dict(
        text=TEXT,
        mechanism="UPR",
        country="Slovenia",
        paragraph="121.1",
        document_symbol="A/HRC/43/15",
        session=34,
        recommending_states=["France", "Lithuania"],
        location="row 3",
    )
    values.update(changes)
    return ParsedRecommendation(**values)


# What each kind of source says about the same recommendation, as the real ones do: the
# list has the position and OHCHR's tags, the report the text and no tags, UPR Info its
# own issues and an older spelling of the text.
SOURCES = {
    "ohchr-list": record(
        position="supported",
        position_source="A/HRC/43/15/Add.1",
        subject="Acceptance of norms",
        text=TEXT + " .",
        tags={
            "uhri-themes": ["Enforced disappearances"],
            "sdg-goals": ["16"],
            "affected-persons": ["Disappeared persons"],
        },
    ),
    "wg-report": record(position=None, date=None),
    "upr-info": record(position="noted", text=TEXT.lower(), tags={"upr-info-issues": ["Enforced disappearances"]}),
}


def snapshot() -> dict:
    rec = Recommendation.objects.get()
    return {
        "text": rec.text,
        "position": rec.position,
        "position_source": rec.position_source,
        "subject": rec.subject,
        "states": sorted(rec.recommending_states.values_list("iso3", flat=True)),
        "tags": sorted(f"{t.term.taxonomy.slug}:{t.term.label}" for t in rec.tags.all()),
    }


@pytest.mark.parametrize("order", list(itertools.permutations(SOURCES)))
def test_every_order_ends_in_the_same_record(order):
    for kind in order * 2:
        import_records([SOURCES[kind]], source=f"{kind}.file", kind=kind)
    assert snapshot() == {
        "text": TEXT,  # the Working Group report's own words
        "position": "supported",
        "position_source": "A/HRC/43/15/Add.1",  # the list, citing the addendum
        "subject": "Acceptance of norms",  # only the list gives one: nobody empties it
        "states": ["FRA", "LTU"],
        "tags": [
            "affected-persons:Disappeared persons",
            "sdg-goals:16 - Peace, justice and strong institutions",
            "uhri-themes:Enforced disappearances",
            "upr-info-issues:Enforced disappearances",
        ],
    }


def test_a_weaker_source_that_disagrees_is_kept_in_the_history_with_both_sources():
    import_records([SOURCES["ohchr-list"]], source="list.docx", kind="ohchr-list")
    summary = import_records([SOURCES["upr-info"]], source="upr.csv", kind="upr-info")
    rec = Recommendation.objects.get()
    assert rec.position == "supported"
    assert summary.disputed == 1
    disagreed = history(rec).get(action=AuditAction.DISAGREED)
    assert disagreed.changes["position"] == ["supported", "noted", ["ohchr-list", "upr-info"]]
    assert disagreed.note == "upr.csv"


def test_a_stronger_source_replaces_and_the_history_records_both_values():
    import_records([SOURCES["upr-info"]], source="upr.csv", kind="upr-info")
    import_records([SOURCES["ohchr-list"]], source="list.docx", kind="ohchr-list")
    rec = Recommendation.objects.get()
    event = history(rec).filter(action=AuditAction.IMPORTED).first()
    assert event.note == "list.docx"
    assert event.changes["position"] == ["noted", "supported", ["upr-info", "ohchr-list"]]
    assert event.changes["text"][2] == ["upr-info", "ohchr-list"]
    assert event.changes["uhri-themes"] == [[], ["Enforced disappearances"], [None, "ohchr-list"]]
    assert rec.field_sources["position"] == "ohchr-list"


def test_the_same_kind_of_source_reimported_replaces_its_own_value():
    import_records([record(position="supported")], source="export-1.json", kind="uhri")
    summary = import_records([record(position="noted")], source="export-2.json", kind="uhri")
    assert (summary.updated, Recommendation.objects.get().position) == (1, "noted")


def test_a_source_without_a_value_never_empties_a_field():
    import_records([SOURCES["ohchr-list"]], source="list.docx", kind="ohchr-list")
    before = snapshot()
    summary = import_records(
        [record(position=None, subject="", recommending_states=[], text=TEXT + " .")],
        source="report.md",
        kind="wg-report",
    )
    assert summary.removals == 0
    assert snapshot() == before


def test_a_persons_edit_outranks_every_source():
    import_records([SOURCES["upr-info"]], source="upr.csv", kind="upr-info")
    rec = Recommendation.objects.get()
    rec.position, rec.edited_fields = "partially_supported", ["position"]
    rec.save()
    response = ParsedResponse("A/HRC/43/15", "121.1", "supported", "A/HRC/43/15/Add.1", "paragraph 3")
    summary = import_records([SOURCES["ohchr-list"]], source="list.docx", kind="ohchr-list", responses=[response])
    rec.refresh_from_db()
    assert rec.position == "partially_supported"
    assert summary.disputed == 1
    kept = [e.changes["position"] for e in history(rec).filter(action=AuditAction.DISAGREED)]
    assert ["partially_supported", "supported", ["person", "ohchr-list"]] in kept
    assert ["partially_supported", "supported", ["person", "addendum"]] in kept


def test_the_addendum_ranks_first_for_the_position():
    import_records([SOURCES["ohchr-list"]], source="list.docx", kind="ohchr-list")
    response = ParsedResponse("A/HRC/43/15", "121.1", "noted", "A/HRC/43/15/Add.1", "paragraph 3")
    assert import_records([], responses=[response], source="add1.pdf").updated == 1
    import_records([SOURCES["ohchr-list"]], source="list.docx", kind="ohchr-list")
    assert Recommendation.objects.get().position == "noted"


def test_a_source_removes_only_the_tags_it_gave():
    themes = {"uhri-themes": ["Enforced disappearances", "Acceptance of international norms"]}
    import_records([record(tags=themes)], source="list.docx", kind="ohchr-list")
    import_records([record(tags={"uhri-themes": ["Enforced disappearances"]})], source="export.json", kind="uhri")
    # The UHRI now drops its theme: the list still gives it, so it stays.
    import_records([record(tags={"uhri-themes": []})], source="export.json", kind="uhri")
    assert len(snapshot()["tags"]) == 2
    # The list drops one of its two: it goes, with the change shown as a removal.
    summary = import_records(
        [record(tags={"uhri-themes": ["Enforced disappearances"]})], source="list.docx", kind="ohchr-list"
    )
    assert snapshot()["tags"] == ["uhri-themes:Enforced disappearances"]
    change = summary.details[0].fields[0]
    assert (change.field, change.removed) == ("uhri-themes", ["Acceptance of international norms"])
    assert summary.removals == 1
    # A source silent on a taxonomy leaves it alone.
    import_records([record(tags={})], source="list.docx", kind="ohchr-list")
    assert snapshot()["tags"] == ["uhri-themes:Enforced disappearances"]


def test_tags_of_an_earlier_version_are_never_taken_back():
    import_records([record(tags={"uhri-themes": ["Enforced disappearances"]})], source="old.docx", kind="ohchr-list")
    TagAssignment.objects.update(sources=["earlier-import"])  # as the migration marks tags stored before
    import_records([record(tags={"uhri-themes": ["Enforced disappearances"]})], source="list.docx", kind="ohchr-list")
    import_records([record(tags={"uhri-themes": []})], source="list.docx", kind="ohchr-list")
    assert snapshot()["tags"] == ["uhri-themes:Enforced disappearances"]


def test_a_suggestion_a_source_confirms_becomes_data():
    import_records([record()], source="report.md", kind="wg-report")
    rec = Recommendation.objects.get()
    term = Term.objects.get(taxonomy__slug="uhri-themes", label="Enforced disappearances")
    TagAssignment.objects.create(recommendation=rec, term=term, origin="automatic", confidence=0.4)
    import_records([record(tags={"uhri-themes": ["Enforced disappearances"]})], source="list.docx", kind="ohchr-list")
    tag = TagAssignment.objects.get()
    assert (tag.origin, tag.confidence, tag.sources) == ("imported", None, ["ohchr-list"])


def test_the_precedence_table_names_known_sources_only():
    for field, order in precedence.PRECEDENCE.items():
        assert set(order) <= set(precedence.SOURCES), field
        assert len(set(order)) == len(order), field
    assert precedence.wins("position", "addendum", "ohchr-list")
    assert not precedence.wins("position", "wg-report", "ohchr-list")
    assert not precedence.wins("text", "uhri", "person")
    assert precedence.wins("text", "table", None)  # a value of unknown origin yields to any source


def test_the_readme_prints_the_table_in_the_code():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    rows: dict[tuple, list[str]] = {}
    for field, order in precedence.PRECEDENCE.items():
        rows.setdefault(order, []).append(field)
    for order, fields in rows.items():
        row = "| " + ", ".join(f"`{f}`" for f in fields) + " | " + " > ".join(order) + " |"
        assert row in readme


@pytest.mark.parametrize("order", [("ohchr-list", "wg-report"), ("wg-report", "ohchr-list")])
def test_texts_that_differ_in_spacing_only_are_not_a_disagreement(order):
    spaced = {"ohchr-list": TEXT.replace(" the ", "  the "), "wg-report": TEXT}
    summaries = [import_records([record(text=spaced[kind])], source=kind, kind=kind) for kind in order]
    assert summaries[1].disputed == 0 and summaries[1].details == []
    assert Recommendation.objects.get().text == TEXT  # the report's own spacing, in either order


def test_a_stronger_source_vouching_for_the_same_states_outranks_a_later_weaker_one():
    import_records([record(recommending_states=["France"])], source="upr.csv", kind="upr-info")
    # Every other field is a person's, so the list vouches for the States alone.
    Recommendation.objects.update(
        edited_fields=["mechanism", "state", "document", "paragraph", "upr_session", "text", "language", "type"]
    )
    import_records([record(recommending_states=["France"])], source="list.docx", kind="ohchr-list")
    assert Recommendation.objects.get().field_sources["recommending_states"] == "ohchr-list"
    import_records([record(recommending_states=["France", "Chile"])], source="upr.csv", kind="upr-info")
    assert snapshot()["states"] == ["FRA"]
