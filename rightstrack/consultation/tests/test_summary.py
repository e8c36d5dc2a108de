"""Who was consulted on a draft report: ``rounds_about`` finds the rounds on it,
``consultation_summary`` counts who was invited and who replied, in a fixed number of
queries."""

import datetime as dt

import pytest
from django.utils import timezone

from rightstrack.accounts.choices import EntityKind, Role
from rightstrack.consultation import services
from rightstrack.consultation.choices import Subject
from rightstrack.consultation.models import Assessment, Comment, Reply, Round
from rightstrack.consultation.selectors import RoundSummary, consultation_summary, rounds_about
from rightstrack.planning.choices import Status
from rightstrack.planning.tests.factories import EntityFactory, PlanFactory, person
from rightstrack.recommendations.tests.factories import RecommendationFactory, state

pytestmark = pytest.mark.django_db
DEADLINE = dt.date(2027, 1, 31)
CONTRIBUTOR = "Consultation contributor (NHRI, civil society)"


@pytest.fixture
def staff():
    return person(Role.NMRF_STAFF)


def _open(staff, title, deadline=DEADLINE, invited=(), **about) -> Round:
    return services.open_round(staff, title=title, deadline=deadline, invited=list(invited) or [staff], **about)


def test_rounds_about_finds_the_rounds_on_one_draft(staff):
    svn, fra = state("SVN"), state("FRA")
    plan, other_plan = PlanFactory(), PlanFactory()
    late = _open(staff, "SVN 4 second", deadline=dt.date(2027, 3, 1), subject=Subject.MIDTERM, country=svn, cycle=4)
    first = _open(staff, "SVN 4 first", subject=Subject.MIDTERM, country=svn, cycle=4)
    svn3 = _open(staff, "SVN 3", subject=Subject.MIDTERM, country=svn, cycle=3)
    fra4 = _open(staff, "FRA 4", subject=Subject.MIDTERM, country=fra, cycle=4)
    on_plan = _open(staff, "Plan", subject=Subject.PLAN, plan=plan)
    on_other_plan = _open(staff, "Other plan", subject=Subject.PLAN, plan=other_plan)
    general = _open(staff, "General")
    # Earliest deadline first: the order a methodology chapter tells them in.
    assert list(rounds_about(subject=Subject.MIDTERM, country=svn, cycle=4)) == [first, late]
    assert list(rounds_about(subject=Subject.MIDTERM, country="svn", cycle=4)) == [first, late]
    assert set(rounds_about(subject=Subject.MIDTERM, country=svn)) == {first, late, svn3}
    assert set(rounds_about(subject=Subject.MIDTERM, cycle=4)) == {first, late, fra4}
    assert list(rounds_about(subject=Subject.PLAN, plan=plan)) == [on_plan]
    assert list(rounds_about(subject=Subject.PLAN, plan=other_plan.pk)) == [on_other_plan]
    assert list(rounds_about(subject=Subject.OTHER)) == [general]
    assert not rounds_about(subject=Subject.MIDTERM, country="DEU", cycle=4).exists()


def test_the_summary_counts_who_was_invited_and_who_replied(staff):
    ombudsman = EntityFactory(name="Human Rights Ombudsman", kind=EntityKind.NHRI)
    nhri = person(Role.CONTRIBUTOR, ombudsman)
    ngo, activist, silent = (person(Role.CONTRIBUTOR) for _ in range(3))
    activist.first_name, activist.last_name = "Ana", "Novak"
    activist.save()
    viewer = person(Role.VIEWER)
    rec = RecommendationFactory()
    # The organisation the NGO gave: its assessment's rather than its comment's.
    Comment.objects.create(author=ngo, recommendation=rec, text="A view", organisation="Comment name")
    Assessment.objects.create(
        author=ngo,
        recommendation=rec,
        organisation="amnesty Slovenia",
        text="Half done",
        status=Status.IN_PROGRESS,
        date=dt.date(2026, 10, 1),
    )
    round_ = _open(
        staff,
        "Draft mid-term report",
        invited=[nhri, ngo, activist, silent, viewer],
        subject=Subject.MIDTERM,
        country=state("SVN"),
        cycle=4,
        description="Chapters 1-3",
    )
    services.reply(nhri, round_, "Section 3 omits the Roma housing cases.")
    services.reply(nhri, round_, "And section 4.")
    services.reply(ngo, round_, "No comment.")
    services.reply(activist, round_, "See attached.")
    services.reply(staff, round_, "Reminder sent to those who have not replied.")  # not invited: no reply
    [summary] = consultation_summary(rounds_about(subject=Subject.MIDTERM, country="SVN", cycle=4))
    assert summary == RoundSummary(
        title="Draft mid-term report",
        description="Chapters 1-3",
        opened=timezone.localdate(),
        deadline=DEADLINE,
        is_open=True,
        invited=5,
        replied=3,
        organisations=["amnesty Slovenia", "Ana Novak", "Human Rights Ombudsman"],
        invited_roles={CONTRIBUTOR: 4, "Read-only viewer": 1},
        about="UPR mid-term report: Slovenia, cycle 4",
        id=round_.pk,
    )


def test_a_round_made_without_the_services_has_no_opening_date(staff):
    made = Round.objects.create(title="Imported", deadline=DEADLINE, opened_by=staff, is_open=False)
    made.invited.add(staff)
    Reply.objects.create(round=made, author=staff, text="Noted")
    [summary] = consultation_summary([made])
    assert (summary.opened, summary.is_open, summary.invited, summary.replied) == (None, False, 1, 1)
    # NMRF staff without a profile: the staff role; no organisation known: the username.
    assert summary.invited_roles == {"NMRF staff": 1} and summary.organisations == [staff.username]
    assert consultation_summary([]) == []


def _world(staff, rounds: int, people: int) -> None:
    for n in range(rounds):
        invited = [person(Role.CONTRIBUTOR, EntityFactory()) for _ in range(people)]
        made = _open(staff, f"Round {n}", invited=invited, subject=Subject.PLAN, plan=PlanFactory())
        for someone in invited[: people // 2 + 1]:
            Assessment.objects.create(
                author=someone,
                recommendation=RecommendationFactory(),
                organisation="Org",
                text="x",
                status=Status.IN_PROGRESS,
                date=dt.date(2026, 10, 1),
            )
            services.reply(someone, made, "Our view")


@pytest.mark.parametrize(("rounds", "people"), [(1, 2), (4, 6)])
def test_the_summary_takes_a_fixed_number_of_queries(staff, django_assert_max_num_queries, rounds, people):
    """The rounds, the invited, the replies (with profiles and entities), the opening
    dates, the organisations people gave in assessments and comments: six queries
    for one round of two people as for four rounds of six."""
    _world(staff, rounds, people)
    with django_assert_max_num_queries(6):
        summaries = consultation_summary(rounds_about(subject=Subject.PLAN))
        assert len(summaries) == rounds
        assert all(s.invited == people and s.replied == people // 2 + 1 and s.opened for s in summaries)
        assert all(
            len(s.organisations) == people // 2 + 1 and s.about.startswith("National action plan: ") for s in summaries
        )


def test_the_summary_prefetches_what_it_was_not_given(staff, django_assert_max_num_queries):
    """Plain rounds (not from ``rounds_about``) cost two more queries, not one a person."""
    _world(staff, 3, 4)
    with django_assert_max_num_queries(8):
        summaries = consultation_summary(Round.objects.all())
    assert sorted(s.replied for s in summaries) == [3, 3, 3]
