"""Errors as the API reports them: HTTP 400 with a JSON body naming each bad parameter.

``{"detail": "...", "errors": [{"parameter": "limit", "message": "..."}]}`` — for
parameters of the wrong type (ninja's validation), filter values the FilterSet refuses,
unreadable cursors, parameters the endpoint does not know, and values a model or a
service refuses (``errors`` is empty when the service names no single field).

The services' own refusals keep their message: ``NotAllowedError`` (the person's role
does not allow it) is a 403 and ``ConflictError`` (someone saved the item after the
caller read its ``version``) a 409, both ``{"detail": "..."}``.
"""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as ModelValidationError
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import Throttled, ValidationError

from rightstrack.api.limits import TooMuchWork
from rightstrack.core.audit import ConflictError
from rightstrack.core.errors import InvalidFilterError, InvalidValueError, NotAllowedError


class ParameterProblem(Schema):
    parameter: str
    message: str


class BadRequest(Schema):
    """The body of every 400 response."""

    detail: str
    errors: list[ParameterProblem]


class NotFound(Schema):
    """The body of every 404 response."""

    detail: str


class Refused(Schema):
    """The body of a 401 (no or bad credentials) or 403 (not allowed) response."""

    detail: str


class Conflict(Schema):
    """The body of a 409 response: the item changed since the caller read it."""

    detail: str


class BadParameter(Exception):
    """Raised by endpoints for a parameter they cannot use."""

    def __init__(self, parameter: str, message: str):
        self.parameter, self.message = parameter, message
        super().__init__(f"{parameter}: {message}")


def bad_request(api: NinjaAPI, request, problems: list[tuple[str, str]]):
    names = ", ".join(dict.fromkeys(name for name, _message in problems))
    body = {
        "detail": _("Invalid parameter: %(names)s") % {"names": names},
        "errors": [{"parameter": name, "message": message} for name, message in problems],
    }
    return api.create_response(request, body, status=400)


def _parameter(location: tuple) -> str:
    # ninja says ("query", "filters", "position", 0): the source, the view's argument
    # (a schema of several parameters), the parameter, the position in a list.
    names = [str(part) for part in location if not isinstance(part, int)]
    return names[-1]


def invalid_values(api: NinjaAPI, request, exc: ModelValidationError):
    """A 400 for values a model's ``full_clean`` refused: each field as a parameter, and
    the messages about no one field (a rule over several) as the detail."""
    if not hasattr(exc, "error_dict"):
        return api.create_response(request, {"detail": " ".join(exc.messages), "errors": []}, status=400)
    fields = {name: messages for name, messages in exc.message_dict.items() if name != NON_FIELD_ERRORS}
    if not fields:
        return api.create_response(
            request, {"detail": " ".join(exc.message_dict[NON_FIELD_ERRORS]), "errors": []}, status=400
        )
    return bad_request(api, request, [(name, " ".join(messages)) for name, messages in fields.items()])


def install(api: NinjaAPI) -> None:
    """Register the handlers that turn the errors above into 400, 403 and 409 responses."""

    @api.exception_handler(ValidationError)
    def invalid_type(request, exc: ValidationError):
        return bad_request(api, request, [(_parameter(tuple(e["loc"])), e["msg"]) for e in exc.errors])

    @api.exception_handler(InvalidFilterError)
    def invalid_filter(request, exc: InvalidFilterError):
        return bad_request(api, request, [(name, " ".join(messages)) for name, messages in exc.errors.items()])

    @api.exception_handler(BadParameter)
    def bad_parameter(request, exc: BadParameter):
        return bad_request(api, request, [(exc.parameter, exc.message)])

    @api.exception_handler(ModelValidationError)
    def invalid_model(request, exc: ModelValidationError):
        return invalid_values(api, request, exc)

    @api.exception_handler(InvalidValueError)
    def invalid_value(request, exc: InvalidValueError):
        return api.create_response(request, {"detail": str(exc), "errors": []}, status=400)

    @api.exception_handler(NotAllowedError)
    def not_allowed(request, exc: NotAllowedError):
        return api.create_response(request, {"detail": str(exc)}, status=403)

    @api.exception_handler(Throttled)
    def too_many(request, exc: Throttled):
        # The message says what to do, in the caller's language. ninja adds Retry-After
        # to its own throttle's answers; a budget of work (api.limits.spend) adds it here.
        if isinstance(exc, TooMuchWork):
            response = api.create_response(request, {"detail": exc.detail}, status=429)
            response["Retry-After"] = str(exc.wait)
            return response
        return api.create_response(
            request,
            {
                "detail": _(
                    "Too many requests without a token from this address. Wait a minute, or ask the NMRF for an "
                    "API token (rightstrack token create)."
                )
            },
            status=429,
        )

    @api.exception_handler(ConflictError)
    def conflict(request, exc: ConflictError):
        return api.create_response(request, {"detail": str(exc)}, status=409)


def reject_unknown(request, known) -> None:
    """Refuse query parameters the endpoint does not take: a misspelt filter
    (``contry=SVN``) would otherwise be ignored and return every record."""
    unknown = [name for name in request.GET if name not in known]
    if unknown:
        raise BadParameter(
            unknown[0], _("unknown parameter (this endpoint takes: %(known)s)") % {"known": ", ".join(sorted(known))}
        )
