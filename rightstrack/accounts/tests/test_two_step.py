"""Two-step sign-in (``accounts.twofactor``): a person turns it on with a phone app's QR code
and first code; from then on a right password alone does not sign in, only the code of
the moment does; wrong codes slow the next try; the administrator turns it off for a lost
phone; the admin's own sign-in page cannot skip it."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from rightstrack.accounts import twofactor

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-and-right-passphrase"


def code(device, later=0) -> str:
    """The code the phone shows now (or ``later`` steps of 30 s on)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + later * device.step
    return f"{totp.token():06d}"


@pytest.fixture
def nmrf():
    return get_user_model().objects.create_user("nmrf", password=PASSWORD, is_staff=True)


@pytest.fixture
def on(nmrf):
    """Two-step sign-in on for ``nmrf``."""
    device = TOTPDevice.objects.create(user=nmrf, name="app", confirmed=True)
    return device


def _password(client, **extra):
    return client.post("/accounts/login/?next=/plans/", {"username": "nmrf", "password": PASSWORD}, **extra)


def test_turning_it_on_takes_the_app_s_first_code(client, nmrf):
    client.force_login(nmrf)
    page = client.get("/accounts/two-step/").content.decode()
    assert "<svg" in page and "Off: your password alone" in page
    device = TOTPDevice.objects.get(user=nmrf, confirmed=False)
    assert twofactor.secret_text(device).replace(" ", "") in page.replace(" ", "")
    assert client.get("/accounts/two-step/").status_code == 200
    assert TOTPDevice.objects.filter(user=nmrf).count() == 1  # the same key until confirmed
    wrong = client.post("/accounts/two-step/", {"code": "12345"}).content.decode()
    assert "Type the six digits" in wrong and not twofactor.is_on(nmrf)
    done = client.post("/accounts/two-step/", {"code": code(device)}, follow=True).content.decode()
    assert "Two-step sign-in is on" in done and "On: you sign in" in done and twofactor.is_on(nmrf)


def test_a_right_password_alone_no_longer_signs_in(client, on):
    response = _password(client)
    assert response.status_code == 302 and response["Location"] == "/accounts/login/code/"
    assert "_auth_user_id" not in client.session
    assert client.get("/accounts/two-step/").status_code == 302  # still nobody: sent to sign in
    wrong = client.post("/accounts/login/code/", {"code": code(on, later=5)})
    assert "not right" in wrong.content.decode() and "_auth_user_id" not in client.session
    on.refresh_from_db()
    on.throttle_reset()
    right = client.post("/accounts/login/code/", {"code": code(on)})
    assert right.status_code == 302 and right["Location"] == "/plans/"
    assert client.session["_auth_user_id"] == str(on.user_id)


def test_wrong_codes_make_the_next_try_wait_and_a_code_works_once(client, on):
    _password(client)
    client.post("/accounts/login/code/", {"code": code(on, later=5)})
    waiting = client.post("/accounts/login/code/", {"code": code(on)}).content.decode()
    assert "Too many wrong codes: wait" in waiting and "_auth_user_id" not in client.session
    on.refresh_from_db()
    on.throttle_reset()
    assert client.post("/accounts/login/code/", {"code": code(on)}).status_code == 302
    client.logout()
    _password(client)
    replay = client.post("/accounts/login/code/", {"code": code(on)}).content.decode()
    assert "not right (or no longer valid)" in replay and "_auth_user_id" not in client.session


def test_the_code_page_needs_a_fresh_right_password(client, on, monkeypatch):
    assert client.get("/accounts/login/code/")["Location"] == "/accounts/login/"
    _password(client)
    import time

    later = time.time() + 301
    monkeypatch.setattr(time, "time", lambda: later)
    assert client.post("/accounts/login/code/", {"code": code(on)})["Location"] == "/accounts/login/"


def test_without_it_the_password_signs_in_as_before(client, nmrf):
    response = _password(client)
    assert response["Location"] == "/plans/" and client.session["_auth_user_id"] == str(nmrf.pk)


def test_the_admin_sign_in_page_leads_to_the_two_step_one(client, on):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/?next=/admin/"


def test_turning_it_off_takes_a_code_and_the_administrator_can_too(client, on, capsys):
    client.force_login(on.user)
    assert "Type the six digits" in client.post("/accounts/two-step/", {"code": "abc"}).content.decode()
    assert twofactor.is_on(on.user)
    assert "is off" in client.post("/accounts/two-step/", {"code": code(on)}, follow=True).content.decode()
    assert not twofactor.is_on(on.user)
    TOTPDevice.objects.create(user=on.user, name="app", confirmed=True)
    call_command("twofactor", "off", "nmrf")
    assert "two-step sign-in is off for 'nmrf'" in capsys.readouterr().out
    client.logout()
    assert _password(client)["Location"] == "/plans/"
