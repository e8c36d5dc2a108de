import csv
import io
import json

import pytest
from openpyxl import load_workbook

from rightstrack.core.errors import RightstrackError
from rightstrack.core.permissions import OPERATOR
from rightstrack.dashboard.services import export
from rightstrack.ingest.formats import rightstrack_json
from rightstrack.ingest.records import ParsedRecommendation
from rightstrack.ingest.services import import_records
from rightstrack.recommendations import exporters
from rightstrack.recommendations.filtersets import filtered_recommendations
from rightstrack.recommendations.models import Recommendation

pytestmark = pytest.mark.django_db

CONTRACT_KEYS = [
    "id",
    "text",
    "paragraph",
    "document_symbol",
    "country",
    "mechanism",
    "session",
    "cycle",
    "date",
    "type",
    "position",
    "recommending_states",
    "themes",
    "affected_persons",
    "sdg_goals",
    "sdg_targets",
    "upr_info_issues",
    "action_category",
]


@pytest.fixture
def sample():
    import_records(
        [
            ParsedRecommendation(
                text="Ratify the ICPPED",
                mechanism="UPR",
                country="Slovenia",
                paragraph="121.1",
                document_symbol="A/HRC/43/15",
                session=34,
                position="supported",
                position_source="A/HRC/43/15/Add.1",
                recommending_states=["Lithuania", "France"],
                location="row 1",
                tags={
                    "uhri-themes": ["Enforced disappearances"],
                    "sdg-goals": ["16", "5"],
                    "sdg-targets": ["16.a"],
                    "affected-persons": ["Disappeared persons"],
                    "action-category": ["5"],
                },
            ),
            ParsedRecommendation(
                text="The State party should abolish the death penalty.",
                mechanism="CCPR",
                country="USA",
                paragraph="21",
                document_symbol="CCPR/C/USA/CO/5",
                follow_up=True,
                subject="Death penalty",
                type="recommendation",
                location="row 2",
            ),
        ],
        source="test",
        publish=True,
    )


def _json(params):
    out = io.StringIO()
    exporters.write_json(exporters.export_records(filtered_recommendations(OPERATOR, params)), out)
    return json.loads(out.getvalue())


def test_json_records_have_the_contract_keys_in_order(sample):
    upr = _json({"country": ["SVN"]})
    assert len(upr) == 1
    assert list(upr[0])[: len(CONTRACT_KEYS)] == CONTRACT_KEYS
    assert {k: upr[0][k] for k in CONTRACT_KEYS if k != "id"} == {
        "text": "Ratify the ICPPED",
        "paragraph": "121.1",
        "document_symbol": "A/HRC/43/15",
        "country": "SVN",
        "mechanism": "UPR",
        "session": 34,
        "cycle": 3,
        "date": None,
        "type": "recommendation",
        "position": "supported",
        "recommending_states": ["FRA", "LTU"],
        "themes": ["Enforced disappearances"],
        "affected_persons": ["Disappeared persons"],
        "sdg_goals": [5, 16],
        "sdg_targets": ["16.a"],
        "upr_info_issues": [],
        "action_category": 5,
    }


def test_filters_by_mechanism_and_refuses_unknown_codes(sample):
    assert [r["country"] for r in _json({"mechanism": ["CCPR"]})] == ["USA"]
    assert len(_json({})) == 2
    with pytest.raises(RightstrackError, match="country"):
        _json({"country": ["XXX"]})


def test_csv_and_xlsx_hold_the_same_records(sample, tmp_path):
    queryset = filtered_recommendations(OPERATOR, {})
    assert export("csv", queryset, str(tmp_path / "r.csv")) == 2
    rows = list(csv.DictReader(open(tmp_path / "r.csv", encoding="utf-8")))
    assert rows[0]["recommending_states"] == "FRA; LTU" and rows[0]["sdg_goals"] == "5; 16"
    assert export("xlsx", queryset, str(tmp_path / "r.xlsx")) == 2
    sheet = load_workbook(tmp_path / "r.xlsx").active
    values = list(sheet.values)
    assert list(values[0]) == exporters.EXPORT_FIELDS and len(values) == 3
    assert values[2][exporters.EXPORT_FIELDS.index("mechanism")] == "CCPR"
    assert not list(tmp_path.glob("*.partial"))


def test_export_then_import_reproduces_the_records(sample, tmp_path, django_db_blocker):
    path = tmp_path / "export.json"
    export("json", filtered_recommendations(OPERATOR, {}), str(path))
    before = json.loads(path.read_text())
    Recommendation.objects.all().delete()
    documents, records = rightstrack_json.load(path)
    assert import_records(records, documents=documents, source="export.json").new == 2
    export("json", filtered_recommendations(OPERATOR, {}), str(path))
    after = json.loads(path.read_text())
    strip = lambda rows: [{k: v for k, v in r.items() if k != "id"} for r in rows]  # noqa: E731
    assert strip(after) == strip(before)
