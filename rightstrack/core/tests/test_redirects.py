"""A form's ``next`` sends back only to a path of this site: never to another host, nor
to an address spelt to look like a path here and like a host to a browser (the repeat
groups' confirm, split and merge once redirected anywhere)."""

import pytest
from django.test import RequestFactory

from rightstrack.core.web import is_own_path, next_or
from rightstrack.search.models import RepeatGroup

OUTSIDE = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example",
    "https:evil.example",
    "http://testserver/x",
    "javascript:alert(1)",
    "/plans/\n//evil.example",
    "evil.example",
    "",
]


@pytest.mark.parametrize("target", OUTSIDE)
def test_anything_but_a_path_of_this_site_goes_to_the_default(target):
    request = RequestFactory().post("/search/groups/1/confirm/", {"next": target})
    assert not is_own_path(target, request)
    assert next_or(request, "/default/") == "/default/"


def test_a_path_of_this_site_is_kept():
    request = RequestFactory().post("/x/", {"next": "/recommendations/?country=SVN&page=2"})
    assert next_or(request, "/default/") == "/recommendations/?country=SVN&page=2"


@pytest.mark.django_db
@pytest.mark.parametrize("step, data", [("confirm", {}), ("split", {}), ("merge", {"other": 999999})])
def test_the_repeat_group_steps_do_not_redirect_away(admin_client, step, data):
    group = RepeatGroup.objects.create()
    response = admin_client.post(f"/search/repeats/{group.pk}/{step}/", {**data, "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/search/repeats/"
    kept = admin_client.post(f"/search/repeats/{group.pk}/{step}/", {**data, "next": "/search/repeats/?page=2"})
    assert kept["Location"] == "/search/repeats/?page=2"
