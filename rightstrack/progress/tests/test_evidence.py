"""Evidence files: recognised from their bytes (a disguised file is refused, naming it),
stored under a random name, and downloaded only by those who may see the report — through
the pages and through the API, from draft to published."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rightstrack.accounts.choices import Role
from rightstrack.core.errors import InvalidValueError
from rightstrack.core.limits import MAX_EVIDENCE_MB
from rightstrack.planning.choices import Status
from rightstrack.planning.tests.factories import ActionFactory, EntityFactory, PlanFactory, api_headers, person
from rightstrack.planning.tests.factories import api_post as post
from rightstrack.progress import evidence, services
from rightstrack.progress.models import Evidence, ProgressReport

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(17)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(48) + b"This program cannot be run in DOS mode"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def _zip(parts: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


DOCX = _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
XLSX = _zip({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})
ODT = _zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office:document/>"})
ODS = _zip({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<office:document/>"})


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")  # what the client says is ignored


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize(
    "name, content, content_type",
    [
        ("Zakon.pdf", PDF, "application/pdf"),
        ("Poročilo.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("budget.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("minutes.odt", ODT, "application/vnd.oasis.opendocument.text"),
        ("figures.ods", ODS, "application/vnd.oasis.opendocument.spreadsheet"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "application/msword"),
        ("letter.rtf", b"{\\rtf1\\ansi Dear Sir}", "application/rtf"),
        ("note.txt", "Šole z romskim pomočnikom: 38\n".encode(), "text/plain"),
        ("pupils.csv", "šola;učenci\nMurska Sobota;120\n".encode("cp1250"), "text/csv"),
        ("photo.png", PNG, "image/png"),
        ("photo.JPG", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(20), "image/jpeg"),
        ("chart.gif", b"GIF89a" + bytes(20), "image/gif"),
        ("chart.webp", b"RIFF\x24\x00\x00\x00WEBPVP8 " + bytes(20), "image/webp"),
        ("annexes.zip", _zip({"annex.pdf": PDF}), "application/zip"),
    ],
)
def test_allowed_files_are_recognised_from_their_bytes(name, content, content_type):
    assert evidence.check(upload(name, content)).content_type == content_type


@pytest.mark.parametrize(
    "name, content, says",
    [
        ("budget.pdf", EXE, "budget.pdf is not a PDF file: its content is a program"),
        ("photo.png", HTML, "photo.png is not a PNG file: its content is a web page (HTML)"),
        ("chart.png", SVG, "chart.png is not a PNG file: its content is an SVG image"),
        ("scan.jpg", PNG, "scan.jpg is not a JPEG file: its content is a .png file"),
        ("chart.svg", SVG, "chart.svg: evidence files are"),
        ("page.html", HTML, "page.html: evidence files are"),
        ("setup.exe", EXE, "setup.exe: evidence files are"),
        ("notes.txt", HTML, "notes.txt is not a text file"),
        ("notes.txt", EXE, "notes.txt is not a text file"),
        ("report.docx", _zip({"payload.exe": EXE}), "report.docx is not a Word file"),
        ("report.odt", DOCX, "report.odt is not a OpenDocument text file"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "broken.docx is not a Word file"),
        ("empty.pdf", b"", "empty.pdf is empty"),
        ("no extension", PDF, "no extension: evidence files are"),
    ],
)
def test_disguised_and_other_files_are_refused_naming_the_file(name, content, says):
    with pytest.raises(InvalidValueError) as refused:
        evidence.check(upload(name, content))
    assert says in str(refused.value)


def test_a_file_over_the_limit_is_refused():
    big = upload("huge.pdf", PDF)
    big.size = (MAX_EVIDENCE_MB * 1024 * 1024) + 1
    with pytest.raises(InvalidValueError, match="huge.pdf is larger than 25 MB"):
        evidence.check(big)


@pytest.mark.parametrize(
    "raw, shown",
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\ana\\Desktop\\Poročilo 2026.pdf", "Poročilo 2026.pdf"),
        ("report\u202efdp.exe", "reportfdp.exe"),  # no right-to-left override to disguise the extension
        ("line\r\nbreak\x00.pdf", "linebreak.pdf"),
        ("  ..  ", "evidence"),
        ("a" * 300 + ".pdf", "a" * 196 + ".pdf"),
    ],
)
def test_the_name_a_client_sends_is_cleaned(raw, shown):
    assert evidence.display_name(raw) == shown


@pytest.fixture
def world():
    """A published plan's action of the Ministry of Justice, its focal point, another
    ministry's focal point and NMRF staff."""
    justice = EntityFactory(name="Ministry of Justice")
    return {
        "action": ActionFactory(plan=PlanFactory(is_published=True), entity=justice, title="Train judges"),
        "focal": person(Role.FOCAL_POINT, justice),
        "staff": person(Role.NMRF_STAFF),
        "stranger": person(Role.FOCAL_POINT, EntityFactory(name="Ministry of Health")),
        "viewer": person(Role.VIEWER),
    }


