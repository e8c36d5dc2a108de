"""The whole follow-up flow on real recommendations (the OHCHR list of Slovenia's third
UPR cycle, read in place from ../shared/data), through the services every screen and the
API use: import -> cluster -> assign -> plan an action with an indicator -> the focal
point reports -> the NMRF returns it -> resubmitted -> validated -> published -> public."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from rightstrack.accounts import services as accounts
from rightstrack.accounts.choices import Role
from rightstrack.core.audit import ConflictError, history
from rightstrack.core.errors import InvalidValueError, NotAllowedError
from rightstrack.ingest.services import import_file
from rightstrack.planning import selectors as planning
from rightstrack.planning import services as plan_services
from rightstrack.planning.choices import IndicatorKind, Status
from rightstrack.planning.tests.factories import person
from rightstrack.progress import selectors, services
from rightstrack.recommendations.models import Recommendation

pytestmark = pytest.mark.django_db


def test_the_whole_flow_on_real_recommendations(shared_data):
    import_file(shared_data / "ohchr-lists" / "UPR34_Slovenia_Thematic_list_of_Recommendations.docx")
    roma = list(Recommendation.objects.filter(text__icontains="Roma").order_by("pk")[:5])
    assert len(roma) == 5
    admin, staff = person(Role.NMRF_ADMIN), person(Role.NMRF_STAFF)
    education = plan_services.create_entity(staff, name="Ministry of Education, Science and Sport")
    other = plan_services.create_entity(staff, name="Ministry of Health")
    focal, stranger = person(Role.VIEWER), person(Role.VIEWER)
    accounts.set_role(admin, focal, Role.FOCAL_POINT, education)
    accounts.set_role(admin, stranger, Role.FOCAL_POINT, other)

    plan = plan_services.create_plan(staff, title="National plan for the third UPR cycle", is_published=True)
    cluster = plan_services.create_cluster(staff, plan, "Roma inclusion")
    assert plan_services.add_to_cluster(staff, cluster, [r.pk for r in roma]) == 5
    assert plan_services.assign(staff, [r.pk for r in roma], education, lead=True) == 5
    action = plan_services.create_action(
        staff,
        plan=plan,
        cluster=cluster,
        entity=education,
        title="Roma teaching assistants in every primary school with Roma pupils",
        due=dt.date(2027, 6, 30),
    )
    indicator = plan_services.create_indicator(
        staff,
        action,
        "Schools with a Roma teaching assistant",
        kind=IndicatorKind.OUTCOME,
        baseline="31",
        target="60",
        unit="schools",
    )

    with pytest.raises(NotAllowedError):  # another ministry's focal point
        services.create_report(stranger, action=action, text="…", date=dt.date(2026, 12, 1))
    report = services.create_report(
        focal,
        action=action,
        text="38 schools have an assistant.",
        date=dt.date(2026, 12, 1),
        proposed_status=Status.IN_PROGRESS,
        indicator_values=[(indicator, "38")],
        links=["https://www.gov.si/"],
    )
    report = services.submit(focal, report, report.version)
    assert report not in selectors.reports(AnonymousUser())
    with pytest.raises(InvalidValueError, match="comment"):
        services.return_report(staff, report, report.version, "  ")
    report = services.return_report(staff, report, report.version, "Give the number of pupils reached.")
    with pytest.raises(ConflictError):  # a page opened before the return
        services.edit_report(focal, report, report.version - 1, text="stale")
    report = services.edit_report(focal, report, report.version, text="38 schools, 1,150 Roma pupils reached.")
    report = services.submit(focal, report, report.version)
    with pytest.raises(NotAllowedError):  # a focal point cannot validate its own report
        services.validate(focal, report, report.version)
    report = services.validate(staff, report, report.version)
    action.refresh_from_db()
    assert action.status == Status.IN_PROGRESS
    assert report not in selectors.reports(AnonymousUser())
    report = services.publish(staff, report, report.version)
    assert list(selectors.reports(AnonymousUser())) == [report]
    assert action in planning.actions(AnonymousUser())

    states = [e.changes.get("stage") for e in reversed(history(report))]
    assert states == [
        [None, "draft"],
        ["draft", "submitted"],
        ["submitted", "returned"],
        None,
        ["returned", "submitted"],
        ["submitted", "validated"],
        ["validated", "published"],
    ]
    assert history(action).first().changes == {"status": ["not_started", "in_progress"]}
    assert {e.user for e in history(report)} == {focal, staff}


def test_an_unpublished_plan_and_its_reports_stay_hidden_from_the_public():
    from rightstrack.planning.tests.factories import ActionFactory

    staff = person(Role.NMRF_STAFF)
    action = ActionFactory()
    report = services.create_report(
        staff, action=action, text="Draft law sent to parliament.", date=dt.date(2026, 11, 1)
    )
    assert not selectors.reports(AnonymousUser()).exists()
    assert not planning.actions(AnonymousUser()).exists()
    assert report in selectors.reports(person(Role.NMRF_ADMIN))


def test_a_report_cannot_skip_validation():
    from rightstrack.planning.tests.factories import ActionFactory

    staff = person(Role.NMRF_STAFF)
    report = services.create_report(staff, action=ActionFactory(), text="Done.", date=dt.date(2026, 11, 1))
    with pytest.raises(InvalidValueError, match="draft report cannot become published"):
        services.publish(staff, report, report.version)
