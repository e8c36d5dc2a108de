"""Signing in, with the second step for those who turned it on (``accounts.twofactor``), and
the page where a person turns it on or off."""

from __future__ import annotations

import time

import django_otp
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.accounts import twofactor
from rightstrack.core.errors import InvalidValueError
from rightstrack.core.web import is_own_path, signed_in

PENDING = "rightstrack_two_step"  # the session's note of a right password awaiting its code
PENDING_SECONDS = 300  # the code must follow the password within five minutes


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from your app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "size": 8}
        ),
    )


class SignIn(LoginView):
    """Django's sign-in page; a right password for an account with two-step sign-in on
    leads to the code page instead of signing in."""

    def form_valid(self, form):
        user = form.get_user()
        if not twofactor.is_on(user):
            return super().form_valid(form)
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "at": time.time(),
            "next": self.get_success_url(),
        }
        return redirect("login_code")


def _pending_user(request):
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        return None, None
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    return user, pending


def login_code(request):
    """The second step: the code of the moment signs the person in."""
    user, pending = _pending_user(request)
    device = twofactor.device_of(user) if user is not None else None
    if device is None:
        request.session.pop(PENDING, None)
        messages.info(request, _("Sign in with your password first."))
        return redirect("login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            twofactor.check_code(device, form.cleaned_data["code"])
        except InvalidValueError as error:
            form.add_error("code", str(error))
        else:
            del request.session[PENDING]
            auth_login(request, user, backend=pending["backend"])
            django_otp.login(request, device)
            target = pending["next"]
            return redirect(target if is_own_path(target, request) else reverse("home"))
    return render(request, "registration/login_code.html", {"form": form})


@signed_in
def two_step(request):
    """Two-step sign-in of the signed-in person: set up (QR code, first code), or off."""
    device = twofactor.device_of(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if device is None:
                twofactor.turn_on(request.user, form.cleaned_data["code"])
                messages.success(
                    request,
                    _("Two-step sign-in is on: from now on, sign in with your password and the code of your app."),
                )
            else:
                twofactor.turn_off(request.user, form.cleaned_data["code"])
                messages.success(request, _("Two-step sign-in is off: your password alone signs you in."))
            return redirect("two_step")
        except InvalidValueError as error:
            form.add_error("code", str(error))
    context = {"form": form, "on": device is not None}
    if device is None:
        pending = twofactor.pending_device(request.user)
        context.update(qr=twofactor.qr_svg(pending), secret=twofactor.secret_text(pending))
    return render(request, "registration/two_step.html", context)
