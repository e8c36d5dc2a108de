"""What the apps' REST APIs share: the error responses of writes, an item's history,
finding what a caller may see, filtering with a FilterSet, a 201 answer, and the parts
of an edit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import HttpError

from rightstrack.api.auth import api_user
from rightstrack.api.errors import BadParameter, BadRequest, Conflict, NotFound, Refused
from rightstrack.core.audit import history
from rightstrack.core.errors import InvalidFilterError
from rightstrack.core.models import AuditAction

try:  # django-ninja 1.5+ deprecates returning a (status, body) tuple
    from ninja import Status as _Status
except ImportError:  # pragma: no cover - older django-ninja, which pyproject still allows
    _Status = None

# 404: a write names an item the caller may not see (or that does not exist).
WRITE_ERRORS = {400: BadRequest, 401: Refused, 403: Refused, 404: NotFound}
# 409: an edit's ``version`` is not the stored one any more.
EDIT_ERRORS = {**WRITE_ERRORS, 409: Conflict}


class HistoryEntry(Schema):
    who: str | None = Field(description="username of the person who made the change (null: the system)")
    when: dt.datetime
    action: str = Field(description="what happened: " + ", ".join(AuditAction.values))
    changes: dict[str, Any] = Field(description="field -> [value before, value after]")
    note: str


def history_of(request, obj) -> list[dict]:
    """The item's changes, newest first, for a signed-in caller; nothing for anonymous
    ones (the history names the people who work on the plan)."""
    if not api_user(request).is_authenticated:
        return []
    return [
        {
            "who": event.user.get_username() if event.user else None,
            "when": event.at,
            "action": event.action,
            "changes": event.changes,
            "note": event.note,
        }
        for event in history(obj)
    ]


def found(queryset: QuerySet, pk: int, message: str):
    """The row ``pk`` of ``queryset`` (what the caller may see); 404 otherwise."""
    row = queryset.filter(pk=pk).first()
    if row is None:
        raise HttpError(404, message)
    return row


def referenced(queryset: QuerySet, pk: int | None, parameter: str):
    """The row a request body names by id (None for None); 400 naming the parameter
    when the caller may not see such a row."""
    if pk is None:
        return None
    row = queryset.filter(pk=pk).first()
    if row is None:
        raise BadParameter(parameter, _("no such item: %(id)s") % {"id": pk})
    return row


def filtered(filterset_class, params: dict, queryset: QuerySet, **choices: QuerySet) -> QuerySet:
    """``queryset`` filtered by the FilterSet; 400 naming each bad parameter. ``choices``
    sets a choice filter's rows to what the caller may see: the FilterSet would ask a
    request's session user, who is anonymous for a caller with a token. An id the caller
    may not see is then refused like a missing one."""
    filterset = filterset_class(params, queryset=queryset)
    for name, allowed in choices.items():
        filterset.filters[name].queryset = allowed
    if not filterset.is_valid():
        raise InvalidFilterError({field: list(errors) for field, errors in filterset.errors.items()})
    return filterset.qs


class With:
    """An object for a response schema to read, with values added (a detail's lists, or
    what only this request knows) — the rest is read from ``obj``. Endpoints return rows,
    or rows ``With`` more, and the declared schema (with its ``resolve_*`` methods) is the
    one place that says what a record holds."""

    def __init__(self, obj, **added):
        self._obj = obj
        self.__dict__.update(added)

    def __getattr__(self, name):
        return getattr(self._obj, name)


def unwrap(obj):
    """The row itself, for a resolver that needs a value ``With`` replaced under the same name."""
    return obj._obj if isinstance(obj, With) else obj


def created(body):
    """A 201 response with ``body``, in the form the installed django-ninja expects."""
    return _Status(201, body) if _Status is not None else (201, body)


def edit_of(body: Schema) -> tuple[int, dict]:
    """The ``version`` an edit was read at, and the fields it changes: only those the
    caller sent, so that a field left out keeps its value (and ``null`` clears one)."""
    changes = body.model_dump(exclude_unset=True)
    return changes.pop("version"), changes
