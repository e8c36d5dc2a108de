"""The follow-up pages: the procedures, one procedure's paragraphs (parts verbatim, the
Committee's grades by round, the State's measures), the recommendation's page and the
dashboard's counts of grades by committee and State; and the REST API of the same."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rightstrack.progress.models import FollowUp
from rightstrack.progress.tests.followup_sample import PART_B, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(tmp_path):
    return world(tmp_path)


def _procedure() -> FollowUp:
    return FollowUp.objects.get(document__symbol="CCPR/C/SVN/CO/3")


def test_the_list_shows_each_procedure_with_its_due_date_and_latest_grades(client, w):
    client.force_login(w.staff)
    page = client.get(reverse("progress:followup_list")).content.decode()
    assert "CCPR/C/SVN/CO/3" in page and "CCPR/C/SVN/FCO/3" in page and "March 24, 2017" in page
    assert '<span class="grade g-a">A</span>&#8239;×1' in page and '<span class="grade g-c">C</span>&#8239;×2' in page
    filtered = client.get(reverse("progress:followup_list"), {"country": "FRA"}).content.decode()
    assert "CCPR/C/SVN/CO/3" not in filtered and "0 follow-up procedures" in filtered


def test_a_procedures_page_shows_parts_grades_by_round_and_measures(client, w):
    client.force_login(w.staff)
    page = client.get(reverse("progress:followup_detail", args=[_procedure().pk])).content.decode()
    assert "Paragraph 8: <bdi>Racism and xenophobia, including hate speech</bdi>" in page
    assert PART_B in page
    assert "The Committee's grades, round 1 (CCPR/C/128/3/Add.2, 2–27 March 2020)" in page
    assert "(b), (c) and (d)" in page and "The Committee regrets that no information was provided." in page
    assert 'title="Reply/action largely satisfactory' in page  # the grade's meaning on hover
    assert "National strategy against discrimination, part (b)" in page and "Strategy drafted with 14" in page
    assert "UNVALIDATED-DRAFT-MARKER" not in page  # a draft is not a measure yet
    assert "The text of this paragraph is not recorded" in page  # paragraph 16


def test_the_recommendations_page_shows_the_committees_follow_up(client, w):
    client.force_login(w.staff)
    page = client.get(reverse("recommendations:detail", args=[w.rec.pk])).content.decode()
    assert "The Committee's follow-up (CCPR/C/SVN/CO/3)" in page and PART_B in page
    assert "Largely satisfactory" in page


def test_the_public_sees_a_published_procedure_and_not_an_unpublished_one(client, w):
    url = reverse("progress:followup_detail", args=[_procedure().pk])
    assert client.get(url).status_code == 200
    w.rec.__class__.objects.update(is_published=False)
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert "CCPR/C/SVN/CO/3" not in client.get(reverse("progress:followup_list")).content.decode()


def test_the_dashboard_counts_the_latest_grades_by_committee_and_state(client, w):
    client.force_login(w.staff)
    page = client.get(reverse("dashboard:dashboard"), {"country": "SVN"}).content.decode()
    assert "Treaty bodies' follow-up grades" in page
    row = page[page.index("<td>CCPR</td>") :]
    row = row[: row.index("</tr>")]
    # Slovenia's two procedures' latest rounds: A 1, B 2 (16, and CO/2's 7), C 3, D 1.
    assert [cell.split("<")[0] for cell in row.split('<td class="number">')[1:]] == ["1", "2", "3", "1", "7"]


def test_the_api_lists_procedures_and_gives_one_with_its_grades(client, w):
    listed = client.get("/api/followup", {"country": "SVN", "document": "CO/3"}).json()
    assert listed["count"] == 1
    item = listed["results"][0]
    assert (item["document"], item["mechanism"], item["states"], item["due"]) == (
        "CCPR/C/SVN/CO/3",
        "CCPR",
        ["SVN"],
        "2017-03-24",
    )
    assert item["latest_grades"] == {"A": 1, "B": 1, "C": 2} and item["paragraphs"] == ["8", "16", "20"]
    detail = client.get(f"/api/followup/{item['id']}").json()
    assert detail["assessments"] == [
        {
            "round": 1,
            "symbol": "CCPR/C/128/3/Add.2",
            "session": 128,
            "dates": "2–27 March 2020",
            "date": "2020-03-27",
            "year": 2020,
        }
    ]
    eight = detail["paragraph_details"][0]
    assert [(p["label"], p["latest_grade"]) for p in eight["parts"]] == [
        ("(a)", "A"),
        ("(b)", "C"),
        ("(c)", "C"),
        ("(d)", "C"),
    ]
    assert eight["grades"][1] == {
        "round": 1,
        "label": "(b), (c) and (d)",
        "parts": ["(b)", "(c)", "(d)"],
        "grade": "C",
        "meaning": "Not satisfactory",
        "evaluation": "The Committee regrets that no information was provided.",
    }
    # The public's counts: the earlier concluding observations' procedure has no published
    # recommendation (its paragraphs' texts are not recorded), so only CO/3's grades.
    counts = client.get("/api/followup/grades").json()
    assert counts == [
        {"mechanism": "CCPR", "state": "Slovenia", "iso3": "SVN", "total": 4, "grades": {"A": 1, "B": 1, "C": 2}}
    ]


def test_the_api_refuses_an_unknown_parameter_and_hides_what_the_caller_may_not_see(client, w):
    assert client.get("/api/followup", {"contry": "SVN"}).status_code == 400
    assert client.get("/api/followup/999999").status_code == 404
    w.rec.__class__.objects.update(is_published=False)
    assert client.get(f"/api/followup/{_procedure().pk}").status_code == 404
    assert client.get("/api/followup").json()["count"] == 0
