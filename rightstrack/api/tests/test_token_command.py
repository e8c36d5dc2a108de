"""`rightstrack token create | list | revoke`."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from rightstrack.api.models import APIToken
from rightstrack.recommendations.tests.factories import RecommendationFactory

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_create_prints_the_key_once_and_it_works(client, user):
    out, err = run("create", user.username, "--name", "nightly report")
    key = out.strip()
    token = APIToken.objects.get()
    assert key.startswith(token.prefix) and token.name == "nightly report" and token.user == user
    assert key not in err and token.prefix in err
    draft = RecommendationFactory(is_published=False)
    assert client.get(f"/api/recommendations/{draft.pk}", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    # The key is never shown again.
    listed, _ = run("list")
    assert key not in listed and token.prefix in listed


def test_list_and_revoke(client, user):
    key = run("create", user.username, "--name", "dashboard")[0].strip()
    prefix = APIToken.objects.get().prefix
    listed = run("list")[0]
    assert prefix in listed and "analyst" in listed and "dashboard" in listed and "never used" in listed
    assert "REVOKED" not in listed
    out, _ = run("revoke", prefix)
    assert out.strip() == f"revoked {prefix} (analyst, dashboard)"
    assert "REVOKED" in run("list")[0]
    assert client.get("/api/states", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


@pytest.mark.parametrize(
    "args, message",
    [
        (("create", "nobody"), "no user named 'nobody'"),
        (("revoke", "rt_AAAAAAAA"), "no token with prefix 'rt_AAAAAAAA'"),
        (("revoke", "rt_"), "whole prefix"),
    ],
)
def test_errors_are_one_line(user, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
