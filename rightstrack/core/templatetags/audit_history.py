"""``{% history_panel obj %}``: an item's audit trail, newest first, for signed-in people.

The public never sees it: earlier states of an item (a draft report's text, a returned
report's comment) are not published information.
"""

from __future__ import annotations

from django import template
from django.core.exceptions import FieldDoesNotExist

from rightstrack.core.audit import field_label, history

register = template.Library()
SHOWN = 50  # events on a page; older ones stay in the database and the API


def _readable(model, name: str, value):
    """A field's stored value as a person reads it: a choice's label, a related item's name."""
    if isinstance(value, list):  # a set of tags or States
        return ", ".join(str(v) for v in value) or "—"
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        field = None
    if value in (None, ""):
        return "—"
    if field is None or not field.concrete:
        # Not a column of the item: a value recorded under a related set's name (a
        # report's evidence) is kept as its readable text already.
        return value
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if field.is_relation and field.many_to_one:
        found = field.related_model._default_manager.filter(pk=value).first()
        return str(found) if found else value
    return value


def _source(kind) -> str:
    """Who gave a value an import recorded: a kind of source, or a person."""
    from rightstrack.core.sources import source_label

    return source_label(kind) if kind else ""


def events(obj, limit: int = SHOWN) -> list[dict]:
    """The item's events with each change as (field label, before, after, source of
    before, source of after); imports record the sources of both values."""
    model = type(obj)
    rows = []
    for event in history(obj)[:limit]:
        changes = []
        for name, change in sorted(event.changes.items()):
            before, after = change[0], change[1]
            held, offered = change[2] if len(change) > 2 else (None, None)
            changes.append(
                (
                    field_label(model, name),
                    _readable(model, name, before),
                    _readable(model, name, after),
                    _source(held),
                    _source(offered),
                )
            )
        rows.append({"event": event, "changes": changes})
    return rows


@register.inclusion_tag("core/_history.html", takes_context=True)
def history_panel(context, obj):
    user = context.get("user")
    signed_in = bool(user and user.is_authenticated)
    return {"rows": events(obj) if signed_in else [], "signed_in": signed_in}
