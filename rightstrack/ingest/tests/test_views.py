from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from rightstrack.core import jobs
from rightstrack.core.models import Job, JobState
from rightstrack.ingest.jobs import uploads
from rightstrack.recommendations.models import Recommendation

pytestmark = pytest.mark.django_db


def _upload(client, path, **fields):
    """Upload, let the worker check the file, and return the check's page (or the form,
    when the upload itself is refused)."""
    data = {"format": "auto", "file": SimpleUploadedFile(path.name, path.read_bytes()), **fields}
    response = client.post("/import/", data)
    if response.status_code != 302:
        return response
    assert Job.objects.get(pk=_job_id(response)).state == JobState.QUEUED  # the request did not wait for it
    jobs.run_queued()
    return client.get(response.url)


def _job_id(response) -> int:
    return int(response.url.rstrip("/").rsplit("/", 1)[1])


def test_upload_previews_then_confirm_imports(client, staff, shared_data):
    path = shared_data / "ohchr-lists" / "UPR34_Slovenia_Thematic_list_of_Recommendations.docx"
    response = _upload(client, path)
    body = response.content.decode()
    assert response.status_code == 200 and "ohchr-docx" in body and "215 new" in body
    assert "Ratify the International Convention for the Protection of All Persons" in body
    assert Recommendation.objects.count() == 0  # a preview writes nothing
    confirm = body.split('<form method="post" action="')[1].split('"')[0]
    response = client.post(confirm)
    import_job = Job.objects.get(pk=_job_id(response))
    assert import_job.kind == "import" and import_job.state == JobState.QUEUED
    assert "Waiting" in client.get(response.url).content.decode()
    jobs.run_queued()
    page = client.get(response.url).content.decode()
    assert "imported 215 new, 0 updated, 0 unchanged, 0 errors" in page
    assert Recommendation.objects.count() == 215
    assert not Path(import_job.params["path"]).parent.exists()  # the uploaded file is removed once imported
    # Confirming again leads to the same import, which does not run twice.
    assert client.post(confirm).url == response.url
    jobs.run_queued()
    assert Recommendation.objects.count() == 215 and Job.objects.filter(kind="import").count() == 1


