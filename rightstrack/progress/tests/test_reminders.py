"""Reminder emails (``rightstrack remind``): who gets one, what it lists, dry runs."""

import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from rightstrack.accounts.choices import Role
from rightstrack.planning.choices import Status
from rightstrack.planning.tests.factories import ActionFactory, EntityFactory, PlanFactory, person
from rightstrack.progress.choices import ReportStage
from rightstrack.progress.models import ProgressReport
from rightstrack.progress.reminders import reminders

pytestmark = pytest.mark.django_db

TODAY = dt.date(2027, 3, 1)


def with_email(user, email):
    user.email = email
    user.save(update_fields=["email"])
    return user


def report(action, state, **kwargs):
    return ProgressReport.objects.create(
        action=action,
        entity=action.entity,
        author=person(Role.NMRF_STAFF),
        date=dt.date(2027, 2, 1),
        text="Progress so far.",
        stage=state,
        **kwargs,
    )


@pytest.fixture
def world():
    plan = PlanFactory(title="Second national plan")
    justice = EntityFactory(name="Ministry of Justice")
    prisons = EntityFactory(name="Prison administration", parent=justice)
    health = EntityFactory(name="Ministry of Health")
    people = {
        "justice": with_email(person(Role.FOCAL_POINT, justice), "justice@example.org"),
        "health": with_email(person(Role.FOCAL_POINT, health), "health@example.org"),
        "quiet": with_email(person(Role.FOCAL_POINT, EntityFactory(name="Ministry of Culture")), "quiet@example.org"),
        "staff": with_email(person(Role.NMRF_STAFF), "nmrf@example.org"),
        "viewer": with_email(person(Role.VIEWER), "viewer@example.org"),
    }
    person(Role.FOCAL_POINT, justice)  # no email: nothing to send to
    person(Role.NMRF_ADMIN)

    def action(title, entity, days, **kwargs):
        return ActionFactory(plan=plan, entity=entity, title=title, due=TODAY + dt.timedelta(days=days), **kwargs)

    actions = {
        "late": action("Inspect every prison", prisons, -3),
        "soon": action("Draft the anti-torture law", justice, 10, status=Status.IN_PROGRESS),
        "later": action("Train the judges", justice, 30),
        "done": action("Publish the report", justice, -20, status=Status.IMPLEMENTED),
        "archived": action("Old idea", justice, -5, archived=True),
        "clinics": action("Open rural clinics", health, -40),
    }
    report(actions["soon"], ReportStage.DRAFT)
    report(actions["late"], ReportStage.RETURNED, review_comment="Give the number of inspections.")
    report(actions["late"], ReportStage.VALIDATED)
    report(actions["clinics"], ReportStage.SUBMITTED)
    return {**people, **actions}


def sent_to(address):
    [message] = [m for m in mail.outbox if m.to == [address]]
    return message


def test_each_focal_point_gets_its_entitys_actions_and_reports(world):
    out = io.StringIO()
    call_command("remind", "--today", TODAY.isoformat(), stdout=out)
    assert sorted(m.to[0] for m in mail.outbox) == ["health@example.org", "justice@example.org", "nmrf@example.org"]
    justice = sent_to("justice@example.org")
    assert justice.subject == "rightstrack: 2 actions, 2 reports to complete"
    body = justice.body
    assert "Inspect every prison" in body and "3 days late" in body  # an entity under its own
    assert "Draft the anti-torture law" in body and "in 10 days" in body and "status: In progress" in body
    for absent in ("Train the judges", "Publish the report", "Old idea", "Open rural clinics"):
        assert absent not in body
    assert "Give the number of inspections." in body and "Draft, " in body
    assert "Validated" not in body
    assert sent_to("health@example.org").subject == "rightstrack: 1 action"
    health = sent_to("health@example.org").body
    assert "Open rural clinics" in health and "40 days late" in health and "progress report" not in health
    text = out.getvalue()
    assert "focal point justice@example.org: 2 actions (1 overdue), 2 reports to complete" in text
    assert "sent 3 emails (2 to focal points, 1 to NMRF staff)" in text


def test_nmrf_staff_get_the_reports_to_validate_and_the_overdue_count(world):
    call_command("remind", "--today", TODAY.isoformat(), stdout=io.StringIO())
    summary = sent_to("nmrf@example.org")
    assert summary.subject == "rightstrack: 1 report to validate, 2 overdue actions"
    assert "1 progress report waits for validation" in summary.body and "Open rural clinics" in summary.body
    assert "2 actions are overdue." in summary.body


def test_staff_accounts_and_superusers_without_a_profile_count_as_nmrf(world):
    users = get_user_model().objects
    users.create_user("root", "root@example.org", is_superuser=True)
    users.create_user("clerk", "clerk@example.org", is_staff=True)
    users.create_user("reader", "reader@example.org")
    found = {r.email: r.kind for r in reminders(TODAY)}
    assert found["root@example.org"] == found["clerk@example.org"] == Role.NMRF_STAFF
    assert "reader@example.org" not in found and "viewer@example.org" not in found


def test_emails_are_in_the_sites_language(world, settings):
    settings.LANGUAGE_CODE = "fr"
    call_command("remind", "--today", TODAY.isoformat(), stdout=io.StringIO())
    body = sent_to("justice@example.org").body
    assert "Non commencée" in body and "Renvoyé avec un commentaire" in body


def test_days_widens_the_window_and_site_url_adds_links(world):
    call_command(
        "remind",
        "--today",
        TODAY.isoformat(),
        "--days",
        "40",
        "--site-url",
        "https://nmrf.example.org/",
        stdout=io.StringIO(),
    )
    body = sent_to("justice@example.org").body
    assert "Train the judges" in body
    assert f"https://nmrf.example.org/plans/actions/{world['later'].pk}/" in body


def test_dry_run_prints_and_sends_nothing(world):
    out = io.StringIO()
    call_command("remind", "--today", TODAY.isoformat(), "--dry-run", stdout=out)
    assert mail.outbox == []
    text = out.getvalue()
    assert "Subject: rightstrack: 2 actions, 2 reports to complete" in text and "Inspect every prison" in text
    assert "dry run: 3 emails would be sent (2 to focal points, 1 to NMRF staff); none sent" in text


def test_nothing_to_say_sends_nothing():
    with_email(person(Role.FOCAL_POINT, EntityFactory()), "calm@example.org")
    with_email(person(Role.NMRF_STAFF), "nmrf@example.org")
    out = io.StringIO()
    call_command("remind", stdout=out)
    assert mail.outbox == [] and "sent 0 emails" in out.getvalue()


def test_a_bad_date_is_refused():
    with pytest.raises(CommandError, match="not a date"):
        call_command("remind", "--today", "1 March")
