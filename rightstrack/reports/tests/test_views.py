"""The Reports page: choose, preview, download; bring a filled-in matrix back."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rightstrack.accounts.choices import Role
from rightstrack.core import jobs
from rightstrack.core.models import Job, JobState
from rightstrack.core.permissions import OPERATOR
from rightstrack.planning.tests.factories import person
from rightstrack.progress.choices import ReportStage
from rightstrack.progress.models import ProgressReport
from rightstrack.reports import services
from rightstrack.reports.tests.test_command import fill_xlsx
from rightstrack.reports.tests.test_services import DOCX_HEADERS, docx_headers

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # uploads land in the test's own folder


def test_the_page_is_open_to_everyone(client, matrix_world):
    response = client.get("/reports/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "The OHCHR matrix of recommendations" in body and "public version" in body
    assert "Bring back a filled-in matrix" not in body  # NMRF staff's
    assert 'href="/reports/"' in body  # in the navigation


def test_staff_see_the_bring_back_form_with_the_active_entities(client, matrix_world):
    matrix_world.moe.archived = True
    matrix_world.moe.save()
    client.force_login(matrix_world.staff)
    body = client.get("/reports/").content.decode()
    assert "Bring back a filled-in matrix" in body and "public version" not in body
    entities = body.split('name="entity"')[1].split("</select>")[0]
    assert "MoJ" in entities and "MoE" not in entities


def test_the_preview_shows_the_first_rows_as_the_document_will(client, matrix_world):
    client.force_login(matrix_world.staff)
    response = client.get("/reports/", {"country": "SVN", "language": "en", "format": "docx"})
    body = response.content.decode()
    assert response.status_code == 200
    for heading in DOCX_HEADERS:
        assert heading in body
    assert "The first 5 of 5 recommendations" in body
    assert "Theme: Acceptance of international norms" in body
    assert "Source of position: A/HRC/43/15/Add.1" in body and "Source: CCPR/C/SVN/CO/4" in body
    assert "Bill sent to the National Assembly" in body  # validated progress
    assert "DRAFT: nothing agreed" not in body
    # Rows without a theme come first, before any Theme row.
    assert body.index("121.10 <bdi>Continue its efforts") < body.index("Theme: ")
    assert 'href="/reports/matrix/download/?country=SVN&amp;language=en&amp;format=docx"' in body


def test_the_public_preview_holds_published_data_only(client, matrix_world):
    body = client.get("/reports/", {"country": "SVN", "language": "en", "format": "docx"}).content.decode()
    assert "(unpublished draft)" not in body and "121.3" not in body
    assert "Bill sent to the National Assembly" not in body  # validated, not published
    assert "Public consultation on the bill held" in body


def test_the_preview_is_twenty_rows_at_most(client, matrix_world):
    from rightstrack.recommendations.tests.factories import RecommendationFactory

    for n in range(20):
        RecommendationFactory(document=matrix_world.report, paragraph=f"122.{n + 1}", text=f"More {n}")
    body = client.get("/reports/", {"country": "SVN", "language": "en", "format": "xlsx"}).content.decode()
    assert "The first 20 of 24 recommendations" in body
    assert len(re.findall(r"<tr>\s*<td>", body)) == 20


def test_htmx_gets_the_preview_alone(client, matrix_world):
    response = client.get("/reports/", {"country": "SVN", "language": "en", "format": "docx"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body and "Full list of themes" in body


def test_the_arabic_preview_is_right_to_left(client, matrix_world):
    body = client.get("/reports/", {"country": "SVN", "language": "ar", "format": "docx"}).content.decode()
    assert 'class="matrix-preview" lang="ar" dir="rtl"' in body


def test_a_bad_choice_is_a_form_error(client, matrix_world):
    response = client.get("/reports/", {"country": "XXX", "language": "en", "format": "docx"})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    response = client.get("/reports/matrix/download/", {"country": "XXX", "language": "en", "format": "docx"})
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize("fmt, content_type", [("docx", DOCX), ("xlsx", XLSX)])
def test_download_gives_the_file(client, matrix_world, fmt, content_type):
    client.force_login(matrix_world.staff)
    response = client.get(
        "/reports/matrix/download/", {"country": "SVN", "cycle": "3", "language": "en", "format": fmt}
    )
    assert response.status_code == 200 and response["Content-Type"] == content_type
    assert re.fullmatch(
        rf'attachment; filename="matrix-SVN-cycle3-en-\d{{4}}-\d\d-\d\d\.{fmt}"', response["Content-Disposition"]
    )
    if fmt == "docx":
        assert docx_headers(response.content) == DOCX_HEADERS


def test_the_public_download_holds_published_data_only(client, matrix_world):
    from openpyxl import load_workbook

    response = client.get("/reports/matrix/download/", {"country": "SVN", "language": "en", "format": "xlsx"})
    assert response.status_code == 200
    cells = " ".join(
        str(c)
        for row in load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True)
        for c in row
        if c
    )
    assert "Public consultation on the bill held" in cells
    assert "(unpublished draft)" not in cells and "Bill sent to the National Assembly" not in cells


# --- bringing a filled-in matrix back ----------------------------------------------------


def _filled_file(matrix_world, tmp_path, added: str) -> SimpleUploadedFile:
    made = services.generate(OPERATOR, fmt="xlsx", country="SVN")
    path = tmp_path / made.filename
    path.write_bytes(made.content)
    fill_xlsx(path, matrix_world.r1.pk, added)
    return SimpleUploadedFile(made.filename, path.read_bytes(), content_type=XLSX)


@pytest.mark.parametrize("role", ["public", "viewer", "focal", "contributor"])
def test_only_nmrf_staff_may_bring_a_matrix_back(client, matrix_world, tmp_path, role):
    if role != "public":
        roles = {"viewer": Role.VIEWER, "focal": Role.FOCAL_POINT, "contributor": Role.CONTRIBUTOR}
        client.force_login(person(roles[role], matrix_world.moj))
    data = {"entity": matrix_world.moj.pk, "file": _filled_file(matrix_world, tmp_path, "New text")}
    response = client.post("/reports/matrix/bring-back/", data)
    if role == "public":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == 403 and "NMRF staff" in response.content.decode()
    assert not Job.objects.exists()


def test_staff_bring_back_a_filled_matrix_checked_then_confirmed(client, matrix_world, tmp_path):
    client.force_login(matrix_world.staff)
    added = "The ratification act was adopted on 3 December 2026."
    data = {"entity": matrix_world.moj.pk, "file": _filled_file(matrix_world, tmp_path, added)}
    response = client.post("/reports/matrix/bring-back/", data)
    assert response.status_code == 302
    check = Job.objects.get()
    assert check.state == JobState.QUEUED and check.params["format"] == "rightstrack-matrix"
    assert check.params["options"]["entity"] == str(matrix_world.moj.pk) and check.params["publish"] is False
    jobs.run_queued()
    page = client.get(response.url).content.decode()
    assert "Would draft 1 progress report for MoJ" in page, page
    assert ProgressReport.objects.count() == 3  # a check writes nothing
    confirm = page.split('<form method="post" action="')[1].split('"')[0]
    response = client.post(confirm)
    jobs.run_queued()
    draft = ProgressReport.objects.get(text=added)
    assert (draft.recommendation, draft.stage, draft.author, draft.entity) == (
        matrix_world.r1,
        ReportStage.DRAFT,
        matrix_world.staff,
        matrix_world.moj,
    )


def test_a_file_that_is_not_a_matrix_is_refused_at_once(client, matrix_world):
    client.force_login(matrix_world.staff)
    data = {"entity": matrix_world.moj.pk, "file": SimpleUploadedFile("list.docx", b"PK\x03\x04 not really")}
    response = client.post("/reports/matrix/bring-back/", data)
    assert response.status_code == 200 and "is not a matrix made by rightstrack" in response.content.decode()
    assert not Job.objects.exists()
    data = {"entity": matrix_world.moj.pk, "file": SimpleUploadedFile("list.pdf", b"%PDF-1.4")}
    response = client.post("/reports/matrix/bring-back/", data)
    assert "Bring back the Word (.docx) or Excel (.xlsx) file" in response.content.decode()
    assert not Job.objects.exists()


def test_too_large_a_selection_is_refused_with_a_way_out(client, matrix_world, monkeypatch):
    monkeypatch.setattr("rightstrack.reports.views.MAX_DOCUMENT_ROWS_ONLINE", 1)
    query = {"country": "SVN", "language": "en", "format": "docx"}
    for url in ("/reports/", "/reports/matrix/download/"):
        response = client.get(url, query)
        assert response.status_code == 400, url
        assert "choose a State, a cycle or a mechanism" in response.content.decode(), url
