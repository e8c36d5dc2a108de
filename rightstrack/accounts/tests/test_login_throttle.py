"""Sign-ins are throttled: after 5 wrong passwords for one account (or from one address)
the right one is refused for 30 minutes with a page that says why and how to be
unlocked (60 wrong passwords, then the right one, once signed in); the NMRF
administrator unlocks with `rightstrack unlock NAME`. A header the client sends cannot
make it a new address."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-and-right-passphrase"


@pytest.fixture
def amina():
    return get_user_model().objects.create_user("amina", password=PASSWORD)


def _sign_in(client, password, username="amina", **headers):
    return client.post("/accounts/login/", {"username": username, "password": password}, **headers)


def test_after_five_wrong_passwords_even_the_right_one_waits(client, amina):
    for _ in range(4):
        assert _sign_in(client, "wrong").status_code == 200  # the form again, with its error
    locked = _sign_in(client, "wrong")
    assert locked.status_code == 429 and "Sign-in paused" in locked.content.decode()
    assert "paused for 30 minutes" in locked.content.decode() and "rightstrack unlock" in locked.content.decode()
    refused = _sign_in(client, PASSWORD)
    assert refused.status_code == 429 and "_auth_user_id" not in client.session


def test_the_administrator_unlocks_and_a_right_password_resets_the_count(client, amina, capsys):
    for _ in range(5):
        _sign_in(client, "wrong")
    call_command("unlock", "amina")
    assert "unlocked 'amina': 1 record(s) of failed sign-ins cleared" in capsys.readouterr().out
    assert _sign_in(client, PASSWORD).status_code == 302  # signed in
    client.logout()
    for _ in range(4):
        _sign_in(client, "wrong")
    assert _sign_in(client, PASSWORD).status_code == 302  # 4 failures: not yet paused


def test_one_address_trying_many_accounts_is_paused_too(client, amina):
    for n in range(5):
        _sign_in(client, "wrong", username=f"guess{n}")
    assert _sign_in(client, PASSWORD).status_code == 429


def test_a_forwarded_for_header_does_not_make_a_new_address(client, amina):
    for n in range(5):
        _sign_in(client, "wrong", username=f"guess{n}", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    assert _sign_in(client, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.99").status_code == 429
