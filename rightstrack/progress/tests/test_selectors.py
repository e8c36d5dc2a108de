"""Who sees which progress report."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from rightstrack.accounts.choices import Role
from rightstrack.core.limits import MAX_EVIDENCE_MB
from rightstrack.planning.tests.factories import ActionFactory, EntityFactory, PlanFactory, person
from rightstrack.progress.choices import ReportStage
from rightstrack.progress.models import ProgressReport
from rightstrack.progress.selectors import reports
from rightstrack.recommendations.tests.factories import RecommendationFactory

pytestmark = pytest.mark.django_db


def _report(state, **subject):
    entity = subject.pop("entity", None) or EntityFactory()
    return ProgressReport.objects.create(
        entity=entity, author=person(Role.NMRF_STAFF), date=dt.date(2026, 1, 1), text="x", stage=state, **subject
    )


def test_the_public_sees_published_reports_about_public_things_only():
    public_action = ActionFactory(plan=PlanFactory(is_published=True))
    hidden_action = ActionFactory(plan=PlanFactory(is_published=False))
    shown = _report(ReportStage.PUBLISHED, action=public_action)
    on_hidden_plan = _report(ReportStage.PUBLISHED, action=hidden_action)
    on_public_rec = _report(ReportStage.PUBLISHED, recommendation=RecommendationFactory(is_published=True))
    on_hidden_rec = _report(ReportStage.PUBLISHED, recommendation=RecommendationFactory(is_published=False))
    validated = _report(ReportStage.VALIDATED, action=public_action)
    assert set(reports(AnonymousUser())) == {shown, on_public_rec}
    assert {on_hidden_plan, on_hidden_rec, validated} <= set(reports(person(Role.VIEWER)))


def test_drafts_are_their_entitys_and_the_nmrfs():
    mine, other = EntityFactory(), EntityFactory()
    draft = _report(ReportStage.DRAFT, action=ActionFactory(entity=mine), entity=mine)
    assert draft in reports(person(Role.FOCAL_POINT, mine)) and draft in reports(person(Role.NMRF_STAFF))
    for outsider in (person(Role.FOCAL_POINT, other), person(Role.CONTRIBUTOR), person(Role.VIEWER), AnonymousUser()):
        assert draft not in reports(outsider)


def test_what_waits_for_each_role(client):
    from rightstrack.progress.selectors import todo

    mine = EntityFactory()
    late = ActionFactory(entity=mine, due=dt.date(2026, 1, 1))
    ActionFactory(due=dt.date(2026, 1, 1))  # another entity's
    _report(ReportStage.RETURNED, action=late, entity=mine)
    _report(ReportStage.SUBMITTED, action=late, entity=mine)
    focal, staff = person(Role.FOCAL_POINT, mine), person(Role.NMRF_STAFF)
    today = dt.date(2026, 6, 1)
    assert todo(focal, today) == {"overdue": 1, "returned": 1, "drafts": 0}
    assert todo(staff, today) == {"to_validate": 1, "to_publish": 0, "overdue": 2}
    assert todo(person(Role.VIEWER), today) == {} == todo(AnonymousUser(), today)
    client.force_login(focal)
    assert "Reports returned to you" in client.get("/").content.decode()


def test_evidence_files_are_checked_for_type_and_size():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from rightstrack.core.errors import InvalidValueError
    from rightstrack.progress import services

    mine = EntityFactory()
    report = _report(ReportStage.DRAFT, action=ActionFactory(entity=mine), entity=mine)
    staff = person(Role.NMRF_STAFF)
    services.add_evidence(staff, report, file=SimpleUploadedFile("budget.pdf", b"%PDF-1.4"))
    with pytest.raises(InvalidValueError, match="page.html: evidence files are"):
        services.add_evidence(staff, report, file=SimpleUploadedFile("page.html", b"<script>"))
    big = SimpleUploadedFile("huge.pdf", b"x")
    big.size = (MAX_EVIDENCE_MB + 1) * 1024 * 1024
    with pytest.raises(InvalidValueError, match="larger than"):
        services.add_evidence(staff, report, file=big)
    assert report.evidence.count() == 1
