"""What the API takes from one caller.

Every JSON body sent to the API is held to the input limits (``core.limits``) before
an endpoint reads it: no NUL byte (PostgreSQL refuses it, SQLite would keep it), no text
longer than a recommendation may be, no nesting deeper than any real request. The
schemas still say each field's own length; this catches the free texts they leave open
(comments, report texts) and bodies that would crash the parser.

Anonymous callers (no token, no session) are counted per address (``AnonymousRate``):
past ``API_ANONYMOUS_RATE`` (120 requests a minute) they get a 429 saying when to come
back. Signed-in callers are not counted: they are known, and a token can be revoked.
What costs the server most — the classifiers and the sentence encoder reading texts —
is counted for everybody (``spend``): ``CLASSIFY_CHARACTERS`` characters a minute each.
"""

from __future__ import annotations

import json
import math
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from ninja.errors import Throttled
from ninja.throttling import SimpleRateThrottle

from rightstrack.core import limits
from rightstrack.core.errors import InvalidValueError


def problem(body: bytes) -> tuple[str, str] | None:
    """(parameter, message) for the first value of a JSON body over a limit, or None."""
    try:
        data = json.loads(body)
    except RecursionError:
        return "body", f"nested more than {limits.MAX_JSON_DEPTH} levels deep"
    except ValueError:
        return None  # not JSON: the endpoint says so in its own words
    if limits.json_depth_exceeds(data):
        return "body", f"nested more than {limits.MAX_JSON_DEPTH} levels deep"
    stack = [("body", data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, dict):
            stack.extend((f"{where}.{key}", item) for key, item in value.items())
            stack.extend((f"{where}.{key}", key) for key in value)  # keys are texts too
        elif isinstance(value, list):
            stack.extend((f"{where}[{i}]", item) for i, item in enumerate(value))
        elif isinstance(value, str):
            try:
                limits.check_text(value, where.removeprefix("body."))
            except InvalidValueError as exc:
                return where.removeprefix("body."), str(exc)
    return None


class InputLimits:
    """Middleware for ``/api/``: a body over a limit is a 400 naming the parameter."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path.startswith("/api/")
            and request.method in ("POST", "PUT", "PATCH")
            and request.content_type == "application/json"
        ):
            try:
                body = request.body
            except RequestDataTooBig:
                message = _("The request body is larger than %(mb)s MB.") % {
                    "mb": f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024**2:g}"
                }
                return JsonResponse(
                    {"detail": message, "errors": [{"parameter": "body", "message": message}]}, status=413
                )
            found = problem(body)
            if found:
                parameter, message = found
                return JsonResponse(
                    {"detail": message, "errors": [{"parameter": parameter, "message": message}]}, status=400
                )
        return self.get_response(request)


try:
    import fcntl
except ImportError:
    fcntl = None

_counting = threading.Lock()


@contextmanager
def counting():
    """One count at a time, in every server process. A count is read, then written back
    (ninja's throttle keeps its state on the one throttle object, too): two processes
    flooded at once let 143 requests through in 42 s under a limit of 60 a minute, before
    this lock (a file lock between processes, where the system has one)."""
    with _counting:
        if fcntl is None:  # Windows: ``rightstrack serve`` runs one process there
            yield
            return
        with open(Path(settings.HOME) / "throttle.lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)


class AnonymousRate(SimpleRateThrottle):
    """django-ninja's rate throttle (a sliding window per address), for the callers the
    ``anonymous`` authentication let in. The rate is read at each request, so a setting
    changed in a test or by an administrator applies at once."""

    cache = caches["throttle"]
    scope = "anonymous"

    def __init__(self):
        super().__init__(rate="1/s")  # replaced below, at each request

    def allow_request(self, request) -> bool:
        rate = settings.API_ANONYMOUS_RATE
        if not rate:
            return True
        with counting():
            self.rate = rate
            self.num_requests, self.duration = self.parse_rate(rate)
            return super().allow_request(request)

    def get_cache_key(self, request) -> str | None:
        user = getattr(request, "auth", None)
        if user is not None and user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TooMuchWork(Throttled):
    """Past a caller's budget of some costly work for this minute (``spend``)."""

    def __init__(self, wait: float, message: str):
        super().__init__(math.ceil(wait))
        self.detail = message


def spend(request, amount: int, per_minute: int) -> None:
    """Count ``amount`` characters of texts for the classifiers against the caller's
    budget of ``per_minute`` (0: no budget); raise TooMuchWork past it.

    Fifty thousand characters take the encoder about half a second of a core, so a
    caller sending them back to back would take a core from everybody else. The first
    request of a minute always passes (one text may be longer than a small budget). The
    counts are shared by the server's processes (the ``throttle`` cache)."""
    if not per_minute:
        return
    now = time.time()
    user = getattr(request, "auth", None) or request.user
    who = f"user-{user.pk}" if getattr(user, "is_authenticated", False) else request.META.get("REMOTE_ADDR", "")
    key = f"classify:{who}:{int(now // 60)}"
    cache = caches["throttle"]
    with counting():
        used = cache.get(key, 0)
        if not used or used + amount <= per_minute:
            cache.set(key, used + amount, 120)
            return
    wait = 60 - now % 60
    raise TooMuchWork(
        wait,
        _(
            "The classifiers have read %(used)s characters of your texts this minute (at most %(most)s a minute). "
            "Send the rest in %(seconds)s s, or tag many recommendations at once with `rightstrack tag`."
        )
        % {
            "used": number_format(used, force_grouping=True),
            "most": number_format(per_minute, force_grouping=True),
            "seconds": math.ceil(wait),
        },
    )