def test_a_bad_file_shows_its_errors_and_writes_nothing(client, staff, tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text("Recommendation,State\nAdopt a law,Atlantis\n", encoding="utf-8")
    body = _upload(
        client, path, format="table", columns="text=Recommendation,country=State", mechanism="UPR"
    ).content.decode()
    assert (
        "Nothing was imported" in body
        and "row 2: field &#x27;country&#x27;: unknown State: &#x27;Atlantis&#x27;" in body
    )
    assert Recommendation.objects.count() == 0
    assert not Path(Job.objects.get().params["path"]).parent.exists()  # a refused file is not kept


def test_a_bad_column_mapping_is_a_form_error(client, staff, tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text("Recommendation\nAdopt a law\n", encoding="utf-8")
    body = _upload(client, path, format="table", columns="words=Recommendation").content.decode()
    assert "unknown field &#x27;words&#x27;" in body


def test_only_staff_may_import(client):
    assert client.get("/import/").status_code == 302
    client.force_login(get_user_model().objects.create_user("viewer", password="x-very-long-passphrase"))
    assert client.get("/import/").status_code == 302


def test_an_unknown_file_asks_to_choose_a_format_in_the_form(client, staff, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Some notes about a meeting.\n", encoding="utf-8")
    before = set(uploads().iterdir()) if uploads().exists() else set()
    body = _upload(client, path).content.decode()
    assert "notes.txt: not a format rightstrack recognises (choose its format in the “Format” list below)" in body
    assert "--format" not in body and Recommendation.objects.count() == 0
    assert not Job.objects.exists() and set(uploads().iterdir()) == before


def test_a_table_without_column_mapping_is_a_form_error(client, staff, tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text("Recommendation\nAdopt a law\n", encoding="utf-8")
    body = _upload(client, path, format="table").content.decode()
    assert "This format needs a column mapping." in body and "--columns" not in body


def test_the_preview_shows_each_change_and_marks_removals(client, staff, tmp_path):
    from rightstrack.ingest.records import ParsedRecommendation
    from rightstrack.ingest.services import import_records

    import_records(
        [
            ParsedRecommendation(
                text="Ratify the Convention against Torture",
                mechanism="UPR",
                country="Slovenia",
                paragraph="121.1",
                document_symbol="A/HRC/43/15",
                session=34,
                position="supported",
                tags={
                    "uhri-themes": [
                        "Torture and other cruel, inhuman or degrading treatment",
                        "Enforced disappearances",
                    ]
                },
            )
        ],
        source="old.csv",
        kind="table",
    )
    path = tmp_path / "plan.csv"
    path.write_text(
        "Recommendation,State,Symbol,Paragraph,Session,Themes,Position\n"
        "Ratify the Convention against Torture,Slovenia,A/HRC/43/15,121.1,34,Enforced disappearances,Noted\n",
        encoding="utf-8",
    )
    columns = (
        "text=Recommendation,country=State,document_symbol=Symbol,paragraph=Paragraph,session=Session,"
        "themes=Themes,position=Position"
    )
    body = _upload(client, path, format="table", columns=columns, mechanism="UPR").content.decode()
    assert "1 updated" in body and "would lose a value or a tag" in body
    assert 'class="removal"' in body and "<del>Torture and other cruel" in body
    assert "A/HRC/43/15 121.1" in body
    assert "Supported" in body and "Noted" in body  # the position, from what to what, by its label
    assert Recommendation.objects.get().position == "supported"  # a preview writes nothing


def test_the_history_of_a_reimport_shows_values_and_sources(client, staff):
    from rightstrack.ingest.records import ParsedRecommendation
    from rightstrack.ingest.services import import_records

    def record(position):
        return ParsedRecommendation(
            text="Ratify the Convention against Torture",
            mechanism="UPR",
            country="Slovenia",
            paragraph="121.1",
            document_symbol="A/HRC/43/15",
            session=34,
            position=position,
        )

    import_records([record("noted")], source="upr.csv", kind="upr-info")
    import_records([record("supported")], source="list.docx", kind="ohchr-list")
    import_records([record("noted")], source="upr.csv", kind="upr-info")
    import_records(
        [ParsedRecommendation(**{**record("noted").__dict__, "tags": {"uhri-themes": ["Torture"]}})],
        source="upr.csv",
        kind="upr-info",
    )
    rec = Recommendation.objects.get()
    body = client.get(f"/recommendations/{rec.pk}/").content.decode()
    assert "the UPR Info database" in body and "OHCHR&#x27;s thematic list of recommendations" in body
    assert "A source disagreed" in body and "Not taken" in body
    assert '<th scope="row">UHRI themes</th>' in body  # a taxonomy by its name, not its slug


def test_cancelling_a_checked_import_removes_the_file(client, staff, shared_data):
    path = shared_data / "ohchr-lists" / "UPR34_Slovenia_Thematic_list_of_Recommendations.docx"
    body = _upload(client, path).content.decode()
    check = Job.objects.get(kind="import-check")
    assert "Confirm the import" in body and Path(check.params["path"]).exists()
    cancel = body.split('<form method="post" action="')[2].split('"')[0]
    assert "Import cancelled" in client.post(cancel, follow=True).content.decode()
    assert not Path(check.params["path"]).parent.exists()
    assert "upload the file again" in client.post(f"/import/{check.pk}/confirm/", follow=True).content.decode()
    assert Recommendation.objects.count() == 0


def test_uploads_nobody_confirmed_are_removed_after_a_day(staff, tmp_path):
    import os
    import time

    from rightstrack.ingest import jobs as ingest_jobs

    old = uploads() / "abandoned"
    old.mkdir(parents=True, exist_ok=True)
    (old / "list.docx").write_bytes(b"x")
    os.utime(old, (time.time() - 2 * 86400,) * 2)
    fresh = uploads() / "fresh"
    fresh.mkdir(exist_ok=True)
    assert ingest_jobs.discard_stale() >= 1
    assert not old.exists() and fresh.exists()
    fresh.rmdir()
