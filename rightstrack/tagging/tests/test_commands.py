import json

import pytest
from django.core.management import CommandError, call_command

from rightstrack.recommendations.models import Recommendation
from rightstrack.tagging import services
from rightstrack.tagging.tests.factories import labelled_actions

pytestmark = pytest.mark.django_db


@pytest.fixture
def action_model():
    labelled_actions()
    services.train(["action-category"])


def _run(*args) -> str:
    import io

    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _test_file(tmp_path):
    path = tmp_path / "test.csv"
    path.write_text(
        "Recommendation,Category\n"
        "Ratify the Convention on migrant workers,5\n"
        "Consider ratifying the Rome Statute,3\n"
        "Continue its efforts to reduce poverty,2\n"
        "Adopt a law against discrimination,5\n",
        encoding="utf-8",
    )
    return path


def test_evaluate_json_has_the_contract_keys_and_adds_nothing(action_model, tmp_path):
    before = Recommendation.objects.count()
    result = json.loads(
        _run(
            "evaluate",
            "--taxonomy",
            "action-category",
            "--test",
            str(_test_file(tmp_path)),
            "--format",
            "table",
            "--columns",
            "text=Recommendation,action_category=Category",
            "--mechanism",
            "UPR",
            "--json",
        )
    )
    assert {"n", "accuracy", "micro_f1", "macro_f1", "samples_f1", "per_label"} <= set(result)
    assert result["n"] == 4
    assert set(result["per_label"]) == {"2", "3", "5"}
    assert result["per_label"]["5"]["support"] == 2
    assert len(result["confusion"]) == len(result["labels"]) and "quadratic_kappa" in result
    assert Recommendation.objects.count() == before


def test_evaluate_prints_the_baseline_beside(action_model, tmp_path):
    text = _run(
        "evaluate",
        "--taxonomy",
        "action-category",
        "--test",
        str(_test_file(tmp_path)),
        "--format",
        "table",
        "--columns",
        "text=Recommendation,action_category=Category",
        "--mechanism",
        "UPR",
        "--baseline",
    )
    assert "accuracy" in text and "baseline" in text and "quadratic-weighted kappa" in text


def test_evaluate_without_a_model_says_what_to_do(tmp_path):
    with pytest.raises(CommandError, match="rightstrack train --taxonomy action-category"):
        _run("evaluate", "--taxonomy", "action-category", "--test", str(_test_file(tmp_path)))


def test_classify_json_one_object_per_text(action_model, tmp_path):
    path = tmp_path / "drafts.txt"
    path.write_text("Ratify the Optional Protocol\n\nConsider ratifying the Optional Protocol\n", encoding="utf-8")
    lines = [
        json.loads(line) for line in _run("classify", "--taxonomy", "action-category", "--json", str(path)).splitlines()
    ]
    assert [d["text"] for d in lines] == ["Ratify the Optional Protocol", "Consider ratifying the Optional Protocol"]
    assert lines[0]["labels"][0]["label"] == "5" and 0 < lines[0]["labels"][0]["score"] <= 1
    assert lines[1]["labels"][0]["label"] == "3"


def test_classify_reads_a_table_text_column_and_names_a_missing_one(action_model, tmp_path):
    good = tmp_path / "plan.csv"
    good.write_text("id,Text\n1,Ratify the Convention\n", encoding="utf-8")
    assert "5 (" in _run("classify", "--taxonomy", "action-category", str(good))
    bad = tmp_path / "bad.csv"
    bad.write_text("id,body\n1,Ratify\n", encoding="utf-8")
    with pytest.raises(CommandError, match="bad.csv: no 'text' column"):
        _run("classify", "--taxonomy", "action-category", str(bad))


def test_binary_benchmark_file_averages_accuracy_over_goals(tmp_path):
    services.train(["sdg-goals"])  # from the shipped SDG framework texts alone
    path = tmp_path / "benchmark.csv"
    path.write_text(
        "id,text,sdg,label\n"
        "a,Ensure universal access to safe and affordable drinking water and sanitation,6,True\n"
        "b,Ensure universal access to safe and affordable drinking water and sanitation,4,False\n"
        "c,Ensure inclusive and equitable quality primary and secondary education for all children,4,True\n"
        "d,Ensure inclusive and equitable quality primary and secondary education for all children,6,False\n",
        encoding="utf-8",
    )
    result = json.loads(_run("evaluate", "--taxonomy", "sdg-goals", "--test", str(path), "--json"))
    assert result["binary"] and result["n"] == 4 and set(result["per_label"]) == {"4", "6"}
    assert result["accuracy"] == 1.0


def test_binary_file_errors_name_the_row(tmp_path):
    services.train(["sdg-goals"])
    path = tmp_path / "benchmark.csv"
    path.write_text("id,text,sdg,label\na,Water for all,6,maybe\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"benchmark.csv: row 2: field 'label'"):
        _run("evaluate", "--taxonomy", "sdg-goals", "--test", str(path))
