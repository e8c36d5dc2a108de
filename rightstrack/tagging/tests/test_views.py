"""Tagging pages: the review list (filters, bulk and single decisions, with and without
HTMX, permissions), the panels of a recommendation's page, the quality page, the about
page, and the quality columns of the export."""

import csv
import html
import io
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model

from rightstrack.core.permissions import OPERATOR
from rightstrack.recommendations import exporters
from rightstrack.recommendations.models import Recommendation, TagAssignment
from rightstrack.recommendations.tests.factories import RecommendationFactory, TagFactory, mechanism, state, term
from rightstrack.reference.models import Term
from rightstrack.tagging import selectors
from rightstrack.tagging.exports import QUALITY_FIELDS, quality_record
from rightstrack.tagging.models import Classifier, RejectedTag
from rightstrack.tagging.tests.factories import ClassifierFactory, SuggestionFactory

pytestmark = pytest.mark.django_db

LIST = "/tagging/suggestions/"


@dataclass
class World:
    upr: object  # a UPR recommendation to Slovenia
    ccpr: object  # a Human Rights Committee paragraph to the USA
    goal: TagAssignment  # suggestions: 95%, 55%, 80%
    theme: TagAssignment
    usa_goal: TagAssignment
    imported: TagAssignment  # not a suggestion
    checked: TagAssignment  # an accepted suggestion


@pytest.fixture
def world():
    upr = RecommendationFactory(text="Raise the minimum age of marriage to 18 years for both girls and boys by 2025")
    ccpr = RecommendationFactory(
        document=None,
        mechanism=mechanism("CCPR"),
        upr_session=None,
        state=state("USA"),
        paragraph="12",
        text="The State party should abolish the death penalty.",
    )
    return World(
        upr,
        ccpr,
        goal=SuggestionFactory(recommendation=upr, confidence=0.95),
        theme=SuggestionFactory(recommendation=upr, term=term("uhri-themes", "A12"), confidence=0.55),
        usa_goal=SuggestionFactory(recommendation=ccpr, term=term("sdg-goals", "5"), confidence=0.8),
        imported=TagFactory(recommendation=upr, term=term("sdg-targets", "16.2")),
        checked=SuggestionFactory(recommendation=ccpr, term=term("sdg-goals", "16"), confirmed=True),
    )


@pytest.fixture
def member():
    return get_user_model().objects.create_user("reader", password="x-very-long-passphrase")


def _rows(response) -> str:
    body = response.content.decode()
    return body[body.index("<tbody>") : body.index("</tbody>")] if "<tbody>" in body else ""


def _pending(*tags) -> list[bool]:
    return [TagAssignment.objects.filter(pk=t.pk, confirmed=False).exists() for t in tags]


# The review list --------------------------------------------------------------------


def test_the_list_shows_pending_suggestions_most_confident_first(client, staff, world):
    response = client.get(LIST)
    assert response.status_code == 200
    rows = _rows(response)
    assert (
        rows.index(f"suggestion-{world.goal.pk}")
        < rows.index(f"suggestion-{world.usa_goal.pk}")
        < rows.index(f"suggestion-{world.theme.pk}")
    )
    assert f"suggestion-{world.imported.pk}" not in rows and f"suggestion-{world.checked.pk}" not in rows
    assert "95%" in rows and "55%" in rows and "USA" in rows
    assert f'href="/recommendations/{world.upr.pk}/"' in rows and "A12 Acceptance of international norms" in rows
    assert "3 suggestions" in response.content.decode()


@pytest.mark.parametrize(
    "params, shown",
    [
        ({"taxonomy": "sdg-goals"}, ["goal", "usa_goal"]),
        ({"country": "usa"}, ["usa_goal"]),
        ({"min_confidence": "80"}, ["goal", "usa_goal"]),
        ({"mechanism": "CCPR"}, ["usa_goal"]),
        ({"taxonomy": "sdg-goals", "country": "SVN", "min_confidence": "90", "mechanism": "UPR"}, ["goal"]),
        ({"country": "XXX"}, []),  # an unknown State is an error, and nothing is shown
    ],
)
def test_filters(client, staff, world, params, shown):
    rows = _rows(client.get(LIST, params))
    for name in ("goal", "theme", "usa_goal"):
        assert (f'suggestion-{getattr(world, name).pk}"' in rows) == (name in shown), name


def test_an_unknown_state_is_named(client, staff, world):
    assert "No State has the code XXX." in client.get(LIST, {"country": "xxx"}).content.decode()


def test_the_list_is_paged_by_fifty(client, staff, world):
    terms = Term.objects.filter(taxonomy__slug="uhri-themes").exclude(code="A12")[:55]
    TagAssignment.objects.bulk_create(
        [TagAssignment(recommendation=world.upr, term=t, origin="automatic", confidence=0.3) for t in terms]
    )
    first, last = client.get(LIST, {"min_confidence": "20"}), client.get(LIST, {"min_confidence": "20", "page": "2"})
    assert _rows(first).count("<tr") == 50 and _rows(last).count("<tr") == 8
    assert "min_confidence=20&amp;page=2" in first.content.decode()


