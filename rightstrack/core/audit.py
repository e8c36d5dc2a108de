"""Record and read the audit trail; save edits without overwriting someone else's.

Services call ``record`` after each change with the values before and after (``values``
reads them). ``save_versioned`` is optimistic locking: an edit carries the version the
person saw; if someone saved in between, nothing is written and ``ConflictError`` says
who changed it and when, so two people never silently overwrite each other.
"""

from __future__ import annotations

import datetime as dt
import decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from rightstrack.core.errors import RightstrackError
from rightstrack.core.models import AuditAction, AuditEvent


class ConflictError(RightstrackError):
    """Someone else saved the object after the editor opened it."""


def plain(value):
    """A JSON-friendly form of a field value (dates as ISO text, models as their pk)."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def values(obj: models.Model, fields: list[str]) -> dict:
    """The current values of ``fields`` (foreign keys by their id)."""
    out = {}
    for name in fields:
        field = obj._meta.get_field(name)
        out[name] = plain(getattr(obj, field.attname))
    return out


#: Names of recorded changes that are not model fields (an import records a taxonomy's
#: tags under its slug): apps above core register a function giving a readable name.
LABELS: list = []


def field_label(model, name: str) -> str:
    """A recorded change's field as a person reads it: the model field's name, a name an
    app registered (LABELS), else the key itself; "key:qualifier" (a translation's
    language) reads as "label (qualifier)"."""
    from django.core.exceptions import FieldDoesNotExist

    if ":" in name:
        base, qualifier = name.split(":", 1)
        return f"{field_label(model, base)} ({qualifier})"
    try:
        return str(model._meta.get_field(name).verbose_name)
    except (FieldDoesNotExist, AttributeError):  # a reverse relation has no verbose_name
        found = next((label for find in LABELS if (label := find(name))), None)
        return str(found) if found else name.replace("_", " ").replace("-", " ")


def record(
    user, obj: models.Model, action: str, before: dict | None = None, after: dict | None = None, note: str = ""
) -> AuditEvent | None:
    """Write one event; for a change, only the fields whose value differs (none: no event)."""
    before, after = before or {}, after or {}
    changes = {
        k: [before.get(k), after.get(k)] for k in sorted(set(before) | set(after)) if before.get(k) != after.get(k)
    }
    if action == AuditAction.CHANGED and not changes:
        return None
    return AuditEvent.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        action=action,
        user=user if getattr(user, "pk", None) else None,
        changes=changes,
        note=note[:300],
    )


def record_many(user, model: type[models.Model], events: list[tuple[int, str, dict, str]], batch: int = 5000) -> int:
    """Write many events at once (imports, bulk decisions): ``events`` holds
    (object id, action, changes as {field: [before, after]}, note). Returns how many."""
    content_type = ContentType.objects.get_for_model(model)
    who = user if getattr(user, "pk", None) else None
    rows = [
        AuditEvent(
            content_type=content_type,
            object_id=str(pk),
            object_repr=f"{model._meta.verbose_name} {pk}"[:200],
            action=action,
            user=who,
            changes=changes,
            note=note[:300],
        )
        for pk, action, changes, note in events
    ]
    AuditEvent.objects.bulk_create(rows, batch_size=batch)
    return len(rows)


def history(obj: models.Model):
    """The object's events, newest first."""
    return AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("user")


def save_versioned(obj: models.Model, user, expected_version: int, changes: dict) -> models.Model:
    """Apply ``changes`` (field -> value) to ``obj`` if its stored version is still
    ``expected_version``; bump the version, record the change, return the fresh object.
    Raises ConflictError (nothing written) if someone saved it in between."""
    model = type(obj)
    with transaction.atomic():
        current = model.objects.select_for_update().get(pk=obj.pk)
        if current.version != expected_version:
            raise ConflictError(_conflict_message(current, expected_version))
        before = values(current, list(changes))
        for name, value in changes.items():
            setattr(current, name, value)
        current.full_clean()
        model.objects.filter(pk=obj.pk).update(version=F("version") + 1, **{n: getattr(current, n) for n in changes})
        current.refresh_from_db()
        record(user, current, AuditAction.CHANGED, before, values(current, list(changes)))
    return current


def _conflict_message(current: models.Model, expected_version: int) -> str:
    """Why nothing was saved, saying only what is known: who changed the item and when
    if the trail has it, else no name or time (an item nobody has edited yet, a change
    made before changes were recorded, or a version the caller made up)."""
    again = _("Reload it to see their changes, then make yours again.")
    if expected_version > current.version or current.version <= 1:
        return _(
            "%(item)s is not at the version you sent (%(sent)s; it is at version %(current)s); nothing was "
            "saved. Reload it to see what it holds now, then make your changes again."
        ) % {"item": current, "sent": expected_version, "current": current.version}
    last = history(current).filter(action=AuditAction.CHANGED).first()
    if last is None:
        return (
            _("%(item)s was changed by someone else since you opened it; nothing was saved.") % {"item": current}
            + " "
            + again
        )
    who = last.user.get_username() if last.user else _("someone")
    return (
        _("%(item)s was changed by %(who)s at %(when)s after you opened it; nothing was saved.")
        % {"item": current, "who": who, "when": f"{timezone.localtime(last.at):%Y-%m-%d %H:%M}"}
        + " "
        + again
    )
