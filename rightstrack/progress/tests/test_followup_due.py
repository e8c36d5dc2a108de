"""When a State's follow-up reply is due, and the committees' grade scales as data."""

from __future__ import annotations

import datetime as dt

import pytest

from rightstrack.progress.models import FollowUp
from rightstrack.recommendations.tests.factories import DocumentFactory, mechanism
from rightstrack.reference.models import GradeLevel, Mechanism
from rightstrack.reference.services import sync_reference_data

pytestmark = pytest.mark.django_db


def _follow_up(code: str, adopted, due=None) -> FollowUp:
    document = DocumentFactory(
        symbol=f"{code}/C/SVN/CO/{adopted}", mechanism=mechanism(code), upr_session=None, date=adopted
    )
    return FollowUp.objects.create(document=document, due=due)


@pytest.mark.parametrize(
    "code, adopted, due",
    [
        ("CCPR", dt.date(2016, 3, 24), dt.date(2017, 3, 24)),  # one year
        ("CAT", dt.date(2016, 3, 24), dt.date(2017, 3, 24)),
        ("CEDAW", dt.date(2016, 3, 24), dt.date(2018, 3, 24)),  # two for CEDAW and CMW
        ("CMW", dt.date(2020, 2, 29), dt.date(2022, 2, 28)),  # 29 February: the 28th
        ("CRC", dt.date(2016, 3, 24), None),  # no written follow-up procedure
        ("CCPR", None, None),  # adoption unknown
    ],
)
def test_the_reply_is_due_one_or_two_years_after_adoption(code, adopted, due):
    assert _follow_up(code, adopted).due_date == due


def test_the_committees_own_date_comes_first():
    assert _follow_up("CCPR", dt.date(2016, 3, 24), due=dt.date(2018, 7, 1)).due_date == dt.date(2018, 7, 1)


def test_the_scales_are_per_committee_with_the_older_grades_kept():
    ccpr = dict(GradeLevel.objects.filter(mechanism__code="CCPR").values_list("code", "legacy"))
    assert ccpr == {
        "A": False,
        "B": False,
        "C": False,
        "D": False,
        "E": False,
        "B1": True,
        "B2": True,
        "C1": True,
        "C2": True,
        "D1": True,
        "D2": True,
    }
    assert list(GradeLevel.objects.filter(mechanism__code="CEDAW").values_list("code", flat=True)) == [
        "fully",
        "partially",
        "not",
    ]
    assert not GradeLevel.objects.filter(mechanism__code="UPR").exists()


def test_an_administrators_corrections_survive_an_upgrade():
    level = GradeLevel.objects.get(mechanism__code="CCPR", code="A")
    level.label = "Largely satisfactory (corrected)"
    level.save()
    Mechanism.objects.filter(code="CEDAW").update(followup_years=3)
    GradeLevel.objects.filter(mechanism__code="CAT", code="not").delete()
    sync_reference_data()
    assert GradeLevel.objects.get(mechanism__code="CCPR", code="A").label == "Largely satisfactory (corrected)"
    assert Mechanism.objects.get(code="CEDAW").followup_years == 3
    assert GradeLevel.objects.filter(mechanism__code="CAT", code="not").exists()  # a shipped level comes back