# Decisions --------------------------------------------------------------------------


def test_bulk_accept_confirms_only_suggestions_and_keeps_the_filters(client, staff, world):
    back = f"{LIST}?taxonomy=sdg-goals&min_confidence=50"
    ids = [world.goal.pk, world.usa_goal.pk, world.imported.pk]
    response = client.post("/tagging/suggestions/decide/", {"ids": ids, "action": "accept", "next": back})
    assert response.status_code == 302 and response["Location"] == back
    world.goal.refresh_from_db()
    assert world.goal.confirmed and world.goal.confirmed_by == staff and world.goal.confirmed_at
    assert _pending(world.usa_goal, world.theme) == [False, True]
    world.imported.refresh_from_db()
    assert world.imported.origin == "imported" and not world.imported.confirmed
    assert "2 suggestions accepted." in client.get(back).content.decode()


def test_bulk_reject_deletes_and_remembers(client, staff, world):
    ids = [world.theme.pk, world.imported.pk, world.checked.pk]
    client.post("/tagging/suggestions/decide/", {"ids": ids, "action": "reject", "next": LIST})
    assert not TagAssignment.objects.filter(pk=world.theme.pk).exists()
    rejected = RejectedTag.objects.get()
    assert (rejected.recommendation, rejected.term.code, rejected.confidence, rejected.rejected_by) == (
        world.upr,
        "A12",
        0.55,
        staff,
    )
    assert TagAssignment.objects.filter(pk__in=[world.imported.pk, world.checked.pk]).count() == 2
    assert _pending(world.goal, world.usa_goal) == [True, True]


def test_bulk_decision_without_ticks_or_action_changes_nothing(client, staff, world):
    assert client.post("/tagging/suggestions/decide/", {"action": "accept", "next": LIST}).status_code == 302
    client.post("/tagging/suggestions/decide/", {"ids": [world.goal.pk], "action": "delete"})
    assert _pending(world.goal, world.theme, world.usa_goal) == [True, True, True]


def test_accept_all_shown_above_a_confidence(client, staff, world):
    shown = [world.goal.pk, world.theme.pk, world.usa_goal.pk]
    client.post("/tagging/suggestions/accept-above/", {"shown": shown, "threshold": "80", "next": LIST})
    assert _pending(world.goal, world.usa_goal, world.theme) == [False, False, True]


def test_accept_above_acts_only_on_what_was_shown(client, staff, world):
    client.post("/tagging/suggestions/accept-above/", {"shown": [world.usa_goal.pk], "threshold": "10"})
    assert _pending(world.goal, world.usa_goal) == [True, False]