def _download(client, url, user=None):
    if user is None:
        client.logout()
    else:
        client.force_login(user)
    return client.get(url)


def test_a_file_is_stored_under_a_random_name_and_shown_under_its_own(world):
    report = services.create_report(world["focal"], action=world["action"], text="Draft", date="2026-11-01")
    first = services.add_evidence(world["focal"], report, file=upload("../Poročilo o šolah.pdf", PDF))
    second = services.add_evidence(world["focal"], report, file=upload("../Poročilo o šolah.pdf", PDF))
    assert re.fullmatch(r"evidence/\d{4}/[0-9a-f]{32}\.pdf", first.file.name)
    assert first.file.name != second.file.name
    assert first.name == first.display_name == "Poročilo o šolah.pdf" and first.size == len(PDF)
    assert first.get_absolute_url() == f"/progress/evidence/{first.pk}/Poro%C4%8Dilo%20o%20%C5%A1olah.pdf"


def test_a_report_with_evidence_goes_to_published_through_the_pages(client, world):
    action, focal, staff = world["action"], world["focal"], world["staff"]
    client.force_login(focal)
    refused = client.post(
        f"/progress/new/?action={action.pk}",
        {"date": "2026-12-01", "text": "Judges trained.", "files": [upload("budget.pdf", EXE)]},
    )
    assert refused.status_code == 200 and "budget.pdf is not a PDF file" in refused.content.decode()
    assert not ProgressReport.objects.exists()

    made = client.post(
        f"/progress/new/?action={action.pk}",
        {
            "date": "2026-12-01",
            "text": "120 judges trained.",
            "proposed_status": Status.IN_PROGRESS,
            "links": "https://www.example.org/gazette",
            "files": [upload("Poročilo – sodniki.pdf", PDF), upload("photo.png", PNG)],
        },
    )
    assert made.status_code == 302, made.content.decode()[-2000:]
    report = ProgressReport.objects.get()
    pdf, png = report.evidence.exclude(file="").order_by("pk")
    assert (pdf.name, png.name, report.evidence.count()) == ("Poročilo – sodniki.pdf", "photo.png", 3)
    page = client.get(f"/progress/{report.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert pdf.get_absolute_url() in text and "Poročilo – sodniki.pdf" in text and "/media/" not in text
    assert "https://www.example.org/gazette" in text

    # While a draft: its entity and the NMRF download it; nobody else knows it exists.
    assert _download(client, pdf.get_absolute_url(), focal).status_code == 200
    got = _download(client, pdf.get_absolute_url(), staff)
    assert got.status_code == 200 and b"".join(got.streaming_content) == PDF
    assert got["Content-Type"] == "application/pdf" and got["X-Content-Type-Options"] == "nosniff"
    assert got["Content-Disposition"].startswith("attachment;") and "no-store" in got["Cache-Control"]
    assert "filename*=utf-8''Poro%C4%8Dilo%20%E2%80%93%20sodniki.pdf" in got["Content-Disposition"]
    for outsider in (None, world["stranger"], world["viewer"]):
        assert _download(client, pdf.get_absolute_url(), outsider).status_code == 404

    client.force_login(focal)
    assert client.post(f"/progress/{report.pk}/submit/", {"version": report.version}).status_code == 302
    client.force_login(staff)
    assert client.get(f"/progress/{report.pk}/").status_code == 200
    for step in ("validate", "publish"):
        report.refresh_from_db()
        assert client.post(f"/progress/{report.pk}/{step}/", {"version": report.version}).status_code == 302
        assert client.get(f"/progress/{report.pk}/").status_code == 200
    report.refresh_from_db()
    assert report.stage == "published"

    client.logout()
    public = client.get(f"/progress/{report.pk}/")
    assert public.status_code == 200 and "Poročilo – sodniki.pdf" in public.content.decode()
    got = client.get(png.get_absolute_url())
    assert got.status_code == 200 and b"".join(got.streaming_content) == PNG and got["Content-Type"] == "image/png"
    assert client.get(f"/progress/evidence/{png.pk + 100}/photo.png").status_code == 404


def test_a_report_with_evidence_goes_to_published_through_the_api(client, world):
    action, focal, staff, stranger = world["action"], world["focal"], world["staff"], world["stranger"]
    report = post(
        client,
        "/api/reports",
        {"action": action.pk, "text": "120 judges trained.", "date": "2026-11-01", "proposed_status": "in_progress"},
        focal,
    ).json()
    url = f"/api/reports/{report['id']}"
    disguised = client.post(f"{url}/evidence/file", {"file": upload("budget.pdf", HTML)}, **api_headers(focal))
    assert disguised.status_code == 400 and "budget.pdf is not a PDF file" in disguised.json()["detail"]
    filed = client.post(
        f"{url}/evidence/file",
        {"file": upload("Zakon o sodiščih.pdf", PDF), "description": "The law"},
        **api_headers(focal),
    )
    assert filed.status_code == 201, filed.content
    item = filed.json()
    assert item["name"] == "Zakon o sodiščih.pdf" and item["content_type"] == "application/pdf"
    assert item["size"] == len(PDF) and item["file"] == f"{url}/evidence/{item['id']}/file"
    assert item["page"] == Evidence.objects.get().get_absolute_url()

    got = client.get(item["file"], **api_headers(staff))
    assert got.status_code == 200 and b"".join(got.streaming_content) == PDF
    assert got["Content-Disposition"].startswith("attachment;") and got["X-Content-Type-Options"] == "nosniff"
    assert client.get(item["file"]).status_code == 404
    assert client.get(item["file"], **api_headers(stranger)).status_code == 404

    version = report["version"]
    for step, who in (("submit", focal), ("validate", staff), ("publish", staff)):
        moved = post(client, f"{url}/{step}", {"version": version}, who)
        assert moved.status_code == 200, moved.content
        version = moved.json()["version"]
    detail = client.get(url).json()
    assert detail["state"] == "published" and detail["evidence"][0]["file"] == item["file"]
    got = client.get(item["file"])
    assert got.status_code == 200 and b"".join(got.streaming_content) == PDF
    client.logout()
    assert client.get(item["page"]).status_code == 200


def test_the_report_page_shows_any_evidence(client, world):
    report = services.create_report(
        world["focal"],
        action=world["action"],
        text="Draft",
        date="2026-11-01",
        links=["https://www.example.org/only-a-link"],
    )
    services.add_evidence(
        world["focal"],
        report,
        file=upload("Обзор 报告.txt", "Отчёт\n".encode()),
        link="https://www.example.org/both",
        description="File and link",
    )
    for n in range(3):
        services.add_evidence(world["focal"], report, file=upload(f"scan {n}.png", PNG))
    # A file stored before display names were kept: its stored name is shown.
    Evidence.objects.create(report=report, file="evidence/2024/05/older upload.pdf")
    client.force_login(world["staff"])
    page = client.get(f"/progress/{report.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    for shown in (
        "only-a-link",
        "Обзор 报告.txt",
        "https://www.example.org/both",
        "File and link",
        "scan 2.png",
        "older upload.pdf",
        "Evidence",
    ):
        assert shown in text, shown
    legacy = Evidence.objects.get(file="evidence/2024/05/older upload.pdf")
    assert client.get(legacy.get_absolute_url()).status_code == 404  # its file is gone: a 404, not a 500
