import datetime as dt

import pytest

from rightstrack.accounts.choices import Role
from rightstrack.consultation import services
from rightstrack.core.errors import InvalidValueError, NotAllowedError
from rightstrack.planning.choices import Status
from rightstrack.planning.tests.factories import EntityFactory, person
from rightstrack.progress.models import Tracking
from rightstrack.recommendations.tests.factories import RecommendationFactory

pytestmark = pytest.mark.django_db


def test_an_independent_assessment_stays_apart_from_the_states_status():
    rec = RecommendationFactory()
    Tracking.objects.create(recommendation=rec, status=Status.IMPLEMENTED)
    nhri = person(Role.CONTRIBUTOR)
    made = services.assess(
        nhri,
        rec,
        organisation="Human Rights Ombudsman",
        status=Status.PARTIALLY_IMPLEMENTED,
        text="The law is adopted but not applied to Roma settlements.",
        date=dt.date(2026, 11, 1),
    )
    assert made.status == Status.PARTIALLY_IMPLEMENTED
    assert Tracking.objects.get(recommendation=rec).status == Status.IMPLEMENTED


@pytest.mark.parametrize("role", [Role.VIEWER, Role.FOCAL_POINT])
def test_only_contributors_and_the_nmrf_speak(role):
    someone = person(role, EntityFactory())
    with pytest.raises(NotAllowedError):
        services.comment(someone, "A view", recommendation=RecommendationFactory())


def test_a_round_shows_who_replied_and_who_has_not():
    staff = person(Role.NMRF_STAFF)
    nhri, ngo, late = (person(Role.CONTRIBUTOR) for _ in range(3))
    round_ = services.open_round(
        staff, title="Draft mid-term report", deadline=dt.date(2027, 1, 15), invited=[nhri, ngo, late]
    )
    services.reply(nhri, round_, "Section 3 omits the Roma housing cases.")
    services.reply(ngo, round_, "No comment.")
    with pytest.raises(NotAllowedError):
        services.reply(person(Role.CONTRIBUTOR), round_, "Not invited")
    answered, waiting = services.replied(round_)
    assert set(answered) == {nhri, ngo} and waiting == [late]
    round_.is_open = False
    round_.save()
    with pytest.raises(InvalidValueError, match="closed"):
        services.reply(late, round_, "Too late")