def test_single_accept_with_htmx_replaces_the_row(client, staff, world):
    response = client.post(
        f"/tagging/suggestions/{world.goal.pk}/accept/",
        {"partial": "row", "ids": [world.theme.pk]},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200 and body.strip().startswith("<tr") and "<html" not in body
    assert "Accepted" in body and "16" in body
    assert _pending(world.goal, world.theme) == [False, True]  # the ticked boxes sent along are ignored


def test_single_reject_with_htmx_replaces_the_row(client, staff, world):
    body = client.post(
        f"/tagging/suggestions/{world.theme.pk}/reject/", {"partial": "row"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Rejected" in body and "A12 Acceptance of international norms" in body
    assert RejectedTag.objects.filter(term__code="A12").exists()
    again = client.post(f"/tagging/suggestions/{world.usa_goal.pk}/accept/", HTTP_HX_REQUEST="true")
    client.post(f"/tagging/suggestions/{world.usa_goal.pk}/accept/", HTTP_HX_REQUEST="true")
    assert "Accepted" in again.content.decode()
    assert (
        "Already decided"
        in client.post(f"/tagging/suggestions/{world.usa_goal.pk}/accept/", HTTP_HX_REQUEST="true").content.decode()
    )


def test_single_decisions_without_javascript_redirect_back(client, staff, world):
    back = f"{LIST}?country=SVN"
    response = client.post(f"/tagging/suggestions/{world.goal.pk}/accept/", {"next": back})
    assert response.status_code == 302 and response["Location"] == back
    response = client.post(f"/tagging/suggestions/{world.theme.pk}/reject/")
    assert response["Location"] == f"/recommendations/{world.upr.pk}/"  # no next: the recommendation
    assert _pending(world.goal) == [False] and RejectedTag.objects.count() == 1


def test_next_must_stay_on_this_site(client, staff, world):
    response = client.post(f"/tagging/suggestions/{world.goal.pk}/accept/", {"next": "https://evil.example/"})
    assert response["Location"] == f"/recommendations/{world.upr.pk}/"
    response = client.post(
        "/tagging/suggestions/decide/", {"ids": [world.theme.pk], "action": "accept", "next": "//evil.example/"}
    )
    assert response["Location"] == LIST


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_only_staff_review_and_decide(client, world, member, who):
    if who == "member":
        client.force_login(member)
    assert client.get(LIST).status_code == 302
    posts = [
        ("/tagging/suggestions/decide/", {"ids": [world.goal.pk, world.theme.pk], "action": "accept"}),
        ("/tagging/suggestions/decide/", {"ids": [world.goal.pk], "action": "reject"}),
        ("/tagging/suggestions/accept-above/", {"shown": [world.goal.pk], "threshold": "0"}),
        (f"/tagging/suggestions/{world.goal.pk}/accept/", {}),
        (f"/tagging/suggestions/{world.theme.pk}/reject/", {}),
    ]
    for url, data in posts:
        response = client.post(url, data, HTTP_HX_REQUEST="true")
        assert response.status_code == 302 and "/login/" in response["Location"], url
    assert _pending(world.goal, world.theme, world.usa_goal) == [True, True, True]
    assert not RejectedTag.objects.exists()


def test_decisions_need_post(client, staff, world):
    assert client.get(f"/tagging/suggestions/{world.goal.pk}/accept/").status_code == 405
    assert client.get("/tagging/suggestions/decide/").status_code == 405


# A recommendation's page ------------------------------------------------------------


def test_detail_page_shows_suggestions_apart_with_buttons_for_staff(client, staff, world):
    body = client.get(f"/recommendations/{world.upr.pk}/").content.decode()
    panel = body[body.index('id="tags"') : body.index('id="quality"')]
    vouched, suggested = panel.split('class="suggested"')
    assert "16.2" in vouched and "A12 Acceptance" not in vouched
    assert "Suggested" in suggested and "95%" in suggested and "55%" in suggested
    assert "A12 Acceptance of international norms" in suggested
    assert f'hx-post="/tagging/suggestions/{world.goal.pk}/accept/"' in suggested
    assert f'action="/tagging/suggestions/{world.goal.pk}/accept/"' in suggested  # works without JavaScript


def test_visitors_see_no_suggestions(client, world):
    body = client.get(f"/recommendations/{world.upr.pk}/").content.decode()
    assert "95%" not in body and "Suggested" not in body and "/tagging/suggestions/" not in body


def test_accepting_on_the_detail_page_with_htmx_returns_both_panels(client, staff, world):
    TagFactory(recommendation=world.upr, term=term("action-category", "5"), origin="automatic", confidence=0.9)
    category = TagAssignment.objects.get(term__taxonomy__slug="action-category")
    body = client.post(
        f"/tagging/suggestions/{category.pk}/accept/", {"partial": "tags"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    tags, quality = body.split('<section id="quality"')
    assert tags.strip().startswith('<section id="tags"') and "<html" not in body
    vouched = tags.split('class="suggested"')[0]
    assert "Specific action" in vouched  # accepted: now among the checked tags
    assert 'hx-swap-oob="true"' in quality and "Specific action" in quality and "suggested" not in quality


def test_quality_panel_shows_the_verdicts_and_the_category(client, staff, world):
    SuggestionFactory(recommendation=world.upr, term=term("action-category", "5"), confidence=0.7)
    body = html.unescape(client.get(f"/recommendations/{world.upr.pk}/").content.decode())
    panel = body[body.index('id="quality"') :]
    assert panel.count('class="verdict passed"') == 5 and panel.count("✓") == 5
    assert "Concrete action" in panel and 'Action verb "Raise"' in panel and "Score 5 of 5" in panel
    assert 'Deadline or time frame: "by 2025"' in panel
    failed = html.unescape(client.get(f"/recommendations/{world.ccpr.pk}/").content.decode()).split('id="quality"')[1]
    assert (
        failed.count('class="verdict failed"') == 3 and "✗" in failed and "No group of rights-holders named" in failed
    )
    assert "5 — Specific action" in panel and "badge suggested" in panel and "70%" in panel


def test_quality_panel_with_an_imported_category_and_a_translation(client, world):
    rec = RecommendationFactory(text="Ратифицировать Конвенцию против пыток", language="ru")
    rec.translations.create(language="en", text="Ratify the Convention against Torture")
    TagFactory(recommendation=rec, term=term("action-category", "5"))
    panel = html.unescape(client.get(f"/recommendations/{rec.pk}/").content.decode()).split('id="quality"')[1]
    assert "5 — Specific action" in panel and "badge suggested" not in panel
    assert 'Action verb "Ratify"' in panel and "Checked on the English translation." in panel


# Quality by mechanism ---------------------------------------------------------------


def test_quality_page_by_mechanism(client, world):
    RecommendationFactory(text="Consider ratifying the Convention", is_published=False)
    body = client.get("/tagging/quality/").content.decode()
    assert "<abbr" in body and ">UPR<" in body and ">CCPR<" in body
    assert "at most 2000 recommendations" in body.replace(",", "")
    upr_row = body[body.index(">UPR<") :].split("</tr>")[0]
    assert upr_row.count("100%") == 5 and "5.00" in upr_row  # the one published UPR text passes everything
    client.force_login(get_user_model().objects.create_user("reader"))
    upr_row = client.get("/tagging/quality/").content.decode().split(">UPR<")[1].split("</tr>")[0]
    assert "50%" in upr_row and "3.00" in upr_row  # signed in: the unpublished "consider" text counts too


def test_quality_page_by_state_and_sample(client, world, monkeypatch):
    monkeypatch.setattr(selectors, "SAMPLE_PER_MECHANISM", 2)
    for n in range(4):
        RecommendationFactory(text=f"Adopt a law number {n}")
    body = client.get("/tagging/quality/", {"country": "SVN"}).content.decode()
    assert "2 of 5" in body and "CCPR" not in body.split("<tbody>")[1]
    assert "No State has the code ZZZ." in client.get("/tagging/quality/", {"country": "zzz"}).content.decode()


def test_the_sample_is_every_kth_by_id(monkeypatch):
    monkeypatch.setattr(selectors, "SAMPLE_PER_MECHANISM", 3)
    recs = [RecommendationFactory(text=f"Adopt a law number {n}") for n in range(7)]
    assert selectors.sample_ids(Recommendation.objects.all(), mechanism("UPR")) == [recs[0].pk, recs[3].pk, recs[6].pk]


# About ------------------------------------------------------------------------------


def test_about_page_without_classifiers(client, db):
    body = client.get("/about/").content.decode()
    assert "A/RES/71/313" in body and "Universal Human Rights Index" in body
    assert body.count("not trained yet — run <code>rightstrack train</code>") == 7
    assert 'href="/about/"' in body  # the footer links it


def test_about_page_with_a_classifier(client, db):
    ClassifierFactory()
    ClassifierFactory(taxonomy="sdg-goals", n_train=800, metrics={})
    body = client.get("/about/").content.decode()
    row = body[body.index('id="classifier-action-category"') :].split("</tr>")[0]
    assert "UPR Info action category" in row and "1234" in row and "185" in row
    assert "87.3%" in row and "71.2%" in row and "0.861" in row
    goals = body[body.index('id="classifier-sdg-goals"') :].split("</tr>")[0]
    assert "800" in goals and "No held-out figures" in goals
    assert body.count("not trained yet") == 5


# Export -----------------------------------------------------------------------------


def test_export_adds_the_quality_columns_on_request(world):
    plain = list(exporters.export_records(Recommendation.objects.all()))
    assert not set(QUALITY_FIELDS) & set(plain[0])
    out = io.StringIO()
    records = exporters.export_records(Recommendation.objects.all(), extra=quality_record)
    exporters.write_csv(records, out, exporters.export_fields(QUALITY_FIELDS))
    upr, ccpr = csv.DictReader(io.StringIO(out.getvalue()))
    assert (
        list(upr)[-6:]
        == QUALITY_FIELDS
        == [
            "quality_score",
            "quality_concrete_action",
            "quality_rights_holders",
            "quality_measurable",
            "quality_time_bound",
            "quality_addressee",
        ]
    )
    assert upr["quality_score"] == "5" and upr["quality_rights_holders"] == "yes"
    assert ccpr["quality_score"] == "2" and ccpr["quality_concrete_action"] == "yes"
    assert ccpr["quality_rights_holders"] == "no"


def test_export_service_writes_quality_columns_to_xlsx(world, tmp_path):
    from openpyxl import load_workbook

    from rightstrack.dashboard.services import export
    from rightstrack.recommendations.filtersets import filtered_recommendations

    target = tmp_path / "out.xlsx"
    assert export("xlsx", filtered_recommendations(OPERATOR, {}), str(target), quality=True) == 2
    header = [cell.value for cell in next(load_workbook(target).active.iter_rows(max_row=1))]
    assert header == exporters.EXPORT_FIELDS + QUALITY_FIELDS


def test_about_page_says_a_weak_classifier_makes_no_suggestions(client, db):
    Classifier.objects.create(
        taxonomy="sdg-targets",
        origin="reference",
        n_train=420,
        labels=["1.1"],
        metrics={"n": 60, "accuracy": 0.017, "micro_f1": 0.031, "macro_f1": 0.018},
        blob=b"",
    )
    page = client.get("/about/").content.decode()
    assert "too weak: makes no suggestions" in page
