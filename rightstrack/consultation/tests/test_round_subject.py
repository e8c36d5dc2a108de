"""What a consultation round is on: the UPR mid-term report of a State and cycle, a
national action plan, or something else. The model, the form, the services, the
migration, the pages and the API."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from rightstrack.accounts.choices import Role
from rightstrack.consultation import services
from rightstrack.consultation.choices import Subject
from rightstrack.consultation.forms import RoundForm
from rightstrack.consultation.models import Round
from rightstrack.core.errors import NotAllowedError
from rightstrack.core.models import AuditAction, AuditEvent
from rightstrack.planning.tests.factories import PlanFactory, api_headers, person
from rightstrack.planning.tests.factories import api_post as post
from rightstrack.recommendations.tests.factories import state

pytestmark = pytest.mark.django_db
DEADLINE = dt.date(2027, 1, 31)


@pytest.fixture
def staff():
    return person(Role.NMRF_STAFF)


@pytest.fixture
def nhri():
    return person(Role.CONTRIBUTOR)


def _round(**about) -> Round:
    return Round(title="Draft", deadline=DEADLINE, opened_by=person(Role.NMRF_STAFF), **about)


# --- The model ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("about", "fields"),
    [
        ({"subject": Subject.MIDTERM}, {"country", "cycle"}),
        ({"subject": Subject.MIDTERM, "cycle": 4}, {"country"}),
        ({"subject": Subject.PLAN}, {"plan"}),
        ({"subject": Subject.OTHER, "cycle": 3}, {"cycle"}),
    ],
)
def test_a_round_names_what_its_subject_needs_and_nothing_else(about, fields):
    with pytest.raises(ValidationError) as raised:
        _round(**about).full_clean()
    assert set(raised.value.message_dict) == fields
    if about == {"subject": Subject.MIDTERM}:
        assert "State under review" in raised.value.message_dict["country"][0]


def test_rounds_that_fit_their_subject_are_valid():
    _round(subject=Subject.MIDTERM, country=state("SVN"), cycle=4).full_clean()
    _round(subject=Subject.PLAN, plan=PlanFactory()).full_clean()
    _round().full_clean()


def test_the_database_refuses_a_midterm_round_without_a_state():
    """Past the model's clean (a script, the shell), the table's check still holds."""
    with pytest.raises(IntegrityError), transaction.atomic():
        Round.objects.create(
            title="Draft", deadline=DEADLINE, opened_by=person(Role.NMRF_STAFF), subject=Subject.MIDTERM, cycle=4
        )


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_existing_rounds_about_something_else():
    executor = MigrationExecutor(connection)
    before = [("consultation", "0001_initial")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    opener = old.get_model("auth", "User").objects.create(username="opener")
    old.get_model("consultation", "Round").objects.create(
        title="Opened before", deadline=DEADLINE, opened_by_id=opener.pk
    )
    executor = MigrationExecutor(connection)  # a fresh loader sees what is applied now
    executor.migrate(executor.loader.graph.leaf_nodes())
    kept = Round.objects.get(title="Opened before")
    assert (kept.subject, kept.country, kept.cycle, kept.plan) == ("", None, None, None)
    assert kept.about == ""


# --- The services -------------------------------------------------------------------


def test_open_round_keeps_the_subject_and_audits_it(staff, nhri):
    svn = state("SVN")
    made = services.open_round(
        staff,
        title="Draft mid-term report",
        deadline=DEADLINE,
        invited=[nhri],
        subject=Subject.MIDTERM,
        country=svn,
        cycle=4,
    )
    made.refresh_from_db()
    assert (made.subject, made.country, made.cycle) == ("midterm", svn, 4)
    assert made.about == "UPR mid-term report: Slovenia, cycle 4"
    event = AuditEvent.objects.get(object_id=str(made.pk), action=AuditAction.CREATED, content_type__model="round")
    assert event.changes["subject"] == [None, "midterm"] and event.changes["country"] == [None, svn.pk]
    assert event.changes["invited"] == [None, [nhri.pk]]


def test_open_round_refuses_a_midterm_round_without_a_state(staff, nhri):
    with pytest.raises(ValidationError) as raised:
        services.open_round(staff, title="Draft", deadline=DEADLINE, invited=[nhri], subject=Subject.MIDTERM, cycle=4)
    assert set(raised.value.message_dict) == {"country"}
    assert not Round.objects.exists()


def test_update_round_links_an_old_round_to_a_plan(staff, nhri):
    old = services.open_round(staff, title="Draft", deadline=DEADLINE, invited=[nhri])
    plan, ngo = PlanFactory(title="National action plan 2027-2030"), person(Role.CONTRIBUTOR)
    services.update_round(
        staff, old, title="Draft plan", deadline=DEADLINE, invited=[nhri, ngo], subject=Subject.PLAN, plan=plan
    )
    old.refresh_from_db()
    assert (old.subject, old.plan, old.title) == ("plan", plan, "Draft plan")
    assert set(old.invited.all()) == {nhri, ngo}
    change = AuditEvent.objects.get(object_id=str(old.pk), action=AuditAction.CHANGED, content_type__model="round")
    assert change.changes["subject"] == ["", "plan"] and change.changes["plan"] == [None, plan.pk]
    assert change.changes["invited"] == [[nhri.pk], sorted([nhri.pk, ngo.pk])]
    with pytest.raises(NotAllowedError):
        services.update_round(nhri, old, title="Mine", deadline=DEADLINE, invited=[nhri])


# --- The form -----------------------------------------------------------------------


def _form_data(**about) -> dict:
    return {
        "title": "Draft",
        "deadline": "2027-01-31",
        "description": "",
        "subject": "",
        "country": "",
        "cycle": "",
        "plan": "",
        **about,
    }


def test_the_form_names_the_missing_state(nhri):
    form = RoundForm(_form_data(subject="midterm", cycle="4", invited=[nhri.pk]))
    assert not form.is_valid()
    assert set(form.errors) == {"country"} and "State under review" in form.errors["country"][0]


def test_the_form_drops_what_the_subject_does_not_use(nhri):
    plan = PlanFactory()
    form = RoundForm(
        _form_data(subject="plan", plan=str(plan.pk), country=str(state("FRA").pk), cycle="2", invited=[nhri.pk])
    )
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["plan"], form.cleaned_data["country"], form.cleaned_data["cycle"]) == (plan, None, None)


def test_the_form_offers_states_by_name_upr_cycles_and_plans_in_use():
    live, archived = PlanFactory(title="Live plan"), PlanFactory(title="Old plan", archived=True)
    form = RoundForm()
    names = [s.name for s in form.fields["country"].queryset]
    assert names == sorted(names) and "Slovenia" in names
    assert [value for value, _label in form.fields["cycle"].choices] == ["", 1, 2, 3, 4]
    assert list(form.fields["plan"].queryset) == [live]
    on_archived = Round(title="x", deadline=DEADLINE, subject=Subject.PLAN, plan=archived)
    assert archived in RoundForm(instance=on_archived).fields["plan"].queryset


# --- The pages ----------------------------------------------------------------------


def test_the_nmrf_opens_a_midterm_round_and_its_pages_say_so(client, staff, nhri):
    client.force_login(staff)
    page = client.get(reverse("consultation:round_create")).content.decode()
    assert 'name="subject"' in page and 'name="country"' in page and 'name="plan"' in page
    svn = state("SVN")
    sent = client.post(
        reverse("consultation:round_create"),
        _form_data(title="Draft mid-term report", subject="midterm", country=svn.pk, cycle="4", invited=[nhri.pk]),
    )
    made = Round.objects.get()
    assert sent.status_code == 302 and sent["Location"] == reverse("consultation:round_detail", args=[made.pk])
    detail = client.get(reverse("consultation:round_detail", args=[made.pk])).content.decode()
    assert "UPR mid-term report: Slovenia, cycle 4" in detail
    listed = client.get(reverse("consultation:round_list")).content.decode()
    assert "UPR mid-term report: Slovenia, cycle 4" in listed
    # Those invited see what the round is on too.
    client.force_login(nhri)
    assert (
        "UPR mid-term report: Slovenia, cycle 4"
        in client.get(reverse("consultation:round_detail", args=[made.pk])).content.decode()
    )


def test_the_form_page_shows_the_missing_state(client, staff, nhri):
    client.force_login(staff)
    page = client.post(
        reverse("consultation:round_create"), _form_data(subject="midterm", cycle="4", invited=[nhri.pk])
    )
    assert page.status_code == 200 and "names the State under review" in page.content.decode()
    assert not Round.objects.exists()


def test_the_nmrf_links_a_round_to_a_plan_on_its_page(client, staff, nhri):
    old = services.open_round(staff, title="Draft", deadline=DEADLINE, invited=[nhri])
    plan = PlanFactory(title="National action plan 2027-2030")
    client.force_login(staff)
    url = reverse("consultation:round_edit", args=[old.pk])
    assert client.get(url).status_code == 200
    sent = client.post(url, _form_data(title="Draft plan", subject="plan", plan=plan.pk, invited=[nhri.pk]))
    assert sent.status_code == 302
    detail = client.get(reverse("consultation:round_detail", args=[old.pk])).content.decode()
    assert (
        f'National action plan: <a href="{reverse("planning:plan_detail", args=[plan.pk])}">'
        "National action plan 2027-2030</a>" in detail
    )
    client.force_login(nhri)
    assert client.get(url).status_code == 403


# --- The API ------------------------------------------------------------------------


def test_the_api_round_trips_what_a_round_is_on(client, staff, nhri):
    body = {
        "title": "Draft mid-term report",
        "deadline": "2027-01-31",
        "invited": [nhri.username],
        "subject": "midterm",
        "country": "svn",
        "cycle": 4,
    }
    made = post(client, "/api/rounds", body, staff)
    assert made.status_code == 201, made.content
    expected = {"subject": "midterm", "country": "SVN", "cycle": 4, "plan": None}
    assert {key: made.json()[key] for key in expected} == expected
    listed = client.get("/api/rounds", **api_headers(nhri)).json()
    assert [{key: r[key] for key in expected} for r in listed] == [expected]
    plan = PlanFactory()
    on_plan = post(
        client, "/api/rounds", {**body, "subject": "plan", "country": None, "cycle": None, "plan": plan.pk}, staff
    ).json()
    assert (on_plan["subject"], on_plan["plan"], on_plan["country"]) == ("plan", plan.pk, None)
    general = post(
        client, "/api/rounds", {"title": "Any", "deadline": "2027-01-31", "invited": [nhri.username]}, staff
    ).json()
    assert (general["subject"], general["country"], general["cycle"], general["plan"]) == ("", None, None, None)


@pytest.mark.parametrize(
    ("change", "parameter"),
    [
        ({"country": None}, "country"),
        ({"country": "XXX"}, "country"),
        ({"subject": "plan", "country": None, "cycle": None, "plan": 999999}, "plan"),
        ({"subject": "plan", "country": None, "cycle": None}, "plan"),
        ({"subject": ""}, "country"),
    ],
)
def test_the_api_names_what_does_not_fit(client, staff, nhri, change, parameter):
    body = {
        "title": "Draft",
        "deadline": "2027-01-31",
        "invited": [nhri.username],
        "subject": "midterm",
        "country": "SVN",
        "cycle": 4,
        **change,
    }
    refused = post(client, "/api/rounds", body, staff)
    assert refused.status_code == 400, refused.content
    assert refused.json()["errors"][0]["parameter"] == parameter
    assert not Round.objects.exists()


def test_the_api_refuses_an_archived_plan(client, staff, nhri):
    archived = PlanFactory(archived=True)
    refused = post(
        client,
        "/api/rounds",
        {
            "title": "Draft",
            "deadline": "2027-01-31",
            "invited": [nhri.username],
            "subject": "plan",
            "plan": archived.pk,
        },
        staff,
    )
    assert refused.status_code == 400 and refused.json()["errors"][0]["parameter"] == "plan"


def test_the_schema_documents_the_round_fields(client):
    schemas = client.get("/api/openapi.json").json()["components"]["schemas"]
    assert {"id", "title", "description", "deadline", "is_open", "subject", "country", "cycle", "plan"} <= set(
        schemas["RoundOut"]["properties"]
    )
    assert {"subject", "country", "cycle", "plan"} <= set(schemas["RoundIn"]["properties"])
