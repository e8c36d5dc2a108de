"""What every editing page shares: refusals as a 403 page that says why, stale edits
as a form error that says who saved in between, and the "sign in first" redirect.

Views call services; services ask the one permission check (``core.permissions``), so
the pages, the API and the exports refuse the same things. Views only turn the
services' errors into pages; ``allowed`` guards a page that only some may open.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from rightstrack.core import limits
from rightstrack.core.audit import ConflictError
from rightstrack.core.errors import InvalidValueError, NotAllowedError
from rightstrack.core.permissions import can


def refused(request, error: Exception | str):
    """A 403 page with the reason (never a bare "Forbidden")."""
    return render(request, "core/refused.html", {"reason": str(error)}, status=403)


def refusal(request, message: str, status: int, template: str = "core/refused.html"):
    """A request refused before its view answered (too large, too long): ``{"detail":
    message}`` under ``/api/``, else ``template`` with the message as its ``reason``."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status)
    return render(request, template, {"reason": message}, status=status)


def signed_in(view):
    """Anonymous visitors go to the sign-in page and come back; refusals become a 403 page."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            return view(request, *args, **kwargs)
        except NotAllowedError as error:
            return refused(request, error)

    return wrapped


def allowed(action: str):
    """A page for those ``can(user, action)`` allows: anybody else goes to the sign-in
    page (to sign in as someone who may), as Django's staff pages do; refusals a service
    raises become a 403 page."""

    def decorate(view):
        guarded = signed_in(view)

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not can(request.user, action):
                return redirect_to_login(request.get_full_path())
            return guarded(request, *args, **kwargs)

        return wrapped

    return decorate


def save_or_explain(form, write):
    """Run ``write()``; a stale version or a refused value becomes the form's error
    (the person's input stays in the form, nothing is lost). Returns the result or None."""
    try:
        return write()
    except (ConflictError, InvalidValueError) as error:
        form.add_error(None, str(error))
    except ValidationError as error:  # a rule of the model the form could not see
        form.add_error(None, " ".join(error.messages))
    return None


def next_or(request, default: str) -> str:
    """The ``next`` the form came with, if it is a path of this site ("/plans/3/"); else
    ``default``. Never another site's address, nor one spelt to look like a path to us
    and a host to a browser ("//evil.example", "/\\evil.example", "https:evil.example")."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if is_own_path(target, request):
        return target
    return default


def is_own_path(target: str, request) -> bool:
    """Whether ``target`` is a path on this site (not a full address, even of this host)."""
    return (
        target.startswith("/")
        and not target.startswith(("//", "/\\"))
        and not any(ord(c) < 32 for c in target)
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    )


def page_form(request, form, *, title: str, cancel: str, intro: str = "", submit: str = "", multipart=False):
    """The one generic form page (a heading, a form, save and cancel)."""
    return render(
        request,
        "core/form.html",
        {"form": form, "title": title, "cancel": cancel, "intro": intro, "submit": submit, "multipart": multipart},
    )


def request_limit(request) -> int:
    """The most bytes ``request`` may send (``core.limits``): the import page's files,
    any signed-in form or API call (a token counts: it is checked before the body is
    read), or somebody not signed in."""
    if request.user.is_authenticated or request.META.get("HTTP_AUTHORIZATION"):
        return limits.MAX_IMPORT_UPLOAD_BYTES if request.path.startswith("/import/") else limits.MAX_REQUEST_BYTES
    return limits.MAX_ANONYMOUS_REQUEST_BYTES


class RequestSize:
    """Middleware: a request whose body is declared larger than ``request_limit`` is a 413
    saying the limit, before Django parses it (a form's CSRF check reads the whole body,
    and an upload is written to disk, even for a request that is then refused)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            size = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = 0  # Django refuses a malformed length itself
        # Within the smallest limit nobody's limit need be known (that reads the session).
        if size > limits.MAX_ANONYMOUS_REQUEST_BYTES:
            allowed = request_limit(request)
            if size > allowed:
                return refusal(
                    request,
                    _("The request is too large: %(size)s MB, at most %(limit)s MB here.")
                    % {"size": f"{size / 1024**2:,.1f}", "limit": f"{allowed / 1024**2:,.0f}"},
                    413,
                )
        return self.get_response(request)
