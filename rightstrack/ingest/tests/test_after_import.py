"""The command line and the web import are followed by the same steps, through one
service (``recommendations.after_import``)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from rightstrack.core import jobs
from rightstrack.core.models import Job
from rightstrack.recommendations import after_import
from rightstrack.recommendations.models import Recommendation

pytestmark = pytest.mark.django_db

CSV = "Recommendation,State\nAdopt a law on torture,Slovenia\nRatify the OP-CAT,Slovenia\n"
OPTIONS = ["--format", "table", "--mechanism", "UPR", "--columns", "text=Recommendation,country=State"]


@pytest.fixture
def calls(monkeypatch, settings):
    """The registered steps replaced by recorders (same names, order and needs)."""
    settings.VECTORS_ON_IMPORT = settings.TAG_ON_IMPORT = True
    seen = []
    steps = {
        name: after_import.Step(
            name,
            step.order,
            lambda ids, progress, n=name: seen.append((n, sorted(ids))) or [f"{n} done"],
            step.enabled,
            step.needs,
            step.skipped_hint,
        )
        for name, step in after_import.STEPS.items()
    }
    monkeypatch.setattr(after_import, "STEPS", steps)
    return seen


def _cli(path, *extra):
    err = io.StringIO()
    call_command("import", str(path), *OPTIONS, *extra, stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def test_the_command_runs_every_step_in_order(calls, tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text(CSV, encoding="utf-8")
    err = _cli(path)
    ids = sorted(Recommendation.objects.values_list("pk", flat=True))
    assert calls == [("vectors", ids), ("suggestions", ids)]
    assert "vectors done" in err and "suggestions done" in err


def test_no_vectors_skips_the_steps_that_need_them_and_says_so(calls, tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text(CSV, encoding="utf-8")
    err = _cli(path, "--no-vectors")
    assert calls == []
    assert "tag suggestions skipped: they need the meaning vectors" in err


def test_an_unchanged_reimport_runs_no_step(calls, tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text(CSV, encoding="utf-8")
    _cli(path)
    calls.clear()
    _cli(path)
    assert calls == []


def test_the_web_import_runs_the_same_steps(calls, client, tmp_path):
    user = get_user_model().objects.create_user("nmrf", password="x-very-long-passphrase", is_staff=True)
    client.force_login(user)
    data = {
        "format": "table",
        "mechanism": "UPR",
        "columns": "text=Recommendation,country=State",
        "file": SimpleUploadedFile("plan.csv", CSV.encode()),
    }
    check = client.post("/import/", data)
    jobs.run_queued()
    page = client.get(check.url).content.decode()
    confirm = page.split('<form method="post" action="')[1].split('"')[0]
    client.post(confirm)
    jobs.run_queued()
    ids = sorted(Recommendation.objects.values_list("pk", flat=True))
    assert calls == [("vectors", ids), ("suggestions", ids)]
    assert Job.objects.get(kind="import").messages[-2:] == ["vectors done", "suggestions done"]


def test_the_real_steps_store_vectors_and_suggestions(settings, tmp_path):
    """Without recorders: the vectors of the imported texts are stored (the suggestion
    step has no trained classifier here and adds nothing)."""
    from rightstrack.search.models import Embedding

    settings.VECTORS_ON_IMPORT = settings.TAG_ON_IMPORT = True
    path = tmp_path / "plan.csv"
    path.write_text(CSV, encoding="utf-8")
    err = _cli(path)
    assert "meaning vectors: 2 computed" in err
    assert Embedding.objects.count() == 2
