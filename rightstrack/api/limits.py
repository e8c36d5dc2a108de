"""Every JSON body sent to the API is held to the input limits (``core.limits``) before
an endpoint reads it: no NUL byte (PostgreSQL refuses it, SQLite would keep it), no text
longer than a recommendation may be, no nesting deeper than any real request. The
schemas still say each field's own length; this catches the free texts they leave open
(comments, report texts) and bodies that would crash the parser."""
from __future__ import annotations

import json

from django.http import JsonResponse

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
        if request.path.startswith("/api/") and request.method in ("POST", "PUT", "PATCH") \
                and request.content_type == "application/json":
            found = problem(request.body)
            if found:
                parameter, message = found
                return JsonResponse({"detail": message, "errors": [{"parameter": parameter, "message": message}]},
                                    status=400)
        return self.get_response(request)
