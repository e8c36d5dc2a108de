import io
import json

import pytest
from django.core.management import call_command

from rightstrack.recommendations.models import Recommendation

pytestmark = pytest.mark.django_db


def run_import(*args):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("import", *map(str, args), stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_auto_detects_and_ends_with_one_summary_line(shared_data):
    lists = sorted((shared_data / "ohchr-lists").glob("*.docx"))
    code, out, err = run_import(*lists)
    assert code == 0 and out == "imported 378 new, 0 updated, 0 unchanged, 0 errors\n"
    assert "ohchr-docx" in err
    code, out, _ = run_import(*lists)
    assert out == "imported 0 new, 0 updated, 378 unchanged, 0 errors\n"


def test_dry_run_prints_the_same_summary_and_writes_nothing(shared_data):
    path = shared_data / "upr-info" / "14-17.csv"
    code, out, err = run_import(path, "--dry-run")
    assert code == 0 and out == "imported 9382 new, 0 updated, 0 unchanged, 0 errors\n"
    assert "nothing was written" in err and Recommendation.objects.count() == 0


def test_upr_info_raw_and_utf8_exports_are_the_same_recommendations(shared_data):
    folder = shared_data / "upr-info"
    code, out, _ = run_import(*(folder / n for n in ("1-5.csv", "6-9.csv", "10-13.csv", "14-17.csv")))
    assert out == "imported 32076 new, 0 updated, 0 unchanged, 0 errors\n"
    code, out, _ = run_import(folder / "upr-info-sessions-1-17.utf8.csv")
    assert out == "imported 0 new, 0 updated, 32076 unchanged, 0 errors\n"
    multi = Recommendation.objects.get(
        state__iso3="CAN",
        upr_session__number=16,
        recommending_states__iso3="CUB",
        text__startswith="Ratify the International Convention",
        text__contains="(CPED)",
    )
    assert sorted(multi.recommending_states.values_list("iso3", flat=True)) == ["CUB", "ESP", "FRA", "JPN", "TUN"]
    assert multi.position == "noted" and multi.cycle == 2
    assert list(multi.tags.filter(term__taxonomy__slug="action-category").values_list("term__code", flat=True)) == ["5"]


def test_country_option_keeps_only_that_state(shared_data, tmp_path):
    code, out, err = run_import(shared_data / "upr-info" / "6-9.csv", "--country", "SVN")  # Slovenia: session 7
    assert code == 0 and Recommendation.objects.exclude(state__iso3="SVN").count() == 0
    assert Recommendation.objects.count() > 0 and "skipped by --country" in err


def test_table_with_a_column_mapping(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text(
        "No.;Recommendation;State;Cluster;Response\n"
        "1;Adopt a national action plan;Slovenia;Justice | Health;Accepted\n"
        "2;Ratify the OP-CAT;Slovenia;;Noted\n",
        encoding="utf-8",
    )
    code, out, _ = run_import(
        path,
        "--format",
        "table",
        "--mechanism",
        "UPR",
        "--columns",
        "paragraph=No.,text=Recommendation,country=State,themes=Cluster,position=Response",
    )
    assert code == 0 and out.startswith("imported 2 new")
    rec = Recommendation.objects.get(paragraph="1")
    assert rec.position == "supported" and sorted(rec.tags.values_list("term__label", flat=True)) == [
        "Health",
        "Justice",
    ]


def test_export_after_import_returns_the_source(shared_data, tmp_path):
    path = shared_data / "ohchr-lists" / "UPR34_Slovenia_Thematic_list_of_Recommendations.docx"
    run_import(path)
    target = tmp_path / "out.json"
    call_command("export", "--format", "json", "-o", str(target), stderr=io.StringIO())
    exported = {r["paragraph"]: r for r in json.loads(target.read_text())}
    from rightstrack.ingest.formats import ohchr_docx

    for record in ohchr_docx.parse(path):
        row = exported[record.paragraph]
        assert row["text"] == record.text and row["position"] == record.position
        assert row["country"] == "SVN" and row["session"] == 34 and row["cycle"] == 3
        assert len(row["recommending_states"]) == len(set(record.recommending_states))
        assert row["sdg_goals"] == sorted(int(g) for g in record.tags.get("sdg-goals", []))


def test_a_working_group_report_and_the_ohchr_list_of_the_same_review_merge(shared_data):
    report = shared_data / "wg-reports" / "A_HRC_43_15_Working_Group_Report.md"
    code, out, err = run_import(report)
    assert code == 0 and out == "imported 215 new, 0 updated, 0 unchanged, 0 errors\n" and "wg-report" in err
    assert Recommendation.objects.filter(position="supported").count() == 58  # "enjoy the support" group
    document = Recommendation.objects.first().document
    assert (document.symbol, document.kind, document.upr_session.number, str(document.date)) == (
        "A/HRC/43/15",
        "wg_report",
        34,
        "2019-12-19",
    )
    assert Recommendation.objects.filter(position=None).count() == 157  # responses come with the addendum
    code, out, _ = run_import(shared_data / "ohchr-lists" / "UPR34_Slovenia_Thematic_list_of_Recommendations.docx")
    assert code == 0 and Recommendation.objects.count() == 215  # the same recommendations, now with tags
    assert Recommendation.objects.filter(position=None).count() == 0
    rec = Recommendation.objects.get(document__symbol="A/HRC/43/15", paragraph="121.1")
    assert sorted(rec.recommending_states.values_list("iso3", flat=True)) == ["FRA", "LTU"]
    assert rec.tags.filter(term__taxonomy__slug="sdg-goals", term__code="16").exists()


def test_an_addendum_whose_report_is_missing_is_one_sentence(shared_data):
    # The cycle-1 file is the addendum A/HRC/14/15/Add.1; the report is not in the data.
    code, out, err = run_import(shared_data / "wg-reports" / "A_HRC_14_15_Working_Group_Report.md")
    assert code == 1 and out.endswith("imported 0 new, 0 updated, 0 unchanged, 1 errors\n")
    assert err.count("\n") == 1 and "whose recommendations are not imported: import that Working Group report" in err


def test_dry_run_lists_the_changes_a_second_source_would_make(shared_data):
    report = shared_data / "wg-reports" / "A_HRC_43_15_Working_Group_Report.md"
    listed = shared_data / "ohchr-lists" / "UPR34_Slovenia_Thematic_list_of_Recommendations.docx"
    run_import(report, "--no-vectors")
    code, out, err = run_import(listed, "--dry-run")
    assert code == 0 and out.endswith("imported 0 new, 215 updated, 0 unchanged, 0 errors\n")
    assert "A/HRC/43/15 122.1:\n" in out and "  position: — -> Supported\n" in out
    assert "UHRI themes: adds Acceptance of international norms" in out
    assert "REMOVES" not in out  # the list takes nothing the report gave
    # The report again, after the list: nothing the list gave is removed, nothing changes.
    run_import(listed, "--no-vectors")
    code, out, err = run_import(report, "--dry-run")
    assert out.endswith("imported 0 new, 0 updated, 215 unchanged, 0 errors\n")
    assert "lose a value" not in err
