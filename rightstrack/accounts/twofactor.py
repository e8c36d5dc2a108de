"""Two-step sign-in: a password, then a six-digit code from a phone app.

Anyone may turn it on for their own account (staff, who can change everything, above
all): the account page shows a QR code for an authenticator app (any TOTP app, RFC 6238:
FreeOTP, Aegis, Google or Microsoft Authenticator), and the first code typed confirms
it. From then on a right password leads to a second page asking for the code of the
moment; only the right code signs in. Wrong codes make the next try wait 1, 2, 4, 8 …
seconds (django-otp's throttling), so six digits cannot be guessed; a wrong password is
counted by the sign-in throttling (django-axes) as before.

A lost phone: the NMRF administrator runs ``rightstrack twofactor off NAME`` (or deletes
the device under Administration › TOTP devices); the person signs in with the password
alone and sets up the new phone.

The devices are django-otp's ``TOTPDevice`` (the secret is stored in the database, as
the password's hash is; a backup keeps it).
"""

from __future__ import annotations

import io
from base64 import b32encode

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from rightstrack.core.errors import InvalidValueError, RightstrackError

DEVICE_NAME = "authenticator app"


def device_of(user) -> TOTPDevice | None:
    """The user's confirmed device (None: the password alone signs them in)."""
    if not user.is_authenticated:
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def is_on(user) -> bool:
    return device_of(user) is not None


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device being set up (one per user, made on first call)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The secret as people type it into an app without a camera: base32, in fours."""
    text = b32encode(device.bin_key).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The QR code of the device's ``otpauth://`` address, as inline SVG."""
    import qrcode
    import qrcode.image.svg

    stream = io.BytesIO()
    qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).save(stream)
    svg = stream.getvalue().decode()
    return svg[svg.index("<svg") :]  # without the XML declaration, to sit inside the page


def _code(value: str) -> str:
    code = "".join((value or "").split())
    if not (code.isascii() and code.isdigit() and len(code) == 6):
        raise InvalidValueError(_("Type the six digits the app shows."))
    return code


def check_code(device: TOTPDevice, value: str) -> None:
    """Accept the code of the moment from ``device``; else raise InvalidValueError saying
    why (not six digits, wrong, or too many wrong codes: how long to wait)."""
    code = _code(value)
    # One check at a time per device (two tries at once must not both pass the
    # throttle); the refusal is raised after the block, which keeps the failure counted.
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        allowed, data = device.verify_is_allowed()
        right = allowed and device.verify_token(code)
    if not allowed:
        wait = (
            max(1, int((data["locked_until"] - timezone.now()).total_seconds()) + 1) if data.get("locked_until") else 1
        )
        raise InvalidValueError(_("Too many wrong codes: wait %(seconds)d seconds and try again.") % {"seconds": wait})
    if not right:
        raise InvalidValueError(_("That code is not right (or no longer valid): type the one the app shows now."))


def turn_on(user, value: str) -> TOTPDevice:
    """Confirm the device being set up with its first code: two-step sign-in is on."""
    device = pending_device(user)
    check_code(device, value)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return device


def turn_off(user, value: str) -> None:
    """Turn two-step sign-in off, proven by a code of the current device."""
    device = device_of(user)
    if device is None:
        return
    check_code(device, value)
    TOTPDevice.objects.filter(user=user).delete()


def reset(username: str) -> int:
    """The administrator's way out for a lost phone: remove every device of the user
    (``rightstrack twofactor off NAME``); returns how many there were."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise RightstrackError(f"unknown user: {username!r}")
    return TOTPDevice.objects.filter(user=user).delete()[0]
