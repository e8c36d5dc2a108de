import pytest

from rightstrack.ingest.formats.base import ParseError
from rightstrack.ingest.pipeline import open_file
from rightstrack.ingest.registry import ImportOptions
from rightstrack.ingest.services import import_records
from rightstrack.recommendations.models import Recommendation, text_fingerprint

pytestmark = pytest.mark.django_db


def test_reading_in_a_second_process_gives_the_same_records(shared_data):
    path = shared_data / "upr-info" / "14-17.csv"
    here = open_file(path, "auto", ImportOptions(country="CAN"), parallel_bytes=10**12)
    there = open_file(path, "auto", ImportOptions(country="CAN"), parallel_bytes=0)
    local, remote = list(here.records), list(there.records)
    assert there.format == here.format == "upr-info-csv"
    assert [r.text for r in remote] == [r.text for r in local] and len(local) > 100
    assert all(r.fingerprint == text_fingerprint(r.text) for r in remote)
    assert there.skipped == here.skipped and here.skipped[0] > 9000


def test_a_second_process_import_writes_like_the_first(shared_data):
    opened = open_file(
        shared_data / "ohchr-lists" / "UPR20__Slovenia_ThematicListRecommendations_E.docx",
        "auto",
        ImportOptions(),
        parallel_bytes=0,
    )
    assert import_records(opened.records, source="list.docx").new == 163
    assert Recommendation.objects.filter(cycle=2).count() == 163


def test_errors_in_the_second_process_reach_the_importer(tmp_path):
    path = tmp_path / "records.json"
    path.write_text('[{"text": "Ratify", "mechanism": "UPR", "date": "soon"}]', encoding="utf-8")
    opened = open_file(path, "rightstrack-json", ImportOptions(), parallel_bytes=0)
    with pytest.raises(ParseError, match="records.json: record 1: field 'date'"):
        list(opened.records)
