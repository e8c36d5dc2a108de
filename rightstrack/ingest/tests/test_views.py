import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from rightstrack.recommendations.models import Recommendation

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_user("nmrf", password="x-very-long-passphrase", is_staff=True)
    client.force_login(user)
    return user


def _upload(client, path, **fields):
    data = {"format": "auto", "file": SimpleUploadedFile(path.name, path.read_bytes()), **fields}
    return client.post("/import/", data)


def test_upload_previews_then_confirm_imports(client, staff, shared_data):
    path = shared_data / "ohchr-lists" / "UPR34_Slovenia_Thematic_list_of_Recommendations.docx"
    response = _upload(client, path)
    body = response.content.decode()
    assert response.status_code == 200 and "ohchr-docx" in body and "215 new" in body
    assert "Ratify the International Convention for the Protection of All Persons" in body
    assert Recommendation.objects.count() == 0  # a preview writes nothing
    token = body.split('name="token" value="')[1].split('"')[0]
    response = client.post("/import/confirm/", {"token": token}, follow=True)
    assert "imported 215 new, 0 updated, 0 unchanged, 0 errors" in response.content.decode()
    assert Recommendation.objects.count() == 215
    # The same token cannot import twice.
    again = client.post("/import/confirm/", {"token": token}, follow=True)
    assert "already done or has expired" in again.content.decode() and Recommendation.objects.count() == 215


def test_a_bad_file_shows_its_errors_and_writes_nothing(client, staff, tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text("Recommendation,State\nAdopt a law,Atlantis\n", encoding="utf-8")
    body = _upload(client, path, format="table", columns="text=Recommendation,country=State", mechanism="UPR").content.decode()
    assert "Nothing was imported" in body and "row 2: field &#x27;country&#x27;: unknown State: &#x27;Atlantis&#x27;" in body
    assert Recommendation.objects.count() == 0


def test_a_bad_column_mapping_is_a_form_error(client, staff, tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text("Recommendation\nAdopt a law\n", encoding="utf-8")
    body = _upload(client, path, format="table", columns="words=Recommendation").content.decode()
    assert "unknown field &#x27;words&#x27;" in body


def test_only_staff_may_import(client):
    assert client.get("/import/").status_code == 302
    get_user_model().objects.create_user("viewer", password="x-very-long-passphrase")
    client.login(username="viewer", password="x-very-long-passphrase")
    assert client.get("/import/").status_code == 302


def test_an_unknown_file_asks_to_choose_a_format_in_the_form(client, staff, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Some notes about a meeting.\n", encoding="utf-8")
    body = _upload(client, path).content.decode()
    assert "notes.txt: not a format rightstrack recognises (choose its format in the “Format” list below)" in body
    assert "--format" not in body and Recommendation.objects.count() == 0


def test_a_table_without_column_mapping_is_a_form_error(client, staff, tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text("Recommendation\nAdopt a law\n", encoding="utf-8")
    body = _upload(client, path, format="table").content.decode()
    assert "This format needs a column mapping." in body and "--columns" not in body


def test_the_preview_shows_each_change_and_marks_removals(client, staff, tmp_path):
    from rightstrack.ingest.records import ParsedRecommendation
    from rightstrack.ingest.services import import_records

    import_records([ParsedRecommendation(
        text="Ratify the Convention against Torture", mechanism="UPR", country="Slovenia", paragraph="121.1",
        document_symbol="A/HRC/43/15", session=34, position="supported",
        tags={"uhri-themes": ["Torture and other cruel, inhuman or degrading treatment", "Enforced disappearances"]})],
        source="old.csv", kind="table")
    path = tmp_path / "plan.csv"
    path.write_text("Recommendation,State,Symbol,Paragraph,Session,Themes,Position\n"
                    "Ratify the Convention against Torture,Slovenia,A/HRC/43/15,121.1,34,Enforced disappearances,Noted\n",
                    encoding="utf-8")
    columns = "text=Recommendation,country=State,document_symbol=Symbol,paragraph=Paragraph,session=Session," \
              "themes=Themes,position=Position"
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
        return ParsedRecommendation(text="Ratify the Convention against Torture", mechanism="UPR", country="Slovenia",
                                    paragraph="121.1", document_symbol="A/HRC/43/15", session=34, position=position)

    import_records([record("noted")], source="upr.csv", kind="upr-info")
    import_records([record("supported")], source="list.docx", kind="ohchr-list")
    import_records([record("noted")], source="upr.csv", kind="upr-info")
    import_records([ParsedRecommendation(**{**record("noted").__dict__, "tags": {"uhri-themes": ["Torture"]}})],
                   source="upr.csv", kind="upr-info")
    rec = Recommendation.objects.get()
    body = client.get(f"/recommendations/{rec.pk}/").content.decode()
    assert "the UPR Info database" in body and "OHCHR&#x27;s thematic list of recommendations" in body
    assert "A source disagreed" in body and "Not taken" in body
    assert "<th scope=\"row\">UHRI themes</th>" in body  # a taxonomy by its name, not its slug
